"""Regions: listing, creation, renaming, and the CSV import of kecamatan and desa."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from dinsos_api.core import data_induk
from dinsos_api.core.akses import Konteks
from dinsos_api.core.errors import Masalah, daftar_kesalahan
from dinsos_api.core.paginasi import paginasi
from dinsos_api.wilayah.models import Wilayah
from dinsos_api.wilayah.schemas import KABKOTA, JenisWilayah, WilayahBuat, WilayahUbah

# --- reads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaringWilayah:
    jenis: JenisWilayah | None = None
    induk: str | None = None
    q: str | None = None


def _escape_like(teks: str) -> str:
    return teks.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def daftar(
    session: Session, saring: SaringWilayah, limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    """Regions ordered by kode. Without `jenis` or `induk`: the 22 districts."""
    stmt = select(Wilayah)
    if saring.jenis is not None:
        stmt = stmt.where(Wilayah.jenis == saring.jenis.value)
    elif saring.induk is None:
        stmt = stmt.where(col(Wilayah.jenis).in_([j.value for j in KABKOTA]))
    if saring.induk is not None:
        stmt = stmt.where(Wilayah.induk_kode == saring.induk)
    if saring.q:
        # A prefix of the name or of any word in it: "kup" finds Kabupaten Kupang, Kota Kupang.
        awal = _escape_like(saring.q.lower())
        nama = func.lower(Wilayah.nama)
        stmt = stmt.where(
            or_(nama.like(f"{awal}%", escape="\\"), nama.like(f"% {awal}%", escape="\\"))
        )
    return paginasi(session, stmt, [col(Wilayah.kode)], limit, cursor)


def ambil(session: Session, kode: str) -> Wilayah:
    return data_induk.ambil(session, Wilayah, kode)


def cari(session: Session, kode: str) -> Wilayah | None:
    """The region with this kode, or None (for other domains checking a reference)."""
    return session.get(Wilayah, kode)


# --- writes ----------------------------------------------------------------------------------


def _baru(data: WilayahBuat) -> Wilayah:
    assert data.jenis is not None  # filled in from the code by the schema
    return Wilayah(
        kode=data.kode,
        kode_kemendagri=data.kode_kemendagri,
        jenis=data.jenis.value,
        nama=data.nama,
        induk_kode=data.induk_kode,
    )


def _pesan_induk_hilang(data: WilayahBuat) -> str:
    induk = "kabupaten/kota" if data.tingkat == 3 else "kecamatan"
    return f"{induk} induk {data.induk_kode} belum ada; tambahkan induknya lebih dahulu"


def buat(session: Session, ktx: Konteks, data: WilayahBuat) -> Wilayah:
    if data.induk_kode is not None and session.get(Wilayah, data.induk_kode) is None:
        raise Masalah(
            422,
            f"Wilayah induk {data.induk_kode} tidak ditemukan.",
            jenis="validasi",
            errors=[{"field": "kode_kemendagri", "message": _pesan_induk_hilang(data)}],
        )
    return data_induk.buat(session, ktx, _baru(data))


def ubah(
    session: Session, ktx: Konteks, kode: str, data: WilayahUbah, if_match: str | None
) -> Wilayah:
    """Rename a region (the code, and so its place in the tree, never changes)."""
    wilayah = data_induk.ambil_untuk_diubah(session, Wilayah, kode, if_match)
    return data_induk.ubah(session, ktx, wilayah, data.model_dump(exclude_unset=True))


# --- CSV import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KesalahanBaris:
    baris: int  # line in the file; the header is line 1
    kolom: str
    pesan: str

    def __str__(self) -> str:
        return f"baris {self.baris}, kolom {self.kolom}: {self.pesan}"


class ImporDitolakError(Exception):
    """The file has errors; nothing was written."""

    def __init__(self, kesalahan: Sequence[KesalahanBaris]) -> None:
        super().__init__(f"{len(kesalahan)} kesalahan")
        self.kesalahan = list(kesalahan)


@dataclass(frozen=True)
class HasilImpor:
    dibuat: int
    diubah: int
    tetap: int


KOLOM_WAJIB = ("kode_kemendagri", "nama")


def _baca_baris(teks: str) -> tuple[list[tuple[int, dict[str, str]]], list[KesalahanBaris]]:
    """(line, row) for each non-blank data row, or the header's errors."""
    if not teks.strip():
        return [], [KesalahanBaris(1, "-", "berkas kosong")]
    kepala = teks.splitlines()[0]
    # Spreadsheets set to Indonesian separate columns with ";" (the comma is the decimal mark).
    pemisah = ";" if ";" in kepala and "," not in kepala else ","
    pembaca = csv.DictReader(teks.splitlines(keepends=True), delimiter=pemisah)
    kolom = [k.strip().lower() for k in pembaca.fieldnames or []]
    kurang = [k for k in KOLOM_WAJIB if k not in kolom]
    if kurang:
        pesan = f"kolom wajib tidak ada: {', '.join(kurang)} (kepala berkas: kode_kemendagri,nama)"
        return [], [KesalahanBaris(1, ", ".join(kurang), pesan)]
    pembaca.fieldnames = kolom
    baris: list[tuple[int, dict[str, str]]] = []
    for row in pembaca:
        nilai = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        if any(nilai.values()):
            baris.append((pembaca.line_num, nilai))
    if not baris:
        return [], [KesalahanBaris(1, "-", "berkas tidak berisi data wilayah")]
    return baris, []


def impor_csv(session: Session, ktx: Konteks, teks: str) -> HasilImpor:
    """Import kecamatan and desa (or districts) from CSV `kode_kemendagri,nama[,jenis]`.

    Every row is checked first; if any is wrong, `ImporDitolakError` lists them all and nothing
    is written. Otherwise regions are created or renamed by kode in one transaction, parents
    before children, each change audited; importing the same file again changes nothing.
    """
    baris, kesalahan = _baca_baris(teks)
    if kesalahan:
        raise ImporDitolakError(kesalahan)

    ada = {w.kode: w for w in session.exec(select(Wilayah)).all()}
    sah: dict[str, tuple[int, WilayahBuat]] = {}
    for nomor, nilai in baris:
        try:
            data = WilayahBuat(
                kode_kemendagri=nilai.get("kode_kemendagri", ""),
                nama=nilai.get("nama", ""),
                jenis=nilai.get("jenis") or None,
            )
        except ValidationError as exc:
            kesalahan += [
                KesalahanBaris(nomor, e["field"], e["message"])
                for e in daftar_kesalahan(exc.errors())
            ]
            continue
        if data.kode in sah:
            pesan = f"kode {data.kode_kemendagri} sudah ada di baris {sah[data.kode][0]}"
            kesalahan.append(KesalahanBaris(nomor, "kode_kemendagri", pesan))
            continue
        sah[data.kode] = (nomor, data)
    for nomor, data in sah.values():
        induk = data.induk_kode
        if induk is not None and induk not in ada and induk not in sah:
            kesalahan.append(KesalahanBaris(nomor, "kode_kemendagri", _pesan_induk_hilang(data)))
    if kesalahan:
        raise ImporDitolakError(sorted(kesalahan, key=lambda k: k.baris))

    dibuat = diubah = 0
    for _, data in sorted(sah.values(), key=lambda s: s[1].tingkat):
        baru = _baru(data)
        lama = ada.get(data.kode)
        if lama is None:
            data_induk.tambah(session, ktx, baru)
            dibuat += 1
        elif data_induk.perbarui(session, ktx, lama, baru.isi()):
            diubah += 1
    # One commit; rows of one table are inserted in the order added, parents first.
    data_induk.simpan(session)
    return HasilImpor(dibuat=dibuat, diubah=diubah, tetap=len(sah) - dibuat - diubah)
