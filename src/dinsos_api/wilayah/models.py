"""Kemendagri region codes (province 53, Nusa Tenggara Timur)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Wilayah(SQLModel, table=True):
    """A region. Districts carry a 4-digit `kode` (e.g. "5301"); kecamatan and desa sit below."""

    __tablename__ = "wilayah"

    kode: str = Field(primary_key=True, max_length=13)
    kode_kemendagri: str = Field(max_length=16, unique=True)
    jenis: str = Field(max_length=16)  # provinsi, kabupaten, kota, kecamatan, desa
    nama: str = Field(max_length=200)
    induk_kode: str | None = Field(default=None, foreign_key="wilayah.kode", max_length=13)
