"""The person list filtered by year or status (issue 17): each person's PMKS records are
looked up by person, never by scanning the district's records once per person (a
year-filtered export of 7,400 people took 8.5 s on SQLite that way)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import dinsos_api.main  # noqa: F401  (every table in the metadata)
from dinsos_api.penerima import service


@pytest.mark.parametrize(
    "saring",
    [
        {"tahun": 2024},
        {"tahun": 2024, "kode_wilayah": "5301"},
        {"status_verifikasi": service.StatusVerifikasi.DIAJUKAN, "kode_wilayah": "5301"},
    ],
)
def test_year_filter_reads_pmks_records_by_person(saring: dict[str, Any]) -> None:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    daftar = service.SaringPenerima(**saring)
    stmt, nilai = service.pernyataan_daftar(daftar, daftar.kode_wilayah, "0", 51)
    sql = str(stmt.params(**nilai).compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        rencana = [r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    cari_d = [r for r in rencana if r.startswith(("SEARCH d ", "SCAN d"))]
    assert cari_d, rencana
    for langkah in cari_d:
        assert "(orang_id=?)" in langkah or "(keluarga_id=?)" in langkah, rencana
    engine.dispose()
