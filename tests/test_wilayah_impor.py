"""`dinsos wilayah impor FILE`: kecamatan and desa from CSV, all-or-nothing, audited, idempotent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import Session, select
from typer.testing import CliRunner

from dinsos_api.cli import app
from dinsos_api.core.audit import AuditLog
from dinsos_api.core.config import get_settings
from dinsos_api.wilayah.models import Wilayah

runner = CliRunner()

# Semau and Kupang Barat (Kabupaten Kupang) with a few desa; a desa comes before its
# kecamatan: the import puts parents first itself.
BAIK = """kode_kemendagri,nama,jenis
53.01.01.2001,Uitiuhtuan,
53.01.01,Semau,
53.01.01.2002,Uitiuhana,desa
53.01.02,Kupang Barat,kecamatan
53.01.02.2001,Bolok,
"""


@pytest.fixture
def env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _impor(tmp_path: Path, isi: str | bytes, nama: str = "wilayah.csv") -> tuple[int, str]:
    berkas = tmp_path / nama
    if isinstance(isi, str):
        berkas.write_text(isi, encoding="utf-8")
    else:
        berkas.write_bytes(isi)
    result = runner.invoke(app, ["wilayah", "impor", str(berkas)])
    return result.exit_code, result.output


def _jumlah(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def _audit_sistem(engine: Engine) -> list[AuditLog]:
    with Session(engine) as session:
        stmt = select(AuditLog).where(AuditLog.sumber_daya == "wilayah")
        return list(session.exec(stmt).all())


def test_import_builds_the_hierarchy(
    env: None, tmp_path: Path, client: TestClient, engine: Engine
) -> None:
    code, output = _impor(tmp_path, BAIK)
    assert code == 0, output
    assert "5 dibuat, 0 diubah, 0 tidak berubah" in output

    kecamatan = client.get("/v1/wilayah", params={"induk": "5301"}).json()["data"]
    assert [(w["kode"], w["jenis"], w["nama"]) for w in kecamatan] == [
        ("530101", "kecamatan", "Semau"),
        ("530102", "kecamatan", "Kupang Barat"),
    ]
    desa = client.get("/v1/wilayah", params={"induk": "530101"}).json()["data"]
    assert [(w["kode"], w["kode_kemendagri"], w["jenis"]) for w in desa] == [
        ("5301012001", "53.01.01.2001", "desa"),
        ("5301012002", "53.01.01.2002", "desa"),
    ]
    assert client.get("/v1/wilayah/5301022001").json()["induk_kode"] == "530102"
    assert len(client.get("/v1/wilayah").json()["data"]) == 22  # the default list is unchanged

    rows = _audit_sistem(engine)
    assert len(rows) == 5
    assert {r.aksi for r in rows} == {"buat"} and {r.aktor_jenis for r in rows} == {"sistem"}
    semau = next(r for r in rows if r.sumber_daya_id == "530101")
    assert semau.perubahan["nama"] == {"lama": None, "baru": "Semau"}


def test_import_again_changes_nothing_and_renames_are_audited(
    env: None, tmp_path: Path, engine: Engine
) -> None:
    assert _impor(tmp_path, BAIK)[0] == 0
    code, output = _impor(tmp_path, BAIK)
    assert code == 0 and "0 dibuat, 0 diubah, 5 tidak berubah" in output
    assert len(_audit_sistem(engine)) == 5

    code, output = _impor(tmp_path, "kode_kemendagri,nama\n53.01.01,Pulau Semau\n")
    assert code == 0 and "0 dibuat, 1 diubah, 0 tidak berubah" in output
    with Session(engine) as session:
        semau = session.get(Wilayah, "530101")
        assert semau is not None and semau.nama == "Pulau Semau" and semau.versi == 2
    ubah = [r for r in _audit_sistem(engine) if r.aksi == "ubah"]
    assert [r.perubahan for r in ubah] == [{"nama": {"lama": "Semau", "baru": "Pulau Semau"}}]


def test_bad_rows_are_all_reported_and_nothing_is_written(
    env: None, tmp_path: Path, engine: Engine
) -> None:
    buruk = (
        "kode_kemendagri,nama,jenis\n"
        "53.01.01,Semau,\n"  # line 2: fine
        "53.01.1,Salah Kode,\n"  # line 3
        "53.01.02,,\n"  # line 4: no name
        "53.01.03,Amarasi,desa\n"  # line 5: jenis does not fit the code
        "53.01.01,Semau Lagi,\n"  # line 6: duplicate of line 2
        "53.02.40.2001,Tanpa Induk,\n"  # line 7: kecamatan 530240 does not exist
        "\n"
        "53.01.01.2001,Uitiuhtuan,kota\n"  # line 9
    )
    code, output = _impor(tmp_path, buruk)
    assert code == 1
    for teks in (
        "baris 3, kolom kode_kemendagri: harus berupa kode Kemendagri",
        "baris 4, kolom nama: minimal 1 karakter",
        "baris 5, kolom jenis: jenis desa tidak sesuai dengan kode 53.01.03",
        "baris 6, kolom kode_kemendagri: kode 53.01.01 sudah ada di baris 2",
        "baris 7, kolom kode_kemendagri: kecamatan induk 530240 belum ada",
        "baris 9, kolom jenis:",
        "Impor dibatalkan: 6 kesalahan; tidak ada data yang disimpan.",
    ):
        assert teks in output, teks
    assert _jumlah(engine, Wilayah) == 22
    assert _audit_sistem(engine) == []


def test_file_format_problems(env: None, tmp_path: Path, engine: Engine) -> None:
    code, output = _impor(tmp_path, "kode,nama_wilayah\n53.01.01,Semau\n")
    assert code == 1 and "kolom wajib tidak ada: kode_kemendagri" in output
    code, output = _impor(tmp_path, "kode_kemendagri,nama\n")
    assert code == 1 and "tidak berisi data wilayah" in output
    code, output = _impor(tmp_path, b"kode_kemendagri,nama\n53.01.01,Sema\xff\n")
    assert code == 2 and "bukan teks UTF-8" in output
    result = runner.invoke(app, ["wilayah", "impor", str(tmp_path / "tidak-ada.csv")])
    assert result.exit_code == 2 and "tidak dapat dibaca" in result.output
    assert _jumlah(engine, Wilayah) == 22


def test_spreadsheet_export_with_bom_and_semicolons(
    env: None, tmp_path: Path, engine: Engine
) -> None:
    # Excel set to Indonesian saves "CSV UTF-8" with a BOM and ";" between columns.
    isi = "\ufeffKode_Kemendagri;Nama\r\n53.71.01;Alak\r\n53.71.01.1001;Penkase Oeleta\r\n"
    code, output = _impor(tmp_path, isi.encode("utf-8"))
    assert code == 0, output
    with Session(engine) as session:
        kelurahan = session.get(Wilayah, "5371011001")
        assert kelurahan is not None
        assert (kelurahan.jenis, kelurahan.induk_kode) == ("kelurahan", "537101")
