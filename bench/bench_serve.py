"""Benchmark the production server (`zicht serve`, gunicorn + WhiteNoise) under concurrent clients.

The demo monitor (SQLite, published 2022) is built once in ``var/bench/serve`` with ``zicht demo
--no-serve``; then ``zicht serve`` runs on a free loopback port and N client processes (default 20), each
with its own keep-alive connection, request the home page, the dashboard, the report page, the API
list, a municipality's factsheet and a static file (the admin's CSS, beside the pages in the same run)
round-robin for a fixed
time (default 30 s). Per URL: p50, p95, p99, errors, requests/s. Also the load average and the
resident memory of each web worker after start-up. Target (issue 12): p95 under 250 ms, zero errors.

Only 127.0.0.1 is ever contacted; every loop is bounded by the deadline.
``--urls dashboard,factsheet,"static file"`` limits the run to those (issue 11: the dashboard and a
factsheet beside a static file).
Usage: ``python bench/bench_serve.py [--clients 20] [--seconds 30] [--workers N] [--threads N] [--urls A,B]
[--rebuild]``.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench" / "serve"
HOST = "127.0.0.1"
YEAR = 2022
URLS = {
    "home": "/",
    "dashboard": f"/dashboard/{YEAR}/",
    "report": f"/monitor/{YEAR}/",
    "api list": "/api/v1/publications/",
    "factsheet": f"/monitor/{YEAR}/factsheets/GM0505-dordrecht.html",
    "static file": "/static/admin/css/base.css",
}


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZICHT_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    return env


def build_demo(rebuild: bool) -> None:
    if (DATA / "zicht.sqlite3").is_file() and (DATA / "publicaties" / str(YEAR)).is_dir() and not rebuild:
        return
    print(f"Demo bouwen in {DATA} ...", flush=True)
    subprocess.run([sys.executable, "-m", "zicht", "demo", "--no-serve", "--out", str(DATA)], env=_env(),
                   check=True, stdout=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int | None, threads: int | None = None) -> subprocess.Popen:
    env = {**_env(), "ZICHT_DATA_DIR": str(DATA), "ZICHT_SECRET_KEY": secrets.token_urlsafe(50),
           "ZICHT_DEBUG": "0", "ZICHT_LOG_LEVEL": "WARNING"}
    if threads:
        env["ZICHT_WEB_THREADS"] = str(threads)
    cmd = [sys.executable, "-m", "zicht", "serve", "--bind", f"{HOST}:{port}"]
    if workers:
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("zicht serve stopte meteen")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("zicht serve antwoordde niet binnen 120 s")


def worker_rss_mb(master: int) -> list[float]:
    """Resident memory of gunicorn's worker processes (children of the master), from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                status = (stat.parent / "status").read_text()
                rss_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
                sizes.append(rss_kb / 1024)
        except (OSError, StopIteration, ValueError, IndexError):
            continue
    return sorted(sizes)


def client(port: int, deadline: float, offset: int, queue) -> None:
    """One simulated visitor in its own process (so that the clients do not share one GIL and the
    timings are the server's, not the load generator's), with one keep-alive connection."""
    names = list(URLS)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    i = offset
    local: dict[str, list[float]] = {n: [] for n in names}
    local_errors = dict.fromkeys(names, 0)
    while time.monotonic() < deadline:
        name = names[i % len(names)]
        i += 1
        start = time.perf_counter()
        try:
            # As behind the operator guide's nginx: TLS ended there, the scheme passed on.
            conn.request("GET", URLS[name], headers={"Accept-Encoding": "gzip", "Accept": "*/*",
                                                      "X-Forwarded-Proto": "https"})
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
        except OSError:
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
        elapsed = time.perf_counter() - start
        if ok:
            local[name].append(elapsed)
        else:
            local_errors[name] += 1
    conn.close()
    queue.put((local, local_errors))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=None, help="default: zicht serve's own (2 x cores + 1)")
    parser.add_argument("--threads", type=int, default=None, help="default: zicht serve's own (ZICHT_WEB_THREADS)")
    parser.add_argument("--rebuild", action="store_true", help="build the demo data again")
    parser.add_argument("--urls", default="", help="comma-separated names of URLS to request (default: all)")
    args = parser.parse_args()
    if args.urls:
        wanted = [name.strip() for name in args.urls.split(",")]
        unknown = [name for name in wanted if name not in URLS]
        if unknown:
            parser.error(f"onbekende URL-namen: {', '.join(unknown)}; bekend: {', '.join(URLS)}")
        for name in list(URLS):
            if name not in wanted:
                del URLS[name]

    build_demo(args.rebuild)
    port = _free_port()
    proc = start_server(port, args.workers, args.threads)
    try:
        time.sleep(1.0)
        rss = worker_rss_mb(proc.pid)
        load_before = os.getloadavg()
        results: dict[str, list[float]] = {n: [] for n in URLS}
        errors = dict.fromkeys(URLS, 0)
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        began = time.monotonic()
        deadline = began + args.seconds
        clients = [context.Process(target=client, args=(port, deadline, k, queue)) for k in range(args.clients)]
        for c in clients:
            c.start()
        for _ in clients:
            local, local_errors = queue.get(timeout=args.seconds + 120)
            for name in URLS:
                results[name].extend(local[name])
                errors[name] += local_errors[name]
        for c in clients:
            c.join(timeout=30)
        wall = time.monotonic() - began
        load_after = os.getloadavg()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = "killed"

    print(f"\nzicht serve, {args.clients} clients, {args.seconds:.0f} s on {HOST} "
          f"({os.cpu_count()} cores; load average before {load_before[0]:.1f}, after {load_after[0]:.1f})")
    print(f"web workers: {len(rss)}, resident memory after start-up: "
          + ", ".join(f"{mb:.0f} MB" for mb in rss))
    print("\n| URL | requests | p50 | p95 | p99 | errors | requests/s |")
    print("|---|---|---|---|---|---|---|")
    total = 0
    for name, path in URLS.items():
        values = results[name]
        total += len(values)
        print(f"| {name} (`{path}`) | {len(values)} | {percentile(values, 50) * 1000:.0f} ms | "
              f"{percentile(values, 95) * 1000:.0f} ms | {percentile(values, 99) * 1000:.0f} ms | "
              f"{errors[name]} | {len(values) / wall:.1f} |")
    pages = [v for n, vals in results.items() if n != "static file" for v in vals]
    print(f"| all pages (without static) | {len(pages)} | {statistics.median(pages) * 1000:.0f} ms | "
          f"{percentile(pages, 95) * 1000:.0f} ms | {percentile(pages, 99) * 1000:.0f} ms | "
          f"{sum(e for n, e in errors.items() if n != 'static file')} | {len(pages) / wall:.1f} |")
    worst = max(percentile(results[n], 95) for n in URLS if n != "static file")
    met = worst < 0.250 and not any(errors.values())
    print(f"\nTarget p95 < 250 ms for every page and zero errors: {'met' if met else 'NOT met'} "
          f"(worst page p95 {worst * 1000:.0f} ms; {total / wall:.1f} requests/s in all); "
          f"server stopped with exit code {code}.")


if __name__ == "__main__":
    main()
