#!/usr/bin/python3
"""The portal's load benchmark (not a test; ./run.sh bench-portal): the reports of
KIOSKS simulated kiosks — a heartbeat every 300 s each, about 4 plays a minute each,
batched as the kiosk batches them (one signed POST per heartbeat round with the plays
since the last) — replayed through nginx (TLS, the documented site) on loopback to the
real bangvang-portal: first at the real rate (KIOSKS/300 reports a second, on schedule)
for --paced-seconds, then the rest as fast as they go. The reports are signed before the
clock runs; CLIENTS processes (not threads: no shared interpreter lock) each keep one
TLS connection alive. Prints `figure: value unit` lines: per phase the latency p50/p99
seen by the client and the portal's own service time p50/p99 (its Server-Timing header,
from request headers read to answer queued), so the server's latency can be told from
the client's and the machine's; reports/s; the portal's CPU per report and at the real
load; peak RSS; database bytes per play and per kiosk-month; the load average and the
niceness of client and server (run it as a whole under one `nice`, never the client
below the server).

usage: benchmark.py SOURCE_DIR PORTAL_BINARY [--kiosks 10000] [--rounds 2] [--clients 8] [--paced-seconds 60]"""
import argparse
import base64
import http.client
import json
import os
import random
import shutil
import ssl
import sys
import tempfile
import multiprocessing
import resource
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import portal_site  # noqa: E402


def rfc3339(instant):
    return time.strftime("%Y-%m-%dT%H:%M:%S+07:00", time.gmtime(instant + 7 * 3600))


def process_figures(pid):
    with open("/proc/%d/stat" % pid) as file:
        fields = file.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak_kib = 0
    with open("/proc/%d/status" % pid) as file:
        for line in file:
            if line.startswith("VmHWM:"):
                peak_kib = int(line.split()[1])
    return cpu, peak_kib


REQUESTS = []     # (signature header, body), set before the client processes fork
TARGET = None     # (nginx port, CA file)


def send_share(arguments):
    """One client process: requests first..last-1 whose index % clients == worker, on one
    kept-alive TLS connection; at start_at + index / rate when paced, else back to back.
    Returns (latency ms, status, portal service ms, ms late) per request."""
    worker, clients, first, last, start_at, rate = arguments
    port, ca = TARGET
    context = ssl.create_default_context(cafile=ca)
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    results = []
    for index in range(first + worker, last, clients):
        header, body = REQUESTS[index]
        late = 0.0
        if start_at is not None:
            due = start_at + (index - first) / rate
            wait = due - time.time()
            if wait > 0:
                time.sleep(wait)
            late = max(0.0, time.time() - due) * 1000
        status, served, timings = 0, float("nan"), {}
        started = time.perf_counter()
        for attempt in range(2):
            try:
                connection.request("POST", "/api/report", body=body, headers={
                    "Content-Type": "application/json", "X-Bangvang-Signature": header})
                answer = connection.getresponse()
                answer.read()
                status = answer.status
                timings = server_timings(answer.getheader("Server-Timing") or "")
                served = timings.get("app", (float("nan"), ""))[0]
                break
            except (http.client.HTTPException, OSError):
                connection.close()
                connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
        results.append(((time.perf_counter() - started) * 1000, status, served, late, timings))
    connection.close()
    return results


def server_timings(header):
    """{name: (ms, desc)} of a Server-Timing header ("app;dur=1.2, commit;dur=0.8;desc=\"3\"")."""
    timings = {}
    for entry in header.split(","):
        parts = [part.strip() for part in entry.split(";")]
        duration, description = float("nan"), ""
        for part in parts[1:]:
            if part.startswith("dur="):
                duration = float(part[4:])
            elif part.startswith("desc="):
                description = part[5:].strip('"')
        if parts[0]:
            timings[parts[0]] = (duration, description)
    return timings


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")


def latency_figures(entries):
    served = [entry[2] for entry in entries if entry[2] == entry[2]]
    figures = {"p50": percentile([entry[0] for entry in entries], 0.5),
               "p99": percentile([entry[0] for entry in entries], 0.99),
               "server_p50": percentile(served, 0.5), "server_p99": percentile(served, 0.99),
               "late": sum(1 for entry in entries if entry[3] > 10)}
    # The portal's own time, by part: checking (signature, parsing), waiting for the
    # group commit, the commit itself; and how many reports shared a commit.
    for part in ("check", "queue", "commit"):
        values = [entry[4][part][0] for entry in entries if part in entry[4]]
        figures[part] = (percentile(values, 0.5), percentile(values, 0.99))
    batches = [int(entry[4]["commit"][1]) for entry in entries if entry[4].get("commit", (0, ""))[1].isdigit()]
    figures["batch"] = (sum(batches) / len(batches) if batches else float("nan"), max(batches) if batches else 0)
    return figures


def print_parts(phase, figures):
    for part, what in (("check", "checking (signature, parsing)"), ("queue", "waiting for the group commit"),
                       ("commit", "the group commit (fsync included)")):
        print("figure: %s portal time %s p50/p99: %.2f / %.2f ms" % ((phase, what) + figures[part]))
    print("figure: %s reports per commit: mean %.1f, max %d" % ((phase,) + figures["batch"]))


def process_nice(pid):
    with open("/proc/%d/stat" % pid) as file:
        return int(file.read().rsplit(")", 1)[1].split()[16])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("portal_binary")
    parser.add_argument("--kiosks", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2, help="heartbeat rounds (300 s of load each)")
    parser.add_argument("--clients", type=int, default=8, help="client processes, each with one kept-alive connection")
    parser.add_argument("--paced-seconds", type=float, default=60,
                        help="how long to send at the real rate (KIOSKS/300 reports a second) before flooding")
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="bangvang-portal-bench-")
    portal = nginx = None
    try:
        sodium = portal_site.Sodium()
        ca, certificate, key = portal_site.make_certificate_authority(os.path.join(work, "tls"))
        portal = portal_site.Portal(options.portal_binary, os.path.join(work, "portal"), poll_interval=300, tolerance=3600)
        kiosks = []
        registry = []
        for index in range(options.kiosks):
            secret, public = sodium.keypair()
            kiosk_id = "kiosk-%05d" % index
            kiosks.append((kiosk_id, "site-%03d" % (index % 300), secret))
            registry.append({"id": kiosk_id, "public_key": base64.b64encode(public).decode(), "site": "site-%03d" % (index % 300),
                             "place": "Điểm %d" % index})
        with open(portal.registry, "w") as file:
            json.dump({"kiosks": registry}, file)
        portal.start()
        htpasswd = os.path.join(work, "staff.htpasswd")
        with open(htpasswd, "w") as file:
            file.write(portal_site.htpasswd_line("can-bo", "bench"))
        os.makedirs(os.path.join(work, "www"))
        nginx = portal_site.Nginx(options.source, os.path.join(work, "nginx"), portal.port, certificate, key, htpasswd,
                                  os.path.join(work, "www"))
        # The benchmark's clients all come from 127.0.0.1: the per-address limits of the
        # documented site would throttle them as one abusive client.
        with open(nginx.config) as file:
            config = file.read()
        config = config.replace("limit_req zone=bangvang_reports burst=200 nodelay;", "")
        config = config.replace("limit_conn bangvang_connections 64;", "")
        with open(nginx.config, "w") as file:
            file.write(config)
        nginx.start()

        # The load: per round, per kiosk, one POST with its heartbeat and the ~20 plays since.
        now = int(time.time())
        items = ["story-%02d" % n for n in range(12)] + ["thong-bao-%02d" % n for n in range(6)]
        bodies = []
        for round_index in range(options.rounds):
            round_start = now - (options.rounds - round_index) * 300
            for kiosk_id, site, secret in kiosks:
                plays = []
                at = round_start + random.randint(0, 14)
                while at < round_start + 300 and len(plays) < 20:
                    plays.append({"item": random.choice(items), "source": "quan-thanh-xuan", "started_at": rfc3339(at),
                                  "duration_ms": 15000 + random.randint(0, 40)})
                    at += 15
                heartbeat = {"at": rfc3339(round_start + 299), "kiosk_id": kiosk_id, "site": site,
                             "program_version": "0.1.0", "uptime_seconds": 86400, "free_disk_bytes": 5120004096,
                             "sources": [{"id": "quan-thanh-xuan", "version": 7, "last_sync": rfc3339(round_start + 290),
                                          "last_error": ""}], "recent_errors": []}
                body = json.dumps({"format": "bangvang.report/1", "kiosk_id": kiosk_id, "site": site,
                                   "source": "quan-thanh-xuan", "sent_at": rfc3339(round_start + 299),
                                   "heartbeats": [heartbeat], "plays": plays, "play_counts": []},
                                  separators=(",", ":")).encode()
                bodies.append((kiosk_id, secret, body, len(plays)))
        plays_total = sum(entry[3] for entry in bodies)
        body_bytes = sum(len(entry[2]) for entry in bodies)

        # Signed before any clock runs (as many kiosks sign their own), so the clients only send.
        stamp = int(time.time() * 1000)
        signed = []
        for index, (kiosk_id, secret, body, _) in enumerate(bodies):
            signed.append((portal_site.signature_header(sodium, secret, kiosk_id, stamp + index, body), body))
        real_rate = options.kiosks / 300.0
        paced_count = min(len(signed) // 2, int(real_rate * options.paced_seconds))
        global REQUESTS, TARGET
        REQUESTS, TARGET = signed, (nginx.port, ca)
        pool = multiprocessing.get_context("fork").Pool(options.clients)
        load_before = os.getloadavg()
        # 1. The real load: reports at KIOSKS/300 a second, on schedule, each client process
        #    with its own kept-alive TLS connection (latency measured from the actual send).
        cpu_before, _ = process_figures(portal.process.pid)
        nginx_cpu_before, _ = process_figures(nginx.process.pid)
        client_cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start_at = time.time() + 1.0
        paced = pool.map(send_share, [(worker, options.clients, 0, paced_count, start_at, real_rate)
                                      for worker in range(options.clients)])
        paced_elapsed = time.time() - start_at
        cpu_middle, _ = process_figures(portal.process.pid)
        nginx_cpu_middle, _ = process_figures(nginx.process.pid)
        # 2. As fast as it goes: the rest, each client sending its next report as soon as
        #    the previous one is answered.
        started = time.perf_counter()
        flood = pool.map(send_share, [(worker, options.clients, paced_count, len(signed), None, None)
                                      for worker in range(options.clients)])
        elapsed = time.perf_counter() - started
        cpu_after, peak_kib = process_figures(portal.process.pid)
        nginx_cpu_after, _ = process_figures(nginx.process.pid)
        pool.close()
        pool.join()
        client_cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_after = os.getloadavg()
        niceness = (os.nice(0), process_nice(portal.process.pid), process_nice(nginx.process.pid))

        statuses = {}
        for share in paced + flood:
            for _, status, _, _, _ in share:
                statuses[status] = statuses.get(status, 0) + 1
        reports = len(bodies)
        paced_portal_cpu = cpu_middle - cpu_before
        portal_cpu = cpu_after - cpu_before
        nginx_cpu = nginx_cpu_after - nginx_cpu_before
        client_cpu = (client_cpu_after.ru_utime + client_cpu_after.ru_stime -
                      client_cpu_before.ru_utime - client_cpu_before.ru_stime)
        paced_figures = latency_figures([entry for share in paced for entry in share])
        flood_figures = latency_figures([entry for share in flood for entry in share])
        flood_count = reports - paced_count
        # Stopped, the portal checkpoints its WAL into the main file: that file is what is kept.
        portal.stop()
        database_bytes = os.path.getsize(portal.database)
        simulated_seconds = options.rounds * 300
        plays_per_kiosk_month = plays_total / options.kiosks * (30 * 86400 / simulated_seconds)
        # The portal's own roll-up (what it does after raw_play_days), on a copy, then compacted.
        import sqlite3
        rolled = os.path.join(work, "rolled.sqlite3")
        shutil.copy(portal.database, rolled)
        rolled_config = os.path.join(work, "rolled.json")
        with open(rolled_config, "w") as file:
            json.dump({"database": rolled, "registry": portal.registry}, file)
        portal_site.run([options.portal_binary, "roll-up", "--config", rolled_config, "--days", "0"])
        database = sqlite3.connect(rolled)
        database.execute("DELETE FROM used_signatures")
        database.execute("DELETE FROM folded_counts_seen")
        database.commit()
        database.execute("VACUUM")
        database.close()
        rolled_bytes = os.path.getsize(rolled)
        print("figure: kiosks: %d" % options.kiosks)
        print("figure: reports sent: %d (%d plays, %.1f MB of bodies)" % (reports, plays_total, body_bytes / 1e6))
        print("figure: answers: %s" % ", ".join("%d x %d" % (count, code) for code, count in sorted(statuses.items())))
        print("figure: load average (1, 5, 15 min) before: %.2f %.2f %.2f, after: %.2f %.2f %.2f" % (
            load_before + load_after))
        print("figure: niceness: clients %d, portal %d, nginx %d" % (
            niceness))
        print("figure: real load (%.1f reports/s, %d reports over %.0f s, %d clients with keep-alive): "
              "%d sent more than 10 ms late" % (real_rate, paced_count, paced_elapsed, options.clients, paced_figures["late"]))
        print("figure: real load latency p50: %.1f ms" % paced_figures["p50"])
        print("figure: real load latency p99: %.1f ms" % paced_figures["p99"])
        print("figure: real load portal service time p50: %.2f ms" % paced_figures["server_p50"])
        print("figure: real load portal service time p99: %.2f ms" % paced_figures["server_p99"])
        print_parts("real load", paced_figures)
        print("figure: real load portal CPU: %.1f %% of one core" % (paced_portal_cpu / paced_elapsed * 100))
        print("figure: as fast as it goes: %.0f reports/s (%d reports, %d clients)" % (
            flood_count / elapsed, flood_count, options.clients))
        print("figure: as fast as it goes latency p50: %.1f ms" % flood_figures["p50"])
        print("figure: as fast as it goes latency p99: %.1f ms" % flood_figures["p99"])
        print("figure: as fast as it goes portal service time p50: %.2f ms" % flood_figures["server_p50"])
        print("figure: as fast as it goes portal service time p99: %.2f ms" % flood_figures["server_p99"])
        print_parts("as fast as it goes", flood_figures)
        print("figure: client CPU per report: %.3f ms" % (client_cpu / reports * 1000))
        print("figure: portal CPU per report: %.3f ms" % (portal_cpu / reports * 1000))
        print("figure: portal CPU at the real load (%.1f reports/s), from the CPU per report: %.1f %% of one core" % (
            real_rate, portal_cpu / reports * real_rate * 100))
        print("figure: nginx CPU at the real load (TLS): %.1f %% of one core" % (nginx_cpu / reports * real_rate * 100))
        print("figure: portal peak RSS: %.1f MB" % (peak_kib / 1024))
        print("figure: database bytes: %d B after %d s of simulated load (%d plays)" % (
            database_bytes, simulated_seconds, plays_total))
        print("figure: database bytes per single play (kept raw_play_days after arrival): %.0f B" % (
            database_bytes / plays_total))
        print("figure: database bytes per kiosk-month while raw: %.1f MB (%.0f plays)" % (
            database_bytes / plays_total * plays_per_kiosk_month / 1e6, plays_per_kiosk_month))
        print("figure: database bytes per kiosk-day once rolled up into daily counts: %.0f B" % (
            rolled_bytes / options.kiosks))
        print("figure: database bytes per kiosk-month once rolled up: %.0f kB" % (
            rolled_bytes / options.kiosks * 30 / 1e3))
        return 0 if statuses.get(200, 0) == reports else 1
    finally:
        for server in (nginx, portal):
            if server:
                server.stop()
        shutil.rmtree(work, ignore_errors=True)


sys.exit(main())
