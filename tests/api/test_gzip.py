"""Compression: answers of 1000 bytes or more are gzipped for clients that accept it, streams
included; ETags, 304s, security headers and metrics work as before."""

from __future__ import annotations

import csv
import gzip
import io

from fastapi.testclient import TestClient

from dinsos_api.core.config import Settings
from dinsos_api.main import create_app
from tests.conftest import MasukSebagai

GZIP = {"Accept-Encoding": "gzip"}
POLOS = {"Accept-Encoding": "identity"}


def _mentah(c: TestClient, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and the body exactly as sent (httpx would decompress it)."""
    with c.stream("GET", url, headers=headers) as r:
        return r.status_code, dict(r.headers), b"".join(r.iter_raw())


DAFTAR = "/v1/wilayah"  # the 22 districts: a few KB


def test_large_answer_is_gzipped_when_accepted(client: TestClient) -> None:
    status, polos_h, polos = _mentah(client, DAFTAR, POLOS)
    assert status == 200 and len(polos) > 1000
    assert "content-encoding" not in polos_h
    status, gzip_h, padat = _mentah(client, DAFTAR, GZIP)
    assert status == 200 and gzip_h["content-encoding"] == "gzip"
    assert "accept-encoding" in gzip_h["vary"].lower()
    assert len(padat) < len(polos) and gzip.decompress(padat) == polos
    # The same representation: the same ETag, and the security headers.
    assert gzip_h["etag"] == polos_h["etag"]
    assert gzip_h["x-content-type-options"] == "nosniff"
    assert gzip_h["cache-control"] == "private, no-cache"


def test_small_answer_stays_plain(anon: TestClient) -> None:
    status, headers, body = _mentah(anon, "/health", GZIP)
    assert status == 200 and len(body) < 1000
    assert "content-encoding" not in headers


def test_304_with_gzip_accepted(client: TestClient) -> None:
    tag = client.get(DAFTAR, headers=GZIP).headers["etag"]
    status, headers, body = _mentah(client, DAFTAR, {**GZIP, "If-None-Match": tag})
    assert status == 304 and body == b""
    assert headers["etag"] == tag and "content-encoding" not in headers


def test_csv_export_streams_gzipped(client: TestClient) -> None:
    url = "/v1/penerima-manfaat?format=csv"
    status, headers, body = _mentah(client, url, GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert headers["content-type"] == "text/csv; charset=utf-8"
    assert headers["cache-control"] == "private, no-store"
    baris = list(csv.reader(io.StringIO(gzip.decompress(body).decode("utf-8-sig"))))
    assert baris and "nik" in [k.lower() for k in baris[0]]
    status, headers, polos = _mentah(client, url, POLOS)
    assert "content-encoding" not in headers and polos == gzip.decompress(body)


def test_metrics_see_gzipped_answers(settings: Settings, masuk_sebagai: MasukSebagai) -> None:
    with TestClient(create_app(settings), headers=masuk_sebagai("analis")) as c:
        for _ in range(2):
            assert c.get(DAFTAR, headers=GZIP).headers["content-encoding"] == "gzip"
        text = c.get("/metrics", headers=POLOS).text
    line = 'dinsos_http_requests_total{method="GET",route="/v1/wilayah",status="200"} 2.0'
    assert line in text
