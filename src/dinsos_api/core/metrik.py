"""Prometheus metrics at /metrics: request counts and latencies per route template.

Labels use the route's template (`/v1/wilayah/{kode}`), never the raw path, so the number of
series stays bounded and no identifier from a URL ends up in the metrics.
"""

from __future__ import annotations

import time

from fastapi.routing import iter_route_contexts
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class Metrik:
    """One registry per app, so several apps in one process (tests) do not collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.permintaan = Counter(
            "dinsos_http_requests_total",
            "HTTP requests by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.durasi = Histogram(
            "dinsos_http_request_duration_seconds",
            "Time to the end of the response, by method and route template.",
            ["method", "route"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )

    def endpoint(self, _request: Request) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


class PencatatMetrik:
    def __init__(self, app: ASGIApp, metrik: Metrik) -> None:
        self.app = app
        self.metrik = metrik
        self._peta: dict[int, str] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        mulai = time.perf_counter()
        status: int | None = None

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
            # No answer, and nothing raised: the client went away first (core/middleware.
            # TangkapKesalahan sends nothing then). Counted as nginx writes it, not as 500.
            status = status or 499
        finally:
            route = self._template(scope)
            method = scope.get("method", "")
            self.metrik.permintaan.labels(method, route, str(status or 500)).inc()
            self.metrik.durasi.labels(method, route).observe(time.perf_counter() - mulai)

    def _template(self, scope: Scope) -> str:
        route = scope.get("route")
        if route is None:
            return "(tidak dikenal)"  # unmatched paths share one label
        if self._peta is None:
            # A route inside an included router knows only its own part ("/saya"); the app
            # knows the full template ("/v1/saya").
            self._peta = {
                id(ctx.original_route): ctx.path
                for ctx in iter_route_contexts(scope["app"].routes)
                if ctx.path
            }
        return self._peta.get(id(route)) or str(getattr(route, "path", "(tidak dikenal)"))
