"""The `dinsos` command: migrations and demo data, on both databases."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlmodel import Session
from typer.testing import CliRunner

from dinsos_api.cli import app
from dinsos_api.core.config import get_settings
from dinsos_api.referensi.models import KategoriPmks, KategoriPsks
from dinsos_api.wilayah.models import Wilayah
from tests.support.proses import ServerDinsos

runner = CliRunner()


@pytest.fixture
def env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


def _count(url: str, model: type) -> int:
    engine = create_engine(url)
    with Session(engine) as session:
        n = session.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return int(n or 0)


def test_db_upgrade_then_demo_muat_twice(env: str) -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    outputs = []
    for _ in range(2):  # loading twice changes nothing
        result = runner.invoke(app, ["demo", "muat"])
        assert result.exit_code == 0, result.output
        assert "22 wilayah, 26 kategori PMKS" in result.output
        outputs.append(result.output)
    # Demo accounts: created (and shown) once, one per role, kept in var/demo-akun.txt.
    assert outputs[0].count("  demo.") == 6 and "demo." not in outputs[1].split("\n", 1)[1]
    akun = (Path(get_settings().var_dir) / "demo-akun.txt").read_text().split()
    assert akun[0] == "demo.admin" and len(akun) == 12
    assert _count(env, Wilayah) == 22
    assert _count(env, KategoriPmks) == 26
    assert _count(env, KategoriPsks) >= 10
    with Session(create_engine(env)) as session:
        kupang = session.get(Wilayah, "5371")
        assert kupang is not None and kupang.jenis == "kota"
        fakir = session.get(KategoriPmks, "fakir_miskin")
        assert fakir is not None and fakir.sasaran == "keluarga"


def test_url_in_output_hides_the_password() -> None:
    from dinsos_api.cli import _tanpa_sandi

    assert "rahasia" not in _tanpa_sandi("postgresql+psycopg://u:rahasia@h/db")


def test_production_without_secret_key_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["db", "upgrade"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code != 0
    assert "SECRET_KEY" in str(result.exception)


def test_secret_key_is_generated_once_into_var(tmp_path: Path) -> None:
    from dinsos_api.core.config import Settings

    settings = Settings(var_dir=tmp_path, environment="development")
    first = settings.kunci_rahasia()
    assert len(first) >= 48
    assert settings.kunci_rahasia() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_a_forwarded_for_header_does_not_pick_the_rate_limited_address(
    server: Callable[..., ServerDinsos],
) -> None:
    # Without FORWARDED_ALLOW_IPS, a header the client writes itself must not give each login
    # attempt an address of its own (uvicorn trusts loopback's by default).
    # A name per attempt: six failures of one name would lock it (tests/api/test_akses.py).
    def masuk(alamat: str) -> list[int]:
        return [
            httpx.post(f"{alamat}/v1/auth/token",
                       data={"username": f"tidak.ada.{i}", "password": "salah"},
                       headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
            for i in range(6)
        ]  # fmt: skip

    kode = masuk(server(RATE_LIMIT_LOGIN="2/minute").alamat)
    assert kode[:2] == [401, 401] and 429 in kode
    # Behind a proxy the setting names, the header is the client's address.
    kedua = server(RATE_LIMIT_LOGIN="2/minute", FORWARDED_ALLOW_IPS="127.0.0.1")
    assert masuk(kedua.alamat) == [401] * 6


def test_the_dinsos_wrapper_runs_without_uv_on_the_path() -> None:
    # The README printed `uv run dinsos …`, which failed after `make run` on a machine
    # without uv: `make` installs it into .tools/, which is not on PATH. Where that copy
    # exists, uv is taken off PATH, as on such a machine.
    akar = Path(__file__).resolve().parents[1]
    jalur = os.environ.get("PATH", "").split(os.pathsep)
    if (akar / ".tools" / "bin" / "uv").exists():
        jalur = [d for d in jalur if not (Path(d) / "uv").exists()]
    hasil = subprocess.run(
        [str(akar / "dinsos"), "--help"], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PATH": os.pathsep.join(jalur)}, check=False,
    )  # fmt: skip
    assert hasil.returncode == 0, hasil.stderr
    assert "klien" in hasil.stdout and "serve" in hasil.stdout
