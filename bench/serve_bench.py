"""Serving benchmark (issue 11): every figure side by side in one run, as ratios, medians of rounds.

These machines are shared and noisy, so absolute times mean little: each row compares the app
with a baseline measured in the same run (a static file of the same bytes served by the same
uvicorn, ``json.dumps`` of the same plan, a one-route FastAPI app), and prints the median and the
spread of several rounds plus the load average. Targets live here, never in timed unit tests.

Run with ``make bench`` (after the planner table) or ``.venv/bin/python bench/serve_bench.py``.
Servers bind 127.0.0.1 only; every request loop is bounded in count and time.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.planner.design import Design  # noqa: E402
from app.planner.plan import plan  # noqa: E402
from app.planner.result import plan_json  # noqa: E402
from app.web.forms import design_to_data, flatten  # noqa: E402
from bench.plan_speed import switched_design  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
LOAD_SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
EXAMPLE_E1 = ROOT / "examples" / "e1-two-hosts-direct.yaml"


@dataclass
class Row:
    what: str
    values: list[float]
    unit: str
    goal: str
    ok: Callable[[float], bool]

    def line(self) -> str:
        med = statistics.median(self.values)
        spread = f"{min(self.values):.3g}–{max(self.values):.3g}"
        verdict = "meets" if self.ok(med) else "MISSES"
        return f"| {self.what} | {med:.3g} {self.unit} | {spread} | {self.goal} | {verdict} |"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, timeout: float = 60) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.perf_counter() - start
        except httpx.HTTPError:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextmanager
def serve(
    app: str, env: dict[str, str], ready: str, *, factory: bool = True
) -> Iterator[tuple[str, int, float]]:
    """uvicorn on 127.0.0.1 and a free port; yields (base URL, pid, seconds to first 200)."""
    port = _free_port()
    args = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port)]
    args += ["--log-level", "warning", *(["--factory"] if factory else [])]
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=os.environ | env)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + ready)
        yield base, process.pid, time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=30)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _load(
    url: str,
    *,
    clients: int,
    seconds: float,
    pause: float = 0.0,
    method: str = "GET",
    data: dict[str, str] | None = None,
) -> tuple[float, list[float]]:
    """``clients`` loops for ``seconds``: returns (requests per second, latencies in ms)."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    headers = {"Sec-Fetch-Site": "same-origin", "HX-Request": "true"} if method == "POST" else {}

    async def one(client: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            response = await client.request(method, url, data=data, headers=headers)
            assert response.status_code == 200, (url, response.status_code)
            latencies.append((time.perf_counter() - start) * 1000)
            if pause:
                await asyncio.sleep(pause)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        began = time.perf_counter()
        await asyncio.gather(*(one(client) for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return len(latencies) / elapsed, latencies


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _design_doc(design: Design) -> dict[str, Any]:
    return {"document": design.model_dump(mode="json")}


def _e1() -> Design:
    import yaml

    return Design.model_validate(yaml.safe_load(EXAMPLE_E1.read_text()))


def _seed(base: str) -> dict[str, int]:
    ids = {}
    for key, design in {
        "e1": _e1(),
        "h16": switched_design(16),
        "h64": switched_design(64),
        "h96": switched_design(96),
    }.items():
        response = httpx.post(base + "/api/designs", json=_design_doc(design), timeout=120)
        assert response.status_code == 201, response.text
        ids[key] = response.json()["id"]
    return ids


def page_vs_static(base: str, static: str, path: str, name: str) -> float:
    """Throughput of an app page ÷ the same bytes as a static file, same concurrency."""
    body = httpx.get(base + path, timeout=120).content
    (Path(os.environ["BENCH_STATIC_DIR"]) / name).write_bytes(body)
    page_rps, _ = asyncio.run(_load(base + path, clients=8, seconds=LOAD_SECONDS))
    static_rps, _ = asyncio.run(_load(f"{static}/files/{name}", clients=8, seconds=LOAD_SECONDS))
    return page_rps / static_rps


def plan_vs_dumps() -> float:
    design = switched_design(96)
    plan_times, dump_times = [], []
    for _ in range(7):
        start = time.perf_counter()
        result = plan(design)
        plan_times.append(time.perf_counter() - start)
        payload = plan_json(result)
        start = time.perf_counter()
        json.dumps(payload)
        dump_times.append(time.perf_counter() - start)
    return statistics.median(plan_times) / statistics.median(dump_times)


def preview_p99(base: str, design_id: int) -> float:
    form = dict(flatten(design_to_data(switched_design(16))))
    form |= {"version": "1", "author": "", "message": ""}
    _rps, latencies = asyncio.run(
        _load(
            f"{base}/designs/{design_id}/preview",
            clients=8,
            seconds=LOAD_SECONDS * 2,
            pause=0.5,
            method="POST",
            data=form,
        )
    )
    return p(latencies, 0.99)


def page_p99(base: str, path: str) -> float:
    _rps, latencies = asyncio.run(_load(base + path, clients=4, seconds=LOAD_SECONDS))
    return p(latencies, 0.99)


def pdf_seconds(base: str, design_id: int, paper: str) -> float:
    start = time.perf_counter()
    response = httpx.get(f"{base}/designs/{design_id}/sheet.pdf?paper={paper}", timeout=600)
    assert response.status_code == 200
    return time.perf_counter() - start


def p99_during_pdf(base: str, e1_id: int, big_id: int, paper: str) -> float:
    """E1 page p99 while a 64-host PDF is made ÷ without."""
    quiet = page_p99(base, f"/designs/{e1_id}")
    thread = threading.Thread(target=pdf_seconds, args=(base, big_id, paper))
    thread.start()
    time.sleep(0.5)
    busy = page_p99(base, f"/designs/{e1_id}")
    thread.join()
    return busy / quiet


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="vmp-bench-"))
    static_dir = workdir / "static"
    static_dir.mkdir()
    os.environ["BENCH_STATIC_DIR"] = str(static_dir)
    env = {
        "VMP_DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
        "VMP_CACHE_DIR": str(workdir / "cache"),
        "VMP_MAX_HOSTS": "128",
    }
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=ROOT,
        env=os.environ | env,
        check=True,
        capture_output=True,
    )
    rows: dict[str, Row] = {}

    def add(
        key: str, what: str, value: float, unit: str, goal: str, ok: Callable[[float], bool]
    ) -> None:
        rows.setdefault(key, Row(what, [], unit, goal, ok)).values.append(value)

    static_env = {"BENCH_STATIC_DIR": str(static_dir)}
    with serve("bench.static_app:app", static_env, "/", factory=False) as (static, _, one_route_s):
        for round_no in range(ROUNDS):
            paper = "A4" if round_no % 2 == 0 else "Letter"  # a new PDF every round (no cache)
            with serve("app.main:create_app", env, "/designs") as (base, pid, app_start_s):
                ids = _seed(base)
                add(
                    "start",
                    "start to first 200 ÷ one-route FastAPI app",
                    app_start_s / one_route_s,
                    "×",
                    "≤ 1.5×",
                    lambda v: v <= 1.5,
                )
                add(
                    "preview",
                    "live preview p99, 8 editors, 16 hosts, 500 ms think time",
                    preview_p99(base, ids["h16"]),
                    "ms",
                    "≤ 100 ms",
                    lambda v: v <= 100,
                )
                add(
                    "e1",
                    "E1 design page ÷ static file of the same bytes",
                    page_vs_static(base, static, f"/designs/{ids['e1']}", "e1.html"),
                    "",
                    "≥ 0.5",
                    lambda v: v >= 0.5,
                )
                add(
                    "h96",
                    "96-host design page ÷ static file of the same bytes",
                    page_vs_static(base, static, f"/designs/{ids['h96']}", "h96.html"),
                    "",
                    "≥ 0.25",
                    lambda v: v >= 0.25,
                )
                add(
                    "rss",
                    "server RSS after page and preview load",
                    rss_mb(pid),
                    "MB",
                    "≤ 300 MB",
                    lambda v: v <= 300,
                )
                add(
                    "pdf_p99",
                    "E1 page p99 while a 64-host PDF renders ÷ without",
                    p99_during_pdf(base, ids["e1"], ids["h64"], paper),
                    "×",
                    "≤ 3×",
                    lambda v: v <= 3,
                )
                other = "Letter" if paper == "A4" else "A4"
                add(
                    "pdf",
                    "64-host PDF cabling sheet, first request",
                    pdf_seconds(base, ids["h64"], other),
                    "s",
                    "≤ 10 s",
                    lambda v: v <= 10,
                )
                add(
                    "pdf_cached",
                    "64-host PDF cabling sheet, cached",
                    pdf_seconds(base, ids["h64"], other),
                    "s",
                    "≤ 1 s",
                    lambda v: v <= 1,
                )
                add(
                    "rss_pdf",
                    "server RSS after PDFs",
                    rss_mb(pid),
                    "MB",
                    "≤ 300 MB",
                    lambda v: v <= 300,
                )
            add(
                "plan",
                "plan() 96 hosts ÷ json.dumps of its plan",
                plan_vs_dumps(),
                "×",
                "≤ 3×",
                lambda v: v <= 3,
            )
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"\nServing benchmark: {ROUNDS} rounds, medians and spread; load average {load}\n")
    print("| what | median | spread | goal | verdict |")
    print("|---|---|---|---|---|")
    for row in rows.values():
        print(row.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
