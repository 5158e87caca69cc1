"""POST /v1/impor/pmks throughput against PostgreSQL COPY of the same rows, in the same run.

100,000 generated valid rows (10 districts, all 26 categories, one in ten a family category
with its KK) are posted over HTTP in batches of 10,000, one after another, to the API served
by uvicorn on PostgreSQL (a throw-away server unless DATABASE_URL names one). Every batch must
answer 201 with 10,000 new rows.

Baseline: binary COPY of the same rows, as the import stores them (one `orang` row and one
`data_pmks` row per input row), into identical tables (`CREATE TABLE … (LIKE … INCLUDING
ALL)`: same columns, defaults, checks and indexes; LIKE copies no foreign keys), one
transaction per batch. Each batch is imported and then COPYed right away, so that both see the
same load on a shared machine. Reported as detail: the same COPY into copies that also carry
the real tables' foreign keys (what storing these rows costs at best), and re-posting every
batch unchanged (a district's monthly resend). Budget: import ≥ 0.30 × COPY rows/s.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import httpx
import psycopg

from bench._alat import cetak, server, siapkan_db

BARIS = 100_000
PER_KIRIMAN = 10_000
TAHUN = 2024
WILAYAH = [f"53{i:02d}" for i in range(1, 11)]
KATEGORI_ORANG = [
    "anak_balita_terlantar",
    "anak_terlantar",
    "anak_berhadapan_dengan_hukum",
    "anak_jalanan",
    "anak_dengan_kedisabilitasan",
    "anak_korban_tindak_kekerasan",
    "anak_memerlukan_perlindungan_khusus",
    "lanjut_usia_terlantar",
    "penyandang_disabilitas",
    "tuna_susila",
    "gelandangan",
    "pengemis",
    "pemulung",
    "kelompok_minoritas",
    "bekas_warga_binaan_lembaga_pemasyarakatan",
    "orang_dengan_hiv_aids",
    "korban_penyalahgunaan_napza",
    "korban_perdagangan_orang",
    "korban_tindak_kekerasan",
    "korban_bencana_alam",
    "korban_bencana_sosial",
    "pekerja_migran_bermasalah_sosial",
    "wanita_rawan_sosial_ekonomi",
]
KATEGORI_KELUARGA = [
    "fakir_miskin",
    "keluarga_bermasalah_sosial_psikologis",
    "komunitas_adat_terpencil",
]


def baris(i: int) -> dict[str, str]:
    """Row i: a valid NIK whose birth date and sex agree with the other columns."""
    kode = WILAYAH[i // PER_KIRIMAN]
    urut = i % PER_KIRIMAN
    hari, bulan, tahun = 1 + urut % 28, 1 + (urut // 28) % 12, 1940 + (urut // 336) % 60
    perempuan = urut % 2 == 1
    nik = f"{kode}01{hari + 40 * perempuan:02d}{bulan:02d}{tahun % 100:02d}{1 + urut % 9999:04d}"
    data = {
        "nik": nik,
        "nama": f"Warga Uji {i}",
        "jenis_kelamin": "P" if perempuan else "L",
        "tanggal_lahir": date(tahun, bulan, hari).isoformat(),
        "alamat": f"RT {urut % 20:03d} RW {urut % 7:03d}",
    }
    if i % 10 == 0:
        data["kategori"] = KATEGORI_KELUARGA[(i // 10) % 3]
        data["nomor_kk"] = f"{kode}01{1 + urut:010d}"
        data["hubungan"] = "kepala_keluarga"
    else:
        data["kategori"] = KATEGORI_ORANG[i % len(KATEGORI_ORANG)]
    return data


def kiriman(k: int) -> list[dict[str, str]]:
    return [baris(i) for i in range(k * PER_KIRIMAN, (k + 1) * PER_KIRIMAN)]


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


# Binary COPY, as the import itself uses: no text to format or to parse.
KOLOM_ORANG = (
    "id, nik, nama, jenis_kelamin, tanggal_lahir, alamat, kode_wilayah, nomor_kk, "
    "status_hidup, sumber, versi, created_at, updated_at"
)
JENIS_ORANG = ["varchar"] * 4 + ["date"] + ["varchar"] * 5 + ["int4", "timestamptz", "timestamptz"]
KOLOM_PMKS = (
    "id, orang_id, keluarga_id, kategori_kode, tahun, kode_wilayah, "
    "status_verifikasi, perlu_verifikasi, impor_id, created_at, updated_at"
)
JENIS_PMKS = (
    ["varchar"] * 4 + ["int4", "varchar", "varchar", "bool", "varchar"] + ["timestamptz"] * 2
)


class Salinan:
    """Copies of `orang` and `data_pmks` (with or without their foreign keys) and a COPY of
    one batch into them."""

    def __init__(self, conn: psycopg.Connection[tuple[object, ...]], dengan_fk: bool) -> None:
        self.conn = conn
        akhiran = "_fk" if dengan_fk else ""
        self.orang, self.pmks = f"bench_orang{akhiran}", f"bench_data_pmks{akhiran}"
        conn.execute(f"CREATE TABLE {self.orang} (LIKE orang INCLUDING ALL)")
        conn.execute(f"CREATE TABLE {self.pmks} (LIKE data_pmks INCLUDING ALL)")
        if dengan_fk:
            for tabel, salinan in (("orang", self.orang), ("data_pmks", self.pmks)):
                for (definisi,) in conn.execute(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype = 'f'",
                    (tabel,),
                ).fetchall():
                    definisi = definisi.replace("REFERENCES orang(", f"REFERENCES {self.orang}(")
                    conn.execute(f"ALTER TABLE {salinan} ADD {definisi}")
        conn.commit()

    def salin(self, kode: str, rows: list[dict[str, str]]) -> float:
        """Seconds to COPY one batch, as the import would store it, and commit."""
        waktu = datetime.now(UTC)
        impor_id = uuid.uuid4().hex
        ids = [uuid.uuid4().hex for _ in rows]
        mulai = time.perf_counter()
        with self.conn.cursor() as cur:
            perintah = f"COPY {self.orang} ({KOLOM_ORANG}) FROM STDIN (FORMAT BINARY)"
            with cur.copy(perintah) as salin:
                salin.set_types(JENIS_ORANG)
                for oid, r in zip(ids, rows, strict=True):
                    salin.write_row(
                        (
                            oid,
                            r["nik"],
                            r["nama"],
                            r["jenis_kelamin"],
                            date.fromisoformat(r["tanggal_lahir"]),
                            r["alamat"],
                            kode,
                            r.get("nomor_kk"),
                            "hidup",
                            "bench",
                            1,
                            waktu,
                            waktu,
                        )
                    )
            perintah = f"COPY {self.pmks} ({KOLOM_PMKS}) FROM STDIN (FORMAT BINARY)"
            with cur.copy(perintah) as salin:
                salin.set_types(JENIS_PMKS)
                for oid, r in zip(ids, rows, strict=True):
                    salin.write_row(
                        (
                            uuid.uuid4().hex,
                            oid,
                            None,
                            r["kategori"],
                            TAHUN,
                            kode,
                            "diajukan",
                            False,
                            impor_id,
                            waktu,
                            waktu,
                        )
                    )
        self.conn.commit()
        return time.perf_counter() - mulai


def kirim(client: httpx.Client, url: str, auth: dict[str, str], body: bytes, harap: str) -> float:
    """Seconds to post one batch (a fresh Idempotency-Key); it must answer 201."""
    headers = {**auth, "content-type": "application/json", "Idempotency-Key": uuid.uuid4().hex}
    mulai = time.perf_counter()
    r = client.post(url, content=body, headers=headers)
    detik = time.perf_counter() - mulai
    if r.status_code != 201 or r.json()[harap] != PER_KIRIMAN:
        raise RuntimeError(f"import failed: {r.status_code} {r.text[:500]}")
    return detik


@contextmanager
def postgres() -> Iterator[str]:
    if os.environ.get("DATABASE_URL", "").startswith("postgresql"):
        yield os.environ["DATABASE_URL"]
        return
    from tests.support.postgres import PostgresSementara

    pg = PostgresSementara()
    admin = pg.start()
    try:
        with psycopg.connect(_libpq(admin), autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench_impor")
        yield pg.url("bench_impor")
    finally:
        pg.stop()


def main() -> None:
    batches = [kiriman(k) for k in range(BARIS // PER_KIRIMAN)]
    bodies = [
        json.dumps({"tahun": TAHUN, "kode_wilayah": WILAYAH[k], "baris": rows}).encode()
        for k, rows in enumerate(batches)
    ]
    impor = copy = copy_fk = ulang = 0.0
    with postgres() as url, tempfile.TemporaryDirectory() as var:
        env = {
            "VAR_DIR": var,
            "DATABASE_URL": url,
            "LOG_LEVEL": "WARNING",
            "RATE_LIMIT": "100000000/minute",  # measure the import, not the limiter
        }
        auth = siapkan_db(env, peran="operator_provinsi")
        with (
            server("dinsos_api.main:create_app", env) as base,
            httpx.Client(timeout=600) as client,
            psycopg.connect(_libpq(url)) as conn,
        ):
            polos, ber_fk = Salinan(conn, dengan_fk=False), Salinan(conn, dengan_fk=True)
            url_impor = f"{base}/v1/impor/pmks"
            for k, body in enumerate(bodies):
                impor += kirim(client, url_impor, auth, body, "baru")
                copy += polos.salin(WILAYAH[k], batches[k])
                copy_fk += ber_fk.salin(WILAYAH[k], batches[k])
            for body in bodies:
                ulang += kirim(client, url_impor, auth, body, "tidak_berubah")
    cetak(
        "impor_pmks",
        BARIS / impor,
        "rows/s",
        BARIS / copy,
        0.30,
        baris=BARIS,
        per_kiriman=PER_KIRIMAN,
        megabyte_json=round(sum(len(b) for b in bodies) / 1e6, 1),
        detik_impor=round(impor, 2),
        detik_copy=round(copy, 2),
        copy_dengan_fk_rows_s=round(BARIS / copy_fk, 1),
        ratio_vs_copy_dengan_fk=round(copy_fk / impor, 3),
        kirim_ulang_tanpa_perubahan_rows_s=round(BARIS / ulang, 1),
    )


if __name__ == "__main__":
    main()
