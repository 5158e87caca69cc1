"""Rate limits per client (`limits`, sliding window counter), answered with 429 + Retry-After.

A client is its bearer credential (hashed; the raw token is never kept), or its IP address
when it sends none. Login attempts have their own, stricter limit per IP. The default storage
is in-process memory; several server processes need a shared one (`RATE_LIMIT_STORAGE`, e.g.
`redis://…`). The asyncio flavour of `limits`, with the sliding window counter: two counters
per client, where the moving window keeps every hit and (in memory) sorts them out in a
worker thread after each request, which under load cost a fifth of the server's time.
"""

from __future__ import annotations

import hashlib
import json
import math
import time

from limits import parse
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string
from starlette.types import ASGIApp, Receive, Scope, Send

from dinsos_api.core.errors import JUDUL_STATUS, PROBLEM_JSON

_BEBAS = ("/health", "/ready", "/metrics", "/docs", "/openapi.json")


class PembatasLaju:
    def __init__(
        self, app: ASGIApp, *, batas: str, batas_login: str, storage: str = "memory://"
    ) -> None:
        self.app = app
        if not storage.startswith("async+"):
            storage = "async+" + storage
        self.limiter = SlidingWindowCounterRateLimiter(storage_from_string(storage))
        self.batas = parse(batas)
        self.batas_login = parse(batas_login)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(_BEBAS):
            await self.app(scope, receive, send)
            return
        ip = scope["client"][0] if scope.get("client") else "-"
        if path == "/v1/auth/token":
            item, kunci = self.batas_login, f"login:{ip}"
        else:
            item, kunci = self.batas, _kunci_klien(scope, ip)
        if await self.limiter.hit(item, kunci):
            await self.app(scope, receive, send)
            return
        reset, _sisa = await self.limiter.get_window_stats(item, kunci)
        await _tolak(scope, send, max(1, math.ceil(reset - time.time())))


def _kunci_klien(scope: Scope, ip: str) -> str:
    for name, value in scope.get("headers", []):
        if name == b"authorization" and value:
            return "klien:" + hashlib.sha256(value).hexdigest()[:32]
    return f"ip:{ip}"


async def _tolak(scope: Scope, send: Send, retry_after: int) -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": JUDUL_STATUS[429],
            "status": 429,
            "detail": f"Batas jumlah permintaan terlampaui. Coba lagi dalam {retry_after} detik.",
            "instance": scope.get("path", ""),
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry_after).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
