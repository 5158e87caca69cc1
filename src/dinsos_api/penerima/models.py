"""PMKS and PSKS categories (Renstra 2019–2023, Tabel 2.7; Permensos 08/2012)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class KategoriPmks(SQLModel, table=True):
    """One of the 26 categories of people with social-welfare problems (PMKS/PPKS)."""

    __tablename__ = "kategori_pmks"

    kode: str = Field(primary_key=True, max_length=64)
    nomor: int = Field(unique=True)  # order in Tabel 2.7
    nama: str = Field(max_length=200)
    singkatan: str | None = Field(default=None, max_length=32)
    sasaran: str = Field(max_length=16)  # "orang" or "keluarga": who is registered


class KategoriPsks(SQLModel, table=True):
    """A social-welfare resource (PSKS): TKSK, TAGANA, Karang Taruna, social workers, ..."""

    __tablename__ = "kategori_psks"

    kode: str = Field(primary_key=True, max_length=64)
    nama: str = Field(max_length=200)
    singkatan: str | None = Field(default=None, max_length=32)
