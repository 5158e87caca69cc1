"""The public catalogue shows the decree's content only, in Indonesian: none of the analysts'
English notes, `null` where the decree is silent; and it carries an ETag."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fastapi.testclient import TestClient

# Words and phrases of the analysts' notes; none of them is Indonesian.
INGGRIS = (
    "not stated",
    "unclear",
    "per application",
    "whether",
    "covers",
    "the",
    "and",
    "step",
    "steps",
    "todo",
    "note",
    "sic",
    "not",
    "is",
    "which",
    "maximum",
    "indicative",
    "presumably",
    "same",
    "by whom",
    "minutes",
    "working_days",
    "days_unspecified",
    "years",
    "months",
)
_INGGRIS = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in INGGRIS) + r")\b", re.IGNORECASE)


def _teks(nilai: Any, jalur: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(nilai, dict):
        for k, v in nilai.items():
            yield from _teks(v, f"{jalur}.{k}")
    elif isinstance(nilai, list):
        for i, v in enumerate(nilai):
            yield from _teks(v, f"{jalur}[{i}]")
    elif isinstance(nilai, str):
        yield jalur, nilai


def _jawaban(anon: TestClient) -> Iterator[tuple[str, Any]]:
    daftar = anon.get("/v1/layanan")
    assert daftar.status_code == 200
    yield "/v1/layanan", daftar.json()
    for layanan in daftar.json()["data"]:
        r = anon.get(f"/v1/layanan/{layanan['kode']}")
        assert r.status_code == 200
        yield f"/v1/layanan/{layanan['kode']}", r.json()


def test_catalogue_holds_no_english_notes(anon: TestClient) -> None:
    temuan = [
        f"{url}{jalur}: {teks!r}"
        for url, body in _jawaban(anon)
        for jalur, teks in _teks(body)
        if _INGGRIS.search(teks)
    ]
    assert temuan == [], "\n".join(temuan)


def test_catalogue_is_null_where_the_decree_is_silent(anon: TestClient) -> None:
    body = anon.get("/v1/layanan/narasumber").json()
    assert body["biaya"]["nominal"] is None
    assert [langkah["aktor"] for langkah in body["prosedur"]["surat"][2:4]] == [None, None]
    waktu = anon.get("/v1/layanan/rekomendasi_pengangkatan_anak").json()["waktu_pelayanan"][0]
    assert waktu["batas"] is None and waktu["mulai_dihitung"] is None
    assert waktu["satuan"] == "tahun" and "ambigu" not in waktu
    ugb = anon.get("/v1/layanan/izin_ugb").json()
    assert "catatan" not in ugb["biaya"]
    assert ugb["waktu_pelayanan"][0]["mulai_dihitung"] == (
        "berkas persyaratan dinyatakan lengkap dan benar"
    )
    pengaduan = anon.get("/v1/layanan/pengaduan").json()["waktu_pelayanan"]
    assert pengaduan[3]["mulai_dihitung"] == "pengaduan diterima"
    assert pengaduan[3]["batas"] == "paling_lama"


def test_catalogue_carries_an_etag_and_answers_304(anon: TestClient) -> None:
    for url in ("/v1/layanan", "/v1/layanan/izin_ugb"):
        r = anon.get(url)
        tag = r.headers["ETag"]
        assert r.status_code == 200 and tag.startswith('"')
        assert r.headers["Cache-Control"] == "private, no-cache"
        sama = anon.get(url, headers={"If-None-Match": tag})
        assert sama.status_code == 304 and sama.content == b""
        assert sama.headers["ETag"] == tag
        assert anon.get(url, headers={"If-None-Match": '"lain"'}).status_code == 200
    # Another date, another standard (none before the decree): another ETag.
    lama = anon.get("/v1/layanan", params={"tanggal": "2022-03-22"})
    assert (
        lama.json()["data"] == []
        and lama.headers["ETag"] != anon.get("/v1/layanan").headers["ETag"]
    )
