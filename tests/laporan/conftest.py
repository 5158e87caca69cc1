"""The 2024 provincial report built from the database: the anggaran and kinerja demos are
loaded into a fresh SQLite file and a fresh PostgreSQL database, and the report's input is read
back through `service.sumber_masukan`. Built once per database for the whole test session."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlmodel import Session

from dinsos_api.anggaran import demo as anggaran_demo
from dinsos_api.core.config import Settings
from dinsos_api.core.db import buat_engine
from dinsos_api.kinerja import demo as kinerja_demo
from dinsos_api.laporan import bab3, service
from dinsos_api.laporan.masukan import Masukan
from dinsos_api.laporan.schemas import LaporanLkip
from tests.conftest import TEMPLATE_DB, _libpq, _siapkan
from tests.support.postgres import PostgresSementara


def _masukan_dari(url: str) -> Masukan:
    engine = buat_engine(Settings(database_url=url, environment="test"))
    try:
        with Session(engine) as session:
            anggaran_demo.muat_demo(session)
            kinerja_demo.muat_demo(session)
            session.commit()
        with Session(engine) as session:
            ada = service.sumber_masukan(session, "dinsos_53", 2024)
            assert ada is not None
            assert ada.kode_wilayah is None  # the province's office
            return ada.masukan
    finally:
        engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def masukan_2024(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Masukan]:
    if request.param == "sqlite":
        url = f"sqlite:///{Path(tmp_path_factory.mktemp('laporan')) / 'dinsos.db'}"
        _siapkan(url)
        yield _masukan_dari(url)
        return
    server: PostgresSementara = request.getfixturevalue("postgres_server")
    nama = f"l_{uuid.uuid4().hex[:16]}"
    admin = _libpq(server.url("postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {nama} TEMPLATE {TEMPLATE_DB}")
    try:
        yield _masukan_dari(server.url(nama))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {nama} WITH (FORCE)")


@pytest.fixture(scope="session")
def laporan_2024(masukan_2024: Masukan) -> LaporanLkip:
    return bab3.susun(masukan_2024)
