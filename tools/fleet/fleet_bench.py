#!/usr/bin/python3
"""The fleet benchmark (./run.sh bench-fleet, issue #15): N simulated kiosks
(bangvang-fleet-simulation: the kiosk's own sync code and schedule, in one process)
polling the sample feed from the district's documented nginx site
(firmware/portal/nginx-site.conf, TLS, run by Debian's nginx on loopback as the portal
tests run it: tests/portal/scripts/portal_site.py).

  1. build the sample feed (or --content DIR; with renditions unless --no-renditions)
     as version 1 and serve it;
  2. start the kiosks with empty caches, each first poll at a random point of its first
     interval; wait until every kiosk has version 1;
  3. measure the steady state for --steady-seconds: requests/s at nginx, nginx CPU
     (utime + stime of its one process, /proc/PID/stat, as % of one core);
  4. publish version 2 (the same content built with --update-args, by default
     --max-side 960: every picture of the sample is re-encoded, so every media file is
     new) and measure until every kiosk has applied it:
     the time from publishing to each kiosk's apply (median, p99, max), bytes per kiosk,
     nginx's requests/s and CPU over that window.
Kiosks have the screens given with --screen, taken in turn, and fetch the renditions
chosen for them (core::with_chosen_renditions); without --screen no screen is known
and every kiosk fetches the originals. Everything runs in real time (an interval of
60 s lasts 60 s). Prints `figure: value unit` lines, the simulator's own first, then
the bytes of each version a kiosk of each screen needs by the manifest. --check (the ctest sync.fleet_simulation) fails
unless every kiosk applied both versions and the bytes and requests add up.

usage: fleet_bench.py SOURCE_DIR SIMULATION PUBLISH [--kiosks N] [--interval S]
       [--threads T] [--steady-seconds W] [--max-seconds M] [--first-retry S]
       [--seed] [--client-per-kiosk] [--plain-http] [--screen WxH ...] [--content DIR]
       [--no-renditions] [--update-args "ARGS"] [--work DIR] [--check]"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SOURCE = "quan-thanh-xuan"
FEED_PATH = "/feeds/%s/" % SOURCE
LOG_LINE = re.compile(r'"(GET|HEAD) (\S+) HTTP/[0-9.]+" (\d{3}) (\d+)')


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("simulation")
    parser.add_argument("publish")
    parser.add_argument("--kiosks", type=int, default=1000)
    parser.add_argument("--interval", type=int, default=300, help="poll interval in seconds (the kiosk's default)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--steady-seconds", type=float, default=60)
    parser.add_argument("--max-seconds", type=int, default=0, help="bound of the simulation (default: 4 intervals + 10 min)")
    parser.add_argument("--first-retry", type=int, default=30)
    parser.add_argument("--seed", action="store_true",
                        help="the kiosks start with a copy of the first one's cache (for 10,000: no 10,000 installs)")
    parser.add_argument("--client-per-kiosk", action="store_true",
                        help="each kiosk keeps its HTTP client as a real one does (TLS sessions resumed)")
    parser.add_argument("--plain-http", action="store_true",
                        help="the kiosks fetch the feed over plain HTTP (the site's port 80), not TLS")
    parser.add_argument("--screen", action="append", default=[],
                        help="a kiosk screen WIDTHxHEIGHT; several: taken in turn (default: none known, originals)")
    parser.add_argument("--content", help="the content folder to publish (default: content/sample)")
    parser.add_argument("--no-renditions", action="store_true", help="build without renditions (today's feeds)")
    parser.add_argument("--update-args", default="--max-side 960",
                        help="build options of version 2, which must change every picture (default: --max-side 960)")
    parser.add_argument("--work", help="scratch folder (default: a new one under /tmp, removed after)")
    parser.add_argument("--check", action="store_true", help="fail unless every kiosk got both versions")
    return parser.parse_args()


def nginx_cpu_seconds(pid):
    """utime + stime of a process and its waited-for children, in seconds."""
    with open("/proc/%d/stat" % pid) as file:
        fields = file.read().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def access_log(path):
    """(requests, body bytes sent) per status class of the feed's requests so far."""
    requests, sent = 0, 0
    with open(path) as file:
        for line in file:
            match = LOG_LINE.search(line)
            if match and match.group(2).startswith(FEED_PATH):
                requests += 1
                sent += int(match.group(4))
    return requests, sent


def sample(nginx):
    requests, sent = access_log(nginx.access_log)
    return {"at": time.monotonic(), "cpu": nginx_cpu_seconds(nginx.process.pid), "requests": requests, "sent": sent}


def print_chosen_bytes(options, media1, media2):
    """What a kiosk of each screen needs of each version, by the manifests: the bytes an
    update costs it, against the originals every kiosk fetched before renditions."""
    originals1 = sum(entry["size"] for entry in media1.values())
    originals2 = sum(entry["size"] for sha, entry in media2.items() if sha not in media1)
    for screen in options.screen or [None]:
        files1 = files_for(media1, screen)
        files2 = {sha: size for sha, size in files_for(media2, screen).items() if sha not in files1}
        print("figure: files of version 1 for a kiosk at %s: %.2f MB (originals %.2f MB, %.1f %%)" % (
            screen or "no screen", sum(files1.values()) / 1e6, originals1 / 1e6,
            100 * sum(files1.values()) / max(originals1, 1)))
        print("figure: new files of version 2 for a kiosk at %s: %.2f MB (originals %.2f MB, %.1f %%)" % (
            screen or "no screen", sum(files2.values()) / 1e6, originals2 / 1e6,
            100 * sum(files2.values()) / max(originals2, 1)))


def print_window(name, start, end):
    seconds = max(end["at"] - start["at"], 1e-6)
    requests = end["requests"] - start["requests"]
    print("figure: %s requests/s at nginx: %.1f req/s (%d requests in %.1f s)" % (name, requests / seconds, requests, seconds))
    print("figure: %s nginx CPU: %.2f %% of one core (%.2f s)" % (name, 100 * (end["cpu"] - start["cpu"]) / seconds,
                                                                 end["cpu"] - start["cpu"]))
    print("figure: %s nginx body bytes sent: %.2f MB" % (name, (end["sent"] - start["sent"]) / 1e6))


def build(publish, content, feed, secret, extra=()):
    built = subprocess.run([publish, "build", "--no-text-check", content, "--out", feed, "--key", secret, *extra],
                           capture_output=True, text=True)
    if built.returncode != 0:
        raise RuntimeError("bangvang-publish build failed: " + built.stderr[-2000:])
    with open(os.path.join(feed, "manifest.json")) as file:
        return json.load(file)


def chosen(entry, screen):
    """(sha256, size) of the file a kiosk of `screen` ("1920x1080", or None) fetches for a
    media entry: core::choose_rendition's rule (content/FORMAT.md "Renditions")."""
    boxes = [box for box in entry.get("boxes") or [] if box["screen"] == screen]
    best = None
    for rendition in entry.get("renditions") or []:
        if not boxes or ("crop" in rendition and rendition.get("screen") != screen):
            continue
        if rendition["width"] < boxes[-1]["width"] or rendition["height"] < boxes[-1]["height"]:
            continue
        key = (rendition["width"] * rendition["height"], rendition["size"])
        if best is None or key < (best["width"] * best["height"], best["size"]):
            best = rendition
    return (best or entry)["sha256"], (best or entry)["size"]


def files_for(media, screen):
    """sha256 -> size of what a kiosk of `screen` fetches for these media entries."""
    return dict(chosen(entry, screen) for entry in media.values())


def load_results(path):
    with open(path) as file:
        header = file.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in file]


def check_results(options, results, nginx_requests, media1, media2, failures):
    def check(condition, what):
        print(("ok   " if condition else "FAIL ") + what, flush=True)
        if not condition:
            failures.append(what)
    check(len(results) == options.kiosks, "one result line per kiosk (%d)" % len(results))
    check(all(int(row["target_ns"]) > 0 for row in results), "every kiosk applied version 2")
    least = 0
    for screen in sorted({row["screen"] for row in results}):
        rows = [row for row in results if row["screen"] == screen]
        files1 = files_for(media1, screen or None)
        files2 = {sha: size for sha, size in files_for(media2, screen or None).items() if sha not in files1}
        bytes1, bytes2 = sum(files1.values()), sum(files2.values())
        name = screen or "no screen"
        check(all(int(row["install_bytes"]) >= bytes1 for row in rows),
              "every kiosk at %s downloaded the %d files version 1 has for it (%d bytes) or more" % (
                  name, len(files1), bytes1))
        check(len(files2) > 0 and all(int(row["update_bytes"]) >= bytes2 for row in rows),
              "every kiosk at %s downloaded version 2's %d new files for it (%d bytes) or more" % (
                  name, len(files2), bytes2))
        # Renditions are fetched instead of originals, never as well: the manifest, headers
        # and a retried download or two above the files chosen, not a second set of files.
        check(all(int(row["install_bytes"]) < bytes1 * 3 // 2 + 200000 for row in rows),
              "no kiosk at %s downloaded more than the files chosen for it" % name)
        least += len(rows) * (2 + len(files1)) + len(rows) * (2 + len(files2))
    check(all(int(row["polls"]) >= 2 for row in results), "every kiosk polled at least twice")
    check(nginx_requests >= least, "nginx logged %d feed requests, at least %d" % (nginx_requests, least))


def main():
    options = arguments()
    if not os.path.exists("/usr/sbin/nginx"):
        print("nginx is not installed (./run.sh installs it); skipped")
        return 77
    sys.path.insert(0, os.path.join(options.source, "tests/portal/scripts"))
    import portal_site
    interval = options.interval
    max_seconds = options.max_seconds or 4 * interval + 600
    work = options.work or tempfile.mkdtemp(prefix="bangvang-fleet-")
    if options.work:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    nginx = simulation = None
    failures = []
    try:
        print("figure: load average at start: %s" % " ".join(open("/proc/loadavg").read().split()[:3]), flush=True)
        ca, certificate, key = portal_site.make_certificate_authority(os.path.join(work, "tls"))
        content = os.path.join(work, "content")
        shutil.copytree(options.content or os.path.join(options.source, "content/sample"), content)
        renditions = ["--no-renditions"] if options.no_renditions else []
        feeds_root = os.path.join(work, "www")
        feed = os.path.join(feeds_root, "feeds", SOURCE)
        portal_site.run([options.publish, "keygen", "--out", os.path.join(work, "keys", "district")])
        secret = os.path.join(work, "keys", "district.secret")
        manifest1 = build(options.publish, content, feed, secret, renditions)
        media1 = {entry["sha256"]: entry for entry in manifest1["media"]}
        nginx = portal_site.Nginx(options.source, os.path.join(work, "nginx"), portal_site.free_port(), certificate, key,
                                  os.path.join(work, "no-staff.htpasswd"), feeds_root).start()
        ready, published, results = (os.path.join(work, name) for name in ("ready", "published", "results.tsv"))
        output = open(os.path.join(work, "simulation.out"), "w+")
        simulation = subprocess.Popen([
            options.simulation, "--feed", (nginx.plain_url if options.plain_http else nginx.url)(FEED_PATH), "--source", manifest1["source"]["id"],
            "--public-key", os.path.join(work, "keys", "district.public"), "--ca-file", ca,
            "--kiosks", str(options.kiosks), "--interval", str(interval), "--threads", str(options.threads),
            "--first-retry", str(options.first_retry), "--scratch", os.path.join(work, "kiosks"),
            "--target-version", str(manifest1["version"] + 1), "--max-seconds", str(max_seconds),
            "--ready-file", ready, "--published-file", published, "--results", results] +
            (["--seed-from-first"] if options.seed else []) +
            (["--client-per-kiosk"] if options.client_per_kiosk else []) +
            [argument for screen in options.screen for argument in ("--screen", screen)], stdout=output, stderr=output)
        start = sample(nginx)
        while not os.path.exists(ready) and simulation.poll() is None:
            time.sleep(0.2)
        if not os.path.exists(ready):
            raise RuntimeError("the simulation ended before every kiosk had version 1")
        synced = sample(nginx)
        time.sleep(options.steady_seconds)
        steady = sample(nginx)
        manifest2 = build(options.publish, content, feed, secret, renditions + options.update_args.split())
        with open(published, "w") as file:
            file.write("%d\n" % time.monotonic_ns())
        publish_sample = sample(nginx)
        simulation.wait(timeout=max_seconds + 120)
        end = sample(nginx)
        output.seek(0)
        sys.stdout.write(output.read())
        media2 = {entry["sha256"]: entry for entry in manifest2["media"]}
        print("figure: feed media (originals): version 1 %d files %.2f MB, version 2 %d new files %.2f MB" % (
            len(media1), sum(entry["size"] for entry in media1.values()) / 1e6,
            len([sha for sha in media2 if sha not in media1]),
            sum(entry["size"] for sha, entry in media2.items() if sha not in media1) / 1e6))
        print_chosen_bytes(options, media1, media2)
        print_window("install (empty caches -> version 1)", start, synced)
        print_window("steady (polls, all 304)", synced, steady)
        print_window("update (publish -> every kiosk has version 2)", publish_sample, end)
        print("figure: load average at end: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
        if simulation.returncode != 0:
            failures.append("bangvang-fleet-simulation exited with %d" % simulation.returncode)
        if options.check:
            check_results(options, load_results(results), end["requests"], media1, media2, failures)
    finally:
        if simulation and simulation.poll() is None:
            simulation.kill()
            simulation.wait()
        if nginx:
            nginx.stop()
        if not options.work and not failures:
            shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
