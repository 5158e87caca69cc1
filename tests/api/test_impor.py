"""POST /v1/impor/pmks and /v1/impor: exactly once, atomic or partial, per-row errors, CSV,
XLSX and JSON, district scope, background jobs and size limits, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

from dinsos_api.core.audit import AuditLog
from dinsos_api.core.waktu import sekarang
from dinsos_api.penerima import impor as impor_service
from dinsos_api.penerima.models import AnggotaKeluarga, DataPmks, Impor, Keluarga, Orang
from dinsos_api.wilayah.models import Wilayah
from tests.conftest import IkatApp
from tests.support import xlsx

PROBLEM = "application/problem+json"
URL = "/v1/impor/pmks"
KECAMATAN, DESA = "530101", "5301012001"


def nik(i: int, kode: str = "5301", lahir: date = date(1980, 1, 1), perempuan: bool = False) -> str:
    """A valid NIK: district, kecamatan 01, birth date (+40 on the day for women), serial."""
    hari = lahir.day + (40 if perempuan else 0)
    return f"{kode}01{hari:02d}{lahir:%m%y}{i % 9999 + 1:04d}"


def lahir(i: int) -> date:
    return date(1950, 1, 1) + timedelta(days=i)


def baris(
    i: int, kode: str = "5301", kategori: str = "anak_terlantar", **lain: Any
) -> dict[str, Any]:
    """Row i with a NIK that agrees with its birth date and sex."""
    return {
        "nik": nik(i, kode, lahir(i)),
        "nama": f"Warga {i}",
        "kategori": kategori,
        "jenis_kelamin": "L",
        "tanggal_lahir": lahir(i).isoformat(),
        **lain,
    }


def body(rows: list[dict[str, Any]], kode: str = "5301", tahun: int = 2024) -> dict[str, Any]:
    return {"tahun": tahun, "kode_wilayah": kode, "baris": rows}


def kirim(
    c: TestClient,
    data: dict[str, Any],
    kunci: str | None = None,
    headers: dict[str, str] | None = None,
    **params: str,
) -> Any:
    h = {"Idempotency-Key": kunci or uuid.uuid4().hex, **(headers or {})}
    return c.post(URL, json=data, headers=h, params=params)


def jumlah(engine: Engine, model: Any, *where: Any) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


@pytest.fixture
def kupang(anon: TestClient, masuk_sebagai) -> TestClient:  # type: ignore[no-untyped-def]
    """A Kabupaten Kupang (5301) district client."""
    anon.headers.update(masuk_sebagai("operator_kabkota", "5301"))
    return anon


@pytest.fixture
def kecamatan(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(Wilayah(kode=KECAMATAN, kode_kemendagri="53.01.01", jenis="kecamatan",
                            nama="Semau", induk_kode="5301"))  # fmt: skip
        session.commit()
        session.add(Wilayah(kode=DESA, kode_kemendagri="53.01.01.2001", jenis="desa",
                            nama="Uitao", induk_kode=KECAMATAN))  # fmt: skip
        session.commit()


# --- Done when: exactly once, atomic -------------------------------------------------------


def test_a_district_posts_10000_rows_twice_with_one_key_and_the_registry_holds_them_once(
    kupang: TestClient, engine: Engine
) -> None:
    data = body([baris(i) for i in range(10_000)])
    pertama = kirim(kupang, data, kunci="bulanan-2024-11")
    assert pertama.status_code == 201, pertama.text
    isi = pertama.json()
    assert (isi["status"], isi["baru"], isi["baris_total"], isi["baris_selesai"]) == (
        "selesai", 10_000, 10_000, 10_000)  # fmt: skip
    assert pertama.headers["location"] == f"/v1/impor/{isi['id']}"

    kedua = kirim(kupang, data, kunci="bulanan-2024-11")
    assert kedua.status_code == 201
    assert kedua.json() == isi and kedua.headers["location"] == pertama.headers["location"]
    assert jumlah(engine, DataPmks, DataPmks.kode_wilayah == "5301") == 10_000
    assert jumlah(engine, Orang, Orang.kode_wilayah == "5301") == 10_000
    assert jumlah(engine, Impor) == 1

    # A new key with the same rows: updated in place, nothing added.
    ketiga = kirim(kupang, data)
    assert ketiga.status_code == 201
    assert (ketiga.json()["baru"], ketiga.json()["tidak_berubah"]) == (0, 10_000)
    assert jumlah(engine, DataPmks) == 10_000


def test_one_bad_nik_writes_nothing_and_names_the_row(kupang: TestClient, engine: Engine) -> None:
    rows = [baris(i) for i in range(5)]
    rows[3]["nik"] = rows[3]["nik"][:-4] + "0000"  # serial 0000 is not a NIK
    response = kirim(kupang, body(rows))
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    masalah = response.json()
    assert masalah["errors"] == [
        {"field": "baris[4].nik", "message": "nomor urut NIK (4 digit terakhir) tidak boleh 0000"}
    ]
    assert "tidak ada data yang disimpan" in masalah["detail"]
    assert jumlah(engine, Orang) == jumlah(engine, DataPmks) == 0

    # The refused import is kept, with the error as {baris, kolom, pesan}.
    impor = kupang.get(masalah["impor"]).json()
    assert (impor["status"], impor["ditolak"], impor["baru"]) == ("ditolak", 1, 0)
    assert impor["kesalahan"] == [
        {"baris": 4, "kolom": "nik", "pesan": "nomor urut NIK (4 digit terakhir) tidak boleh 0000"}
    ]


def test_every_error_is_reported_at_once(kupang: TestClient, engine: Engine) -> None:
    rows = [baris(i) for i in range(6)]
    rows[0]["nik"] = "123"
    rows[1]["kategori"] = "anak hilang"
    rows[2]["tanggal_lahir"] = "01-02-90"
    rows[3]["jenis_kelamin"] = "P"  # the NIK says male
    del rows[4]["nama"]
    rows[5]["tanggal_lahir"] = "1981-01-01"  # the NIK says another date
    response = kirim(kupang, body(rows))
    assert response.status_code == 422
    salah = {(e["field"], e["message"]) for e in response.json()["errors"]}
    assert ("baris[1].nik", "NIK harus 16 digit angka") in salah
    assert any(f == "baris[2].kategori" and "tidak dikenal" in m for f, m in salah)
    assert ("baris[3].tanggal_lahir", "format tanggal harus YYYY-MM-DD atau DD-MM-YYYY") in salah
    assert any(f == "baris[4].jenis_kelamin" and "laki-laki" in m for f, m in salah)
    assert ("baris[5].nama", "wajib diisi") in salah
    assert any(f == "baris[6].tanggal_lahir" and "tidak sesuai" in m for f, m in salah)
    assert jumlah(engine, Orang) == 0


def test_partial_mode_writes_the_valid_rows_and_reports_the_rest(
    kupang: TestClient, engine: Engine
) -> None:
    rows = [baris(i) for i in range(4)]
    rows[1]["nik"] = "5301"
    response = kirim(kupang, body(rows), mode="sebagian")
    assert response.status_code == 201, response.text
    isi = response.json()
    assert (isi["status"], isi["baru"], isi["ditolak"]) == ("selesai", 3, 1)
    assert [(k["baris"], k["kolom"]) for k in isi["kesalahan"]] == [(2, "nik")]
    assert jumlah(engine, DataPmks) == 3


def test_the_same_key_with_another_body_is_422(kupang: TestClient, engine: Engine) -> None:
    assert kirim(kupang, body([baris(1)]), kunci="k1").status_code == 201
    response = kirim(kupang, body([baris(2)]), kunci="k1")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert jumlah(engine, DataPmks) == 1
    # The mode is part of the request too.
    assert kirim(kupang, body([baris(1)]), kunci="k1", mode="sebagian").status_code == 422


def test_without_an_idempotency_key_it_is_428(kupang: TestClient, engine: Engine) -> None:
    response = kupang.post(URL, json=body([baris(1)]))
    assert response.status_code == 428
    assert "Idempotency-Key" in response.json()["detail"]
    assert jumlah(engine, Impor) == jumlah(engine, Orang) == 0


def test_concurrent_duplicates_store_the_rows_once(
    app: Any, masuk_sebagai: Any, engine: Engine
) -> None:
    """Two threads send the same key at once: one writes; the other waits and replays
    (SQLite) or is told 409 (PostgreSQL); the registry holds the rows once either way."""
    data = body([baris(i) for i in range(2_000)])
    headers = {**masuk_sebagai("operator_kabkota", "5301"), "Idempotency-Key": "serentak"}
    awal = threading.Barrier(2)
    hasil: list[int] = []

    def kirim_bersamaan(c: TestClient) -> None:
        awal.wait()
        hasil.append(c.post(URL, json=data, headers=headers).status_code)

    with TestClient(app) as c:
        threads = [threading.Thread(target=kirim_bersamaan, args=(c,)) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert 201 in hasil and set(hasil) <= {201, 409}, hasil
        # Whoever got 409 retries and gets the first one's answer.
        ulang = c.post(URL, json=data, headers=headers)
        assert ulang.status_code == 201 and ulang.json()["baru"] == 2_000
    assert jumlah(engine, DataPmks) == 2_000
    assert jumlah(engine, Impor) == 1


# --- what one batch holds ------------------------------------------------------------------


def test_the_same_nik_twice_in_a_category_is_an_error_naming_the_first_row(
    kupang: TestClient, engine: Engine
) -> None:
    rows = [baris(1), baris(2), baris(1, catatan="lagi")]
    response = kirim(kupang, body(rows))
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "baris[3].nik",
            "message": "NIK ini sudah ada di baris 1 dengan kategori yang sama",
        }
    ]
    # In another category the same person is fine: one person, two PMKS records.
    rows[2]["kategori"] = "Penyandang Disabilitas"
    assert kirim(kupang, body(rows)).status_code == 201
    assert jumlah(engine, Orang) == 2 and jumlah(engine, DataPmks) == 3


def test_a_person_must_not_differ_between_two_rows(kupang: TestClient) -> None:
    rows = [baris(1), baris(1, kategori="pemulung", nama="Orang Lain")]
    response = kirim(kupang, body(rows))
    assert response.json()["errors"] == [
        {"field": "baris[2].nama", "message": "berbeda dengan baris 1 untuk NIK yang sama"}
    ]


def test_a_nik_reported_by_another_district_is_flagged_never_merged(
    client: TestClient, masuk_sebagai: Any, engine: Engine
) -> None:
    # The province (operator_provinsi) imports for both districts and sees the flag.
    orang = baris(7)
    assert kirim(client, body([orang])).json()["perlu_verifikasi"] == 0
    response = kirim(client, body([orang], kode="5302"))
    assert response.status_code == 201, response.text
    assert (response.json()["baru"], response.json()["perlu_verifikasi"]) == (1, 1)
    with Session(engine) as session:
        records = session.exec(select(Orang).where(Orang.nik == orang["nik"])).all()
        assert sorted(o.kode_wilayah for o in records) == ["5301", "5302"]
        pmks = session.exec(select(DataPmks).where(DataPmks.kode_wilayah == "5302")).one()
        assert pmks.perlu_verifikasi is True


def test_a_district_cannot_tell_whether_another_district_holds_a_nik(
    anon: TestClient, masuk_sebagai: Any, engine: Engine
) -> None:
    # Importing a NIK answered a district operator `perlu_verifikasi` 1 or 0: whether a
    # neighbouring district reports that person. The flag is the province's to see.
    tts = masuk_sebagai("operator_kabkota", "5302")
    ada, tidak_ada = baris(7), baris(8)
    assert (
        kirim(anon, body([ada]), headers=masuk_sebagai("operator_kabkota", "5301")).status_code
        == 201
    )
    jawaban = [kirim(anon, body([b], kode="5302"), headers=tts).json() for b in (ada, tidak_ada)]
    hitungan = [{k: j[k] for k in ("baru", "diperbarui", "tidak_berubah", "perlu_verifikasi")}
                for j in jawaban]  # fmt: skip
    assert hitungan[0] == hitungan[1] == {
        "baru": 1, "diperbarui": 0, "tidak_berubah": 0, "perlu_verifikasi": None,
    }  # fmt: skip
    # Nor from the import's page, the list of imports, or the person's PMKS records.
    impor = anon.get(f"/v1/impor/{jawaban[0]['id']}", headers=tts).json()
    assert impor["perlu_verifikasi"] is None
    daftar = anon.get("/v1/impor", headers=tts).json()["data"]
    assert {d["perlu_verifikasi"] for d in daftar} == {None}
    with Session(engine) as session:
        orang_id = session.exec(
            select(Orang.id).where(Orang.nik == ada["nik"], Orang.kode_wilayah == "5302")
        ).one()
    detail = anon.get(f"/v1/penerima-manfaat/{orang_id}", headers=tts).json()
    assert [p["perlu_verifikasi"] for p in detail["pmks"]] == [None]
    # When 5301 reports the NIK later, 5302's next identical import is "unchanged", as
    # for any NIK: the flag is set, but not counted as the district's change.
    tanpa = baris(9)
    kirim(anon, body([tanpa], kode="5302"), headers=tts)
    kirim(anon, body([tanpa]), headers=masuk_sebagai("operator_kabkota", "5301"))
    ulang = kirim(anon, body([tanpa], kode="5302"), headers=tts).json()
    assert (ulang["diperbarui"], ulang["tidak_berubah"]) == (0, 1)
    with Session(engine) as session:
        ditandai = session.exec(
            select(DataPmks).join(Orang, col(DataPmks.orang_id) == Orang.id)
            .where(Orang.nik == tanpa["nik"], DataPmks.kode_wilayah == "5302")
        ).one()  # fmt: skip
        assert ditandai.perlu_verifikasi is True


def test_changed_rows_are_updated_in_place(kupang: TestClient, engine: Engine) -> None:
    rows = [baris(i) for i in range(4)]
    pertama = kirim(kupang, body(rows)).json()
    rows[0]["nama"] = "Warga Nol Berganti Nama"
    rows[1]["catatan"] = "pindah RT"
    rows[2]["alamat"] = "Jl. Timor Raya"
    isi = kirim(kupang, body(rows)).json()
    assert (isi["baru"], isi["diperbarui"], isi["tidak_berubah"]) == (0, 3, 1)
    with Session(engine) as session:
        orang = session.exec(select(Orang).where(Orang.nik == rows[0]["nik"])).one()
        assert (orang.nama, orang.versi) == ("Warga Nol Berganti Nama", 2)
        pmks = session.exec(select(DataPmks).where(DataPmks.catatan == "pindah RT")).one()
        assert pmks.impor_id == isi["id"] != pertama["id"]
    # Empty or absent values never erase what is stored.
    rows[2]["alamat"] = ""
    assert kirim(kupang, body(rows)).json()["tidak_berubah"] == 4


def test_a_deleted_person_is_not_brought_back(kupang: TestClient, engine: Engine) -> None:
    kirim(kupang, body([baris(1)]))
    with Session(engine) as session:
        orang = session.exec(select(Orang)).one()
        orang.dihapus_pada, orang.alasan_hapus = sekarang(), "data ganda"
        session.add(orang)
        session.commit()
    response = kirim(kupang, body([baris(1, kategori="pemulung")]))
    assert response.status_code == 422
    assert "data ganda" in response.json()["errors"][0]["message"]


def test_family_categories_need_a_family_card_and_build_the_family(
    kupang: TestClient, engine: Engine
) -> None:
    kk = "5301010101800001"
    tanpa_kk = kirim(kupang, body([baris(1, kategori="fakir_miskin")]))
    assert tanpa_kk.json()["errors"][0]["field"] == "baris[1].nomor_kk"

    rows = [
        baris(1, kategori="fakir_miskin", nomor_kk=kk, hubungan="Kepala Keluarga", alamat="Oesao"),
        baris(2, nomor_kk=kk, hubungan="anak"),
        baris(3, kategori="fakir_miskin", nomor_kk=kk),
    ]
    response = kirim(kupang, body(rows))
    assert response.json()["errors"] == [
        {"field": "baris[3].nomor_kk",
         "message": "keluarga dengan nomor KK ini sudah dilaporkan di baris 1 untuk kategori "
                    "yang sama"}
    ]  # fmt: skip
    assert kirim(kupang, body(rows[:2])).status_code == 201
    with Session(engine) as session:
        keluarga = session.exec(select(Keluarga)).one()
        assert (keluarga.nomor_kk, keluarga.alamat) == (kk, "Oesao")
        anggota = session.exec(select(AnggotaKeluarga)).all()
        assert sorted(a.hubungan for a in anggota) == ["anak", "kepala_keluarga"]
        pmks = session.exec(select(DataPmks).where(DataPmks.kategori_kode == "fakir_miskin")).one()
        assert pmks.keluarga_id == keluarga.id

    # A new head: the previous head's membership ends, the family keeps one head.
    baru = [baris(4, kategori="fakir_miskin", nomor_kk=kk, hubungan="kepala_keluarga")]
    isi = kirim(kupang, body(baru)).json()
    assert (isi["baru"], isi["diperbarui"]) == (0, 1)  # the family's record, new representative
    with Session(engine) as session:
        kepala = session.exec(
            select(AnggotaKeluarga).where(
                AnggotaKeluarga.hubungan == "kepala_keluarga",
                col(AnggotaKeluarga.sampai).is_(None),
            )
        ).all()
        assert len(kepala) == 1
        assert jumlah(engine, AnggotaKeluarga, col(AnggotaKeluarga.sampai).is_not(None)) == 1


def test_later_chunks_change_what_earlier_chunks_wrote(
    kupang: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL writes chunk by chunk (here: 2 rows); later rows may change earlier ones,
    and a bad row in the last chunk still leaves nothing behind."""
    monkeypatch.setattr(impor_service, "BAGIAN", 2)
    kk = "5301010101800002"
    rows = [
        baris(1),
        baris(2, kategori="fakir_miskin", nomor_kk=kk, hubungan="kepala_keluarga"),
        baris(1, kategori="pemulung", alamat="Oesao"),  # the same new person, more data
        baris(3, nomor_kk=kk),  # a member, relation not given
        baris(3, kategori="pengemis", nomor_kk=kk, hubungan="anak"),  # now it is
    ]
    salah = [*rows, {**baris(9), "nik": "5301"}]
    response = kirim(kupang, body(salah))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "baris[6].nik"
    assert jumlah(engine, Orang) == jumlah(engine, Keluarga) == 0

    isi = kirim(kupang, body(rows)).json()
    assert (isi["status"], isi["baru"]) == ("selesai", 5), isi
    with Session(engine) as session:
        orang = session.exec(select(Orang).where(Orang.nik == rows[0]["nik"])).one()
        assert orang.alamat == "Oesao"
        anggota = session.exec(
            select(AnggotaKeluarga).where(col(AnggotaKeluarga.sampai).is_(None))
        ).all()
        assert sorted(a.hubungan for a in anggota) == ["anak", "kepala_keluarga"]
    assert jumlah(engine, DataPmks) == 5


def test_kecamatan_and_desa_must_lie_in_the_district(
    kupang: TestClient, engine: Engine, kecamatan: None
) -> None:
    rows = [
        baris(1, kode_desa=DESA),
        baris(2, kode_kecamatan="53.01.01"),
        baris(3, kode_kecamatan="530201"),
    ]
    response = kirim(kupang, body(rows))
    assert [e["field"] for e in response.json()["errors"]] == ["baris[3].kode_kecamatan"]
    assert kirim(kupang, body(rows[:2])).status_code == 201
    with Session(engine) as session:
        orang = session.exec(select(Orang).where(Orang.nik == rows[0]["nik"])).one()
        assert (orang.kode_kecamatan, orang.kode_desa) == (KECAMATAN, DESA)


def test_categories_by_name_and_dates_day_first(kupang: TestClient, engine: Engine) -> None:
    orang = baris(5, kategori="  anak  TERLANTAR ", jenis_kelamin="laki-laki")
    orang["tanggal_lahir"] = lahir(5).strftime("%d/%m/%Y")
    response = kirim(kupang, body([orang, baris(6, kategori="ODHA")]))
    assert response.status_code == 201, response.text
    with Session(engine) as session:
        kategori = set(session.exec(select(DataPmks.kategori_kode)).all())
    assert kategori == {"anak_terlantar", "orang_dengan_hiv_aids"}


def test_json_rows_with_unknown_keys_or_numbers_are_row_errors(kupang: TestClient) -> None:
    rows: list[Any] = [baris(1, umur=40), baris(2), "bukan objek"]
    rows[1]["nik"] = int(rows[1]["nik"])
    response = kirim(kupang, body(rows))
    assert [(e["field"], e["message"]) for e in response.json()["errors"]] == [
        ("baris[1].umur", "kolom tidak dikenal"),
        ("baris[2].nik", "harus berupa teks"),
        ("baris[3].-", "baris harus berupa objek JSON"),
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"tahun": 2024, "kode_wilayah": "5301"}, "baris"),
        ({"tahun": "2024", "kode_wilayah": "5301", "baris": [{}]}, "tahun"),
        ({"tahun": 2024, "kode_wilayah": "5399", "baris": [{}]}, "kode_wilayah"),
        ({"tahun": 2024, "kode_wilayah": "5301", "baris": [{}], "lain": 1}, "lain"),
    ],
)
def test_envelope_errors_are_422_and_leave_the_key_unused(
    client: TestClient, engine: Engine, data: dict[str, Any], field: str
) -> None:
    response = kirim(client, data, kunci="amplop")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert jumlah(engine, Impor) == 0
    assert kirim(client, body([baris(1)]), kunci="amplop").status_code == 201


def test_unsupported_content_is_415(kupang: TestClient) -> None:
    response = kupang.post(
        URL, content=b"nik,nama", headers={"Idempotency-Key": "x", "Content-Type": "text/plain"}
    )
    assert response.status_code == 415


# --- files ---------------------------------------------------------------------------------


def _csv(rows: list[list[str]], pemisah: str = ",") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=pemisah).writerows(rows)
    return buf.getvalue().encode()


def unggah(
    c: TestClient, isi: bytes, nama: str = "data.csv", kode: str = "5301", **params: str
) -> Any:
    return c.post(
        URL,
        files={"berkas": (nama, isi)},
        data={"tahun": "2024", "kode_wilayah": kode},
        headers={"Idempotency-Key": uuid.uuid4().hex},
        params=params,
    )


def test_csv_upload_with_loose_headers_and_file_row_numbers(
    kupang: TestClient, engine: Engine
) -> None:
    a, b = baris(1), baris(2)
    rows = [
        ["Nik", " NAMA", "Kategori", "Tanggal Lahir", "jenis_kelamin"],
        [a["nik"], a["nama"], "Anak Terlantar", a["tanggal_lahir"], "L"],
        ["", "", "", "", ""],
        [b["nik"], b["nama"], "anak_terlantar", b["tanggal_lahir"], "X"],
    ]
    response = unggah(kupang, _csv(rows, ";"))
    assert response.status_code == 422
    # The header is row 1 and the blank row counts: the bad row is row 4 of the file.
    assert response.json()["errors"] == [
        {"field": "baris[4].jenis_kelamin", "message": "harus L atau P"}
    ]
    rows[3][4] = "L"
    response = unggah(kupang, _csv(rows, ";"))
    assert response.status_code == 201, response.text
    assert (response.json()["format"], response.json()["baru"]) == ("csv", 2)
    assert jumlah(engine, DataPmks) == 2


def test_unknown_or_missing_columns_refuse_the_file(kupang: TestClient, engine: Engine) -> None:
    a = baris(1)
    response = unggah(kupang, _csv([["NIK", "NAMA", "UMUR"], [a["nik"], a["nama"], "40"]]))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"baris[1].UMUR", "baris[1].kategori"}
    impor = kupang.get(response.json()["impor"]).json()
    # The rows after a wrong header are not read: none is counted, the header's row is refused.
    assert (impor["status"], impor["ditolak"], impor["baris_total"]) == ("ditolak", 1, 0)
    # A refused file is refused in partial mode too.
    respon2 = unggah(kupang, _csv([["NIK", "NAMA", "UMUR"], [a["nik"], a["nama"], "40"]]),
                     mode="sebagian")  # fmt: skip
    assert respon2.status_code == 422
    assert jumlah(engine, Orang) == 0


def _xlsx(rows: list[list[Any]]) -> bytes:
    buku = Workbook()
    lembar = buku.active
    assert lembar is not None
    for row in rows:
        lembar.append(row)
    buf = io.BytesIO()
    buku.save(buf)
    return buf.getvalue()


def test_xlsx_upload(kupang: TestClient, engine: Engine) -> None:
    a, b = baris(1), baris(2)
    rows: list[list[Any]] = [
        ["NIK", "NAMA", "KATEGORI", "TANGGAL_LAHIR"],
        [a["nik"], a["nama"], "anak_terlantar", lahir(1)],  # a real Excel date cell
        [int(b["nik"]), b["nama"], "anak_terlantar", b["tanggal_lahir"]],  # NIK typed as number
    ]
    response = unggah(kupang, _xlsx(rows), nama="data.xlsx")
    assert response.status_code == 422
    [salah] = response.json()["errors"]
    assert salah["field"] == "baris[3].nik" and "Excel" in salah["message"]
    rows[2][0] = b["nik"]
    response = unggah(kupang, _xlsx(rows), nama="data.xlsx")
    assert response.status_code == 201, response.text
    assert (response.json()["format"], response.json()["baru"]) == ("xlsx", 2)
    with Session(engine) as session:
        orang = session.exec(select(Orang).where(Orang.nik == a["nik"])).one()
        assert orang.tanggal_lahir == lahir(1)


def test_a_file_that_is_not_a_spreadsheet_is_refused(kupang: TestClient) -> None:
    assert unggah(kupang, b"PK\x03\x04rusak", nama="x.xlsx").status_code == 422
    assert unggah(kupang, b"\xd0\xcf\x11\xe0lama", nama="x.xls").status_code == 415
    assert unggah(kupang, "NIK,NAMA\n".encode("utf-16")).status_code == 422


KEPALA = ["NIK", "NAMA", "KATEGORI", "TANGGAL_LAHIR", "JENIS_KELAMIN"]


def _isian(i: int, **ubah: str) -> list[str]:
    a = {**baris(i), **ubah}
    return [a["nik"], a["nama"], a["kategori"], a["tanggal_lahir"], a["jenis_kelamin"]]


@pytest.mark.parametrize("format_", ["xlsx", "csv"])
def test_empty_rows_count_towards_the_row_limit(
    app_dengan: IkatApp, masuk_sebagai: Any, engine: Engine, format_: str
) -> None:
    """One data row and 30 empty ones: over a limit of 20 rows, refused as soon as row 22 is
    reached (a workbook of 20 million empty rows is refused the same way, see
    bench/bom_xlsx.py)."""

    def berkas(kosong: int) -> bytes:
        if format_ == "csv":
            return _csv([KEPALA, _isian(1)]) + b"\r\n" * kosong
        rows = [xlsx.baris_teks(1, KEPALA), xlsx.baris_teks(2, _isian(1)), "<row/>" * kosong]
        return xlsx.buku(rows)

    kupang = masuk_sebagai("operator_kabkota", "5301")
    with TestClient(app_dengan(impor_maks_baris=20), headers=kupang) as c:
        response = unggah(c, berkas(30), nama=f"data.{format_}")
        assert response.status_code == 413, response.text
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["errors"] == [
            {
                "field": "berkas",
                "message": "lebih dari 20 baris di bawah baris kepala (baris kosong ikut dihitung)",
            }
        ]
        assert jumlah(engine, Impor) == 0
        # Within the limit, the empty rows are skipped as before.
        response = unggah(c, berkas(19), nama=f"data.{format_}")
        assert response.status_code == 201, response.text
        assert response.json()["baris_total"] == 1


@pytest.mark.parametrize("bersama", [False, True], ids=["inline", "teks_bersama"])
def test_an_xlsx_cell_over_the_size_limit_is_refused_naming_the_cell(
    kupang: TestClient, engine: Engine, bersama: bool
) -> None:
    """Excel keeps at most 32,767 characters in a cell; a longer one is refused while it is
    read, naming the cell, and nothing is stored."""
    rows = [KEPALA, _isian(1), _isian(2, nama="x" * 40_000), _isian(3)]
    if bersama:
        teks: list[str] = []
        xml = []
        for n, row in enumerate(rows, start=1):
            sel = "".join(
                f'<c r="{chr(65 + k)}{n}" t="s"><v>{len(teks) + k}</v></c>' for k in range(len(row))
            )
            teks.extend(row)
            xml.append(f'<row r="{n}">{sel}</row>')
        isi = xlsx.buku(xml, teks)
    else:
        isi = xlsx.buku([xlsx.baris_teks(n, row) for n, row in enumerate(rows, start=1)])
    response = unggah(kupang, isi, nama="data.xlsx")
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"] == [
        {"field": "baris[3].nama", "message": "sel B3 terlalu panjang: lebih dari 32.767 karakter"}
    ]
    assert jumlah(engine, Orang) == 0
    impor = kupang.get(response.json()["impor"]).json()
    assert (impor["status"], impor["kesalahan"][0]["baris"]) == ("ditolak", 3)


def test_the_rows_after_a_wrong_xlsx_header_are_never_read(kupang: TestClient) -> None:
    """Row 2 uses a shared string the file does not have and 300,000 empty rows follow (over
    the limit): reading any of them would fail. The header is refused first, and alone."""
    isi = xlsx.buku(
        [
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
            '<row r="2"><c r="A2" t="s"><v>99</v></c></row>',
            "<row/>" * 300_000,
        ],
        ["NIK", "UMUR"],
    )
    response = unggah(kupang, isi, nama="data.xlsx")
    assert response.status_code == 422, response.text
    assert {e["field"] for e in response.json()["errors"]} == {
        "baris[1].UMUR",
        "baris[1].nama",
        "baris[1].kategori",
    }


def test_upload_form_fields_are_checked(kupang: TestClient) -> None:
    response = kupang.post(
        URL,
        files={"berkas": ("a.csv", b"NIK,NAMA,KATEGORI\n")},
        data={"kode_wilayah": "5301"},
        headers={"Idempotency-Key": "f"},
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "tahun"
    response = kupang.post(
        URL, data={"tahun": "2024", "kode_wilayah": "5301"}, headers={"Idempotency-Key": "f"},
        files={"lain": ("a.csv", b"x")},
    )  # fmt: skip
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "berkas"


def test_templates_describe_the_columns_and_their_example_is_refused(
    kupang: TestClient, engine: Engine
) -> None:
    teks = kupang.get(f"{URL}/templat", params={"format": "csv"})
    assert teks.status_code == 200
    assert teks.headers["content-type"].startswith("text/csv")
    assert "attachment" in teks.headers["content-disposition"]
    kepala, contoh = list(csv.reader(io.StringIO(teks.content.decode("utf-8-sig"))))
    assert kepala[:3] == ["NIK", "NAMA", "KATEGORI"] and len(kepala) == len(contoh) == 13

    buku = kupang.get(f"{URL}/templat", params={"format": "xlsx"})
    assert buku.status_code == 200
    lembar = load_workbook(io.BytesIO(buku.content)).worksheets[0]
    assert [c.value for c in lembar[1]] == kepala

    # Sent back unchanged, the example row is refused, not imported.
    for isi, nama in ((teks.content, "t.csv"), (buku.content, "t.xlsx")):
        response = unggah(kupang, isi, nama=nama)
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "baris[2].nik",
             "message": "ini baris contoh dari templat; hapus sebelum mengimpor"}
        ]  # fmt: skip
    assert jumlah(engine, Orang) == 0


# --- who may import what -------------------------------------------------------------------


def test_a_district_cannot_import_for_another_district(kupang: TestClient, engine: Engine) -> None:
    response = kirim(kupang, body([baris(1, kode="5302")], kode="5302"))
    assert response.status_code == 403
    assert jumlah(engine, Impor) == jumlah(engine, Orang) == 0
    berkas = unggah(kupang, _csv([["NIK", "NAMA", "KATEGORI"]]), kode="5302")
    assert berkas.status_code == 403


def test_imports_are_read_within_the_district(
    kupang: TestClient, client: TestClient, masuk_sebagai: Any
) -> None:
    tts = masuk_sebagai("operator_kabkota", "5302")
    milik_tts = kirim(kupang, body([baris(1, kode="5302")], kode="5302"), headers=tts).json()
    milik_kupang = kirim(kupang, body([baris(2)])).json()
    assert kupang.get(f"/v1/impor/{milik_tts['id']}").status_code == 404
    assert kupang.get(f"/v1/impor/{milik_kupang['id']}").status_code == 200
    assert [i["id"] for i in kupang.get("/v1/impor").json()["data"]] == [milik_kupang["id"]]
    # The province sees both, newest first, and can filter.
    semua = client.get("/v1/impor").json()["data"]
    assert [i["id"] for i in semua] == [milik_kupang["id"], milik_tts["id"]]
    assert "kesalahan" not in semua[0]
    hanya = client.get("/v1/impor", params={"kode_wilayah": "5302", "status": "selesai"})
    assert [i["id"] for i in hanya.json()["data"]] == [milik_tts["id"]]
    halaman = client.get("/v1/impor", params={"limit": 1})
    assert halaman.json()["next_cursor"] and 'rel="next"' in halaman.headers["link"]


def test_one_audit_row_per_import_with_its_counts(kupang: TestClient, engine: Engine) -> None:
    isi = kirim(kupang, body([baris(i) for i in range(30)])).json()
    with Session(engine) as session:
        rows = session.exec(select(AuditLog).where(AuditLog.sumber_daya == "impor")).all()
    assert len(rows) == 1
    assert rows[0].sumber_daya_id == isi["id"] and rows[0].peran == "operator_kabkota"
    assert rows[0].perubahan["baru"] == {"lama": None, "baru": 30}


# --- large imports -------------------------------------------------------------------------


def _tunggu(c: TestClient, lokasi: str, headers: dict[str, str]) -> dict[str, Any]:
    batas = time.monotonic() + 60
    while True:
        isi: dict[str, Any] = c.get(lokasi, headers=headers).json()
        if isi["status"] != "diproses" or time.monotonic() > batas:
            return isi
        time.sleep(0.05)


def test_a_large_import_is_a_background_job(
    app_dengan: IkatApp, masuk_sebagai: Any, engine: Engine
) -> None:
    headers = {**masuk_sebagai("operator_kabkota", "5301"), "Idempotency-Key": "besar"}
    data = body([baris(i) for i in range(40)])
    with TestClient(app_dengan(impor_batas_sinkron=25)) as c:
        response = c.post(URL, json=data, headers=headers)
        assert response.status_code == 202, response.text
        assert response.json()["status"] == "diproses"
        assert response.json()["baris_total"] == 40
        lokasi = response.headers["location"]
        isi = _tunggu(c, lokasi, headers)
        assert (isi["status"], isi["baru"], isi["baris_selesai"]) == ("selesai", 40, 40)
        # A retry gets the same answer: where to look.
        ulang = c.post(URL, json=data, headers=headers)
        assert (ulang.status_code, ulang.headers["location"]) == (202, lokasi)
    assert jumlah(engine, DataPmks) == 40
    with Session(engine) as session:
        impor = session.exec(select(Impor)).one()
        assert impor.berkas is None and impor.pemohon is None
        audit = session.exec(select(AuditLog).where(AuditLog.sumber_daya == "impor")).one()
        assert audit.peran == "operator_kabkota"


def test_a_failing_job_is_marked_failed_and_writes_nothing(
    app_dengan: IkatApp, masuk_sebagai: Any, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rusak(*_: Any, **__: Any) -> None:
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(impor_service, "proses", rusak)
    headers = {**masuk_sebagai("admin"), "Idempotency-Key": "rusak"}
    with TestClient(app_dengan(impor_batas_sinkron=1)) as c:
        response = c.post(URL, json=body([baris(1), baris(2)]), headers=headers)
        assert response.status_code == 202
        isi = _tunggu(c, response.headers["location"], headers)
    assert isi["status"] == "gagal" and "Idempotency-Key baru" in isi["keterangan"]
    assert jumlah(engine, Orang) == 0


def _pekerjaan(engine: Engine, n: int = 3, **kolom: Any) -> str:
    """A background job of n rows, as a 202 leaves it (without a requester: the system's)."""
    with Session(engine) as session:
        impor = Impor(
            jenis="pmks", kode_wilayah="5301", tahun=2024, mode="atomik", status="diproses",
            format="json", baris_total=n,
            berkas=json.dumps(body([baris(i) for i in range(n)])).encode(), **kolom,
        )  # fmt: skip
        session.add(impor)
        session.commit()
        return impor.id


def _impor(engine: Engine, impor_id: str) -> Impor:
    with Session(engine) as session:
        impor = session.get(Impor, impor_id)
        assert impor is not None
        return impor


def _curi(engine: Engine, impor_id: str) -> None:
    """Another worker claims the job (as when this one's lease ran out)."""
    with Session(engine) as session:
        impor = session.get(Impor, impor_id)
        assert impor is not None
        impor.percobaan += 1
        session.commit()


def _audit_impor(engine: Engine) -> int:
    return jumlah(engine, AuditLog, AuditLog.sumber_daya == "impor")


def test_a_job_left_by_a_dead_worker_is_taken_over(engine: Engine) -> None:
    # Its worker stopped renewing the lease a minute ago.
    impor_id = _pekerjaan(engine, percobaan=1, sewa_sampai=sekarang() - timedelta(minutes=1))
    pekerja = impor_service.PekerjaImpor(engine, impor_service.AturanImpor(10, 100))
    assert pekerja.jalankan_satu() is True
    assert pekerja.jalankan_satu() is False  # nothing left
    selesai = _impor(engine, impor_id)
    assert (selesai.status, selesai.baru, selesai.percobaan) == ("selesai", 3, 2)
    assert jumlah(engine, DataPmks) == 3
    assert _audit_impor(engine) == 1


def test_a_server_that_starts_takes_over_a_job_no_process_runs_at_once(engine: Engine) -> None:
    # Its worker died with the previous server a moment ago: the lease has not run out.
    impor_id = _pekerjaan(engine, percobaan=1, sewa_sampai=sekarang() + timedelta(minutes=1))
    pekerja = impor_service.PekerjaImpor(engine, impor_service.AturanImpor(10, 100))
    assert pekerja.jalankan_satu() is False  # a worker that has been running waits for the lease
    assert pekerja.jalankan_satu(yatim=True) is True  # one that starts need not
    selesai = _impor(engine, impor_id)
    assert (selesai.status, selesai.baru, selesai.percobaan) == ("selesai", 3, 2)
    assert jumlah(engine, DataPmks) == 3
    assert _audit_impor(engine) == 1


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_server_that_starts_leaves_a_running_job_alone(engine: Engine) -> None:
    # (On SQLite a running job holds the write lock: the claim cannot happen.)
    impor_id = _pekerjaan(engine, percobaan=1, sewa_sampai=sekarang() + timedelta(minutes=1))
    with Session(engine) as berjalan:  # the running attempt's transaction holds the job's lock
        berjalan.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
            {"k": f"impor-tugas:{impor_id}"},
        )
        pekerja = impor_service.PekerjaImpor(engine, impor_service.AturanImpor(10, 100))
        assert pekerja._klaim(yatim=True) is None
    assert _impor(engine, impor_id).percobaan == 1


def test_an_attempt_that_lost_its_lease_writes_nothing(engine: Engine) -> None:
    """Every claim numbers its attempt; once another worker has claimed the job, the earlier
    attempt's writes to it match nothing: it stops, and the job runs once."""
    impor_id = _pekerjaan(engine)
    aturan = impor_service.AturanImpor(10, 100)
    a = impor_service.PekerjaImpor(engine, aturan)
    b = impor_service.PekerjaImpor(engine, aturan)
    assert a._klaim(yatim=False) == (impor_id, 1)
    assert b._klaim(yatim=True) == (impor_id, 2)  # before a began (as a starting server may)
    with pytest.raises(impor_service.SewaHilangError):
        a._jalankan(impor_id, 1, None)
    a._gagal(impor_id, 1, "tidak berlaku")  # nor can it mark the job failed
    assert (jumlah(engine, DataPmks), _audit_impor(engine)) == (0, 0)
    assert _impor(engine, impor_id).status == "diproses"
    b._jalankan(impor_id, 2, None)
    selesai = _impor(engine, impor_id)
    assert (selesai.status, selesai.baru, selesai.percobaan) == ("selesai", 3, 2)
    assert (jumlah(engine, DataPmks), _audit_impor(engine)) == (3, 1)


def test_a_job_stopped_too_often_is_marked_failed_once(engine: Engine) -> None:
    impor_id = _pekerjaan(engine, percobaan=3, sewa_sampai=sekarang() - timedelta(seconds=1))
    pekerja = impor_service.PekerjaImpor(engine, impor_service.AturanImpor(10, 100))
    assert pekerja.jalankan_satu() is True
    gagal = _impor(engine, impor_id)
    assert (gagal.status, gagal.percobaan, gagal.berkas) == ("gagal", 4, None)
    assert "berulang kali" in (gagal.keterangan or "")
    assert (jumlah(engine, DataPmks), _audit_impor(engine)) == (0, 1)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_slow_job_keeps_its_lease_and_runs_once(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heartbeat renews the lease whatever the job does: a job slower than several
    leases is never claimed by a worker looking all the while. (On SQLite a running job holds
    the write lock instead.)"""
    proses = impor_service.proses

    def lambat(*args: Any, **kwargs: Any) -> None:
        time.sleep(5)  # no progress: reading, say, a large spreadsheet
        proses(*args, **kwargs)

    monkeypatch.setattr(impor_service, "proses", lambat)
    impor_id = _pekerjaan(engine)
    aturan = impor_service.AturanImpor(10, 100, sewa_detik=2)
    a = impor_service.PekerjaImpor(engine, aturan)
    b = impor_service.PekerjaImpor(engine, aturan)
    jalan = threading.Thread(target=a.jalankan_satu)
    jalan.start()
    while _impor(engine, impor_id).percobaan == 0:
        time.sleep(0.01)
    while jalan.is_alive():
        assert b.jalankan_satu() is False
        time.sleep(0.1)
    jalan.join()
    selesai = _impor(engine, impor_id)
    assert (selesai.status, selesai.baru, selesai.percobaan) == ("selesai", 3, 1)
    assert (jumlah(engine, DataPmks), _audit_impor(engine)) == (3, 1)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_job_whose_lease_is_lost_stops_at_its_next_chunk_and_writes_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another worker claimed the job (its lease ran out while, say, the database was out of
    reach): the heartbeat finds out, the job stops at its next chunk, and is not marked
    failed either (the other worker runs it)."""
    proses = impor_service.proses
    dilaporkan: list[int] = []

    def dicuri(session: Session, impor: Impor, lembar: Any, sumber: Any, kemajuan: Any) -> None:
        _curi(engine, impor.id)
        assert kemajuan.__self__.hilang.wait(10)  # the heartbeat (every 0.5 s) finds out

        def lapor(n: int) -> None:
            dilaporkan.append(n)
            kemajuan(n)

        proses(session, impor, lembar, sumber, lapor)

    monkeypatch.setattr(impor_service, "proses", dicuri)
    impor_id = _pekerjaan(engine, n=5_000)  # three chunks
    pekerja = impor_service.PekerjaImpor(
        engine, impor_service.AturanImpor(10, 10_000, sewa_detik=1.5)
    )
    assert pekerja.jalankan_satu() is True
    assert dilaporkan == [2_000]  # stopped at the first chunk's end
    impor = _impor(engine, impor_id)
    assert (impor.status, impor.percobaan) == ("diproses", 2)
    assert (jumlah(engine, DataPmks), _audit_impor(engine)) == (0, 0)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_attempt_that_lost_its_lease_after_its_last_chunk_commits_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when the heartbeat has not noticed yet, the job's end requires its attempt."""
    proses = impor_service.proses

    def lalu_dicuri(session: Session, impor: Impor, *args: Any) -> None:
        proses(session, impor, *args)
        _curi(engine, impor.id)

    monkeypatch.setattr(impor_service, "proses", lalu_dicuri)
    impor_id = _pekerjaan(engine)
    pekerja = impor_service.PekerjaImpor(engine, impor_service.AturanImpor(10, 100, sewa_detik=60))
    assert pekerja.jalankan_satu() is True
    impor = _impor(engine, impor_id)
    assert (impor.status, impor.percobaan) == ("diproses", 2)
    assert (jumlah(engine, DataPmks), _audit_impor(engine)) == (0, 0)


def test_the_heartbeat_never_waits_for_the_job(engine: Engine) -> None:
    """Lease and progress go through a connection of their own; should the job's transaction
    hold the import's row (as it does while it ends), the renewal is tried again later instead
    of waiting on it (which would hang). The job itself only hands the count over."""
    if engine.dialect.name != "postgresql":
        pytest.skip("progress is written while a job runs on PostgreSQL only")
    impor_id = _pekerjaan(engine, percobaan=1)
    sewa = impor_service._Sewa(engine, impor_id, 1, 15.0)  # not started: renewed by hand
    with Session(engine) as tugas:
        baris_ini = tugas.get(Impor, impor_id)
        assert baris_ini is not None
        baris_ini.keterangan = "dikunci"
        tugas.flush()  # the row is locked until this transaction ends
        mulai = time.monotonic()
        sewa.kemajuan(10)
        assert sewa.perbarui(10) is False
        assert time.monotonic() - mulai < 5
    assert not sewa.hilang.is_set()  # not lost: tried again
    assert sewa.perbarui(20) is True
    impor = _impor(engine, impor_id)
    assert impor.baris_selesai == 20
    assert impor.sewa_sampai is not None and impor.sewa_sampai > sekarang() + timedelta(seconds=10)
    _curi(engine, impor_id)
    assert sewa.perbarui(30) is False and sewa.hilang.is_set()
    with pytest.raises(impor_service.SewaHilangError):
        sewa.kemajuan(40)
    sewa._tutup()


def test_sizes_over_the_import_limits_are_413(
    app_dengan: IkatApp, masuk_sebagai: Any, engine: Engine
) -> None:
    headers = {**masuk_sebagai("admin"), "Idempotency-Key": "besar"}
    rows = [baris(i) for i in range(30)]
    # The import has its own limit, above the general one.
    app = app_dengan(max_body_bytes=1_000, max_impor_bytes=20_000, impor_maks_baris=20)
    with TestClient(app) as c:
        assert (
            c.post("/v1/kinerja/hitung", content=b"x" * 2_000, headers=headers).status_code == 413
        )
        response = c.post(URL, json=body(rows[:10]), headers=headers)
        assert response.status_code == 201, response.text
        terlalu_besar = c.post(
            URL, json=body(rows * 10), headers={**headers, "Idempotency-Key": "b"}
        )
        assert terlalu_besar.status_code == 413
        assert "Pecah berkas" in terlalu_besar.json()["detail"]
        terlalu_banyak = c.post(URL, json=body(rows), headers={**headers, "Idempotency-Key": "c"})
        assert terlalu_banyak.status_code == 413
        assert "lebih dari 20 baris" in terlalu_banyak.json()["detail"]
    assert jumlah(engine, DataPmks) == 10
