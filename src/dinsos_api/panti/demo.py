"""This domain's part of `dinsos demo muat`: capacities and synthetic residents.

Made-up people, not real ones: each stay is a new registry person (`orang`, with a NIK that
passes the registry's checks, `sumber = "demo-panti"`). For every unit the stays that were
served in 2024 number exactly what the LKIP 2024 prints per unit and target group
(data/panti.yaml `dilayani_2024`: 90 + 90 + 90 anak terlantar, 75 + 62 lanjut usia, 40 netra,
50 Karya Wanita, 42 in RPTC); stays that ended before 2024 or began after it are added only
where the unit has a free bed throughout. The capacities are demo values (see
data/panti.yaml). Seeded, so every load gives the same data; a second load adds nothing.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from sqlalchemy import func, select
from sqlmodel import Session, col

from dinsos_api.panti import service
from dinsos_api.panti.models import AlasanKeluar, AsalRujukan, KapasitasPanti, PenghuniPanti
from dinsos_api.penerima.models import Orang
from dinsos_api.referensi.models import UnitKerja

SUMBER: Final = "demo-panti"
BENIH: Final = 5310
TAHUN: Final = 2024
KAPASITAS_SEJAK: Final = date(2019, 1, 1)
HARI_AKHIR: Final = date(2026, 6, 30)  # no demo date after this day
KETERANGAN_KAPASITAS: Final = (
    "Nilai demo: kapasitas panti tidak tercantum dalam dokumen dinas; ganti dengan nilai resmi."
)

WILAYAH: Final = (
    "5301", "5302", "5303", "5304", "5305", "5306", "5307", "5308", "5309", "5310", "5311",
    "5312", "5313", "5314", "5315", "5316", "5317", "5318", "5319", "5320", "5321", "5371",
)  # fmt: skip
LAKI: Final = (
    "Yohanes", "Petrus", "Paulus", "Markus", "Stefanus", "Fransiskus", "Yosef", "Agustinus",
    "Dominikus", "Kornelis", "Yakobus", "Simon", "Melkianus", "Umbu", "Marthen", "Ismail",
)  # fmt: skip
PEREMPUAN: Final = (
    "Maria", "Yuliana", "Agustina", "Fransiska", "Theresia", "Margaretha", "Yohana",
    "Elisabeth", "Veronika", "Katarina", "Martha", "Debora", "Rambu", "Orpa", "Siti",
)  # fmt: skip
MARGA: Final = (
    "Ndun", "Manafe", "Benu", "Tefa", "Fanggidae", "Bria", "Seran", "Kolo", "Lobo", "Parera",
    "Wea", "Mbete", "Ndolu", "Taek", "Nahak", "Tanesib", "Pello", "Messakh", "Koten", "Lewar",
)  # fmt: skip

# Age at admission and sex (None: either) of each target group.
_SYARAT: Final[dict[str, tuple[int, int, str | None]]] = {
    "anak_terlantar": (6, 14, None),
    "lanjut_usia_terlantar": (60, 85, None),
    "penyandang_disabilitas": (12, 45, None),
    "wanita_rawan_sosial_ekonomi": (18, 40, "P"),
    "pekerja_migran_bermasalah_sosial": (20, 45, None),
    "korban_tindak_kekerasan": (18, 40, "P"),
    "gelandangan": (25, 60, None),
}
_ASAL: Final[dict[str, tuple[AsalRujukan, ...]]] = {
    "pekerja_migran_bermasalah_sosial": (AsalRujukan.PEMULANGAN_MIGRAN,),
    "korban_tindak_kekerasan": (AsalRujukan.KEPOLISIAN, AsalRujukan.LEMBAGA_LAIN),
    "gelandangan": (AsalRujukan.PENJANGKAUAN, AsalRujukan.MASYARAKAT),
}
_ASAL_UMUM: Final = (
    AsalRujukan.DINSOS_KABKOTA, AsalRujukan.DINSOS_KABKOTA, AsalRujukan.KELUARGA,
    AsalRujukan.MASYARAKAT, AsalRujukan.LEMBAGA_LAIN,
)  # fmt: skip
_TUJUAN_RUJUKAN: Final = ("RSUD Prof. Dr. W. Z. Johannes Kupang", "LKSA Dinas Sosial kabupaten")


@dataclass
class _Masa:
    kelompok: str
    masuk: date
    keluar: date | None
    alasan: AlasanKeluar | None


def _tanggal(rng: random.Random, awal: date, akhir: date) -> date:
    return awal + timedelta(days=rng.randint(0, (akhir - awal).days))


def _masa_2024(rng: random.Random, kelompok: str, singgah: bool) -> _Masa:
    """A stay served in 2024. A shelter (RPTC) keeps people weeks; a panti, years."""
    if singgah:
        masuk = _tanggal(rng, date(TAHUN, 1, 1), date(TAHUN, 12, 20))
        pulang = masuk + timedelta(days=rng.randint(7, 45))
        return _Masa(kelompok, masuk, pulang, AlasanKeluar.REUNIFIKASI)
    if rng.random() < 0.7:
        masuk = _tanggal(rng, date(2019, 1, 1), date(TAHUN - 1, 12, 31))
    else:
        masuk = _tanggal(rng, date(TAHUN, 1, 1), date(TAHUN, 12, 31))
    nasib = rng.random()
    if nasib < 0.2:
        keluar: date | None = _tanggal(rng, max(masuk, date(TAHUN, 1, 1)), date(TAHUN, 12, 31))
    elif nasib < 0.45:
        keluar = _tanggal(rng, date(TAHUN + 1, 1, 1), HARI_AKHIR)
    else:
        return _Masa(kelompok, masuk, None, None)
    return _Masa(kelompok, masuk, keluar, _alasan(rng, kelompok))


def _alasan(rng: random.Random, kelompok: str) -> AlasanKeluar:
    if kelompok == "lanjut_usia_terlantar":
        return rng.choice(
            (AlasanKeluar.MENINGGAL, AlasanKeluar.MENINGGAL, AlasanKeluar.REUNIFIKASI)
        )
    return rng.choice(
        (AlasanKeluar.REUNIFIKASI, AlasanKeluar.REUNIFIKASI, AlasanKeluar.MANDIRI,
         AlasanKeluar.RUJUKAN)
    )  # fmt: skip


def _masa_lain(rng: random.Random, kelompok: str, singgah: bool) -> _Masa:
    """A stay outside 2024: ended by 2023, or began in 2025 or later."""
    lama = (7, 45) if singgah else (200, 1200)
    if rng.random() < 0.5:
        keluar = _tanggal(rng, date(2020, 6, 1), date(TAHUN - 1, 12, 31))
        masuk = max(date(2019, 1, 1), keluar - timedelta(days=rng.randint(*lama)))
        return _Masa(kelompok, masuk, keluar, _alasan(rng, kelompok))
    masuk = _tanggal(rng, date(TAHUN + 1, 1, 1), HARI_AKHIR)
    keluar_: date | None = None
    if singgah:
        keluar_ = min(HARI_AKHIR, masuk + timedelta(days=rng.randint(*lama)))
    return _Masa(kelompok, masuk, keluar_, AlasanKeluar.REUNIFIKASI if singgah else None)


def _muat_ke(masa: list[_Masa], baru: _Masa, kapasitas: int) -> bool:
    """Whether `baru` fits beside `masa` without exceeding the capacity on any day."""
    semua = [(m.masuk, m.keluar) for m in masa] + [(baru.masuk, baru.keluar)]
    return all(
        service.hunian_masa(semua, t) <= kapasitas
        for t in service.titik_puncak(semua, baru.masuk, baru.keluar, ())
    )


class _Orang:
    """Synthetic registry people with valid NIKs (serials from 9001, clear of the demo
    registry's, which counts from 0001)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.urut: Counter[str] = Counter()

    def buat(self, kelompok: str, masuk: date, kode_wilayah: str) -> Orang:
        rng = self.rng
        umur_min, umur_max, jk = _SYARAT[kelompok]
        jk = jk or rng.choice("LP")
        umur = rng.randint(umur_min, umur_max)
        lahir = masuk - timedelta(days=umur * 365 + rng.randint(0, 364))
        wilayah = kode_wilayah if rng.random() < 0.5 else rng.choice(WILAYAH)
        kecamatan = f"{rng.randint(1, 20):02d}"
        hari = lahir.day + (40 if jk == "P" else 0)
        awalan = f"{wilayah}{kecamatan}{hari:02d}{lahir:%m%y}"
        self.urut[awalan] += 1
        depan = rng.choice(LAKI if jk == "L" else PEREMPUAN)
        return Orang(
            id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
            nik=f"{awalan}{9000 + self.urut[awalan]:04d}",
            nama=f"{depan} {rng.choice(MARGA)}",
            jenis_kelamin=jk,
            tanggal_lahir=lahir,
            kode_wilayah=wilayah,
            sumber=SUMBER,
        )


def _rencana(rng: random.Random, p: service.ProfilPanti) -> list[_Masa]:
    singgah = p.kode == "rptc"
    masa = [
        _masa_2024(rng, kelompok, singgah)
        for kelompok, n in p.dilayani_2024.items()
        for _ in range(n)
    ]
    utama = p.kelompok_sasaran[0]
    for _ in range(max(3, len(masa) // 8)):
        lain = _masa_lain(rng, utama, singgah)
        if _muat_ke(masa, lain, p.kapasitas_demo):
            masa.append(lain)
    return masa


def muat_demo(session: Session) -> str | None:
    """Load the capacities and residents that are missing; a one-line summary, or None."""
    profil = service.profil()
    ada_unit = set(
        session.scalars(select(col(UnitKerja.kode)).where(col(UnitKerja.kode).in_(profil)))
    )
    if not ada_unit:
        return None
    for kode in ada_unit:
        if not service.riwayat_kapasitas(session, kode):
            session.add(
                KapasitasPanti(
                    panti_kode=kode,
                    berlaku_mulai=KAPASITAS_SEJAK,
                    kapasitas=profil[kode].kapasitas_demo,
                    keterangan=KETERANGAN_KAPASITAS,
                )
            )
    ada = session.scalar(
        select(func.count()).select_from(PenghuniPanti).where(col(PenghuniPanti.sumber) == SUMBER)
    )
    if not ada:
        rng = random.Random(BENIH)  # noqa: S311 (made-up demo data, not a secret)
        pembuat = _Orang(rng)
        orang_baru: list[Orang] = []
        penghuni: list[PenghuniPanti] = []
        for kode, p in profil.items():
            if kode not in ada_unit:
                continue
            for m in _rencana(rng, p):
                orang = pembuat.buat(m.kelompok, m.masuk, p.kode_wilayah)
                if m.alasan is AlasanKeluar.MENINGGAL:
                    orang.status_hidup = "meninggal"
                orang_baru.append(orang)
                asal = rng.choice(_ASAL.get(m.kelompok, _ASAL_UMUM))
                rujukan = m.alasan is AlasanKeluar.RUJUKAN
                penghuni.append(
                    PenghuniPanti(
                        id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                        panti_kode=kode,
                        orang_id=orang.id,
                        kelompok_sasaran=m.kelompok,
                        tanggal_masuk=m.masuk,
                        asal_rujukan=asal.value,
                        tanggal_keluar=m.keluar,
                        alasan_keluar=m.alasan.value if m.alasan else None,
                        tujuan_rujukan=rng.choice(_TUJUAN_RUJUKAN) if rujukan else None,
                        sumber=SUMBER,
                    )
                )
        # People first: the stays refer to them (no ORM relationship orders the inserts).
        session.add_all(orang_baru)
        session.flush()
        session.add_all(penghuni)
        session.flush()
        ada = session.scalar(
            select(func.count())
            .select_from(PenghuniPanti)
            .where(col(PenghuniPanti.sumber) == SUMBER)
        )
    return f"{len(ada_unit)} unit panti/RPTC dengan {ada} penghuni sintetis"
