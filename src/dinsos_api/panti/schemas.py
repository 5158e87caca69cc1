"""Requests and responses of the care units: units with capacity and occupancy, residents,
admissions, discharges, capacities and yearly counts."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from dinsos_api.core.angka import AngkaKeluar
from dinsos_api.core.masukan import POLA_SEBARIS, Masukan
from dinsos_api.panti.models import AlasanKeluar, AsalRujukan

POLA_KODE = r"^[a-z0-9][a-z0-9_]{0,63}$"
POLA_ID = r"^[0-9A-Za-z_-]{1,64}$"
# Text on one line, without control characters (as in core.data_induk).

_ISO_TANGGAL = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _tanggal_iso(nilai: object) -> object:
    # Dates only as YYYY-MM-DD: pydantic's lax mode would read 0 or "0" as a Unix timestamp.
    if isinstance(nilai, date) or (isinstance(nilai, str) and _ISO_TANGGAL.match(nilai)):
        return nilai
    raise PydanticCustomError("tanggal_iso", "harus berupa tanggal dengan format YYYY-MM-DD")


Tanggal = Annotated[date, BeforeValidator(_tanggal_iso)]

Keterangan = Annotated[str, Field(min_length=1, max_length=500, pattern=POLA_SEBARIS)]
KodeKelompok = Annotated[
    str,
    Field(
        max_length=64,
        pattern=POLA_KODE,
        description="Kode kategori PMKS kelompok sasaran, misalnya anak_terlantar.",
        examples=["anak_terlantar"],
    ),
]


# --- units -----------------------------------------------------------------------------------


class PantiRingkas(BaseModel):
    """A care unit with its capacity and occupancy on `tanggal`."""

    kode: str = Field(examples=["panti_anak_riang_naibonat"])
    nama: str = Field(examples=["Panti Anak Terlantar Riang Naibonat"])
    jenis: str = Field(description="Jenis unit kerja: panti, atau layanan (RPTC).")
    induk_kode: str | None = Field(description="UPTD atau bidang yang membawahi unit ini.")
    kode_wilayah: str = Field(description="Kabupaten/kota tempat unit ini berada.")
    kelompok_sasaran: list[str] = Field(description="Kategori PMKS yang dilayani unit ini.")
    tanggal: date = Field(description="Tanggal kapasitas dan hunian dihitung (WITA).")
    kapasitas: int | None = Field(
        description="Daya tampung pada tanggal itu; null bila belum dicatat."
    )
    hunian: int = Field(description="Jumlah penghuni pada tanggal itu.")
    sisa: int | None = Field(description="Tempat yang masih kosong (kapasitas − hunian).")
    tingkat_hunian: AngkaKeluar | None = Field(
        description="Hunian ÷ kapasitas × 100, dibulatkan 2 angka di belakang koma."
    )


class KapasitasKeluar(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    berlaku_mulai: date
    kapasitas: int
    keterangan: str | None


class HunianKelompok(BaseModel):
    kelompok_sasaran: str
    hunian: int


class PantiDetail(PantiRingkas):
    hunian_per_kelompok: list[HunianKelompok] = Field(
        description="Penghuni pada tanggal itu per kelompok sasaran."
    )
    riwayat_kapasitas: list[KapasitasKeluar] = Field(
        description="Kapasitas bertanggal, terlama lebih dahulu."
    )


class KapasitasBuat(Masukan):
    """A capacity from a date on (until the next dated value)."""

    berlaku_mulai: Tanggal = Field(examples=["2025-01-01"])
    kapasitas: int = Field(ge=1, le=10000, examples=[100])
    keterangan: Keterangan | None = Field(default=None, examples=["SK Kepala Dinas Nomor 12/2025"])


# --- residents -------------------------------------------------------------------------------


class PenghuniKeluar(BaseModel):
    """One stay. For `analis`: name as initials, NIK masked, no birth date or remarks."""

    id: str
    panti_kode: str
    orang_id: str
    nama: str = Field(examples=["Maria Goreti Ndun"])
    nik: str | None = Field(examples=["5301014501900007"])
    jenis_kelamin: str | None
    tanggal_lahir: date | None
    kelompok_sasaran: str
    tanggal_masuk: date
    asal_rujukan: AsalRujukan
    keterangan_masuk: str | None
    tanggal_keluar: date | None
    alasan_keluar: AlasanKeluar | None
    tujuan_rujukan: str | None
    keterangan_keluar: str | None
    aktif: bool = Field(description="Masih tinggal di unit ini (belum keluar).")
    versi: int
    created_at: datetime
    updated_at: datetime


class PenghuniMasuk(Masukan):
    """Admission of a registry person."""

    orang_id: str = Field(
        pattern=POLA_ID, description="id penerima manfaat (GET /v1/penerima-manfaat)."
    )
    kelompok_sasaran: KodeKelompok
    tanggal_masuk: Tanggal = Field(examples=["2025-02-03"])
    asal_rujukan: AsalRujukan = Field(description="Siapa yang merujuk/mengantar.")
    keterangan: Keterangan | None = Field(
        default=None, examples=["Dirujuk Dinas Sosial Kabupaten Kupang, surat 400/123/2025"]
    )


class PenghuniKeluarkan(Masukan):
    """Discharge. A referral names where the resident was referred to."""

    tanggal_keluar: Tanggal = Field(examples=["2025-06-30"])
    alasan: AlasanKeluar
    tujuan_rujukan: (
        Annotated[str, Field(min_length=1, max_length=200, pattern=POLA_SEBARIS)] | None
    ) = Field(default=None, description="Wajib bila alasan = rujukan.")
    keterangan: Keterangan | None = None


# --- yearly counts ---------------------------------------------------------------------------


class BarisStatistikPanti(BaseModel):
    panti_kode: str
    kelompok_sasaran: str
    dilayani: int | None = Field(
        description="Penghuni yang dilayani dalam tahun itu: masuk sebelum akhir tahun dan "
        "tidak keluar sebelum awal tahun."
    )
    masuk: int | None = Field(description="Penghuni yang masuk dalam tahun itu.")
    keluar: int | None = Field(description="Penghuni yang keluar dalam tahun itu.")
    disembunyikan: bool = Field(
        description="Untuk analis, jumlah 1–4 disembunyikan (null) agar orang tidak dapat dikenali."
    )


class JumlahKelompok(BaseModel):
    kelompok_sasaran: str
    dilayani: int | None
    disembunyikan: bool


class StatistikPanti(BaseModel):
    tahun: int
    data: list[BarisStatistikPanti] = Field(description="Per unit dan kelompok sasaran.")
    per_kelompok: list[JumlahKelompok] = Field(
        description="Jumlah seluruh unit per kelompok sasaran (angka LKIP: anak terlantar, "
        "lanjut usia terlantar, disabilitas netra, karya wanita)."
    )
    total_dilayani: int | None = Field(description="Null bila disembunyikan (analis, 1–4).")
