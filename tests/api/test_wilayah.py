"""/v1/wilayah: the 22 districts, filters, pages, ETags, and admin writes with audit rows."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from dinsos_api.core.akses import Peran
from dinsos_api.core.audit import AuditLog

PROBLEM = "application/problem+json"
DATA = Path(__file__).resolve().parents[2] / "src" / "dinsos_api" / "demo" / "data"
PERAN_BUKAN_ADMIN = [p for p in Peran if p is not Peran.ADMIN]


def _kepala(peran: Peran) -> dict[str, Any]:
    return {
        "peran": peran.value,
        "kode_wilayah": "5301" if peran is Peran.OPERATOR_KABKOTA else None,
    }


def _semua(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, following next_cursor."""
    hasil: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = client.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        hasil += body["data"]
        cursor = body["next_cursor"]
        if cursor is None:
            return hasil


def _audit(engine: Engine, sumber_daya_id: str) -> list[AuditLog]:
    with Session(engine) as session:
        stmt = select(AuditLog).where(
            AuditLog.sumber_daya == "wilayah", AuditLog.sumber_daya_id == sumber_daya_id
        )
        return list(session.exec(stmt).all())


@pytest.fixture
def admin(anon: TestClient, masuk_sebagai) -> TestClient:  # type: ignore[no-untyped-def]
    anon.headers.update(masuk_sebagai("admin"))
    return anon


# --- reading ---------------------------------------------------------------------------------


def test_lists_the_22_districts_over_pages(client: TestClient) -> None:
    first = client.get("/v1/wilayah", params={"limit": 15})
    assert first.status_code == 200
    body = first.json()
    assert len(body["data"]) == 15 and body["next_cursor"]
    assert f"cursor={body['next_cursor']}" in first.headers["Link"]
    assert first.headers["Link"].endswith('rel="next"')
    second = client.get("/v1/wilayah", params={"limit": 15, "cursor": body["next_cursor"]})
    assert len(second.json()["data"]) == 7 and second.json()["next_cursor"] is None
    assert "Link" not in second.headers

    semua = _semua(client, "/v1/wilayah", limit=5)
    with (DATA / "wilayah_ntt.csv").open(encoding="utf-8") as f:
        assert [w["kode"] for w in semua] == [r["kode"] for r in csv.DictReader(f)]
    assert sum(w["jenis"] == "kabupaten" for w in semua) == 21
    kota = next(w for w in semua if w["jenis"] == "kota")
    assert kota == {
        "kode": "5371",
        "kode_kemendagri": "53.71",
        "jenis": "kota",
        "nama": "Kota Kupang",
        "induk_kode": None,
        "versi": 1,
        "updated_at": kota["updated_at"],
    }


def test_one_region_and_unknown_codes(client: TestClient) -> None:
    response = client.get("/v1/wilayah/5314")
    assert response.status_code == 200
    assert response.json()["nama"] == "Kabupaten Rote Ndao"
    unknown = client.get("/v1/wilayah/9999")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == PROBLEM
    assert "9999" in unknown.json()["detail"]


def test_filters(client: TestClient) -> None:
    def kode(**params: Any) -> list[str]:
        return [w["kode"] for w in _semua(client, "/v1/wilayah", **params)]

    assert kode(jenis="kota") == ["5371"]
    assert kode(q="KUP") == ["5301", "5371"]  # a prefix of any word, any case
    assert kode(q="sumba barat") == ["5312", "5318"]
    assert kode(q="abupaten") == []
    assert kode(q="%") == []  # LIKE wildcards are taken literally
    assert kode(induk="5301") == []
    assert kode(jenis="kecamatan") == []
    assert client.get("/v1/wilayah", params={"jenis": "provinsi"}).status_code == 422


def test_invalid_cursor_is_a_400_problem(client: TestClient) -> None:
    response = client.get("/v1/wilayah", params={"cursor": "bukan-kursor"})
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "cursor"


def test_etag_and_304(client: TestClient) -> None:
    for url in ("/v1/wilayah", "/v1/wilayah/5301"):
        first = client.get(url)
        tag = first.headers["ETag"]
        assert tag.startswith('"') and first.headers["Cache-Control"] == "private, no-cache"
        for if_none_match in (tag, f"W/{tag}", f'"lain", {tag}', "*"):
            again = client.get(url, headers={"If-None-Match": if_none_match})
            assert again.status_code == 304, if_none_match
            assert again.content == b""
            assert again.headers["ETag"] == tag
            assert again.headers["Cache-Control"] == "private, no-cache"
        other = client.get(url, headers={"If-None-Match": '"lain"'})
        assert other.status_code == 200 and other.headers["ETag"] == tag
    # A different page is a different representation.
    assert client.get("/v1/wilayah", params={"limit": 2}).headers["ETag"] != tag


# --- who may do what -------------------------------------------------------------------------


def test_every_role_reads_anonymous_gets_401(anon: TestClient, masuk_sebagai) -> None:  # type: ignore[no-untyped-def]
    for peran in Peran:
        headers = masuk_sebagai(**_kepala(peran))
        assert anon.get("/v1/wilayah", headers=headers).status_code == 200, peran
        assert anon.get("/v1/wilayah/5301", headers=headers).status_code == 200, peran
    for url in ("/v1/wilayah", "/v1/wilayah/5301"):
        response = anon.get(url)
        assert response.status_code == 401
        assert response.headers["content-type"] == PROBLEM


def test_only_admin_writes(anon: TestClient, masuk_sebagai, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    tag = anon.get("/v1/wilayah/5301", headers=masuk_sebagai("pimpinan")).headers["ETag"]
    for peran in PERAN_BUKAN_ADMIN:
        headers = masuk_sebagai(**_kepala(peran))
        baru = {"kode_kemendagri": "53.01.01", "nama": "Semau"}
        assert anon.post("/v1/wilayah", json=baru, headers=headers).status_code == 403, peran
        response = anon.patch(
            "/v1/wilayah/5301", json={"nama": "X"}, headers={**headers, "If-Match": tag}
        )
        assert response.status_code == 403, peran
        assert response.headers["content-type"] == PROBLEM
    assert (
        anon.post("/v1/wilayah", json={"kode_kemendagri": "53.01.01", "nama": "x"}).status_code
        == 401
    )
    assert _audit(engine, "530101") == [] and _audit(engine, "5301") == []


# --- writing ---------------------------------------------------------------------------------


def test_admin_adds_kecamatan_and_desa(admin: TestClient, engine: Engine) -> None:
    response = admin.post("/v1/wilayah", json={"kode_kemendagri": "53.01.01", "nama": "Semau"})
    assert response.status_code == 201, response.text
    assert response.headers["Location"] == "/v1/wilayah/530101"
    kecamatan = response.json()
    assert kecamatan["kode"] == "530101" and kecamatan["jenis"] == "kecamatan"
    assert kecamatan["induk_kode"] == "5301" and kecamatan["versi"] == 1
    assert response.headers["ETag"] == admin.get("/v1/wilayah/530101").headers["ETag"]

    desa = admin.post(
        "/v1/wilayah", json={"kode_kemendagri": "53.01.01.2001", "nama": "Uitiuhtuan"}
    )
    kelurahan = admin.post(
        "/v1/wilayah", json={"kode_kemendagri": "53.01.01.1001", "nama": "Batuinan"}
    )
    assert desa.json()["jenis"] == "desa" and kelurahan.json()["jenis"] == "kelurahan"
    assert [w["kode"] for w in _semua(admin, "/v1/wilayah", induk="5301")] == ["530101"]
    assert [w["kode"] for w in _semua(admin, "/v1/wilayah", induk="530101")] == [
        "5301011001",
        "5301012001",
    ]
    assert len(_semua(admin, "/v1/wilayah")) == 22  # the default list stays the districts

    (row,) = _audit(engine, "530101")
    assert row.aksi == "buat" and row.aktor_jenis == "klien" and row.peran == "admin"
    assert row.perubahan["nama"] == {"lama": None, "baru": "Semau"}
    assert row.perubahan["induk_kode"] == {"lama": None, "baru": "5301"}


def test_creation_rules(admin: TestClient) -> None:
    admin.post("/v1/wilayah", json={"kode_kemendagri": "53.01.01", "nama": "Semau"})
    again = admin.post("/v1/wilayah", json={"kode_kemendagri": "53.01.01", "nama": "Semau"})
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM

    orphan = admin.post("/v1/wilayah", json={"kode_kemendagri": "53.01.02.2001", "nama": "x"})
    assert orphan.status_code == 422
    assert orphan.json()["errors"] == [
        {
            "field": "kode_kemendagri",
            "message": "kecamatan induk 530102 belum ada; tambahkan induknya lebih dahulu",
        }
    ]
    salah_jenis = admin.post(
        "/v1/wilayah", json={"kode_kemendagri": "53.01.03", "nama": "x", "jenis": "desa"}
    )
    assert salah_jenis.status_code == 422
    assert salah_jenis.json()["errors"][0]["field"] == "jenis"
    for kode in ("53", "54.01", "53.1", "5301", "53.01.01.01"):
        response = admin.post("/v1/wilayah", json={"kode_kemendagri": kode, "nama": "x"})
        assert response.status_code == 422, kode
        assert response.json()["errors"][0]["field"] == "kode_kemendagri"


def test_rename_needs_the_current_etag(admin: TestClient, engine: Engine) -> None:
    lama = admin.get("/v1/wilayah/5314")
    tag = lama.headers["ETag"]
    daftar_tag = admin.get("/v1/wilayah").headers["ETag"]

    tanpa = admin.patch("/v1/wilayah/5314", json={"nama": "Kab. Rote Ndao"})
    assert tanpa.status_code == 428 and tanpa.headers["content-type"] == PROBLEM
    salah = admin.patch("/v1/wilayah/5314", json={"nama": "x"}, headers={"If-Match": '"lain"'})
    assert salah.status_code == 412
    lemah = admin.patch("/v1/wilayah/5314", json={"nama": "x"}, headers={"If-Match": f"W/{tag}"})
    assert lemah.status_code == 412  # If-Match compares strongly
    assert _audit(engine, "5314") == []

    ok = admin.patch("/v1/wilayah/5314", json={"nama": "Kab. Rote Ndao"}, headers={"If-Match": tag})
    assert ok.status_code == 200, ok.text
    assert ok.json()["nama"] == "Kab. Rote Ndao" and ok.json()["versi"] == 2
    assert ok.headers["ETag"] != tag
    assert ok.headers["ETag"] == admin.get("/v1/wilayah/5314").headers["ETag"]
    assert admin.get("/v1/wilayah").headers["ETag"] != daftar_tag

    # The second writer, still holding the old ETag, loses.
    stale = admin.patch("/v1/wilayah/5314", json={"nama": "Rote"}, headers={"If-Match": tag})
    assert stale.status_code == 412
    assert admin.get("/v1/wilayah/5314").json()["nama"] == "Kab. Rote Ndao"

    (row,) = _audit(engine, "5314")
    assert row.aksi == "ubah"
    assert row.perubahan == {"nama": {"lama": "Kabupaten Rote Ndao", "baru": "Kab. Rote Ndao"}}


def test_rename_validation(admin: TestClient) -> None:
    tag = admin.get("/v1/wilayah/5301").headers["ETag"]
    headers = {"If-Match": tag}
    for body in ({"nama": None}, {"nama": ""}, {"kode": "5399"}, {"nama": "a\x00b"}):
        assert admin.patch("/v1/wilayah/5301", json=body, headers=headers).status_code == 422
    same = admin.patch("/v1/wilayah/5301", json={}, headers=headers)
    assert same.status_code == 200 and same.json()["versi"] == 1  # nothing changed
    assert admin.patch("/v1/wilayah/9999", json={"nama": "x"}, headers=headers).status_code == 404
