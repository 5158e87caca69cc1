"""Requests and responses of /v1/wilayah, and the rules of Kemendagri region codes.

A Kemendagri code names its own place in the tree: "53.01" is a district of province 53,
"53.01.01" a kecamatan of district 5301, "53.01.01.2001" a desa of kecamatan 530101. The
region's `kode` is the same code without dots; its parent's is the code minus the last
segment (districts have no parent row: the province is not stored).
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from dinsos_api.core.data_induk import Nama, Perubahan, kolom_ubah
from dinsos_api.core.masukan import Masukan


class JenisWilayah(StrEnum):
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    DESA = "desa"


KABKOTA = (JenisWilayah.KABUPATEN, JenisWilayah.KOTA)

# The jenis each code depth allows: 2 segments a district, 3 a kecamatan, 4 a desa/kelurahan.
JENIS_MENURUT_TINGKAT: dict[int, tuple[JenisWilayah, ...]] = {
    2: KABKOTA,
    3: (JenisWilayah.KECAMATAN,),
    4: (JenisWilayah.DESA, JenisWilayah.KELURAHAN),
}

POLA_KODE_KEMENDAGRI = r"^53\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$"
_POLA = re.compile(POLA_KODE_KEMENDAGRI.replace("$", r"\Z"))


def _kode_kemendagri(nilai: str) -> str:
    if not _POLA.match(nilai):
        raise PydanticCustomError(
            "kode_kemendagri",
            "harus berupa kode Kemendagri wilayah NTT: 53.01 (kabupaten/kota), 53.01.01 "
            "(kecamatan) atau 53.01.01.2001 (desa/kelurahan)",
        )
    return nilai


KodeKemendagri = Annotated[
    str,
    AfterValidator(_kode_kemendagri),
    WithJsonSchema(
        {"type": "string", "pattern": POLA_KODE_KEMENDAGRI, "examples": ["53.01.01"]},
        mode="validation",
    ),
]


def tebak_jenis(kode_kemendagri: str) -> JenisWilayah:
    """The jenis a code implies: district numbers from 71 are cities, desa numbers starting
    with 1 are kelurahan (Kemendagri numbering)."""
    segmen = kode_kemendagri.split(".")
    if len(segmen) == 2:
        return JenisWilayah.KOTA if int(segmen[1]) >= 71 else JenisWilayah.KABUPATEN
    if len(segmen) == 3:
        return JenisWilayah.KECAMATAN
    return JenisWilayah.KELURAHAN if segmen[3].startswith("1") else JenisWilayah.DESA


class WilayahBuat(Masukan):
    """A new region; `kode` and `induk_kode` follow from `kode_kemendagri`."""

    kode_kemendagri: KodeKemendagri
    nama: Nama
    jenis: JenisWilayah | None = Field(
        default=None,
        validate_default=True,
        description="Bila kosong, ditentukan dari kode: 2 segmen kabupaten (71 ke atas kota), "
        "3 segmen kecamatan, 4 segmen desa (nomor berawal 1: kelurahan).",
    )

    @field_validator("jenis")
    @classmethod
    def _jenis_sesuai_kode(cls, jenis: JenisWilayah | None, info: ValidationInfo) -> Any:
        kode = info.data.get("kode_kemendagri")
        if kode is None:  # the code itself was invalid and is reported on its own
            return jenis
        if jenis is None:
            return tebak_jenis(kode)
        boleh = JENIS_MENURUT_TINGKAT[kode.count(".") + 1]
        if jenis not in boleh:
            raise PydanticCustomError(
                "jenis_wilayah",
                "jenis {jenis} tidak sesuai dengan kode {kode} (seharusnya {boleh})",
                {"jenis": jenis.value, "kode": kode, "boleh": " atau ".join(boleh)},
            )
        return jenis

    @property
    def kode(self) -> str:
        return self.kode_kemendagri.replace(".", "")

    @property
    def induk_kode(self) -> str | None:
        segmen = self.kode_kemendagri.split(".")
        return "".join(segmen[:-1]) if len(segmen) > 2 else None

    @property
    def tingkat(self) -> int:
        """Depth in the tree: 2 district, 3 kecamatan, 4 desa/kelurahan."""
        return self.kode_kemendagri.count(".") + 1


class WilayahUbah(Perubahan):
    nama: Nama = kolom_ubah()


class WilayahKeluar(BaseModel):
    kode: str = Field(examples=["5301"])
    kode_kemendagri: str = Field(examples=["53.01"])
    jenis: JenisWilayah
    nama: str = Field(examples=["Kabupaten Kupang"])
    induk_kode: str | None
    versi: int
    updated_at: datetime
