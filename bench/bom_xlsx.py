"""Oversized spreadsheets: time to refusal and the server's memory, per workbook and import.

The two workbooks a probe sent (issue 15, item 13), each in two forms:

- `baris_kosong`: a header and 20,000,000 empty rows (`<row/>`), deflated at level 9 into
  about 172 KiB. Before: 100 s and +2.1 GB of server memory before the 422.
- `sel_besar`: a header and one cell of 256,000,000 characters (256 MB). Before: 12.6 s and
  +0.93 GB.
- `…_padat`: the same sheet with random bytes in XML comments before its rows, so that it
  inflates less than 100 times and passes the compression check: then the streaming limits
  (rows counted with the empty ones, the cell's size) must refuse it.

Each is posted as a file to `POST /v1/impor/pmks` (an admin, district 5301) and to
`POST /v1/impor/anggaran?periksa_saja=true` (with that import's own header) of the API served
by uvicorn on a throw-away SQLite database, one at a time, after a warm-up. Measured: seconds
from sending to the answer (which must be a 4xx refusal), and the server's memory growth:
VmHWM (reset through /proc/<pid>/clear_refs before each request) and VmRSS sampled every
20 ms, against VmRSS before. Meanwhile a second client asks `GET /v1/saya` in a loop; its
slowest answer is reported (`lain_maks_ms`). Budget: every refusal within 5 s and under
200 MB of growth; `value` is the slowest refusal, `ratio` it over 5 s, `ok` when both hold.

`uv run python -m bench.bom_xlsx [case …]` (cases: pmks/baris_kosong, anggaran/sel_besar, …).
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx

from bench._alat import server, siapkan_db
from bench.ekspor_csv import memori, pid_server

BATAS_DETIK = 5.0
BATAS_MB = 200.0
BARIS_KOSONG = 20_000_000
SEL_KARAKTER = 256_000_000
MB = 1024 * 1024

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_BAGIAN = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{_REL}">'
        '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}
KEPALA = {
    "pmks": ["NIK", "NAMA", "KATEGORI"],
    "anggaran": ["tingkat", "kode", "nama", "pagu"],
}


def _sel(alamat: str, teks: str) -> str:
    return f'<c r="{alamat}" t="inlineStr"><is><t>{teks}</t></is></c>'


def _kepala(impor: str) -> str:
    sel = "".join(_sel(f"{chr(65 + i)}1", nama) for i, nama in enumerate(KEPALA[impor]))
    return f'<row r="1">{sel}</row>'


def _baris_kosong() -> Iterator[bytes]:
    potongan = b"<row/>" * 1_000_000
    for _ in range(BARIS_KOSONG // 1_000_000):
        yield potongan


def _sel_besar() -> Iterator[bytes]:
    yield b'<row r="2"><c r="C2" t="inlineStr"><is><t>'
    potongan = b"A" * MB
    sisa = SEL_KARAKTER
    while sisa:
        yield potongan[: min(sisa, MB)]
        sisa -= min(sisa, MB)
    yield b"</t></is></c></row>"


def _isian(impor: str, baris: Callable[[], Iterator[bytes]], padat: bool) -> Iterator[bytes]:
    """The sheet's XML: header row, then `baris`; with `padat`, random comments first."""
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">'.encode()
    if padat:
        # Random bytes (hex, 4 bits a character) in comments of 64 KiB, so that the sheet
        # inflates under 100 times; expat skips comments without calling Python.
        ukuran = sum(len(p) for p in baris()) // 45
        for _ in range(ukuran // (64 * 1024) + 1):
            yield b"<!--" + os.urandom(32 * 1024).hex().encode() + b"-->"
    yield b"<sheetData>" + _kepala(impor).encode()
    yield from baris()
    yield b"</sheetData></worksheet>"


def buku(bagian: Iterable[bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for nama, isi in _BAGIAN.items():
            z.writestr(nama, isi)
        with z.open("xl/worksheets/sheet1.xml", "w") as lembar:
            for potongan in bagian:
                lembar.write(potongan)
    return buf.getvalue()


def rasio(isi: bytes) -> float:
    info = zipfile.ZipFile(io.BytesIO(isi)).getinfo("xl/worksheets/sheet1.xml")
    return info.file_size / info.compress_size


KASUS: dict[str, tuple[Callable[[], Iterator[bytes]], bool]] = {
    "baris_kosong": (_baris_kosong, False),
    "sel_besar": (_sel_besar, False),
    "baris_kosong_padat": (_baris_kosong, True),
    "sel_besar_padat": (_sel_besar, True),
}


def kirim(client: httpx.Client, base: str, impor: str, isi: bytes) -> httpx.Response:
    berkas = {"berkas": ("bom.xlsx", isi)}
    headers = {"Idempotency-Key": uuid.uuid4().hex}
    if impor == "pmks":
        data = {"tahun": "2024", "kode_wilayah": "5301"}
        return client.post(f"{base}/v1/impor/pmks", files=berkas, data=data, headers=headers)
    q = {"perangkat_daerah": "dinsos_53", "tahun": 2024, "periksa_saja": "true"}
    return client.post(f"{base}/v1/impor/anggaran", params=q, files=berkas, headers=headers)


def _reset_puncak(pid: int) -> bool:
    """Reset the process's VmHWM (Linux: clear_refs 5); False when not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def ukur(
    client: httpx.Client, base: str, auth: dict[str, str], pid: int, impor: str, isi: bytes
) -> dict[str, Any]:
    dapat_reset = _reset_puncak(pid)
    awal = memori(pid)
    puncak = awal["VmRSS"]
    lain: list[float] = []
    selesai = threading.Event()

    def amati() -> None:
        nonlocal puncak
        while not selesai.wait(0.02):
            puncak = max(puncak, memori(pid)["VmRSS"])

    def tanya() -> None:
        with httpx.Client(timeout=600, headers=auth) as c:
            while not selesai.is_set():
                mulai = time.perf_counter()
                c.get(f"{base}/v1/saya").raise_for_status()
                lain.append(time.perf_counter() - mulai)
                selesai.wait(0.05)

    utas = [threading.Thread(target=amati), threading.Thread(target=tanya)]
    for u in utas:
        u.start()
    mulai = time.perf_counter()
    try:
        r = kirim(client, base, impor, isi)
    finally:
        detik = time.perf_counter() - mulai
        selesai.set()
        for u in utas:
            u.join()
    akhir = memori(pid)
    if dapat_reset:
        puncak = max(puncak, akhir["VmHWM"])
    if r.status_code >= 500:
        raise RuntimeError(f"{impor}: {r.status_code} {r.text[:300]}: the figure is void")
    body = r.json()
    pesan = (body.get("errors") or [{}])[0]
    return {
        "status": r.status_code,
        "detik": round(detik, 2),
        "tumbuh_mb": round(puncak - awal["VmRSS"], 1),
        "rss_awal_mb": round(awal["VmRSS"], 1),
        "lain_maks_ms": round(max(lain, default=0) * 1000, 1),
        "field": pesan.get("field"),
        "pesan": (pesan.get("message") or body.get("detail", ""))[:160],
    }


def main() -> None:
    pilihan = set(sys.argv[1:])
    hasil: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as var:
        env = {
            "VAR_DIR": var,
            "DATABASE_URL": f"sqlite:///{var}/dinsos.db",
            "LOG_LEVEL": "WARNING",
            "RATE_LIMIT": "100000000/minute",
        }
        auth = siapkan_db(env, peran="admin")
        with (
            server("dinsos_api.main:create_app", env) as base,
            httpx.Client(timeout=900, headers=auth) as client,
        ):
            pid = pid_server(base.rsplit(":", 1)[1])
            for impor in KEPALA:  # warm-up: the import's code paths, a small refusal
                kecil = buku(_isian(impor, lambda: iter([b"<row/>" * 3]), padat=False))
                if kirim(client, base, impor, kecil).status_code >= 500:
                    raise RuntimeError(f"warm-up of {impor} failed")
            for nama, (baris, padat) in KASUS.items():
                for impor in KEPALA:
                    kunci = f"{impor}/{nama}"
                    if pilihan and kunci not in pilihan and nama not in pilihan:
                        continue
                    isi = buku(_isian(impor, baris, padat))
                    if padat and rasio(isi) >= 100:
                        raise RuntimeError(f"{kunci}: inflates {rasio(isi):.0f} times, not < 100")
                    hasil[kunci] = {
                        "kib": round(len(isi) / 1024),
                        "rasio": round(rasio(isi)),
                        **ukur(client, base, auth, pid, impor, isi),
                    }
                    del isi
                    print(kunci, json.dumps(hasil[kunci]), file=sys.stderr)
    if not hasil:
        raise SystemExit(f"no case chosen; cases: {', '.join(KASUS)} for pmks, anggaran")
    terlama = max(h["detik"] for h in hasil.values())
    tumbuh = max(h["tumbuh_mb"] for h in hasil.values())
    ditolak = all(400 <= h["status"] < 500 for h in hasil.values())
    print(
        json.dumps(
            {
                "name": "bom_xlsx",
                "value": terlama,
                "unit": "s",
                "baseline": BATAS_DETIK,
                "ratio": round(terlama / BATAS_DETIK, 3),
                "budget": 1.0,
                "ok": ditolak and terlama < BATAS_DETIK and tumbuh < BATAS_MB,
                "tumbuh_maks_mb": tumbuh,
                "tumbuh_batas_mb": BATAS_MB,
                "kasus": hasil,
            }
        )
    )


if __name__ == "__main__":
    main()
