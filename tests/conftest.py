"""Shared fixtures: an app on SQLite and on a throw-away PostgreSQL, and an HTTP client.

Every test that uses `client` (or `app`/`engine`) runs once per database. PostgreSQL tests
are skipped only when the server binaries are missing and DINSOS_WAJIB_POSTGRES is unset
(CI sets it, so there they fail instead).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from dinsos_api.core import migrasi
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
    engine = buat_engine(Settings(database_url=server.url(TEMPLATE_DB), environment="test"))
    migrasi.upgrade(engine)
    engine.dispose()
    yield server
    server.stop()


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'dinsos.db'}"
        engine = buat_engine(Settings(database_url=url, environment="test"))
        migrasi.upgrade(engine)
        engine.dispose()
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
    )


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def engine(app: FastAPI) -> Engine:
    engine: Engine = app.state.engine
    return engine


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
