"""Request and response models of the performance plans (Renstra, indicators, targets,
realisations, input windows, capaian)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, Field, model_validator

from dinsos_api.core.angka import AngkaKeluar, desimal
from dinsos_api.core.data_induk import POLA_KODE, Perubahan, kolom_ubah
from dinsos_api.core.masukan import POLA_SEBARIS, Masukan
from kinerja_core import Arah, CaraGabung, MetodeTurun

TAHUN_MIN, TAHUN_MAKS = 2000, 2100
Tahun = Annotated[int, Field(ge=TAHUN_MIN, le=TAHUN_MAKS, examples=[2024])]
Triwulan = Annotated[int, Field(ge=1, le=4, description="1–4; kosong: setahun penuh.")]

# Codes as the documents print them: "T1", "SS1", "IKU1", "1.2".
KodeRencana = Annotated[
    str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
]
KodeIndikator = Annotated[
    str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
]
KodePerangkatDaerah = Annotated[str, Field(min_length=1, max_length=64, pattern=POLA_KODE)]
# Kepmendagri program codes: "1.06.04" (urusan.bidang.program), or longer.
KodeProgram = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[0-9]+(\.[0-9]+)+$")]
DaftarProgram = Annotated[list[KodeProgram], Field(max_length=50)]
Urutan = Annotated[int, Field(ge=0, le=10000)]
Id = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[0-9a-f]{1,32}$")]

_TEKS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+$"  # may span lines
Nama = Annotated[str, Field(min_length=1, max_length=500, pattern=POLA_SEBARIS)]
Satuan = Annotated[str, Field(min_length=1, max_length=32, pattern=POLA_SEBARIS, examples=["%"])]
Uraian = Annotated[str, Field(min_length=1, max_length=1000, pattern=_TEKS)]
Panjang = Annotated[str, Field(min_length=1, max_length=4000, pattern=_TEKS)]
Pendek = Annotated[str, Field(min_length=1, max_length=500, pattern=_TEKS)]

# Indicator values: at most 4 decimal places and 11 integer digits, what NUMERIC(18,4) holds
# exactly on both databases.
if TYPE_CHECKING:
    NilaiKinerja = Decimal
    NilaiTidakNegatif = Decimal
else:
    NilaiKinerja = desimal("bebas", bulat=11, tempat=4)
    NilaiTidakNegatif = desimal("tidak_negatif", bulat=11, tempat=4)


class SumberTarget(StrEnum):
    """The document a target comes from: the same indicator has different targets in the
    Renstra, the annual PK (Perjanjian Kinerja) and its revision."""

    RENSTRA = "renstra"
    PK = "pk"
    PERUBAHAN_PK = "perubahan_pk"


class SumberLive(StrEnum):
    """Live counts (registry, public services) an indicator's realisation can be bound to."""

    DESA_DATA_PMKS = "desa_data_pmks"
    PMKS_TERVERIFIKASI = "pmks_terverifikasi"
    LAYANAN_TEPAT_WAKTU = "layanan_tepat_waktu"


# --- Renstra ---------------------------------------------------------------------------------


class SasaranMasuk(Masukan):
    kode: KodeRencana = Field(examples=["SS1"])
    nama: Nama


class TujuanMasuk(Masukan):
    kode: KodeRencana = Field(examples=["T1"])
    nama: Nama
    sasaran: list[SasaranMasuk] = Field(default_factory=list, max_length=50)


class RenstraBuat(Masukan):
    perangkat_daerah: KodePerangkatDaerah = Field(examples=["dinsos_53"])
    nama: Nama = Field(examples=["Renstra Dinas Sosial Provinsi NTT 2024–2026"])
    tahun_awal: Tahun
    tahun_akhir: Tahun = Field(examples=[2026])
    tujuan: list[TujuanMasuk] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _urutan_tahun(self) -> RenstraBuat:
        if self.tahun_akhir < self.tahun_awal:
            raise ValueError("tahun_akhir tidak boleh sebelum tahun_awal")
        if self.tahun_akhir - self.tahun_awal > 9:
            raise ValueError("periode Renstra paling lama 10 tahun")
        return self


class SasaranKeluar(BaseModel):
    id: str
    kode: str
    nama: str


class TujuanKeluar(BaseModel):
    id: str
    kode: str
    nama: str
    sasaran: list[SasaranKeluar]


class RenstraRingkas(BaseModel):
    id: str
    perangkat_daerah: str
    nama: str
    tahun_awal: int
    tahun_akhir: int
    created_at: datetime
    updated_at: datetime


class RenstraKeluar(RenstraRingkas):
    tujuan: list[TujuanKeluar]


# --- indikator -------------------------------------------------------------------------------


class _IndikatorIsi(Masukan):
    nama: Nama
    satuan: Satuan = "%"
    arah: Arah = Field(default=Arah.NAIK, description="naik: makin tinggi makin baik.")
    metode_turun: MetodeTurun | None = Field(
        default=None, description="Hanya untuk arah turun: selisih (bawaan) atau rasio."
    )
    iku: bool = Field(default=False, description="Indikator Kinerja Utama.")
    definisi_operasional: Panjang | None = None
    formula: Uraian | None = None
    pembilang: Uraian | None = Field(default=None, description="Uraian pembilang.")
    penyebut: Uraian | None = Field(default=None, description="Uraian penyebut.")
    sumber_data: Pendek | None = None
    unit_penanggung_jawab: Pendek | None = None
    cara_gabung: CaraGabung = Field(
        default=CaraGabung.RATA_RATA,
        description="Untuk realisasi berupa beberapa pasangan pembilang/penyebut: rata_rata "
        "(rata-rata rasio tiap pasangan) atau gabungan (Σpembilang/Σpenyebut).",
    )
    program_anggaran: DaftarProgram = Field(
        default_factory=list,
        description="Kode program anggaran (mis. 1.06.04) yang mendukung indikator ini.",
    )
    sumber_live: SumberLive | None = Field(
        default=None,
        description="Realisasi dihitung langsung dari registri saat diminta: desa_data_pmks "
        "(desa/kelurahan yang memiliki data PMKS ÷ seluruh desa/kelurahan) atau "
        "pmks_terverifikasi (data PMKS terverifikasi ÷ seluruh data PMKS).",
    )
    pendahulu_id: Id | None = Field(
        default=None, description="Indikator Renstra sebelumnya yang dilanjutkan indikator ini."
    )
    urutan: Urutan = 0


class IndikatorBuat(_IndikatorIsi):
    sasaran_id: Id
    kode: KodeIndikator = Field(examples=["IKU1"])


class IndikatorUbah(Perubahan):
    kode: KodeIndikator = kolom_ubah()
    nama: Nama = kolom_ubah()
    satuan: Satuan = kolom_ubah()
    arah: Arah = kolom_ubah()
    metode_turun: MetodeTurun | None = kolom_ubah()
    iku: bool = kolom_ubah()
    definisi_operasional: Panjang | None = kolom_ubah()
    formula: Uraian | None = kolom_ubah()
    pembilang: Uraian | None = kolom_ubah()
    penyebut: Uraian | None = kolom_ubah()
    sumber_data: Pendek | None = kolom_ubah()
    unit_penanggung_jawab: Pendek | None = kolom_ubah()
    cara_gabung: CaraGabung = kolom_ubah()
    program_anggaran: DaftarProgram = kolom_ubah()
    sumber_live: SumberLive | None = kolom_ubah()
    pendahulu_id: Id | None = kolom_ubah()
    urutan: Urutan = kolom_ubah()


class IndikatorKinerjaKeluar(BaseModel):
    id: str
    renstra_id: str
    sasaran_id: str
    perangkat_daerah: str
    kode: str
    nama: str
    satuan: str
    arah: Arah
    metode_turun: MetodeTurun | None
    iku: bool
    definisi_operasional: str | None
    formula: str | None
    pembilang: str | None
    penyebut: str | None
    sumber_data: str | None
    unit_penanggung_jawab: str | None
    cara_gabung: CaraGabung
    program_anggaran: list[str]
    sumber_live: SumberLive | None
    pendahulu_id: str | None
    urutan: int
    versi: int
    created_at: datetime
    updated_at: datetime


# --- target ----------------------------------------------------------------------------------


class TargetIsi(Masukan):
    nilai: NilaiKinerja = Field(examples=[90])
    keterangan: Uraian | None = Field(default=None, examples=["Tabel 2.3 Perjanjian Kinerja"])


class TargetKeluar(BaseModel):
    id: str
    indikator_id: str
    tahun: int
    sumber: SumberTarget
    nilai: AngkaKeluar
    keterangan: str | None
    versi: int
    updated_at: datetime


# --- realisasi -------------------------------------------------------------------------------


class KomponenMasuk(Masukan):
    """One numerator/denominator pair (LKIP Tabel 3.5 has ten for one indicator)."""

    uraian: Uraian | None = None
    pembilang_uraian: Uraian | None = None
    penyebut_uraian: Uraian | None = None
    pembilang: NilaiTidakNegatif = Field(examples=[220])
    penyebut: NilaiTidakNegatif = Field(examples=[220])


class BuktiMasuk(Masukan):
    uraian: Uraian = Field(examples=["SK penerima bantuan KUBE 2024"])
    tautan: Uraian | None = Field(default=None, description="Alamat atau nomor arsip dokumen.")


class RealisasiIsi(Masukan):
    nilai: NilaiKinerja | None = Field(
        default=None, description="Nilai realisasi; kosongkan bila diisi lewat komponen."
    )
    komponen: list[KomponenMasuk] = Field(
        default_factory=list,
        max_length=100,
        description="Pasangan pembilang/penyebut; realisasi = gabungannya menurut "
        "cara_gabung indikator.",
    )
    faktor_pendukung: Panjang | None = None
    faktor_penghambat: Panjang | None = None
    solusi: Panjang | None = None
    rencana_tindak_lanjut: Panjang | None = None
    bukti: list[BuktiMasuk] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _nilai_atau_komponen(self) -> RealisasiIsi:
        if self.nilai is not None and self.komponen:
            raise ValueError("isi nilai atau komponen, tidak keduanya")
        return self


class KomponenKeluar(BaseModel):
    uraian: str | None
    pembilang_uraian: str | None
    penyebut_uraian: str | None
    pembilang: AngkaKeluar | None
    penyebut: AngkaKeluar | None
    persen: AngkaKeluar | None = Field(description="pembilang ÷ penyebut × 100.")
    catatan: str | None


class BuktiKeluar(BaseModel):
    uraian: str
    tautan: str | None


class RealisasiKeluar(BaseModel):
    id: str
    indikator_id: str
    tahun: int
    triwulan: int | None
    nilai: AngkaKeluar | None
    komponen: list[KomponenKeluar]
    faktor_pendukung: str | None
    faktor_penghambat: str | None
    solusi: str | None
    rencana_tindak_lanjut: str | None
    bukti: list[BuktiKeluar]
    versi: int
    updated_at: datetime


# --- periode ---------------------------------------------------------------------------------


class PeriodeUbah(Masukan):
    alasan: Pendek | None = Field(default=None, examples=["LKIP 2024 sudah ditetapkan"])


class PeriodeKeluar(BaseModel):
    id: str
    perangkat_daerah: str
    tahun: int
    triwulan: int | None
    ditutup: bool
    alasan: str | None
    diubah_oleh: str | None
    updated_at: datetime


# --- capaian ---------------------------------------------------------------------------------


class Penilaian(BaseModel):
    capaian: AngkaKeluar | None = Field(description="Persen, dibulatkan 2 angka (half-up).")
    kriteria: str | None = Field(examples=["Sangat Baik"])
    warna: str | None = Field(examples=["Hijau Tua"])


class CapaianKeluar(Penilaian):
    indikator_id: str
    kode: str
    nama: str
    satuan: str
    arah: Arah
    iku: bool
    sasaran_kode: str
    tahun: int
    triwulan: int | None
    sumber_target: SumberTarget = Field(description="Dokumen asal target yang dipakai.")
    target: AngkaKeluar | None
    realisasi: AngkaKeluar | None
    sumber_realisasi: str | None = Field(
        description="isian, komponen, atau live:<sumber> (dihitung dari registri saat ini)."
    )
    komponen: list[KomponenKeluar]
    catatan: str | None = Field(description="Alasan bila capaian tidak dapat dihitung.")


class SasaranCapaianKeluar(Penilaian):
    kode: str
    nama: str
    jumlah_indikator: int
    indikator_tanpa_nilai: list[str]


class RingkasanCapaianKeluar(Penilaian):
    perangkat_daerah: str
    tahun: int
    sumber_target: SumberTarget
    batas_atas: AngkaKeluar | None
    indikator: list[CapaianKeluar]
    sasaran: list[SasaranCapaianKeluar]
    sasaran_tanpa_nilai: list[str]
