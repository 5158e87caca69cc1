"""GET /v1/penerima-manfaat filtered by year (`?tahun=2024`) against the same list unfiltered.

Issue 17: on SQLite the year filter made a district's CSV of 7,400 people take 8.5 s (0.07 s
without it) and a 500-row page 1.3 s (0.02 s): the PMKS records were looked up through the
(kode_wilayah, …) index, so each person scanned the whole district's records.

100,000 people in SQLite (`--pg`: PostgreSQL, a throw-away server unless DATABASE_URL names
one), written directly, not through the API: 7,400 in 5301, the rest spread over the other
21 districts; every person a PMKS record of 2024, every third one of 2023 as well; families of
four, every other one with a family record (fakir_miskin, 2024). Measured sequentially, as
an operator_provinsi, filtered and unfiltered interleaved: the district's CSV (median of 3)
and a 500-row page of the district and of the province (median of 15 each). Budget: each
filtered request within 1.5 × its unfiltered one; the figure is the worst ratio (lower is
better, `ok` means ratio ≤ 1.5).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import httpx
from sqlalchemy import Table, create_engine

from bench._alat import server, siapkan_db
from bench.daftar_penerima import WILAYAH_LAIN, postgres
from dinsos_api.penerima.models import AnggotaKeluarga, DataPmks, Keluarga, Orang

JUMLAH = 100_000
DI_5301 = 7_400
WILAYAH = "5301"
TAHUN = 2024
BUDGET = 1.5
SAMPEL_CSV = 3
SAMPEL_HALAMAN = 15
KATEGORI = ["lanjut_usia_terlantar", "penyandang_disabilitas", "anak_terlantar"]


def _tabel(model: Any) -> Table:
    tabel: Table = model.__table__
    return tabel


def muat(url: str) -> None:
    """The people, their records and families, in batches of 5,000 rows."""
    engine = create_engine(url)
    kini = datetime.now(UTC)
    orang: list[dict[str, Any]] = []
    pmks: list[dict[str, Any]] = []
    keluarga: list[dict[str, Any]] = []
    anggota: list[dict[str, Any]] = []
    kel_id = ""
    for i in range(JUMLAH):
        w = WILAYAH if i < DI_5301 else WILAYAH_LAIN[i % len(WILAYAH_LAIN)]
        oid = uuid.uuid4().hex
        kk = f"{w}{i // 4:012d}"
        orang.append({
            "id": oid, "nik": f"{w}01{i:010d}", "nama": f"Orang {i}", "jenis_kelamin": "L",
            "tanggal_lahir": date(1950 + i % 50, 1 + i % 12, 1 + i % 28), "kode_wilayah": w,
            "nomor_kk": kk, "status_hidup": "hidup", "sumber": "bench", "versi": 1,
            "created_at": kini, "updated_at": kini,
        })  # fmt: skip
        for tahun in (TAHUN, TAHUN - 1) if i % 3 == 0 else (TAHUN,):
            pmks.append({
                "id": uuid.uuid4().hex, "orang_id": oid, "kategori_kode": KATEGORI[i % 3],
                "tahun": tahun, "kode_wilayah": w, "status_verifikasi": "terverifikasi",
                "perlu_verifikasi": False, "created_at": kini, "updated_at": kini,
            })  # fmt: skip
        if i % 4 == 0:
            kel_id = uuid.uuid4().hex
            keluarga.append({"id": kel_id, "nomor_kk": kk, "kode_wilayah": w,
                             "created_at": kini, "updated_at": kini})  # fmt: skip
            if i % 8 == 0:
                pmks.append({
                    "id": uuid.uuid4().hex, "keluarga_id": kel_id, "kategori_kode": "fakir_miskin",
                    "tahun": TAHUN, "kode_wilayah": w, "status_verifikasi": "terverifikasi",
                    "perlu_verifikasi": False, "created_at": kini, "updated_at": kini,
                })  # fmt: skip
        anggota.append({
            "id": uuid.uuid4().hex, "keluarga_id": kel_id, "orang_id": oid,
            "hubungan": "kepala_keluarga" if i % 4 == 0 else "anak",
        })  # fmt: skip
    with engine.begin() as conn:
        for model, baris in ((Orang, orang), (Keluarga, keluarga), (AnggotaKeluarga, anggota)):
            for awal in range(0, len(baris), 5000):
                conn.execute(_tabel(model).insert(), baris[awal : awal + 5000])
        for awal in range(0, len(pmks), 5000):
            batch = [{"orang_id": None, "keluarga_id": None, **b} for b in pmks[awal : awal + 5000]]
            conn.execute(_tabel(DataPmks).insert(), batch)
        if conn.dialect.name == "postgresql":
            # PostgreSQL's autovacuum would analyse these tables soon; SQLite never does
            # (nothing in the service runs ANALYZE there), so its planner has no statistics.
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()


@contextmanager
def basis_data(pg: bool) -> Iterator[str]:
    if pg:
        with postgres() as url:
            yield url
    else:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/dinsos.db"


def waktu(klien: httpx.Client, url: str, params: dict[str, Any]) -> tuple[float, int]:
    """Seconds for the whole response, and its size."""
    mulai = time.perf_counter()
    response = klien.get(url, params=params)
    response.raise_for_status()
    return time.perf_counter() - mulai, len(response.content)


def main() -> None:
    pg = "--pg" in sys.argv[1:]
    with basis_data(pg) as url, tempfile.TemporaryDirectory() as var:
        env = {"VAR_DIR": var, "DATABASE_URL": url, "LOG_LEVEL": "WARNING",
               "RATE_LIMIT": "100000000/minute"}  # fmt: skip
        auth = siapkan_db(env, peran="operator_provinsi")
        mulai = time.monotonic()
        muat(url.replace("postgresql://", "postgresql+psycopg://", 1))
        print(
            json.dumps(
                {"tahap": "muat", "orang": JUMLAH, "detik": round(time.monotonic() - mulai, 1)}
            )
        )
        perbandingan = {
            "csv_5301": ({"kode_wilayah": WILAYAH, "format": "csv"}, SAMPEL_CSV),
            "halaman_5301": ({"kode_wilayah": WILAYAH, "limit": 500}, SAMPEL_HALAMAN),
            "halaman_provinsi": ({"limit": 500}, SAMPEL_HALAMAN),
        }
        hasil: dict[str, dict[str, float]] = {}
        with (
            server("dinsos_api.main:create_app", env) as base,
            httpx.Client(headers=auth, timeout=600) as klien,
        ):
            daftar = f"{base}/v1/penerima-manfaat"
            for nama, (params, sampel) in perbandingan.items():
                waktu(klien, daftar, params)  # warm-up
                waktu(klien, daftar, {**params, "tahun": TAHUN})
                tanpa: list[float] = []
                dengan: list[float] = []
                for _ in range(sampel):
                    tanpa.append(waktu(klien, daftar, params)[0])
                    dengan.append(waktu(klien, daftar, {**params, "tahun": TAHUN})[0])
                a, b = statistics.median(tanpa), statistics.median(dengan)
                hasil[nama] = {"tanpa_ms": round(a * 1000, 1), "tahun_ms": round(b * 1000, 1),
                               "rasio": round(b / a, 2)}  # fmt: skip
    terburuk = max(h["rasio"] for h in hasil.values())
    print(
        json.dumps(
            {
                "name": "daftar_tahun",
                "value": terburuk,
                "unit": "× unfiltered",
                "baseline": 1.0,
                "ratio": terburuk,
                "budget": BUDGET,
                "ok": terburuk <= BUDGET,
                "database": "postgresql" if pg else "sqlite",
                **hasil,
            }
        )
    )


if __name__ == "__main__":
    main()
