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

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVarTuple

from sqlalchemy import CursorResult, Integer, Select, String, and_, cast, extract
from sqlalchemy import select as sa_select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col

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
from dinsos_api.laporan.masukan import Indikator, Komponen
from dinsos_api.referensi.models import PerangkatDaerah
from kinerja_core import Arah, CaraGabung, MetodeTurun, hitung_gabung_komponen, hitung_rasio


@dataclass(frozen=True)
class Ukuran:
    """An indicator's realisation in one year: a value, or pairs (typed or live-counted)."""

    nilai: Decimal | None
    pasangan: tuple[Komponen, ...] = ()

    def gabung(self, cara: CaraGabung) -> Decimal | None:
        if not self.pasangan:
            return self.nilai
        return hitung_gabung_komponen(
            [(p.pembilang, p.penyebut) for p in self.pasangan], cara
        ).nilai


def sebagai_masukan(
    kode: str,
    nama: str,
    sasaran: str,
    satuan: str,
    arah: str,
    metode_turun: str | None,
    cara_gabung: str,
    target: Decimal | None,
    ukuran: Ukuran,
    label_target: str,
) -> Indikator:
    """An IKU of the year as the report's input. Pairs (typed or live-counted) stay pairs,
    so Tabel 3.5/3.6 shows how they combine."""
    return Indikator(
        kode=kode,
        nama=nama,
        sasaran=sasaran,
        target=target,
        sumber_target=label_target,
        satuan=satuan,
        arah=Arah(arah),
        metode_turun=MetodeTurun(metode_turun) if metode_turun else None,
        realisasi=None if ukuran.pasangan else ukuran.nilai,
        komponen=ukuran.pasangan,
        cara_gabung=CaraGabung(cara_gabung),
    )


_Kolom = TypeVarTuple("_Kolom")


def _jalankan(session: Session, pernyataan: Select[*_Kolom]) -> CursorResult[*_Kolom]:
    """Run a read of plain columns in the session's transaction, without the ORM's row
    loading (it builds no objects here, yet cost these reads a third of their time)."""
    return session.connection().execute(pernyataan)


@dataclass(frozen=True)
class DataIndikator:
    """The columns of an indicator the report reads (not the ORM object: cheaper to load)."""

    id: str
    renstra_id: str
    pendahulu_id: str | None
    iku: bool
    kode: str
    nama: str
    satuan: str
    arah: str
    metode_turun: str | None
    cara_gabung: str
    sumber_live: str | None
    program_anggaran: list[str]
    sasaran_nama: str


@dataclass(frozen=True)
class IndikatorTahun:
    indikator: DataIndikator
    target: Decimal | None
    ukuran: Ukuran
    # Earlier years: (year, name of the indicator measured that year, its realisation).
    riwayat: tuple[tuple[int, str, Decimal | None], ...]


def _desimal(teks: Any) -> Decimal | None:
    return None if teks is None else Decimal(str(teks))


# A live count depends only on its source, district and year: counted once per report.
_KunciLive = tuple[str, str | None, int]


def _ukuran_dari(
    session: Session,
    sumber_live: str | None,
    rekaman: tuple[Any, Any] | None,
    tahun: int,
    kode_wilayah: str | None,
    hitungan_live: dict[_KunciLive, live.HitunganLive],
) -> Ukuran:
    """The realisation from a stored record (value, pairs) or from a live registry count."""
    if sumber_live:
        kunci = (sumber_live, kode_wilayah, tahun)
        h = hitungan_live.get(kunci)
        if h is None:
            h = hitungan_live[kunci] = live.hitung(
                session, SumberLive(sumber_live), kode_wilayah, tahun
            )
        pasangan = Komponen(h.pembilang_uraian, h.penyebut_uraian, h.pembilang, h.penyebut)
        return Ukuran(hitung_rasio(h.pembilang, h.penyebut).nilai, (pasangan,))
    if rekaman is None:
        return Ukuran(None)
    nilai, komponen = rekaman
    if komponen:
        return Ukuran(
            None,
            tuple(
                Komponen(
                    k.get("pembilang_uraian") or k.get("uraian") or "pembilang",
                    k.get("penyebut_uraian") or "penyebut",
                    _desimal(k.get("pembilang")),
                    _desimal(k.get("penyebut")),
                )
                for k in komponen
            ),
        )
    return Ukuran(None if nilai is None else Decimal(nilai))


def _indikator_kantor(session: Session, perangkat_daerah: str) -> dict[str, DataIndikator]:
    """Every indicator of the office, of every Renstra (predecessor chains cross them), in
    document order: by sasaran, then the indicator's own order."""
    i, s = IndikatorKinerja, SasaranStrategis
    return {
        baris[0]: DataIndikator(*tuple(baris))
        for baris in _jalankan(
            session,
            sa_select(
                col(i.id), col(i.renstra_id), col(i.pendahulu_id), col(i.iku), col(i.kode),
                col(i.nama), col(i.satuan), col(i.arah), col(i.metode_turun),
                col(i.cara_gabung), col(i.sumber_live), col(i.program_anggaran), col(s.nama),
            )
            .join(s, col(s.id) == col(i.sasaran_id))
            .where(col(i.perangkat_daerah_kode) == perangkat_daerah)
            .order_by(col(s.urutan), col(s.kode), col(i.urutan), col(i.kode))
        ).all()
    }  # fmt: skip


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
    semua = _indikator_kantor(session, perangkat_daerah)
    iku = [d for d in semua.values() if d.renstra_id == renstra.id and d.iku]
    if not iku:
        return []
    periode = {
        rid: (awal, akhir)
        for rid, awal, akhir in _jalankan(
            session,
            sa_select(col(Renstra.id), col(Renstra.tahun_awal), col(Renstra.tahun_akhir)).where(
                col(Renstra.perangkat_daerah_kode) == perangkat_daerah
            ),
        ).all()
    }

    def diukur(ind: DataIndikator, t: int) -> DataIndikator | None:
        kini: DataIndikator | None = ind
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
        (ind.id, t): diukur(ind, t) for ind in iku for t in tahun_tahun
    }  # (indicator of the report, year) -> the indicator measured that year
    ids = sorted({i.id for i in rantai.values() if i is not None})
    target = {
        ind_id: Decimal(nilai)
        for ind_id, nilai in _jalankan(
            session,
            sa_select(col(TargetKinerja.indikator_id), col(TargetKinerja.nilai)).where(
                col(TargetKinerja.indikator_id).in_(ids),
                col(TargetKinerja.tahun) == tahun,
                col(TargetKinerja.sumber) == sumber_target.value,
            ),
        ).all()
    }
    realisasi = {
        (ind_id, t): (nilai, komponen)
        for ind_id, t, nilai, komponen in _jalankan(
            session,
            sa_select(
                col(RealisasiKinerja.indikator_id),
                col(RealisasiKinerja.tahun),
                col(RealisasiKinerja.nilai),
                col(RealisasiKinerja.komponen),
            ).where(
                col(RealisasiKinerja.indikator_id).in_(ids),
                col(RealisasiKinerja.tahun) >= tahun_awal,
                col(RealisasiKinerja.tahun) <= tahun,
                col(RealisasiKinerja.triwulan) == SETAHUN,
            ),
        ).all()
    }
    hitungan: dict[_KunciLive, live.HitunganLive] = {}

    def ukuran(ind: DataIndikator, t: int) -> Ukuran:
        rekaman = realisasi.get((ind.id, t))
        return _ukuran_dari(session, ind.sumber_live, rekaman, t, kode_wilayah, hitungan)

    hasil = []
    for ind in iku:
        lalu: list[tuple[int, str, Decimal | None]] = []
        for t in tahun_tahun[:-1]:
            itu = rantai[(ind.id, t)]
            if itu is None:
                lalu.append((t, ind.nama, None))
            else:
                lalu.append((t, itu.nama, ukuran(itu, t).gabung(CaraGabung(itu.cara_gabung))))
        hasil.append(
            IndikatorTahun(
                indikator=ind,
                target=target.get(ind.id),
                ukuran=ukuran(ind, tahun),
                riwayat=tuple(lalu),
            )
        )
    return hasil


# --- the budget ----------------------------------------------------------------------------


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
        for id_, kode, nama, tingkat, induk_id in _jalankan(
            session,
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
            .order_by(col(Nomenklatur.kode)),
        ).all()
    ]
    if not simpul:
        return None
    versi = _jalankan(
        session,
        sa_select(col(VersiDpa.id))
        .where(
            col(VersiDpa.perangkat_daerah_kode) == perangkat_daerah, col(VersiDpa.tahun) == tahun
        )
        .order_by(col(VersiDpa.nomor).desc())
        .limit(1),
    ).scalar_one_or_none()
    pagu: dict[str, Decimal] = {}
    if versi is not None:
        pagu = {
            sub_id: nilai
            for sub_id, nilai in _jalankan(
                session,
                sa_select(col(Pagu.sub_kegiatan_id), col(Pagu.pagu)).where(
                    col(Pagu.dpa_id) == versi
                ),
            ).all()
        }
    # The office's sub kegiatan by id, not as a subquery: the planner then looks their
    # entries up by index instead of scanning every office's entries.
    milik = [n.id for n in simpul if n.tingkat == Tingkat.SUB_KEGIATAN]
    # Entries grouped in SQL (concatenated, not summed: `_TeksUang`), per sub kegiatan and
    # per month, rather than a row, a date and a Decimal per entry.
    r = Realisasi
    realisasi = {
        sub_id: _uang_teks(teks)
        for sub_id, teks in _jalankan(
            session,
            sa_select(col(r.sub_kegiatan_id), _TeksUang(col(r.jumlah)))
            .where(col(r.sub_kegiatan_id).in_(milik))
            .group_by(col(r.sub_kegiatan_id)),
        ).all()
    }
    bulan = cast(extract("month", col(r.tanggal)), Integer)
    per_bulan = {
        int(b): _uang_teks(teks)
        for b, teks in _jalankan(
            session,
            sa_select(bulan, _TeksUang(col(r.jumlah)))
            .where(col(r.sub_kegiatan_id).in_(milik))
            .group_by(bulan),
        ).all()
    }
    fisik: dict[str, Decimal] = {}
    for sub_id, persen in _jalankan(
        session,
        sa_select(col(RealisasiFisik.sub_kegiatan_id), col(RealisasiFisik.persen))
        .where(col(RealisasiFisik.sub_kegiatan_id).in_(milik))
        .order_by(col(RealisasiFisik.tanggal), col(RealisasiFisik.created_at)),
    ).all():
        fisik[sub_id] = persen  # ordered by date: the last one wins
    return Anggaran(simpul, pagu, realisasi, per_bulan, fisik)


# --- every office at once (the province-wide summary) --------------------------------------


@dataclass(frozen=True)
class Kantor:
    kode: str
    nama: str
    kode_wilayah: str | None  # None: the provincial office


def kantor(session: Session) -> list[Kantor]:
    """Every perangkat daerah: the provincial office first, then by district."""
    baris = _jalankan(
        session,
        sa_select(
            col(PerangkatDaerah.kode), col(PerangkatDaerah.nama), col(PerangkatDaerah.kode_wilayah)
        ),
    ).all()
    daftar = [Kantor(kode, nama, wilayah) for kode, nama, wilayah in baris]
    return sorted(daftar, key=lambda k: (k.kode_wilayah is not None, k.kode_wilayah or "", k.kode))


def iku_per_kantor(
    session: Session,
    daftar_kantor: list[Kantor],
    tahun: int,
    sumber_target: SumberTarget,
    label_target: str,
) -> dict[str, list[Indikator]]:
    """The IKU of each office's Renstra in force in `tahun`, in document order, with target
    and realisation of that year only, as report input: two queries for every office
    together (plus one per live source and district, when an indicator is bound to the
    registry)."""
    wilayah = {k.kode: k.kode_wilayah for k in daftar_kantor}
    if not wilayah:
        return {}
    renstra: dict[str, str] = {}  # office -> the Renstra in force
    for rid, pd in _jalankan(
        session,
        sa_select(col(Renstra.id), col(Renstra.perangkat_daerah_kode))
        .where(
            col(Renstra.perangkat_daerah_kode).in_(list(wilayah)),
            col(Renstra.tahun_awal) <= tahun,
            col(Renstra.tahun_akhir) >= tahun,
        )
        .order_by(col(Renstra.tahun_awal).desc(), col(Renstra.id)),
    ).all():
        renstra.setdefault(pd, rid)  # overlapping periods: the latest start wins
    if not renstra:
        return {}
    i, s, t, r = IndikatorKinerja, SasaranStrategis, TargetKinerja, RealisasiKinerja
    # One query: each IKU with the year's target and realisation (each unique per indicator
    # and year) joined in, rather than a query per table.
    iku = _jalankan(
        session,
        sa_select(
            col(i.perangkat_daerah_kode), col(i.kode), col(i.nama), col(i.satuan), col(i.arah),
            col(i.metode_turun), col(i.cara_gabung), col(i.sumber_live), col(s.nama),
            col(t.nilai), col(r.id), col(r.nilai), col(r.komponen),
        )
        .join(s, col(s.id) == col(i.sasaran_id))
        .outerjoin(
            t,
            and_(
                col(t.indikator_id) == col(i.id),
                col(t.tahun) == tahun,
                col(t.sumber) == sumber_target.value,
            ),
        )
        .outerjoin(
            r,
            and_(
                col(r.indikator_id) == col(i.id),
                col(r.tahun) == tahun,
                col(r.triwulan) == SETAHUN,
            ),
        )
        .where(col(i.renstra_id).in_(list(renstra.values())), col(i.iku))
        .order_by(
            col(i.perangkat_daerah_kode), col(s.urutan), col(s.kode), col(i.urutan), col(i.kode)
        ),
    ).all()  # fmt: skip
    hitungan: dict[_KunciLive, live.HitunganLive] = {}
    hasil: dict[str, list[Indikator]] = {}
    for (
        pd,
        kode,
        nama,
        satuan,
        arah,
        metode,
        cara,
        sumber_live,
        sasaran,
        target,
        rid,
        nilai,
        komponen,
    ) in iku:
        rekaman = None if rid is None else (nilai, komponen)
        ukuran = _ukuran_dari(session, sumber_live, rekaman, tahun, wilayah.get(pd), hitungan)
        hasil.setdefault(pd, []).append(
            sebagai_masukan(
                kode,
                nama,
                sasaran,
                satuan,
                arah,
                metode,
                cara,
                _desimal(target),
                ukuran,
                label_target,
            )
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
    ada = _jalankan(
        session,
        sa_select(col(n.perangkat_daerah_kode))
        .where(col(n.perangkat_daerah_kode).in_(kode_kantor), col(n.tahun) == tahun)
        .distinct(),
    ).scalars()
    hasil = {pd: AnggaranKantor([], []) for pd in ada}
    if not hasil:
        return {}
    terakhir: dict[str, str] = {}  # office -> its latest DPA version
    for vid, pd in _jalankan(
        session,
        sa_select(col(VersiDpa.id), col(VersiDpa.perangkat_daerah_kode))
        .where(col(VersiDpa.perangkat_daerah_kode).in_(list(hasil)), col(VersiDpa.tahun) == tahun)
        .order_by(col(VersiDpa.nomor).desc()),
    ).all():
        terakhir.setdefault(pd, vid)
    sub = [
        col(n.perangkat_daerah_kode).in_(list(hasil)),
        col(n.tahun) == tahun,
        col(n.tingkat) == Tingkat.SUB_KEGIATAN,
    ]
    if terakhir:
        for pd, teks in _jalankan(
            session,
            sa_select(col(n.perangkat_daerah_kode), _TeksUang(col(Pagu.pagu)))
            .join(n, col(n.id) == col(Pagu.sub_kegiatan_id))
            .where(col(Pagu.dpa_id).in_(list(terakhir.values())), *sub)
            .group_by(col(n.perangkat_daerah_kode)),
        ).all():
            hasil[pd].pagu.extend(_uang_teks(teks))
    for pd, teks in _jalankan(
        session,
        sa_select(col(n.perangkat_daerah_kode), _TeksUang(col(Realisasi.jumlah)))
        .join(n, col(n.id) == col(Realisasi.sub_kegiatan_id))
        .where(*sub)
        .group_by(col(n.perangkat_daerah_kode)),
    ).all():
        hasil[pd].realisasi.extend(_uang_teks(teks))
    return hasil


class _TeksUang(FunctionElement[str]):
    """A group's money values as one comma-separated text, for `_uang_teks`: concatenated,
    not summed (kinerja_core sums them).

    One string per office instead of a row per entry: the aggregate reads 31,200
    realisation entries (bench/laporan_lkip.py), and a driver row with its own Decimal
    costs more than the entry's share of one string split in C. The text is exact on both
    databases (NUMERIC(18,2) cast to text on PostgreSQL, the stored decimal text on SQLite).
    """

    type = String()
    inherit_cache = True


@compiles(_TeksUang)
def _teks_uang_postgres(unsur: _TeksUang, compiler: Any, **kw: Any) -> str:
    return f"string_agg(CAST({compiler.process(unsur.clauses, **kw)} AS TEXT), ',')"


@compiles(_TeksUang, "sqlite")
def _teks_uang_sqlite(unsur: _TeksUang, compiler: Any, **kw: Any) -> str:
    return f"group_concat({compiler.process(unsur.clauses, **kw)}, ',')"


def _uang_teks(teks: str | None) -> list[Decimal]:
    return [] if not teks else list(map(Decimal, teks.split(",")))
