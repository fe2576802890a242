#!/usr/bin/env python3
"""scripts/bench's driver: measures the gateway against DESIGN.md §6 on loopback.

Started by scripts/bench (which installs nginx and wrk, builds the release binary and makes the
venv with matplotlib). Every scenario is bounded in time; the results go to stdout as a table,
to docs/benchmarks.md (with the machine described) and to docs/benchmarks-latency.png.
"""
import argparse
import asyncio
import collections
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# DESIGN.md §6
TARGET_OVERHEAD_MS = 0.3
TARGET_THROUGHPUT = 7500
TARGET_RSS_MIB = 64
TARGET_READY_MS = 300
PROVIDER_LIMIT = 20
BURST_CALLS = 500
FAN_IN_POLLERS = 1000
REFRESH_INTERVAL_S = 2

SECRET_ENV = {"BENCH_TENCENT_SECRET_ID": "AKIDbench0000000000000000000000000000", "BENCH_TENCENT_SECRET_KEY": "bench-secret-key-0000000000000000"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def http(port: int, method: str, path: str, body: bytes | None = None, timeout: float = 10):
    """One request on a fresh connection: (status, headers dict lower-cased, body bytes)."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------
# nginx: the fixed-response upstreams and the proxy


class Nginx:
    def __init__(self, workdir: Path, burst: int):
        self.dir = workdir / "nginx"
        self.dir.mkdir(parents=True)
        self.upstream_port, self.logged_port, self.limited_port, self.proxy_port = (free_port() for _ in range(4))
        config = (HERE / "nginx.conf.template").read_text()
        for key, value in {
            "DIR": str(self.dir), "WORKERS": "1", "RATE": str(PROVIDER_LIMIT), "BURST": str(burst),
            "UPSTREAM_PORT": str(self.upstream_port), "LOGGED_PORT": str(self.logged_port),
            "LIMITED_PORT": str(self.limited_port), "PROXY_PORT": str(self.proxy_port),
        }.items():
            config = config.replace("{{" + key + "}}", value)
        (self.dir / "nginx.conf").write_text(config)
        self.process = subprocess.Popen(
            [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        for port in (self.upstream_port, self.logged_port, self.limited_port, self.proxy_port):
            wait_port(port)

    def log_lines(self, name: str) -> list[tuple[float, str, str]]:
        path = self.dir / name
        if not path.exists():
            return []
        entries = []
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3:
                entries.append((float(parts[0]), parts[1], parts[2]))
        return entries

    def stop(self) -> None:
        self.process.send_signal(signal.SIGQUIT)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# ---------------------------------------------------------------------------------------------
# the gateway


def gateway_config(workdir: Path, name: str, upstream_port: int, *, refresh: str, limits: dict | None) -> Path:
    store = workdir / f"{name}.sqlite"
    rate_limits = ""
    if limits:
        rate_limits = "    rateLimits: {" + ", ".join(f"{k}: {v}" for k, v in limits.items()) + "}\n"
    text = (
        "server: {host: 127.0.0.1, port: 0}\n"
        f"store: {{url: \"sqlite://{store}\"}}\n"
        "logging: {level: info}\n"
        f"operations: {{refreshInterval: {refresh}}}\n"
        "accounts:\n"
        "  - name: bench-tencent\n"
        "    provider: tencent\n"
        "    region: ap-guangzhou\n"
        f"    endpoint: http://127.0.0.1:{upstream_port}\n"
        "    credentials: {idEnv: BENCH_TENCENT_SECRET_ID, secretEnv: BENCH_TENCENT_SECRET_KEY}\n"
        "    instances: [\"crs-*\"]\n"
        f"{rate_limits}"
    )
    path = workdir / f"{name}.yaml"
    path.write_text(text)
    return path


class Gateway:
    """`backup-gateway serve --config`, its port read from the "listening" log line."""

    def __init__(self, binary: Path, config: Path, log: Path):
        self.started = time.monotonic()
        self.log_file = open(log, "ab")
        env = dict(os.environ, **SECRET_ENV)
        self.process = subprocess.Popen([str(binary), "serve", "--config", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        self.port = None
        deadline = time.monotonic() + 30
        while self.port is None:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"the gateway exited before listening (see {log})")
            self.log_file.write(line)
            match = re.search(rb"backup-gateway listening.*?127\.0\.0\.1:(\d+)", line) or re.search(rb"listening.*?:(\d+)", line)
            if match and b"listening" in line and b"backup-gateway" in line:
                self.port = int(match.group(1))
            if time.monotonic() > deadline:
                raise RuntimeError("the gateway did not listen within 30 s")
        threading.Thread(target=self._drain, daemon=True).start()
        self.ready_ms = self._wait_ready()

    def _drain(self) -> None:
        for line in self.process.stdout:
            self.log_file.write(line)

    def _wait_ready(self) -> float:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                status, _, _ = http(self.port, "GET", "/readyz", timeout=1)
                if status == 200:
                    return (time.monotonic() - self.started) * 1000
            except OSError:
                pass
            time.sleep(0.002)
        raise RuntimeError("the gateway was not ready within 30 s")

    def rss_mib(self) -> tuple[float, float]:
        """(current VmRSS, peak VmHWM) in MiB."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
        return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_file.close()


class RSSSampler:
    """Samples a process's VmRSS every 50 ms while load runs; keeps the largest."""

    def __init__(self, gateway: Gateway):
        self.gateway = gateway
        self.peak = 0.0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.wait(0.05):
            try:
                self.peak = max(self.peak, self.gateway.rss_mib()[0])
            except OSError:
                return

    def stop(self) -> float:
        self.stopped.set()
        self.thread.join()
        return self.peak


# ---------------------------------------------------------------------------------------------
# wrk


def wrk(url: str, *, connections: int, threads: int, seconds: int, env: dict | None = None) -> dict:
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "-s", str(HERE / "wrk-report.lua"), url]
    result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, **(env or {})), timeout=seconds + 60)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr}")
    report = None
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            report = json.loads(line[len("BENCH_JSON "):])
    if report is None:
        raise RuntimeError(f"wrk printed no report:\n{result.stdout}\n{result.stderr}")
    report["rps"] = report["requests"] / (report["duration_us"] / 1e6)
    return report


def post_env(body: str, headers: str = "", path_template: str | None = None, path_range: int = 1) -> dict:
    env = {"BENCH_METHOD": "POST", "BENCH_BODY": body, "BENCH_HEADERS": headers}
    if path_template:
        env["BENCH_PATH_TEMPLATE"] = path_template
        env["BENCH_PATH_RANGE"] = str(path_range)
    return env


def ms(microseconds: float) -> float:
    return microseconds / 1000.0


# ---------------------------------------------------------------------------------------------
# scenarios


def measure_startup(binary: Path, workdir: Path, upstream_port: int, runs: int) -> dict:
    times = []
    for index in range(runs):
        config = gateway_config(workdir, f"startup-{index}", upstream_port, refresh="2s", limits=None)
        gateway = Gateway(binary, config, workdir / f"startup-{index}.log")
        times.append(gateway.ready_ms)
        gateway.stop()
    return {"runs": runs, "median_ms": statistics.median(times), "max_ms": max(times), "all_ms": times}


def measure_overhead(gateway: Gateway, nginx: Nginx, seconds: int) -> dict:
    direct_read_env = post_env('{"InstanceId":"crs-bench0001"}', "X-TC-Action: DescribeInstances")
    wrk(f"http://127.0.0.1:{nginx.upstream_port}/", connections=1, threads=1, seconds=2, env=direct_read_env)
    wrk(f"http://127.0.0.1:{gateway.port}/instances/crs-bench0001", connections=1, threads=1, seconds=2)
    direct = wrk(f"http://127.0.0.1:{nginx.upstream_port}/", connections=1, threads=1, seconds=seconds, env=direct_read_env)
    read = wrk(f"http://127.0.0.1:{gateway.port}/instances/crs-bench0001", connections=1, threads=1, seconds=seconds)
    write = wrk(
        f"http://127.0.0.1:{gateway.port}/instances/crs-bench0001/backups", connections=1, threads=1, seconds=seconds,
        env=post_env("{}"),
    )
    for name, report in (("direct", direct), ("read", read), ("write", write)):
        if report["statuses"]["2xx"] != report["requests"]:
            raise RuntimeError(f"overhead/{name}: not every answer was 2xx: {report['statuses']}")
    p = lambda report, q: report["latency_us"]["percentiles"][q]  # noqa: E731
    return {
        "direct": direct, "read": read, "write": write,
        "read_added_p50_ms": ms(p(read, "50") - p(direct, "50")),
        "read_added_p99_ms": ms(p(read, "99") - p(direct, "99")),
        # A backup makes two upstream calls (DescribeInstances, ManualBackupInstance).
        "write_added_p50_ms": ms(p(write, "50") - 2 * p(direct, "50")),
        "write_added_p99_ms": ms(p(write, "99") - 2 * p(direct, "99")),
    }


def measure_throughput(gateway: Gateway, nginx: Nginx, seconds: int) -> dict:
    backups = post_env("{}")
    wrk(f"http://127.0.0.1:{gateway.port}/instances/crs-bench0001/backups", connections=64, threads=2, seconds=2, env=backups)
    sampler = RSSSampler(gateway)
    through_gateway = wrk(f"http://127.0.0.1:{gateway.port}/instances/crs-bench0001/backups", connections=64, threads=2, seconds=seconds, env=backups)
    peak_rss = sampler.stop()
    through_nginx = wrk(
        f"http://127.0.0.1:{nginx.proxy_port}/instances/crs-bench0001/backups", connections=64, threads=2, seconds=seconds,
        env=post_env("{}"),
    )
    accepted = through_gateway["statuses"]["2xx"] / (through_gateway["duration_us"] / 1e6)
    return {
        "gateway": through_gateway, "nginx": through_nginx, "accepted_per_s": accepted,
        "ratio": accepted / through_nginx["rps"], "peak_rss_mib": peak_rss, "rss_after_mib": gateway.rss_mib(),
    }


def create_backup(port: int, instance: str) -> str:
    status, _, body = http(port, "POST", f"/instances/{instance}/backups", b"{}")
    if status != 202:
        raise RuntimeError(f"POST backup answered {status}: {body[:300]!r}")
    return json.loads(body)["id"]


def measure_fan_in(binary: Path, workdir: Path, nginx: Nginx, seconds: int) -> dict:
    config = gateway_config(workdir, "fan-in", nginx.logged_port, refresh=f"{REFRESH_INTERVAL_S}s", limits={"default": 10000})
    gateway = Gateway(binary, config, workdir / "fan-in.log")
    try:
        operation = create_backup(gateway.port, "crs-bench0001")
        started = time.time()
        report = wrk(f"http://127.0.0.1:{gateway.port}/operations/{operation}", connections=FAN_IN_POLLERS, threads=2, seconds=seconds)
        ended = time.time()
    finally:
        gateway.stop()
    calls = [t for t, action, _ in nginx.log_lines("logged-upstream.log") if action == "DescribeTaskInfo" and started <= t <= ended]
    intervals = max(1, int(round((ended - started) / REFRESH_INTERVAL_S)))
    buckets = [0] * intervals
    for t in calls:
        buckets[min(intervals - 1, int((t - started) // REFRESH_INTERVAL_S))] += 1
    return {
        "pollers": FAN_IN_POLLERS, "seconds": ended - started, "polls": report["requests"], "polls_per_s": report["rps"],
        "poll_statuses": report["statuses"], "poll_errors": report["errors"], "status_calls": len(calls),
        "intervals": intervals, "max_calls_per_interval": max(buckets), "calls_per_interval": buckets,
        "latency": report["latency_us"],
    }


async def one_call(port: int, instance: str) -> tuple[int, str | None, str | None]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = (
        f"POST /instances/{instance}/backups HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 2\r\nConnection: close\r\n\r\n{}"
    )
    writer.write(request.encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    reason = None
    if status >= 400:
        try:
            reason = json.loads(body).get("reason")
        except ValueError:
            reason = "unparsable body"
    return status, headers.get("retry-after"), reason


async def burst(port: int) -> list:
    return await asyncio.gather(*(one_call(port, "crs-bench0001") for _ in range(BURST_CALLS)))


def max_in_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    best, start = 0, 0
    for end in range(len(times)):
        while times[end] - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def measure_rate_limit(binary: Path, workdir: Path, nginx: Nginx) -> dict:
    config = gateway_config(workdir, "rate-limit", nginx.limited_port, refresh="60s", limits={"default": PROVIDER_LIMIT})
    gateway = Gateway(binary, config, workdir / "rate-limit.log")
    try:
        started = time.time()
        results = asyncio.run(burst(gateway.port))
        elapsed = time.time() - started
        time.sleep(0.5)
    finally:
        gateway.stop()
    upstream = [(t, action, limited) for t, action, limited in nginx.log_lines("limited-upstream.log") if t >= started]
    by_action = {}
    for t, action, limited in upstream:
        entry = by_action.setdefault(action, {"times": [], "rejected": 0})
        entry["times"].append(t)
        entry["rejected"] += limited == "REJECTED"
    statuses = {}
    for status, _, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    throttled_429 = [r for r in results if r[0] == 429]
    return {
        "calls": BURST_CALLS, "seconds": elapsed, "statuses": statuses,
        "retry_after_on_every_429": all(r[1] is not None for r in throttled_429),
        "reasons": sorted({r[2] for r in results if r[2]}),
        "provider_throttling_seen_by_callers": sum(1 for r in results if r[2] and r[2] != "RATE_LIMIT_WAIT_EXCEEDED" and r[0] == 429),
        "upstream": {
            action: {
                "requests": len(e["times"]), "max_in_any_1s": max_in_window(e["times"]),
                "max_per_clock_second": max(collections.Counter(int(t) for t in e["times"]).values()), "rejected": e["rejected"],
            }
            for action, e in sorted(by_action.items())
        },
    }


# ---------------------------------------------------------------------------------------------
# report


def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = int(line.split()[1]) / 1024 / 1024
    version = lambda *command: subprocess.run(list(command), capture_output=True, text=True).stdout.strip() or subprocess.run(list(command), capture_output=True, text=True).stderr.strip()  # noqa: E731
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory, 1), "kernel": platform.release(),
        "os": platform.freedesktop_os_release().get("PRETTY_NAME", "?") if hasattr(platform, "freedesktop_os_release") else "?",
        "swift": version("swift", "--version").splitlines()[0] if version("swift", "--version") else "?",
        "nginx": version("nginx", "-v").replace("nginx version: ", ""),
        "wrk": version("wrk", "-v").splitlines()[0] if version("wrk", "-v") else "?",
        "commit": subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def rows(results: dict) -> list[tuple[str, str, str, str]]:
    o, t, f, r, s = results["overhead"], results["throughput"], results["fan_in"], results["rate_limit"], results["startup"]
    max_upstream = max((a["max_per_clock_second"] for a in r["upstream"].values()), default=0)
    max_sliding = max((a["max_in_any_1s"] for a in r["upstream"].values()), default=0)
    rejected = sum(a["rejected"] for a in r["upstream"].values())
    rss = max(t["peak_rss_mib"], t["rss_after_mib"][1])
    return [
        ("Overhead, one connection (GET /instances/{id})", f"≤ {TARGET_OVERHEAD_MS} ms added at the median",
         f"+{o['read_added_p50_ms']:.3f} ms p50, +{o['read_added_p99_ms']:.3f} ms p99", verdict(o["read_added_p50_ms"] <= TARGET_OVERHEAD_MS)),
        ("Overhead, one connection (POST …/backups, two upstream calls + store)", "(same target, informative)",
         f"+{o['write_added_p50_ms']:.3f} ms p50, +{o['write_added_p99_ms']:.3f} ms p99", "—"),
        ("Throughput, 64 connections, accepted backups/s (SQLite)", f"≥ {TARGET_THROUGHPUT:,}/s",
         f"{t['accepted_per_s']:,.0f}/s (nginx proxy {t['nginx']['rps']:,.0f}/s, ratio {t['ratio']:.2f})", verdict(t["accepted_per_s"] >= TARGET_THROUGHPUT)),
        (f"Fan-in, {f['pollers']:,} pollers of one running operation", "≤ 1 status call per refresh interval",
         f"max {f['max_calls_per_interval']} per {REFRESH_INTERVAL_S} s interval ({f['status_calls']} calls in {f['intervals']} intervals, {f['polls']:,} polls)",
         verdict(f["max_calls_per_interval"] <= 1)),
        (f"Rate limit, burst of {r['calls']} against {PROVIDER_LIMIT} req/s", f"≤ {PROVIDER_LIMIT} req/s upstream; callers wait or get 429 + Retry-After",
         f"{rejected} throttled by the upstream's limiter; at most {max_upstream} per clock second per action "
         f"({max_sliding} in the busiest sliding 1 s of log times); callers {r['statuses']}, Retry-After on every 429: "
         f"{r['retry_after_on_every_429']}, provider throttling seen: {r['provider_throttling_seen_by_callers']}",
         verdict(max_upstream <= PROVIDER_LIMIT and rejected == 0 and r["retry_after_on_every_429"] and r["provider_throttling_seen_by_callers"] == 0)),
        ("Footprint, resident memory under load", f"≤ {TARGET_RSS_MIB} MiB", f"peak {rss:.1f} MiB", verdict(rss <= TARGET_RSS_MIB)),
        ("Footprint, start to ready (/readyz 200)", f"≤ {TARGET_READY_MS} ms", f"median {s['median_ms']:.0f} ms, max {s['max_ms']:.0f} ms of {s['runs']}", verdict(s["median_ms"] <= TARGET_READY_MS)),
    ]


def chart(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = [
        ("upstream direct, 1 conn", results["overhead"]["direct"]),
        ("gateway GET /instances/{id}, 1 conn", results["overhead"]["read"]),
        ("gateway POST backups, 1 conn", results["overhead"]["write"]),
        ("nginx proxy, 64 conns", results["throughput"]["nginx"]),
        ("gateway POST backups, 64 conns", results["throughput"]["gateway"]),
    ]
    figure, axis = plt.subplots(figsize=(9, 5))
    for label, report in series:
        points = report["latency_us"]["percentiles"]
        keys = list(points.keys())
        axis.plot(range(len(keys)), [points[k] / 1000 for k in keys], marker="o", label=label)
    axis.set_xticks(range(len(keys)), [f"p{k}" for k in keys])
    axis.set_yscale("log")
    axis.set_ylabel("latency (ms, log scale)")
    axis.set_title(f"redis-backup-gateway latency percentiles ({results['machine']['cores']} cores, loopback, release build)")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def markdown(results: dict) -> str:
    m = results["machine"]
    table = "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows(results))
    o, t, f, r = results["overhead"], results["throughput"], results["fan_in"], results["rate_limit"]
    pct = lambda report: ", ".join(f"p{k} {v / 1000:.3f}" for k, v in report["latency_us"]["percentiles"].items())  # noqa: E731
    upstream = "\n".join(
        f"| {action} | {a['requests']} | {a['max_per_clock_second']} | {a['max_in_any_1s']} | {a['rejected']} |" for action, a in r["upstream"].items()
    )
    return f"""# Benchmarks

Measured by `scripts/bench` (DESIGN.md §6) in one run on {m['date']}, commit `{m['commit']}`.
Regenerate with `scripts/bench` (this run took {results['wall_seconds'] / 60:.1f} minutes after the release build); the numbers depend on the machine.

**Machine:** {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Linux {m['kernel']} ({m['os']});
{m['swift']}; nginx {m['nginx']}; {m['wrk']}. Everything — load generator, gateway, upstreams —
runs on these cores over loopback. Load average (1 min) {results['load_before']:.2f} before the run and
{results['load_after']:.2f} after it: anything else running on the machine shows in the figures.

| DESIGN.md §6 | target | measured | |
|---|---|---|---|
{table}

![latency percentiles](benchmarks-latency.png)

Why overhead and throughput miss their targets, and where the CPU goes: [benchmarks-analysis.md](benchmarks-analysis.md) (written by hand, not by this script).

## How each figure is measured

- **Upstream:** nginx `return 200` with Tencent Cloud API 3.0 bodies chosen by `X-TC-Action`
  (`scripts/benchmarks/nginx.conf.template`): the instance is running, `ManualBackupInstance`
  returns a task, `DescribeTaskInfo` says `running`. nginx does not check signatures, so only the
  gateway is measured (its signing, store writes, HTTP client and server included). The gateway
  runs the release build with a SQLite store in a temporary folder and `logging.level: info`
  (its log goes to a file), one `tencent` account pointed at the upstream.
- **Overhead:** `wrk -c1 -t1 -d{results['seconds']}s`, sequential calls on one connection. Direct: `POST` to
  the upstream with `X-TC-Action: DescribeInstances` ({pct(o['direct'])} ms).
  Gateway `GET /instances/crs-bench0001` — one upstream call — ({pct(o['read'])} ms); the figure is the difference
  of the percentiles. `POST /instances/{{id}}/backups` makes two upstream calls
  (DescribeInstances, ManualBackupInstance) and two store writes ({pct(o['write'])} ms); its added
  latency is measured against twice the direct call.
- **Throughput:** `wrk -c64 -t2 -d{results['seconds']}s` of `POST /instances/crs-bench0001/backups` (body `{{}}`;
  the upstream always reports the instance running), counting only 202 answers ({t['gateway']['statuses']}, socket errors
  {t['gateway']['errors']}); then the same load through nginx proxying the same upstream
  (`proxy_pass` with keepalive): {t['nginx']['rps']:,.0f} req/s. The ratio is gateway / nginx.
  `refreshInterval` is 60 s so that the background reconciler stays out of the measurement.
- **Fan-in:** one backup accepted, then `wrk -c{f['pollers']} -t2 -d{results['seconds']}s` of
  `GET /operations/{{id}}` ({f['polls']:,} polls, {f['polls_per_s']:,.0f}/s, {f['poll_statuses']}) with
  `refreshInterval: {REFRESH_INTERVAL_S}s`; `DescribeTaskInfo` requests counted in the upstream's access log per
  interval: {f['calls_per_interval']}.
- **Rate limit:** {r['calls']} concurrent `POST …/backups` (one connection each) against an upstream limited
  by nginx `limit_req` to {PROVIDER_LIMIT} requests/s per action (burst {results['nginx_burst']}, to absorb loopback
  jitter), answering over the limit with Tencent's `RequestLimitExceeded`; the account's
  `rateLimits` is the provider's documented {PROVIDER_LIMIT}/s and `timeouts.rateLimitWait` the default 2 s.
  The upstream's limiter is the judge of "never exceeds the limit"; the sliding-window count is
  read from nginx's log times (ms, taken when each answer is logged), whose jitter can put a 21st
  request of a 50 ms cadence inside one second. The burst took {r['seconds']:.1f} s. Callers got {r['statuses']} (reasons: {', '.join(r['reasons']) or 'none'}).

  | action | upstream requests | most in one clock second | most in any sliding 1 s | throttled by the upstream |
  |---|---|---|---|---|
{chr(10).join('  ' + line for line in upstream.splitlines())}

- **Footprint:** resident memory sampled every 50 ms during the throughput run (peak
  {t['peak_rss_mib']:.1f} MiB; VmHWM {t['rss_after_mib'][1]:.1f} MiB); start to ready is the time from `exec` to the
  first `200` from `/readyz` with a new SQLite file (migrations included), over
  {results['startup']['runs']} starts: {', '.join(f'{x:.0f}' for x in results['startup']['all_ms'])} ms.
- **Kill -9 and fuzzing** are not timed: they are tests that run in CI —
  `Tests/GatewayServerTests/Processes/KillNineTests.swift` (SIGKILL during a stream of backups and
  restores, restart, every accepted operation present and final, no second provider write),
  `ProviderChaosTests.swift` (faults under load, bounded memory) and `scripts/fuzz-api`
  (schemathesis against the served `openapi.yaml`: no 5xx, every answer as specified).
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gateway", required=True, type=Path, help="the release backup-gateway binary")
    parser.add_argument("--seconds", type=int, default=10, help="length of each timed load (default 10)")
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument("--nginx-burst", type=int, default=2)
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    arguments = parser.parse_args()

    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="gateway-bench-"))
    nginx = Nginx(workdir, arguments.nginx_burst)
    results = {"machine": machine(), "seconds": arguments.seconds, "nginx_burst": arguments.nginx_burst, "load_before": os.getloadavg()[0]}
    try:
        print("start to ready …", flush=True)
        results["startup"] = measure_startup(arguments.gateway, workdir, nginx.upstream_port, arguments.startups)
        config = gateway_config(
            workdir, "main", nginx.upstream_port, refresh="60s",
            limits={"DescribeInstances": 10000, "ManualBackupInstance": 10000, "default": 10000},
        )
        gateway = Gateway(arguments.gateway, config, workdir / "main.log")
        try:
            print("overhead …", flush=True)
            results["overhead"] = measure_overhead(gateway, nginx, arguments.seconds)
            print("throughput …", flush=True)
            results["throughput"] = measure_throughput(gateway, nginx, arguments.seconds)
        finally:
            gateway.stop()
        print("fan-in …", flush=True)
        results["fan_in"] = measure_fan_in(arguments.gateway, workdir, nginx, arguments.seconds)
        print("rate limit …", flush=True)
        results["rate_limit"] = measure_rate_limit(arguments.gateway, workdir, nginx)
    finally:
        nginx.stop()
    results["wall_seconds"] = time.monotonic() - began
    results["load_after"] = os.getloadavg()[0]

    width = max(len(r[0]) for r in rows(results))
    print()
    for name, target, measured, ok in rows(results):
        print(f"{name:<{width}}  {ok:<10}  {measured}   (target {target})")
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    chart(results, arguments.output.parent / "benchmarks-latency.png")
    arguments.output.write_text(markdown(results))
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2))
    print(f"\nwrote {arguments.output} and {arguments.output.parent / 'benchmarks-latency.png'}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
