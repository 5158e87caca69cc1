"""Batched reads of the performance plans and the budget for the report: a handful of
queries per report instead of several per indicator and year.

The kinerja service (`kinerja.pengukuran`) answers one indicator and year at a time, which
costs about 1.3 s for an office with 60 indicators over 6 years (bench/laporan_lkip.py). The
report needs them all at once, so it reads the same tables here — read-only, the same rules
as `kinerja.pengukuran` (the Renstra in force, PK target unless asked, pairs combined by the
indicator's `cara_gabung`, live bindings counted by `kinerja.live`, history through
`pendahulu_id`; the budget's latest DPA version, amounts summed by kinerja_core, never in
SQL) — and the tests compare both paths on the demo data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Executable
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from dinsos_api.anggaran.models import (
    Nomenklatur,
    Pagu,
    Realisasi,
    RealisasiFisik,
    Tingkat,
    VersiDpa,
)
from dinsos_api.kinerja import live
from dinsos_api.kinerja import rencana_service as rencana
from dinsos_api.kinerja.models import (
    SETAHUN,
    IndikatorKinerja,
    RealisasiKinerja,
    Renstra,
    SasaranStrategis,
    TargetKinerja,
)
from dinsos_api.kinerja.rencana_schemas import SumberLive, SumberTarget
from dinsos_api.referensi.models import PerangkatDaerah
from kinerja_core import CaraGabung, hitung_gabung_komponen, hitung_rasio


@dataclass(frozen=True)
class Pasangan:
    uraian_pembilang: str
    uraian_penyebut: str
    pembilang: Decimal | None
    penyebut: Decimal | None


@dataclass(frozen=True)
class Ukuran:
    """An indicator's realisation in one year: a value, or pairs (typed or live-counted)."""

    nilai: Decimal | None
    pasangan: tuple[Pasangan, ...] = ()

    def gabung(self, cara: CaraGabung) -> Decimal | None:
        if not self.pasangan:
            return self.nilai
        return hitung_gabung_komponen(
            [(p.pembilang, p.penyebut) for p in self.pasangan], cara
        ).nilai


@dataclass(frozen=True)
class IndikatorTahun:
    indikator: IndikatorKinerja
    sasaran_nama: str
    target: Decimal | None
    ukuran: Ukuran
    # Earlier years: (year, name of the indicator measured that year, its realisation).
    riwayat: tuple[tuple[int, str, Decimal | None], ...]


def _desimal(teks: Any) -> Decimal | None:
    return None if teks is None else Decimal(str(teks))


def _ukuran(
    session: Session,
    ind: IndikatorKinerja,
    rekaman: RealisasiKinerja | None,
    tahun: int,
    kode_wilayah: str | None,
) -> Ukuran:
    return _ukuran_dari(
        session,
        ind.sumber_live,
        None if rekaman is None else (rekaman.nilai, rekaman.komponen),
        tahun,
        kode_wilayah,
    )


# A live count depends only on its source, district and year: counted once per report.
_KunciLive = tuple[str, str | None, int]


def _ukuran_dari(
    session: Session,
    sumber_live: str | None,
    rekaman: tuple[Any, Any] | None,
    tahun: int,
    kode_wilayah: str | None,
    hitungan_live: dict[_KunciLive, live.HitunganLive] | None = None,
) -> Ukuran:
    """The realisation from a stored record (value, pairs) or from a live registry count."""
    if sumber_live:
        kunci = (sumber_live, kode_wilayah, tahun)
        h = None if hitungan_live is None else hitungan_live.get(kunci)
        if h is None:
            h = live.hitung(session, SumberLive(sumber_live), kode_wilayah, tahun)
            if hitungan_live is not None:
                hitungan_live[kunci] = h
        pasangan = Pasangan(h.pembilang_uraian, h.penyebut_uraian, h.pembilang, h.penyebut)
        return Ukuran(hitung_rasio(h.pembilang, h.penyebut).nilai, (pasangan,))
    if rekaman is None:
        return Ukuran(None)
    nilai, komponen = rekaman
    if komponen:
        return Ukuran(
            None,
            tuple(
                Pasangan(
                    k.get("pembilang_uraian") or k.get("uraian") or "pembilang",
                    k.get("penyebut_uraian") or "penyebut",
                    _desimal(k.get("pembilang")),
                    _desimal(k.get("penyebut")),
                )
                for k in komponen
            ),
        )
    return Ukuran(None if nilai is None else Decimal(nilai))


def indikator_tahun(
    session: Session,
    perangkat_daerah: str,
    kode_wilayah: str | None,
    tahun: int,
    tahun_awal: int,
    sumber_target: SumberTarget = SumberTarget.PK,
) -> list[IndikatorTahun]:
    """The IKU of the Renstra in force in `tahun`, in document order, each with its target
    and realisation of `tahun` and its realisations of `tahun_awal`..`tahun - 1`."""
    renstra = rencana.renstra_berlaku(session, perangkat_daerah, tahun)
    if renstra is None:
        return []
    pasangan = session.execute(
        sa_select(IndikatorKinerja, col(SasaranStrategis.nama))
        .join(SasaranStrategis, col(SasaranStrategis.id) == col(IndikatorKinerja.sasaran_id))
        .where(col(IndikatorKinerja.renstra_id) == renstra.id, col(IndikatorKinerja.iku))
        .order_by(
            col(SasaranStrategis.urutan),
            col(SasaranStrategis.kode),
            col(IndikatorKinerja.urutan),
            col(IndikatorKinerja.kode),
        )
    ).all()
    if not pasangan:
        return []
    # Every Renstra and indicator of the office: predecessor chains are resolved in memory.
    periode = {
        r.id: (r.tahun_awal, r.tahun_akhir)
        for r in session.exec(
            select(Renstra).where(col(Renstra.perangkat_daerah_kode) == perangkat_daerah)
        ).all()
    }
    semua = {
        i.id: i
        for i in session.exec(
            select(IndikatorKinerja).where(
                col(IndikatorKinerja.perangkat_daerah_kode) == perangkat_daerah
            )
        ).all()
    }

    def diukur(ind: IndikatorKinerja, t: int) -> IndikatorKinerja | None:
        kini: IndikatorKinerja | None = ind
        dilihat: set[str] = set()
        while kini is not None and kini.id not in dilihat:
            dilihat.add(kini.id)
            awal, akhir = periode.get(kini.renstra_id, (0, -1))
            if awal <= t <= akhir:
                return kini
            kini = semua.get(kini.pendahulu_id) if kini.pendahulu_id else None
        return None

    tahun_tahun = range(tahun_awal, tahun + 1)
    rantai = {
        (ind.id, t): diukur(ind, t) for ind, _ in pasangan for t in tahun_tahun
    }  # (indicator of the report, year) -> the indicator measured that year
    ids = sorted({i.id for i in rantai.values() if i is not None})
    target = {
        (t.indikator_id, t.tahun): Decimal(t.nilai)
        for t in session.exec(
            select(TargetKinerja).where(
                col(TargetKinerja.indikator_id).in_(ids),
                col(TargetKinerja.tahun) == tahun,
                col(TargetKinerja.sumber) == sumber_target.value,
            )
        ).all()
    }
    realisasi: dict[tuple[str, int], RealisasiKinerja] = {}
    for r in session.exec(
        select(RealisasiKinerja).where(
            col(RealisasiKinerja.indikator_id).in_(ids),
            col(RealisasiKinerja.tahun) >= tahun_awal,
            col(RealisasiKinerja.tahun) <= tahun,
            col(RealisasiKinerja.triwulan) == SETAHUN,
        )
    ).all():
        realisasi[(r.indikator_id, r.tahun)] = r
    hasil = []
    for ind, sasaran_nama in pasangan:
        lalu: list[tuple[int, str, Decimal | None]] = []
        for t in tahun_tahun[:-1]:
            itu = rantai[(ind.id, t)]
            if itu is None:
                lalu.append((t, ind.nama, None))
                continue
            u = _ukuran(session, itu, realisasi.get((itu.id, t)), t, kode_wilayah)
            lalu.append((t, itu.nama, u.gabung(CaraGabung(itu.cara_gabung))))
        hasil.append(
            IndikatorTahun(
                indikator=ind,
                sasaran_nama=sasaran_nama,
                target=target.get((ind.id, tahun)),
                ukuran=_ukuran(session, ind, realisasi.get((ind.id, tahun)), tahun, kode_wilayah),
                riwayat=tuple(lalu),
            )
        )
    return hasil


# --- the budget ----------------------------------------------------------------------------


def _kosong() -> list[Decimal]:
    return []


@dataclass(frozen=True)
class Simpul:
    kode: str
    nama: str
    tingkat: str
    induk_id: str | None
    id: str


@dataclass(frozen=True)
class Anggaran:
    """One office's budget of a year, latest DPA version: nodes, pagu and realisation entries
    per sub kegiatan (not summed: kinerja_core sums them), latest physical progress."""

    simpul: list[Simpul]
    pagu: dict[str, Decimal]
    realisasi: dict[str, list[Decimal]]
    per_bulan: dict[int, list[Decimal]]
    fisik: dict[str, Decimal]


def anggaran(session: Session, perangkat_daerah: str, tahun: int) -> Anggaran | None:
    simpul = [
        Simpul(kode, nama, tingkat, induk_id, id_)
        for id_, kode, nama, tingkat, induk_id in session.execute(
            sa_select(
                col(Nomenklatur.id),
                col(Nomenklatur.kode),
                col(Nomenklatur.nama),
                col(Nomenklatur.tingkat),
                col(Nomenklatur.induk_id),
            )
            .where(
                col(Nomenklatur.perangkat_daerah_kode) == perangkat_daerah,
                col(Nomenklatur.tahun) == tahun,
            )
            .order_by(col(Nomenklatur.kode))
        ).all()
    ]
    if not simpul:
        return None
    versi = session.execute(
        sa_select(col(VersiDpa.id))
        .where(
            col(VersiDpa.perangkat_daerah_kode) == perangkat_daerah, col(VersiDpa.tahun) == tahun
        )
        .order_by(col(VersiDpa.nomor).desc())
        .limit(1)
    ).scalar_one_or_none()
    pagu: dict[str, Decimal] = {}
    if versi is not None:
        pagu = {
            sub_id: nilai
            for sub_id, nilai in session.execute(
                sa_select(col(Pagu.sub_kegiatan_id), col(Pagu.pagu)).where(
                    col(Pagu.dpa_id) == versi
                )
            ).all()
        }
    milik = (
        sa_select(col(Nomenklatur.id))
        .where(
            col(Nomenklatur.perangkat_daerah_kode) == perangkat_daerah,
            col(Nomenklatur.tahun) == tahun,
        )
        .scalar_subquery()
    )
    realisasi: dict[str, list[Decimal]] = defaultdict(_kosong)
    per_bulan: dict[int, list[Decimal]] = defaultdict(_kosong)
    for sub_id, tanggal, jumlah_ in session.execute(
        sa_select(
            col(Realisasi.sub_kegiatan_id), col(Realisasi.tanggal), col(Realisasi.jumlah)
        ).where(col(Realisasi.sub_kegiatan_id).in_(milik))
    ).all():
        realisasi[sub_id].append(jumlah_)
        per_bulan[tanggal.month].append(jumlah_)
    fisik: dict[str, Decimal] = {}
    for sub_id, persen in session.execute(
        sa_select(col(RealisasiFisik.sub_kegiatan_id), col(RealisasiFisik.persen))
        .where(col(RealisasiFisik.sub_kegiatan_id).in_(milik))
        .order_by(col(RealisasiFisik.tanggal), col(RealisasiFisik.created_at))
    ).all():
        fisik[sub_id] = persen  # ordered by date: the last one wins
    return Anggaran(simpul, pagu, dict(realisasi), dict(per_bulan), fisik)


# --- every office at once (the province-wide summary) --------------------------------------


@dataclass(frozen=True)
class Kantor:
    kode: str
    nama: str
    kode_wilayah: str | None  # None: the provincial office


def kantor(session: Session) -> list[Kantor]:
    """Every perangkat daerah: the provincial office first, then by district."""
    baris = session.execute(
        sa_select(
            col(PerangkatDaerah.kode), col(PerangkatDaerah.nama), col(PerangkatDaerah.kode_wilayah)
        )
    ).all()
    daftar = [Kantor(kode, nama, wilayah) for kode, nama, wilayah in baris]
    return sorted(daftar, key=lambda k: (k.kode_wilayah is not None, k.kode_wilayah or "", k.kode))


@dataclass(frozen=True)
class IkuKantor:
    """One IKU of an office's Renstra in force, with the year's target and realisation."""

    kode: str
    nama: str
    sasaran_nama: str
    satuan: str
    arah: str
    metode_turun: str | None
    cara_gabung: str
    target: Decimal | None
    ukuran: Ukuran


def iku_per_kantor(
    session: Session,
    daftar_kantor: list[Kantor],
    tahun: int,
    sumber_target: SumberTarget = SumberTarget.PK,
) -> dict[str, list[IkuKantor]]:
    """The IKU of each office's Renstra in force in `tahun`, in document order, with target
    and realisation of that year only: four queries for every office together (plus one per
    live source and district, when an indicator is bound to the registry)."""
    wilayah = {k.kode: k.kode_wilayah for k in daftar_kantor}
    if not wilayah:
        return {}
    renstra: dict[str, str] = {}  # office -> the Renstra in force
    for rid, pd in session.execute(
        sa_select(col(Renstra.id), col(Renstra.perangkat_daerah_kode))
        .where(
            col(Renstra.perangkat_daerah_kode).in_(list(wilayah)),
            col(Renstra.tahun_awal) <= tahun,
            col(Renstra.tahun_akhir) >= tahun,
        )
        .order_by(col(Renstra.tahun_awal).desc(), col(Renstra.id))
    ).all():
        renstra.setdefault(pd, rid)  # overlapping periods: the latest start wins
    if not renstra:
        return {}
    i = IndikatorKinerja
    iku = session.execute(
        sa_select(
            col(i.id), col(i.perangkat_daerah_kode), col(i.kode), col(i.nama), col(i.satuan),
            col(i.arah), col(i.metode_turun), col(i.cara_gabung), col(i.sumber_live),
            col(SasaranStrategis.nama),
        )
        .join(SasaranStrategis, col(SasaranStrategis.id) == col(i.sasaran_id))
        .where(col(i.renstra_id).in_(list(renstra.values())), col(i.iku))
        .order_by(
            col(i.perangkat_daerah_kode),
            col(SasaranStrategis.urutan),
            col(SasaranStrategis.kode),
            col(i.urutan),
            col(i.kode),
        )
    ).all()  # fmt: skip
    if not iku:
        return {}
    ids = (
        sa_select(col(i.id))
        .where(col(i.renstra_id).in_(list(renstra.values())), col(i.iku))
        .scalar_subquery()
    )
    target = {
        ind_id: Decimal(nilai)
        for ind_id, nilai in session.execute(
            sa_select(col(TargetKinerja.indikator_id), col(TargetKinerja.nilai)).where(
                col(TargetKinerja.indikator_id).in_(ids),
                col(TargetKinerja.tahun) == tahun,
                col(TargetKinerja.sumber) == sumber_target.value,
            )
        ).all()
    }
    realisasi = {
        ind_id: (nilai, komponen)
        for ind_id, nilai, komponen in session.execute(
            sa_select(
                col(RealisasiKinerja.indikator_id),
                col(RealisasiKinerja.nilai),
                col(RealisasiKinerja.komponen),
            ).where(
                col(RealisasiKinerja.indikator_id).in_(ids),
                col(RealisasiKinerja.tahun) == tahun,
                col(RealisasiKinerja.triwulan) == SETAHUN,
            )
        ).all()
    }
    hitungan: dict[_KunciLive, live.HitunganLive] = {}
    hasil: dict[str, list[IkuKantor]] = {}
    for ind_id, pd, kode, nama, satuan, arah, metode, cara, sumber_live, sasaran in iku:
        ukuran = _ukuran_dari(
            session, sumber_live, realisasi.get(ind_id), tahun, wilayah.get(pd), hitungan
        )
        hasil.setdefault(pd, []).append(
            IkuKantor(kode, nama, sasaran, satuan, arah, metode, cara, target.get(ind_id), ukuran)
        )
    return hasil


@dataclass(frozen=True)
class AnggaranKantor:
    """An office's pagu (latest DPA version) and realisation entries of its sub kegiatan,
    not summed: kinerja_core sums them."""

    pagu: list[Decimal]
    realisasi: list[Decimal]


def anggaran_per_kantor(
    session: Session, kode_kantor: list[str], tahun: int
) -> dict[str, AnggaranKantor]:
    """The budget amounts of every office with a budget tree in `tahun`, in four queries."""
    if not kode_kantor:
        return {}
    n = Nomenklatur
    ada = session.execute(
        sa_select(col(n.perangkat_daerah_kode))
        .where(col(n.perangkat_daerah_kode).in_(kode_kantor), col(n.tahun) == tahun)
        .distinct()
    ).scalars()
    hasil = {pd: AnggaranKantor([], []) for pd in ada}
    if not hasil:
        return {}
    terakhir: dict[str, str] = {}  # office -> its latest DPA version
    for vid, pd in session.execute(
        sa_select(col(VersiDpa.id), col(VersiDpa.perangkat_daerah_kode))
        .where(col(VersiDpa.perangkat_daerah_kode).in_(list(hasil)), col(VersiDpa.tahun) == tahun)
        .order_by(col(VersiDpa.nomor).desc())
    ).all():
        terakhir.setdefault(pd, vid)
    sub = [
        col(n.perangkat_daerah_kode).in_(list(hasil)),
        col(n.tahun) == tahun,
        col(n.tingkat) == Tingkat.SUB_KEGIATAN,
    ]
    if terakhir:
        for pd, pagu in _mentah(
            session,
            sa_select(col(n.perangkat_daerah_kode), col(Pagu.pagu))
            .join(n, col(n.id) == col(Pagu.sub_kegiatan_id))
            .where(col(Pagu.dpa_id).in_(list(terakhir.values())), *sub),
        ):
            hasil[pd].pagu.append(_uang(pagu))
    for pd, jumlah_ in _mentah(
        session,
        sa_select(col(n.perangkat_daerah_kode), col(Realisasi.jumlah))
        .join(n, col(n.id) == col(Realisasi.sub_kegiatan_id))
        .where(*sub),
    ):
        hasil[pd].realisasi.append(_uang(jumlah_))
    return hasil


def _mentah(session: Session, pernyataan: Executable) -> Sequence[Any]:
    """The driver's plain rows of a large read (tens of thousands of budget entries).

    SQLAlchemy's Row objects stay tracked by the garbage collector, whose passes over the
    application's heap then cost about 3 µs a row (31,200 entries: 100 ms as Rows, 17 ms as
    the driver's tuples, bench/laporan_lkip.py). Only for money columns: their raw value is
    exact on both databases (NUMERIC on PostgreSQL, decimal text on SQLite), see `_uang`.
    """
    hasil = session.connection().execute(pernyataan)
    try:
        return hasil.cursor.fetchall()
    finally:
        hasil.close()


def _uang(nilai: Any) -> Decimal:
    # anggaran.models.Uang: a Decimal from PostgreSQL's NUMERIC(18,2), exact text on SQLite.
    return nilai if isinstance(nilai, Decimal) else Decimal(nilai)
