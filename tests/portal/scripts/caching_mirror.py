#!/usr/bin/python3
"""ctest portal.caching_mirror: a school's caching mirror (firmware/mirror/nginx-mirror.conf)
in front of the district's feed site (firmware/portal/nginx-site.conf), both run by
Debian's nginx on loopback ports chosen now, with the real kiosk (headless, --once)
syncing through the mirror. Checks: the district's site tells caches what they may keep
(media: public, a year, immutable; manifest.json and its .sig: no-cache, with ETag and
Last-Modified); the first kiosk's media are fetched from the district once each; the
second kiosk gets all of them from the mirror (the district sees no media request, the
mirror answers HIT); a new version published at the district reaches a kiosk through
the mirror at once (the manifest is passed on, never served stale).

usage: caching_mirror.py SOURCE_DIR KIOSK PUBLISH"""
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import portal_site  # noqa: E402

source, kiosk_binary, publish_binary = sys.argv[1:4]
failures = []
FEED = "/feeds/quan-thanh-xuan/"
MEDIA_LINE = re.compile(r'"GET /feeds/quan-thanh-xuan/media/([0-9a-f]{64}) HTTP/1\.[01]" (\d{3}) ')
MANIFEST_LINE = re.compile(r'"GET /feeds/quan-thanh-xuan/manifest\.json HTTP/1\.[01]" (\d{3}) ')



def files_of(manifest):
    """Every media file of a feed: the pictures and their renditions (a kiosk fetches
    the one chosen for its screen, content/FORMAT.md "Renditions")."""
    return ({entry["sha256"] for entry in manifest["media"]} |
            {rendition["sha256"] for entry in manifest["media"] for rendition in entry.get("renditions", [])})

def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def fetch(url, ca=None):
    """(status, headers as a dict with lowercase names) of a GET."""
    context = ssl.create_default_context(cafile=ca) if url.startswith("https") else None
    with urllib.request.urlopen(urllib.request.Request(url), context=context, timeout=10) as reply:
        reply.read()
        return reply.status, {name.lower(): value for name, value in reply.getheaders()}


def logged(log_file, pattern):
    """The matches of `pattern` in an nginx access log, in order."""
    with open(log_file) as file:
        return [match.groups() for match in map(pattern.search, file) if match]


def main():
    work = tempfile.mkdtemp(prefix="bangvang-mirror-")
    origin = mirror = None
    try:
        ca, certificate, key = portal_site.make_certificate_authority(os.path.join(work, "tls"))
        content = os.path.join(work, "content")
        shutil.copytree(os.path.join(source, "content/sample"), content)
        feeds_root = os.path.join(work, "www")
        feed = os.path.join(feeds_root, "feeds", "quan-thanh-xuan")
        portal_site.run([publish_binary, "keygen", "--out", os.path.join(work, "keys", "district")])
        secret = os.path.join(work, "keys", "district.secret")

        def publish():
            portal_site.run([publish_binary, "build", "--no-text-check", content, "--out", feed, "--key", secret])
            with open(os.path.join(feed, "manifest.json")) as file:
                return json.load(file)

        manifest = publish()
        feed_key = open(os.path.join(work, "keys", "district.public")).read().strip()
        media = files_of(manifest)
        check(len(media) >= 5, "the sample feed has media (%d)" % len(media))

        # The district: its documented site (no portal behind it is needed for feeds).
        origin = portal_site.Nginx(source, os.path.join(work, "origin"), portal_site.free_port(), certificate, key,
                                   os.path.join(work, "no-staff.htpasswd"), feeds_root).start()
        # The school's mirror, from the repository's file, pointed at the district.
        mirror = portal_site.NginxSite(os.path.join(source, "firmware/mirror/nginx-mirror.conf"),
                                       os.path.join(work, "mirror"), {
                                           "listen 80;": "listen 127.0.0.1:{port};",
                                           "listen [::]:80;": "",
                                           "/var/cache/nginx/bangvang": os.path.join(work, "mirror", "cache"),
                                           "server feeds.district.example:443;": "server 127.0.0.1:%d;" % origin.port,
                                           "proxy_set_header Host feeds.district.example;": "proxy_set_header Host localhost;",
                                           "proxy_ssl_name feeds.district.example;": "proxy_ssl_name localhost;",
                                           "/etc/ssl/certs/ca-certificates.crt": ca,
                                       }, scheme="http").start()

        # What the district's site tells any cache in front of it.
        one_medium = sorted(media)[0]
        status, headers = fetch(origin.url(FEED + "media/" + one_medium), ca)
        check(status == 200 and headers.get("cache-control") == "public, max-age=31536000, immutable",
              "the district serves media with Cache-Control: public, max-age=31536000, immutable (%r)" %
              headers.get("cache-control"))
        check(headers.get("strict-transport-security") == "max-age=31536000" and
              headers.get("x-content-type-options") == "nosniff", "... and keeps the site's security headers")
        for name in ("manifest.json", "manifest.json.sig"):
            status, headers = fetch(origin.url(FEED + name), ca)
            check(status == 200 and headers.get("cache-control") == "no-cache" and "etag" in headers and
                  "last-modified" in headers,
                  "the district serves %s with Cache-Control: no-cache, ETag and Last-Modified (%r)" % (
                      name, headers.get("cache-control")))
        os.truncate(origin.access_log, 0)  # from here on: what the kiosks cost the district

        def kiosk(name):
            folder = os.path.join(work, name)
            os.makedirs(os.path.join(folder, "cache"), exist_ok=True)
            config = os.path.join(folder, "kiosk.json")
            with open(config, "w") as file:
                json.dump({"kiosk_id": name, "site": "truong-thcs-nhan-chinh", "cache_directory": "cache",
                           "screen": {"width": 800, "height": 480}, "sync": {"interval_seconds": 60},
                           "sources": [{"id": "quan-thanh-xuan", "url": mirror.url(FEED), "keys": [feed_key]}]},
                          file, ensure_ascii=False)
            return config

        def kiosk_round(config, screens):
            result = subprocess.run([kiosk_binary, "--config", config, "--headless", os.path.join(work, screens), "--once"],
                                    capture_output=True, text=True, timeout=300)
            if result.returncode != 0:
                print(result.stderr[-3000:])
            check(result.returncode == 0, "kiosk round %s exits 0" % screens)
            return result.stderr

        first, second = kiosk("kiosk-a"), kiosk("kiosk-b")
        applied = "applied version %d" % manifest["version"]
        check(applied in kiosk_round(first, "a-1"), "kiosk A synced version %d through the mirror" % manifest["version"])
        from_origin = logged(origin.access_log, MEDIA_LINE)
        fetched = {medium for medium, status in from_origin if status == "200"}
        check(len(fetched) > 0 and fetched <= media, "kiosk A's media came from the district through the mirror (%d)" %
              len(fetched))
        check(len(from_origin) == len(fetched), "each medium was fetched from the district once (%d requests, %d media)" % (
            len(from_origin), len(fetched)))

        check(applied in kiosk_round(second, "b-1"), "kiosk B synced version %d through the mirror" % manifest["version"])
        check(logged(origin.access_log, MEDIA_LINE) == from_origin, "kiosk B cost the district no media request")
        served = [medium for medium, status in logged(mirror.access_log, MEDIA_LINE) if status == "200"]
        check(len(served) == 2 * len(fetched) and set(served) == fetched,
              "the mirror served each medium to both kiosks (%d answers)" % len(served))
        status, headers = fetch(mirror.url(FEED + "media/" + sorted(fetched)[0]))
        check(status == 200 and headers.get("x-cache-status") == "HIT", "a medium asked of the mirror again: %s" %
              headers.get("x-cache-status"))
        check(headers.get("cache-control") == "public, max-age=31536000, immutable",
              "the mirror passes the district's Cache-Control on to the kiosks")

        # A new version at the district: the mirror passes the manifest on, so the kiosk
        # sees it at once.
        manifests_before = len(logged(origin.access_log, MANIFEST_LINE))
        notice = os.path.join(content, "thong-bao", "02-vi-nguoi-ngheo.txt")
        with open(notice, "a") as file:
            file.write("\nĐợt mới: nhận ủng hộ đến hết ngày 31/12.\n")
        newer = publish()
        check(newer["version"] > manifest["version"], "the district published version %d" % newer["version"])
        check("applied version %d" % newer["version"] in kiosk_round(second, "b-2"),
              "kiosk B got version %d through the mirror at its next poll" % newer["version"])
        manifests = logged(origin.access_log, MANIFEST_LINE)[manifests_before:]
        check(len(manifests) >= 1 and manifests[0][0] == "200",
              "the kiosk's manifest request reached the district (%s)" % [entry[0] for entry in manifests])
        unchanged = kiosk_round(first, "a-2")
        check("applied version %d" % newer["version"] in unchanged, "kiosk A too")
        new_media = {medium for medium, status in logged(origin.access_log, MEDIA_LINE)} - fetched
        check(new_media <= files_of(newer),
              "after the new version the district served only its new media (%d)" % len(new_media))
    finally:
        for server in (mirror, origin):
            if server:
                server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("caching mirror: %d check(s) failed" % len(failures) if failures else "caching mirror: every check passed")
    return 1 if failures else 0


sys.exit(main())
