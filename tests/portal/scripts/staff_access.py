#!/usr/bin/python3
"""The staff pages when the documented nginx site (firmware/portal/nginx-site.conf) has
no usable password file: Debian's nginx still starts (the file is read per request), and
/fleet, /fleet.json, /report and /report.csv are refused — 401 to a request without
credentials; with credentials 403 while the file is missing, 500 when it is not a
readable file, 401 while it holds no user — never served openly; kiosks' reports still reach the portal. Once staff create the file, the pages
open with the password, without a reload. Over the site's plain HTTP port only the feeds
are served; every other path is redirected to https.

usage: staff_access.py SOURCE_DIR PORTAL_BINARY"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import portal_site  # noqa: E402

source, portal_binary = sys.argv[1:3]
failures = []
STAFF_PATHS = ("/fleet", "/fleet.json", "/report", "/report.csv", "/fleet?site=phuong-a", "//fleet", "/fleet%2Ejson")
PAGE_MARKERS = ("Tình trạng các màn hình", "\"kiosks\"", "Báo cáo", "generated_at")


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def plain_request(nginx, method, path, auth=None):
    """One request to the site's plain HTTP port, redirects not followed: (status, headers, body)."""
    import base64
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", nginx.plain_port, timeout=10)
    headers = {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()} if auth else {}
    try:
        connection.request(method, path, body=b"{}" if method == "POST" else None, headers=headers)
        reply = connection.getresponse()
        return reply.status, dict(reply.getheaders()), reply.read()
    finally:
        connection.close()


def main():
    work = tempfile.mkdtemp(prefix="bangvang-portal-access-")
    portal = nginx = None
    try:
        ca, certificate, key = portal_site.make_certificate_authority(os.path.join(work, "tls"))
        portal = portal_site.Portal(portal_binary, os.path.join(work, "portal")).start()
        password_file = os.path.join(work, "etc", "staff.htpasswd")  # its folder exists, the file not yet
        os.makedirs(os.path.dirname(password_file))
        os.makedirs(os.path.join(work, "www"))
        nginx = portal_site.Nginx(source, os.path.join(work, "nginx"), portal.port, certificate, key, password_file,
                                  os.path.join(work, "www"))
        tested = portal_site.run(["/usr/sbin/nginx", "-t", "-p", nginx.folder + "/", "-e", "stderr", "-c", nginx.config])
        check(tested.returncode == 0, "nginx -t accepts the site while the password file is missing")
        nginx.start()

        def answer(path, method="GET", auth=None, body=None):
            return portal_site.https_request(nginx.url(path), ca, method, auth, body)

        def staff_pages_refused(expected, situation):
            for path in STAFF_PATHS:
                for auth in (None, "can-bo:mat-khau-thu"):
                    for method in ("GET", "HEAD"):
                        status, body = answer(path, method, auth)
                        shown = [marker for marker in PAGE_MARKERS if marker in body]
                        # Without credentials nginx asks for them (401) before it opens the file.
                        check(status == (expected if auth else 401) and not shown,
                              "%s: %s %s %s -> %d, no page content%s" % (
                                  situation, method, path, "with a password" if auth else "without a password", status,
                                  " (LEAKED %s)" % shown if shown else ""))

        staff_pages_refused(403, "password file missing")
        status, _ = answer("/api/report", "POST", body=b"{}")
        check(status == 401, "password file missing: a kiosk's (unsigned) report still reaches the portal: %d" % status)
        with open(os.path.join(nginx.folder, "logs", "error.log")) as file:
            log = file.read()
        check("staff.htpasswd" in log and "failed" in log, "nginx's error log names the missing password file")

        os.makedirs(password_file)  # a folder where the file should be
        staff_pages_refused(500, "password file is a folder")
        os.rmdir(password_file)

        open(password_file, "w").close()  # created but empty: nobody may enter
        staff_pages_refused(401, "password file empty")

        with open(password_file, "w") as file:
            file.write(portal_site.htpasswd_line("can-bo", "mat-khau-thu"))
        status, body = answer("/fleet", auth="can-bo:mat-khau-thu")
        check(status == 200 and "Tình trạng các màn hình" in body, "password file created: /fleet with the password: %d" % status)
        status, _ = answer("/fleet")
        check(status == 401, "password file created: /fleet without a password: %d" % status)
        status, _ = answer("/fleet", auth="can-bo:sai")
        check(status == 401, "password file created: /fleet with a wrong password: %d" % status)

        # Port 80 serves the feeds (large fleets poll them without TLS: their signatures
        # protect them) and redirects everything else to https: no password, report or
        # page ever crosses the line in clear.
        os.makedirs(os.path.join(work, "www", "feeds", "quan"))
        with open(os.path.join(work, "www", "feeds", "quan", "manifest.json"), "w") as file:
            file.write('{"feed": "quan"}')
        status, headers, body = plain_request(nginx, "GET", "/feeds/quan/manifest.json")
        check(status == 200 and body == b'{"feed": "quan"}' and headers.get("Cache-Control") == "no-cache",
              "plain HTTP: a feed's manifest is served, no-cache: %d %s" % (status, headers.get("Cache-Control")))
        for path in STAFF_PATHS + ("/api/report", "/feeds/../fleet", "/", "/nothing"):
            for method, auth in (("GET", None), ("GET", "can-bo:mat-khau-thu"), ("HEAD", None), ("POST", None)):
                status, headers, body = plain_request(nginx, method, path, auth)
                location = headers.get("Location", "")
                shown = [marker for marker in PAGE_MARKERS if marker.encode() in body]
                check(status == 301 and location.startswith("https://") and not shown,
                      "plain HTTP: %s %s%s -> %d %s, no page content%s" % (
                          method, path, " with a password" if auth else "", status, location,
                          " (LEAKED %s)" % shown if shown else ""))
    finally:
        for server in (nginx, portal):
            if server:
                server.stop()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("%d checks failed" % len(failures))
        return 1
    return 0


sys.exit(main())
