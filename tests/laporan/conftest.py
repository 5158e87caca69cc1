"""The 2024 provincial report built from the database: the anggaran and kinerja demos are
loaded into a fresh SQLite file and a fresh PostgreSQL database, and the report's input is read
back through `service.sumber_masukan`. Built once per database for the whole test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from dinsos_api.anggaran import demo as anggaran_demo
from dinsos_api.core.config import Settings
from dinsos_api.core.db import buat_engine
from dinsos_api.kinerja import demo as kinerja_demo
from dinsos_api.laporan import bab3, service
from dinsos_api.laporan.masukan import Masukan
from dinsos_api.laporan.schemas import LaporanLkip
from tests.conftest import basis_data_sendiri


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
    with basis_data_sendiri(request, request.param, tmp_path_factory.mktemp("laporan")) as url:
        yield _masukan_dari(url)


@pytest.fixture(scope="session")
def laporan_2024(masukan_2024: Masukan) -> LaporanLkip:
    return bab3.susun(masukan_2024)
