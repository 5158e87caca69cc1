"""Audit recipes for the anggaran routes (merged into tests/test_audit_mutasi.RESEP)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.resep import Resep, ok

Q = {"perangkat_daerah": "dinsos_53"}
SUB = "1.06.04.1.01.0001"


def _pohon(c: TestClient, h: dict[str, str]) -> None:
    """Program, kegiatan, sub kegiatan and DPA murni of 2030."""
    for kode in ("1.06.04", "1.06.04.1.01", SUB):
        ok(c.post("/v1/anggaran/2030/nomenklatur", params=Q, json={"kode": kode, "nama": "Uji"},
                  headers=h))  # fmt: skip
    ok(c.post("/v1/anggaran/2030/dpa", params=Q, json={}, headers=h))


def _dengan_pohon(
    method: str, path: str, body: dict[str, Any], sumber_daya: str, pohon: bool = True
) -> Resep:
    def resep(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
        if pohon:
            _pohon(c, h)
        return sumber_daya, str(ok(c.request(method, path, params=Q, json=body, headers=h))["id"])

    return resep


def _nomenklatur(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    body = {"kode": "1.06.04", "nama": "Program Rehabilitasi Sosial"}
    return "anggaran_nomenklatur", str(
        ok(c.post("/v1/anggaran/2030/nomenklatur", params=Q, json=body, headers=h))["id"]
    )


def _ubah_pendapatan(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    path = "/v1/anggaran/2030/pendapatan"
    ok(c.post(path, params=Q, json={"target": 100}, headers=h))
    tag = c.get(path, params=Q, headers=h).headers["etag"]
    body = ok(c.patch(path, params=Q, json={"realisasi": 90}, headers={**h, "If-Match": tag}))
    return "anggaran_pendapatan", str(body["id"])


def _impor(c: TestClient, h: dict[str, str]) -> tuple[str, str]:
    baris = [
        {"tingkat": "program", "kode": "1.06.04", "nama": "P"},
        {"tingkat": "kegiatan", "kode": "1.06.04.1.01", "nama": "K"},
        {"tingkat": "sub_kegiatan", "kode": SUB, "nama": "S", "pagu": 10, "realisasi": 5},
    ]
    ok(c.post("/v1/impor/anggaran", params={**Q, "tahun": 2030}, json={"baris": baris},
              headers={**h, "Idempotency-Key": "audit-anggaran"}))  # fmt: skip
    return "impor_anggaran", "dinsos_53/2030"


RESEP: dict[str, Resep] = {
    "POST /v1/anggaran/{tahun}/nomenklatur": _nomenklatur,
    "POST /v1/anggaran/{tahun}/dpa": _dengan_pohon(
        "POST", "/v1/anggaran/2030/dpa", {"keterangan": "DPPA I"}, "anggaran_dpa"
    ),
    "PUT /v1/anggaran/{tahun}/dpa/{nomor}/pagu/{kode}": _dengan_pohon(
        "PUT", f"/v1/anggaran/2030/dpa/0/pagu/{SUB}", {"pagu": 1000}, "anggaran_pagu"
    ),
    "POST /v1/anggaran/{tahun}/realisasi": _dengan_pohon(
        "POST", "/v1/anggaran/2030/realisasi",
        {"kode": SUB, "tanggal": "2030-05-01", "jumlah": 10}, "anggaran_realisasi",
    ),
    "POST /v1/anggaran/{tahun}/realisasi-fisik": _dengan_pohon(
        "POST", "/v1/anggaran/2030/realisasi-fisik",
        {"kode": SUB, "tanggal": "2030-05-01", "persen": 10}, "anggaran_realisasi_fisik",
    ),
    "POST /v1/anggaran/{tahun}/pendapatan": _dengan_pohon(
        "POST", "/v1/anggaran/2030/pendapatan", {"target": 100}, "anggaran_pendapatan",
        pohon=False,
    ),
    "PATCH /v1/anggaran/{tahun}/pendapatan": _ubah_pendapatan,
    "POST /v1/impor/anggaran": _impor,
}  # fmt: skip
