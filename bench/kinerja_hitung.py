"""POST /v1/kinerja/hitung throughput against a bare FastAPI endpoint served the same way.

Request: 60 indicators in 6 goals and 10 programs (a district office's full set). Baseline: an
endpoint that parses the same JSON body and returns the real response bytes, prepared once.
Budget: ≥ 0.2 × baseline throughput: the real endpoint does about 1 ms of exact decimal
work per request (60 capaian, ratings, means, 10 programs), the baseline none.
"""

from __future__ import annotations

import tempfile

import httpx

from bench._alat import beban, cetak, server, siapkan_db

CLIENTS = 8
SECONDS = 10.0


def permintaan() -> dict[str, object]:
    indikator = [
        {
            "kode": f"IK{i:02d}",
            "sasaran": f"SS{i % 6}",
            "arah": "turun" if i % 7 == 0 else "naik",
            "target": str(80 + i % 20),
            "realisasi": f"{70 + (i * 37) % 40}.{i % 100:02d}",
        }
        for i in range(60)
    ]
    program = [
        {
            "kode": f"P{p}",
            "pagu": 1_000_000_000 + p * 12_345_678,
            "realisasi": 900_000_000 + p * 9_876_543,
            "indikator": [f"IK{i:02d}" for i in range(p * 6, p * 6 + 6)],
        }
        for p in range(10)
    ]
    return {"indikator": indikator, "program": program}


def main() -> None:
    body = permintaan()
    with tempfile.TemporaryDirectory() as var:
        env = {
            "VAR_DIR": var,
            "DATABASE_URL": f"sqlite:///{var}/dinsos.db",
            "LOG_LEVEL": "WARNING",
            "RATE_LIMIT": "100000000/minute",  # measure the endpoint, not the limiter
        }
        auth = siapkan_db(env, peran="analis")
        with server("dinsos_api.main:create_app", env) as base:
            url = f"{base}/v1/kinerja/hitung"
            response = httpx.post(url, json=body, headers=auth)
            response.raise_for_status()
            real = beban(url, json_body=body, headers=auth, clients=CLIENTS, seconds=SECONDS)
    with server("bench._baseline:create_app", {"BASELINE_BODY": response.text}) as base:
        base_load = beban(f"{base}/echo", json_body=body, clients=CLIENTS, seconds=SECONDS)
    cetak(
        "kinerja_hitung",
        real.per_second,
        "req/s",
        base_load.per_second,
        0.2,
        p50_ms=round(real.p50_ms, 2),
        p99_ms=round(real.p99_ms, 2),
        baseline_p99_ms=round(base_load.p99_ms, 2),
        errors=real.errors,
        indikator=60,
        program=10,
    )


if __name__ == "__main__":
    main()
