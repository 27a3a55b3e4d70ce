#!/usr/bin/python3
"""ctest portal.end_to_end: the real kiosk (headless, real sync) fetches the sample feed
through nginx over TLS (a test CA) and reports through it to bangvang-portal, which
stores into SQLite; the portal is killed with SIGKILL while the kiosk owes it plays,
the kiosk re-sends, and the counts stay exact; then headless Chromium (Selenium) opens
the fleet page and the report behind the staff's password and their contents are
checked. Exit 77 (skipped) only when Selenium or chromium-driver is not installed.

usage: end_to_end.py SOURCE_DIR BINARY_DIR KIOSK PUBLISH PORTAL"""
import base64
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import portal_site  # noqa: E402

source, binary_dir, kiosk_binary, publish_binary, portal_binary = sys.argv[1:6]
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)


def kiosk_outbox_keys(cache):
    """(item, source, started_at) of the plays the kiosk still owes, as the portal keys them."""
    database = sqlite3.connect("file:%s?mode=ro" % os.path.join(cache, "content.sqlite3"), uri=True)
    try:
        rows = database.execute("SELECT DISTINCT item_id, source_id, started_at FROM report_plays").fetchall()
    finally:
        database.close()
    return set(rows)


def portal_play_count(database_file):
    database = sqlite3.connect("file:%s?mode=ro" % database_file, uri=True)
    try:
        plays = database.execute("SELECT count(*) FROM plays").fetchone()[0]
        folded = database.execute("SELECT coalesce(sum(plays), 0) FROM daily_counts").fetchone()[0]
    finally:
        database.close()
    return plays + folded


def main():
    try:
        from selenium import webdriver  # noqa: F401
    except ImportError:
        print("skipped: python3-selenium is not installed (./run.sh test installs it)")
        return 77
    driver_binary = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not os.path.exists(driver_binary):
        print("skipped: chromium-driver is not installed (./run.sh test installs it)")
        return 77
    work = tempfile.mkdtemp(prefix="bangvang-portal-e2e-")
    keep = os.path.join(binary_dir, "portal-e2e")
    shutil.rmtree(keep, ignore_errors=True)
    os.makedirs(keep)
    portal = nginx = None
    try:
        ca, certificate, key = portal_site.make_certificate_authority(os.path.join(work, "tls"))
        # The district's feed, as bangvang-publish pushes it, under nginx's /feeds/.
        feeds_root = os.path.join(work, "www")
        feed = os.path.join(feeds_root, "feeds", "quan-thanh-xuan")
        portal_site.run([publish_binary, "keygen", "--out", os.path.join(work, "keys", "district")])
        portal_site.run([publish_binary, "build", "--no-text-check", os.path.join(source, "content/sample"), "--out", feed,
                         "--key", os.path.join(work, "keys", "district.secret")])
        feed_key = open(os.path.join(work, "keys", "district.public")).read().strip()
        with open(os.path.join(feed, "manifest.json")) as file:
            manifest = json.load(file)
        served_version = manifest["version"]
        story_ids = {item["id"] for item in manifest["items"] if item["kind"] == "story"}

        portal = portal_site.Portal(portal_binary, os.path.join(work, "portal"),
                                    feeds=[{"source": "quan-thanh-xuan", "directory": feed, "keys": [feed_key]}],
                                    poll_interval=300).start()
        htpasswd = os.path.join(work, "staff.htpasswd")
        with open(htpasswd, "w") as file:
            file.write(portal_site.htpasswd_line("can-bo", "mat-khau-thu"))
        nginx = portal_site.Nginx(source, os.path.join(work, "nginx"), portal.port, certificate, key, htpasswd,
                                  feeds_root).start()

        # The kiosk: its report key made and enrolled as provision.sh does it.
        cache = os.path.join(work, "kiosk", "cache")
        os.makedirs(cache)
        sodium = portal_site.Sodium()
        secret, public = sodium.keypair()
        with open(os.path.join(cache, "report-key.secret"), "w") as file:
            file.write(base64.b64encode(secret).decode() + "\n")
        os.chmod(os.path.join(cache, "report-key.secret"), 0o600)
        portal.enroll("e2e-nhan-chinh-01", base64.b64encode(public).decode(), "phuong-nhan-chinh",
                      "UBND phường Nhân Chính")
        # What the fleet must show of the kiosk's own state: its clock not vouched for by a
        # time server (timesyncd's folder there, its "synchronized" file not), and an
        # unattended update that was rolled back (firmware/update.sh's record).
        timesync = os.path.join(work, "kiosk", "timesync")
        os.makedirs(timesync)
        os.makedirs(os.path.join(cache, "update"))
        with open(os.path.join(cache, "update", "status.json"), "w") as file:
            json.dump({"result": "rolled_back", "at": "2026-12-01T03:25:00+07:00", "from_version": "0.2.0-1",
                       "to_version": "0.1.0-1", "message": "not ready within 10 min; bangvang 0.1.0-1 reinstalled"}, file)
        config = os.path.join(work, "kiosk", "kiosk.json")
        with open(config, "w") as file:
            json.dump({"kiosk_id": "e2e-nhan-chinh-01", "site": "phuong-nhan-chinh", "place_name": "UBND phường Nhân Chính",
                       "cache_directory": "cache", "screen": {"width": 1280, "height": 720},
                       "clock_synchronized_file": os.path.join(timesync, "synchronized"),
                       "sync": {"interval_seconds": 60, "ca_file": ca},
                       "sources": [{"id": "quan-thanh-xuan", "url": nginx.url("/feeds/quan-thanh-xuan/"), "keys": [feed_key],
                                    "report_url": nginx.url("/api/report")}]}, file, ensure_ascii=False)

        def kiosk_round(name):
            result = subprocess.run([kiosk_binary, "--config", config, "--headless", os.path.join(work, name), "--once"],
                                    capture_output=True, text=True, timeout=300)
            with open(os.path.join(keep, name + ".log"), "w") as file:
                file.write(result.stderr)
            check(result.returncode == 0, "kiosk round %s exits 0" % name)
            return result.stderr

        first = kiosk_round("round-1")
        check("applied version" in first, "the kiosk synced the feed through nginx over TLS")
        check("delivered" in first, "the kiosk's first report (a heartbeat) was acknowledged")
        owed_after_first = kiosk_outbox_keys(cache)
        check(len(owed_after_first) > 0, "round 1 left plays in the outbox (%d)" % len(owed_after_first))

        # The portal dies; the kiosk's next report fails and its plays stay owed.
        portal.kill()
        second = kiosk_round("round-2")
        check("kept in the outbox" in second, "with the portal gone the report is kept")
        owed = kiosk_outbox_keys(cache)
        check(owed >= owed_after_first, "nothing was dropped from the outbox while the portal was down")
        portal.start()
        third = kiosk_round("round-3")
        check("delivered" in third, "the restarted portal acknowledged the re-sent report")
        stored = portal_play_count(portal.database)
        check(stored == len(owed), "the portal holds exactly the %d plays the kiosk owed (has %d)" % (len(owed), stored))
        expected_stories = sum(1 for (item, _, _) in owed if item in story_ids)

        # Access: the staff pages need the password, the report endpoint a signature.
        def status(path, method="GET", body=None, auth=None):
            return portal_site.https_request(nginx.url(path), ca, method, auth, body)[0]

        check(status("/fleet") == 401, "/fleet without a password: 401")
        check(status("/report", auth="can-bo:sai") == 401, "/report with a wrong password: 401")
        check(status("/fleet", auth="can-bo:mat-khau-thu") == 200, "/fleet with the password: 200")
        check(status("/api/report") == 403, "GET /api/report through nginx: 403")
        listed = [kiosk for kiosk in json.loads(portal_site.https_request(nginx.url("/fleet.json"), ca,
                                                                          auth="can-bo:mat-khau-thu")[1])["kiosks"]
                  if kiosk["kiosk_id"] == "e2e-nhan-chinh-01"]
        check(len(listed) == 1 and listed[0]["clock_synchronized"] is False,
              "/fleet.json: the kiosk's clock is not synchronised")
        check(len(listed) == 1 and (listed[0]["last_update"] or {}).get("result") == "rolled_back" and
              listed[0]["last_update"]["went_wrong"] is True and listed[0]["last_update"]["to_version"] == "0.1.0-1",
              "/fleet.json: the kiosk's last update, rolled back to 0.1.0-1: %r" % (listed[0]["last_update"] if listed else None))
        check(status("/api/report", "POST", b"{}") == 401, "an unsigned report through nginx: 401")
        check(status("/api/report", "POST", b" " * (1024 * 1024 + 10)) == 413, "an oversized report through nginx: 413")

        # The pages in a real browser.
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--ignore-certificate-errors-spki-list=" + portal_site.spki_hash(certificate)):
            options.add_argument(argument)
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        browser = webdriver.Chrome(service=Service(driver_binary), options=options)
        try:
            browser.execute_cdp_cmd("Network.enable", {})
            browser.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {
                "Authorization": "Basic " + base64.b64encode(b"can-bo:mat-khau-thu").decode()}})
            browser.set_window_size(430, 1100)
            browser.get(nginx.url("/fleet"))
            browser.save_screenshot(os.path.join(keep, "fleet.png"))
            card = browser.find_element(By.ID, "kiosk-e2e-nhan-chinh-01")
            text = card.text
            check("UBND phường Nhân Chính" in text, "the fleet names the kiosk's place")
            check("fresh" in card.get_attribute("class"), "the kiosk that just reported is green (fresh)")
            check("0.1.0" in text, "the fleet shows the program version")
            check("bản %d" % served_version in text and "(mới nhất)" in text,
                  "the fleet shows version %d as the latest served" % served_version)
            check("Đĩa trống" in text and "GB" in text, "the fleet shows free disk")
            clock = card.find_element(By.CLASS_NAME, "clock-unsynchronized")
            check(clock.text == "Đồng hồ chưa đồng bộ", "the fleet says the kiosk's clock is not synchronised")
            check(clock.value_of_css_property("color") == "rgba(180, 83, 9, 1)", "... in amber (%s)" %
                  clock.value_of_css_property("color"))
            update = card.find_element(By.CLASS_NAME, "update-bad")
            check(update.text == "Cập nhật lỗi, đã quay về bản cũ 0.2.0-1 → 0.1.0-1, 03:25 01/12/2026",
                  "the fleet shows the rolled-back update: %r" % update.text)
            check(update.value_of_css_property("color") == "rgba(197, 34, 31, 1)", "... in red (%s)" %
                  update.value_of_css_property("color"))
            check("bangvang 0.1.0-1 reinstalled" in text, "the fleet shows the update's own message")
            check(browser.find_element(By.TAG_NAME, "h1").text == "Tình trạng các màn hình", "the fleet's heading")

            browser.set_window_size(1000, 1400)
            today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
            browser.get(nginx.url("/report?from=%s&to=%s" % (today, today)))
            browser.save_screenshot(os.path.join(keep, "report.png"))
            headline = browser.find_element(By.ID, "headline").text
            expected = "Gương điển hình tiên tiến được trình chiếu %s lượt tại 1 điểm" % \
                format(expected_stories, ",").replace(",", "\u00a0")
            check(headline == expected, "the report's headline: %r (expected %r)" % (headline, expected))
            rows = browser.find_elements(By.CSS_SELECTOR, "#items tbody tr")
            total = sum(int(row.find_elements(By.TAG_NAME, "td")[3].text.replace("\u00a0", "")) for row in rows)
            check(total == len(owed), "the report's per-item plays add up to the %d plays (%d)" % (len(owed), total))
            site_row = browser.find_element(By.CSS_SELECTOR, "#sites tbody tr").find_elements(By.TAG_NAME, "td")
            check(site_row[0].text == "phuong-nhan-chinh" and int(site_row[1].text.replace("\u00a0", "")) == len(owed),
                  "the per-site row: phuong-nhan-chinh, %d plays" % len(owed))
        finally:
            browser.quit()
    finally:
        for server in (nginx, portal):
            if server:
                server.stop()
        for name in ("portal/portal.log", "nginx/logs/error.log"):
            if os.path.exists(os.path.join(work, name)):
                shutil.copy(os.path.join(work, name), os.path.join(keep, os.path.basename(name)))
        shutil.rmtree(work, ignore_errors=True)
    print("end-to-end: %d check(s) failed" % len(failures) if failures else "end-to-end: every check passed")
    return 1 if failures else 0


sys.exit(main())
