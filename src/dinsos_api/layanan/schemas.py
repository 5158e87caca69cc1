"""Request and response shapes: the catalogue, requests with typed per-service data, steps,
documents, public tracking and the compliance report."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator

from dinsos_api.core.angka import AngkaKeluar
from dinsos_api.core.masukan import POLA_SEBARIS, Masukan

POLA_ID = r"^[0-9A-Za-z_-]{1,64}$"
POLA_KODE = r"^[a-z][a-z0-9_]{0,63}$"
POLA_WILAYAH = r"^53[0-9]{2}$"

Teks = Annotated[str, Field(min_length=1, max_length=500, pattern=POLA_SEBARIS)]
TeksPendek = Annotated[str, Field(min_length=1, max_length=200, pattern=POLA_SEBARIS)]


# ------------------------------------------------------------------ catalogue


class LayananRingkas(BaseModel):
    kode: str
    nomor: int
    nama: str
    lampiran: str
    berlaku_mulai: date
    nomor_keputusan: str
    kanal: list[str]
    biaya: dict[str, Any]
    dapat_diajukan: bool = Field(description="Dapat diajukan sebagai permohonan melalui API.")


class SlaKanal(BaseModel):
    kanal: str
    nilai: int
    satuan: str
    awalan_nomor: str


class DokumenSyarat(BaseModel):
    jenis: str
    nama: str


class LayananDetail(LayananRingkas):
    persyaratan: Any
    prosedur: Any
    waktu_pelayanan: list[dict[str, Any]]
    produk: list[str]
    pengelolaan_pengaduan: list[dict[str, Any]]
    dasar_hukum: list[str]
    maklumat_pelayanan: str | None
    alamat_surat: str | None
    ketentuan_lain: dict[str, Any] = Field(description="Tenggat pengajuan dan batas waktu lain.")
    sla: list[SlaKanal] = Field(description="Jangka waktu yang diterapkan sistem per kanal.")
    dokumen: list[DokumenSyarat]


# ------------------------------------------------------------------ per-service data


class DataInformasi(Masukan):
    topik: Teks
    pejabat_penanganan: TeksPendek | None = None


class DataKonsultasi(Masukan):
    topik: Teks
    pejabat_penanganan: TeksPendek | None = None


class DataNarasumber(Masukan):
    nama_kegiatan: Teks
    tanggal_kegiatan: date
    pejabat_narasumber: TeksPendek | None = None


class DataUgb(Masukan):
    nama_undian: Teks
    tanggal_undian: date = Field(description="Paling cepat 30 hari setelah tanggal pengajuan.")
    asal_luar_negeri: bool = False
    perwakilan_indonesia: TeksPendek | None = Field(
        default=None, description="Wajib bila undian berasal dari luar negeri."
    )

    @model_validator(mode="after")
    def _perwakilan(self) -> DataUgb:
        if self.asal_luar_negeri and not self.perwakilan_indonesia:
            raise ValueError(
                "perwakilan_indonesia wajib diisi untuk undian yang berasal dari luar negeri"
            )
        return self


class DataPengangkatanAnak(Masukan):
    anak_tanggal_lahir: date
    sk_asuh_nomor: TeksPendek | None = None
    sk_asuh_tanggal: date | None = None
    sidang_pipa_tanggal: date | None = None
    penetapan_nomor: TeksPendek | None = None
    penetapan_tanggal: date | None = None


class TujuanPemulangan(Masukan):
    jenis: Literal["kabkota_ntt", "luar_ntt"]
    kode_wilayah: Annotated[str, Field(pattern=r"^[0-9]{2,4}$")] | None = Field(
        default=None, description="Kode kabupaten/kota tujuan (wajib untuk tujuan di NTT)."
    )
    instansi: TeksPendek = Field(description="Dinas Sosial daerah asal yang dituju.")

    @model_validator(mode="after")
    def _wilayah(self) -> TujuanPemulangan:
        ntt = self.kode_wilayah is not None and self.kode_wilayah.startswith("53")
        if self.jenis == "kabkota_ntt" and not (ntt and len(self.kode_wilayah or "") == 4):
            raise ValueError("tujuan di NTT memerlukan kode_wilayah kabupaten/kota 53xx")
        if self.jenis == "luar_ntt" and ntt:
            raise ValueError("tujuan luar NTT tidak boleh memakai kode wilayah NTT (53)")
        return self


class DataPemulangan(Masukan):
    didampingi_polisi: bool = False
    tujuan: TujuanPemulangan | None = None


class DataRptc(Masukan):
    pendamping: Literal["kepolisian", "aparat_pemerintah", "lembaga_kesejahteraan_sosial"]


class DataKube(Masukan):
    nama_kelompok: TeksPendek
    anggota: list[Annotated[str, Field(pattern=POLA_ID)]] = Field(
        min_length=1, max_length=100, description="id penerima manfaat (registri) anggota KUBE."
    )
    rekening_kelompok: TeksPendek | None = None
    sk_gubernur_nomor: TeksPendek | None = None


class DataAlatBantu(Masukan):
    alat: TeksPendek = Field(description="Alat bantu yang dimohon, misalnya kursi roda.")
    jumlah: int = Field(default=1, ge=1, le=20)
    penerima_id: Annotated[str, Field(pattern=POLA_ID)] | None = Field(
        default=None, description="id penerima manfaat (registri), bila tercatat."
    )


MODEL_DATA: dict[str, type[BaseModel]] = {
    "data_informasi": DataInformasi,
    "konsultasi": DataKonsultasi,
    "narasumber": DataNarasumber,
    "izin_ugb": DataUgb,
    "rekomendasi_pengangkatan_anak": DataPengangkatanAnak,
    "pemulangan_orang_terlantar": DataPemulangan,
    "rptc": DataRptc,
    "bansos_kube": DataKube,
    "alat_bantu_disabilitas": DataAlatBantu,
}


# ------------------------------------------------------------------ requests


class Pemohon(Masukan):
    nama: TeksPendek
    kontak: TeksPendek | None = Field(default=None, description="Nomor HP atau alamat surel.")


class _Buat(Masukan):
    kanal: Annotated[str, Field(pattern=POLA_KODE)] | None = Field(
        default=None, description="Kanal pengajuan; bawaan: kanal pertama layanan."
    )
    pemohon: Pemohon
    kode_wilayah: Annotated[str, Field(pattern=POLA_WILAYAH)] | None = Field(
        default=None,
        description="Kabupaten/kota asal permohonan (wajib bila diajukan Dinsos "
        "kabupaten/kota, dan untuk pengangkatan anak, KUBE dan alat bantu).",
    )


class BuatInformasi(_Buat):
    layanan: Literal["data_informasi"]
    data: DataInformasi


class BuatKonsultasi(_Buat):
    layanan: Literal["konsultasi"]
    data: DataKonsultasi


class BuatNarasumber(_Buat):
    layanan: Literal["narasumber"]
    data: DataNarasumber


class BuatUgb(_Buat):
    layanan: Literal["izin_ugb"]
    data: DataUgb


class BuatPengangkatanAnak(_Buat):
    layanan: Literal["rekomendasi_pengangkatan_anak"]
    data: DataPengangkatanAnak


class BuatPemulangan(_Buat):
    layanan: Literal["pemulangan_orang_terlantar"]
    data: DataPemulangan


class BuatRptc(_Buat):
    layanan: Literal["rptc"]
    data: DataRptc


class BuatKube(_Buat):
    layanan: Literal["bansos_kube"]
    data: DataKube


class BuatAlatBantu(_Buat):
    layanan: Literal["alat_bantu_disabilitas"]
    data: DataAlatBantu


PermohonanBuat = Annotated[
    BuatInformasi
    | BuatKonsultasi
    | BuatNarasumber
    | BuatUgb
    | BuatPengangkatanAnak
    | BuatPemulangan
    | BuatRptc
    | BuatKube
    | BuatAlatBantu,
    Field(discriminator="layanan"),
]


class TransisiMasuk(Masukan):
    aksi: Annotated[str, Field(pattern=POLA_KODE)]
    catatan: Annotated[str, Field(max_length=2000)] | None = Field(
        default=None, description="Alasan atau catatan (wajib untuk tolak, batalkan, kembalikan)."
    )
    lampiran: list[Annotated[str, Field(pattern=POLA_ID)]] = Field(
        default_factory=list, max_length=50, description="id lampiran yang menyertai langkah."
    )
    data: dict[str, Any] = Field(
        default_factory=dict,
        description="Isian khusus layanan yang dilengkapi pada langkah ini (mis. sk_asuh_nomor).",
    )


# ------------------------------------------------------------------ responses


class PemohonKeluar(BaseModel):
    nama: str
    kontak: str | None


class LampiranKeluar(BaseModel):
    id: str
    jenis: str
    nama_berkas: str
    tipe_mime: str
    ukuran: int
    sha256: str
    diunggah_pada: datetime


class Tenggat(BaseModel):
    nama: str
    tanggal: date
    keterangan: str


class PermohonanKeluar(BaseModel):
    id: str
    nomor: str
    layanan: str
    kanal: str
    status: str
    status_label: str
    langkah_berikut: str | None
    kode_wilayah: str | None
    pemohon: PemohonKeluar
    data: dict[str, Any]
    diajukan_pada: datetime
    jam_mulai: datetime | None
    jatuh_tempo: datetime | None
    jeda_sejak: datetime | None
    selesai_pada: datetime | None
    terlambat: bool
    aksi_tersedia: list[str]
    tenggat: list[Tenggat]
    lampiran: list[LampiranKeluar]


class PermohonanBaru(PermohonanKeluar):
    token_lacak: str = Field(description="Token pelacakan; hanya ditampilkan sekali ini.")


class PermohonanRingkas(BaseModel):
    id: str
    nomor: str
    layanan: str
    status: str
    status_label: str
    kode_wilayah: str | None
    diajukan_pada: datetime
    jatuh_tempo: datetime | None
    selesai_pada: datetime | None
    terlambat: bool


class Langkah(BaseModel):
    urutan: int
    aksi: str
    dari_status: str | None
    ke_status: str
    ke_label: str
    catatan: str | None
    lampiran: list[str]
    aktor_jenis: str
    aktor_nama: str | None
    peran: str | None
    waktu: datetime


class LangkahPublik(BaseModel):
    status: str
    status_label: str
    waktu: datetime


class Lacak(BaseModel):
    """What a citizen sees of a request: each instant (UTC) beside its date in WITA, the
    date an office in NTT would write on paper."""

    nomor: str
    layanan: str
    layanan_nama: str
    status: str
    status_label: str
    langkah_berikut: str | None
    diajukan_pada: datetime
    diajukan_tanggal: date = Field(description="Tanggal pengajuan (WITA).")
    jatuh_tempo: datetime | None
    jatuh_tempo_tanggal: date | None = Field(
        description="Hari terakhir penyelesaian (WITA): layanan selesai paling lambat hari ini."
    )
    selesai_pada: datetime | None
    selesai_tanggal: date | None = Field(description="Tanggal selesai (WITA).")
    riwayat: list[LangkahPublik]


class KepatuhanLayanan(BaseModel):
    layanan: str
    nama: str
    permohonan: int
    selesai: int
    selesai_tepat_waktu: int
    persen_tepat_waktu: AngkaKeluar | None
    median_durasi_jam: AngkaKeluar | None


class Kepatuhan(BaseModel):
    tahun: int
    bulan: int | None
    layanan: list[KepatuhanLayanan]
