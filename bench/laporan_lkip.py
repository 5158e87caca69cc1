"""GET /v1/laporan/lkip/{tahun}?format=json against the SQL aggregate of the same data.

A synthetic province in PostgreSQL (a throw-away server unless DATABASE_URL names one), loaded
with INSERT … SELECT generate_series, not through the API: the 23 offices of the province
(`perangkat_daerah`), each with a Renstra 2031–2036 of 60 IKU in 4 sasaran, a PK target and
a realisation for each of the 6 years (half the indicators measured by two numerator/
denominator pairs, a fifth "lower is better"), and a 2036 budget tree of 5 programs,
20 kegiatan and 100 sub kegiatan with a DPA pagu, 12 monthly realisation entries and one
physical-progress entry per sub kegiatan. Three more offices hold 15, 30 and 45 indicators
(same shape) for the growth check.

Measured: the JSON report of one office for 2036, one request at a time (median of
`SAMPEL` after a warm-up), served by uvicorn as a real process; baseline: the SQL that reads
the same data alone — one query returning every indicator's target and realisation of the
six years and every budget node's pagu and realisation sums — run by psycopg in the same
run (median, same count). Budget: report ≤ 3 × baseline and under 200 ms; cost linear in the
number of indicators (15/30/45/60: the per-indicator cost of the largest size within 1.5 ×
that of the smallest).

The aggregate: GET /v1/laporan/lkip/2036/ringkasan (every office: 23 × 60 IKU and the three
of 15/30/45, 100 sub kegiatan each) against its own baseline, one SQL query computing the same
per-office figures (`SQL_AGREGAT`: IKU count, capaian mean per sasaran then office, pagu and
realisation sums, penyerapan, efisiensi); same budget, and both must agree on every office's
figures rounded as shown (`agregat_beda` lists those that do not). `ok` is all of them.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import psycopg

from bench._alat import server, siapkan_db
from bench.daftar_penerima import libpq, postgres

TAHUN = 2036
TAHUN_AWAL = TAHUN - 5
INDIKATOR = 60
UKURAN = {"bench_15": 15, "bench_30": 30, "bench_45": 45}
SAMPEL = 30
KANTOR = "dinsos_5314"  # the office whose report is timed (60 indicators)

SQL_PD_UKURAN = """
INSERT INTO perangkat_daerah (kode, nama, tingkat, kode_wilayah, versi, updated_at)
SELECT k, 'Kantor uji ' || k, 'kabupaten', NULL, 1, now() FROM unnest(%s::text[]) AS k
ON CONFLICT DO NOTHING
"""

# Each office with its number of indicators: (kode, n).
SQL_KANTOR = """
CREATE TEMP TABLE kantor AS
SELECT kode, CASE WHEN kode = ANY(%(ukuran_kode)s) THEN
         (%(ukuran_n)s::int[])[array_position(%(ukuran_kode)s, kode)] ELSE %(n)s END AS n
FROM perangkat_daerah
"""

SQL_KINERJA = [
    f"""INSERT INTO renstra (id, versi, created_at, updated_at, perangkat_daerah_kode, nama,
                            tahun_awal, tahun_akhir)
       SELECT md5('r' || kode), 1, now(), now(), kode, 'Renstra uji', {TAHUN_AWAL}, {TAHUN}
       FROM kantor""",
    """INSERT INTO tujuan_renstra (id, renstra_id, kode, nama, urutan)
       SELECT md5('t' || kode), md5('r' || kode), 'T1', 'Tujuan uji', 0 FROM kantor""",
    """INSERT INTO sasaran_strategis (id, tujuan_id, renstra_id, kode, nama, urutan)
       SELECT md5('s' || kode || s), md5('t' || kode), md5('r' || kode), 'SS' || s,
              'Sasaran uji ' || s, s
       FROM kantor, generate_series(0, 3) AS s""",
    """INSERT INTO indikator_kinerja (id, versi, created_at, updated_at, sasaran_id, renstra_id,
              perangkat_daerah_kode, kode, nama, satuan, arah, iku, cara_gabung,
              program_anggaran, urutan)
       SELECT md5('i' || kode || i), 1, now(), now(), md5('s' || kode || (i % 4)),
              md5('r' || kode), kode, 'IKU' || lpad(i::text, 2, '0'), 'Indikator uji ' || i,
              '%%', CASE WHEN i % 5 = 0 THEN 'turun' ELSE 'naik' END, true,
              CASE WHEN i % 4 = 1 THEN 'gabungan' ELSE 'rata_rata' END,
              json_build_array('1.06.0' || (1 + i % 5)), i
       FROM kantor, generate_series(1, n) AS i""",
    f"""INSERT INTO target_kinerja (id, versi, created_at, updated_at, indikator_id, tahun,
              sumber, nilai)
       SELECT md5('tg' || kode || i || y), 1, now(), now(), md5('i' || kode || i), y, 'pk',
              60 + (i * 7) % 40
       FROM kantor, generate_series(1, n) AS i, generate_series({TAHUN_AWAL}, {TAHUN}) AS y""",
    f"""INSERT INTO realisasi_kinerja (id, versi, created_at, updated_at, indikator_id, tahun,
              triwulan, nilai, komponen, bukti)
       SELECT md5('rl' || kode || i || y), 1, now(), now(), md5('i' || kode || i), y, 0,
              CASE WHEN i % 2 = 1 THEN 50 + (i * 13 + y) % 55 END,
              CASE WHEN i % 2 = 0 THEN json_build_array(
                json_build_object('pembilang_uraian', 'dilayani', 'penyebut_uraian', 'sasaran',
                                  'pembilang', (100 + (i * y) % 97)::text,
                                  'penyebut', (120 + i % 50)::text),
                json_build_object('pembilang_uraian', 'tertangani', 'penyebut_uraian', 'total',
                                  'pembilang', (40 + (i + y) % 30)::text, 'penyebut', '70'))
              ELSE '[]'::json END,
              '[]'::json
       FROM kantor, generate_series(1, n) AS i, generate_series({TAHUN_AWAL}, {TAHUN}) AS y""",
]

SQL_ANGGARAN = [
    f"""INSERT INTO anggaran_nomenklatur (id, perangkat_daerah_kode, tahun, tingkat, kode, nama,
              induk_id, created_at)
       SELECT md5('p' || kode || p), kode, {TAHUN}, 'program', '1.06.0' || p,
              'Program uji ' || p, NULL, now()
       FROM kantor, generate_series(1, 5) AS p""",
    f"""INSERT INTO anggaran_nomenklatur (id, perangkat_daerah_kode, tahun, tingkat, kode, nama,
              induk_id, created_at)
       SELECT md5('k' || kode || p || k), kode, {TAHUN}, 'kegiatan',
              '1.06.0' || p || '.1.0' || k, 'Kegiatan uji ' || p || '.' || k,
              md5('p' || kode || p), now()
       FROM kantor, generate_series(1, 5) AS p, generate_series(1, 4) AS k""",
    f"""INSERT INTO anggaran_nomenklatur (id, perangkat_daerah_kode, tahun, tingkat, kode, nama,
              induk_id, created_at)
       SELECT md5('sk' || kode || p || k || s), kode, {TAHUN}, 'sub_kegiatan',
              '1.06.0' || p || '.1.0' || k || '.000' || s, 'Sub kegiatan uji ' || s,
              md5('k' || kode || p || k), now()
       FROM kantor, generate_series(1, 5) AS p, generate_series(1, 4) AS k,
            generate_series(1, 5) AS s""",
    f"""INSERT INTO anggaran_dpa (id, perangkat_daerah_kode, tahun, nomor, created_at)
       SELECT md5('d' || kode), kode, {TAHUN}, 0, now() FROM kantor""",
    f"""INSERT INTO anggaran_pagu (id, dpa_id, sub_kegiatan_id, pagu)
       SELECT md5('pg' || n.id), md5('d' || n.perangkat_daerah_kode), n.id,
              100000000 + (('x' || substr(n.id, 1, 6))::bit(24)::int) * 10
       FROM anggaran_nomenklatur n JOIN kantor ON kantor.kode = n.perangkat_daerah_kode
       WHERE n.tingkat = 'sub_kegiatan' AND n.tahun = {TAHUN}""",
    f"""INSERT INTO anggaran_realisasi (id, sub_kegiatan_id, tanggal, jumlah, created_at)
       SELECT md5('re' || n.id || m), n.id, make_date({TAHUN}, m, 28),
              6000000 + (('x' || substr(n.id, 7, 5))::bit(20)::int), now()
       FROM anggaran_nomenklatur n JOIN kantor ON kantor.kode = n.perangkat_daerah_kode,
            generate_series(1, 12) AS m
       WHERE n.tingkat = 'sub_kegiatan' AND n.tahun = {TAHUN}""",
    f"""INSERT INTO anggaran_realisasi_fisik (id, sub_kegiatan_id, tanggal, persen, created_at)
       SELECT md5('f' || n.id), n.id, make_date({TAHUN}, 12, 31), 90, now()
       FROM anggaran_nomenklatur n JOIN kantor ON kantor.kode = n.perangkat_daerah_kode
       WHERE n.tingkat = 'sub_kegiatan' AND n.tahun = {TAHUN}""",
]

TABEL = [
    "renstra", "tujuan_renstra", "sasaran_strategis", "indikator_kinerja", "target_kinerja",
    "realisasi_kinerja", "anggaran_nomenklatur", "anggaran_dpa", "anggaran_pagu",
    "anggaran_realisasi", "anggaran_realisasi_fisik",
]  # fmt: skip

# The baseline: everything the report reads for one office and year, as one SQL query —
# each indicator's target and realisation (value or pairs) for the six years, and each budget
# node's pagu and realisation summed from its sub kegiatan, with the monthly series.
SQL_BASELINE = """
WITH ind AS (
  SELECT i.id, i.kode, i.nama, i.arah, i.cara_gabung, i.program_anggaran, s.kode AS sasaran,
         s.nama AS sasaran_nama, i.urutan
  FROM indikator_kinerja i
  JOIN renstra r ON r.id = i.renstra_id
  JOIN sasaran_strategis s ON s.id = i.sasaran_id
  WHERE i.perangkat_daerah_kode = %(pd)s AND i.iku AND r.tahun_awal <= %(tahun)s
    AND r.tahun_akhir >= %(tahun)s
), sub AS (
  SELECT n.id, n.kode, n.nama FROM anggaran_nomenklatur n
  WHERE n.perangkat_daerah_kode = %(pd)s AND n.tahun = %(tahun)s AND n.tingkat = 'sub_kegiatan'
), dpa AS (
  SELECT id FROM anggaran_dpa WHERE perangkat_daerah_kode = %(pd)s AND tahun = %(tahun)s
  ORDER BY nomor DESC LIMIT 1
), nilai_sub AS (
  SELECT sub.kode, sub.nama, p.pagu,
         (SELECT sum(jumlah) FROM anggaran_realisasi a WHERE a.sub_kegiatan_id = sub.id) AS real,
         (SELECT persen FROM anggaran_realisasi_fisik f WHERE f.sub_kegiatan_id = sub.id
          ORDER BY tanggal DESC LIMIT 1) AS fisik
  FROM sub LEFT JOIN anggaran_pagu p
    ON p.sub_kegiatan_id = sub.id AND p.dpa_id = (SELECT id FROM dpa)
)
SELECT 'indikator' AS jenis, ind.kode, ind.nama, ind.sasaran_nama AS induk, y.tahun,
       t.nilai AS a, rl.nilai AS b, rl.komponen::text AS c
FROM ind CROSS JOIN generate_series(%(tahun)s - 5, %(tahun)s) AS y(tahun)
LEFT JOIN target_kinerja t ON t.indikator_id = ind.id AND t.tahun = y.tahun AND t.sumber = 'pk'
LEFT JOIN realisasi_kinerja rl ON rl.indikator_id = ind.id AND rl.tahun = y.tahun
  AND rl.triwulan = 0
UNION ALL
SELECT 'anggaran', n.kode, min(n.nama), NULL, NULL, sum(s.pagu), sum(s.real), max(s.fisik)::text
FROM anggaran_nomenklatur n JOIN nilai_sub s ON s.kode LIKE n.kode || '%%'
WHERE n.perangkat_daerah_kode = %(pd)s AND n.tahun = %(tahun)s
GROUP BY n.kode
UNION ALL
SELECT 'bulan', NULL, NULL, NULL, extract(month FROM a.tanggal)::int, sum(a.jumlah), NULL, NULL
FROM anggaran_realisasi a JOIN sub ON sub.id = a.sub_kegiatan_id
GROUP BY extract(month FROM a.tanggal)
"""


# The aggregate's baseline: the summary's per-office figures as one SQL query — the IKU of
# the Renstra in force, their realisation (a value, or the pairs combined by the indicator's
# rule), capaian against the PK target (naik / turun), the mean per sasaran then per office,
# the latest DPA version's pagu sum and the realisation sum, penyerapan and efisiensi.
SQL_AGREGAT = """
WITH renstra_aktif AS (
  SELECT DISTINCT ON (perangkat_daerah_kode) id FROM renstra
  WHERE tahun_awal <= %(tahun)s AND tahun_akhir >= %(tahun)s
  ORDER BY perangkat_daerah_kode, tahun_awal DESC
), ind AS (
  SELECT i.id, i.perangkat_daerah_kode AS pd, i.arah, i.cara_gabung, s.nama AS sasaran
  FROM indikator_kinerja i JOIN renstra_aktif r ON r.id = i.renstra_id
  JOIN sasaran_strategis s ON s.id = i.sasaran_id
  WHERE i.iku
), nilai AS (
  SELECT ind.pd, ind.sasaran, ind.arah, t.nilai AS target,
         COALESCE(rl.nilai, (
           SELECT CASE WHEN ind.cara_gabung = 'gabungan'
             THEN sum((k->>'pembilang')::numeric)
                  / nullif(sum((k->>'penyebut')::numeric), 0) * 100
             ELSE avg((k->>'pembilang')::numeric
                      / nullif((k->>'penyebut')::numeric, 0) * 100) END
           FROM json_array_elements(rl.komponen) AS k)) AS realisasi
  FROM ind
  LEFT JOIN target_kinerja t
    ON t.indikator_id = ind.id AND t.tahun = %(tahun)s AND t.sumber = 'pk'
  LEFT JOIN realisasi_kinerja rl
    ON rl.indikator_id = ind.id AND rl.tahun = %(tahun)s AND rl.triwulan = 0
), per_sasaran AS (
  SELECT pd, sasaran, count(*) AS n,
         avg(CASE WHEN target = 0 THEN NULL
                  WHEN arah = 'turun' THEN (2 * target - realisasi) / target * 100
                  ELSE realisasi / target * 100 END) AS capaian
  FROM nilai GROUP BY pd, sasaran
), kinerja AS (
  SELECT pd, sum(n) AS jumlah_iku, avg(capaian) AS capaian FROM per_sasaran GROUP BY pd
), dpa AS (
  SELECT DISTINCT ON (perangkat_daerah_kode) id, perangkat_daerah_kode AS pd
  FROM anggaran_dpa WHERE tahun = %(tahun)s ORDER BY perangkat_daerah_kode, nomor DESC
), pagu AS (
  SELECT dpa.pd, sum(p.pagu) AS pagu
  FROM anggaran_pagu p JOIN dpa ON dpa.id = p.dpa_id
  JOIN anggaran_nomenklatur n ON n.id = p.sub_kegiatan_id
  WHERE n.tahun = %(tahun)s AND n.tingkat = 'sub_kegiatan'
  GROUP BY dpa.pd
), realisasi AS (
  SELECT n.perangkat_daerah_kode AS pd, sum(a.jumlah) AS realisasi
  FROM anggaran_realisasi a JOIN anggaran_nomenklatur n ON n.id = a.sub_kegiatan_id
  WHERE n.tahun = %(tahun)s AND n.tingkat = 'sub_kegiatan'
  GROUP BY n.perangkat_daerah_kode
)
SELECT pd.kode, pd.nama, pd.kode_wilayah, k.jumlah_iku, k.capaian, pg.pagu, r.realisasi,
       r.realisasi / nullif(pg.pagu, 0) * 100 AS penyerapan,
       k.capaian - r.realisasi / nullif(pg.pagu, 0) * 100 AS efisiensi
FROM perangkat_daerah pd
LEFT JOIN kinerja k ON k.pd = pd.kode
LEFT JOIN pagu pg ON pg.pd = pd.kode
LEFT JOIN realisasi r ON r.pd = pd.kode
WHERE k.pd IS NOT NULL OR pg.pd IS NOT NULL
ORDER BY pd.kode_wilayah NULLS FIRST, pd.kode
"""


def muat(url: str) -> dict[str, int]:
    """Load the synthetic province; the row count of each table filled."""
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        with conn.transaction():
            conn.execute(SQL_PD_UKURAN, (list(UKURAN),))
            conn.execute(
                SQL_KANTOR,  # type: ignore[arg-type]
                {"ukuran_kode": list(UKURAN), "ukuran_n": list(UKURAN.values()), "n": INDIKATOR},
            )
            for sql in SQL_KINERJA + SQL_ANGGARAN:
                conn.execute(sql)  # type: ignore[arg-type]
        jumlah = {}
        for t in TABEL:
            conn.execute(f"VACUUM ANALYZE {t}")  # type: ignore[arg-type]
            row = conn.execute(f"SELECT count(*) FROM {t}").fetchone()  # type: ignore[arg-type]
            jumlah[t] = int(row[0]) if row else 0
    return jumlah


def median_ms(fungsi: object, n: int = SAMPEL) -> float:
    assert callable(fungsi)
    for _ in range(3):  # warm-up: connections, prepared statements, caches
        fungsi()
    waktu = []
    for _ in range(n):
        t0 = time.perf_counter()
        fungsi()
        waktu.append((time.perf_counter() - t0) * 1000)
    return statistics.median(waktu)


def _dua(nilai: object) -> float | None:
    if nilai is None:
        return None
    return float(Decimal(str(nilai)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _beda(json_: list[dict[str, Any]], sql: list[Any]) -> list[str]:
    """Offices whose figures differ between the endpoint and the SQL aggregate."""
    per_kode = {b["perangkat_daerah"]: b for b in json_}
    beda = []
    for kode, _, _, n, capaian, pagu, realisasi, penyerapan, efisiensi in sql:
        b = per_kode.get(kode)
        dari_sql = [n, _dua(capaian), _dua(pagu), _dua(realisasi), _dua(penyerapan)]
        dari_sql.append(_dua(efisiensi))
        if b is None or dari_sql != [
            b["jumlah_iku"], b["capaian"], b["pagu"], b["realisasi"], b["penyerapan"],
            b["efisiensi"],
        ]:  # fmt: skip
            beda.append(kode)
    return beda


def main() -> None:
    with postgres() as db_url, tempfile.TemporaryDirectory() as var:
        env = {
            "VAR_DIR": var,
            "DATABASE_URL": db_url,
            "LOG_LEVEL": "WARNING",
            "RATE_LIMIT": "100000000/minute",
        }
        auth = siapkan_db(env, peran="admin")
        t0 = time.monotonic()
        baris = muat(db_url)
        print(json.dumps({"tahap": "muat", "detik": round(time.monotonic() - t0, 1), **baris}))
        with (
            server("dinsos_api.main:create_app", env) as base,
            httpx.Client(headers=auth, timeout=60) as client,
            psycopg.connect(libpq(db_url)) as conn,
        ):

            def laporan(pd: str) -> object:
                def minta() -> None:
                    r = client.get(
                        f"{base}/v1/laporan/lkip/{TAHUN}", params={"perangkat_daerah": pd}
                    )
                    r.raise_for_status()

                return minta

            def sql(pd: str) -> object:
                def jalankan() -> None:
                    param = {"pd": pd, "tahun": TAHUN}
                    conn.execute(SQL_BASELINE, param).fetchall()  # type: ignore[arg-type]

                return jalankan

            contoh = client.get(
                f"{base}/v1/laporan/lkip/{TAHUN}", params={"perangkat_daerah": KANTOR}
            )
            contoh.raise_for_status()
            data = contoh.json()
            jumlah_ind = sum(len(s["indikator"]) for s in data["tabel_iku"]["sasaran"])
            assert jumlah_ind == INDIKATOR, jumlah_ind
            assert len([b for t in data["anggaran"] for b in t["baris"]]) == 120
            ukuran: dict[int, dict[str, float]] = {}
            for pd, n in [*UKURAN.items(), (KANTOR, INDIKATOR)]:
                ukuran[n] = {
                    "laporan_ms": round(median_ms(laporan(pd)), 1),
                    "sql_ms": round(median_ms(sql(pd)), 2),
                }
            ms = ukuran[INDIKATOR]["laporan_ms"]
            base_ms = ukuran[INDIKATOR]["sql_ms"]

            url_agregat = f"{base}/v1/laporan/lkip/{TAHUN}/ringkasan"

            def agregat() -> None:
                client.get(url_agregat).raise_for_status()

            def agregat_sql() -> None:
                conn.execute(SQL_AGREGAT, {"tahun": TAHUN}).fetchall()  # type: ignore[arg-type]

            ringkasan = client.get(url_agregat)
            ringkasan.raise_for_status()
            baris_agregat = ringkasan.json()["perangkat_daerah"]
            sql_agregat = conn.execute(
                SQL_AGREGAT,  # type: ignore[arg-type]
                {"tahun": TAHUN},
            ).fetchall()
            kantor_n = 23 + len(UKURAN)
            assert len(baris_agregat) == len(sql_agregat) == kantor_n, len(baris_agregat)
            assert sum(b["jumlah_iku"] for b in baris_agregat) == 23 * INDIKATOR + sum(
                UKURAN.values()
            )
            # Both ways must give the same figures (rounded as shown) for every office.
            beda = _beda(baris_agregat, sql_agregat)
            agregat_ms = median_ms(agregat)
            agregat_base_ms = median_ms(agregat_sql)
    per_ind = {n: v["laporan_ms"] / n for n, v in ukuran.items()}
    # Linear: the fixed part (budget tree, rendering) amortises, so the per-indicator cost
    # of 60 must not exceed that of 15 by more than half.
    linear = per_ind[INDIKATOR] <= 1.5 * per_ind[min(per_ind)]
    ratio = ms / base_ms
    agregat_ratio = agregat_ms / agregat_base_ms
    agregat_ok = agregat_ratio <= 3 and agregat_ms < 200 and not beda
    hasil = {
        "name": "laporan_lkip_json",
        "value": round(ms, 1),
        "unit": "ms (median, one office, 60 IKU × 6 years, 100 sub kegiatan)",
        "baseline": round(base_ms, 2),
        "ratio": round(ratio, 2),
        "budget": "ratio ≤ 3 and value < 200 ms; linear in indicators",
        "ok": ratio <= 3 and ms < 200 and linear and agregat_ok,
        "ukuran": ukuran,
        "linear": linear,
        "bytes": len(contoh.content),
        "agregat_ms": round(agregat_ms, 1),
        "agregat_baseline_ms": round(agregat_base_ms, 2),
        "agregat_ratio": round(agregat_ratio, 2),
        "agregat_kantor": len(baris_agregat),
        "agregat_bytes": len(ringkasan.content),
        "agregat_beda": beda,
        "agregat_ok": agregat_ok,
    }
    print(json.dumps(hasil))


if __name__ == "__main__":
    main()
