"""GET /v1/penerima-manfaat?format=csv (and ?format=xlsx): the whole registry of 1,000,000
people, streamed.

The same million people as bench/daftar_penerima.py (PostgreSQL, a throw-away server unless
DATABASE_URL names one), exported unfiltered by an operator_provinsi: every row, one CSV,
then one XLSX (`python -m bench.ekspor_csv xlsx` for the workbook alone, `csv` for the CSV
alone). The export has one row per PMKS record (a person without one: one row), so the row
count expected is read from the database the same way.
The server's memory is read from /proc/<pid>/status: VmRSS just before the export, sampled
every 20 ms while it streams, and VmHWM (the kernel's high-water mark) after it. Budget: the
server's peak memory grows by less than 100 MB while it streams the export (the export's
size is reported alongside, as is its speed). Lower is better here: `ratio` is the growth
over the 100 MB budget and `ok` means ratio < 1.
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import httpx
import psycopg

from bench._alat import server
from bench.daftar_penerima import libpq, siapkan

BUDGET_MB = 100.0
MB = 1024 * 1024

# One row per PMKS record of a person (its own and its current family's), one row for a person
# without any: what the unfiltered export holds.
SQL_BARIS = """
SELECT count(*) FROM orang o
LEFT JOIN (
    SELECT orang_id FROM data_pmks WHERE orang_id IS NOT NULL
    UNION ALL
    SELECT a.orang_id FROM anggota_keluarga a JOIN data_pmks d ON d.keluarga_id = a.keluarga_id
    WHERE a.sampai IS NULL AND d.orang_id IS NULL
) r ON r.orang_id = o.id
WHERE o.dihapus_pada IS NULL
"""


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


def baris_xlsx(berkas: Path) -> int:
    """Data rows in the workbook's sheet, counted while decompressing it (not parsed)."""
    n = 0
    ekor = b""  # shorter than the tag: nothing in it is counted twice
    with zipfile.ZipFile(berkas) as z, z.open("xl/worksheets/sheet1.xml") as lembar:
        while potongan := lembar.read(1024 * 1024):
            n += (ekor + potongan).count(b"<row ")
            ekor = potongan[-4:]
    return n - 1  # the header


def ukur(base: str, auth: dict[str, str], pid: int, format: str, harapan: int) -> dict[str, object]:
    """One export of the whole registry; the server's memory growth while it streams."""
    url = f"{base}/v1/penerima-manfaat"
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
    with tempfile.TemporaryDirectory() as tmp:
        berkas = Path(tmp) / f"ekspor.{format}"
        try:
            with (
                httpx.stream(
                    "GET", url, headers=auth, params={"format": format}, timeout=1800
                ) as response,
                berkas.open("wb") as keluar,
            ):
                response.raise_for_status()
                for potongan in response.iter_bytes():
                    ukuran += len(potongan)
                    if format == "csv":
                        baris += potongan.count(b"\n")
                    else:
                        keluar.write(potongan)
        finally:
            detik = time.monotonic() - mulai
            selesai.set()
            pengamat.join()
        baris = baris - 1 if format == "csv" else baris_xlsx(berkas)
    akhir = memori(pid)
    if baris != harapan:
        raise RuntimeError(f"exported {baris} rows, expected {harapan}: the figure is void")
    if akhir["VmHWM"] > awal["VmHWM"]:
        puncak = max(puncak, akhir["VmHWM"])
    tumbuh = puncak - awal["VmRSS"]
    return {
        "name": f"ekspor_{format}",
        "value": round(tumbuh, 1),
        "unit": "MB",
        "baseline": BUDGET_MB,
        "ratio": round(tumbuh / BUDGET_MB, 3),
        "budget": 1.0,
        "ok": tumbuh < BUDGET_MB,
        "rss_awal_mb": round(awal["VmRSS"], 1),
        "rss_puncak_mb": round(puncak, 1),
        "baris": baris,
        "ukuran_mb": round(ukuran / MB, 1),
        "detik": round(detik, 1),
        "baris_per_detik": round(baris / detik),
    }


def main() -> None:
    formats = sys.argv[1:] or ["csv", "xlsx"]
    with siapkan() as (env, auth, db_url), server("dinsos_api.main:create_app", env) as base:
        with psycopg.connect(libpq(db_url)) as conn:
            row = conn.execute(SQL_BARIS).fetchone()
        harapan = int(row[0]) if row else 0
        pid = pid_server(base.rsplit(":", 1)[1])
        url = f"{base}/v1/penerima-manfaat"
        # Warm up the code paths (and their imports) the exports use, on small exports.
        httpx.get(url, headers=auth, params={"limit": 50}, timeout=60).raise_for_status()
        for format in formats:
            kecil = httpx.get(url, headers=auth, params={"format": format, "kode_wilayah": "5399"})
            kecil.raise_for_status()
        hasil = [ukur(base, auth, pid, format, harapan) for format in formats]
    for h in hasil:
        print(json.dumps(h))
    # The last line is the worst of the exports (the bench's one figure).
    terburuk = max(hasil, key=lambda h: float(str(h["value"])))
    print(json.dumps({**terburuk, "semua": {str(h["name"]): h["value"] for h in hasil}}))


if __name__ == "__main__":
    main()
