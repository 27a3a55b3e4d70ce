#!/usr/bin/python3
"""The portal's load benchmark (not a test; ./run.sh bench-portal): the reports of
KIOSKS simulated kiosks — a heartbeat every 300 s each, about 4 plays a minute each,
batched as the kiosk batches them (one signed POST per heartbeat round with the plays
since the last) — replayed through nginx (TLS, the documented site) on loopback to the
real bangvang-portal as fast as they go. Prints `figure: value unit` lines: reports/s,
latency p50/p99, the portal's CPU per report and the share of one core the real load
(KIOSKS/300 reports a second) would take, peak RSS, database bytes per kiosk-month.

usage: benchmark.py SOURCE_DIR PORTAL_BINARY [--kiosks 10000] [--rounds 2] [--clients 8]"""
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
import threading
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("portal_binary")
    parser.add_argument("--kiosks", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2, help="heartbeat rounds (300 s of load each)")
    parser.add_argument("--clients", type=int, default=8)
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

        context = ssl.create_default_context(cafile=ca)
        latencies = []
        statuses = {}
        lock = threading.Lock()
        next_index = [0]
        stamp = [int(time.time() * 1000)]

        def client():
            connection = http.client.HTTPSConnection("127.0.0.1", nginx.port, context=context, timeout=30)
            mine = []
            mine_statuses = {}
            while True:
                with lock:
                    if next_index[0] >= len(bodies):
                        break
                    kiosk_id, secret, body, _ = bodies[next_index[0]]
                    next_index[0] += 1
                    stamp[0] += 1
                    millis = stamp[0]
                header = portal_site.signature_header(sodium, secret, kiosk_id, millis, body)
                started = time.perf_counter()
                for attempt in range(2):
                    try:
                        connection.request("POST", "/api/report", body=body, headers={
                            "Content-Type": "application/json", "X-Bangvang-Signature": header})
                        answer = connection.getresponse()
                        answer.read()
                        break
                    except (http.client.HTTPException, OSError):
                        connection.close()
                        connection = http.client.HTTPSConnection("127.0.0.1", nginx.port, context=context, timeout=30)
                mine.append(time.perf_counter() - started)
                mine_statuses[answer.status] = mine_statuses.get(answer.status, 0) + 1
            with lock:
                latencies.extend(mine)
                for code, count in mine_statuses.items():
                    statuses[code] = statuses.get(code, 0) + count

        cpu_before, _ = process_figures(portal.process.pid)
        nginx_cpu_before, _ = process_figures(nginx.process.pid)
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(options.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        cpu_after, peak_kib = process_figures(portal.process.pid)
        nginx_cpu_after, _ = process_figures(nginx.process.pid)

        latencies.sort()
        reports = len(bodies)
        portal_cpu = cpu_after - cpu_before
        nginx_cpu = nginx_cpu_after - nginx_cpu_before
        real_rate = options.kiosks / 300.0
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
        print("figure: reports per second: %.0f reports/s" % (reports / elapsed))
        print("figure: latency p50: %.1f ms" % (latencies[len(latencies) // 2] * 1000))
        print("figure: latency p99: %.1f ms" % (latencies[int(len(latencies) * 0.99)] * 1000))
        print("figure: portal CPU per report: %.3f ms" % (portal_cpu / reports * 1000))
        print("figure: portal CPU at the real load (%.1f reports/s): %.1f %% of one core" % (
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
