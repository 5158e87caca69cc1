"""Budget logic: the tree, DPA versions and pagu, realisations, revenue, and the derived
figures (ringkasan, bulanan) other domains read.

Public API for other domains (the LKIP report): `ringkasan`, `bulanan`, `daftar_versi`,
`ambil_pendapatan_atau_none`. They return plain dataclasses with exact `Decimal` values computed
by kinerja_core; percentages are unrounded (round on output with `kinerja_core.bulatkan`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from dinsos_api.anggaran.models import (
    Nomenklatur,
    Pagu,
    Pendapatan,
    Realisasi,
    RealisasiFisik,
    Tingkat,
    VersiDpa,
)
from dinsos_api.core import audit
from dinsos_api.core.akses import Konteks, pastikan_tulis
from dinsos_api.core.errors import Masalah
from dinsos_api.core.etag import etag_rekaman, pastikan_if_match
from dinsos_api.core.paginasi import paginasi
from dinsos_api.core.waktu import sekarang
from dinsos_api.referensi.models import PerangkatDaerah
from kinerja_core import hitung_capaian, hitung_penyerapan, jumlah

NOL = Decimal(0)
SUMBER_DAYA = "anggaran"


# --- codes ------------------------------------------------------------------------------------


def tingkat_dari_kode(kode: str) -> Tingkat | None:
    """program: 3 parts (1.06.04), kegiatan: 5 (1.06.04.1.01), sub kegiatan: 6."""
    return {3: Tingkat.PROGRAM, 5: Tingkat.KEGIATAN, 6: Tingkat.SUB_KEGIATAN}.get(
        len(kode.split("."))
    )


def kode_induk(kode: str) -> str | None:
    """The parent's code: the child's code without its last part(s)."""
    bagian = kode.split(".")
    if len(bagian) == 6:
        return ".".join(bagian[:5])
    if len(bagian) == 5:
        return ".".join(bagian[:3])
    return None


def salah(kolom: str, pesan: str, status: int = 422) -> Masalah:
    return Masalah(
        status,
        f"Periksa kembali isian berikut: {kolom}: {pesan}.",
        jenis="validasi",
        errors=[{"field": kolom, "message": pesan}],
    )


# --- lookups and access -----------------------------------------------------------------------


def ambil_perangkat(session: Session, kode: str) -> PerangkatDaerah:
    perangkat = session.get(PerangkatDaerah, kode)
    if perangkat is None:
        raise Masalah(404, f"Perangkat daerah {kode} tidak ditemukan.")
    return perangkat


def perangkat_untuk_ditulis(session: Session, ktx: Konteks, kode: str) -> PerangkatDaerah:
    """A district operator writes only its own district's office (the province's is provincial)."""
    perangkat = ambil_perangkat(session, kode)
    pastikan_tulis(ktx.pelaku, perangkat.kode_wilayah, SUMBER_DAYA)
    return perangkat


def _node(session: Session, perangkat: str, tahun: int, kode: str) -> Nomenklatur | None:
    return session.exec(
        select(Nomenklatur).where(
            Nomenklatur.perangkat_daerah_kode == perangkat,
            Nomenklatur.tahun == tahun,
            Nomenklatur.kode == kode,
        )
    ).first()


def ambil_nomenklatur(session: Session, perangkat: str, tahun: int, kode: str) -> Nomenklatur:
    ambil_perangkat(session, perangkat)
    node = _node(session, perangkat, tahun, kode)
    if node is None:
        raise Masalah(404, f"Nomenklatur {kode} tahun {tahun} tidak ditemukan di {perangkat}.")
    return node


def _sub_kegiatan(session: Session, perangkat: str, tahun: int, kode: str) -> Nomenklatur:
    node = _node(session, perangkat, tahun, kode)
    if node is None or node.tingkat != Tingkat.SUB_KEGIATAN:
        raise salah("kode", f"sub kegiatan {kode} tahun {tahun} tidak ada")
    return node


def commit(session: Session) -> None:
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Masalah(
            409,
            "Perubahan bertentangan dengan data lain (kode atau nomor sudah dipakai). Periksa "
            "lalu kirim ulang.",
            jenis="konflik",
        ) from None


def _pastikan_tanggal(tanggal: date, tahun: int) -> None:
    if tanggal.year != tahun:
        raise salah("tanggal", f"harus di dalam tahun anggaran {tahun}")


# --- nomenklatur ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeBaru:
    kode: str
    nama: str


def buat_nomenklatur(
    session: Session, ktx: Konteks, perangkat: str, tahun: int, data: NodeBaru
) -> tuple[Nomenklatur, str | None]:
    """A new program, kegiatan or sub kegiatan; its parent must exist. (node, parent's kode)."""
    perangkat_untuk_ditulis(session, ktx, perangkat)
    tingkat = tingkat_dari_kode(data.kode)
    if tingkat is None:
        raise salah("kode", "bentuk kode tidak dikenal")
    induk_id = None
    induk = kode_induk(data.kode)
    if induk is not None:
        node_induk = _node(session, perangkat, tahun, induk)
        if node_induk is None:
            raise salah("kode", f"induk {induk} belum ada; buat dahulu")
        induk_id = node_induk.id
    if _node(session, perangkat, tahun, data.kode) is not None:
        raise Masalah(
            409,
            f"Kode {data.kode} tahun {tahun} sudah ada di {perangkat}.",
            jenis="konflik",
            errors=[{"field": "kode", "message": "kode sudah dipakai"}],
        )
    node = Nomenklatur(
        perangkat_daerah_kode=perangkat,
        tahun=tahun,
        tingkat=tingkat.value,
        kode=data.kode,
        nama=data.nama,
        induk_id=induk_id,
    )
    session.add(node)
    audit.catat(
        session, ktx, sumber_daya="anggaran_nomenklatur", sumber_daya_id=node.id, aksi="buat",
        baru={"perangkat_daerah": perangkat, "tahun": tahun, "kode": data.kode,
              "nama": data.nama},
    )  # fmt: skip
    commit(session)
    session.refresh(node)
    return node, induk


def daftar_nomenklatur(
    session: Session,
    perangkat: str,
    tahun: int,
    *,
    tingkat: Tingkat | None,
    induk: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Nomenklatur], str | None]:
    ambil_perangkat(session, perangkat)
    stmt = select(Nomenklatur).where(
        Nomenklatur.perangkat_daerah_kode == perangkat, Nomenklatur.tahun == tahun
    )
    if tingkat is not None:
        stmt = stmt.where(Nomenklatur.tingkat == tingkat.value)
    if induk is not None:
        stmt = stmt.where(col(Nomenklatur.kode).startswith(induk + "."))
    return paginasi(session, stmt, [Nomenklatur.kode], limit, cursor)


# --- DPA versions and pagu --------------------------------------------------------------------


def _versi_terakhir(session: Session, perangkat: str, tahun: int) -> VersiDpa | None:
    return session.exec(
        select(VersiDpa)
        .where(VersiDpa.perangkat_daerah_kode == perangkat, VersiDpa.tahun == tahun)
        .order_by(col(VersiDpa.nomor).desc())
    ).first()


def versi_dipakai(
    session: Session, perangkat: str, tahun: int, nomor: int | None
) -> VersiDpa | None:
    """The version asked for (404 if unknown), else the latest; None if there is none yet."""
    if nomor is None:
        return _versi_terakhir(session, perangkat, tahun)
    versi = session.exec(
        select(VersiDpa).where(
            VersiDpa.perangkat_daerah_kode == perangkat,
            VersiDpa.tahun == tahun,
            VersiDpa.nomor == nomor,
        )
    ).first()
    if versi is None:
        raise Masalah(404, f"DPA versi {nomor} tahun {tahun} tidak ditemukan di {perangkat}.")
    return versi


def _pagu_versi(session: Session, versi: VersiDpa | None) -> dict[str, Decimal]:
    if versi is None:
        return {}
    rows = session.exec(select(Pagu).where(Pagu.dpa_id == versi.id)).all()
    return {p.sub_kegiatan_id: p.pagu for p in rows}


def total_pagu(session: Session, versi: VersiDpa) -> Decimal:
    return jumlah(_pagu_versi(session, versi).values()) or NOL


def buat_versi(
    session: Session,
    ktx: Konteks,
    perangkat: str,
    tahun: int,
    tanggal: date | None,
    keterangan: str | None,
) -> VersiDpa:
    """The next version (0 = DPA murni); a revision starts from the previous version's pagu."""
    perangkat_untuk_ditulis(session, ktx, perangkat)
    if tanggal is not None and tanggal.year not in (tahun - 1, tahun):
        raise salah("tanggal", f"DPA tahun {tahun} ditetapkan pada tahun {tahun - 1} atau {tahun}")
    lama = _versi_terakhir(session, perangkat, tahun)
    if lama is not None and tanggal is not None and lama.tanggal and tanggal < lama.tanggal:
        raise salah("tanggal", f"tidak boleh sebelum tanggal versi {lama.nomor} ({lama.tanggal})")
    versi = VersiDpa(
        perangkat_daerah_kode=perangkat,
        tahun=tahun,
        nomor=0 if lama is None else lama.nomor + 1,
        tanggal=tanggal,
        keterangan=keterangan,
    )
    session.add(versi)
    for sub_id, pagu in _pagu_versi(session, lama).items():
        session.add(Pagu(dpa_id=versi.id, sub_kegiatan_id=sub_id, pagu=pagu))
    audit.catat(
        session, ktx, sumber_daya="anggaran_dpa", sumber_daya_id=versi.id, aksi="buat",
        baru={"perangkat_daerah": perangkat, "tahun": tahun, "nomor": versi.nomor,
              "tanggal": tanggal, "keterangan": keterangan},
    )  # fmt: skip
    commit(session)
    session.refresh(versi)
    return versi


def daftar_versi(
    session: Session, perangkat: str, tahun: int, limit: int = 500, cursor: str | None = None
) -> tuple[list[VersiDpa], str | None]:
    """The DPA and its revisions, oldest first."""
    ambil_perangkat(session, perangkat)
    stmt = select(VersiDpa).where(
        VersiDpa.perangkat_daerah_kode == perangkat, VersiDpa.tahun == tahun
    )
    return paginasi(session, stmt, [VersiDpa.nomor], limit, cursor)


def atur_pagu(
    session: Session,
    ktx: Konteks,
    perangkat: str,
    tahun: int,
    nomor: int,
    kode: str,
    pagu: Decimal,
) -> tuple[Pagu, bool]:
    """Set a sub kegiatan's pagu in the latest version; (pagu, True if it was new)."""
    perangkat_untuk_ditulis(session, ktx, perangkat)
    versi = versi_dipakai(session, perangkat, tahun, nomor)
    assert versi is not None
    terakhir = _versi_terakhir(session, perangkat, tahun)
    if terakhir is not None and terakhir.nomor != versi.nomor:
        raise Masalah(
            409,
            f"DPA versi {nomor} sudah digantikan versi {terakhir.nomor}; pagu hanya dapat "
            "diubah pada versi terakhir.",
            jenis="versi-lama",
        )
    node = _node(session, perangkat, tahun, kode)
    if node is None:
        raise Masalah(404, f"Nomenklatur {kode} tahun {tahun} tidak ditemukan di {perangkat}.")
    if node.tingkat != Tingkat.SUB_KEGIATAN:
        raise salah(
            "kode",
            "pagu hanya dicatat pada sub kegiatan; pagu kegiatan dan program selalu dijumlahkan "
            "dari sub kegiatannya",
        )
    baris = session.exec(
        select(Pagu).where(Pagu.dpa_id == versi.id, Pagu.sub_kegiatan_id == node.id)
    ).first()
    baru = baris is None
    lama = None if baris is None else {"pagu": baris.pagu}
    if baris is None:
        baris = Pagu(dpa_id=versi.id, sub_kegiatan_id=node.id, pagu=pagu)
    else:
        baris.pagu = pagu
    session.add(baris)
    audit.catat(
        session, ktx, sumber_daya="anggaran_pagu", sumber_daya_id=baris.id,
        aksi="buat" if baru else "ubah", lama=lama,
        baru={"pagu": pagu, "kode": kode, "versi": versi.nomor},
    )  # fmt: skip
    commit(session)
    session.refresh(baris)
    return baris, baru


# --- realisation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RealisasiBaru:
    kode: str
    tanggal: date
    jumlah: Decimal
    keterangan: str | None = None
    bukti: str | None = None


def catat_realisasi(
    session: Session, ktx: Konteks, perangkat: str, tahun: int, data: RealisasiBaru
) -> Realisasi:
    perangkat_untuk_ditulis(session, ktx, perangkat)
    _pastikan_tanggal(data.tanggal, tahun)
    node = _sub_kegiatan(session, perangkat, tahun, data.kode)
    if data.jumlah < 0:
        sudah = session.exec(select(Realisasi).where(Realisasi.sub_kegiatan_id == node.id)).all()
        total = jumlah([*(r.jumlah for r in sudah), data.jumlah]) or NOL
        if total < 0:
            raise salah("jumlah", "koreksi membuat realisasi sub kegiatan ini kurang dari 0")
    entri = Realisasi(
        sub_kegiatan_id=node.id,
        tanggal=data.tanggal,
        jumlah=data.jumlah,
        keterangan=data.keterangan,
        bukti=data.bukti,
    )
    session.add(entri)
    audit.catat(
        session, ktx, sumber_daya="anggaran_realisasi", sumber_daya_id=entri.id, aksi="buat",
        baru={"kode": data.kode, "tanggal": data.tanggal, "jumlah": data.jumlah,
              "keterangan": data.keterangan, "bukti": data.bukti},
    )  # fmt: skip
    commit(session)
    session.refresh(entri)
    return entri


def daftar_realisasi(
    session: Session,
    perangkat: str,
    tahun: int,
    kode: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Any], str | None]:
    """(Realisasi, kode) rows, in the order they were recorded; `kode` also matches children."""
    return _daftar_entri(session, Realisasi, perangkat, tahun, kode, limit, cursor)


def catat_fisik(
    session: Session,
    ktx: Konteks,
    perangkat: str,
    tahun: int,
    kode: str,
    tanggal: date,
    persen: Decimal,
    keterangan: str | None,
) -> RealisasiFisik:
    perangkat_untuk_ditulis(session, ktx, perangkat)
    _pastikan_tanggal(tanggal, tahun)
    if persen > 100:
        raise salah("persen", "realisasi fisik paling tinggi 100")
    node = _sub_kegiatan(session, perangkat, tahun, kode)
    entri = RealisasiFisik(
        sub_kegiatan_id=node.id, tanggal=tanggal, persen=persen, keterangan=keterangan
    )
    session.add(entri)
    audit.catat(
        session, ktx, sumber_daya="anggaran_realisasi_fisik", sumber_daya_id=entri.id,
        aksi="buat", baru={"kode": kode, "tanggal": tanggal, "persen": persen},
    )  # fmt: skip
    commit(session)
    session.refresh(entri)
    return entri


def daftar_fisik(
    session: Session,
    perangkat: str,
    tahun: int,
    kode: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Any], str | None]:
    return _daftar_entri(session, RealisasiFisik, perangkat, tahun, kode, limit, cursor)


def _daftar_entri(
    session: Session,
    model: type[Realisasi] | type[RealisasiFisik],
    perangkat: str,
    tahun: int,
    kode: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Any], str | None]:
    ambil_perangkat(session, perangkat)
    stmt: Any = (
        select(model, Nomenklatur.kode)
        .join(Nomenklatur, col(Nomenklatur.id) == col(model.sub_kegiatan_id))
        .where(Nomenklatur.perangkat_daerah_kode == perangkat, Nomenklatur.tahun == tahun)
    )
    if kode is not None:
        stmt = stmt.where(
            (col(Nomenklatur.kode) == kode) | col(Nomenklatur.kode).startswith(kode + ".")
        )
    return paginasi(session, stmt, [model.created_at, model.id], limit, cursor)


# --- revenue ----------------------------------------------------------------------------------


def etag_pendapatan(pendapatan: Pendapatan) -> str:
    return etag_rekaman("anggaran_pendapatan", pendapatan.id, pendapatan.versi)


def capaian_pendapatan(pendapatan: Pendapatan) -> Decimal | None:
    return hitung_capaian(pendapatan.realisasi, pendapatan.target).nilai


def ambil_pendapatan_atau_none(session: Session, perangkat: str, tahun: int) -> Pendapatan | None:
    return session.exec(
        select(Pendapatan).where(
            Pendapatan.perangkat_daerah_kode == perangkat, Pendapatan.tahun == tahun
        )
    ).first()


def ambil_pendapatan(session: Session, perangkat: str, tahun: int) -> Pendapatan:
    ambil_perangkat(session, perangkat)
    pendapatan = ambil_pendapatan_atau_none(session, perangkat, tahun)
    if pendapatan is None:
        raise Masalah(404, f"Pendapatan {perangkat} tahun {tahun} belum dicatat.")
    return pendapatan


def _isi_pendapatan(p: Pendapatan) -> dict[str, Any]:
    return {"target": p.target, "realisasi": p.realisasi, "keterangan": p.keterangan}


def buat_pendapatan(
    session: Session,
    ktx: Konteks,
    perangkat: str,
    tahun: int,
    target: Decimal,
    realisasi: Decimal | None,
    keterangan: str | None,
) -> Pendapatan:
    perangkat_untuk_ditulis(session, ktx, perangkat)
    if ambil_pendapatan_atau_none(session, perangkat, tahun) is not None:
        raise Masalah(
            409,
            f"Pendapatan {perangkat} tahun {tahun} sudah dicatat; ubah dengan PATCH.",
            jenis="konflik",
        )
    pendapatan = Pendapatan(
        perangkat_daerah_kode=perangkat,
        tahun=tahun,
        target=target,
        realisasi=realisasi,
        keterangan=keterangan,
    )
    session.add(pendapatan)
    audit.catat(
        session, ktx, sumber_daya="anggaran_pendapatan", sumber_daya_id=pendapatan.id,
        aksi="buat", baru=_isi_pendapatan(pendapatan),
    )  # fmt: skip
    commit(session)
    session.refresh(pendapatan)
    return pendapatan


def ubah_pendapatan(
    session: Session,
    ktx: Konteks,
    perangkat: str,
    tahun: int,
    perubahan: dict[str, Any],
    if_match: str | None,
) -> Pendapatan:
    perangkat_untuk_ditulis(session, ktx, perangkat)
    pendapatan = ambil_pendapatan(session, perangkat, tahun)
    pastikan_if_match(if_match, etag_pendapatan(pendapatan))
    lama = _isi_pendapatan(pendapatan)
    berubah = {k: v for k, v in perubahan.items() if lama[k] != v}
    if not berubah:
        return pendapatan
    for kolom, nilai in berubah.items():
        setattr(pendapatan, kolom, nilai)
    pendapatan.versi += 1
    pendapatan.updated_at = sekarang()
    session.add(pendapatan)
    audit.catat(
        session, ktx, sumber_daya="anggaran_pendapatan", sumber_daya_id=pendapatan.id,
        aksi="ubah", lama=lama, baru=_isi_pendapatan(pendapatan),
    )  # fmt: skip
    commit(session)
    session.refresh(pendapatan)
    return pendapatan


# --- derived figures (the report's API) -------------------------------------------------------


@dataclass(frozen=True)
class Nilai:
    """pagu, realisasi, penyerapan (unrounded; None with the reason) and sisa of a node."""

    pagu: Decimal
    realisasi: Decimal
    penyerapan: Decimal | None
    alasan_penyerapan: str | None
    sisa: Decimal

    @classmethod
    def hitung(cls, pagu: Iterable[Decimal], realisasi: Iterable[Decimal]) -> Nilai:
        p = jumlah(pagu) or NOL
        r = jumlah(realisasi) or NOL
        serap = hitung_penyerapan(r, p)
        sisa = jumlah([p, -r]) or NOL
        return cls(p, r, serap.nilai, serap.alasan, sisa)


@dataclass(frozen=True)
class BarisRingkasan:
    kode: str
    nama: str
    tingkat: Tingkat
    induk_kode: str | None
    nilai: Nilai
    realisasi_fisik: Decimal | None = None


@dataclass(frozen=True)
class Ringkasan:
    perangkat_daerah: str
    tahun: int
    versi: int | None
    level: Tingkat
    total: Nilai
    baris: list[BarisRingkasan] = field(default_factory=list)


@dataclass(frozen=True)
class _Pohon:
    nodes: list[Nomenklatur]
    pagu: dict[str, Decimal]  # sub kegiatan id -> pagu in the version
    versi: VersiDpa | None

    def sub_di_bawah(self, node: Nomenklatur) -> list[Nomenklatur]:
        if node.tingkat == Tingkat.SUB_KEGIATAN:
            return [node]
        awalan = node.kode + "."
        return [
            n for n in self.nodes if n.tingkat == Tingkat.SUB_KEGIATAN and n.kode.startswith(awalan)
        ]

    def subs(self) -> list[Nomenklatur]:
        return [n for n in self.nodes if n.tingkat == Tingkat.SUB_KEGIATAN]


def _pohon(session: Session, perangkat: str, tahun: int, versi: int | None) -> _Pohon:
    ambil_perangkat(session, perangkat)
    dipakai = versi_dipakai(session, perangkat, tahun, versi)
    nodes = list(
        session.exec(
            select(Nomenklatur)
            .where(Nomenklatur.perangkat_daerah_kode == perangkat, Nomenklatur.tahun == tahun)
            .order_by(col(Nomenklatur.kode))
        ).all()
    )
    return _Pohon(nodes, _pagu_versi(session, dipakai), dipakai)


def _entri(
    session: Session, perangkat: str, tahun: int
) -> tuple[dict[str, list[Realisasi]], dict[str, Decimal]]:
    """Realisation entries per sub kegiatan id, and each one's latest physical progress."""
    realisasi: dict[str, list[Realisasi]] = defaultdict(list)
    rows = session.exec(
        select(Realisasi)
        .join(Nomenklatur, col(Nomenklatur.id) == col(Realisasi.sub_kegiatan_id))
        .where(Nomenklatur.perangkat_daerah_kode == perangkat, Nomenklatur.tahun == tahun)
    ).all()
    for r in rows:
        realisasi[r.sub_kegiatan_id].append(r)
    fisik: dict[str, Decimal] = {}
    fisik_rows = session.exec(
        select(RealisasiFisik)
        .join(Nomenklatur, col(Nomenklatur.id) == col(RealisasiFisik.sub_kegiatan_id))
        .where(Nomenklatur.perangkat_daerah_kode == perangkat, Nomenklatur.tahun == tahun)
        .order_by(col(RealisasiFisik.tanggal), col(RealisasiFisik.created_at))
    ).all()
    for f in fisik_rows:
        fisik[f.sub_kegiatan_id] = f.persen  # ordered by date: the last one wins
    return realisasi, fisik


def ringkasan(
    session: Session,
    *,
    perangkat_daerah: str,
    tahun: int,
    level: Tingkat = Tingkat.PROGRAM,
    versi: int | None = None,
) -> Ringkasan:
    """pagu, realisasi, penyerapan and sisa of every node at `level` (ordered by kode) and the
    total, for the DPA version `versi` (default the latest). Parents are always sums of their
    sub kegiatan: nothing else holds a pagu."""
    pohon = _pohon(session, perangkat_daerah, tahun, versi)
    realisasi, fisik = _entri(session, perangkat_daerah, tahun)
    kode_id = {n.id: n.kode for n in pohon.nodes}

    def nilai(subs: Sequence[Nomenklatur]) -> Nilai:
        return Nilai.hitung(
            (pohon.pagu.get(s.id, NOL) for s in subs),
            (r.jumlah for s in subs for r in realisasi.get(s.id, [])),
        )

    baris = [
        BarisRingkasan(
            kode=n.kode,
            nama=n.nama,
            tingkat=Tingkat(n.tingkat),
            induk_kode=kode_id.get(n.induk_id) if n.induk_id else None,
            nilai=nilai(pohon.sub_di_bawah(n)),
            realisasi_fisik=fisik.get(n.id),
        )
        for n in pohon.nodes
        if n.tingkat == level
    ]
    return Ringkasan(
        perangkat_daerah=perangkat_daerah,
        tahun=tahun,
        versi=pohon.versi.nomor if pohon.versi else None,
        level=level,
        total=nilai(pohon.subs()),
        baris=baris,
    )


@dataclass(frozen=True)
class Bulan:
    bulan: int
    realisasi: Decimal
    kumulatif: Decimal
    persen_kumulatif: Decimal | None  # unrounded: kumulatif / pagu * 100


@dataclass(frozen=True)
class DeretBulanan:
    perangkat_daerah: str
    tahun: int
    versi: int | None
    kode: str | None
    pagu: Decimal
    bulan: list[Bulan]


def bulanan(
    session: Session,
    *,
    perangkat_daerah: str,
    tahun: int,
    versi: int | None = None,
    kode: str | None = None,
) -> DeretBulanan:
    """The monthly S-curve: realisation per month, cumulative, and cumulative % of pagu, for
    the whole budget or for one node (`kode`)."""
    pohon = _pohon(session, perangkat_daerah, tahun, versi)
    if kode is None:
        subs = pohon.subs()
    else:
        node = next((n for n in pohon.nodes if n.kode == kode), None)
        if node is None:
            raise Masalah(404, f"Nomenklatur {kode} tahun {tahun} tidak ditemukan.")
        subs = pohon.sub_di_bawah(node)
    realisasi, _ = _entri(session, perangkat_daerah, tahun)
    pagu = jumlah(pohon.pagu.get(s.id, NOL) for s in subs) or NOL
    per_bulan: dict[int, list[Decimal]] = defaultdict(list)
    for s in subs:
        for r in realisasi.get(s.id, []):
            per_bulan[r.tanggal.month].append(r.jumlah)
    deret: list[Bulan] = []
    kumulatif = NOL
    for b in range(1, 13):
        bulan_ini = jumlah(per_bulan[b]) or NOL
        kumulatif = jumlah([kumulatif, bulan_ini]) or NOL
        deret.append(Bulan(b, bulan_ini, kumulatif, hitung_penyerapan(kumulatif, pagu).nilai))
    return DeretBulanan(
        perangkat_daerah=perangkat_daerah,
        tahun=tahun,
        versi=pohon.versi.nomor if pohon.versi else None,
        kode=kode,
        pagu=pagu,
        bulan=deret,
    )


def jumlah_nomenklatur(session: Session, perangkat: str, tahun: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(Nomenklatur)
        .where(Nomenklatur.perangkat_daerah_kode == perangkat, Nomenklatur.tahun == tahun)
    ).one()
