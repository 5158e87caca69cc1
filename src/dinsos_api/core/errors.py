"""RFC 9457 problem details for every error, with titles an Indonesian operator understands.

Domain code raises `rfc9457` problems (see `Masalah` below); FastAPI's own errors (404, 405,
validation) and anything unexpected are turned into the same shape here. A response never
carries a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import psycopg
import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from rfc9457 import Problem
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from dinsos_api.core.logging import jejak_tanpa_pesan

logger = logging.getLogger("dinsos_api.errors")

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "urn:dinsos:masalah:"

JUDUL_STATUS: dict[int, str] = {
    400: "Permintaan tidak valid",
    401: "Autentikasi diperlukan",
    403: "Akses ditolak",
    404: "Data tidak ditemukan",
    405: "Metode tidak diizinkan",
    406: "Format jawaban tidak tersedia",
    409: "Terjadi konflik",
    410: "Data sudah tidak tersedia",
    412: "Data telah diubah oleh pihak lain",
    413: "Isi permintaan terlalu besar",
    415: "Jenis isi permintaan tidak didukung",
    422: "Data tidak valid",
    423: "Data terkunci",
    428: "Syarat permintaan belum dipenuhi",
    429: "Terlalu banyak permintaan",
    500: "Terjadi kesalahan pada server",
    503: "Layanan belum siap",
}

DETAIL_STATUS: dict[int, str] = {
    404: "Alamat atau data yang diminta tidak ditemukan.",
    405: "Metode HTTP ini tidak didukung untuk alamat tersebut.",
    500: "Terjadi kesalahan yang tidak terduga. Hubungi admin dengan menyebut X-Request-ID.",
}


class Masalah(Problem):
    """A domain error with an HTTP status; `errors` lists the fields at fault."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        jenis: str | None = None,
        title: str | None = None,
        errors: Sequence[Mapping[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        extras: dict[str, Any] = {}
        if errors:
            extras["errors"] = [dict(e) for e in errors]
        super().__init__(
            title or JUDUL_STATUS.get(status, "Terjadi kesalahan"),
            type_=TYPE_BASE + jenis if jenis else "about:blank",
            detail=detail,
            status=status,
            headers=headers,
            **extras,
        )


def problem_response(
    request: Request,
    status: int,
    *,
    title: str | None = None,
    detail: str | None = None,
    type_: str = "about:blank",
    errors: Iterable[Mapping[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": title or JUDUL_STATUS.get(status, "Terjadi kesalahan"),
        "status": status,
        "detail": detail or DETAIL_STATUS.get(status) or title or JUDUL_STATUS.get(status, ""),
        "instance": request.url.path,
    }
    if errors is not None:
        body["errors"] = list(errors)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


# --- validation messages -------------------------------------------------------------------

_PESAN: dict[str, str] = {
    "missing": "wajib diisi",
    "extra_forbidden": "kolom ini tidak dikenal",
    "unexpected_keyword_argument": "kolom ini tidak dikenal",
    "decimal_parsing": "harus berupa angka desimal, misalnya 88.32",
    "decimal_type": "harus berupa angka desimal, misalnya 88.32",
    "decimal_max_digits": "angka terlalu panjang (maksimal {max_digits} digit)",
    "decimal_max_places": "terlalu banyak angka di belakang koma (maksimal {decimal_places})",
    "decimal_whole_digits": "bagian bulat angka terlalu panjang",
    "finite_number": "harus berupa angka terhingga",
    "float_parsing": "harus berupa angka",
    "float_type": "harus berupa angka",
    "int_parsing": "harus berupa bilangan bulat",
    "int_type": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "bool_parsing": "harus bernilai true atau false",
    "bool_type": "harus bernilai true atau false",
    "string_type": "harus berupa teks",
    "string_too_short": "minimal {min_length} karakter",
    "string_too_long": "maksimal {max_length} karakter",
    "string_pattern_mismatch": "format tidak sesuai",
    "too_short": "minimal berisi {min_length} butir",
    "too_long": "maksimal berisi {max_length} butir",
    "list_type": "harus berupa daftar (array)",
    "tuple_type": "harus berupa daftar (array)",
    "dict_type": "harus berupa objek",
    "model_type": "harus berupa objek",
    "model_attributes_type": "harus berupa objek",
    "dataclass_type": "harus berupa objek",
    "dataclass_exact_type": "harus berupa objek",
    "enum": "harus salah satu dari: {expected}",
    "literal_error": "harus salah satu dari: {expected}",
    "greater_than": "harus lebih besar dari {gt}",
    "greater_than_equal": "harus paling kecil {ge}",
    "less_than": "harus lebih kecil dari {lt}",
    "less_than_equal": "harus paling besar {le}",
    "json_invalid": "JSON tidak valid: {error}",
    "json_type": "harus berupa JSON",
    "date_parsing": "harus berupa tanggal dengan format YYYY-MM-DD",
    "date_from_datetime_parsing": "harus berupa tanggal dengan format YYYY-MM-DD",
    "datetime_parsing": "harus berupa waktu ISO 8601, misalnya 2026-01-31T08:00:00+08:00",
    "uuid_parsing": "harus berupa UUID",
    "union_tag_invalid": "jenis tidak dikenal",
    "karakter_kontrol": "memuat karakter kontrol (misalnya NUL) yang tidak diizinkan dalam teks",
}


def _nama_kolom(loc: Sequence[str | int]) -> str:
    """("body", "indikator", 0, "target") -> "indikator[0].target"."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    nama = ""
    for part in parts:
        if isinstance(part, int):
            nama += f"[{part}]"
        else:
            nama += f".{part}" if nama else str(part)
    return nama or "body"


def pesan_validasi(error: Mapping[str, Any]) -> str:
    """An Indonesian message for one pydantic error."""
    jenis = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    if jenis in ("value_error", "assertion_error"):
        # Our own validators raise messages already written in Indonesian.
        inner = ctx.get("error")
        return str(inner) if inner is not None else str(error.get("msg", "nilai tidak valid"))
    template = _PESAN.get(jenis)
    if template is None:
        return str(error.get("msg", "nilai tidak valid"))
    try:
        return template.format(**{k: _fmt(v) for k, v in ctx.items()})
    except (KeyError, IndexError, ValueError):
        return template.split(":")[0]


def _fmt(value: Any) -> str:
    # pydantic lists choices as "'naik' or 'turun'".
    return str(value).replace("'", "").replace(" or ", " atau ") if value is not None else ""


def daftar_kesalahan(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    return [{"field": _nama_kolom(e.get("loc", ())), "message": pesan_validasi(e)} for e in errors]


class IsianDitolak(StarletteHTTPException):
    """Validation errors found before a route parses its input (core/middleware): raised
    while the body is read, it passes FastAPI's body parsing as an HTTP error does, and is
    answered as any validation error is. `errors` are pydantic-shaped (`loc`, `type`)."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(422)
        self.errors = errors


# --- handlers ------------------------------------------------------------------------------


async def _handle_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    body = exc.marshal()
    body.setdefault("detail", exc.title)
    body["instance"] = request.url.path
    headers = dict(exc.headers) if exc.headers else None
    return JSONResponse(body, status_code=exc.status, media_type=PROBLEM_JSON, headers=headers)


async def _handle_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail: str | None = exc.detail if isinstance(exc.detail, str) else None
    # Starlette's default English details ("Not Found") are replaced by our own.
    if detail == _starlette_phrase(exc.status_code):
        detail = None
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_metode_diizinkan(request))
    return problem_response(request, exc.status_code, detail=detail, headers=headers or None)


def _metode_diizinkan(request: Request) -> list[str]:
    """Every method of every route on this path (Starlette names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def _starlette_phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


async def _handle_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError | IsianDitolak)
    return jawaban_validasi(request, exc.errors if isinstance(exc, IsianDitolak) else exc.errors())


def jawaban_validasi(request: Request, kesalahan: Iterable[Mapping[str, Any]]) -> JSONResponse:
    """400 for malformed JSON, else 422 naming each field at fault."""
    raw = list(kesalahan)
    if any(e.get("type") == "json_invalid" for e in raw):
        return problem_response(
            request,
            400,
            type_=TYPE_BASE + "json-tidak-valid",
            detail="Isi permintaan bukan JSON yang valid.",
            errors=daftar_kesalahan(e for e in raw if e.get("type") == "json_invalid"),
        )
    errors = daftar_kesalahan(raw)
    ringkas = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:3])
    lebih = f" (dan {len(errors) - 3} kesalahan lain)" if len(errors) > 3 else ""
    return problem_response(
        request,
        422,
        type_=TYPE_BASE + "validasi",
        detail=f"Periksa kembali isian berikut: {ringkas}{lebih}.",
        errors=errors,
    )


def _basis_data_putus(exc: BaseException) -> bool:
    # The server is down, restarting or refused the connection: a wait, not a fault here.
    return isinstance(exc, psycopg.OperationalError | sqlalchemy.exc.OperationalError) or (
        isinstance(exc, sqlalchemy.exc.DBAPIError) and exc.connection_invalidated
    )


def jawaban_kesalahan(request: Request, exc: Exception) -> JSONResponse:
    """The answer to an exception no route handled: 503 with `Retry-After` while the database
    cannot be reached, else 500. Type and frames go to the log (with the request id); nothing
    of it to the client. Logged once: the exception is marked."""
    if _basis_data_putus(exc):
        logger.warning(
            "database unreachable on %s %s: %s", request.method, request.url.path,
            jejak_tanpa_pesan(exc),
        )  # fmt: skip
        return problem_response(
            request, 503, detail="Basis data sedang tidak dapat dihubungi; coba lagi sebentar.",
            headers={"Retry-After": "5"},
        )  # fmt: skip
    if not getattr(exc, "_dinsos_tercatat", False):
        logger.error(
            "unhandled error on %s %s: %s", request.method, request.url.path,
            jejak_tanpa_pesan(exc),
        )  # fmt: skip
        exc._dinsos_tercatat = True  # type: ignore[attr-defined]
    return problem_response(request, 500)


async def _handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The last resort, outside every middleware (see core/middleware.TangkapKesalahan).
    return jawaban_kesalahan(request, exc)


def pasang_penangan_kesalahan(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _handle_problem)
    app.add_exception_handler(StarletteHTTPException, _handle_http)
    app.add_exception_handler(RequestValidationError, _handle_validation)
    app.add_exception_handler(IsianDitolak, _handle_validation)
    app.add_exception_handler(Exception, _handle_unexpected)
