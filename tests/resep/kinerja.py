"""Audit recipes for the kinerja routes (merged into tests/test_audit_mutasi.RESEP)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.resep import Resep, ok

RENSTRA = {
    "perangkat_daerah": "dinsos_53",
    "nama": "Renstra Uji 2024–2026",
    "tahun_awal": 2024,
    "tahun_akhir": 2026,
    "tujuan": [{"kode": "T1", "nama": "Tujuan uji", "sasaran": [{"kode": "SS1", "nama": "Uji"}]}],
}


def buat_renstra(c: TestClient, h: dict[str, str]) -> dict[str, Any]:
    return ok(c.post("/v1/renstra", json=RENSTRA, headers=h))


def buat_indikator(c: TestClient, h: dict[str, str], **isian: Any) -> dict[str, Any]:
    sasaran_id = buat_renstra(c, h)["tujuan"][0]["sasaran"][0]["id"]
    body = {"sasaran_id": sasaran_id, "kode": "IKU1", "nama": "Indikator uji", **isian}
    return ok(c.post("/v1/indikator", json=body, headers=h))


def _renstra(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    return "renstra", str(buat_renstra(c, h)["id"])


def _indikator(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    return "indikator_kinerja", str(buat_indikator(c, h)["id"])


def _ubah_indikator(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    path = f"/v1/indikator/{buat_indikator(c, h)['id']}"
    etag = c.get(path, headers=h).headers["etag"]
    body = ok(c.patch(path, json={"nama": "Diubah"}, headers={**h, "If-Match": etag}))
    return "indikator_kinerja", str(body["id"])


def _target(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    path = f"/v1/indikator/{buat_indikator(c, h)['id']}/target/pk/2024"
    return "target_kinerja", str(ok(c.put(path, json={"nilai": 90}, headers=h))["id"])


def _realisasi(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    path = f"/v1/indikator/{buat_indikator(c, h)['id']}/realisasi/2024"
    return "realisasi_kinerja", str(ok(c.put(path, json={"nilai": 88}, headers=h))["id"])


def _periode_id(c: TestClient, h: dict[str, str]) -> str:
    halaman = ok(c.get("/v1/periode-kinerja", params={"perangkat_daerah": "dinsos_53"}, headers=h))
    (periode,) = halaman["data"]
    return str(periode["id"])


def _tutup(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    ok(c.post("/v1/periode-kinerja/dinsos_53/2024/tutup", headers=h))
    return "periode_kinerja", _periode_id(c, h)


def _buka(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    ok(c.post("/v1/periode-kinerja/dinsos_53/2024/tutup", headers=h))
    ok(c.post("/v1/periode-kinerja/dinsos_53/2024/buka", headers=h))
    return "periode_kinerja", _periode_id(c, h)


RESEP: dict[str, Resep] = {
    "POST /v1/renstra": _renstra,
    "POST /v1/indikator": _indikator,
    "PATCH /v1/indikator/{indikator_id}": _ubah_indikator,
    "PUT /v1/indikator/{indikator_id}/target/{sumber}/{tahun}": _target,
    "PUT /v1/indikator/{indikator_id}/realisasi/{tahun}": _realisasi,
    "POST /v1/periode-kinerja/{perangkat_daerah}/{tahun}/tutup": _tutup,
    "POST /v1/periode-kinerja/{perangkat_daerah}/{tahun}/buka": _buka,
}
