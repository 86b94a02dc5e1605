"""`make bench`: the portal under production settings and gunicorn, against the framework floor.

In one run on this machine it boots a bare Django view (bench/bare.py) and the portal the way
`make serve` does (production settings, PostgreSQL, Redis, WhiteNoise, gunicorn with
BENCH_WORKERS sync workers), and drives both with wrk (Debian's package):

- warm: `wrk -t2 -c8` for BENCH_SECONDS against every page type, feed (cached, and 304 with the
  ETag), sitemap and the directory, as an anonymous visitor (pages come from the page cache),
  sending `Accept-Encoding: gzip` as browsers and calendar apps do;
- rendered: the same wrk run with a query the page cache never stores (`?bench=rendered`),
  so every request renders the page, as before the page cache: the issue's "cold" goal
  (>= 4 % of the bare view; >= 2 % for the national directory) is judged on this row;
- cold: sequential requests, the shared cache (Redis) emptied before each, so that Wagtail's
  own cached site and settings are rebuilt too: the worst case, shown without a goal, against
  the bare view measured the same way;
- the same at national scale (`seed_scale`: 24,000 schools), and a 50,000-row, 140-column
  register import timed with its peak memory.

It prints req/s, p50 and p99 and the ratio to the bare view with the issue's goal beside each,
checks the workers' memory, and appends the table to bench/RESULTS.md. Timings live here,
never in the tests. Databases `lct_bench_demo` and `lct_bench_national` are built on the first
run and kept (BENCH_REBUILD=1 builds them again); BENCH_RECORD=0 prints without appending
(for a trial run on a busy machine).
"""

import contextlib
import datetime as dt
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
COLD_SAMPLES = int(os.environ.get("BENCH_COLD_SAMPLES", "15"))
HOST = "localhost"
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
#: What wrk sends besides, as every browser and calendar app does (since 2026-12-07: earlier
#: runs in RESULTS.md fetched every page and feed uncompressed).
WRK_HEADERS = {"Accept-Encoding": "gzip"}
RESULTS = ROOT / "bench" / "RESULTS.md"


@dataclass
class Result:
    what: str
    rps: float
    p50_ms: float
    p99_ms: float
    ratio: float
    goal: float | None = None
    size: int = 0
    #: A goal in milliseconds at the median, instead of a ratio.
    goal_ms: float | None = None

    @property
    def met(self):
        if self.goal_ms is not None:
            return self.p50_ms < self.goal_ms
        return None if self.goal is None else self.ratio >= self.goal


# ---------------------------------------------------------------------------------------------
# Servers and databases


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def portal_env(database):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="ltc_portal.settings.production",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"{PG}/{database}",
        REDIS_URL=REDIS,
        PROXY_COUNT="1",
    )
    return env


def manage(database, *args, settings="ltc_portal.settings.production"):
    env = portal_env(database)
    env["DJANGO_SETTINGS_MODULE"] = settings
    subprocess.run([VENV / "python", "manage.py", *args], cwd=ROOT, env=env, check=True)


def psql(*commands):
    args = ["psql", f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1"]
    for command in commands:
        args += ["-c", command]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def database_exists(name):
    out = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() == "1"


def build_database(name, *, national):
    rebuild = os.environ.get("BENCH_REBUILD") == "1"
    if database_exists(name) and not rebuild:
        print(f"--- {name}: kept from an earlier run (BENCH_REBUILD=1 builds it again)")
        manage(name, "migrate", "--noinput", "-v0")
        return
    print(f"--- {name}: migrate, seed_demo{', seed_scale' if national else ''}")
    psql(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    manage(name, "migrate", "--noinput", "-v0")
    # seed_demo refuses production settings (it publishes demo passwords): the same database
    # through the development settings.
    manage(name, "seed_demo", settings="ltc_portal.settings.dev")
    if national:
        manage(name, "seed_scale", settings="ltc_portal.settings.dev")


def flush_cache():
    import redis

    redis.Redis.from_url(REDIS).flushdb()


def get(base, path, headers=None):
    request = urllib.request.Request(base + path, headers={**HEADERS, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@contextlib.contextmanager
def gunicorn(app, env, label):
    port = free_port()
    log = ROOT / "var" / f"bench-{label}.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [VENV / "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if server.poll() is not None:
                sys.exit(f"{label}: gunicorn stopped; see {log}")
            with contextlib.suppress(OSError):
                get(base, "/")
                break
            time.sleep(0.5)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def worker_rss_mb(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return max(sizes) if sizes else 0.0


# ---------------------------------------------------------------------------------------------
# Measuring


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(base, path, headers=None):
    """req/s, p50 and p99 (ms) of `wrk -t2 -c8` for SECONDS."""
    args = ["wrk", "-t2", "-c8", f"-d{SECONDS}s", "--latency"]
    for name, value in {**HEADERS, **WRK_HEADERS, **(headers or {})}.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, base + path], check=True, capture_output=True, text=True).stdout
    if "Non-2xx or 3xx responses" in out:
        sys.exit(f"{path}: wrk saw error responses:\n{out}")

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, latency(50), latency(99)


def cold(base, path):
    """Sequential requests, the shared cache emptied before each: (req/s, p50, p99)."""
    times = []
    for _ in range(COLD_SAMPLES):
        flush_cache()
        start = time.perf_counter()
        status, _headers, _body = get(base, path)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            sys.exit(f"{path} answered {status} (cold)")
    times.sort()
    p99 = times[min(len(times) - 1, round(len(times) * 0.99))]
    return 1000 / statistics.mean(times), statistics.median(times), p99


def check(base, path):
    status, headers, body = get(base, path)
    if status != 200:
        sys.exit(f"{path} answered {status}, expected 200")
    return headers, body


# ---------------------------------------------------------------------------------------------
# The run

# (what, path, goal warm, goal cold); None: no goal, measured to keep.
PAGES = [
    ("home", "/", 0.50, 0.04),
    ("LCT page", "/partnerships/bromsgrove/", 0.50, 0.04),
    ("meetings", "/meetings/", 0.50, 0.04),
    ("materials", "/materials/", 0.50, 0.04),
    ("directory", "/directory/", 0.50, 0.04),
    ("search", "/search/?q=school", None, None),
]
PAGE_NAMES = {what for what, *_rest in PAGES}
#: The issue's goal for the directory of 24,000 schools, rendered.
DIRECTORY_NATIONAL_GOAL = 0.02
FEEDS = [
    ("county feed", "/calendar/county.ics", 0.70, None),
    ("partnership feed", "/calendar/partnership/bromsgrove.ics", 0.50, None),
]


def run_site(base, bare_warm, bare_cold, *, scale):
    results = []
    for what, path, warm_goal, cold_goal in PAGES + FEEDS:
        label = f"{what} ({scale})"
        headers, body = check(base, path)
        rps, p50, p99 = wrk(base, path)
        ratio = rps / bare_warm
        results.append(Result(f"{label}, warm", rps, p50, p99, ratio, warm_goal, len(body)))
        if what in PAGE_NAMES:
            # Rendered every time, as before the page cache (how the "now" column was
            # measured): the query below is one the cache never stores and no page reads.
            rendered = path + ("&" if "?" in path else "?") + "bench=rendered"
            rps, p50, p99 = wrk(base, rendered)
            national_directory = (what, scale) == ("directory", "national")
            goal = DIRECTORY_NATIONAL_GOAL if national_directory else cold_goal
            results.append(Result(f"{label}, rendered", rps, p50, p99, rps / bare_warm, goal))
        rps, p50, p99 = cold(base, path)
        results.append(Result(f"{label}, cold", rps, p50, p99, rps / bare_cold, None))
        if etag := headers.get("ETag"):
            rps, p50, p99 = wrk(base, path, {"If-None-Match": etag})
            results.append(Result(f"{label}, 304", rps, p50, p99, rps / bare_warm, None))
    index, body = check(base, "/sitemap.xml")
    parts = re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", body.decode())
    for path in [p.replace("&amp;", "&") for p in parts[:3]]:
        rps, p50, p99 = cold(base, path)
        what = f"sitemap part {path} ({scale}), cold"
        results.append(Result(what, rps, p50, p99, rps / bare_cold, goal_ms=300))
    return results


def bench_import(template):
    """Import a 50,000-row, 140-column register (21,000 county schools) into a copy of the
    demo: wall time and peak memory of the command."""
    path = ROOT / "var" / "bench-register.csv"
    write_register(path, rows=50_000, kept=21_000)
    target = "lct_bench_import"
    psql(f"DROP DATABASE IF EXISTS {target}", f"CREATE DATABASE {target} TEMPLATE {template}")
    env = portal_env(target)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [VENV / "python", "manage.py", "import_schools", str(path)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    psql(f"DROP DATABASE IF EXISTS {target}")
    return seconds, peak_mb


GIAS_HEADER = [
    "URN",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "PhaseOfEducation (name)",
    "EstablishmentStatus (name)",
    "LA (name)",
    "Street",
    "Town",
    "Postcode",
    "TelephoneNum",
    "SchoolWebsite",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
]
POSTCODES = ["B97 4AA", "WR14 1AA", "DY10 1AA", "WR1 1AA", "B60 1AA", "WR11 4AA"]


def write_register(path, *, rows, kept):
    """A register like the national export: 140 columns, `kept` of `rows` in the county."""
    extra = [f"Column {n}" for n in range(140 - len(GIAS_HEADER))]
    path.parent.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(GIAS_HEADER + extra) + "\r\n")
        for n in range(1, rows + 1):
            county = (n * kept) // rows != ((n - 1) * kept) // rows
            la = "Worcestershire" if county else "Somewhere Else"
            phase = ("Primary", "Secondary", "Nursery")[n % 3]
            values = [
                str(700000 + n), f"Bench School {n}", "Community school", phase, "Open", la,
                f"{n} Church Road", "Redditch", POSTCODES[n % len(POSTCODES)], "01527 000000",
                f"www.school{n}.example.org", "Mrs", "Ann", f"Head{n}",
            ]  # fmt: skip
            out.write(",".join(values + [f"value {n}"] * len(extra)) + "\r\n")


def table(results, extra_lines):
    lines = [
        "| what | req/s | p50 ms | p99 ms | ratio to bare | goal | met |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r.goal_ms is not None:
            goal = f"p50 < {r.goal_ms:.0f} ms"
        elif r.goal is not None:
            goal = f"{r.goal:.0%}"
        else:
            goal = ""
        met = {True: "yes", False: "NO", None: ""}[r.met]
        lines.append(
            f"| {r.what} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.ratio:.1%} "
            f"| {goal} | {met} |"
        )
    return lines + [""] + extra_lines


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `apt-get install wrk` (make bench installs it).")
    (ROOT / "var").mkdir(exist_ok=True)
    build_database("lct_bench_demo", national=False)
    build_database("lct_bench_national", national=True)
    manage("lct_bench_demo", "collectstatic", "--noinput", "--clear", "-v0")

    with gunicorn("bench.bare:application", dict(os.environ), "bare") as (bare, _pid):
        bare_warm, b50, b99 = wrk(bare, "/")
        bare_cold, c50, c99 = cold(bare, "/")
    results = [
        Result("bare Django view, warm", bare_warm, b50, b99, 1.0, None),
        Result("bare Django view, sequential", bare_cold, c50, c99, 1.0, None),
    ]
    memory = []
    for database, scale in (("lct_bench_demo", "demo"), ("lct_bench_national", "national")):
        flush_cache()
        with gunicorn("ltc_portal.wsgi", portal_env(database), scale) as (base, pid):
            if scale == "demo":
                _headers, home = check(base, "/")
                css = re.search(rb'href="(/static/css/main\.[0-9a-f]+\.css)"', home).group(1)
                rps, p50, p99 = wrk(base, css.decode())
                results.append(
                    Result("static file (whitenoise)", rps, p50, p99, rps / bare_warm, None)
                )
            results += run_site(base, bare_warm, bare_cold, scale=scale)
            memory.append((scale, worker_rss_mb(pid)))
    seconds, peak = bench_import("lct_bench_demo")

    extra = [f"- largest gunicorn worker after the {s} run: {mb:.0f} MB RSS" for s, mb in memory]
    extra.append(
        f"- importing a 50,000-row, 140-column register (21,000 county schools): "
        f"{seconds:.1f} s, peak {peak:.0f} MB RSS (goal < 30 s, < 250 MB: "
        f"{'met' if seconds < 30 and peak < 250 else 'NOT met'})"
    )
    lines = table(results, extra)
    print("\n".join(lines))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"## {stamp}: {os.cpu_count()} cores, {WORKERS} gunicorn workers, "
        f"wrk -t2 -c8 -d{SECONDS}s with Accept-Encoding: gzip; "
        f"cold: {COLD_SAMPLES} sequential requests, cache emptied first"
    )
    if os.environ.get("BENCH_RECORD", "1") == "1":
        with RESULTS.open("a") as out:
            out.write("\n" + header + "\n\n" + "\n".join(lines) + "\n")
        print(f"\nappended to {RESULTS.relative_to(ROOT)}")
    if any(r.met is False for r in results) or memory and max(mb for _s, mb in memory) > 400:
        print("some goals are not met (above)")


if __name__ == "__main__":
    main()
