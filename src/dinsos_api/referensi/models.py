"""Reference tables (regions are in `wilayah`)."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import JSON, Column
from sqlmodel import Field

from dinsos_api.core.data_induk import Berversi


class KategoriPmks(Berversi, table=True):
    """One of the 26 categories of people with social-welfare problems (PMKS/PPKS).

    Renstra 2019–2023, Tabel 2.7; Permensos 08/2012.
    """

    __tablename__ = "kategori_pmks"
    label: ClassVar[str] = "Kategori PMKS"

    kode: str = Field(primary_key=True, max_length=64)
    nomor: int = Field(unique=True)  # order in Tabel 2.7
    nama: str = Field(max_length=200)
    singkatan: str | None = Field(default=None, max_length=32)
    sasaran: str = Field(max_length=16)  # who is registered: orang or keluarga


class KategoriPsks(Berversi, table=True):
    """A social-welfare resource (PSKS): TKSK, TAGANA, Karang Taruna, social workers, ..."""

    __tablename__ = "kategori_psks"
    label: ClassVar[str] = "Kategori PSKS"

    kode: str = Field(primary_key=True, max_length=64)
    nama: str = Field(max_length=200)
    singkatan: str | None = Field(default=None, max_length=32)
    # orang, lembaga or kelompok. Most PSKS are people; the server default also filled the
    # rows that existed before the column (migration 0003).
    sasaran: str = Field(max_length=16, sa_column_kwargs={"server_default": "orang"})


class UnitKerja(Berversi, table=True):
    """A unit of the provincial office: the Dinas itself (the root), Sekretariat, bidang,
    UPTD and the panti and service units below them."""

    __tablename__ = "unit_kerja"
    label: ClassVar[str] = "Unit kerja"

    kode: str = Field(primary_key=True, max_length=64)
    nama: str = Field(max_length=200)
    jenis: str = Field(max_length=16)  # dinas, sekretariat, bidang, uptd, panti, layanan
    induk_kode: str | None = Field(
        default=None, foreign_key="unit_kerja.kode", max_length=64, index=True
    )
    # False for a unit a reorganisation removed, still named by older reports.
    aktif: bool = True
    keterangan: str | None = Field(default=None, max_length=1000)


class ProgramBantuan(Berversi, table=True):
    """An assistance programme: PKH, BPNT, KUBE, RTLH, permakanan panti, ..."""

    __tablename__ = "program_bantuan"
    label: ClassVar[str] = "Program bantuan"

    kode: str = Field(primary_key=True, max_length=64)
    nama: str = Field(max_length=200)
    singkatan: str | None = Field(default=None, max_length=32)
    # apbn, apbd_provinsi, apbd_kabkota: a programme may be funded from several budgets.
    sumber_dana: list[str] = Field(sa_column=Column(JSON, nullable=False))
    sasaran: str = Field(max_length=16)  # orang, keluarga or kelompok
    keterangan: str | None = Field(default=None, max_length=1000)


class PerangkatDaerah(Berversi, table=True):
    """A regional office whose plans and budgets the system holds: the provincial Dinas
    Sosial (`kode_wilayah` null, like every province-wide record) and one Dinas Sosial per
    district."""

    __tablename__ = "perangkat_daerah"
    label: ClassVar[str] = "Perangkat daerah"

    kode: str = Field(primary_key=True, max_length=64)
    nama: str = Field(max_length=200)
    tingkat: str = Field(max_length=16)  # provinsi, kabupaten, kota
    kode_wilayah: str | None = Field(
        default=None, foreign_key="wilayah.kode", max_length=13, unique=True
    )
