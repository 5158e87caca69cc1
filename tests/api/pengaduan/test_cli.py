"""`dinsos pekerja --sekali` against a real local receiver (run through a throw-away Typer
app holding the command, as src/dinsos_api/cli.py mounts it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine, select
from sqlmodel import Session
from typer.testing import CliRunner

from dinsos_api.core.config import get_settings
from dinsos_api.core.outbox import OutboxEvent, tulis
from dinsos_api.pengaduan.cli import pekerja
from tests.api.pengaduan.conftest import RAHASIA_KELUAR, Penerima

app = typer.Typer()
app.command()(pekerja)
app.command("lain")(lambda: None)  # two commands: typer keeps `pekerja` as a subcommand


@pytest.fixture
def env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_pekerja_once_delivers(
    env: None, engine: Engine, penerima: Penerima, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Session(engine) as s:
        tulis(s, topic="uji.cli", destination="sp4n_lapor", payload={"a": 1})
        s.commit()
    tanpa = CliRunner().invoke(app, ["pekerja", "--sekali"])
    assert tanpa.exit_code == 2 and "SP4N_LAPOR_API_URL" in tanpa.output
    monkeypatch.setenv("SP4N_LAPOR_API_URL", penerima.url)
    monkeypatch.setenv("SP4N_LAPOR_SECRET", RAHASIA_KELUAR)
    get_settings.cache_clear()
    hasil = CliRunner().invoke(app, ["pekerja", "--sekali"])
    assert hasil.exit_code == 0, hasil.output
    assert "1 kejadian" in hasil.output
    assert len(penerima.berhasil) == 1
    with Session(engine) as s:
        assert s.scalars(select(OutboxEvent)).one().status == "sent"
