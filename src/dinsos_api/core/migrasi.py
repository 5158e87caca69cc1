"""Apply Alembic migrations from code (the CLI, `make run` and the tests use this)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

import dinsos_api


def _folder_migrasi() -> Path:
    packaged = Path(dinsos_api.__file__).parent / "migrations"  # inside a built wheel
    if packaged.is_dir():
        return packaged
    return Path(dinsos_api.__file__).resolve().parents[2] / "migrations"  # a source checkout


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_folder_migrasi()))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
