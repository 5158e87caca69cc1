"""kinerja_core as a distribution of its own (`make dist`, packages/kinerja-core).

The analysts' wheel holds the library alone and requires nothing: built with the backend of the
development environment (no network), installed with `pip install --no-index` into a fresh
virtual environment without the repository on its path, it computes, and FastAPI is absent.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
PAKET = AKAR / "packages" / "kinerja-core"


def _proyek(berkas: Path) -> dict[str, object]:
    with berkas.open("rb") as f:
        proyek = tomllib.load(f)["project"]
    assert isinstance(proyek, dict)
    return proyek


def _jalankan(*perintah: str | Path, cwd: Path) -> str:
    # Neither the repository nor the caller's environment leaks into the child.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    hasil = subprocess.run(
        [str(x) for x in perintah], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return hasil.stdout


@pytest.fixture(scope="module")
def roda(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kinerja-core wheel, built through the PEP 517 hook as `uv build` calls it."""
    keluar = tmp_path_factory.mktemp("dist")
    nama = _jalankan(
        sys.executable,
        "-c",
        "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))",
        keluar,
        cwd=PAKET,
    ).strip()
    return keluar / nama


def test_roda_hanya_berisi_kinerja_core_tanpa_dependensi(roda: Path) -> None:
    with zipfile.ZipFile(roda) as z:
        nama = z.namelist()
        metadata = Parser().parsestr(
            z.read(next(n for n in nama if n.endswith(".dist-info/METADATA"))).decode()
        )
    assert metadata["Name"] == "kinerja-core"
    assert metadata.get_all("Requires-Dist") is None
    paket = {n.split("/")[0] for n in nama if not n.split("/")[0].endswith(".dist-info")}
    assert paket == {"kinerja_core"}
    sumber = {
        p.name for p in (AKAR / "src" / "kinerja_core").iterdir() if p.suffix in {".py", ".typed"}
    }
    assert {
        n.removeprefix("kinerja_core/") for n in nama if n.startswith("kinerja_core/")
    } == sumber


def test_roda_terpasang_sendiri_tanpa_fastapi(roda: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _jalankan(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _jalankan(
        python, "-m", "pip", "install", "--quiet", "--no-index", "--disable-pip-version-check",
        roda, cwd=tmp_path,
    )  # fmt: skip
    cuplikan = textwrap.dedent(
        """
        import sys
        from decimal import Decimal

        sebelum = set(sys.modules)
        import kinerja_core
        from kinerja_core import bulatkan, capaian, klasifikasi

        assert sys.prefix in kinerja_core.__file__, kinerja_core.__file__
        nilai = bulatkan(capaian(realisasi="88.32", target=90))
        assert nilai == Decimal("98.13"), nilai
        assert klasifikasi(nilai).label == "Sangat Baik"
        assert bulatkan(capaian(5, 0)) is None
        # What importing the library loaded: the standard library and itself, nothing else.
        bukan_stdlib = sorted(
            m for m in set(sys.modules) - sebelum
            if m.split(".")[0] not in sys.stdlib_module_names and m.split(".")[0] != "kinerja_core"
        )
        assert not bukan_stdlib, bukan_stdlib
        try:
            import fastapi
        except ImportError:
            print("ok")
        else:
            raise AssertionError("fastapi terpasang")
        """
    )
    assert _jalankan(python, "-I", "-c", cuplikan, cwd=tmp_path).strip() == "ok"


def test_versi_sama_dan_dinsos_api_mematok_kinerja_core() -> None:
    inti, api = _proyek(PAKET / "pyproject.toml"), _proyek(AKAR / "pyproject.toml")
    assert inti["dependencies"] == []
    assert inti["version"] == api["version"]
    dependensi = api["dependencies"]
    assert isinstance(dependensi, list)
    assert f"kinerja-core=={inti['version']}" in dependensi
    with (AKAR / "pyproject.toml").open("rb") as f:
        roda_api = tomllib.load(f)["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert roda_api["packages"] == ["src/dinsos_api"]  # kinerja_core comes from its own wheel
