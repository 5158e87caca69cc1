"""Shared fixtures: an app on SQLite and on a throw-away PostgreSQL, and an HTTP client.

Every test that uses `client` (or `app`/`engine`) runs once per database. The suite runs on
every core (pytest-xdist); each worker migrates and loads the reference data once (a SQLite
template file, and a template database on a PostgreSQL server of its own), wires one app,
and gives each test a database of its own copied from the template (`basis_data_sendiri`),
with the app bound to it (`app_dengan`). A test's commits are real commits: tests of
concurrent imports, webhook races, advisory locks and the outbox run on several connections.

PostgreSQL tests are skipped only when the server binaries are missing and
DINSOS_WAJIB_POSTGRES is unset (CI sets it, so there they fail instead). Test clients raise
server exceptions: a failing route shows its traceback, not a bare 500.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.datastructures import State

from dinsos_api import demo
from dinsos_api.akses import service as akses_service
from dinsos_api.akses.schemas import KlienBuat
from dinsos_api.core import migrasi
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.config import Settings
from dinsos_api.core.db import buat_engine
from dinsos_api.main import create_app, sambungkan
from tests.support.postgres import PostgresSementara, PostgresTidakTersediaError
from tests.support.proses import ServerDinsos

TEMPLATE_DB = "dinsos_template"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Across every core by default (pytest-xdist): `-n 0` or `-p no:xdist` runs in one
    process. Work is stolen from busy workers: a schemathesis operation can take seconds."""
    xdist = config.pluginmanager.hasplugin("xdist")
    if xdist and config.option.numprocesses is None and not hasattr(config, "workerinput"):
        config.option.numprocesses = "auto"
        config.option.dist = "worksteal"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresSementara]:
    """The worker's own PostgreSQL server, with the template database."""
    try:
        server = PostgresSementara()
        admin_url = server.start()
    except PostgresTidakTersediaError as exc:
        if os.environ.get("DINSOS_WAJIB_POSTGRES"):
            pytest.fail(f"PostgreSQL wajib tersedia di CI: {exc}")
        pytest.skip(f"PostgreSQL tidak tersedia: {exc}")
    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {TEMPLATE_DB}")
    siapkan(server.url(TEMPLATE_DB))
    yield server
    server.stop()


def siapkan(url: str) -> None:
    """Migrate to head and load the reference data (districts, categories)."""
    engine = buat_engine(Settings(database_url=url, environment="test"))
    migrasi.upgrade(engine)
    with Session(engine) as session:
        demo.muat_referensi(session)
    engine.dispose()


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture(scope="session")
def sqlite_templat(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated and loaded with the reference data, once per worker."""
    path = tmp_path_factory.mktemp("templat") / "dinsos.db"
    siapkan(f"sqlite:///{path}")
    return path


@contextmanager
def basis_data_sendiri(request: pytest.FixtureRequest, jenis: str, folder: Path) -> Iterator[str]:
    """A database of its own, copied from the worker's template: committed rows are seen by
    every connection, as in production, and gone afterwards."""
    if jenis == "sqlite":
        templat: Path = request.getfixturevalue("sqlite_templat")
        shutil.copyfile(templat, folder / "dinsos.db")
        yield f"sqlite:///{folder / 'dinsos.db'}"
        return
    server: PostgresSementara = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = _libpq(server.url("postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    try:
        yield server.url(name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The test's own database: each test runs once on SQLite and once on PostgreSQL."""
    with basis_data_sendiri(request, request.param, tmp_path) as url:
        yield url


def pengaturan_uji(database_url: str, var_dir: Path, **ubah: Any) -> Settings:
    nilai: dict[str, Any] = {
        "database_url": database_url,
        "environment": "test",
        "var_dir": var_dir,
        "log_json": False,
        # Generous limits: the suite makes many requests; tests/api/test_keamanan.py lowers them.
        "rate_limit": "100000/minute",
        "rate_limit_login": "1000/minute",
    }
    return Settings(**(nilai | ubah))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return pengaturan_uji(database_url, tmp_path / "var")


# What `create_app` builds into the middleware; every other setting is read per request from
# app.state (`sambungkan`), so changing it needs no other app.
_DIBANGUN = (
    "max_body_bytes", "max_impor_bytes", "rate_limit", "rate_limit_login",
    "rate_limit_storage", "cors_origins",
)  # fmt: skip


@pytest.fixture(scope="session")
def _aplikasi() -> dict[tuple[str, ...], FastAPI]:
    """The worker's apps, one per middleware configuration: FastAPI wires an app's 115 routes
    on its first request (≈0.3 s), once per worker instead of once per test."""
    return {}


IkatApp = Callable[..., FastAPI]


@pytest.fixture
def app_dengan(settings: Settings, _aplikasi: dict[tuple[str, ...], FastAPI]) -> Iterator[IkatApp]:
    """Binds one of the worker's apps to this test's database and settings, with the given
    settings changed (`app_dengan(rate_limit="3/minute")`). The app starts with fresh state,
    and its middleware (rate-limit counters) is rebuilt on its first request."""
    engines: list[Engine] = []

    def ikat(**ubah: Any) -> FastAPI:
        nilai = settings.model_copy(update=ubah)
        kunci = tuple(repr(getattr(nilai, f)) for f in _DIBANGUN)
        app = _aplikasi.get(kunci) or _aplikasi.setdefault(kunci, create_app(nilai))
        app.state = State()
        app.middleware_stack = None
        sambungkan(app, nilai)
        engines.append(app.state.engine)
        return app

    yield ikat
    for engine in engines:
        engine.dispose()


@pytest.fixture
def app(app_dengan: IkatApp) -> FastAPI:
    """The worker's app, bound to this test's own database."""
    return app_dengan()


@pytest.fixture
def engine(app: FastAPI) -> Engine:
    engine: Engine = app.state.engine
    return engine


MasukSebagai = Callable[..., dict[str, str]]


@pytest.fixture
def masuk_sebagai(engine: Engine) -> MasukSebagai:
    """Headers of a new API client with the given role (and district, for operator_kabkota)."""

    def buat(peran: str, kode_wilayah: str | None = None) -> dict[str, str]:
        with Session(engine) as session:
            baru = akses_service.buat_klien(
                session,
                konteks_sistem(),
                KlienBuat(nama=f"uji {peran}", peran=Peran(peran), kode_wilayah=kode_wilayah),
            )
        return {"Authorization": f"Bearer {baru.kunci}"}

    return buat


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    """A client without credentials."""
    with TestClient(app) as c:
        yield c


@pytest.fixture
def client(app: FastAPI, masuk_sebagai: MasukSebagai) -> Iterator[TestClient]:
    """A client authenticated as an operator_provinsi API client."""
    with TestClient(app, headers=masuk_sebagai("operator_provinsi")) as c:
        yield c


@pytest.fixture
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., ServerDinsos]]:
    """Starts `dinsos serve` processes (tests/support/proses.py) with the given environment,
    each on a copy of the worker's SQLite template unless DATABASE_URL is given."""
    servers: list[ServerDinsos] = []

    def mulai(**env: str) -> ServerDinsos:
        url = env.pop("DATABASE_URL", None)
        if url is None:
            berkas = tmp_path / f"dinsos-{len(servers)}.db"
            shutil.copyfile(request.getfixturevalue("sqlite_templat"), berkas)
            url = f"sqlite:///{berkas}"
        baru = ServerDinsos(url, tmp_path, env)
        servers.append(baru)
        return baru.mulai()

    yield mulai
    for s in servers:
        s.hentikan()
