"""The FastAPI application: `create_app()` wires settings, database, middleware and routers."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi_offline import FastAPIOffline

from dinsos_api import __version__
from dinsos_api.akses import service as akses_service
from dinsos_api.akses.router import router as akses_router
from dinsos_api.anggaran.router import router as anggaran_router
from dinsos_api.audit.router import router as audit_router
from dinsos_api.core.akses import CacheAktor
from dinsos_api.core.config import Settings, get_settings
from dinsos_api.core.db import Mesin, buat_engine
from dinsos_api.core.errors import pasang_penangan_kesalahan
from dinsos_api.core.health import router as health_router
from dinsos_api.core.metrik import Metrik, PencatatMetrik
from dinsos_api.core.middleware import (
    BatasRute,
    BatasUkuranBody,
    HeaderKeamanan,
    TangkapKesalahan,
    TolakKarakterKontrol,
)
from dinsos_api.core.openapi import pasang_openapi
from dinsos_api.core.pembatas import PembatasLaju
from dinsos_api.kinerja.router import router as kinerja_router
from dinsos_api.laporan.router import router as laporan_router
from dinsos_api.layanan.router import router as layanan_router
from dinsos_api.panti.router import router as panti_router
from dinsos_api.penerima.impor_router import router as impor_router
from dinsos_api.penerima.router import router as penerima_router
from dinsos_api.pengaduan.router import router as pengaduan_router
from dinsos_api.referensi.router import router as referensi_router
from dinsos_api.wilayah.router import router as wilayah_router

DESKRIPSI = """
API sistem informasi Dinas Sosial Provinsi Nusa Tenggara Timur.

Semua angka kinerja (capaian, penyerapan, efisiensi, kriteria) dihitung oleh pustaka
`kinerja_core`: desimal tepat, pembulatan 2 angka di belakang koma *half-up* hanya pada keluaran,
skala Permendagri 86/2017. Kesalahan dijawab sebagai `application/problem+json` (RFC 9457).
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.settings.environment != "test":
            # What start-up built (modules, routes, schemas) lives as long as the process:
            # out of the collector's sight, a full collection no longer rescans it under load.
            # Not in tests, which build hundreds of apps in one process.
            gc.collect()
            gc.freeze()
        yield
        await app.state.mesin.tutup()

    # Swagger UI served from the package itself: the docs work on a closed office network.
    app = FastAPIOffline(
        title="Dinsos API",
        version=__version__,
        description=DESKRIPSI,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        static_url="/docs/static",
    )
    sambungkan(app, settings)

    pasang_penangan_kesalahan(app)
    # Added innermost first: a request passes request id, metrics, headers, CORS, gzip, the
    # error path, rate limit, body limit, control characters (docs/architecture.md).
    app.add_middleware(
        TolakKarakterKontrol, impor_sendiri=frozenset({"/v1/impor/pmks", "/v1/impor/anggaran"})
    )
    app.add_middleware(
        BatasUkuranBody,
        max_bytes=settings.max_body_bytes,
        batas_rute={
            "/v1/impor/pmks": BatasRute(
                settings.max_impor_bytes,
                "Pecah berkas impor menjadi beberapa kiriman (batas: MAX_IMPOR_BYTES).",
            )
        },
    )
    app.add_middleware(
        PembatasLaju,
        batas=settings.rate_limit,
        batas_login=settings.rate_limit_login,
        storage=settings.rate_limit_storage,
    )
    app.add_middleware(TangkapKesalahan)
    # Outside the error path, so large problem answers are compressed too; inside the
    # metrics and the headers, which see each response's status and headers as the client
    # gets them. Streams (the CSV export) are compressed chunk by chunk.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
        allow_headers=[
            "Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key",
            "X-Request-ID",
        ],
        expose_headers=["ETag", "Link", "Location", "Retry-After", "X-Request-ID"],
        max_age=600,
    )  # fmt: skip
    app.add_middleware(HeaderKeamanan)
    metrik = Metrik()
    app.add_middleware(PencatatMetrik, metrik=metrik)
    app.add_route("/metrics", metrik.endpoint, include_in_schema=False)
    app.add_middleware(
        CorrelationIdMiddleware,
        header_name="X-Request-ID",
        update_request_header=True,
    )

    app.include_router(health_router)
    # Each domain straight under the app: FastAPI matches included routers level by level
    # (twice per level), so one level less is measurably cheaper on every request.
    # The registry's list first: FastAPI tries the routers in order, and it is the busiest.
    for router in (
        penerima_router,
        akses_router,
        audit_router,
        kinerja_router,
        wilayah_router,
        referensi_router,
        impor_router,
        anggaran_router,
        laporan_router,
        layanan_router,
        panti_router,
        pengaduan_router,
    ):
        app.include_router(router, prefix="/v1")
    pasang_openapi(app)
    return app


def sambungkan(app: FastAPI, settings: Settings) -> None:
    """Bind `app` to what `settings` names beyond its middleware: the settings routes read per
    request, the database engines and the token cache. The test suite binds one app per
    worker to each test's own database this way, instead of wiring 115 routes anew."""
    engine = buat_engine(settings)
    app.state.settings = settings
    app.state.engine = engine
    app.state.mesin = mesin = Mesin.untuk(engine)
    app.state.autentikasi = CacheAktor(
        partial(akses_service.autentikasi_token, engine, settings=settings),
        detik=settings.cache_token_detik,
        versi=partial(akses_service.baca_versi_akses, mesin),
    )
