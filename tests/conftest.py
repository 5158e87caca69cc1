"""Shared fixtures: an app on SQLite and on a throw-away PostgreSQL, and an HTTP client.

Every test that uses `client` (or `app`/`engine`) runs once per database. PostgreSQL tests
are skipped only when the server binaries are missing and DINSOS_WAJIB_POSTGRES is unset
(CI sets it, so there they fail instead).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from dinsos_api import demo
from dinsos_api.akses import service as akses_service
from dinsos_api.akses.schemas import KlienBuat
from dinsos_api.core import migrasi
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.config import Settings
from dinsos_api.core.db import buat_engine
from dinsos_api.main import create_app
from tests.support.postgres import PostgresSementara, PostgresTidakTersediaError

TEMPLATE_DB = "dinsos_template"


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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'dinsos.db'}"
        _siapkan(url)
        yield url
        return
    server: PostgresSementara = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = _libpq(server.url("postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    yield server.url(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        environment="test",
        var_dir=tmp_path / "var",
        log_json=False,
        # Generous limits: the suite makes many requests; tests/api/test_keamanan.py lowers them.
        rate_limit="100000/minute",
        rate_limit_login="1000/minute",
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


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
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def client(app: FastAPI, masuk_sebagai: MasukSebagai) -> Iterator[TestClient]:
    """A client authenticated as an operator_provinsi API client."""
    with TestClient(
        app, raise_server_exceptions=False, headers=masuk_sebagai("operator_provinsi")
    ) as c:
        yield c
