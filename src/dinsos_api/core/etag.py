"""Conditional requests for master data: ETags, 304 Not Modified, If-Match (412, 428).

Every GET of reference data carries a strong ETag. A list's ETag is a hash of its JSON body.
One record's ETag is `etag_rekaman`, derived from its kode and `versi` (bumped on every change),
so the ETag a client reads from `GET .../{kode}` is the one `PATCH .../{kode}` expects in
`If-Match`. Comparison follows RFC 9110: If-None-Match uses the weak comparison (a `W/` prefix
is ignored) and If-Match the strong one; both accept `*` and comma-separated lists.

Responses say `Cache-Control: private, no-cache`: a client (or the mobile app's cache) may keep
them but must revalidate with If-None-Match, and shared caches must not keep them, since what a
caller may read depends on its token.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Protocol

from fastapi import Header, Request, Response
from pydantic import BaseModel
from pydantic_core import to_json

from dinsos_api.core.errors import PROBLEM_JSON, Masalah
from dinsos_api.core.paginasi import pasang_link

CACHE_CONTROL = "private, no-cache"

IfNoneMatch = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        description="ETag dari jawaban sebelumnya; bila data belum berubah, jawabannya 304 "
        "tanpa isi.",
    ),
]
IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="Wajib: ETag data yang hendak diubah (dari GET atau perubahan terakhir). "
        "Tanpa header ini jawabannya 428; bila data sudah diubah pihak lain, 412.",
    ),
]

# An entity-tag (RFC 9110 §8.8.3): optional weak prefix, then an opaque quoted string.
_ETAG = re.compile(r'(W/)?("[^"]*")')


def _hash(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest() + '"'


def etag_isi(isi: bytes) -> str:
    """Strong ETag of a response body."""
    return _hash(isi)


def etag_rekaman(sumber_daya: str, kode: str, versi: int) -> str:
    """Strong ETag of one versioned record (opaque: clients must not parse it)."""
    return _hash(f"{sumber_daya}\x1f{kode}\x1f{versi}".encode())


def _daftar_etag(header: str) -> list[tuple[bool, str]]:
    """(weak, opaque-tag) for each entity-tag in a header value; malformed parts are skipped."""
    return [(bool(m.group(1)), m.group(2)) for m in _ETAG.finditer(header)]


def cocok_lemah(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match evaluation: weak comparison, `*` matches any current representation."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    sasaran = etag.removeprefix("W/")
    return any(tag == sasaran for _, tag in _daftar_etag(if_none_match))


def cocok_kuat(if_match: str, etag: str) -> bool:
    """If-Match evaluation: strong comparison (a weak tag never matches), `*` matches."""
    if if_match.strip() == "*":
        return True
    return any(not lemah and tag == etag for lemah, tag in _daftar_etag(if_match))


def pastikan_if_match(if_match: str | None, etag: str) -> None:
    """A change must name the version it was based on: 428 without If-Match, 412 if stale.

    Neither answer carries the current ETag: a client must GET the record (and see what
    changed) before it can overwrite it.
    """
    if if_match is None or not if_match.strip():
        raise Masalah(
            428,
            "Sertakan header If-Match berisi ETag data yang hendak diubah (ambil dahulu "
            "dengan GET), agar perubahan orang lain tidak tertimpa.",
            jenis="if-match-wajib",
        )
    if not cocok_kuat(if_match, etag):
        raise Masalah(
            412,
            "Data ini sudah diubah sejak Anda mengambilnya. Ambil ulang dengan GET, periksa "
            "perubahannya, lalu kirim ulang dengan ETag yang baru.",
            jenis="etag-berbeda",
        )


def jawab(
    isi: BaseModel | Mapping[str, Any],
    *,
    if_none_match: str | None = None,
    etag: str | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """A JSON response with ETag and Cache-Control, or 304 when If-None-Match matches.

    `etag` defaults to a hash of the body; records pass `etag_rekaman` instead.
    """
    body = to_json(isi)
    tag = etag or etag_isi(body)
    semua = {**(headers or {}), "ETag": tag, "Cache-Control": CACHE_CONTROL}
    if status_code == 200 and cocok_lemah(if_none_match, tag):
        return Response(status_code=304, headers=semua)
    return Response(body, status_code=status_code, media_type="application/json", headers=semua)


def jawab_halaman(
    request: Request,
    skema: type[BaseModel],
    rows: Iterable[Any],
    next_cursor: str | None,
    if_none_match: str | None,
) -> Response:
    """One page of a list (`Halaman`): items in `skema`, `Link: rel="next"`, ETag, 304."""
    data = [skema.model_validate(r, from_attributes=True) for r in rows]
    response = jawab({"data": data, "next_cursor": next_cursor}, if_none_match=if_none_match)
    pasang_link(request, response, next_cursor)
    return response


class _Rekaman(Protocol):
    def etag(self) -> str: ...


def jawab_rekaman(
    skema: type[BaseModel],
    rekaman: _Rekaman,
    *,
    if_none_match: str | None = None,
    status_code: int = 200,
    lokasi: str | None = None,
) -> Response:
    """One record in `skema`, with its record ETag (the one PATCH expects in If-Match)."""
    isi = skema.model_validate(rekaman, from_attributes=True)
    return jawab(
        isi,
        if_none_match=if_none_match,
        etag=rekaman.etag(),
        status_code=status_code,
        headers={"Location": lokasi} if lokasi else None,
    )


# --- OpenAPI ---------------------------------------------------------------------------------


def _masalah(deskripsi: str) -> dict[str, Any]:
    return {
        "description": deskripsi,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


_HEADER_ETAG = {
    "ETag": {"description": "Validator kuat jawaban ini.", "schema": {"type": "string"}},
    "Cache-Control": {"description": "`private, no-cache`", "schema": {"type": "string"}},
}

JAWABAN_BACA: dict[int | str, dict[str, Any]] = {
    200: {"headers": _HEADER_ETAG},
    304: {"description": "Tidak berubah sejak ETag di If-None-Match (tanpa isi)."},
}
JAWABAN_AMBIL: dict[int | str, dict[str, Any]] = {
    **JAWABAN_BACA,
    404: _masalah("Data tidak ditemukan"),
}
JAWABAN_BUAT: dict[int | str, dict[str, Any]] = {
    201: {"headers": {"Location": {"schema": {"type": "string"}}, **_HEADER_ETAG}},
    409: _masalah("Kode sudah dipakai"),
}
JAWABAN_UBAH: dict[int | str, dict[str, Any]] = {
    200: {"headers": _HEADER_ETAG},
    404: _masalah("Data tidak ditemukan"),
    409: _masalah("Bertentangan dengan data lain"),
    412: _masalah("ETag di If-Match tidak cocok: data sudah diubah pihak lain"),
    428: _masalah("Header If-Match wajib"),
}
