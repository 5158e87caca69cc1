"""Shared bench tooling: start a real server process, drive load, print one JSON line.

Figures are ratios against a baseline measured in the same run, because these machines are
noisy. Load loops are bounded in count and time and target loopback only.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def siapkan_db(env: Mapping[str, str], peran: str = "admin") -> dict[str, str]:
    """Migrate the database named in `env`, load reference data, return an API key header."""
    full_env = {**os.environ, **env}

    def dinsos(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "dinsos_api.cli", *args],
            cwd=ROOT, env=full_env, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    dinsos("db", "upgrade")
    dinsos("demo", "muat")
    kunci = dinsos("klien", "buat", "--nama", "bench", "--peran", peran).strip().splitlines()[-1]
    return {"Authorization": f"Bearer {kunci}"}


@contextmanager
def server(app: str, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve the ASGI factory `app` ("module:function") with uvicorn in its own process."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--factory", "--port", str(port),
         "--log-level", "warning", "--no-access-log"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"server {app} did not start")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@dataclass
class Beban:
    seconds: float
    latencies: list[float]  # seconds, sorted

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99_ms(self) -> float:
        return self.latencies[int(len(self.latencies) * 0.99) - 1] * 1000

    @classmethod
    def gabung(cls, rounds: list[Beban]) -> Beban:
        """Several rounds as one: their requests over their summed time, latencies pooled."""
        return cls(sum(r.seconds for r in rounds), sorted(x for r in rounds for x in r.latencies))


def beban(
    url: str,
    *,
    json_body: Any = None,
    headers: Mapping[str, str] | None = None,
    clients: int = 8,
    seconds: float = 10.0,
    max_requests: int = 200_000,
) -> Beban:
    """Drive `clients` concurrent keep-alive clients at `url` for `seconds` (POST if a body)."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    content = json.dumps(json_body).encode() if json_body is not None else None
    kirim = {"content-type": "application/json", **(headers or {})}

    def worker() -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        with httpx.Client(timeout=30, headers=kirim) as client:
            while time.monotonic() < stop and len(mine) < max_requests // clients:
                t0 = time.perf_counter()
                r = client.get(url) if content is None else client.post(url, content=content)
                mine.append(time.perf_counter() - t0)
                bad += r.status_code >= 400
        with lock:
            latencies.extend(mine)
            errors += bad

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    if errors:
        raise RuntimeError(f"{errors} of {len(latencies)} requests failed: the figure is void")
    return Beban(seconds=elapsed, latencies=latencies)


def cetak(
    name: str, value: float, unit: str, baseline: float, budget: float, **detail: Any
) -> None:
    """Print the one JSON object a bench ends with."""
    ratio = value / baseline if baseline else 0.0
    out = {
        "name": name,
        "value": round(value, 2),
        "unit": unit,
        "baseline": round(baseline, 2),
        "ratio": round(ratio, 3),
        "budget": budget,
        "ok": ratio >= budget,
        **detail,
    }
    print(json.dumps(out))
