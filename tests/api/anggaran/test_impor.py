"""POST /v1/impor/anggaran: the printed 2024 tables are checked (every discrepancy the oracle
lists, none of the consistent sums), stored trees, Idempotency-Key replay, per-row errors."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from dinsos_api.anggaran.models import Nomenklatur
from dinsos_api.core.audit import AuditLog
from tests.api.anggaran.conftest import (
    FIXTURES,
    PROVINSI,
    ROTE_NDAO,
    MasukSebagai,
    baca_csv,
    baca_json,
    url,
)
from tests.support import xlsx

IMPOR = "/v1/impor/anggaran"
CHECKS = baca_json("lkip2024/anggaran_checks.json")
DETAIL = FIXTURES / "anggaran" / "tabel_3_9_3_15.csv"
RINGKASAN = FIXTURES / "anggaran" / "tabel_3_8_ringkasan.csv"


def _kirim(c: TestClient, berkas: bytes, kunci: str, *, nama: str = "dpa.csv",
           **params: Any) -> Any:  # fmt: skip
    q = {"perangkat_daerah": PROVINSI, "tahun": 2024, **params}
    return c.post(IMPOR, params=q, files={"berkas": (nama, berkas)},
                  headers={"Idempotency-Key": kunci})  # fmt: skip


def _selisih(body: dict[str, Any]) -> set[tuple[str, str, Decimal, Decimal]]:
    return {
        (s["kode"], s["kolom"], Decimal(str(s["tercetak"])), Decimal(str(s["seharusnya"])))
        for s in body["selisih"]
    }


def _harapan(awalan: str, berkas: str) -> set[tuple[str, str, Decimal, Decimal]]:
    """The oracle's wrong sums of one table (by name -> our code), plus, for the detail
    tables, its three wrong percentages."""
    kode = {r["nama"]: r["kode"] for r in baca_csv(berkas)}
    hasil = {
        (kode[c["parent"]], c["field"], Decimal(c["parent_value"]), Decimal(c["children_sum"]))
        for c in CHECKS["sum_checks"]
        if c["check"].startswith(awalan) and c.get("ok") is False
    }
    if awalan == "detail":
        hasil |= {
            (kode[p["name"]], "persen", Decimal(p["printed_percent_raw"]),
             Decimal(p["recomputed_percent_2dp_half_up"]))
            for p in CHECKS["percent_mismatches"]
        }  # fmt: skip
    return hasil


def test_detail_tables_report_exactly_the_oracles_discrepancies(client: TestClient) -> None:
    r = _kirim(client, DETAIL.read_bytes(), "cek-detail", periksa_saja="true")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["disimpan"] is False and body["versi"] is None
    assert (body["program"], body["kegiatan"], body["sub_kegiatan"]) == (7, 17, 92)
    harapan = _harapan("detail", "anggaran/tabel_3_9_3_15.csv")
    assert len(harapan) == 6 + 3
    assert _selisih(body) == harapan
    pertama = body["selisih"][0]
    assert pertama["kode"] == "1.06.01" and pertama["selisih"] == 800
    assert "36.157.206.342" in pertama["penjelasan"]
    # Nothing was stored.
    assert (
        client.get(url(2024, "nomenklatur"), params={"perangkat_daerah": PROVINSI}).json()["data"]
        == []
    )


def test_summary_table_is_checked_too(client: TestClient) -> None:
    """Sec 3.8 prints programs and kegiatan only: checkable, not storable."""
    r = _kirim(client, RINGKASAN.read_bytes(), "cek-ringkasan", periksa_saja="true")
    assert r.status_code == 200, r.text
    harapan = _harapan("summary", "anggaran/tabel_3_8_ringkasan.csv")
    assert len(harapan) == 2 and _selisih(r.json()) == harapan
    r = _kirim(client, RINGKASAN.read_bytes(), "simpan-ringkasan")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "berkas"


def test_import_stores_the_tree_and_replays(client: TestClient, engine: Engine) -> None:
    isi = DETAIL.read_bytes()
    r = _kirim(client, isi, "simpan-1", perangkat_daerah=ROTE_NDAO)
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/v1/anggaran/2024/ringkasan?perangkat_daerah={ROTE_NDAO}"
    assert r.json()["disimpan"] is True and r.json()["versi"] == 0
    assert len(r.json()["selisih"]) == 9
    ringkasan = client.get(url(2024, "ringkasan"), params={"perangkat_daerah": ROTE_NDAO}).json()
    # Stored as printed: the gaji line's realisation is blank, so it has none (54.237.655.066
    # minus the 14.700.651.898 derived for it in the demo).
    assert ringkasan["total"]["pagu"] == 69778259677
    assert ringkasan["total"]["realisasi"] == 54237655066 - 14700651898
    with Session(engine) as session:
        nodes = session.scalar(select(func.count()).select_from(Nomenklatur))
        audits = session.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.sumber_daya == "impor_anggaran")
        )
    assert (nodes, audits) == (116, 1)
    # Same key, same body: the same answer, nothing written again.
    again = _kirim(client, isi, "simpan-1", perangkat_daerah=ROTE_NDAO)
    assert again.status_code == 201 and again.json() == r.json()
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Nomenklatur)) == 116
    # Same key, other body: refused. A new key for the same year: the year is taken.
    r = _kirim(client, isi + b"\n", "simpan-1", perangkat_daerah=ROTE_NDAO)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "Idempotency-Key"
    r = _kirim(client, isi, "simpan-2", perangkat_daerah=ROTE_NDAO)
    assert r.status_code == 409


def test_import_needs_an_idempotency_key(client: TestClient) -> None:
    r = client.post(IMPOR, params={"perangkat_daerah": PROVINSI, "tahun": 2024},
                    json={"baris": []})  # fmt: skip
    assert r.status_code == 428


def _json(c: TestClient, baris: list[dict[str, Any]], kunci: str, **params: Any) -> Any:
    q = {"perangkat_daerah": PROVINSI, "tahun": 2025, **params}
    return c.post(IMPOR, params=q, json={"baris": baris}, headers={"Idempotency-Key": kunci})


POHON = [
    {"tingkat": "program", "kode": "1.06.04", "nama": "Program Rehabilitasi Sosial",
     "pagu": 300, "realisasi": 150},
    {"tingkat": "kegiatan", "kode": "1.06.04.1.01", "nama": "Rehabilitasi Dasar",
     "pagu": "300", "realisasi": "150"},
    {"tingkat": "sub_kegiatan", "kode": "1.06.04.1.01.0001", "nama": "Permakanan",
     "pagu": 100, "realisasi": 50, "persen": 50, "realisasi_fisik": 80},
    {"tingkat": "sub_kegiatan", "kode": "1.06.04.1.01.0002", "nama": "Sandang",
     "pagu": "1.000,50", "realisasi": 100},
]  # fmt: skip


def test_json_import_and_indonesian_numbers(client: TestClient) -> None:
    r = _json(client, POHON, "json-1")
    assert r.status_code == 201, r.text
    # A parent is compared with its children as printed: the program's 300 agrees with its
    # kegiatan's 300, which is not 100 + 1.000,50 = 1.100,50. Realisasi 50 + 100 adds up.
    assert _selisih(r.json()) == {("1.06.04.1.01", "pagu", Decimal(300), Decimal("1100.5"))}
    q = {"perangkat_daerah": PROVINSI, "level": "sub_kegiatan"}
    sub = client.get(url(2025, "ringkasan"), params=q).json()
    assert [(b["pagu"], b["realisasi"], b["realisasi_fisik"]) for b in sub["data"]] == [
        (100, 50, 80),
        (1000.5, 100, None),
    ]
    entri = client.get(url(2025, "realisasi"), params={"perangkat_daerah": PROVINSI}).json()["data"]
    assert {e["tanggal"] for e in entri} == {"2025-12-31"}


@pytest.mark.parametrize(
    ("ubah", "field"),
    [
        ({2: {"pagu": None}}, "baris[3].pagu"),
        ({2: {"pagu": "satu juta"}}, "baris[3].pagu"),
        ({2: {"pagu": "98.0"}}, None),  # fine: a plain decimal
        ({3: {"realisasi": -5}}, "baris[4].realisasi"),
        ({3: {"kode": "1.06.04.1.01.0001"}}, "baris[4].kode"),
        ({1: {"kode": "1.06.04.1.02"}}, "baris[3].kode"),  # its sub kegiatan lost the parent
        ({0: {"tingkat": "urusan"}}, "baris[1].tingkat"),
        ({0: {"kode": "1.06.04.1.01.0003"}}, "baris[1].kode"),
        ({2: {"realisasi_fisik": 101}}, "baris[3].realisasi_fisik"),
        ({2: {"warna": "merah"}}, "baris[3].warna"),
    ],
)
def test_invalid_rows_are_refused_and_nothing_is_written(
    client: TestClient, ubah: dict[int, dict[str, Any]], field: str | None
) -> None:
    baris = [dict(b) for b in POHON]
    for i, isian in ubah.items():
        baris[i].update(isian)
    r = _json(client, baris, f"salah-{field}")
    if field is None:
        assert r.status_code == 201, r.text
        return
    assert r.status_code == 422, r.text
    assert field in [e["field"] for e in r.json()["errors"]]
    assert (
        client.get(url(2025, "nomenklatur"), params={"perangkat_daerah": PROVINSI}).json()["data"]
        == []
    )


def test_xlsx_upload(client: TestClient) -> None:
    buku = Workbook()
    lembar = buku.active
    assert lembar is not None
    lembar.append(["tingkat", "kode", "nama", "pagu", "realisasi"])
    for b in POHON:
        lembar.append([b["tingkat"], b["kode"], b["nama"], 100 if b["tingkat"] == "sub_kegiatan"
                       else 200, 10])  # fmt: skip
    data = io.BytesIO()
    buku.save(data)
    r = _kirim(client, data.getvalue(), "xlsx", nama="dpa.xlsx", tahun=2025)
    assert r.status_code == 201, r.text
    # The program prints realisasi 10 over one kegiatan of 10: fine; the kegiatan's 10 is not
    # its two children's 20.
    assert _selisih(r.json()) == {("1.06.04.1.01", "realisasi", Decimal(10), Decimal(20))}


def test_district_operator_imports_only_its_own_office(
    anon: TestClient, masuk_sebagai: MasukSebagai
) -> None:
    kupang = masuk_sebagai("operator_kabkota", "5301")
    q = {"perangkat_daerah": ROTE_NDAO, "tahun": 2025}
    r = anon.post(IMPOR, params=q, json={"baris": POHON},
                  headers={**kupang, "Idempotency-Key": "k1"})  # fmt: skip
    assert r.status_code == 403
    q["perangkat_daerah"] = "dinsos_5301"
    r = anon.post(IMPOR, params=q, json={"baris": POHON},
                  headers={**kupang, "Idempotency-Key": "k1"})  # fmt: skip
    assert r.status_code == 201, r.text


KEPALA_ANGGARAN = ["tingkat", "kode", "nama", "pagu", "realisasi"]


def _baris_xlsx(nomor: int, b: dict[str, Any]) -> str:
    return xlsx.baris_teks(nomor, [str(b[k]) for k in KEPALA_ANGGARAN])


def test_xlsx_wrong_header_is_refused_before_any_row_is_read(client: TestClient) -> None:
    """The header lacks pagu. Row 2 uses a shared string the file does not have and 6,000
    empty rows follow (over BATAS_BARIS): reading any of them would fail differently."""
    kepala = "".join(
        f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(KEPALA_ANGGARAN) - 2)
    )
    rows = [
        f'<row r="1">{kepala}</row>',
        '<row r="2"><c r="A2" t="s"><v>99</v></c></row>',
        "<row/>" * 6_000,
    ]
    isi = xlsx.buku(rows, ["tingkat", "kode", "nama"])
    r = _kirim(client, isi, "kepala-salah", nama="dpa.xlsx", tahun=2025)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"] == [{"field": "berkas", "message": "kolom wajib tidak ada: pagu"}]


def test_xlsx_empty_rows_count_towards_the_row_limit(client: TestClient) -> None:
    rows = [xlsx.baris_teks(1, KEPALA_ANGGARAN)]
    rows += [_baris_xlsx(n, b) for n, b in enumerate(POHON, start=2)]
    r = _kirim(client, xlsx.buku([*rows, "<row/>" * 5_000]), "kosong", nama="dpa.xlsx", tahun=2025)
    assert r.status_code == 422, r.text
    assert r.json()["errors"] == [
        {
            "field": "berkas",
            "message": "paling banyak 5000 baris per impor di bawah baris kepala (baris kosong "
            "ikut dihitung)",
        }
    ]
    # Fewer empty rows: the same file is imported.
    r = _kirim(client, xlsx.buku([*rows, "<row/>" * 4_000]), "kosong-2", nama="dpa.xlsx",
               tahun=2025)  # fmt: skip
    assert r.status_code == 201, r.text


def test_xlsx_cell_over_the_size_limit_is_refused_naming_the_cell(client: TestClient) -> None:
    baris = [dict(b) for b in POHON]
    baris[1]["nama"] = "Rehabilitasi " * 3_000  # 39,000 characters in C3
    rows = [xlsx.baris_teks(1, KEPALA_ANGGARAN)]
    rows += [_baris_xlsx(n, b) for n, b in enumerate(baris, start=2)]
    r = _kirim(client, xlsx.buku(rows), "sel-panjang", nama="dpa.xlsx", tahun=2025)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"] == [
        {"field": "baris[2].nama", "message": "sel C3 terlalu panjang: lebih dari 32.767 karakter"}
    ]
