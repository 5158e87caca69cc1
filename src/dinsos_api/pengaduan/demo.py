"""This domain's part of `dinsos demo muat`: a few complaints, one per channel, at several
steps of the workflow (invented content; no real person)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from dinsos_api.core.akses import konteks_sistem
from dinsos_api.core.audit import catat
from dinsos_api.core.waktu import WITA, sekarang
from dinsos_api.pengaduan import service
from dinsos_api.pengaduan.models import Pengaduan, RiwayatPengaduan

_CONTOH = [
    # kanal, klasifikasi, judul, status, unit, tracking_id, anonim
    ("surat", "pengaduan", "Usulan RTLH Desa Contoh belum ada kabar", "didisposisi",
     "bidang_pemberdayaan_sosial", None, False),
    ("kotak_saran", "aspirasi", "Ruang tunggu layanan perlu kursi tambahan", "diterima",
     None, None, True),
    ("sp4n_lapor", "pengaduan", "Bantuan PKH belum diterima (contoh)", "ditelaah",
     None, "DEMO-LAPOR-0001", False),
    ("langsung", "permintaan_informasi", "Syarat rekomendasi pengangkatan anak", "selesai",
     "bidang_rehabilitasi_sosial", None, False),
]  # fmt: skip

_LANGKAH = {
    "diterima": ["terima"],
    "ditelaah": ["terima", "telaah"],
    "didisposisi": ["terima", "telaah", "teruskan", "disposisi"],
    "selesai": ["terima", "telaah", "teruskan", "disposisi", "susun_jawaban",
                "ajukan_persetujuan", "setujui", "setujui", "sampaikan_jawaban", "selesaikan"],
}  # fmt: skip


def muat_demo(session: Session) -> str | None:
    """Load the demo records that are missing; a one-line summary, or None if nothing."""
    if session.scalar(select(func.count()).select_from(Pengaduan)):
        return None
    ktx = konteks_sistem()
    alur = service.definisi().alur
    saat = sekarang() - timedelta(days=2)
    for kanal, klasifikasi, judul, status, unit, tracking, anonim in _CONTOH:
        p = Pengaduan(
            kanal=kanal,
            klasifikasi=klasifikasi,
            judul=judul,
            isi=f"{judul}. (Pengaduan contoh untuk demo.)",
            anonim=anonim,
            pelapor_nama=None if anonim else "Pelapor Contoh",
            tracking_id=tracking,
            unit_kerja_kode=unit,
            tanggal_lapor=saat.astimezone(WITA).date(),
            status=alur.status_awal,
            diterima_pada=saat,
            updated_at=saat,
            jawaban="Jawaban contoh." if status == "selesai" else None,
        )
        service._jalankan_jam(p, alur.efek_jam(p.status), saat)
        session.add(p)
        session.flush()
        dari = None
        for urutan, aksi in enumerate(_LANGKAH[status], start=1):
            ke = next((t.ke for t in alur.transisi if t.aksi == aksi and dari in t.dari), None)
            ke = ke or alur.status_awal
            if ke != p.status or dari is None:
                p.status = ke
                service._jalankan_jam(p, alur.efek_jam(ke), saat)
            session.add(
                RiwayatPengaduan(
                    pengaduan_id=p.id, urutan=urutan, aksi=aksi, dari_status=dari,
                    ke_status=ke, aktor_jenis="sistem", aktor_nama="demo", waktu=saat,
                )
            )  # fmt: skip
            dari = ke
        catat(session, ktx, sumber_daya="pengaduan", sumber_daya_id=p.id, aksi="demo",
              baru={"kanal": kanal, "status": p.status})  # fmt: skip
    session.commit()
    return f"{len(_CONTOH)} pengaduan contoh"
