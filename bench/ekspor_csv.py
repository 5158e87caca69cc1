"""GET /v1/penerima-manfaat?format=csv: the whole registry of 1,000,000 people, streamed.

The same million people as bench/daftar_penerima.py (PostgreSQL, a throw-away server unless
DATABASE_URL names one), exported unfiltered by an operator_provinsi: every row, one CSV.
The server's memory is read from /proc/<pid>/status: VmRSS just before the export, sampled
every 20 ms while it streams, and VmHWM (the kernel's high-water mark) after it. Budget: the
server's peak memory grows by less than 100 MB while it streams the export (the export's
size is reported alongside, as is its speed). Lower is better here: `ratio` is the growth
over the 100 MB budget and `ok` means ratio < 1.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import psycopg

from bench._alat import server
from bench.daftar_penerima import libpq, siapkan

BUDGET_MB = 100.0
MB = 1024 * 1024


def pid_server(port: str) -> int:
    """The uvicorn process listening on `port` (started by bench._alat.server)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"uvicorn" in argv and port.encode() in argv:
            return int(proc.name)
    raise RuntimeError(f"no server process on port {port}")


def memori(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB."""
    hasil = {}
    for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
        kunci, _, nilai = baris.partition(":")
        if kunci in ("VmRSS", "VmHWM"):
            hasil[kunci] = int(nilai.split()[0]) / 1024
    return hasil


def main() -> None:
    with siapkan() as (env, auth, db_url), server("dinsos_api.main:create_app", env) as base:
        with psycopg.connect(libpq(db_url)) as conn:
            row = conn.execute("SELECT count(*) FROM orang WHERE dihapus_pada IS NULL").fetchone()
        harapan = int(row[0]) if row else 0
        pid = pid_server(base.rsplit(":", 1)[1])
        url = f"{base}/v1/penerima-manfaat"
        # Warm up the code paths (and their imports) the export uses, on a small export.
        httpx.get(url, headers=auth, params={"limit": 50}, timeout=60).raise_for_status()
        kecil = httpx.get(url, headers=auth, params={"format": "csv", "kode_wilayah": "5399"})
        kecil.raise_for_status()
        awal = memori(pid)
        puncak = awal["VmRSS"]
        selesai = threading.Event()

        def amati() -> None:
            nonlocal puncak
            while not selesai.wait(0.02):
                puncak = max(puncak, memori(pid)["VmRSS"])

        pengamat = threading.Thread(target=amati)
        pengamat.start()
        baris = 0
        ukuran = 0
        mulai = time.monotonic()
        try:
            with httpx.stream(
                "GET", url, headers=auth, params={"format": "csv"}, timeout=600
            ) as response:
                response.raise_for_status()
                for potongan in response.iter_bytes():
                    ukuran += len(potongan)
                    baris += potongan.count(b"\n")
        finally:
            detik = time.monotonic() - mulai
            selesai.set()
            pengamat.join()
        akhir = memori(pid)
    if baris - 1 != harapan:
        raise RuntimeError(f"exported {baris - 1} rows, expected {harapan}: the figure is void")
    if akhir["VmHWM"] > awal["VmHWM"]:
        puncak = max(puncak, akhir["VmHWM"])
    tumbuh = puncak - awal["VmRSS"]
    print(
        json.dumps(
            {
                "name": "ekspor_csv",
                "value": round(tumbuh, 1),
                "unit": "MB",
                "baseline": BUDGET_MB,
                "ratio": round(tumbuh / BUDGET_MB, 3),
                "budget": 1.0,
                "ok": tumbuh < BUDGET_MB,
                "rss_awal_mb": round(awal["VmRSS"], 1),
                "rss_puncak_mb": round(puncak, 1),
                "baris": baris - 1,
                "ukuran_mb": round(ukuran / MB, 1),
                "detik": round(detik, 1),
                "baris_per_detik": round((baris - 1) / detik),
            }
        )
    )


if __name__ == "__main__":
    main()
