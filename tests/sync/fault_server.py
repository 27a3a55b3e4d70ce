#!/usr/bin/python3
"""A feed server for the sync tests that misbehaves on request.

Serves ROOT over HTTP on 127.0.0.1 (an ephemeral port, written to PORT_FILE) with
ETag / If-None-Match and Last-Modified / If-Modified-Since. Before each request it reads
ROOT/../control.json, e.g. {"fault": "status500", "paths": ["manifest.json"]}:
  status500     answer 500
  hang          accept and never answer
  cut_short     promise the whole body, send half, close
  drip          send one byte per second
  wrong_length  Content-Length one byte more than the body, then close
  huge          stream zeros without end (the client's byte cap must stop it)
  trickle       send 600 bytes a second, no length, without end (just above a 512 B/s floor)
"paths" limits the fault to URL paths ending with one of them (default: every path).
A GET with "Range: bytes=N-" gets the rest of the file (206), unless the control file
says {"ranges": false}.
Every request is logged to ROOT/../requests.log (path, User-Agent, If-None-Match, and
" range=<Range>" when one was asked for).
POST /reports (the kiosk's reports, content/FORMAT.md "Reports") answers 204 and appends
one line to ROOT/../reports.jsonl: {"content_type", "request_bytes", "body"}, where
request_bytes counts the request line, headers and body as they arrived; the faults
status500 and hang apply to it too. The server stops by itself after
LIFETIME seconds so that a crashed test never leaves it running.
"""
import hashlib
import json
import os
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

root, port_file, lifetime = os.path.abspath(sys.argv[1]), sys.argv[2], float(sys.argv[3])
control_file = os.path.join(os.path.dirname(os.path.abspath(root)), "control.json")
log_file = os.path.join(os.path.dirname(os.path.abspath(root)), "requests.log")
reports_file = os.path.join(os.path.dirname(os.path.abspath(root)), "reports.jsonl")
deadline = time.monotonic() + lifetime


def control():
    try:
        with open(control_file) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def fault_for_path(self):
        """The fault the control file asks for, if it applies to this path."""
        settings = control()
        fault = settings.get("fault")
        paths = settings.get("paths")
        if fault and paths and not any(self.path.endswith(p) for p in paths):
            return None
        return fault

    def answered_by_common_fault(self, fault):
        """Faults that GET and POST answer alike; True when the request is dealt with."""
        if fault == "status500":
            self.answer(500, b"internal error\n")
            return True
        if fault == "hang":
            while time.monotonic() < deadline:
                time.sleep(0.2)
            return True
        return False

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length > 0 else b""
        with open(log_file, "a") as log:
            log.write("POST %s %s %d\n" % (self.path, self.headers.get("User-Agent", ""), length))
        fault = self.fault_for_path()
        if self.answered_by_common_fault(fault):
            return
        if self.path.split("?")[0] != "/reports":
            return self.answer(404, b"not found\n")
        header_bytes = len(self.raw_requestline) + sum(
            len(name) + 2 + len(value) + 2 for name, value in self.headers.items()) + 2
        record = {"content_type": self.headers.get("Content-Type", ""),
                  "request_bytes": header_bytes + len(body),
                  "body": body.decode("utf-8", "replace")}
        with open(reports_file, "a") as reports:
            reports.write(json.dumps(record) + "\n")
        self.answer(204, b"")

    def do_GET(self):
        with open(log_file, "a") as log:
            asked_range = self.headers.get("Range")
            log.write("%s %s %s%s\n" % (self.path, self.headers.get("User-Agent", ""),
                                        self.headers.get("If-None-Match", ""),
                                        " range=" + asked_range if asked_range else ""))
        fault = self.fault_for_path()
        if self.answered_by_common_fault(fault):
            return
        if fault == "trickle":
            self.send_response(200)
            self.end_headers()
            self.close_connection = True
            try:
                while time.monotonic() < deadline:
                    self.wfile.write(b" " * 60)
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return
        if fault == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            chunk = b"\0" * 65536
            try:
                while time.monotonic() < deadline:
                    self.wfile.write(chunk)
            except OSError:
                pass
            return

        relative = self.path.split("?")[0].lstrip("/")
        file = os.path.normpath(os.path.join(root, relative))
        if not file.startswith(root + os.sep) or not os.path.isfile(file):
            return self.answer(404, b"not found\n")
        with open(file, "rb") as handle:
            body = handle.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
        modified = os.path.getmtime(file)
        if self.headers.get("If-None-Match") == etag:
            return self.answer(304, b"", etag, modified)
        since = self.headers.get("If-Modified-Since")
        if since and not self.headers.get("If-None-Match"):
            try:
                if int(modified) <= parsedate_to_datetime(since).timestamp():
                    return self.answer(304, b"", etag, modified)
            except (TypeError, ValueError):
                pass
        if fault == "cut_short":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        if fault == "wrong_length":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 1))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
            return
        if fault == "drip":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    if time.monotonic() > deadline:
                        break
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1.0)
            except OSError:
                pass
            return
        asked_range = self.headers.get("Range", "")
        if asked_range.startswith("bytes=") and asked_range.endswith("-") and control().get("ranges", True):
            try:
                start = int(asked_range[len("bytes="):-1])
            except ValueError:
                start = -1
            if 0 <= start < len(body):
                self.send_response(206)
                self.send_header("ETag", etag)
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                self.wfile.write(body[start:])
                return
        self.answer(200, body, etag, modified)

    def answer(self, status, body, etag=None, modified=None):
        self.send_response(status)
        if etag:
            self.send_header("ETag", etag)
        if modified is not None:
            self.send_header("Last-Modified", formatdate(modified, usegmt=True))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(port_file + ".partial", "w") as handle:
    handle.write(str(server.server_address[1]))
os.rename(port_file + ".partial", port_file)
threading.Thread(target=server.serve_forever, daemon=True).start()
while time.monotonic() < deadline:
    time.sleep(0.2)
server.shutdown()
