"""The demo data set loaded by `dinsos demo muat` (and by `make run`).

Built from the office's own documents; the files under `data/` are the project's copies, so
a clone of this repository works alone.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from sqlmodel import Session, select

from dinsos_api.akses import service as akses_service
from dinsos_api.akses.models import Pengguna
from dinsos_api.akses.schemas import PenggunaBuat
from dinsos_api.anggaran import demo as anggaran_demo
from dinsos_api.core.akses import Peran, konteks_sistem
from dinsos_api.core.config import Settings
from dinsos_api.core.data_induk import Berversi
from dinsos_api.demo import registri
from dinsos_api.kinerja import demo as kinerja_demo
from dinsos_api.layanan import demo as layanan_demo
from dinsos_api.panti import demo as panti_demo
from dinsos_api.pengaduan import demo as pengaduan_demo
from dinsos_api.referensi.models import (
    KategoriPmks,
    KategoriPsks,
    PerangkatDaerah,
    ProgramBantuan,
    UnitKerja,
)
from dinsos_api.wilayah.models import Wilayah

_DATA = resources.files("dinsos_api.demo") / "data"


def _teks(nama: str) -> str:
    return (_DATA / nama).read_text(encoding="utf-8")


def _singkatan(nilai: Any) -> str | None:
    # The extraction writes "not stated" (sometimes with a remark) where the source is silent.
    if not isinstance(nilai, str) or nilai.startswith("not stated"):
        return None
    return nilai.split(" (")[0].strip()[:32] or None


def daftar_wilayah() -> list[Wilayah]:
    rows = csv.DictReader(_teks("wilayah_ntt.csv").splitlines())
    return [
        Wilayah(
            kode=r["kode"],
            kode_kemendagri=r["kode_kemendagri"],
            jenis=r["jenis"],
            nama=r["nama"],
        )
        for r in rows
    ]


def _kategori() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_teks("kategori_pmks_psks.yaml"))
    return data


def daftar_kategori_pmks() -> list[KategoriPmks]:
    return [
        KategoriPmks(
            kode=c["code"],
            nomor=c["table_2_7_no"],
            nama=c["name"],
            singkatan=_singkatan(c.get("abbreviation")),
            sasaran=c["unit"],
        )
        for c in _kategori()["pmks_categories"]["categories"]
    ]


# What each PSKS is, judged from kategori_pmks_psks.yaml; every other one is a person.
_SASARAN_PSKS = {
    "karang_taruna": "lembaga",  # a youth organisation of a desa/kelurahan (seed 003:24)
    "lembaga_kesejahteraan_sosial": "lembaga",
    "lksa": "lembaga",
    "dunia_usaha": "lembaga",
    "panti_swasta": "lembaga",
    "kampung_siaga_bencana": "kelompok",  # a community's disaster preparedness group
}


def daftar_kategori_psks() -> list[KategoriPsks]:
    return [
        KategoriPsks(
            kode=c["code"],
            nama=c["name"],
            singkatan=_singkatan(c.get("abbreviation")),
            sasaran=_SASARAN_PSKS.get(c["code"], "orang"),
        )
        for c in _kategori()["psks_categories"]
    ]


def daftar_unit_kerja() -> list[UnitKerja]:
    """The office's units, parents before children (data/unit_kerja.yaml cites the seeds)."""
    data = yaml.safe_load(_teks("unit_kerja.yaml"))
    return [
        UnitKerja(
            kode=u["kode"],
            nama=u["nama"],
            jenis=u["jenis"],
            induk_kode=u["induk_kode"],
            aktif=u.get("aktif", True),
            keterangan=u.get("keterangan"),
        )
        for u in data["units"]
    ]


def daftar_program_bantuan() -> list[ProgramBantuan]:
    """Assistance programmes (data/program_bantuan.yaml cites the seeds)."""
    data = yaml.safe_load(_teks("program_bantuan.yaml"))
    return [
        ProgramBantuan(
            kode=p["kode"],
            nama=p["nama"],
            singkatan=p.get("singkatan"),
            sumber_dana=p["sumber_dana"],
            sasaran=p["sasaran"],
            keterangan=p.get("keterangan"),
        )
        for p in data["programs"]
    ]


def daftar_perangkat_daerah() -> list[PerangkatDaerah]:
    """The provincial Dinas Sosial and one Dinas Sosial per district.

    District names follow the pattern of Rote Ndao's ("DINAS SOSIAL KABUPATEN ROTE NDAO",
    seed 003:3); where a district merged social affairs into a wider office, an admin renames
    it. The province's office has no `kode_wilayah`: null means province-wide throughout.
    """
    provinsi = PerangkatDaerah(
        kode="dinsos_53",
        nama="Dinas Sosial Provinsi Nusa Tenggara Timur",
        tingkat="provinsi",
        kode_wilayah=None,
    )
    return [provinsi] + [
        PerangkatDaerah(
            kode=f"dinsos_{w.kode}",
            nama=f"Dinas Sosial {w.nama}",
            tingkat=w.jenis,
            kode_wilayah=w.kode,
        )
        for w in daftar_wilayah()
    ]


def laporan_lkip_2024() -> dict[str, Any]:
    """The 2024 LKIP of the province as printed, in the checker's input shape."""
    data: dict[str, Any] = json.loads(_teks("lkip2024_laporan.json"))
    return data


@dataclass(frozen=True)
class HasilMuat:
    wilayah: int
    kategori_pmks: int
    kategori_psks: int
    unit_kerja: int
    program_bantuan: int
    perangkat_daerah: int
    penerima_manfaat: int = 0  # the synthetic registry (demo/registri.py)
    lainnya: tuple[str, ...] = ()  # each domain's own summary (<domain>/demo.py)

    def ringkasan(self) -> str:
        teks = (
            f"{self.wilayah} wilayah, {self.kategori_pmks} kategori PMKS, "
            f"{self.kategori_psks} kategori PSKS, {self.unit_kerja} unit kerja, "
            f"{self.program_bantuan} program bantuan, {self.perangkat_daerah} perangkat daerah"
        )
        if self.penerima_manfaat:
            teks += f", {self.penerima_manfaat} penerima manfaat sintetis"
        for bagian in self.lainnya:
            teks += f", {bagian}"
        return teks


def _selaraskan(session: Session, rows: Sequence[Berversi]) -> int:
    """Insert the records that are missing; an existing record (maybe edited) is kept."""
    for baru in rows:
        if session.get(type(baru), baru.kode) is None:
            session.add(baru)
    return len(rows)


def muat_referensi(session: Session) -> HasilMuat:
    """Load the reference data; running it twice changes nothing.

    Not audited: this is the initial data set, like a migration. Records that exist already
    are left as they are, so an admin's edits survive `make run`.
    """
    hasil = HasilMuat(
        wilayah=_selaraskan(session, daftar_wilayah()),
        kategori_pmks=_selaraskan(session, daftar_kategori_pmks()),
        kategori_psks=_selaraskan(session, daftar_kategori_psks()),
        unit_kerja=_selaraskan(session, daftar_unit_kerja()),
        program_bantuan=_selaraskan(session, daftar_program_bantuan()),
        perangkat_daerah=_selaraskan(session, daftar_perangkat_daerah()),
    )
    session.commit()
    return hasil


# Demo accounts, one per role, created only outside production.
AKUN_DEMO: tuple[tuple[str, Peran, str | None], ...] = (
    ("demo.admin", Peran.ADMIN, None),
    ("demo.pimpinan", Peran.PIMPINAN, None),
    ("demo.provinsi", Peran.OPERATOR_PROVINSI, None),
    ("demo.kupang", Peran.OPERATOR_KABKOTA, "5301"),
    ("demo.layanan", Peran.PETUGAS_LAYANAN, None),
    ("demo.analis", Peran.ANALIS, None),
)


def buat_akun_demo(session: Session, settings: Settings) -> list[tuple[str, str]]:
    """Create the demo accounts that are missing; (username, password) of the new ones.

    The passwords are random and also appended to var/demo-akun.txt (owner-only), so a
    newcomer can log in from the docs. Never in production.
    """
    if settings.environment == "production":
        return []
    baru: list[tuple[str, str]] = []
    for username, peran, wilayah in AKUN_DEMO:
        if session.exec(select(Pengguna).where(Pengguna.username == username)).first():
            continue
        password = secrets.token_urlsafe(12)
        akses_service.buat_pengguna(
            session,
            konteks_sistem(),
            PenggunaBuat(
                username=username,
                nama=f"Akun demo {peran.value}",
                peran=peran,
                kode_wilayah=wilayah,
                password=password,
            ),
        )
        baru.append((username, password))
    if baru:
        path = settings.var_dir / "demo-akun.txt"
        settings.var_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        with path.open("a", encoding="utf-8") as f:
            f.writelines(f"{u} {p}\n" for u, p in baru)
    return baru


def muat(session: Session) -> HasilMuat:
    """Everything `make run` shows a newcomer: the reference data and a synthetic registry
    (the demo accounts: `buat_akun_demo`). The test database template loads only
    `muat_referensi`."""
    hasil = muat_referensi(session)
    penerima = registri.muat_registri(session)
    lainnya: list[str] = []
    for muat_demo in (
        anggaran_demo.muat_demo,
        kinerja_demo.muat_demo,
        layanan_demo.muat_demo,
        panti_demo.muat_demo,
        pengaduan_demo.muat_demo,
    ):
        ringkasan = muat_demo(session)
        session.commit()
        if ringkasan:
            lainnya.append(ringkasan)
    return dataclasses.replace(hasil, penerima_manfaat=penerima, lainnya=tuple(lainnya))
