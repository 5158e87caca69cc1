"""Request and response models of the stateless computation endpoints."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from dinsos_api.core.angka import AngkaKeluar, Desimal, DesimalPositif, DesimalTidakNegatif
from dinsos_api.core.masukan import Masukan
from kinerja_core import Arah, CaraGabung, MetodeTurun

Kode = Annotated[str, Field(min_length=1, max_length=64, examples=["IKU1"])]
Nama = Annotated[str, Field(max_length=500)]


class Komponen(Masukan):
    """One numerator/denominator pair of an indicator measured several ways (LKIP Tabel 3.5)."""

    pembilang: DesimalTidakNegatif
    penyebut: DesimalTidakNegatif


class IndikatorMasuk(Masukan):
    kode: Kode
    nama: Nama = ""
    sasaran: Kode | None = Field(
        default=None,
        description="Kode sasaran (goal). Indikator tanpa sasaran dihitung sebagai satu "
        "sasaran tanpa kode.",
    )
    arah: Arah = Field(default=Arah.NAIK, description="naik: makin tinggi makin baik.")
    metode_turun: MetodeTurun | None = Field(
        default=None,
        description="Untuk arah turun: selisih (2×target − realisasi)/target×100 (bawaan) "
        "atau rasio target/realisasi×100.",
    )
    target: Desimal | None = None
    realisasi: Desimal | None = Field(
        default=None, description="Diabaikan bila komponen diisi: realisasi dihitung dari komponen."
    )
    komponen: list[Komponen] | None = Field(default=None, max_length=1000)
    cara_gabung: CaraGabung = Field(
        default=CaraGabung.RATA_RATA,
        description="rata_rata: rata-rata rasio tiap komponen; gabungan: Σpembilang/Σpenyebut.",
    )

    @model_validator(mode="after")
    def _metode_hanya_untuk_turun(self) -> IndikatorMasuk:
        if self.metode_turun is not None and self.arah is not Arah.TURUN:
            raise ValueError("metode_turun hanya berlaku untuk indikator dengan arah 'turun'")
        return self


class ProgramMasuk(Masukan):
    kode: Kode
    nama: Nama = ""
    pagu: DesimalTidakNegatif | None = None
    realisasi: DesimalTidakNegatif | None = None
    indikator: list[Kode] = Field(
        default_factory=list,
        max_length=1000,
        description="Kode indikator yang diukur untuk program ini (untuk efisiensi).",
    )


CONTOH_HITUNG: dict[str, Any] = {
    "indikator": [
        {
            "kode": "IKU1",
            "nama": "Persentase PPKS yang terakses perlindungan dan jaminan sosial",
            "sasaran": "SS1",
            "arah": "naik",
            "target": 90,
            "realisasi": 100,
        },
        {
            "kode": "IKU2",
            "nama": "Persentase PSKS yang berpartisipasi dalam penanganan PPKS",
            "sasaran": "SS1",
            "arah": "naik",
            "target": 90,
            "komponen": [{"pembilang": 227, "penyebut": 257}],
        },
    ],
    "program": [
        {
            "kode": "PJS",
            "nama": "Program Perlindungan dan Jaminan Sosial",
            "pagu": 17359347000,
            "realisasi": 16148586614,
            "indikator": ["IKU1"],
        }
    ],
}


class HitungRequest(Masukan):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [CONTOH_HITUNG]})

    indikator: list[IndikatorMasuk] = Field(min_length=1, max_length=5000)
    program: list[ProgramMasuk] = Field(default_factory=list, max_length=5000)
    batas_atas: DesimalPositif | None = Field(
        default=None,
        description="Batas atas capaian saat dirata-rata (misalnya 100). Kosong: tanpa batas.",
    )


class Penilaian(BaseModel):
    capaian: AngkaKeluar | None = Field(description="Persen, dibulatkan 2 angka (half-up).")
    kriteria: str | None = Field(examples=["Sangat Baik"])
    warna: str | None = Field(examples=["Hijau Tua"])


class IndikatorKeluar(Penilaian):
    kode: str
    nama: str
    sasaran: str | None
    target: AngkaKeluar | None
    realisasi: AngkaKeluar | None
    catatan: str | None = Field(description="Alasan bila capaian tidak dapat dihitung.")


class SasaranKeluar(Penilaian):
    kode: str | None
    jumlah_indikator: int
    indikator_tanpa_nilai: list[str]


class KeseluruhanKeluar(Penilaian):
    jumlah_sasaran: int
    sasaran_tanpa_nilai: list[str | None]


class ProgramKeluar(BaseModel):
    kode: str
    nama: str
    pagu: AngkaKeluar | None
    realisasi: AngkaKeluar | None
    penyerapan: AngkaKeluar | None
    capaian: AngkaKeluar | None
    efisiensi: AngkaKeluar | None = Field(description="capaian − penyerapan, bertanda.")
    catatan: str | None


class HitungResponse(BaseModel):
    indikator: list[IndikatorKeluar]
    sasaran: list[SasaranKeluar]
    keseluruhan: KeseluruhanKeluar
    program: list[ProgramKeluar]


class PitaKeluar(BaseModel):
    label: str
    warna: str
    batas_bawah: AngkaKeluar | None = Field(description="Inklusif; kosong untuk pita terbawah.")
    batas_atas: AngkaKeluar | None = Field(description="Eksklusif; kosong untuk pita teratas.")


class SkalaKeluar(BaseModel):
    kode: str
    nama: str
    sumber: str
    aturan: str
    pita: list[PitaKeluar]


class TemuanKeluar(BaseModel):
    """One discrepancy in the printed report (`kinerja_core.Temuan`)."""

    jenis: str = Field(examples=["capaian_tidak_sesuai"])
    lokasi: str = Field(examples=["Tabel 3.4"])
    nama: str
    nilai_tercetak: AngkaKeluar | None
    nilai_seharusnya: AngkaKeluar | None
    selisih: AngkaKeluar | None = Field(description="nilai_tercetak − nilai_seharusnya.")
    teks_tercetak: str | None
    teks_seharusnya: str | None
    penjelasan: str


class HasilPeriksa(BaseModel):
    jumlah: int
    temuan: list[TemuanKeluar]
