"""Reference data: PMKS/PSKS categories, unit kerja, program bantuan, perangkat daerah.

The same contract for each resource (pages, ETag/304, who reads and writes, POST and PATCH
with If-Match, audit rows), then what each one's data and rules are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from dinsos_api.core import data_induk
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.audit import AuditLog
from dinsos_api.core.errors import Masalah
from dinsos_api.core.etag import cocok_kuat, cocok_lemah
from dinsos_api.referensi.models import KategoriPsks

PROBLEM = "application/problem+json"


@dataclass(frozen=True)
class Sumber:
    path: str
    tabel: str  # sumber_daya in audit rows
    contoh: str  # a kode the demo data has
    baru: dict[str, Any]  # a valid POST body
    ubah: dict[str, Any]  # a valid PATCH body that changes `contoh`
    lama: dict[str, Any]  # the values `ubah` replaces
    persiapan: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # POSTs first


SUMBER = [
    Sumber(
        "kategori-pmks",
        "kategori_pmks",
        "anak_jalanan",
        {"kode": "pmks_uji", "nomor": 27, "nama": "Kategori Uji", "sasaran": "orang"},
        {"nama": "Anak Jalanan (uji)", "singkatan": "Anjal"},
        {"nama": "Anak Jalanan", "singkatan": None},
    ),
    Sumber(
        "kategori-psks",
        "kategori_psks",
        "tksk",
        {"kode": "psks_uji", "nama": "Kelompok Uji", "sasaran": "kelompok"},
        {"sasaran": "lembaga"},
        {"sasaran": "orang"},
    ),
    Sumber(
        "unit-kerja",
        "unit_kerja",
        "rptc",
        {
            "kode": "gudang_logistik",
            "nama": "Gudang Buffer Stock Logistik",
            "jenis": "layanan",
            "induk_kode": "bidang_penanganan_bencana_migran",
        },
        {"induk_kode": "bidang_rehabilitasi_sosial", "aktif": False},
        {"induk_kode": "bidang_penanganan_bencana_migran", "aktif": True},
    ),
    Sumber(
        "program-bantuan",
        "program_bantuan",
        "kube",
        {
            "kode": "program_uji",
            "nama": "Program Uji",
            "sumber_dana": ["apbd_kabkota", "apbn"],
            "sasaran": "kelompok",
        },
        {"sumber_dana": ["apbd_provinsi"]},
        {"sumber_dana": ["apbn", "apbd_provinsi", "apbd_kabkota"]},
    ),
    Sumber(
        "perangkat-daerah",
        "perangkat_daerah",
        "dinsos_5314",
        {
            "kode": "dinsos_5322",
            "nama": "Dinas Sosial Kabupaten Uji",
            "tingkat": "kabupaten",
            "kode_wilayah": "5322",
        },
        {"nama": "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak Rote Ndao"},
        {"nama": "Dinas Sosial Kabupaten Rote Ndao"},
        # Every district already has its office: add a district first.
        [("/v1/wilayah", {"kode_kemendagri": "53.22", "nama": "Kabupaten Uji"})],
    ),
]
IDS = [s.path for s in SUMBER]


def _kepala(peran: Peran) -> dict[str, Any]:
    return {
        "peran": peran.value,
        "kode_wilayah": "5301" if peran is Peran.OPERATOR_KABKOTA else None,
    }


def _semua(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    hasil: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = client.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        hasil += response.json()["data"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return hasil


def _kode(client: TestClient, url: str, **params: Any) -> list[str]:
    return [r["kode"] for r in _semua(client, url, **params)]


def _audit(engine: Engine, tabel: str, kode: str) -> list[AuditLog]:
    with Session(engine) as session:
        stmt = select(AuditLog).where(
            AuditLog.sumber_daya == tabel, AuditLog.sumber_daya_id == kode
        )
        return list(session.exec(stmt).all())


@pytest.fixture
def admin(anon: TestClient, masuk_sebagai) -> TestClient:  # type: ignore[no-untyped-def]
    anon.headers.update(masuk_sebagai("admin"))
    return anon


# --- ETag comparison (RFC 9110) --------------------------------------------------------------


def test_if_none_match_uses_the_weak_comparison() -> None:
    assert cocok_lemah('"a"', '"a"')
    assert cocok_lemah('W/"a"', '"a"')
    assert cocok_lemah('"x", W/"a" ,"y"', '"a"')
    assert cocok_lemah(" * ", '"a"')
    assert cocok_lemah('"a,b"', '"a,b"')  # a comma inside the quotes belongs to the tag
    assert not cocok_lemah(None, '"a"')
    assert not cocok_lemah('"b"', '"a"')
    assert not cocok_lemah("a", '"a"')  # unquoted is malformed
    assert not cocok_lemah("", '"a"')


def test_if_match_uses_the_strong_comparison() -> None:
    assert cocok_kuat('"a"', '"a"')
    assert cocok_kuat('"x", "a"', '"a"')
    assert cocok_kuat("*", '"a"')
    assert not cocok_kuat('W/"a"', '"a"')
    assert not cocok_kuat('"b"', '"a"')


# --- the shared contract, resource by resource -----------------------------------------------


@pytest.mark.parametrize("sumber", SUMBER, ids=IDS)
def test_list_detail_and_304(client: TestClient, sumber: Sumber) -> None:
    url = f"/v1/{sumber.path}"
    semua = _kode(client, url, limit=7)
    assert sumber.contoh in semua and semua == sorted(semua)
    daftar = client.get(url)
    assert daftar.headers["Cache-Control"] == "private, no-cache"
    assert client.get(url, headers={"If-None-Match": daftar.headers["ETag"]}).status_code == 304

    satu = client.get(f"{url}/{sumber.contoh}")
    assert satu.status_code == 200 and satu.json()["kode"] == sumber.contoh
    assert satu.json()["versi"] == 1
    again = client.get(f"{url}/{sumber.contoh}", headers={"If-None-Match": satu.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""

    unknown = client.get(f"{url}/tidak_ada")
    assert unknown.status_code == 404 and unknown.headers["content-type"] == PROBLEM
    assert client.get(f"{url}/Bukan-Kode").status_code == 422
    assert client.get(url, params={"cursor": "xyz"}).status_code == 400


def test_every_role_reads_anonymous_gets_401(anon: TestClient, masuk_sebagai) -> None:  # type: ignore[no-untyped-def]
    for peran in Peran:
        headers = masuk_sebagai(**_kepala(peran))
        for sumber in SUMBER:
            url = f"/v1/{sumber.path}"
            assert anon.get(url, headers=headers).status_code == 200, (peran, url)
            assert anon.get(f"{url}/{sumber.contoh}", headers=headers).status_code == 200
    for sumber in SUMBER:
        response = anon.get(f"/v1/{sumber.path}")
        assert response.status_code == 401 and response.headers["content-type"] == PROBLEM


def test_only_admin_writes(anon: TestClient, masuk_sebagai, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    for peran in Peran:
        if peran is Peran.ADMIN:
            continue
        headers = masuk_sebagai(**_kepala(peran))
        for sumber in SUMBER:
            url = f"/v1/{sumber.path}"
            tag = anon.get(f"{url}/{sumber.contoh}", headers=headers).headers["ETag"]
            post = anon.post(url, json=sumber.baru, headers=headers)
            patch = anon.patch(
                f"{url}/{sumber.contoh}", json=sumber.ubah, headers={**headers, "If-Match": tag}
            )
            assert post.status_code == 403 and patch.status_code == 403, (peran, url)
            assert patch.headers["content-type"] == PROBLEM
    for sumber in SUMBER:
        assert anon.post(f"/v1/{sumber.path}", json=sumber.baru).status_code == 401
        assert _audit(engine, sumber.tabel, sumber.contoh) == []


@pytest.mark.parametrize("sumber", SUMBER, ids=IDS)
def test_admin_creates(admin: TestClient, engine: Engine, sumber: Sumber) -> None:
    for path, body in sumber.persiapan:
        assert admin.post(path, json=body).status_code == 201
    url = f"/v1/{sumber.path}"
    response = admin.post(url, json=sumber.baru)
    assert response.status_code == 201, response.text
    kode = sumber.baru["kode"]
    assert response.headers["Location"] == f"{url}/{kode}"
    dibuat = admin.get(response.headers["Location"])
    assert dibuat.json() == response.json()
    assert dibuat.headers["ETag"] == response.headers["ETag"]
    assert response.json()["versi"] == 1
    if "sumber_dana" in sumber.baru:  # stored in one order, APBN first
        assert response.json()["sumber_dana"] == ["apbn", "apbd_kabkota"]

    again = admin.post(url, json=sumber.baru)
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM
    assert admin.post(url, json={**sumber.baru, "lain": 1}).status_code == 422

    (row,) = _audit(engine, sumber.tabel, kode)
    assert row.aksi == "buat" and row.peran == "admin"
    assert row.perubahan["nama"] == {"lama": None, "baru": sumber.baru["nama"]}


@pytest.mark.parametrize("sumber", SUMBER, ids=IDS)
def test_admin_changes_with_if_match(admin: TestClient, engine: Engine, sumber: Sumber) -> None:
    url = f"/v1/{sumber.path}/{sumber.contoh}"
    tag = admin.get(url).headers["ETag"]
    assert admin.patch(url, json=sumber.ubah).status_code == 428
    assert admin.patch(url, json=sumber.ubah, headers={"If-Match": '"basi"'}).status_code == 412
    assert _audit(engine, sumber.tabel, sumber.contoh) == []

    response = admin.patch(url, json=sumber.ubah, headers={"If-Match": tag})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["versi"] == 2 and {k: body[k] for k in sumber.ubah} == sumber.ubah
    assert response.headers["ETag"] == admin.get(url).headers["ETag"] != tag
    assert admin.patch(url, json=sumber.ubah, headers={"If-Match": tag}).status_code == 412

    (row,) = _audit(engine, sumber.tabel, sumber.contoh)
    assert row.aksi == "ubah" and row.aktor_jenis == "klien"
    assert row.perubahan == {
        k: {"lama": sumber.lama[k], "baru": sumber.ubah[k]} for k in sumber.ubah
    }


# --- the data ---------------------------------------------------------------------------------


def test_the_26_pmks_categories(client: TestClient) -> None:
    kategori = _semua(client, "/v1/kategori-pmks")
    assert len(kategori) == 26
    assert sorted(k["nomor"] for k in kategori) == list(range(1, 27))
    keluarga = {k["kode"] for k in kategori if k["sasaran"] == "keluarga"}
    assert keluarga == {
        "fakir_miskin",
        "keluarga_bermasalah_sosial_psikologis",
        "komunitas_adat_terpencil",
    }
    assert _kode(client, "/v1/kategori-pmks", sasaran="keluarga") == sorted(keluarga)
    kat = client.get("/v1/kategori-pmks/komunitas_adat_terpencil").json()
    assert kat["singkatan"] == "KAT" and kat["nomor"] == 26


def test_psks_are_people_institutions_or_groups(client: TestClient) -> None:
    psks = {k["kode"]: k for k in _semua(client, "/v1/kategori-psks")}
    assert psks["tksk"]["singkatan"] == "TKSK" and psks["tksk"]["sasaran"] == "orang"
    assert psks["karang_taruna"]["sasaran"] == "lembaga"
    assert psks["lksa"]["sasaran"] == "lembaga"
    assert psks["kampung_siaga_bencana"]["sasaran"] == "kelompok"


def test_unit_kerja_form_one_tree(client: TestClient) -> None:
    unit = {u["kode"]: u for u in _semua(client, "/v1/unit-kerja")}
    (akar,) = [u for u in unit.values() if u["induk_kode"] is None]
    assert akar["kode"] == "dinsos_ntt" and akar["jenis"] == "dinas"
    for u in unit.values():  # every parent exists
        assert u["induk_kode"] is None or u["induk_kode"] in unit

    def kode(**params: Any) -> list[str]:
        return _kode(client, "/v1/unit-kerja", **params)

    assert kode(jenis="sekretariat") == ["sekretariat"]
    assert kode(jenis="bidang", aktif=True) == [
        "bidang_pemberdayaan_sosial",
        "bidang_penanganan_bencana_migran",
        "bidang_perlindungan_jaminan_sosial",
        "bidang_rehabilitasi_sosial",
    ]
    assert kode(aktif=False) == ["bidang_penanganan_fakir_miskin"]
    assert len(kode(jenis="uptd", induk="dinsos_ntt")) == 3
    panti = kode(jenis="panti")
    assert len(panti) == 7
    assert {p: unit[p]["induk_kode"] for p in panti} == {
        "panti_anak_ora_et_labora_waikabubak": "uptd_kesos_anak",
        "panti_anak_riang_naibonat": "uptd_kesos_anak",
        "panti_anak_taruna_harapan_lembata": "uptd_kesos_anak",
        "panti_karya_wanita_naibonat": "uptd_kesos_tuna_netra_karya_wanita",
        "panti_lansia_budi_agung_kupang": "uptd_kesos_lansia",
        "panti_lansia_padu_wau_maumere": "uptd_kesos_lansia",
        "panti_tuna_netra_hit_bia_kupang": "uptd_kesos_tuna_netra_karya_wanita",
    }


def test_program_bantuan(client: TestClient) -> None:
    program = {p["kode"]: p for p in _semua(client, "/v1/program-bantuan")}
    assert {
        "pkh", "bpnt", "kube", "rtlh", "permakanan_panti", "aspd", "alat_bantu_disabilitas",
        "bantuan_korban_bencana", "pemulangan_migran",
    } <= set(program)  # fmt: skip
    assert program["pkh"]["sasaran"] == "keluarga" and "apbn" in program["pkh"]["sumber_dana"]
    assert program["permakanan_panti"]["sumber_dana"] == ["apbd_provinsi"]
    for p in program.values():
        assert p["sumber_dana"] and set(p["sumber_dana"]) <= {
            "apbn",
            "apbd_provinsi",
            "apbd_kabkota",
        }
    assert _kode(client, "/v1/program-bantuan", sasaran="kelompok") == [
        "bantuan_karang_taruna",
        "kube",
    ]


def test_perangkat_daerah(client: TestClient) -> None:
    perangkat = _semua(client, "/v1/perangkat-daerah")
    assert len(perangkat) == 23
    (provinsi,) = [p for p in perangkat if p["tingkat"] == "provinsi"]
    assert provinsi["kode_wilayah"] is None and provinsi["kode"] == "dinsos_53"
    kabkota = [p["kode_wilayah"] for p in perangkat if p["tingkat"] != "provinsi"]
    assert sorted(kabkota) == _kode(client, "/v1/wilayah")
    rote = client.get("/v1/perangkat-daerah/dinsos_5314").json()
    assert rote["nama"] == "Dinas Sosial Kabupaten Rote Ndao" and rote["kode_wilayah"] == "5314"
    assert _kode(client, "/v1/perangkat-daerah", tingkat="kota") == ["dinsos_5371"]


# --- rules of each resource ------------------------------------------------------------------


def _patch(client: TestClient, url: str, body: dict[str, Any]) -> Any:
    return client.patch(url, json=body, headers={"If-Match": client.get(url).headers["ETag"]})


def test_pmks_numbers_are_unique(admin: TestClient) -> None:
    baru = {"kode": "pmks_uji", "nomor": 1, "nama": "Uji", "sasaran": "orang"}
    taken = admin.post("/v1/kategori-pmks", json=baru)
    assert taken.status_code == 409 and taken.json()["errors"][0]["field"] == "nomor"
    moved = _patch(admin, "/v1/kategori-pmks/anak_jalanan", {"nomor": 1})
    assert moved.status_code == 409
    assert _patch(admin, "/v1/kategori-pmks/anak_jalanan", {"nomor": 4}).status_code == 200


def test_patch_null_clears_only_optional_fields(admin: TestClient) -> None:
    url = "/v1/kategori-pmks/komunitas_adat_terpencil"
    for body in ({"nama": None}, {"sasaran": None}, {"nomor": None}, {"sasaran": "kelompok"}):
        assert _patch(admin, url, body).status_code == 422, body
    cleared = _patch(admin, url, {"singkatan": None})
    assert cleared.status_code == 200 and cleared.json()["singkatan"] is None


def test_unit_kerja_parents(admin: TestClient) -> None:
    url = "/v1/unit-kerja/uptd_kesos_anak"
    for induk, pesan in (
        ("uptd_kesos_anak", "dirinya sendiri"),
        ("panti_anak_riang_naibonat", "dirinya sendiri"),  # its own child
        ("tidak_ada", "tidak dikenal"),
    ):
        response = _patch(admin, url, {"induk_kode": induk})
        assert response.status_code == 422, induk
        assert response.json()["errors"][0]["field"] == "induk_kode"
        assert pesan in response.json()["errors"][0]["message"]
    orphan = {"kode": "baru", "nama": "Baru", "jenis": "layanan", "induk_kode": "tidak_ada"}
    assert admin.post("/v1/unit-kerja", json=orphan).status_code == 422
    assert _patch(admin, url, {"induk_kode": "sekretariat"}).status_code == 200


def test_perangkat_daerah_district_rules(admin: TestClient) -> None:
    def post(**body: Any) -> Any:
        return admin.post("/v1/perangkat-daerah", json={"kode": "dinsos_x", "nama": "X", **body})

    assert post(tingkat="provinsi", kode_wilayah="5301").status_code == 422
    assert post(tingkat="kabupaten").status_code == 422
    assert post(tingkat="kabupaten", kode_wilayah="5399").status_code == 422
    salah = post(tingkat="kabupaten", kode_wilayah="5371")  # Kota Kupang is a kota
    assert salah.status_code == 422 and salah.json()["errors"][0]["field"] == "tingkat"
    dua = post(tingkat="kota", kode_wilayah="5371")  # one office per district
    assert dua.status_code == 409 and dua.json()["errors"][0]["field"] == "kode_wilayah"
    pindah = _patch(admin, "/v1/perangkat-daerah/dinsos_5314", {"kode_wilayah": "5301"})
    assert pindah.status_code == 409
    assert _patch(admin, "/v1/perangkat-daerah/dinsos_53", {"tingkat": "kota"}).status_code == 422


def test_program_funding_sources(admin: TestClient) -> None:
    baru = {"kode": "uji", "nama": "Uji", "sasaran": "orang"}
    for sumber_dana in ([], ["apbn", "apbn"], ["apbd"]):
        response = admin.post("/v1/program-bantuan", json={**baru, "sumber_dana": sumber_dana})
        assert response.status_code == 422, sumber_dana
        assert response.json()["errors"][0]["field"].startswith("sumber_dana")


def test_a_lost_race_is_412_not_a_silent_overwrite(engine: Engine) -> None:
    """Two admins read version 1; the second write must fail even though its If-Match
    matched when it was read (the UPDATE itself checks `versi`)."""
    with Session(engine) as session:
        tag = data_induk.ambil(session, KategoriPsks, "tksk").etag()
    with Session(engine) as a, Session(engine) as b:
        dibaca_a = data_induk.ambil_untuk_diubah(a, KategoriPsks, "tksk", tag)
        dibaca_b = data_induk.ambil_untuk_diubah(b, KategoriPsks, "tksk", tag)
        data_induk.ubah(b, konteks_sistem(), dibaca_b, {"nama": "Ditulis B"})
        with pytest.raises(Masalah) as kalah:
            data_induk.ubah(a, konteks_sistem(), dibaca_a, {"nama": "Ditulis A"})
    assert kalah.value.status == 412
    with Session(engine) as session:
        tksk = session.get(KategoriPsks, "tksk")
        assert tksk is not None and (tksk.nama, tksk.versi) == ("Ditulis B", 2)
    assert len(_audit(engine, "kategori_psks", "tksk")) == 1
