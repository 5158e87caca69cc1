"""Shared fixtures: an app on SQLite and on a throw-away PostgreSQL, and an HTTP client.

Every test that uses `client` (or `app`/`engine`) runs once per database. PostgreSQL tests
are skipped only when the server binaries are missing and DINSOS_WAJIB_POSTGRES is unset
(CI sets it, so there they fail instead).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
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
    try:
        server = PostgresSementara()
        admin_url = server.start()
    except PostgresTidakTersediaError as exc:
        if os.environ.get("DINSOS_WAJIB_POSTGRES"):
            pytest.fail(f"PostgreSQL wajib tersedia di CI: {exc}")
        pytest.skip(f"PostgreSQL tidak tersedia: {exc}")
    with psycopg.connect(_libpq(admin_url), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {TEMPLATE_DB}")
    _siapkan(server.url(TEMPLATE_DB))
    yield server
    server.stop()


def _siapkan(url: str) -> None:
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
    _siapkan(f"sqlite:///{path}")
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own, copied from the worker's template: committed rows are
    seen by every connection, as in production, and gone with the test."""
    if request.param == "sqlite":
        templat: Path = request.getfixturevalue("sqlite_templat")
        shutil.copyfile(templat, tmp_path / "dinsos.db")
        yield f"sqlite:///{tmp_path / 'dinsos.db'}"
        return
    server: PostgresSementara = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = _libpq(server.url("postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    yield server.url(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


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


# What `create_app` builds into the middleware; the rest of the settings are read per request
# from app.state (`sambungkan`). A test that changes one of these gets an app of its own.
_DIBANGUN = (
    "max_body_bytes", "max_impor_bytes", "rate_limit", "rate_limit_login",
    "rate_limit_storage", "cors_origins",
)  # fmt: skip


@pytest.fixture(scope="session")
def _app_bersama(tmp_path_factory: pytest.TempPathFactory) -> tuple[FastAPI, Settings]:
    """One app per worker, with the settings it was built with: FastAPI wires its 115 routes
    on an app's first request (≈0.3 s)."""
    folder = tmp_path_factory.mktemp("bersama")
    dasar = pengaturan_uji(f"sqlite:///{folder / 'belum.db'}", folder)
    return create_app(dasar), dasar


@pytest.fixture
def app(settings: Settings, _app_bersama: tuple[FastAPI, Settings]) -> Iterator[FastAPI]:
    """The worker's app bound to this test's settings and database, with fresh state: its
    middleware (rate-limit counters, metrics) is rebuilt on the first request."""
    bersama, dasar = _app_bersama
    if all(getattr(settings, f) == getattr(dasar, f) for f in _DIBANGUN):
        app = bersama
        app.state = State()
        app.middleware_stack = None
        sambungkan(app, settings)
    else:
        app = create_app(settings)
    yield app
    app.state.engine.dispose()


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
