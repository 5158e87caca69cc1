"""Migrations: one history for SQLite and PostgreSQL, in step with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from dinsos_api.core import migrasi
from dinsos_api.models import metadata


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(engine: Engine) -> None:
    migrasi.upgrade(engine, "head")
    migrasi.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrasi.upgrade(engine, "head")
    assert {"wilayah", "kategori_pmks", "kategori_psks"} <= set(inspect(engine).get_table_names())
