#!/usr/bin/env python3
"""The upload benchmark: the sandbox (durable and relaxed) against WireMock and MockServer.

Run through bench/run.sh, which builds the jar, installs wrk and fetches the peers first. Every
server listens on 127.0.0.1 on a free port; every wait is bounded; every process started here is
stopped on exit (normal end, error, Ctrl-C or SIGTERM). Standard library only.

Writes bench/results/<date>-<time>.json, the block between <!-- bench:begin --> and
<!-- bench:end --> of docs/benchmarks.md, and docs/benchmarks-uploads.png. The knobs are
environment variables, listed in KNOBS below and in docs/benchmarks.md.
"""
import atexit
import concurrent.futures
import datetime
import hashlib
import json
import os
import platform
import random
import re
import resource
import shlex
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = ROOT / "target" / "bench"
JAR = ROOT / "target" / "quarkus-app" / "quarkus-run.jar"
PEERS = WORK / "peers"
WIREMOCK_JAR = PEERS / "wiremock-standalone-3.13.2.jar"
MOCKSERVER_JAR = PEERS / "mockserver-netty-7.6.0-jar-with-dependencies.jar"
DOC = ROOT / "docs" / "benchmarks.md"
PLOT = ROOT / "docs" / "benchmarks-uploads.png"
PIDS = WORK / "pids"
ADMIN_TOKEN = "bench-admin-token"
UPLOAD_PATH = "/customer/kyc/upload/{}/{}"
START_TIMEOUT_S = 240
STOP_TIMEOUT_S = 45
SAMPLE_EVERY_S = 0.2
MEMORY_SAMPLE_EVERY_S = 0.05
CLK_TCK = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024

SIZES = {"4k": 4 * 1024, "64k": 64 * 1024, "1m": MIB}
SIZE_LABELS = {"4k": "4 KiB", "64k": "64 KiB", "1m": "1 MiB"}
ALL_SERVERS = ["durable", "relaxed", "wiremock", "wiremock-tuned", "mockserver"]
LABELS = {
    "durable": "sandbox durable",
    "relaxed": "sandbox relaxed",
    "external-durable": "sandbox durable, external PostgreSQL",
    "external-relaxed": "sandbox relaxed, external PostgreSQL",
    "memory": "sandbox durable (memory test)",
    "wiremock": "WireMock defaults",
    "wiremock-tuned": "WireMock tuned",
    "mockserver": "MockServer tuned",
}

# name: (default, meaning) -- the full run uses the defaults
KNOBS = {
    "BENCH_DURATION": ("15", "measured seconds per run"),
    "BENCH_WARMUP": ("5", "warm-up seconds before each measured run (same load, not recorded)"),
    "BENCH_SIZES": ("4k,64k,1m", "PNG sizes (4k, 64k, 1m)"),
    "BENCH_CONNS": ("16,64", "wrk connections"),
    "BENCH_THREADS": ("2", "wrk threads"),
    "BENCH_REPEATS": ("2", "passes; each pass runs every server and configuration once"),
    "BENCH_SERVERS": (",".join(ALL_SERVERS), "servers to load (external-durable and external-relaxed are "
                      "added when BENCH_EXTERNAL_JDBC_URL is set)"),
    "BENCH_SAME_SLOT_SIZES": ("64k", "sizes of the same-slot (lock path) variant, run on the sandbox only; "
                              "empty: none"),
    "BENCH_CUSTOMERS": ("256", "customers seeded per sandbox start (2 slots each)"),
    "BENCH_STARTUP_RUNS": ("5", "start-up runs per JVM (bench/startup.sh); 0: skip"),
    "BENCH_LARGE_UPLOADS": ("20", "concurrent 10 MiB uploads of the memory test; 0: skip"),
    "BENCH_LARGE_ROUNDS": ("3", "rounds of the memory test; 0: skip"),
    "BENCH_JAVA": ("java", "the JVM that runs every server"),
    "BENCH_SANDBOX_JVM_OPTS": ("-XX:+UseSerialGC -XX:-UseOnStackReplacement", "JVM options of the sandbox, as the README runs it "
                               "(docs/benchmarks.md, \"JIT\": why)"),
    "BENCH_EXTERNAL_JDBC_URL": ("", "also run the sandbox on this PostgreSQL (its schema is migrated, "
                                "data is added under fresh tenants)"),
    "BENCH_EXTERNAL_JDBC_USERNAME": ("postgres", "its user"),
    "BENCH_EXTERNAL_JDBC_PASSWORD": ("", "its password"),
}


def knob(name):
    return os.environ.get(name, KNOBS[name][0]).strip()


def knob_list(name):
    return [v.strip() for v in knob(name).split(",") if v.strip()]


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---- PNG files ---------------------------------------------------------------------------------

def png_of_size(size, seed=1):
    """A valid PNG of exactly `size` bytes: a 16x16 RGB image, padded by a tEXt comment chunk."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rng = random.Random(seed)
    width = height = 16
    raw = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(width * 3)) for _ in range(height))
    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    image = chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    keyword = b"Comment\x00"
    padding = size - len(head) - len(image) - 12 - len(keyword)
    if padding < 0:
        raise ValueError(f"a PNG cannot be as small as {size} bytes here")
    text = bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ") for _ in range(padding))
    png = head + chunk(b"tEXt", keyword + text) + image
    assert len(png) == size
    return png


# ---- processes: every one started here is recorded and stopped on exit --------------------------

STARTED = []
server_commands = {}  # server name: (command line, environment shown in the report)
FAILURES = []  # servers or phases that failed: reported, the rest of the run goes on


def spawn(command, log_file, env=None, cwd=ROOT):
    out = open(log_file, "wb")
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})}, cwd=cwd, start_new_session=True)
    out.close()
    STARTED.append(process)
    with open(PIDS, "a") as pids:
        pids.write(f"{process.pid}\n")
    return process


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            log(f"pid {process.pid} ignored SIGTERM for {STOP_TIMEOUT_S}s: SIGKILL")
            process.kill()
            process.wait(10)


POSTMASTER_DIRS = []


def stop_postmaster(data_dir):
    """An embedded PostgreSQL outlives a JVM that was killed; stop it by its own pid file."""
    pid = postmaster_pid(data_dir)
    if pid is None or not alive(pid):
        return
    os.kill(pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown
    deadline = time.time() + STOP_TIMEOUT_S
    while alive(pid) and time.time() < deadline:
        time.sleep(0.1)
    if alive(pid):
        os.kill(pid, signal.SIGKILL)


def cleanup():
    for process in reversed(STARTED):
        try:
            stop(process)
        except Exception as e:  # keep stopping the others
            log(f"could not stop pid {process.pid}: {e}")
    for data_dir in POSTMASTER_DIRS:
        try:
            stop_postmaster(data_dir)
        except Exception as e:
            log(f"could not stop the PostgreSQL of {data_dir}: {e}")
    STARTED.clear()
    POSTMASTER_DIRS.clear()


def on_signal(signum, _frame):
    log(f"signal {signum}: stopping every server started")
    sys.exit(128 + signum)  # runs the atexit cleanup


def alive(pid):
    try:
        os.kill(pid, 0)
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def postmaster_pid(data_dir):
    try:
        return int((Path(data_dir) / "postmaster.pid").read_text().split("\n")[0])
    except (OSError, ValueError):
        return None


# ---- /proc sampling ------------------------------------------------------------------------------

def proc_stat(pid):
    """(ppid, cpu seconds of the process, cpu seconds of its reaped children) or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / CLK_TCK, (int(fields[13]) + int(fields[14])) / CLK_TCK


def proc_kib(pid, file, field):
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def postgres_pids(data_dir):
    postmaster = postmaster_pid(data_dir) if data_dir else None
    if postmaster is None or not alive(postmaster):
        return None, []
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = proc_stat(int(entry))
            if stat and stat[0] == postmaster:
                children.append(int(entry))
    return postmaster, children


class Sampler:
    """Peak RSS and CPU time of a server's JVM, and of its PostgreSQL processes when it has some."""

    def __init__(self, pid, pg_data_dir=None, every_s=SAMPLE_EVERY_S):
        self.pid, self.pg_data_dir, self.every_s = pid, pg_data_dir, every_s
        self.peak_rss_kib = self.pg_peak_rss_kib = self.pg_peak_pss_kib = self.pg_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _pg_cpu(self):
        postmaster, children = postgres_pids(self.pg_data_dir)
        if postmaster is None:
            return 0.0
        stat = proc_stat(postmaster)
        total = stat[1] + stat[2] if stat else 0.0  # the postmaster, and the backends it reaped
        for child in children:
            s = proc_stat(child)
            total += s[1] if s else 0.0
        return total

    def _sample(self):
        self.peak_rss_kib = max(self.peak_rss_kib, proc_kib(self.pid, "status", "VmRSS"))
        if self.pg_data_dir:
            postmaster, children = postgres_pids(self.pg_data_dir)
            if postmaster is not None:
                pids = [postmaster] + children
                self.pg_processes = max(self.pg_processes, len(pids))
                self.pg_peak_rss_kib = max(self.pg_peak_rss_kib, sum(proc_kib(p, "status", "VmRSS") for p in pids))
                self.pg_peak_pss_kib = max(self.pg_peak_pss_kib, sum(proc_kib(p, "smaps_rollup", "Pss") for p in pids))

    def _run(self):
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every_s)

    def __enter__(self):
        self.t0 = time.time()
        stat = proc_stat(self.pid)
        self.cpu0 = stat[1] if stat else 0.0
        self.pg_cpu0 = self._pg_cpu()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)
        self._sample()
        wall = time.time() - self.t0
        stat = proc_stat(self.pid)
        self.result = {"peak_rss_mib": round(self.peak_rss_kib / 1024, 1),
                       "cpu_pct": round(((stat[1] if stat else self.cpu0) - self.cpu0) / wall * 100, 1)}
        if self.pg_data_dir:
            self.pg_result = {"peak_pss_mib": round(self.pg_peak_pss_kib / 1024, 1),
                              "peak_rss_sum_mib": round(self.pg_peak_rss_kib / 1024, 1),
                              "cpu_pct": round((self._pg_cpu() - self.pg_cpu0) / wall * 100, 1),
                              "processes": self.pg_processes}
        else:
            self.pg_result = None
        return False


# ---- HTTP ----------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None, timeout=15):
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if isinstance(body, (dict, list)):
        request.add_header("content-type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def multipart(content, filename="document.png"):
    boundary = "----kycsandbox-bench-setup"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, {"content-type": f"multipart/form-data; boundary={boundary}"}


def wait_until(check, timeout_s, what, process=None, log_file=None):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}, see {log_file}")
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what}: not ready within {timeout_s}s, see {log_file}")


# ---- servers -------------------------------------------------------------------------------------

class Server:
    kind = "peer"
    pg_data_dir = None
    token = "bench-token"

    def __init__(self, name):
        self.name, self.label = name, LABELS[name]
        self.dir = WORK / "run" / name
        self.log_file = self.dir / "server.log"

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self):
        if self.dir.exists():
            subprocess.run(["rm", "-rf", str(self.dir)], check=True, timeout=120)
        self.dir.mkdir(parents=True)
        self.port = free_port()
        command, env = self.command()
        # as the report shows it: paths relative to the project, no port
        self.command_line = re.sub(r"(--port|-p) \d+", r"\1 <port>", " ".join(
            shlex.quote(str(c)) for c in command).replace(str(ROOT) + "/", ""))
        t0 = time.time()
        # run in its own directory: MockServer, for one, writes files into its working directory
        self.process = spawn(command, self.log_file, env, cwd=self.dir)
        wait_until(self.ready, START_TIMEOUT_S, self.label, self.process, self.log_file)
        self.prepare()
        log(f"{self.label} ready on port {self.port} in {time.time() - t0:.1f}s")

    def stop(self):
        stop(self.process)
        if self.pg_data_dir:
            stop_postmaster(self.pg_data_dir)

    def before_run(self):
        return None

    def after_run(self, before, wrk, size, png_sha, conns):
        return None, []


class Sandbox(Server):
    kind = "sandbox"

    def __init__(self, name, durability, jdbc=None, customers=None):
        super().__init__(name)
        self.durability, self.jdbc = durability, jdbc
        self.customer_count = customers or int(knob("BENCH_CUSTOMERS"))
        self.sent_shas = set()

    def command(self):
        env = {"QUARKUS_HTTP_HOST": "127.0.0.1", "QUARKUS_HTTP_PORT": str(self.port),
               "SANDBOX_ADMIN_TOKEN": ADMIN_TOKEN, "SANDBOX_DURABILITY": self.durability,
               "SANDBOX_STORAGE_ROOT": str(self.dir / "storage"),
               # one log line per request is the default; a load-test target would silence it
               "QUARKUS_LOG_CATEGORY__DEV_KYCSANDBOX_ACCESS__LEVEL": "WARN"}
        if self.jdbc:
            env.update({"QUARKUS_DATASOURCE_JDBC_URL": self.jdbc,
                        "QUARKUS_DATASOURCE_USERNAME": knob("BENCH_EXTERNAL_JDBC_USERNAME"),
                        "QUARKUS_DATASOURCE_PASSWORD": knob("BENCH_EXTERNAL_JDBC_PASSWORD")})
        else:
            self.pg_data_dir = self.dir / "postgres"
            POSTMASTER_DIRS.append(self.pg_data_dir)
            env["SANDBOX_EMBEDDED_POSTGRES_DIR"] = str(self.pg_data_dir)
        self.env_shown = {k: v for k, v in env.items() if k in ("SANDBOX_DURABILITY",
                                                                "QUARKUS_LOG_CATEGORY__DEV_KYCSANDBOX_ACCESS__LEVEL")}
        return [knob("BENCH_JAVA"), *knob("BENCH_SANDBOX_JVM_OPTS").split(), "-jar", str(JAR)], env

    def ready(self):
        return http("GET", self.url("/q/health/ready"), timeout=2)[0] == 200

    def admin(self, method, path, body=None):
        status, content, _ = http(method, self.url(path), body, {"x-sandbox-admin-token": ADMIN_TOKEN})
        if status != 200:
            raise RuntimeError(f"{method} {path}: {status} {content[:300]!r}")
        return json.loads(content)["data"]

    def api(self, method, path, body=None):
        status, content, _ = http(method, self.url(path), body, {"x-connectfi-token": self.token})
        if status != 200:
            raise RuntimeError(f"{method} {path}: {status} {content[:300]!r}")
        return json.loads(content)["data"]

    def prepare(self):
        """A fresh tenant and user, then customers and their KYC sessions, through the public API."""
        tenant = "bench-" + os.urandom(6).hex()
        self.admin("POST", "/sandbox/tenants", {"tenantId": tenant, "kycMode": "licenseUSACondor"})
        self.admin("POST", f"/sandbox/tenants/{tenant}/users", {"login": tenant, "password": "bench-password"})
        status, content, _ = http("POST", self.url("/auth/get-token"),
                                  {"user": {"login": tenant, "password": "bench-password"}})
        self.token = json.loads(content)["data"]["token"]

        def seed(i):
            # "WaitReview": the outcome rules leave the session IN_REVIEW, so uploads keep overwriting
            customer = self.api("POST", "/customer/init", {
                "customerReference": f"bench{i}", "customerType": "individual",
                "customer": {"firstName": "Bench", "lastName": "WaitReview", "dateOfBirth": "1990-04-01",
                             "identificationDocuments": [{"type": "SSN", "value": f"{100000000 + i}"}]}})
            slots = self.api("POST", "/customer/kyc/init", {"customerId": customer["customerId"]})["kycDocumentList"]
            return customer["customerId"], [s["id"] for s in slots]

        count = self.customer_count
        t0 = time.time()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            self.customers = list(pool.map(seed, range(count)))
        log(f"{self.label}: seeded {count} customers, {2 * count} slots in {time.time() - t0:.1f}s")

    def slot_lines(self):
        return [f"{i} {UPLOAD_PATH.format(c, slots[side])}" for side in (0, 1)
                for i, (c, slots) in enumerate(self.customers)]

    def metrics(self):
        """Upload counts by outcome code, and bytes written, from the sandbox's own metrics."""
        status, content, _ = http("GET", self.url("/q/metrics"), timeout=30)
        outcomes, written = {}, 0.0
        for line in content.decode().splitlines():
            if line.startswith('sandbox_uploads_total{endpoint="POST /customer/kyc/upload/{customerId}/{documentId}"'):
                code = re.search(r'outcome="([^"]*)"', line).group(1)
                outcomes[code] = outcomes.get(code, 0) + float(line.rsplit(" ", 1)[1])
            elif line.startswith("sandbox_storage_bytes_written_total"):
                written += float(line.rsplit(" ", 1)[1])
        return outcomes, written

    def before_run(self):
        time.sleep(1)  # uploads the warm-up left in flight finish first
        return self.metrics()

    def after_run(self, before, wrk, size, png_sha, conns):
        """Did the sandbox store what it acknowledged? Its upload counters and bytes against wrk's 200s, every
        slot's recorded SHA-256 (HEAD), and the bytes on disk of three slots holding this run's PNG (GET)."""
        time.sleep(1)
        (outcomes0, written0), (outcomes1, written1) = before, self.metrics()
        delta = {code: int(outcomes1.get(code, 0) - outcomes0.get(code, 0)) for code in outcomes1}
        refused = {code: n for code, n in delta.items() if code != "stored" and n}
        acknowledged = wrk["requests"] - wrk["status"]
        stored = {"uploads_ok": delta.get("stored", 0), "uploads_refused": refused,
                  "bytes_written": int(written1 - written0), "acknowledged_by_wrk": acknowledged}
        flags = []
        if stored["uploads_ok"] < acknowledged:
            flags.append(f"only {stored['uploads_ok']} uploads counted for {acknowledged} 200s")
        if stored["bytes_written"] < acknowledged * size:
            flags.append(f"{stored['bytes_written']} bytes written for {acknowledged} x {size}")
        # wrk closes its connections when its time is up, cutting off at most one upload each: the
        # sandbox counts those as malformed requests (badRequest); anything else is a real refusal
        cut_off = refused.get("badRequest", 0)
        if cut_off > 2 * conns or set(refused) - {"badRequest"}:
            flags.append(f"uploads refused: {refused}")
        self.sent_shas.add(png_sha)

        def head(slot):
            return http("HEAD", self.url(f"/sandbox/documents/{slot}/content"),
                        headers={"x-sandbox-admin-token": ADMIN_TOKEN}, timeout=30)

        slots = [slot for _, pair in self.customers for slot in pair]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            answers = dict(zip(slots, pool.map(head, slots)))
        current = [s for s, (st, _, h) in answers.items() if st == 200 and h.get("x-content-sha256") == png_sha]
        foreign = [s for s, (st, _, h) in answers.items() if st == 200 and h.get("x-content-sha256") not in self.sent_shas]
        if foreign:
            flags.append(f"{len(foreign)} slots record a SHA-256 of no PNG sent, e.g. {foreign[0]}")
        verified = 0
        for slot in current[:3]:
            status, content, headers = http("GET", self.url(f"/sandbox/documents/{slot}/content"),
                                            headers={"x-sandbox-admin-token": ADMIN_TOKEN}, timeout=60)
            if status == 200 and hashlib.sha256(content).hexdigest() == png_sha:
                verified += 1
            else:
                flags.append(f"slot {slot}: the file on disk is not the PNG its row records")
        if not current:
            flags.append("no slot holds this run's PNG")
        stored.update({"slots_holding_this_png": len(current), "slots": len(slots), "files_verified": verified})
        return stored, flags


class WireMock(Server):
    def __init__(self, name, tuned, envelope):
        super().__init__(name)
        self.tuned, self.envelope = tuned, envelope

    def command(self):
        tuning = ["--no-request-journal", "--async-response-enabled", "true"] if self.tuned else []
        return [knob("BENCH_JAVA"), "-jar", str(WIREMOCK_JAR), "--port", str(self.port),
                "--bind-address", "127.0.0.1", "--disable-banner"] + tuning, {}

    def ready(self):
        return http("GET", self.url("/__admin/mappings"), timeout=2)[0] == 200

    def prepare(self):
        status, content, _ = http("POST", self.url("/__admin/mappings"), {
            "request": {"method": "POST", "urlPathPattern": "/customer/kyc/upload/[^/]+/[^/]+"},
            "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": self.envelope}})
        if status != 201:
            raise RuntimeError(f"WireMock refused the stub: {status} {content[:300]!r}")
        check_stub(self)


class MockServer(Server):
    def __init__(self, name, envelope):
        super().__init__(name)
        self.envelope = envelope

    def command(self):
        # its event log keeps 100,000 requests with their bodies by default: after the 64 KiB runs the
        # 1 MiB ones ran it out of heap (OutOfMemoryError, no request completed); 1,000 is plenty
        return [knob("BENCH_JAVA"), "-Dmockserver.localBoundIP=127.0.0.1", "-Dmockserver.maxLogEntries=1000",
                "-jar", str(MOCKSERVER_JAR),
                "run", "-p", str(self.port), "-l", "WARN"], {}

    def ready(self):
        return http("PUT", self.url("/mockserver/status"), timeout=2)[0] == 200

    def prepare(self):
        status, content, _ = http("PUT", self.url("/mockserver/expectation"), {
            "httpRequest": {"method": "POST", "path": "/customer/kyc/upload/{customerId}/{documentId}",
                            "pathParameters": {"customerId": [".+"], "documentId": [".+"]}},
            "httpResponse": {"statusCode": 200, "headers": {"content-type": ["application/json"]},
                             "body": self.envelope}})
        if status != 201:
            raise RuntimeError(f"MockServer refused the expectation: {status} {content[:300]!r}")
        check_stub(self)


def check_stub(server):
    body, headers = multipart(png_of_size(4096))
    status, content, _ = http("POST", server.url(UPLOAD_PATH.format("cst_check", "kycdoc_check")), body, headers)
    if status != 200 or json.loads(content)["code"] != "0":
        raise RuntimeError(f"{server.label}: the stub answered {status} {content[:200]!r}")


def peer_slot_lines():
    count = int(knob("BENCH_CUSTOMERS"))
    return [f"{i} {UPLOAD_PATH.format(f'cst_bench{i:05d}', f'kycdoc_bench{i:05d}_{side}')}"
            for side in (0, 1) for i in range(count)]


# ---- load ----------------------------------------------------------------------------------------

def wrk(server, size_name, conns, same_slot, seconds, slots_file, body_file):
    threads = knob("BENCH_THREADS")
    env = {"BENCH_BODY_FILE": str(body_file), "BENCH_SLOTS_FILE": str(slots_file), "BENCH_TOKEN": server.token,
           "BENCH_THREADS": threads, "BENCH_SAME_SLOT": "1" if same_slot else "0"}
    command = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(BENCH / "upload.lua"), server.url()]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True,
                            timeout=seconds + 60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((l for l in result.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stdout[-500:]} {result.stderr[-500:]}")
    out = json.loads(line[len("BENCH_JSON "):])
    out["wrk_cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return out


def measure(server, size_name, conns, same_slot, run, slots_file, body_file, png_sha):
    scenario = "same-slot" if same_slot else "rotate"
    duration, warmup = int(knob("BENCH_DURATION")), int(knob("BENCH_WARMUP"))
    if warmup > 0:
        wrk(server, size_name, conns, same_slot, warmup, slots_file, body_file)
    before = server.before_run()
    with Sampler(server.process.pid, server.pg_data_dir) as sampler:
        w = wrk(server, size_name, conns, same_slot, duration, slots_file, body_file)
    stored, flags = server.after_run(before, w, SIZES[size_name], png_sha, conns)
    seconds = w["duration_us"] / 1e6
    errors = {k: w[k] for k in ("connect", "read", "write", "timeout")}
    if w["status"]:
        flags.insert(0, f"{w['status']} non-2xx responses")
    if sum(errors.values()):
        flags.insert(0, f"socket errors {errors}")
    if w["requests"] == 0:
        flags.insert(0, "no request completed")
    record = {
        "server": server.name, "label": server.label, "scenario": scenario, "size": size_name,
        "size_bytes": SIZES[size_name], "conns": conns, "threads": int(knob("BENCH_THREADS")), "run": run,
        "seconds": round(seconds, 2), "requests": w["requests"], "rps": round(w["requests"] / seconds, 1),
        "latency_ms": {k: round(w[k] / 1000, 2) for k in ("p50", "p90", "p99", "p999", "max", "mean")},
        "non_2xx": w["status"], "socket_errors": errors,
        "server_process": sampler.result, "postgres": sampler.pg_result,
        "wrk_cpu_pct": round(w["wrk_cpu_s"] / seconds * 100, 1),
        "stored": stored, "flags": flags, "ok": not flags,
    }
    log(f"{server.label} {scenario} {size_name} c={conns} run {run}: {record['rps']} req/s, "
        f"p99 {record['latency_ms']['p99']} ms{'' if not flags else ' FLAGGED: ' + '; '.join(flags)}")
    return record


def load_phase(servers_wanted, bodies, envelope):
    sizes, conns_list = knob_list("BENCH_SIZES"), [int(c) for c in knob_list("BENCH_CONNS")]
    same_slot_sizes = knob_list("BENCH_SAME_SLOT_SIZES")
    if int(knob("BENCH_CUSTOMERS")) < max(conns_list):
        log("BENCH_CUSTOMERS is below the connection count: rotating requests will wait for each other's locks")
    runs = []
    for run in range(1, int(knob("BENCH_REPEATS")) + 1):
        for name in servers_wanted:
            server = make_server(name, envelope)
            try:
                server.start()
                server_commands[name] = (server.command_line, getattr(server, "env_shown", {}))
                lines = server.slot_lines() if server.kind == "sandbox" else peer_slot_lines()
                slots_file = server.dir / "slots.txt"
                slots_file.write_text("\n".join(lines) + "\n")
                plan = [(s, c, False) for s in sizes for c in conns_list]
                if server.kind == "sandbox":
                    plan += [(s, c, True) for s in same_slot_sizes for c in conns_list]
                for size_name, conns, same_slot in plan:
                    body_file, png_sha = bodies[size_name]
                    runs.append(measure(server, size_name, conns, same_slot, run, slots_file, body_file, png_sha))
            except Exception as e:  # one failing server must not cost the others' numbers
                log(f"{server.label}, pass {run}: FAILED: {e}")
                FAILURES.append({"server": name, "run": run, "error": relative(str(e))[:1000],
                                 "log": str(server.log_file.relative_to(ROOT))})
            finally:
                if hasattr(server, "process"):
                    server.stop()
    return runs


def make_server(name, envelope):
    if name in ("durable", "relaxed"):
        return Sandbox(name, name)
    if name.startswith("external-"):
        return Sandbox(name, name.split("-", 1)[1], knob("BENCH_EXTERNAL_JDBC_URL"))
    if name in ("wiremock", "wiremock-tuned"):
        return WireMock(name, name == "wiremock-tuned", envelope)
    if name == "mockserver":
        return MockServer(name, envelope)
    raise SystemExit(f"unknown server {name!r} in BENCH_SERVERS; known: {', '.join(LABELS)}")


# ---- memory under large uploads ------------------------------------------------------------------

def memory_phase():
    uploads, rounds = int(knob("BENCH_LARGE_UPLOADS")), int(knob("BENCH_LARGE_ROUNDS"))
    if uploads <= 0 or rounds <= 0:
        return None
    png = png_of_size(10 * MIB, seed=7)
    png_file = WORK / "png-10m.png"
    png_file.write_bytes(png)
    sha = hashlib.sha256(png).hexdigest()
    server = Sandbox("memory", "durable", customers=uploads)
    try:
        server.start()

        def upload_all(count):
            processes = [subprocess.Popen(
                ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "120",
                 "-H", f"x-connectfi-token: {server.token}", "-F", f"file=@{png_file};type=image/png",
                 server.url(UPLOAD_PATH.format(c, slots[0]))], stdout=subprocess.PIPE, text=True)
                for c, slots in server.customers[:count]]
            return [p.communicate(timeout=180)[0] for p in processes]

        if upload_all(1) != ["200"]:  # classes loaded, buffers made: the baseline is a server in use
            raise RuntimeError("a single 10 MiB upload failed")
        time.sleep(1)
        baseline = proc_kib(server.process.pid, "status", "VmRSS")
        results = []
        for r in range(1, rounds + 1):
            t0 = time.time()
            with Sampler(server.process.pid, server.pg_data_dir, MEMORY_SAMPLE_EVERY_S) as sampler:
                codes = upload_all(uploads)
            stored_ok = sum(
                1 for c, slots in server.customers[:uploads]
                if http("GET", server.url(f"/sandbox/documents/{slots[0]}/content"),
                        headers={"x-sandbox-admin-token": ADMIN_TOKEN}, timeout=60)[2].get("x-content-sha256") == sha)
            results.append({"round": r, "seconds": round(time.time() - t0, 2),
                            "status_200": codes.count("200"), "other_status": [c for c in codes if c != "200"],
                            "stored_by_sha256": stored_ok, "peak_rss_mib": sampler.result["peak_rss_mib"],
                            "peak_growth_mib": round(sampler.result["peak_rss_mib"] - baseline / 1024, 1),
                            "cpu_pct": sampler.result["cpu_pct"], "postgres": sampler.pg_result})
            log(f"memory round {r}: {codes.count('200')}/{uploads} x 200, peak RSS "
                f"{sampler.result['peak_rss_mib']} MiB (baseline {baseline / 1024:.1f} MiB)")
        return {"uploads": uploads, "size_bytes": len(png), "baseline_rss_mib": round(baseline / 1024, 1),
                "rounds": results, "max_growth_mib": max(r["peak_growth_mib"] for r in results)}
    finally:
        if hasattr(server, "process"):
            server.stop()


# ---- start-up (bench/startup.sh) -----------------------------------------------------------------

def startup_phase():
    runs = int(knob("BENCH_STARTUP_RUNS"))
    if runs <= 0:
        return None
    out = WORK / "startup.json"
    out.unlink(missing_ok=True)
    log(f"start-up: bench/startup.sh {runs} (log: {(WORK / 'startup.log').relative_to(ROOT)})")
    process = spawn([str(BENCH / "startup.sh"), str(runs)], WORK / "startup.log", {"STARTUP_JSON": str(out)})
    try:
        process.wait(runs * 3 * 150 + 600)  # each start is bounded by startup.sh itself
    except subprocess.TimeoutExpired:
        stop(process)
    if process.returncode != 0 or not out.exists():
        log(f"bench/startup.sh failed ({process.returncode}), see {WORK / 'startup.log'}; start-up not reported")
        return None
    return json.loads(out.read_text())


# ---- report --------------------------------------------------------------------------------------

def machine():
    def first_line(command):
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
        return ((done.stdout or done.stderr).strip().splitlines() or ["unknown"])[0]
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    mem_kib = proc_meminfo("MemTotal")
    java_version = subprocess.run([knob("BENCH_JAVA"), "-version"], capture_output=True, text=True,
                                  timeout=30).stderr.splitlines()
    return {"nproc": os.cpu_count(), "cpu_model": cpu, "memory_gib": round(mem_kib / MIB, 1),
            "kernel": platform.release(), "os": platform.platform(), "jdk": java_version[0] if java_version else "?",
            "jdk_runtime": java_version[1] if len(java_version) > 1 else "",
            "wrk": first_line(["wrk", "-v"]).split(" Copyright")[0], "python": platform.python_version()}


def proc_meminfo(field):
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def relative(text):
    """A message as the project tells it: paths relative to the project, none of this machine's."""
    return text.replace(str(ROOT) + "/", "")


def find(runs, server, scenario, size, conns, run):
    return next((r for r in runs if (r["server"], r["scenario"], r["size"], r["conns"], r["run"])
                 == (server, scenario, size, conns, run)), None)


def ratios(runs):
    out = []
    ours = sorted({r["server"] for r in runs if r["server"] not in ("wiremock", "wiremock-tuned", "mockserver")},
                  key=list(LABELS).index)
    peers = [p for p in ("wiremock", "wiremock-tuned", "mockserver") if any(r["server"] == p for r in runs)]
    for size in SIZES:
        for conns in sorted({r["conns"] for r in runs}):
            for us in ours:
                for peer in peers:
                    pairs = []
                    for run in sorted({r["run"] for r in runs}):
                        a, b = find(runs, us, "rotate", size, conns, run), find(runs, peer, "rotate", size, conns, run)
                        if a and b and b["rps"] > 0 and b["latency_ms"]["p99"] > 0:
                            pairs.append({"run": run, "rps_ratio": round(a["rps"] / b["rps"], 2),
                                          "p99_ratio": round(a["latency_ms"]["p99"] / b["latency_ms"]["p99"], 2),
                                          "valid": a["ok"] and b["ok"]})
                    if pairs:
                        out.append({"size": size, "conns": conns, "us": us, "peer": peer, "pairs": pairs})
    return out


SAME_SLOT_BEFORE = 210  # uploads/s, durable, same slot, 64 KiB, c=64, before the fast path (2026-11-28)


def same_slot_verdict(runs):
    name = f"same slot, durable, 64 KiB, c=64: >= 2x the {SAME_SLOT_BEFORE}/s before the fast path"
    found = [r for r in runs if (r["server"], r["scenario"], r["size"], r["conns"]) == ("durable", "same-slot", "64k", 64)]
    if not found:
        return {"target": name, "status": "not measured", "detail": "no such run in this run"}
    met = all(r["rps"] >= 2 * SAME_SLOT_BEFORE and r["ok"] for r in sorted(found, key=lambda r: r["run"]))
    detail = "; ".join(f"run {r['run']}: {r['rps']}/s" for r in sorted(found, key=lambda r: r["run"]))
    return {"target": name, "status": "met" if met else "not met", "detail": detail}


def targets(ratio_list, runs, memory, startup):
    def pairs(us, peer, size, conns=64):
        return next((r["pairs"] for r in ratio_list if (r["us"], r["peer"], r["size"], r["conns"])
                     == (us, peer, size, conns)), None)

    def verdict(name, found, check, describe):
        if not found:
            return {"target": name, "status": "not measured", "detail": "no such pair of runs in this run"}
        met = all(check(p) and p["valid"] for p in found)
        detail = "; ".join(f"run {p['run']}: {describe(p)}{'' if p['valid'] else ' (a flagged run)'}" for p in found)
        return {"target": name, "status": "met" if met else "not met", "detail": detail}

    rps_p99 = lambda p: f"{p['rps_ratio']}x throughput, p99 {p['p99_ratio']}x"
    out = [
        verdict("durable, 64 KiB, c=64: >= 1.5x WireMock tuned throughput, p99 no worse",
                pairs("durable", "wiremock-tuned", "64k"), lambda p: p["rps_ratio"] >= 1.5 and p["p99_ratio"] <= 1, rps_p99),
        verdict("durable, 64 KiB, c=64: >= 0.33x MockServer tuned throughput",
                pairs("durable", "mockserver", "64k"), lambda p: p["rps_ratio"] >= 0.33, rps_p99),
        verdict("relaxed, 64 KiB, c=64: >= 0.45x MockServer tuned throughput",
                pairs("relaxed", "mockserver", "64k"), lambda p: p["rps_ratio"] >= 0.45, rps_p99),
        verdict("relaxed, 4 KiB, c=64: >= 0.35x MockServer tuned throughput",
                pairs("relaxed", "mockserver", "4k"), lambda p: p["rps_ratio"] >= 0.35, rps_p99),
        verdict("durable, 1 MiB, c=64: >= 1.0x MockServer tuned throughput",
                pairs("durable", "mockserver", "1m"), lambda p: p["rps_ratio"] >= 1, rps_p99),
        same_slot_verdict(runs),
    ]
    limit_mib = 32e6 / MIB
    if memory:
        growth = memory["max_growth_mib"]
        all_ok = all(r["status_200"] == memory["uploads"] and r["stored_by_sha256"] == memory["uploads"]
                     for r in memory["rounds"])
        out.append({"target": "20 x 10 MiB concurrent uploads: RSS growth < 32 MB",
                    "status": "met" if growth < limit_mib and all_ok else "not met",
                    "detail": f"peak growth {growth} MiB over {len(memory['rounds'])} rounds (32 MB = {limit_mib:.1f} MiB)"
                              + ("" if all_ok else "; not every upload answered 200 and was stored")})
    else:
        out.append({"target": "20 x 10 MiB concurrent uploads: RSS growth < 32 MB", "status": "not measured",
                    "detail": "BENCH_LARGE_UPLOADS=0"})
    def median(label, key="ms"):
        values = sorted(((startup or {}).get(label) or {}).get(key) or [])
        return values[(len(values) - 1) // 2] if values else None

    wiremock = median(next((k for k in (startup or {}) if k.startswith("WireMock")), ""))
    for label, factor in (("JDK 17", 1.0), ("JDK 25 + AOT cache", 0.5)):
        target = f"{label}: first authenticated 200 <= {factor}x WireMock's first 200"
        ours = median(label)
        if ours is None or wiremock is None:
            out.append({"target": target, "status": "not measured", "detail": "no start-up runs for it or for WireMock"})
            continue
        out.append({"target": target, "status": "met" if ours <= factor * wiremock else "not met",
                    "detail": f"median {ours} ms against WireMock's {wiremock} ms ({ours / wiremock:.2f}x)"})
    native = [("ready_ms", 100, "ready (/q/health/ready UP) <= 100 ms"),
              ("ms", 150, "first authenticated 200 <= 150 ms"), ("rss_kib", 64 * 1024, "RSS after it <= 64 MiB")]
    for key, limit, what in native:
        value = median("native", key)
        out.append({"target": f"native: {what}", "status": "not measured" if value is None
                    else "met" if value <= limit else "not met",
                    "detail": "no native executable built" if value is None
                    else f"median {value} {'KiB' if key == 'rss_kib' else 'ms'}"})
    return out


def quick_run():
    return {k: os.environ[k] for k in KNOBS if k in os.environ and os.environ[k].strip() != KNOBS[k][0]}


def markdown(result):
    m, lines = result["machine"], []
    add = lines.append
    quick = result["knobs_changed"]
    add(f"_Generated by `bench/run.sh` on {result['date']}; edit the script, not this block._")
    add("")
    if quick:
        add("> **Quick run with non-default knobs** (" + ", ".join(f"`{k}={v}`" for k, v in quick.items())
            + "): not the benchmark, only a check that it runs. A run with the defaults replaces it.")
        add("")
    add(f"Command: `{result['command']}`  ")
    add(f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, Linux {m['kernel']}; "
        f"servers on `{m['jdk']}` ({m['jdk_runtime']}); {m['wrk']}.  ")
    add(f"Load average before: {result['load_before']}; after: {result['load_after']}. wrk shares the CPUs with the "
        "server it loads: compare servers within this run, not with another machine.")
    add("")
    for f in result["failures"]:
        add(f"> **Failed**: {LABELS.get(f['server'], f['server'])}, pass {f['run']}: {f['error']}")
        add("")
    add("### Targets")
    add("")
    add("A target is met when it holds in every pair of runs (run 1 with run 1, run 2 with run 2) and no run of "
        "the pair was flagged.")
    add("")
    add("| target | verdict | ratios / numbers |")
    add("|---|---|---|")
    for t in result["targets"]:
        add(f"| {t['target']} | **{t['status']}** | {t['detail']} |")
    add("")
    add("![uploads/s and p99 latency per size, sandbox vs peers](benchmarks-uploads.png)")
    add("")
    add("### What runs")
    add("")
    add(f"wrk {result['knobs']['BENCH_THREADS']} threads, each configuration warmed up for "
        f"{result['knobs']['BENCH_WARMUP']} s and then measured for {result['knobs']['BENCH_DURATION']} s, "
        f"{result['knobs']['BENCH_REPEATS']} passes (each pass starts every server afresh and runs all its "
        "configurations). Every request is a real `multipart/form-data` upload of a valid PNG (a 16x16 image padded "
        "to its size with a `tEXt` chunk) to `POST /customer/kyc/upload/{customerId}/{documentId}` with an "
        "`x-connectfi-token`. **rotate**: each wrk thread cycles over its own half of "
        f"{result['knobs']['BENCH_CUSTOMERS']} customers' slots (2 per customer), so no two requests in flight wait "
        "for the same session row lock; **same-slot**: every connection uploads into one slot (the lock path, "
        "sandbox only). The sandbox is seeded through its public API (a fresh tenant, user and token, then "
        "`/customer/init` and `/customer/kyc/init`, last name `WaitReview` so that sessions stay open) on a fresh "
        "data directory at each start. The peers answer every upload with a copy of the sandbox's own upload "
        f"response (`bench/upload-response.json`, {result['envelope_bytes']} bytes) and store nothing.")
    add("")
    add("| server | command (port and paths vary) |")
    add("|---|---|")
    for name, (command, env) in result["server_commands"].items():
        env_text = " ".join(f"{k}={v}" for k, v in env.items())
        add(f"| {LABELS[name]} | `{(env_text + ' ') if env_text else ''}{command}` |")
    add("")
    add("Columns: req/s over the measured seconds; latency percentiles from wrk; non-2xx and socket errors "
        "(connect/read/write/timeout); the server JVM's peak RSS and CPU (100% = one core) sampled from `/proc` "
        f"every {SAMPLE_EVERY_S}s; for the sandbox on its embedded PostgreSQL also PostgreSQL's processes "
        "(postmaster and backends: peak PSS, which counts shared memory once, and CPU), separately; wrk's own CPU. "
        "**stored** (the sandbox only): uploads its metrics counted (at least the 200s wrk saw, and as many "
        "bytes written), how many slots now record this run's PNG (the SHA-256 of every slot, by `HEAD` on the "
        "admin download; none may record a file that was never sent), and how many of those files (up to 3) were "
        "downloaded and hashed. A run with an error, a failed check or a refused upload is flagged (⚠) and "
        "explained below its table; uploads that wrk cuts off when its time is up are counted by the sandbox as "
        "`badRequest` and are not errors.")
    for scenario in ("rotate", "same-slot"):
        for size in SIZES:
            rows = [r for r in result["runs"] if r["scenario"] == scenario and r["size"] == size]
            if not rows:
                continue
            add("")
            add(f"### {scenario}, {SIZE_LABELS[size]}")
            add("")
            add("| server | c | run | req/s | p50 ms | p99 ms | max ms | non-2xx | socket errors | server RSS MiB | "
                "server CPU % | PostgreSQL PSS MiB | PostgreSQL CPU % | wrk CPU % | stored |")
            add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
            flagged = []
            for r in sorted(rows, key=lambda r: (r["conns"], list(LABELS).index(r["server"]), r["run"])):
                pg = r["postgres"]
                st = r["stored"]
                stored = (f"{st['uploads_ok']} ok; {st['slots_holding_this_png']}/{st['slots']} slots hold it; "
                          f"{st['files_verified']} files verified" if st else "n/a")
                add(f"| {r['label']} | {r['conns']} | {r['run']} | {r['rps']:.0f} | {r['latency_ms']['p50']} | "
                    f"{r['latency_ms']['p99']} | {r['latency_ms']['max']} | {r['non_2xx']} | "
                    f"{sum(r['socket_errors'].values())} | {r['server_process']['peak_rss_mib']:.0f} | "
                    f"{r['server_process']['cpu_pct']:.0f} | {pg['peak_pss_mib'] if pg else '-'} | "
                    f"{pg['cpu_pct'] if pg else '-'} | {r['wrk_cpu_pct']:.0f} | {stored}{'' if r['ok'] else ' ⚠'} |")
                if not r["ok"]:
                    flagged.append(f"{r['label']} c={r['conns']} run {r['run']}: " + "; ".join(r["flags"]))
            for f in flagged:
                add(f"")
                add(f"⚠ {f}")
    add("")
    add("### Ratios, sandbox / peer, pair by pair (rotate)")
    add("")
    add("Throughput ratio above 1 and p99 ratio below 1 favour the sandbox.")
    add("")
    add("| size | c | sandbox | peer | req/s ratio per run | p99 ratio per run |")
    add("|---|---|---|---|---|---|")
    for r in result["ratios"]:
        add(f"| {SIZE_LABELS[r['size']]} | {r['conns']} | {LABELS[r['us']]} | {LABELS[r['peer']]} | "
            + " / ".join(f"{p['rps_ratio']}{'' if p['valid'] else '⚠'}" for p in r["pairs"]) + " | "
            + " / ".join(f"{p['p99_ratio']}{'' if p['valid'] else '⚠'}" for p in r["pairs"]) + " |")
    mem = result["memory"]
    add("")
    add("### Memory under large uploads")
    add("")
    if mem:
        add(f"A fresh sandbox (durable), one 10 MiB upload first, then its RSS as the baseline "
            f"({mem['baseline_rss_mib']} MiB); then {len(mem['rounds'])} rounds of {mem['uploads']} concurrent "
            f"10 MiB uploads (`curl -F`, each into another customer's slot), RSS sampled every {MEMORY_SAMPLE_EVERY_S}s.")
        add("")
        add("| round | seconds | 200s | stored (SHA-256) | peak RSS MiB | growth over baseline MiB | server CPU % | "
            "PostgreSQL PSS MiB |")
        add("|---|---|---|---|---|---|---|---|")
        for r in mem["rounds"]:
            add(f"| {r['round']} | {r['seconds']} | {r['status_200']}/{mem['uploads']} | "
                f"{r['stored_by_sha256']}/{mem['uploads']} | {r['peak_rss_mib']} | {r['peak_growth_mib']} | "
                f"{r['cpu_pct']} | {r['postgres']['peak_pss_mib'] if r['postgres'] else '-'} |")
    else:
        add("Not run (`BENCH_LARGE_UPLOADS=0`).")
    add("")
    add("Start-up: see the start-up section below (`bench/startup.sh`, run by `bench/run.sh` too). "
        f"Raw numbers: [`bench/results/{result['file']}`](../bench/results/{result['file']}).")
    return "\n".join(lines)


def replace_block(text, begin, end, block):
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    replacement = f"{begin}\n{block}\n{end}"
    return pattern.sub(lambda _: replacement, text) if pattern.search(text) else text.rstrip() + "\n\n" + replacement + "\n"


def plot(result, tsv):
    if not any(r["scenario"] == "rotate" for r in result["runs"]):
        return
    with open(tsv, "w") as out:
        out.write("label\tscenario\tsize\tconns\trun\trps\tp99_ms\n")
        for r in result["runs"]:
            if r["scenario"] == "rotate":
                out.write(f"{r['label']}\t{r['scenario']}\t{SIZE_LABELS[r['size']]}\t{r['conns']}\t{r['run']}\t"
                          f"{r['rps']}\t{r['latency_ms']['p99']}\n")
    done = subprocess.run([knob("BENCH_JAVA"), "-Djava.awt.headless=true", str(BENCH / "Plot.java"), str(tsv),
                           str(PLOT), result["date"]], capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        log(f"plot failed: {done.stderr[-1000:]}")


def main():
    atexit.register(cleanup)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    WORK.mkdir(parents=True, exist_ok=True)
    PIDS.write_text("")
    started = datetime.datetime.now(datetime.timezone.utc)
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])

    servers = knob_list("BENCH_SERVERS")
    if knob("BENCH_EXTERNAL_JDBC_URL") and not any(s.startswith("external-") for s in servers):
        servers += ["external-durable", "external-relaxed"]
    envelope = (BENCH / "upload-response.json").read_text().strip()
    bodies = {}
    for size_name in set(knob_list("BENCH_SIZES")) | set(knob_list("BENCH_SAME_SLOT_SIZES")):
        if size_name not in SIZES:
            raise SystemExit(f"unknown size {size_name!r}; known: {', '.join(SIZES)}")
        png = png_of_size(SIZES[size_name], seed=SIZES[size_name])
        path = WORK / f"png-{size_name}.png"
        path.write_bytes(png)
        bodies[size_name] = (path, hashlib.sha256(png).hexdigest())

    runs = load_phase(servers, bodies, envelope)
    try:
        memory = memory_phase()
    except Exception as e:
        log(f"memory test FAILED: {e}")
        FAILURES.append({"server": "memory test", "run": 1, "error": relative(str(e))[:1000]})
        memory = None
    startup = startup_phase()

    stamp = started.strftime("%Y-%m-%d-%H%M%S")
    changed = quick_run()
    file = f"{stamp}{'-quick' if changed else ''}.json"
    command = " ".join([f"{k}={shlex.quote(v)}" for k, v in changed.items()] + ["bench/run.sh"])
    ratio_list = ratios(runs)
    result = {
        "date": started.strftime("%Y-%m-%d %H:%M UTC"), "file": file, "command": command,
        "knobs": {k: knob(k) for k in KNOBS if "PASSWORD" not in k}, "knobs_changed": changed,
        "machine": machine(), "load_before": load_before,
        "load_after": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "server_commands": server_commands, "envelope_bytes": len(envelope.encode()), "runs": runs, "ratios": ratio_list,
        "memory": memory, "startup": startup, "targets": targets(ratio_list, runs, memory, startup),
        "failures": FAILURES,
    }
    results_dir = BENCH / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / file).write_text(json.dumps(result, indent=1) + "\n")
    plot(result, WORK / "plot.tsv")
    DOC.write_text(replace_block(DOC.read_text() if DOC.exists() else "# Benchmarks\n",
                                 "<!-- bench:begin -->", "<!-- bench:end -->", markdown(result)))
    log(f"wrote bench/results/{file}, {DOC.relative_to(ROOT)} and {PLOT.relative_to(ROOT)}")
    for t in result["targets"]:
        log(f"target {t['status']:>12}: {t['target']} ({t['detail']})")


if __name__ == "__main__":
    main()
