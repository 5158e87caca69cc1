"""Requests and responses of the identity endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from dinsos_api.core.akses import Peran
from dinsos_api.core.masukan import Masukan

USERNAME_MAKS = 64
Username = Annotated[
    str,
    Field(
        min_length=3,
        max_length=USERNAME_MAKS,
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        description="Huruf kecil, angka, titik, garis bawah atau tanda hubung.",
    ),
]
KodeKabKota = Annotated[
    str, Field(pattern=r"^53[0-9]{2}$", description="Kode kabupaten/kota, misalnya 5301.")
]
Sandi = Annotated[str, Field(min_length=10, max_length=200)]
NamaWajib = Annotated[str, Field(min_length=1, max_length=200)]


class _DenganWilayah(Masukan):
    peran: Peran
    kode_wilayah: KodeKabKota | None = None

    @model_validator(mode="after")
    def _wilayah_sesuai_peran(self) -> _DenganWilayah:
        if self.peran is Peran.OPERATOR_KABKOTA and self.kode_wilayah is None:
            raise ValueError("peran operator_kabkota wajib terikat pada satu kode_wilayah")
        if self.peran is not Peran.OPERATOR_KABKOTA and self.kode_wilayah is not None:
            raise ValueError("hanya peran operator_kabkota yang terikat pada kode_wilayah")
        return self


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_in: int = Field(description="Masa berlaku dalam detik.")


class Saya(BaseModel):
    jenis: str = Field(examples=["pengguna"])
    id: str
    nama: str
    peran: Peran
    kode_wilayah: str | None


class KlienBuat(_DenganWilayah):
    nama: NamaWajib


class KlienKeluar(BaseModel):
    id: str
    nama: str
    peran: str
    kode_wilayah: str | None
    aktif: bool
    created_at: datetime
    dicabut_pada: datetime | None


class KlienDenganKunci(KlienKeluar):
    kunci: str = Field(description="Ditampilkan sekali ini saja; simpan dengan aman.")


class PenggunaBuat(_DenganWilayah):
    username: Username
    nama: NamaWajib
    password: Sandi


class PenggunaUbah(Masukan):
    nama: NamaWajib | None = None
    aktif: bool | None = None
    password: Sandi | None = None


class PenggunaKeluar(BaseModel):
    id: str
    username: str
    nama: str
    peran: str
    kode_wilayah: str | None
    aktif: bool
    created_at: datetime
    updated_at: datetime


# Login as JSON: the same two fields as the OAuth2 form (other fields are ignored). Comments,
# not docstrings: a docstring would become the schema's description in the OpenAPI document.
class MasukJson(BaseModel):
    username: str = Field(description="Username pengguna.")
    password: str = Field(
        description="Password pengguna.", json_schema_extra={"format": "password"}
    )


# The OAuth2 password flow form (RFC 6749 §4.3), as FastAPI's `OAuth2PasswordRequestForm`.
class MasukForm(MasukJson):
    grant_type: str | None = Field(default=None, pattern="^password$")
    scope: str = ""
    client_id: str | None = None
    client_secret: str | None = Field(default=None, json_schema_extra={"format": "password"})
