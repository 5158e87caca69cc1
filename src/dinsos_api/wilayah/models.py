"""Kemendagri region codes (province 53, Nusa Tenggara Timur)."""

from __future__ import annotations

from typing import ClassVar

from sqlmodel import Field

from dinsos_api.core.data_induk import Berversi


class Wilayah(Berversi, table=True):
    """A region: the 22 districts (4-digit `kode`, e.g. "5301"), and kecamatan and desa below.

    The province itself is not a row: districts have no `induk_kode`, and `kode_wilayah` null
    elsewhere means "the whole province".
    """

    __tablename__ = "wilayah"
    label: ClassVar[str] = "Wilayah"

    kode: str = Field(primary_key=True, max_length=13)  # kode_kemendagri without the dots
    kode_kemendagri: str = Field(max_length=16, unique=True)
    jenis: str = Field(max_length=16)  # kabupaten, kota, kecamatan, kelurahan, desa
    nama: str = Field(max_length=200)
    induk_kode: str | None = Field(
        default=None, foreign_key="wilayah.kode", max_length=13, index=True
    )
