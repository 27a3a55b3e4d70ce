"""The district's side for the portal's end-to-end test and benchmark: a test
certificate authority, the documented nginx site (firmware/portal/nginx-site.conf)
run by Debian's nginx with this run's ports, certificate and folders, and the real
bangvang-portal behind it, all on 127.0.0.1. Kiosk keys and signatures through
libsodium (ctypes), as the kiosk makes them."""
import base64
import ctypes
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_file(path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.exists(path) and os.path.getsize(path) > 0:
            return True
        time.sleep(0.05)
    return False


def run(command, **options):
    return subprocess.run(command, check=True, capture_output=True, text=True, **options)


class Sodium:
    """Ed25519 keys and detached signatures, libsodium's byte layout."""

    def __init__(self):
        self.library = ctypes.CDLL("libsodium.so.23")
        if self.library.sodium_init() < 0:
            raise RuntimeError("libsodium did not initialise")

    def keypair(self):
        public = ctypes.create_string_buffer(32)
        secret = ctypes.create_string_buffer(64)
        self.library.crypto_sign_keypair(public, secret)
        return secret.raw, public.raw

    def sign(self, secret, message):
        signature = ctypes.create_string_buffer(64)
        self.library.crypto_sign_detached(signature, None, message, ctypes.c_ulonglong(len(message)), secret)
        return signature.raw


def signature_header(sodium, secret, kiosk_id, millis, body):
    message = b"bangvang.report-signature/1\n" + kiosk_id.encode() + b"\n" + str(millis).encode() + b"\n" + body
    signature = base64.b64encode(sodium.sign(secret, message)).decode()
    return "kiosk=%s, t=%d, ed25519=%s" % (kiosk_id, millis, signature)


def make_certificate_authority(folder):
    """A CA and a certificate for 127.0.0.1/localhost signed by it; returns (ca, cert, key)."""
    os.makedirs(folder, exist_ok=True)
    ca_key, ca_cert = os.path.join(folder, "ca.key"), os.path.join(folder, "ca.crt")
    key, request, cert = (os.path.join(folder, name) for name in ("portal.key", "portal.csr", "portal.crt"))
    extensions = os.path.join(folder, "san.ext")
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
         "-subj", "/CN=bangvang test CA", "-keyout", ca_key, "-out", ca_cert])
    run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", request])
    with open(extensions, "w") as file:
        file.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                   "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n")
    run(["openssl", "x509", "-req", "-in", request, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial",
         "-days", "2", "-out", cert, "-extfile", extensions])
    return ca_cert, cert, key


def spki_hash(cert):
    """base64 SHA-256 of the certificate's public key (Chromium's --ignore-certificate-errors-spki-list)."""
    public = subprocess.run(["openssl", "x509", "-in", cert, "-pubkey", "-noout"], check=True, capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input=public, check=True,
                         capture_output=True).stdout
    digest = subprocess.run(["openssl", "dgst", "-sha256", "-binary"], input=der, check=True, capture_output=True).stdout
    return base64.b64encode(digest).decode()


class Portal:
    """bangvang-portal on a free loopback port."""

    def __init__(self, binary, folder, feeds=(), poll_interval=300, tolerance=300):
        self.binary, self.folder = binary, folder
        os.makedirs(folder, exist_ok=True)
        self.config = os.path.join(folder, "portal.json")
        self.registry = os.path.join(folder, "kiosks.json")
        self.database = os.path.join(folder, "portal.sqlite3")
        import json
        with open(self.config, "w") as file:
            json.dump({"port": 0, "database": "portal.sqlite3", "registry": "kiosks.json",
                       "district_name": "UBND quận Thanh Xuân", "poll_interval_seconds": poll_interval,
                       "clock_tolerance_seconds": tolerance, "feeds": list(feeds)}, file, ensure_ascii=False)
        self.process = None
        self.port = None

    def start(self):
        """Starts on a free port, or again on the same one after kill() (nginx points at it)."""
        if self.port:
            import json
            with open(self.config) as file:
                config = json.load(file)
            config["port"] = self.port
            with open(self.config, "w") as file:
                json.dump(config, file, ensure_ascii=False)
        port_file = os.path.join(self.folder, "port")
        if os.path.exists(port_file):
            os.remove(port_file)
        log = open(os.path.join(self.folder, "portal.log"), "a")
        self.process = subprocess.Popen([self.binary, "--config", self.config, "--port-file", port_file],
                                        stdout=subprocess.DEVNULL, stderr=log)
        if not wait_for_file(port_file):
            raise RuntimeError("bangvang-portal did not start: " + self.log())
        with open(port_file) as file:
            self.port = int(file.read().strip())
        return self

    def enroll(self, kiosk_id, public_key_b64, site, place):
        run([self.binary, "enroll", "--registry", self.registry, "--kiosk", kiosk_id, "--public-key", public_key_b64,
             "--site", site, "--place", place])

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=5)

    def log(self):
        with open(os.path.join(self.folder, "portal.log")) as file:
            return file.read()


class NginxSite:
    """A site config from the repository under Debian's nginx, with this run's paths and
    ports: each `old -> new` of `replacements` must be found in the file (so a changed
    file fails loudly, not silently untested). Listens on a free loopback port."""

    def __init__(self, site_file, folder, replacements, scheme="https"):
        self.folder, self.scheme = folder, scheme
        self.port = free_port()
        self.plain_port = free_port()  # where a site also listens without TLS
        for sub in ("logs", "temp"):
            os.makedirs(os.path.join(folder, sub), exist_ok=True)
        with open(site_file) as file:
            site = file.read()
        for old, new in replacements.items():
            if old not in site:
                raise RuntimeError("%s no longer holds %s" % (site_file, old))
            site = site.replace(old, new.replace("{port}", str(self.port)).replace("{plain_port}", str(self.plain_port)))
        prefix = folder
        self.config = os.path.join(folder, "nginx.conf")
        self.access_log = os.path.join(folder, "logs", "access.log")
        with open(self.config, "w") as file:
            file.write("worker_processes 1;\nerror_log %s/logs/error.log warn;\npid %s/nginx.pid;\n"
                       "events { worker_connections 4096; }\nhttp {\n  access_log %s/logs/access.log;\n"
                       "  client_body_temp_path %s/temp/body;\n  proxy_temp_path %s/temp/proxy;\n"
                       "  fastcgi_temp_path %s/temp/fastcgi;\n  uwsgi_temp_path %s/temp/uwsgi;\n"
                       "  scgi_temp_path %s/temp/scgi;\n  include /etc/nginx/mime.types;\n"
                       "  default_type application/octet-stream;\n%s\n}\n" % ((prefix,) * 8 + (site,)))
        self.process = None

    def start(self):
        self.process = subprocess.Popen(["/usr/sbin/nginx", "-p", self.folder + "/", "-e", "stderr", "-c", self.config,
                                         "-g", "daemon off; master_process off;"],
                                        stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.folder, "stderr.log"), "a"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError("nginx did not start: " + open(os.path.join(self.folder, "stderr.log")).read())

    def url(self, path=""):
        return "%s://127.0.0.1:%d%s" % (self.scheme, self.port, path)

    def plain_url(self, path=""):
        """The same path over plain HTTP, where the site listens for it (feeds)."""
        return "http://127.0.0.1:%d%s" % (self.plain_port, path)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=5)


class Nginx(NginxSite):
    """The district's documented site (firmware/portal/nginx-site.conf): TLS, the portal
    behind it, the staff's password file, the feeds under feeds_root."""

    def __init__(self, source_directory, folder, portal_port, certificate, key, htpasswd, feeds_root):
        super().__init__(os.path.join(source_directory, "firmware/portal/nginx-site.conf"), folder, {
            "listen 443 ssl http2;": "listen 127.0.0.1:{port} ssl http2;",
            "listen [::]:443 ssl http2;": "",
            "listen 80;": "listen 127.0.0.1:{plain_port};",
            "listen [::]:80;": "",
            "server 127.0.0.1:8090;": "server 127.0.0.1:%d;" % portal_port,
            "/etc/ssl/bangvang/portal.crt": certificate,
            "/etc/ssl/bangvang/portal.key": key,
            "/etc/bangvang-portal/staff.htpasswd": htpasswd,
            "root /var/www/bangvang;": "root %s;" % feeds_root,
        })


def https_request(url, ca_file, method="GET", auth=None, body=None):
    """One request over TLS checked against the test CA; (status, body as text), also for 4xx/5xx.
    `auth` is "user:password" for basic auth."""
    import ssl
    import urllib.error
    import urllib.request
    request = urllib.request.Request(url, method=method, data=body)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    context = ssl.create_default_context(cafile=ca_file)
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as reply:
            return reply.status, reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def htpasswd_line(user, password):
    hashed = run(["openssl", "passwd", "-apr1", password]).stdout.strip()
    return "%s:%s\n" % (user, hashed)
