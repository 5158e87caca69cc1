"""Public services: catalogue reads, requests moved through their machines, SLA clocks,
documents, public tracking and the compliance report. No HTTP here."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import filetype
from pydantic import BaseModel, ValidationError
from sqlalchemy import and_, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from dinsos_api.core.akses import Aktor, Konteks, Peran, pastikan_baca, pastikan_tulis
from dinsos_api.core.audit import catat
from dinsos_api.core.errors import Masalah
from dinsos_api.core.hari_kerja import hari_jatuh_tempo, jatuh_tempo, sisa, tambah_bulan
from dinsos_api.core.paginasi import paginasi
from dinsos_api.core.waktu import WITA, sebagai_utc, sekarang
from dinsos_api.layanan import katalog
from dinsos_api.layanan.alur import (
    AksiTidakDikenal,
    Alur,
    EfekJam,
    PeranDitolak,
    SyaratKurang,
    TidakBolehDariStatus,
)
from dinsos_api.layanan.models import (
    LampiranPermohonan,
    LayananVersi,
    NomorUrut,
    Permohonan,
    RiwayatPermohonan,
)
from dinsos_api.layanan.penyimpanan import Penyimpanan
from dinsos_api.layanan.schemas import (
    MODEL_DATA,
    DokumenSyarat,
    Kepatuhan,
    KepatuhanLayanan,
    Lacak,
    LampiranKeluar,
    Langkah,
    LangkahPublik,
    LayananDetail,
    LayananRingkas,
    PemohonKeluar,
    PermohonanBaru,
    PermohonanBuat,
    PermohonanKeluar,
    PermohonanRingkas,
    SlaKanal,
    Tenggat,
    TransisiMasuk,
)
from dinsos_api.layanan.sla import kalender_kantor
from dinsos_api.penerima import service as penerima_service
from dinsos_api.wilayah import service as wilayah_service
from kinerja_core import bulatkan, median, rasio

LABEL = "permohonan"
# Services whose applicant is a district office or that concern one district's residents.
WAJIB_WILAYAH = frozenset(
    {"rekomendasi_pengangkatan_anak", "bansos_kube", "alat_bantu_disabilitas"}
)
UGB_HARI_SEBELUM_UNDIAN = 30
NARASUMBER_HARI_SEBELUM_KEGIATAN = 3
MASA_ASUH_BULAN = 6
USIA_DEWASA = 18
TIPE_LAMPIRAN = frozenset({"application/pdf", "image/jpeg", "image/png"})


def hari_ini() -> date:
    return sekarang().astimezone(WITA).date()


# ================================================================== catalogue


def _versi_berlaku(session: Session, tanggal: date) -> list[LayananVersi]:
    """For each service, the standard in force on `tanggal` (the latest not after it)."""
    rows = session.exec(
        select(LayananVersi)
        .where(LayananVersi.berlaku_mulai <= tanggal)
        .order_by(col(LayananVersi.nomor), col(LayananVersi.berlaku_mulai).desc())
    ).all()
    terbaru: dict[str, LayananVersi] = {}
    for v in rows:
        terbaru.setdefault(v.kode, v)
    return list(terbaru.values())


def _ringkas(v: LayananVersi, isi: dict[str, Any]) -> dict[str, Any]:
    return {
        "kode": v.kode,
        "nomor": v.nomor,
        "nama": v.nama,
        "lampiran": isi.get("lampiran", ""),
        "berlaku_mulai": v.berlaku_mulai,
        "nomor_keputusan": v.nomor_keputusan,
        "kanal": isi.get("kanal", []),
        "biaya": isi.get("biaya", {}),
        "dapat_diajukan": v.kode in katalog.definisi(),
    }


def daftar_layanan(session: Session, tanggal: date | None) -> list[LayananRingkas]:
    return [
        LayananRingkas(**_ringkas(v, katalog.isi_publik(v.isi)))
        for v in _versi_berlaku(session, tanggal or hari_ini())
    ]


def ambil_layanan(session: Session, kode: str, tanggal: date | None) -> LayananDetail:
    hari = tanggal or hari_ini()
    versi = next((v for v in _versi_berlaku(session, hari) if v.kode == kode), None)
    if versi is None:
        raise Masalah(404, f"Layanan '{kode}' tidak ditemukan (atau belum berlaku pada {hari}).")
    d = katalog.definisi().get(kode)
    # Rows loaded before the analysts' notes were kept out at load still hold them.
    isi: dict[str, Any] = katalog.isi_publik(versi.isi)
    return LayananDetail(
        **_ringkas(versi, isi),
        persyaratan=isi.get("persyaratan"),
        prosedur=isi.get("prosedur"),
        waktu_pelayanan=isi.get("waktu_pelayanan", []),
        produk=isi.get("produk", []),
        pengelolaan_pengaduan=isi.get("pengelolaan_pengaduan", []),
        dasar_hukum=isi.get("dasar_hukum", []),
        maklumat_pelayanan=isi.get("maklumat_pelayanan"),
        alamat_surat=isi.get("alamat_surat"),
        ketentuan_lain={k: isi[k] for k in ("tenggat_pengajuan", "batas_waktu_lain") if k in isi},
        sla=[
            SlaKanal(kanal=k.kode, nilai=k.sla_nilai, satuan=k.sla_satuan, awalan_nomor=d.awalan)
            for k in d.kanal.values()
        ]
        if d
        else [],
        dokumen=[DokumenSyarat(jenis=j, nama=n) for j, n in d.dokumen.items()] if d else [],
    )


# ================================================================== helpers


def _masalah_422(detail: str, errors: Sequence[Mapping[str, str]]) -> Masalah:
    return Masalah(422, detail, jenis="validasi", errors=errors)


def _definisi(kode: str) -> katalog.DefinisiLayanan:
    d = katalog.definisi().get(kode)
    if d is None:
        raise _masalah_422(
            f"Layanan '{kode}' tidak dapat diajukan sebagai permohonan.",
            [{"field": "layanan", "message": "layanan tidak dikenal"}],
        )
    return d


def _kanal(p: Permohonan) -> katalog.Kanal:
    return katalog.definisi()[p.layanan_kode].kanal[p.kanal]


def _alur(p: Permohonan) -> Alur:
    return _kanal(p).alur


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _terlambat(p: Permohonan, saat: datetime) -> bool:
    if p.jatuh_tempo is None:
        return False
    tempo = sebagai_utc(p.jatuh_tempo)
    if p.selesai_pada is not None:
        return sebagai_utc(p.selesai_pada) > tempo
    return p.jeda_sejak is None and saat > tempo


def _pesan_validasi(exc: ValidationError, awalan: str) -> list[dict[str, str]]:
    hasil = []
    for e in exc.errors():
        lokasi = ".".join(str(x) for x in e["loc"])
        hasil.append({"field": f"{awalan}.{lokasi}" if lokasi else awalan, "message": e["msg"]})
    return hasil


def _validasi_data(layanan: str, data: Mapping[str, Any]) -> dict[str, Any]:
    model: type[BaseModel] = MODEL_DATA[layanan]
    try:
        return model.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        raise _masalah_422(
            "Isian data permohonan tidak valid.", _pesan_validasi(exc, "data")
        ) from None


def _dokumen_ada(session: Session, permohonan_id: str) -> set[str]:
    return set(
        session.exec(
            select(LampiranPermohonan.jenis).where(
                LampiranPermohonan.permohonan_id == permohonan_id
            )
        ).all()
    )


# ================================================================== service-specific rules


def _tanggal(nilai: Any) -> date | None:
    return date.fromisoformat(nilai) if isinstance(nilai, str) else nilai


def _berakhir_asuh(data: Mapping[str, Any]) -> date | None:
    mulai = _tanggal(data.get("sk_asuh_tanggal"))
    return tambah_bulan(mulai, MASA_ASUH_BULAN) if mulai else None


def _tanggal_dewasa(data: Mapping[str, Any]) -> date | None:
    lahir = _tanggal(data.get("anak_tanggal_lahir"))
    return tambah_bulan(lahir, 12 * USIA_DEWASA) if lahir else None


def _penjaga_masa_asuh(data: Mapping[str, Any]) -> str | None:
    berakhir = _berakhir_asuh(data)
    if berakhir is None:
        return "SK pengasuhan sementara belum dicatat (sk_asuh_tanggal)."
    if data["_hari_ini"] < berakhir:
        return (
            f"Masa pengasuhan sementara 6 bulan baru berakhir pada {berakhir.isoformat()}; "
            "sidang TIM PIPA belum dapat dilaksanakan."
        )
    sidang = _tanggal(data.get("sidang_pipa_tanggal"))
    if sidang is not None and sidang < berakhir:
        return (
            f"Tanggal sidang TIM PIPA ({sidang.isoformat()}) sebelum masa pengasuhan "
            f"sementara berakhir ({berakhir.isoformat()})."
        )
    return None


def _penjaga_dewasa(data: Mapping[str, Any]) -> str | None:
    dewasa = _tanggal_dewasa(data)
    if dewasa is None or data["_hari_ini"] < dewasa:
        return "Pemantauan pasca pengangkatan berlangsung sampai anak berusia 18 tahun" + (
            f" ({dewasa.isoformat()})." if dewasa else "."
        )
    return None


def _penjaga_polisi(data: Mapping[str, Any]) -> str | None:
    if data.get("didampingi_polisi") or "surat_keterangan_polisi" in data["_dokumen"]:
        return None
    return (
        "Pemohon harus didampingi petugas kepolisian atau membawa surat keterangan "
        "keterlantaran dari kepolisian (lampiran surat_keterangan_polisi)."
    )


PENJAGA: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "masa_asuh_selesai": _penjaga_masa_asuh,
    "anak_berusia_18": _penjaga_dewasa,
    "pendamping_polisi": _penjaga_polisi,
}


def _batas_narasumber(data: Mapping[str, Any]) -> date | None:
    kegiatan = _tanggal(data.get("tanggal_kegiatan"))
    return kegiatan - timedelta(days=NARASUMBER_HARI_SEBELUM_KEGIATAN) if kegiatan else None


def _periksa_saat_buat(
    session: Session, aktor: Aktor, layanan: str, data: Mapping[str, Any], hari: date
) -> None:
    errors: list[dict[str, str]] = []
    if layanan == "izin_ugb":
        undian = _tanggal(data["tanggal_undian"])
        paling_cepat = hari + timedelta(days=UGB_HARI_SEBELUM_UNDIAN)
        if undian is not None and undian < paling_cepat:
            errors.append(
                {
                    "field": "data.tanggal_undian",
                    "message": f"permohonan diajukan paling lambat 30 hari sebelum undian: "
                    f"tanggal undian paling cepat {paling_cepat.isoformat()}",
                }
            )
    elif layanan == "narasumber":
        batas = _batas_narasumber(data)
        if batas is not None and batas < hari:
            errors.append(
                {
                    "field": "data.tanggal_kegiatan",
                    "message": "surat jawaban harus terbit paling lambat 3 hari sebelum kegiatan; "
                    "tanggal kegiatan terlalu dekat",
                }
            )
    elif layanan == "rekomendasi_pengangkatan_anak":
        lahir = _tanggal(data["anak_tanggal_lahir"])
        if lahir is not None and lahir > hari:
            errors.append({"field": "data.anak_tanggal_lahir", "message": "tanggal di masa depan"})
    orang: list[tuple[str, str]] = []
    if layanan == "bansos_kube":
        if len(set(data["anggota"])) != len(data["anggota"]):
            errors.append(
                {"field": "data.anggota", "message": "anggota tercantum lebih dari sekali"}
            )
        orang = [(f"data.anggota[{i}]", o) for i, o in enumerate(data["anggota"])]
    elif layanan == "alat_bantu_disabilitas" and data.get("penerima_id"):
        orang = [("data.penerima_id", data["penerima_id"])]
    for field, id_ in orang:
        try:
            penerima_service.ambil(session, aktor, id_)
        except Masalah:
            errors.append(
                {"field": field, "message": "penerima manfaat tidak ditemukan di registri"}
            )
    if errors:
        raise _masalah_422("Isian data permohonan tidak memenuhi ketentuan layanan.", errors)


def _periksa_data_langkah(data: Mapping[str, Any], hari: date) -> None:
    for kolom in ("sk_asuh_tanggal", "penetapan_tanggal"):
        tanggal = _tanggal(data.get(kolom))
        if tanggal is not None and tanggal > hari:
            raise _masalah_422(
                "Tanggal dokumen tidak boleh di masa depan.",
                [{"field": f"data.{kolom}", "message": "tanggal di masa depan"}],
            )


def _tenggat(p: Permohonan) -> list[Tenggat]:
    data = p.data
    hasil: list[Tenggat] = []
    if p.layanan_kode == "narasumber":
        batas = _batas_narasumber(data)
        if batas:
            hasil.append(
                Tenggat(
                    nama="jawaban_sebelum_kegiatan",
                    tanggal=batas,
                    keterangan="3 hari sebelum tanggal pelaksanaan kegiatan",
                )
            )
        if p.jam_mulai:
            tujuh = kalender_kantor().tambah_hari_kerja(
                sebagai_utc(p.jam_mulai).astimezone(WITA).date(), 7
            )
            hasil.append(
                Tenggat(
                    nama="jawaban_7_hari_kerja",
                    tanggal=tujuh,
                    keterangan="7 hari kerja sejak surat diterima",
                )
            )
    elif p.layanan_kode == "izin_ugb":
        hasil.append(
            Tenggat(
                nama="tanggal_undian",
                tanggal=_tanggal(data["tanggal_undian"]) or hari_ini(),
                keterangan="Tanggal penyelenggaraan undian",
            )
        )
    elif p.layanan_kode == "rekomendasi_pengangkatan_anak":
        berakhir = _berakhir_asuh(data)
        if berakhir:
            hasil.append(
                Tenggat(
                    nama="akhir_pengasuhan_sementara",
                    tanggal=berakhir,
                    keterangan="SK pengasuhan sementara berakhir; sidang TIM PIPA sesudahnya",
                )
            )
        penetapan = _tanggal(data.get("penetapan_tanggal"))
        dewasa = _tanggal_dewasa(data)
        if penetapan and dewasa:
            ke = 1
            while (jatuh := tambah_bulan(penetapan, 12 * ke)) <= dewasa:
                hasil.append(
                    Tenggat(
                        nama=f"laporan_perkembangan_{ke}",
                        tanggal=jatuh,
                        keterangan="Laporan perkembangan anak tahunan (sampai usia 18 tahun)",
                    )
                )
                ke += 1
    return hasil


# ================================================================== output


def _lampiran_keluar(row: LampiranPermohonan) -> LampiranKeluar:
    return LampiranKeluar.model_validate(row, from_attributes=True)


def keluar(session: Session, p: Permohonan, aktor: Aktor | None = None) -> PermohonanKeluar:
    alur = _alur(p)
    status = alur.status[p.status]
    lampiran = session.exec(
        select(LampiranPermohonan)
        .where(LampiranPermohonan.permohonan_id == p.id)
        .order_by(col(LampiranPermohonan.diunggah_pada), col(LampiranPermohonan.id))
    ).all()
    aksi = [
        t.aksi for t in alur.aksi_dari(p.status) if aktor is None or aktor.peran.value in t.peran
    ]
    return PermohonanKeluar(
        id=p.id,
        nomor=p.nomor,
        layanan=p.layanan_kode,
        kanal=p.kanal,
        status=p.status,
        status_label=status.label,
        langkah_berikut=status.langkah_berikut,
        kode_wilayah=p.kode_wilayah,
        pemohon=PemohonKeluar(nama=p.pemohon_nama, kontak=p.pemohon_kontak),
        data=p.data,
        diajukan_pada=sebagai_utc(p.diajukan_pada),
        jam_mulai=p.jam_mulai and sebagai_utc(p.jam_mulai),
        jatuh_tempo=p.jatuh_tempo and sebagai_utc(p.jatuh_tempo),
        jeda_sejak=p.jeda_sejak and sebagai_utc(p.jeda_sejak),
        selesai_pada=p.selesai_pada and sebagai_utc(p.selesai_pada),
        terlambat=_terlambat(p, sekarang()),
        aksi_tersedia=sorted(set(aksi)),
        tenggat=_tenggat(p),
        lampiran=[_lampiran_keluar(r) for r in lampiran],
    )


def _ringkas_permohonan(p: Permohonan, saat: datetime) -> PermohonanRingkas:
    return PermohonanRingkas(
        id=p.id,
        nomor=p.nomor,
        layanan=p.layanan_kode,
        status=p.status,
        status_label=_alur(p).label(p.status),
        kode_wilayah=p.kode_wilayah,
        diajukan_pada=sebagai_utc(p.diajukan_pada),
        jatuh_tempo=p.jatuh_tempo and sebagai_utc(p.jatuh_tempo),
        selesai_pada=p.selesai_pada and sebagai_utc(p.selesai_pada),
        terlambat=_terlambat(p, saat),
    )


def _audit_isi(p: Permohonan) -> dict[str, Any]:
    # Personal fields (name, contact) stay out of the audit trail; the request row has them.
    return {
        "nomor": p.nomor,
        "layanan": p.layanan_kode,
        "status": p.status,
        "jatuh_tempo": p.jatuh_tempo,
        "selesai_pada": p.selesai_pada,
    }


# ================================================================== SLA clock


def _tempo_awal(p: Permohonan, kanal: katalog.Kanal, saat: datetime) -> datetime:
    tempo = jatuh_tempo(saat, kanal.sla_nilai, kanal.sla_satuan, kalender_kantor())
    if p.layanan_kode == "narasumber":
        # The decree's two deadlines; the earlier one is the one enforced.
        batas = _batas_narasumber(p.data)
        if batas is not None:
            akhir = datetime.combine(batas + timedelta(days=1), datetime.min.time(), tzinfo=WITA)
            tempo = min(tempo, akhir)
    return tempo


def _jalankan_jam(p: Permohonan, efek: EfekJam | None, saat: datetime) -> None:
    """Start, pause, resume or stop the clock for the state just entered."""
    kanal = _kanal(p)
    if p.jeda_sejak is not None and efek is not EfekJam.JEDA:
        jeda = sebagai_utc(p.jeda_sejak)
        p.total_jeda_detik += int((saat - jeda).total_seconds())
        p.jeda_sejak = None
        if p.jatuh_tempo is not None and efek is not EfekJam.HENTI:
            nilai, satuan = sisa(
                sebagai_utc(p.jatuh_tempo), jeda, kanal.sla_satuan, kalender_kantor()
            )
            p.jatuh_tempo = jatuh_tempo(saat, nilai, satuan, kalender_kantor())
    if efek is EfekJam.MULAI and p.jam_mulai is None:
        p.jam_mulai = saat
        p.jatuh_tempo = _tempo_awal(p, kanal, saat)
    elif efek is EfekJam.JEDA and p.jam_mulai is not None and p.selesai_pada is None:
        p.jeda_sejak = p.jeda_sejak or saat
    elif efek is EfekJam.HENTI and p.jam_mulai is not None and p.selesai_pada is None:
        p.selesai_pada = saat


# ================================================================== requests


def _nomor_berikut(session: Session, awalan: str, tahun: int) -> int:
    """Next number for (prefix, year) in the caller's transaction: rows lock on PostgreSQL,
    SQLite serialises writers, and a rollback returns the number (no gaps)."""
    dialek = session.get_bind().dialect.name
    insert = postgresql.insert if dialek == "postgresql" else sqlite.insert
    session.execute(
        insert(NomorUrut)
        .values(awalan=awalan, tahun=tahun, terakhir=0)
        .on_conflict_do_nothing(index_elements=["awalan", "tahun"])
    )
    naik = (
        update(NomorUrut)
        .where(col(NomorUrut.awalan) == awalan, col(NomorUrut.tahun) == tahun)
        .values(terakhir=NomorUrut.terakhir + 1)
        .returning(col(NomorUrut.terakhir))
    )
    return int(session.execute(naik).scalar_one())


def _catat_langkah(
    session: Session,
    ktx: Konteks,
    p: Permohonan,
    aksi: str,
    dari: str | None,
    catatan: str | None,
    lampiran: list[str],
    saat: datetime,
) -> None:
    urutan = session.exec(select(func.count()).where(RiwayatPermohonan.permohonan_id == p.id)).one()
    session.add(
        RiwayatPermohonan(
            permohonan_id=p.id,
            urutan=int(urutan) + 1,
            aksi=aksi,
            dari_status=dari,
            ke_status=p.status,
            catatan=catatan,
            lampiran=lampiran,
            **ktx.kolom_pelaku(),
            waktu=saat,
        )
    )


def _wilayah_permohonan(
    session: Session, aktor: Aktor, layanan: str, diminta: str | None
) -> str | None:
    kode = diminta
    if aktor.peran is Peran.OPERATOR_KABKOTA:
        kode = kode or aktor.kode_wilayah
        pastikan_tulis(aktor, kode, LABEL)
    if kode is None and layanan in WAJIB_WILAYAH:
        raise _masalah_422(
            "Layanan ini memerlukan kabupaten/kota asal permohonan.",
            [{"field": "kode_wilayah", "message": "wajib diisi untuk layanan ini"}],
        )
    if kode is not None and wilayah_service.cari(session, kode) is None:
        raise _masalah_422(
            f"Kode wilayah {kode} tidak dikenal.",
            [{"field": "kode_wilayah", "message": "wilayah tidak ditemukan"}],
        )
    return kode


def buat(session: Session, ktx: Konteks, req: PermohonanBuat) -> PermohonanBaru:
    """Register a request: number, tracking token (returned once, stored hashed), clock."""
    aktor = ktx.pelaku
    d = _definisi(req.layanan)
    if aktor.peran.value not in d.pengaju:
        raise Masalah(
            403,
            f"Peran '{aktor.peran}' tidak dapat mengajukan layanan {req.layanan}.",
            jenis="akses-ditolak",
        )
    kanal_kode = req.kanal or next(iter(d.kanal))
    kanal = d.kanal.get(kanal_kode)
    if kanal is None:
        raise _masalah_422(
            f"Kanal '{kanal_kode}' tidak tersedia untuk layanan ini.",
            [{"field": "kanal", "message": f"pilih salah satu: {', '.join(d.kanal)}"}],
        )
    saat = sekarang()
    hari = saat.astimezone(WITA).date()
    versi = next((v for v in _versi_berlaku(session, hari) if v.kode == req.layanan), None)
    if versi is None:
        raise _masalah_422(
            "Standar pelayanan untuk layanan ini belum dimuat.",
            [{"field": "layanan", "message": "katalog layanan belum tersedia"}],
        )
    kode_wilayah = _wilayah_permohonan(session, aktor, req.layanan, req.kode_wilayah)
    data = req.data.model_dump(mode="json")
    _periksa_saat_buat(session, aktor, req.layanan, data, hari)
    token = secrets.token_urlsafe(24)
    nomor = _nomor_berikut(session, d.awalan, hari.year)
    alur = kanal.alur
    p = Permohonan(
        nomor=f"{d.awalan}-{hari.year}-{nomor:06d}",
        layanan_kode=req.layanan,
        layanan_versi_id=versi.id,
        kanal=kanal_kode,
        status=alur.status_awal,
        kode_wilayah=kode_wilayah,
        pemohon_nama=req.pemohon.nama,
        pemohon_kontak=req.pemohon.kontak,
        data=data,
        token_hash=_hash_token(token),
        diajukan_pada=saat,
        dibuat_oleh=aktor.id,
        updated_at=saat,
    )
    _jalankan_jam(p, alur.efek_jam(p.status), saat)
    session.add(p)
    session.flush()
    _catat_langkah(session, ktx, p, "ajukan", None, None, [], saat)
    catat(session, ktx, sumber_daya=LABEL, sumber_daya_id=p.id, aksi="buat", baru=_audit_isi(p))
    session.commit()
    session.refresh(p)
    return PermohonanBaru(**keluar(session, p, aktor).model_dump(), token_lacak=token)


def _cari(session: Session, aktor: Aktor, id_: str) -> Permohonan:
    p = session.get(Permohonan, id_)
    if p is None:
        raise Masalah(404, "Permohonan tidak ditemukan.")
    pastikan_baca(aktor, p.kode_wilayah, LABEL)
    return p


def ambil(session: Session, aktor: Aktor, id_: str) -> PermohonanKeluar:
    return keluar(session, _cari(session, aktor, id_), aktor)


def transisi(session: Session, ktx: Konteks, id_: str, req: TransisiMasuk) -> PermohonanKeluar:
    aktor = ktx.pelaku
    p = _cari(session, aktor, id_)
    pastikan_tulis(aktor, p.kode_wilayah, LABEL)
    alur = _alur(p)
    d = katalog.definisi()[p.layanan_kode]
    saat = sekarang()
    hari = saat.astimezone(WITA).date()
    milik = set(
        session.exec(
            select(LampiranPermohonan.id).where(LampiranPermohonan.permohonan_id == p.id)
        ).all()
    )
    asing = [i for i in req.lampiran if i not in milik]
    if asing:
        raise _masalah_422(
            "Lampiran tidak ditemukan pada permohonan ini.",
            [{"field": "lampiran", "message": f"lampiran tidak dikenal: {', '.join(asing)}"}],
        )
    data = _validasi_data(p.layanan_kode, {**p.data, **req.data}) if req.data else dict(p.data)
    _periksa_data_langkah(data, hari)
    dokumen = _dokumen_ada(session, p.id)
    try:
        t = alur.periksa(
            p.status,
            req.aksi,
            aktor.peran.value,
            dokumen_ada=dokumen,
            data={**data, "_hari_ini": hari, "_dokumen": dokumen},
            catatan=req.catatan,
            penjaga=PENJAGA,
            label_dokumen=d.dokumen,
        )
    except AksiTidakDikenal as exc:
        raise _masalah_422(exc.pesan, [{"field": "aksi", "message": exc.pesan}]) from None
    except TidakBolehDariStatus as exc:
        raise Masalah(409, exc.pesan, jenis="status-permohonan") from None
    except PeranDitolak as exc:
        raise Masalah(403, exc.pesan, jenis="akses-ditolak") from None
    except SyaratKurang as exc:
        raise _masalah_422(
            exc.pesan, [{"field": k.field, "message": k.message} for k in exc.kekurangan]
        ) from None
    lama = _audit_isi(p)
    dari = p.status
    p.status = t.ke
    p.data = data
    p.updated_at = saat
    _jalankan_jam(p, alur.efek_jam(t.ke), saat)
    session.add(p)
    _catat_langkah(session, ktx, p, t.aksi, dari, req.catatan, req.lampiran, saat)
    catat(
        session,
        ktx,
        sumber_daya=LABEL,
        sumber_daya_id=p.id,
        aksi=f"transisi:{t.aksi}",
        lama={**lama, "status": dari},
        baru=_audit_isi(p),
    )
    session.commit()
    session.refresh(p)
    return keluar(session, p, aktor)


def riwayat(session: Session, aktor: Aktor, id_: str) -> list[Langkah]:
    p = _cari(session, aktor, id_)
    alur = _alur(p)
    rows = session.exec(
        select(RiwayatPermohonan)
        .where(RiwayatPermohonan.permohonan_id == p.id)
        .order_by(col(RiwayatPermohonan.urutan))
    ).all()
    return [
        Langkah(
            urutan=r.urutan,
            aksi=r.aksi,
            dari_status=r.dari_status,
            ke_status=r.ke_status,
            ke_label=alur.label(r.ke_status),
            catatan=r.catatan,
            lampiran=r.lampiran,
            aktor_jenis=r.aktor_jenis,
            aktor_nama=r.aktor_nama,
            peran=r.peran,
            waktu=sebagai_utc(r.waktu),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class SaringPermohonan:
    layanan: str | None = None
    status: str | None = None
    kode_wilayah: str | None = None
    terlambat: bool | None = None
    jatuh_tempo_sebelum: datetime | None = None


def daftar(
    session: Session, aktor: Aktor, saring: SaringPermohonan, limit: int, cursor: str | None
) -> tuple[list[PermohonanRingkas], str | None]:
    saat = sekarang()
    stmt = select(Permohonan)
    if aktor.peran is Peran.OPERATOR_KABKOTA:
        stmt = stmt.where(col(Permohonan.kode_wilayah) == aktor.kode_wilayah)
    if saring.kode_wilayah:
        stmt = stmt.where(col(Permohonan.kode_wilayah) == saring.kode_wilayah)
    if saring.layanan:
        stmt = stmt.where(col(Permohonan.layanan_kode) == saring.layanan)
    if saring.status:
        stmt = stmt.where(col(Permohonan.status) == saring.status)
    if saring.jatuh_tempo_sebelum:
        stmt = stmt.where(col(Permohonan.jatuh_tempo) < saring.jatuh_tempo_sebelum)
    if saring.terlambat is not None:
        tempo, selesai = col(Permohonan.jatuh_tempo), col(Permohonan.selesai_pada)
        telat = and_(
            tempo.is_not(None),
            or_(
                and_(selesai.is_not(None), selesai > tempo),
                and_(selesai.is_(None), col(Permohonan.jeda_sejak).is_(None), tempo < saat),
            ),
        )
        stmt = stmt.where(telat if saring.terlambat else ~telat)
    rows, berikut = paginasi(
        session, stmt, [col(Permohonan.diajukan_pada), col(Permohonan.id)], limit, cursor
    )
    return [_ringkas_permohonan(p, saat) for p in rows], berikut


# ================================================================== public tracking

_TOKEN_SEMU = _hash_token("tidak-ada")


def lacak(session: Session, nomor: str, token: str) -> Lacak:
    """Status for the applicant; a wrong token and an unknown number answer the same."""
    p = session.exec(select(Permohonan).where(Permohonan.nomor == nomor)).first()
    cocok = hmac.compare_digest(
        _hash_token(token).encode(), (p.token_hash if p else _TOKEN_SEMU).encode()
    )
    if p is None or not cocok:
        raise Masalah(404, "Permohonan dengan nomor dan token tersebut tidak ditemukan.")
    alur = _alur(p)
    versi = session.get(LayananVersi, p.layanan_versi_id)
    langkah = session.exec(
        select(RiwayatPermohonan)
        .where(RiwayatPermohonan.permohonan_id == p.id)
        .order_by(col(RiwayatPermohonan.urutan))
    ).all()
    status = alur.status[p.status]
    return Lacak(
        nomor=p.nomor,
        layanan=p.layanan_kode,
        layanan_nama=versi.nama if versi else p.layanan_kode,
        status=p.status,
        status_label=status.label,
        langkah_berikut=status.langkah_berikut,
        diajukan_pada=sebagai_utc(p.diajukan_pada),
        diajukan_tanggal=sebagai_utc(p.diajukan_pada).astimezone(WITA).date(),
        jatuh_tempo=p.jatuh_tempo and sebagai_utc(p.jatuh_tempo),
        jatuh_tempo_tanggal=p.jatuh_tempo and hari_jatuh_tempo(sebagai_utc(p.jatuh_tempo)),
        selesai_pada=p.selesai_pada and sebagai_utc(p.selesai_pada),
        selesai_tanggal=p.selesai_pada and sebagai_utc(p.selesai_pada).astimezone(WITA).date(),
        riwayat=[
            LangkahPublik(
                status=r.ke_status, status_label=alur.label(r.ke_status), waktu=sebagai_utc(r.waktu)
            )
            for r in langkah
        ],
    )


# ================================================================== documents


def unggah(
    session: Session,
    ktx: Konteks,
    id_: str,
    jenis: str,
    nama_berkas: str,
    isi: bytes,
    penyimpanan: Penyimpanan,
) -> LampiranKeluar:
    """Store a document of one of the service's types; PDF/JPEG/PNG judged by content."""
    aktor = ktx.pelaku
    p = _cari(session, aktor, id_)
    pastikan_tulis(aktor, p.kode_wilayah, LABEL)
    d = katalog.definisi()[p.layanan_kode]
    if jenis not in d.dokumen:
        raise _masalah_422(
            f"Jenis dokumen '{jenis}' bukan persyaratan layanan ini.",
            [{"field": "jenis", "message": f"pilih salah satu: {', '.join(d.dokumen)}"}],
        )
    if _alur(p).status[p.status].akhir:
        raise Masalah(409, "Permohonan sudah selesai; lampiran tidak dapat ditambah.")
    tebakan = filetype.guess(isi)
    mime = tebakan.mime if tebakan else None
    if mime not in TIPE_LAMPIRAN:
        raise _masalah_422(
            "Isi berkas bukan PDF, JPEG atau PNG.",
            [{"field": "berkas", "message": "jenis isi berkas tidak didukung (PDF, JPEG, PNG)"}],
        )
    sidik = hashlib.sha256(isi).hexdigest()
    row = LampiranPermohonan(
        permohonan_id=p.id,
        jenis=jenis,
        nama_berkas=(nama_berkas or "berkas")[:255],
        tipe_mime=str(mime),
        ukuran=len(isi),
        sha256=sidik,
        kunci_simpan="",
        diunggah_oleh=aktor.id,
    )
    row.kunci_simpan = f"permohonan/{p.id}/{row.id}"
    penyimpanan.simpan(row.kunci_simpan, isi)
    session.add(row)
    catat(
        session,
        ktx,
        sumber_daya="lampiran_permohonan",
        sumber_daya_id=row.id,
        aksi="unggah",
        baru={"permohonan": p.nomor, "jenis": jenis, "sha256": sidik, "ukuran": len(isi)},
    )
    try:
        session.commit()
    except Exception:
        penyimpanan.hapus(row.kunci_simpan)
        raise
    session.refresh(row)
    return _lampiran_keluar(row)


def unduh(
    session: Session, aktor: Aktor, id_: str, lampiran_id: str, penyimpanan: Penyimpanan
) -> tuple[LampiranKeluar, bytes]:
    p = _cari(session, aktor, id_)
    row = session.get(LampiranPermohonan, lampiran_id)
    if row is None or row.permohonan_id != p.id:
        raise Masalah(404, "Lampiran tidak ditemukan.")
    return _lampiran_keluar(row), penyimpanan.buka(row.kunci_simpan)


# ================================================================== compliance


def kepatuhan(
    session: Session, tahun: int, bulan: int | None, kode_wilayah: str | None = None
) -> Kepatuhan:
    """Per service, the requests filed in the period (WITA): completed, on time, median time.

    Completed = the clock stopped with an outcome (product delivered or refused); cancelled
    requests are left out of both counts. Duration is wall time from clock start to stop,
    less the time paused waiting on the applicant. `kode_wilayah` keeps the requests of one
    district (the performance indicators' live figure for a district office)."""
    awal = date(tahun, bulan or 1, 1)
    akhir = tambah_bulan(awal, 1 if bulan else 12)
    mulai = datetime.combine(awal, datetime.min.time(), tzinfo=WITA)
    sampai = datetime.combine(akhir, datetime.min.time(), tzinfo=WITA)
    stmt = select(Permohonan).where(
        col(Permohonan.diajukan_pada) >= mulai, col(Permohonan.diajukan_pada) < sampai
    )
    if kode_wilayah is not None:
        stmt = stmt.where(col(Permohonan.kode_wilayah).startswith(kode_wilayah))
    rows = session.exec(stmt).all()
    per: dict[str, list[Permohonan]] = {k: [] for k in katalog.definisi()}
    for p in rows:
        per.setdefault(p.layanan_kode, []).append(p)
    nama = {v.kode: v.nama for v in _versi_berlaku(session, akhir - timedelta(days=1))}
    hasil = []
    for kode, daftar_p in per.items():
        selesai = [p for p in daftar_p if p.selesai_pada is not None and p.status != "dibatalkan"]
        tepat = [p for p in selesai if not _terlambat(p, sekarang())]
        durasi = [
            Decimal(
                int((sebagai_utc(p.selesai_pada) - sebagai_utc(p.jam_mulai)).total_seconds())
                - p.total_jeda_detik
            )
            / Decimal(3600)
            for p in selesai
            if p.selesai_pada is not None and p.jam_mulai is not None
        ]
        persen = rasio(len(tepat), len(selesai))
        tengah = median(durasi)
        hasil.append(
            KepatuhanLayanan(
                layanan=kode,
                nama=nama.get(kode, kode),
                permohonan=len(daftar_p),
                selesai=len(selesai),
                selesai_tepat_waktu=len(tepat),
                persen_tepat_waktu=None if persen is None else bulatkan(persen),
                median_durasi_jam=None if tengah is None else bulatkan(tengah),
            )
        )
    return Kepatuhan(tahun=tahun, bulan=bulan, layanan=hasil)
