"""Every mutating endpoint leaves an audit row: the walk is generated from the routes.

A new POST/PATCH/PUT/DELETE route without a recipe here fails the first test, so no write
path can skip the audit trail unnoticed.
"""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from dinsos_api.core.akses import daftar_rute
from dinsos_api.core.audit import AuditLog
from dinsos_api.penerima.models import Orang
from tests.resep import Resep, ok, patch, post
from tests.resep.anggaran import RESEP as RESEP_ANGGARAN
from tests.resep.kinerja import RESEP as RESEP_KINERJA
from tests.resep.layanan import RESEP as RESEP_LAYANAN
from tests.resep.panti import RESEP as RESEP_PANTI
from tests.resep.pengaduan import RESEP as RESEP_PENGADUAN

MUTASI = {"POST", "PUT", "PATCH", "DELETE"}
# Writes nothing: stateless computations; login audits only lockouts (tests/api/test_akses.py).
TANPA_PERUBAHAN = {
    "POST /v1/auth/token",
    "POST /v1/kinerja/hitung",
    "POST /v1/kinerja/periksa",
}


def _klien(c: TestClient, h: dict[str, str]) -> str:
    return str(ok(c.post("/v1/klien", json={"nama": "uji", "peran": "analis"}, headers=h))["id"])


def _pengguna(c: TestClient, h: dict[str, str]) -> str:
    body = {"username": "uji.audit", "nama": "Uji", "peran": "analis", "password": "x" * 12}
    return str(ok(c.post("/v1/pengguna", json=body, headers=h))["id"])


def _rotasi(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    return "klien", str(ok(c.post(f"/v1/klien/{_klien(c, h)}/rotasi", headers=h))["id"])


def _cabut(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    return "klien", str(ok(c.post(f"/v1/klien/{_klien(c, h)}/cabut", headers=h))["id"])


def _nonaktifkan(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    path = f"/v1/pengguna/{_pengguna(c, h)}"
    return "pengguna", str(ok(c.patch(path, json={"aktif": False}, headers=h))["id"])


def _orang_uji(c: TestClient) -> str:
    """A person to change: the registry has no POST of its own (people come by import)."""
    with Session(c.app.state.engine) as session:  # type: ignore[attr-defined]
        orang = Orang(nama="Uji Audit", kode_wilayah="5301", nik="5301011203850007")
        session.add(orang)
        session.commit()
        return orang.id


def _ubah_orang(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    path = f"/v1/penerima-manfaat/{_orang_uji(c)}"
    etag = c.get(path, headers=h).headers["etag"]
    return "orang", str(
        ok(c.patch(path, json={"alamat": "Oesao"}, headers={**h, "If-Match": etag}))["id"]
    )


def _hapus_orang(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    id_ = _orang_uji(c)
    response = c.delete(f"/v1/penerima-manfaat/{id_}", params={"alasan": "uji audit"}, headers=h)
    assert response.status_code == 204, response.text
    return "orang", id_


def _putuskan_duplikat(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    nik = "5301014507800003"
    baris = {"nik": nik, "nama": "Uji Ganda", "kategori": "anak_terlantar"}
    for wilayah in ("5301", "5302"):  # the second district's row is flagged
        body = {"tahun": 2024, "kode_wilayah": wilayah, "baris": [baris]}
        ok(c.post("/v1/impor/pmks", json=body, headers={**h, "Idempotency-Key": wilayah}))
    (dup,) = ok(c.get("/v1/duplikat", headers=h))["data"]
    berlaku = dup["rekaman"][0]["orang_id"]
    keputusan = {"orang_id": berlaku, "catatan": "uji audit"}
    ok(c.post(f"/v1/duplikat/{nik}/putuskan", json=keputusan, headers=h))
    return "orang", berlaku


def _impor(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    baris = {"nik": "5301014507800003", "nama": "Uji Impor", "kategori": "anak_terlantar"}
    body = {"tahun": 2024, "kode_wilayah": "5301", "baris": [baris]}
    response = c.post("/v1/impor/pmks", json=body, headers={**h, "Idempotency-Key": "audit"})
    return "impor", str(ok(response)["id"])


RESEP: dict[str, Resep] = {
    "POST /v1/klien": lambda c, h: ("klien", _klien(c, h)),
    "POST /v1/klien/{klien_id}/rotasi": _rotasi,
    "POST /v1/klien/{klien_id}/cabut": _cabut,
    "POST /v1/pengguna": lambda c, h: ("pengguna", _pengguna(c, h)),
    "PATCH /v1/pengguna/{pengguna_id}": _nonaktifkan,
    "POST /v1/wilayah": post(
        "/v1/wilayah",
        {"kode_kemendagri": "53.01.99", "nama": "Kecamatan Uji"},
        "wilayah",
        "530199",
    ),
    "PATCH /v1/wilayah/{kode}": patch(
        "/v1/wilayah/5301", {"nama": "Kab. Kupang"}, "wilayah", "5301"
    ),
    "POST /v1/kategori-pmks": post(
        "/v1/kategori-pmks",
        {"kode": "uji", "nomor": 99, "nama": "Uji", "sasaran": "orang"},
        "kategori_pmks",
    ),
    "PATCH /v1/kategori-pmks/{kode}": patch(
        "/v1/kategori-pmks/anak_jalanan", {"nama": "Anak Jalanan (uji)"}, "kategori_pmks",
        "anak_jalanan",
    ),
    "POST /v1/kategori-psks": post(
        "/v1/kategori-psks", {"kode": "uji", "nama": "Uji", "sasaran": "orang"}, "kategori_psks"
    ),
    "PATCH /v1/kategori-psks/{kode}": patch(
        "/v1/kategori-psks/tksk", {"singkatan": "TKSK*"}, "kategori_psks", "tksk"
    ),
    "POST /v1/unit-kerja": post(
        "/v1/unit-kerja",
        {"kode": "uji", "nama": "Unit Uji", "jenis": "layanan", "induk_kode": "dinsos_ntt"},
        "unit_kerja",
    ),
    "PATCH /v1/unit-kerja/{kode}": patch(
        "/v1/unit-kerja/sekretariat", {"keterangan": "uji"}, "unit_kerja", "sekretariat"
    ),
    "POST /v1/program-bantuan": post(
        "/v1/program-bantuan",
        {"kode": "uji", "nama": "Program Uji", "sumber_dana": ["apbn"], "sasaran": "orang"},
        "program_bantuan",
    ),
    "PATCH /v1/program-bantuan/{kode}": patch(
        "/v1/program-bantuan/pkh", {"keterangan": "uji"}, "program_bantuan", "pkh"
    ),
    "POST /v1/perangkat-daerah": post(
        "/v1/perangkat-daerah",
        {"kode": "uji", "nama": "Badan Uji Provinsi", "tingkat": "provinsi"},
        "perangkat_daerah",
    ),
    "PATCH /v1/penerima-manfaat/{orang_id}": _ubah_orang,
    "DELETE /v1/penerima-manfaat/{orang_id}": _hapus_orang,
    "PATCH /v1/perangkat-daerah/{kode}": patch(
        "/v1/perangkat-daerah/dinsos_5314", {"nama": "Dinas Sosial Kab. Rote Ndao"},
        "perangkat_daerah", "dinsos_5314",
    ),
    "POST /v1/impor/pmks": _impor,
    "POST /v1/duplikat/{nik}/putuskan": _putuskan_duplikat,
    **RESEP_ANGGARAN,
    **RESEP_KINERJA,
    **RESEP_LAYANAN,
    **RESEP_PANTI,
    **RESEP_PENGADUAN,
}  # fmt: skip


def test_every_mutating_route_has_an_audit_recipe(app: FastAPI) -> None:
    mutating = {
        f"{method} {r.path}"
        for r in daftar_rute(app)
        for method in r.methods & MUTASI
        if r.path.startswith("/v1")
    }
    assert mutating - TANPA_PERUBAHAN == set(RESEP), (mutating - TANPA_PERUBAHAN) ^ set(RESEP)


@pytest.mark.parametrize("operasi", sorted(RESEP))
def test_mutation_leaves_an_audit_row(
    operasi: str, anon: TestClient, masuk_sebagai, engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    admin = masuk_sebagai("admin")
    with Session(engine) as session:
        before = session.scalar(select(func.count()).select_from(AuditLog))
    sumber_daya, sumber_daya_id = RESEP[operasi](anon, admin)
    with Session(engine) as session:
        rows = session.exec(  # type: ignore[call-overload]
            select(AuditLog).order_by(AuditLog.waktu.desc(), AuditLog.id.desc())  # type: ignore[attr-defined]
        ).all()
    assert len(rows) > (before or 0)
    newest = rows[0][0]
    assert (newest.sumber_daya, newest.sumber_daya_id) == (sumber_daya, sumber_daya_id)
    assert newest.aktor_jenis == "klien" and newest.peran == "admin"
    assert newest.request_id and newest.ip
    assert newest.perubahan or newest.aksi in ("rotasi",)
