"""Request and response models of complaints, the SP4N-LAPOR! webhook and deliveries."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from dinsos_api.core.angka import AngkaKeluar
from dinsos_api.core.masukan import Masukan
from dinsos_api.core.waktu import TanggalWita

POLA_ID = r"^[0-9a-f]{32}$"
POLA_KODE = r"^[a-z][a-z0-9_]{0,63}$"
POLA_TRACKING = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
POLA_URL = r"^https?://[^\s]{1,990}$"
POLA_EMAIL = r"^[^@\s]{1,64}@[^@\s]{1,190}$"
POLA_TELEPON = r"^\+?[0-9][0-9 -]{4,30}$"


class Kanal(StrEnum):
    LANGSUNG = "langsung"
    KOTAK_SARAN = "kotak_saran"
    SURAT = "surat"
    EMAIL = "email"
    SP4N_LAPOR = "sp4n_lapor"


class Klasifikasi(StrEnum):
    PENGADUAN = "pengaduan"
    ASPIRASI = "aspirasi"
    PERMINTAAN_INFORMASI = "permintaan_informasi"


class Pelapor(Masukan):
    nama: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, pattern=POLA_EMAIL, max_length=200)
    telepon: str | None = Field(default=None, pattern=POLA_TELEPON, max_length=32)
    alamat: str | None = Field(default=None, min_length=1, max_length=500)


class Lampiran(Masukan):
    nama: str = Field(min_length=1, max_length=255)
    url: str = Field(pattern=POLA_URL, max_length=1000)


class PengaduanBuat(Masukan):
    """A complaint entered by staff (in person, suggestion box, letter, e-mail). SP4N-LAPOR!
    reports arrive through the webhook only."""

    kanal: Literal["langsung", "kotak_saran", "surat", "email"]
    klasifikasi: Klasifikasi = Klasifikasi.PENGADUAN
    kategori: str | None = Field(default=None, min_length=1, max_length=200)
    judul: str = Field(min_length=1, max_length=300)
    isi: str = Field(min_length=1, max_length=10_000)
    anonim: bool = False
    rahasia: bool = False
    pelapor: Pelapor | None = None
    lampiran: list[Lampiran] = Field(default_factory=list, max_length=20)
    layanan_kode: str | None = Field(default=None, pattern=POLA_KODE)
    unit_kerja: str | None = Field(default=None, pattern=POLA_KODE)
    tanggal_lapor: date | None = Field(
        default=None, description="Tanggal pengaduan disampaikan (bawaan: hari ini, WITA)."
    )

    @field_validator("pelapor")
    @classmethod
    def _anonim_tanpa_pelapor(cls, nilai: Pelapor | None, info: ValidationInfo) -> Pelapor | None:
        # `anonim` is declared before `pelapor`, so it is already read here.
        if nilai is not None and info.data.get("anonim"):
            raise ValueError("pengaduan anonim tidak boleh menyimpan identitas pelapor")
        return nilai


class TransisiMasuk(Masukan):
    aksi: str = Field(pattern=POLA_KODE, description="Aksi, mis. telaah, disposisi, setujui.")
    catatan: str | None = Field(default=None, max_length=2000, description="Alasan/catatan.")
    jawaban: str | None = Field(
        default=None, min_length=1, max_length=10_000, description="Untuk aksi susun_jawaban."
    )
    unit_kerja: str | None = Field(
        default=None, pattern=POLA_KODE, description="Unit tujuan disposisi (aksi disposisi)."
    )


class PelaporKeluar(BaseModel):
    nama: str | None
    email: str | None
    telepon: str | None
    alamat: str | None


class PengaduanRingkas(BaseModel):
    id: str
    kanal: Kanal
    klasifikasi: Klasifikasi
    tracking_id: str | None
    judul: str | None = Field(description="Kosong bila pengaduan rahasia dan peran bukan penangan.")
    status: str
    status_label: str
    unit_kerja: str | None
    diterima_pada: datetime
    jatuh_tempo: datetime | None
    selesai_pada: datetime | None
    terlambat: bool


class PengaduanKeluar(PengaduanRingkas):
    kategori: str | None
    isi: str | None
    anonim: bool
    rahasia: bool
    konten_disembunyikan: bool
    pelapor: PelaporKeluar | None
    lampiran: list[Lampiran]
    layanan_kode: str | None
    tanggal_lapor: date
    langkah_berikut: str | None
    jawaban: str | None
    aksi_tersedia: list[str]


class Langkah(BaseModel):
    urutan: int
    aksi: str
    dari_status: str | None
    ke_status: str
    ke_label: str
    catatan: str | None
    aktor_jenis: str
    aktor_nama: str | None
    peran: str | None
    waktu: datetime


class BarisStatistik(BaseModel):
    kunci: str | None
    jumlah: int
    selesai: int = Field(description="Pengaduan yang jamnya sudah berhenti (dijawab/ditutup).")
    tepat_waktu: int
    terlambat: int = Field(
        description="Selesai melewati tenggat, atau masih berjalan lewat tenggat."
    )
    persen_tepat_waktu: AngkaKeluar | None = Field(
        description="tepat_waktu / selesai × 100, 2 desimal; kosong bila belum ada yang selesai."
    )


class Statistik(BaseModel):
    tahun: int | None
    total: BarisStatistik
    per_kanal: list[BarisStatistik]
    per_klasifikasi: list[BarisStatistik]
    per_unit: list[BarisStatistik]


# ------------------------------------------------------------------ SP4N-LAPOR! webhook


class PelaporLapor(BaseModel):
    nama: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=200)
    telepon: str | None = Field(default=None, max_length=32)


class DataLaporan(BaseModel):
    """`data` of every known event type. Unknown extra fields are ignored (forward compatible)."""

    tracking_id: str = Field(pattern=POLA_TRACKING)
    judul: str = Field(min_length=1, max_length=300)
    isi: str = Field(min_length=1, max_length=10_000)
    klasifikasi: Klasifikasi
    kategori: str | None = Field(max_length=200)
    tanggal_lapor: TanggalWita = Field(
        description="Tanggal warga melapor: YYYY-MM-DD, atau waktu ISO 8601 lengkap (diambil "
        "tanggalnya menurut WITA)."
    )
    anonim: bool
    rahasia: bool
    pelapor: PelaporLapor | None
    lampiran: list[Lampiran] = Field(default_factory=list, max_length=50)


JENIS_LAPOR = ("laporan.diteruskan", "laporan.diperbarui", "laporan.ditutup", "laporan.dialihkan")


class WebhookLapor(BaseModel):
    """The body SP4N-LAPOR!'s relay sends (the signature covers these exact bytes)."""

    type: str = Field(
        min_length=1,
        max_length=64,
        description="laporan.diteruskan | laporan.diperbarui | laporan.ditutup | "
        "laporan.dialihkan; other types are acknowledged and ignored.",
    )
    timestamp: datetime
    data: DataLaporan


class Amplop(BaseModel):
    """The envelope read first: `data` is checked only for the known types."""

    type: str = Field(min_length=1, max_length=64)
    timestamp: datetime
    data: Any = None


class WebhookJawaban(BaseModel):
    diterima: bool = True
    jenis: str
    hasil: Literal["dibuat", "diperbarui", "ditutup", "dialihkan", "diabaikan"]
    pengaduan_id: str | None


# ------------------------------------------------------------------ deliveries (outbox)


class PercobaanKeluar(BaseModel):
    ke: int = Field(description="Percobaan ke berapa (mulai 1).")
    mulai_pada: datetime
    durasi_ms: int
    kode_status: int | None = Field(description="Kode HTTP jawaban tujuan; null bila tak ada.")
    galat: str | None = Field(description="Sebab kegagalan, bila gagal.")
    hasil: str = Field(examples=["terkirim"], description="Hasil percobaan.")


class PengirimanKeluar(BaseModel):
    id: str
    topik: str = Field(examples=["sp4n_lapor.status"])
    tujuan: str = Field(description="Sistem penerima, mis. SP4N-LAPOR!.")
    subjek_id: str | None = Field(description="Id rekaman yang dikirim (mis. pengaduan).")
    status: Literal["pending", "sent", "dead"]
    jumlah_percobaan: int
    percobaan_berikut_pada: datetime
    kode_status_terakhir: int | None
    galat_terakhir: str | None
    created_at: datetime
    terkirim_pada: datetime | None
    isi: dict[str, Any] = Field(description="Isi pesan yang dikirim.")
    percobaan: list[PercobaanKeluar]
