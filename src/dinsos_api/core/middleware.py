"""ASGI middleware shared by every route."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dinsos_api.core.errors import (
    JUDUL_STATUS,
    PROBLEM_JSON,
    IsianDitolak,
    jawaban_kesalahan,
    jawaban_validasi,
)
from dinsos_api.core.masukan import (
    KARAKTER_KONTROL,
    KONTROL_SEBARIS,
    Lokasi,
    lokasi_karakter_kontrol,
)


@dataclass(frozen=True)
class BatasRute:
    """A body limit of its own for one path (bulk uploads), with advice for the 413."""

    max_bytes: int
    petunjuk: str = ""


class BatasUkuranBody:
    """Refuse request bodies above `max_bytes` with 413, whether or not Content-Length is sent.

    `batas_rute` gives some paths (exact match) a limit and a message of their own.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, batas_rute: Mapping[str, BatasRute] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.batas_rute = dict(batas_rute or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        batas = self.batas_rute.get(scope.get("path", "")) or BatasRute(self.max_bytes)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > batas.max_bytes
                except ValueError:
                    too_big = False
                if too_big:
                    await self._tolak(scope, send, batas)
                    return
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > batas.max_bytes:
                    # Raised inside the app, so the exception handlers turn it into a problem.
                    raise _BodyTooLarge(413, self._detail(batas))
            return message

        kirim = _PelacakKirim(send)
        try:
            await self.app(scope, receive_limited, kirim)
        except _BodyTooLarge:
            if not kirim.dimulai:
                await self._tolak(scope, send, batas)

    def _detail(self, batas: BatasRute) -> str:
        detail = f"Ukuran isi permintaan melebihi batas {batas.max_bytes} byte."
        return f"{detail} {batas.petunjuk}" if batas.petunjuk else detail

    async def _tolak(self, scope: Scope, send: Send, batas: BatasRute) -> None:
        body = json.dumps(
            {
                "type": "about:blank",
                "title": JUDUL_STATUS[413],
                "status": 413,
                "detail": self._detail(batas),
                "instance": scope.get("path", ""),
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(HTTPException):
    pass


class _PelacakKirim:
    """`send`, remembering whether the response has started (then no other can be sent)."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.dimulai = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.dimulai = True
        await self.send(message)


_CSP_API = "default-src 'none'; frame-ancestors 'none'"
# Swagger UI is served from this app (no CDN) and starts with an inline script.
_CSP_DOCS = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'"
)


class HeaderKeamanan:
    """Security headers on every response; `Cache-Control: no-store` unless a route set one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = _CSP_DOCS if scope.get("path", "").startswith("/docs") else _CSP_API

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", csp.encode()),
                ]
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TangkapKesalahan:
    """Exceptions no route handled are answered here, inside the middleware that sets the
    request id and the security headers, so a 500 carries both and its log line the id.

    The database being unreachable is a 503 with `Retry-After`; a client that went away is
    not an error. Anything else is a 500, and the exception goes on to the server (and to
    test clients, which raise it).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        kirim = _PelacakKirim(send)
        try:
            await self.app(scope, receive, kirim)
        except ClientDisconnect:
            return
        except Exception as exc:
            if kirim.dimulai:
                raise
            response = jawaban_kesalahan(Request(scope), exc)
            await response(scope, receive, send)
            if response.status_code == 500:
                raise


# A control character in a URL is percent-encoded; in JSON text it can only be an escape.
_KONTROL_DI_URL = re.compile(rb"%(?:[01][0-9a-fA-F]|7[fF])|[\x00-\x1f\x7f]")
_TANDA_JSON = (b"\\u00", b"\\b", b"\\f")


class TolakKarakterKontrol:
    """NUL and other control characters anywhere in a request's text are a 422 naming the
    field (core/masukan): in the path, the query, JSON bodies and forms, for every route,
    before any route sees them. Files (CSV, XLSX) are checked cell by cell by their readers.

    A body is looked at as it streams past: only a chunk holding an escape that could be a
    control character costs a parse, once the body is complete. Bulk imports
    (`impor_sendiri`) check each row themselves: a bad cell refuses its row, which partial
    mode reports and keeps the rest.
    """

    def __init__(self, app: ASGIApp, impor_sendiri: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.impor_sendiri = impor_sendiri

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lokasi: list[Lokasi] = []
        if KONTROL_SEBARIS.search(scope.get("path", "")):
            lokasi.append(("path", "path"))  # the field is the path itself
        query: bytes = scope.get("query_string", b"")
        if _KONTROL_DI_URL.search(query):
            lokasi += _di_form(query, "query", semua_kontrol=True)
        if lokasi:
            request = Request(scope)
            await jawaban_validasi(request, _kesalahan(lokasi))(scope, receive, send)
            return
        jenis = _jenis_body(scope)
        if jenis is None or scope.get("path") in self.impor_sendiri:
            await self.app(scope, receive, send)
            return
        potongan: list[bytes] = []
        curiga = False

        async def receive_diperiksa() -> Message:
            nonlocal curiga
            message = await receive()
            if message["type"] != "http.request":
                return message
            isi: bytes = message.get("body", b"")
            # The tail of the previous chunk: an escape may be cut in two.
            ujung = potongan[-1][-6:] if potongan else b""
            potongan.append(isi)
            if not curiga:
                sisi = ujung + isi
                curiga = (
                    any(t in sisi for t in _TANDA_JSON)
                    if jenis == "json"
                    else bool(_KONTROL_DI_URL.search(sisi))
                )
            if curiga and not message.get("more_body", False):
                body = b"".join(potongan)
                temuan = _di_json(body) if jenis == "json" else _di_form(body, "body")
                if temuan:
                    raise IsianDitolak(_kesalahan(temuan))
            return message

        await self.app(scope, receive_diperiksa, send)


def _jenis_body(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            utama = value.split(b";", 1)[0].strip().lower()
            if utama == b"application/json" or utama.endswith(b"+json"):
                return "json"
            if utama == b"application/x-www-form-urlencoded":
                return "form"
            return None
    return None


def _di_json(body: bytes) -> list[Lokasi]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return []  # malformed: the route's parser answers 400
    return lokasi_karakter_kontrol(data, ("body",))


def _di_form(isi: bytes, bagian: str, semua_kontrol: bool = False) -> list[Lokasi]:
    """Fields of a query or form whose name or value holds a control character (a query
    is one line: there tab and line feed are refused too)."""
    pola = KONTROL_SEBARIS if semua_kontrol else KARAKTER_KONTROL
    return [
        (bagian, nama.encode("unicode_escape").decode())
        for nama, nilai in parse_qsl(isi.decode("utf-8", "replace"), keep_blank_values=True)
        if pola.search(nama) or pola.search(nilai)
    ]


def _kesalahan(lokasi: list[Lokasi]) -> list[dict[str, Any]]:
    return [{"loc": tempat, "type": "karakter_kontrol"} for tempat in lokasi]
