"""The registry's reading side, edits, duplicates and statistics (no HTTP here).

The person list is the registry's hot path (the mobile app, district systems), so it
takes a lean route: one keyset query in SQLAlchemy Core selecting only the listed columns,
rows turned into plain dicts once (the router serialises the page in one go), no ORM objects
and no per-row validation. CSV exports walk the same query in keyset batches, so an export
holds one batch in memory whatever the registry's size and lists exactly what the pages list.

Who sees what: a district operator sees its own district only (`lingkup_wilayah`), and
another district's person answers as an unknown id does; what other districts' data decides
is the province's (`Penyamar`). Analysts see no person, only statistics with small counts
withheld (`statistik_pmks`; docs/architecture.md, "Who sees what").
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, Final, cast

from openpyxl import Workbook
from sqlalchemy import (
    Select,
    Table,
    bindparam,
    case,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    union_all,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from dinsos_api.core import audit, tabel_aman
from dinsos_api.core.akses import (
    Aktor,
    Konteks,
    Peran,
    lingkup_wilayah,
    pastikan_baca,
)
from dinsos_api.core.db import Mesin
from dinsos_api.core.errors import Masalah
from dinsos_api.core.etag import etag_rekaman, pastikan_if_match
from dinsos_api.core.paginasi import _decode, _encode, paginasi
from dinsos_api.core.waktu import sekarang
from dinsos_api.core.xlsx import tambah_baris_aliran
from dinsos_api.penerima.models import (
    AnggotaKeluarga,
    DataPmks,
    Keluarga,
    Kepesertaan,
    Orang,
    StatusKepesertaan,
    StatusVerifikasi,
)
from dinsos_api.penerima.nik import periksa_nik, periksa_nomor_kk
from dinsos_api.penerima.schemas import (
    AnggotaKeluar,
    BarisStatistik,
    DataPmksKeluar,
    Duplikat,
    KartuKeluarga,
    Kelompok,
    KeluargaKeluar,
    KepesertaanKeluar,
    KeputusanDuplikat,
    PenerimaDetail,
    PenerimaUbah,
    RekamanDuplikat,
    StatistikPmks,
)
from dinsos_api.wilayah import service as wilayah_service

SUMBER_DAYA: Final = "orang"  # in audit rows and ETags
LABEL: Final = "penerima manfaat"  # in messages
KEPALA: Final = "kepala_keluarga"
BATAS_SAMAR: Final = 5  # analysts see no count below this (1–4)
BATCH_EKSPOR: Final = 5000

# The lean paths query the tables with SQLAlchemy Core (no ORM objects).
_ORANG = cast(Table, Orang.__table__)  # type: ignore[attr-defined]
_PMKS = cast(Table, DataPmks.__table__)  # type: ignore[attr-defined]
_ANGGOTA = cast(Table, AnggotaKeluarga.__table__)  # type: ignore[attr-defined]
_KEPESERTAAN = cast(Table, Kepesertaan.__table__)  # type: ignore[attr-defined]

# The columns of a list item, in this order (PenerimaRingkas adds tahun_lahir).
KOLOM_DAFTAR: Final = (
    "id", "nik", "nama", "jenis_kelamin", "tanggal_lahir", "kode_wilayah", "nomor_kk",
    "status_hidup", "updated_at",
)  # fmt: skip
KOLOM_CSV: Final = (*KOLOM_DAFTAR[:5], "tahun_lahir", *KOLOM_DAFTAR[5:])


# --- what a caller sees ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Penyamar:
    """What a caller may see of the registry beyond its own district's records: a district
    sees nothing of other districts' data, not even that they report the same NIK. Analysts
    see no person at all (core/akses.KEBIJAKAN; docs/architecture.md, "Who sees what")."""

    provinsi: bool = True

    @classmethod
    def untuk(cls, aktor: Aktor) -> Penyamar:
        return cls(lingkup_wilayah(aktor) is None)

    def lintas_wilayah(self, nilai: Any) -> Any:
        """What another district's data decides (`perlu_verifikasi`): the province's alone."""
        return nilai if self.provinsi else None


# --- the person list -------------------------------------------------------------------------


@dataclass(frozen=True)
class SaringPenerima:
    kode_wilayah: str | None = None
    kategori: str | None = None  # has PMKS data in this category (directly or via its family)
    program: str | None = None  # enrolled in this programme (directly or via its family)
    status_verifikasi: StatusVerifikasi | None = None
    tahun: int | None = None
    q: str | None = None  # name prefix, case-insensitive
    nik: str | None = None


class _TidakTerlihat:
    """A district filter the caller may not see: the list is empty (no query is run)."""


_TIDAK_TERLIHAT = _TidakTerlihat()


def _wilayah_daftar(aktor: Aktor, diminta: str | None) -> str | _TidakTerlihat | None:
    """The district a list is limited to. A district operator asking for another district
    gets an empty list, exactly as if that district had no data (never its data, and no hint
    that it exists)."""
    lingkup = lingkup_wilayah(aktor)
    if lingkup is None or diminta is None:
        return lingkup or diminta
    return diminta if diminta.startswith(lingkup) else _TIDAK_TERLIHAT


def _escape_like(teks: str) -> str:
    return teks.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class _Bentuk:
    """Which filters a list query has: its statement is built once per shape (with bound
    parameters) and reused, so a request pays neither the building nor SQLAlchemy's cache
    key, only the parameters."""

    wilayah: bool
    kategori: bool
    tahun: bool
    status: bool
    program: bool
    q: bool
    nik: bool
    setelah: bool
    jumlah: int  # rendered as a literal: PostgreSQL plans a LIMIT it knows


def _syarat_pmks(d: Any, b: _Bentuk, wilayah: bool = True) -> list[Any]:
    syarat = []
    if b.wilayah and wilayah:
        # Redundant with the person's district (people belong to the district that reported
        # them) but it lets the (kode_wilayah, kategori_kode, orang_id) index drive the scan.
        syarat.append(d.c.kode_wilayah == bindparam("wilayah"))
    if b.kategori:
        syarat.append(d.c.kategori_kode == bindparam("kategori"))
    if b.tahun:
        syarat.append(d.c.tahun == bindparam("tahun"))
    if b.status:
        syarat.append(d.c.status_verifikasi == bindparam("status"))
    return syarat


def _anggota_kini(o: Table) -> Any:
    """The families a person currently belongs to."""
    a = _ANGGOTA.alias("a_kini")
    # Correlated to the person two levels up (auto-correlation only looks one level up).
    return select(a.c.keluarga_id).where(a.c.orang_id == o.c.id, a.c.sampai.is_(None)).correlate(o)


def _syarat_orang(o: Table, b: _Bentuk) -> list[Any]:
    """Conditions on the person row itself (not the PMKS data)."""
    syarat: list[Any] = [o.c.dihapus_pada.is_(None)]
    if b.wilayah:
        syarat.append(o.c.kode_wilayah == bindparam("wilayah"))
    if b.setelah:
        syarat.append(o.c.id > bindparam("setelah"))
    if b.nik:
        syarat.append(o.c.nik == bindparam("nik"))
    if b.q:
        syarat.append(func.lower(o.c.nama).like(bindparam("q"), escape="\\"))
    if b.program:
        k = _KEPESERTAAN.alias("k")
        program = k.c.program_kode == bindparam("program")
        syarat.append(
            or_(
                exists().where(k.c.orang_id == o.c.id, program),
                exists().where(k.c.keluarga_id.in_(_anggota_kini(o)), program),
            )
        )
    return syarat


@lru_cache(maxsize=1024)
def _pernyataan(b: _Bentuk) -> Select[Any]:
    """The keyset query of one page (or one export batch): people after `setelah` by id.

    With a category, the PMKS rows drive: person-level rows through the index
    (kode_wilayah, kategori_kode, orang_id), read from the cursor on and joined to at most
    `jumlah` people, so page 2,000 costs what page 1 costs; family-level rows (categories
    whose sasaran is keluarga) reach the family's current members. The two branches are
    limited separately and merged; a person may be in both (`_tanpa_ganda`).
    """
    o = _ORANG
    kolom = [o.c[k] for k in KOLOM_DAFTAR]
    batas: Any = literal_column(str(b.jumlah))
    syarat_o = _syarat_orang(o, b)
    if not b.kategori:
        if b.tahun or b.status:
            d = _PMKS.alias("d")
            # Looked up per person, by orang_id (or keluarga_id). Not with the district: given
            # it, SQLite reads d through (kode_wilayah, …) and so scans every record of the
            # district for each person (a year-filtered export of 7,400 people: 8.5 s). The
            # person's own district already limits the list.
            syarat_d = _syarat_pmks(d, b, wilayah=False)
            syarat_o.append(
                or_(
                    exists().where(d.c.orang_id == o.c.id, *syarat_d),
                    exists().where(d.c.keluarga_id.in_(_anggota_kini(o)), *syarat_d),
                )
            )
        return select(*kolom).where(*syarat_o).order_by(o.c.id).limit(batas)

    d = _PMKS.alias("d")
    syarat_d = [*_syarat_pmks(d, b), d.c.orang_id.is_not(None)]
    if b.setelah:
        syarat_d.append(d.c.orang_id > bindparam("setelah"))
    pemicu = select(d.c.orang_id).where(*syarat_d).distinct().subquery("p")
    cabang_orang = (
        select(*kolom)
        .select_from(pemicu.join(o, o.c.id == pemicu.c.orang_id))
        .where(*syarat_o)
        .order_by(o.c.id)
        .limit(batas)
    )
    dk = _PMKS.alias("dk")
    a = _ANGGOTA.alias("a")
    anggota = (
        select(a.c.orang_id)
        .join(dk, dk.c.keluarga_id == a.c.keluarga_id)
        .where(a.c.sampai.is_(None), dk.c.orang_id.is_(None), *_syarat_pmks(dk, b))
    )
    if b.setelah:
        anggota = anggota.where(a.c.orang_id > bindparam("setelah"))
    cabang_keluarga = (
        select(*kolom).where(*syarat_o, o.c.id.in_(anggota)).order_by(o.c.id).limit(batas)
    )
    # UNION ALL, not UNION: deduplicating in SQL costs a hash and a sort of every column;
    # the caller drops the (adjacent) duplicates of at most 2 × `jumlah` rows instead.
    gabungan = union_all(
        select(cabang_orang.subquery("po")), select(cabang_keluarga.subquery("pk"))
    ).subquery("u")
    return select(gabungan).order_by(gabungan.c.id)


def pernyataan_daftar(
    saring: SaringPenerima, wilayah: str | None, setelah: str | None, jumlah: int
) -> tuple[Select[Any], dict[str, Any]]:
    """The list query for these filters and its parameters."""
    nilai: dict[str, Any] = {
        "wilayah": wilayah,
        "kategori": saring.kategori,
        "tahun": saring.tahun,
        "status": saring.status_verifikasi.value if saring.status_verifikasi else None,
        "program": saring.program,
        "q": _escape_like(saring.q.lower()) + "%" if saring.q else None,
        "nik": saring.nik,
        "setelah": setelah,
    }
    bentuk = _Bentuk(**{k: v is not None for k, v in nilai.items()}, jumlah=jumlah)
    return _pernyataan(bentuk), {k: v for k, v in nilai.items() if v is not None}


def _tanpa_ganda(rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """Rows ordered by id without repeats (a person reached both directly and through the
    family); most pages have none, and are returned as they are."""
    if all(rows[i][0] != rows[i - 1][0] for i in range(1, len(rows))):
        return rows
    return [r for i, r in enumerate(rows) if i == 0 or r[0] != rows[i - 1][0]]


def _item(row: Sequence[Any]) -> dict[str, Any]:
    id_, nik, nama, jenis_kelamin, tanggal_lahir, kode_wilayah, nomor_kk, status, diubah = row
    return {
        "id": id_,
        "nik": nik,
        "nama": nama,
        "jenis_kelamin": jenis_kelamin,
        "tanggal_lahir": tanggal_lahir,
        "tahun_lahir": tanggal_lahir.year if tanggal_lahir is not None else None,
        "kode_wilayah": kode_wilayah,
        "nomor_kk": nomor_kk,
        "status_hidup": status,
        "updated_at": diubah,
    }


@dataclass(frozen=True)
class Daftar:
    """What a list request resolved to: who asks, the filters and the visible district."""

    saring: SaringPenerima
    wilayah: str | _TidakTerlihat | None

    def halaman(
        self, conn: Connection, jumlah: int, setelah: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Up to `jumlah` list items after the person `setelah`, and the last one's id if more
        follow."""
        if isinstance(self.wilayah, _TidakTerlihat):
            return [], None
        stmt, nilai = pernyataan_daftar(self.saring, self.wilayah, setelah, jumlah + 1)
        return self.olah(conn.execute(stmt, nilai).all(), jumlah)

    async def halaman_dari(
        self, mesin: Mesin, jumlah: int, setelah: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """`halaman` on the app's engines (on the event loop where the driver allows)."""
        if isinstance(self.wilayah, _TidakTerlihat):
            return [], None
        stmt, nilai = pernyataan_daftar(self.saring, self.wilayah, setelah, jumlah + 1)
        return self.olah(await mesin.baca(stmt, nilai), jumlah)

    def olah(
        self, rows: Sequence[Sequence[Any]], jumlah: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        rows = _tanpa_ganda(rows)
        lagi = len(rows) > jumlah
        rows = rows[:jumlah]
        return [_item(r) for r in rows], rows[-1][0] if lagi else None


def siapkan_daftar(aktor: Aktor, saring: SaringPenerima) -> Daftar:
    """Check what the caller may filter by; 403 for analysts searching by NIK or name."""
    return Daftar(saring, _wilayah_daftar(aktor, saring.kode_wilayah))


async def halaman_penerima(
    mesin: Mesin, daftar: Daftar, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the list: items as plain dicts (serialise them as they are) and the next
    cursor. 400 for a cursor the server did not issue. One statement on a pooled connection,
    no ORM session: the registry's busiest read costs one query and no thread hand-off."""
    setelah = str(_decode(cursor, [_ORANG.c.id])[0]) if cursor else None
    data, terakhir = await daftar.halaman_dari(mesin, limit, setelah)
    return data, _encode([terakhir]) if terakhir is not None else None


# The export's columns: the list's, then one PMKS record's (see `_baris_ekspor`).
KOLOM_PMKS: Final = ("kategori", "tahun", "status_verifikasi")
KOLOM_EKSPOR: Final = (*KOLOM_CSV, *KOLOM_PMKS)
_KOLOM_IDENTITAS: Final = frozenset({"nik", "nomor_kk"})
BOM: Final = "\ufeff"


def _sel_csv(kolom: str, nilai: Any) -> Any:
    # NIK and KK numbers are 16 digits: a spreadsheet reads them as numbers and loses the
    # last digit. A leading apostrophe keeps them text without a formula (the PMKS import
    # drops it again, docs/impor-pmks.md).
    if kolom in _KOLOM_IDENTITAS and nilai:
        return "'" + nilai
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    if isinstance(nilai, str) and nilai[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + nilai
    if isinstance(nilai, datetime | date):
        return nilai.isoformat()
    return nilai


def _sel_xlsx(nilai: Any) -> Any:
    # A workbook holds no time zone: timestamps in UTC, as the API gives them.
    if isinstance(nilai, datetime) and nilai.tzinfo is not None:
        return nilai.astimezone(UTC).replace(tzinfo=None)
    return nilai


def _pmks_ekspor(
    conn: Connection, daftar: Daftar, ids: list[str]
) -> dict[str, list[tuple[Any, ...]]]:
    """The PMKS records of these people that match the list's filters (their own and their
    current family's), per person, ordered by year and category."""
    if not ids:
        return {}
    saring = daftar.saring
    d = _PMKS.alias("d")
    a = _ANGGOTA.alias("a")
    syarat: list[Any] = []
    if saring.kategori is not None:
        syarat.append(d.c.kategori_kode == saring.kategori)
    if saring.tahun is not None:
        syarat.append(d.c.tahun == saring.tahun)
    if saring.status_verifikasi is not None:
        syarat.append(d.c.status_verifikasi == saring.status_verifikasi.value)
    kolom = (d.c.kategori_kode, d.c.tahun, d.c.status_verifikasi, d.c.kode_wilayah)
    sendiri = select(d.c.orang_id.label("orang_id"), *kolom).where(
        d.c.orang_id.in_(bindparam("ids", expanding=True)), *syarat
    )
    keluarga = (
        select(a.c.orang_id.label("orang_id"), *kolom)
        .join(d, d.c.keluarga_id == a.c.keluarga_id)
        .where(
            a.c.orang_id.in_(bindparam("ids", expanding=True)),
            a.c.sampai.is_(None),
            d.c.orang_id.is_(None),
            *syarat,
        )
    )
    u = union_all(sendiri, keluarga).subquery("u")
    stmt = select(u).order_by(u.c.orang_id, u.c.tahun, u.c.kategori_kode, u.c.status_verifikasi)
    # The district is checked here, not in SQL: given it, SQLite would read d through
    # (kode_wilayah, …) instead of by person.
    wilayah = daftar.wilayah if isinstance(daftar.wilayah, str) else None
    hasil: dict[str, list[tuple[Any, ...]]] = {}
    for orang_id, kategori, tahun, status, kode_wilayah in conn.execute(stmt, {"ids": ids}):
        if wilayah is None or kode_wilayah.startswith(wilayah):
            hasil.setdefault(orang_id, []).append((kategori, tahun, status))
    return hasil


def _baris_ekspor(conn: Connection, daftar: Daftar) -> Iterator[list[list[Any]]]:
    """The export's rows, one list per keyset batch: one row per PMKS record of a person
    that matches the filters (the same category, year and status filters as the list; a
    family's record appears on each current member's rows), and one row with empty PMKS
    columns for a person without such a record. The list's columns repeat on each row."""
    setelah: str | None = None
    kosong = (None,) * len(KOLOM_PMKS)
    while True:
        items, setelah = daftar.halaman(conn, BATCH_EKSPOR, setelah)
        pmks = _pmks_ekspor(conn, daftar, [i["id"] for i in items])
        batch = []
        for item in items:
            orang = [item[k] for k in KOLOM_CSV]
            for catatan in pmks.get(item["id"]) or [kosong]:
                batch.append([*orang, *catatan])
        yield batch
        if setelah is None:
            return
        conn.rollback()  # no snapshot held between batches


def ekspor_csv(engine: Engine, daftar: Daftar) -> Iterator[bytes]:
    """The whole filtered list as UTF-8 CSV with a BOM (so that Excel reads it as UTF-8),
    one chunk per keyset batch.

    Its own connection (the request's session may be gone while the body streams); one batch
    in memory at a time, whatever the registry's size.
    """
    buffer = io.StringIO()
    penulis = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    penulis.writerow(KOLOM_EKSPOR)
    yield buffer.getvalue().encode()
    with engine.connect() as conn:
        for batch in _baris_ekspor(conn, daftar):
            buffer.seek(0)
            buffer.truncate()
            penulis.writerows(
                [_sel_csv(k, v) for k, v in zip(KOLOM_EKSPOR, baris, strict=True)]
                for baris in batch
            )
            yield buffer.getvalue().encode()


POTONGAN_XLSX: Final = 64 * 1024


def ekspor_xlsx(engine: Engine, daftar: Daftar) -> Iterator[bytes]:
    """The whole filtered list as one XLSX sheet, the same rows and columns as the CSV.

    A workbook is a zip written at the end, so it is built first: openpyxl's write-only
    sheet writes each batch's rows to a temporary file as they come (inline strings, no
    shared-string table), the zip goes to a spooled temporary file, and that file is
    streamed out in chunks. Memory stays at one batch whatever the registry's size. Every
    text is a text cell (core/xlsx.tambah_baris_aliran); NIK and KK are text, so Excel
    keeps their 16 digits.
    """
    buku = Workbook(write_only=True)
    lembar = buku.create_sheet("Penerima manfaat")
    tambah_baris_aliran(lembar, KOLOM_EKSPOR)
    with engine.connect() as conn:
        for batch in _baris_ekspor(conn, daftar):
            for baris in batch:
                tambah_baris_aliran(lembar, [_sel_xlsx(v) for v in baris])
    with tempfile.SpooledTemporaryFile(max_size=POTONGAN_XLSX * 16) as berkas:
        buku.save(berkas)
        berkas.seek(0)
        while potongan := berkas.read(POTONGAN_XLSX):
            yield potongan


# --- one person ------------------------------------------------------------------------------


def etag_orang(orang: Orang) -> str:
    """Strong ETag of a person's own fields (what PATCH changes), from its id and versi."""
    return etag_rekaman(SUMBER_DAYA, orang.id, orang.versi)


def _cari_orang(session: Session, aktor: Aktor, id_: str) -> Orang:
    """A person the caller may see; another district's answers as an unknown id, for a read
    as for a write, so that neither tells whether it exists."""
    orang = session.get(Orang, id_)
    if orang is None or orang.dihapus_pada is not None:
        raise Masalah(404, "Data penerima manfaat tidak ditemukan.")
    pastikan_baca(aktor, orang.kode_wilayah, LABEL)
    return orang


def _pmks_keluar(d: DataPmks, samar: Penyamar) -> DataPmksKeluar:
    return DataPmksKeluar.model_validate(
        {
            **d.model_dump(),
            "sasaran": "orang" if d.orang_id is not None else "keluarga",
            "perlu_verifikasi": samar.lintas_wilayah(d.perlu_verifikasi),
        }
    )


def _kepesertaan_keluar(k: Kepesertaan) -> KepesertaanKeluar:
    return KepesertaanKeluar.model_validate(
        {**k.model_dump(), "sasaran": "orang" if k.orang_id is not None else "keluarga"}
    )


def _keluarga_keluar(session: Session, keluarga: Keluarga, samar: Penyamar) -> KeluargaKeluar:
    anggota = session.execute(
        select(AnggotaKeluarga, Orang)
        .join(Orang, col(Orang.id) == col(AnggotaKeluarga.orang_id))
        .where(col(AnggotaKeluarga.keluarga_id) == keluarga.id, col(Orang.dihapus_pada).is_(None))
        .order_by(
            col(AnggotaKeluarga.sampai).is_not(None),  # current members first
            case((col(AnggotaKeluarga.hubungan) == KEPALA, 0), else_=1),
            col(AnggotaKeluarga.mulai),
            col(Orang.nama),
            col(Orang.id),
        )
    ).all()
    pmks = session.scalars(
        select(DataPmks)
        .where(col(DataPmks.keluarga_id) == keluarga.id)
        .order_by(col(DataPmks.tahun).desc(), col(DataPmks.kategori_kode))
    ).all()
    return KeluargaKeluar(
        id=keluarga.id,
        nomor_kk=keluarga.nomor_kk or "",
        kode_wilayah=keluarga.kode_wilayah,
        alamat=keluarga.alamat,
        anggota=[
            AnggotaKeluar(
                orang_id=orang.id,
                nik=orang.nik,
                nama=orang.nama,
                jenis_kelamin=cast(Any, orang.jenis_kelamin),
                hubungan=a.hubungan,
                mulai=a.mulai,
                sampai=a.sampai,
            )
            for a, orang in anggota
        ],
        pmks=[_pmks_keluar(d, samar) for d in pmks],
    )


def _keluarga_kini(session: Session, orang_id: str) -> Keluarga | None:
    """The family a person currently belongs to (the latest membership, if several)."""
    return session.scalars(
        select(Keluarga)
        .join(AnggotaKeluarga, col(AnggotaKeluarga.keluarga_id) == col(Keluarga.id))
        .where(col(AnggotaKeluarga.orang_id) == orang_id, col(AnggotaKeluarga.sampai).is_(None))
        .order_by(col(AnggotaKeluarga.mulai).desc(), col(Keluarga.id))
        .limit(1)
    ).first()


def _detail(session: Session, orang: Orang, samar: Penyamar) -> PenerimaDetail:
    keluarga = _keluarga_kini(session, orang.id)
    milik: list[ColumnElement[bool]] = [col(DataPmks.orang_id) == orang.id]
    ikut: list[ColumnElement[bool]] = [col(Kepesertaan.orang_id) == orang.id]
    if keluarga is not None:
        milik.append(col(DataPmks.keluarga_id) == keluarga.id)
        ikut.append(col(Kepesertaan.keluarga_id) == keluarga.id)
    pmks = session.scalars(
        select(DataPmks)
        .where(or_(*milik))
        .order_by(col(DataPmks.tahun).desc(), col(DataPmks.kategori_kode), col(DataPmks.id))
    ).all()
    kepesertaan = session.scalars(
        select(Kepesertaan)
        .where(or_(*ikut))
        .order_by(col(Kepesertaan.program_kode), col(Kepesertaan.mulai), col(Kepesertaan.id))
    ).all()
    ringkas = _item([getattr(orang, k) for k in KOLOM_DAFTAR])
    return PenerimaDetail.model_validate(
        {
            **ringkas,
            "tempat_lahir": orang.tempat_lahir,
            "alamat": orang.alamat,
            "kode_kecamatan": orang.kode_kecamatan,
            "kode_desa": orang.kode_desa,
            "sumber": orang.sumber,
            "versi": orang.versi,
            "created_at": orang.created_at,
            "pmks": [_pmks_keluar(r, samar) for r in pmks],
            "kepesertaan": [_kepesertaan_keluar(r) for r in kepesertaan],
            "keluarga": _keluarga_keluar(session, keluarga, samar) if keluarga else None,
        }
    )


def ambil(session: Session, aktor: Aktor, id_: str) -> tuple[PenerimaDetail, str]:
    """A person with PMKS data, enrolments and family, and the ETag PATCH expects."""
    orang = _cari_orang(session, aktor, id_)
    return _detail(session, orang, Penyamar.untuk(aktor)), etag_orang(orang)


# --- edits -----------------------------------------------------------------------------------


def _isi(orang: Orang) -> dict[str, Any]:
    """A person's editable fields: what PATCH compares and audit rows record."""
    return {k: getattr(orang, k) for k in PenerimaUbah.model_fields}


def _kesalahan(errors: list[dict[str, str]]) -> Masalah:
    ringkas = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:3])
    return Masalah(
        422, f"Periksa kembali isian berikut: {ringkas}.", jenis="validasi", errors=errors
    )


def _periksa_identitas(
    perubahan: Mapping[str, Any], baru: Mapping[str, Any]
) -> list[dict[str, str]]:
    """NIK rules: a valid NIK that agrees with tanggal_lahir and jenis_kelamin. A
    disagreement is named on the field this PATCH changed (the NIK when it changed)."""
    errors: list[dict[str, str]] = []
    nik = baru["nik"]
    if not ({"nik", "tanggal_lahir", "jenis_kelamin"} & set(perubahan)) or nik is None:
        return errors
    if "nik" in perubahan:
        errors += [{"field": "nik", "message": m} for m in periksa_nik(nik)]
    if errors or periksa_nik(nik):  # an older invalid NIK: nothing to agree with
        return errors
    for kolom, pesan in (
        ("tanggal_lahir", periksa_nik(nik, tanggal_lahir=baru["tanggal_lahir"])),
        ("jenis_kelamin", periksa_nik(nik, jenis_kelamin=baru["jenis_kelamin"])),
    ):
        if "nik" in perubahan or kolom in perubahan:
            field = "nik" if "nik" in perubahan else kolom
            errors += [{"field": field, "message": m} for m in pesan]
    return errors


def _periksa_wilayah(
    session: Session, orang: Orang, perubahan: Mapping[str, Any], baru: Mapping[str, Any]
) -> list[dict[str, str]]:
    """Kecamatan and desa must exist and lie in the person's district (desa: in its
    kecamatan, when one is set)."""
    if not {"kode_kecamatan", "kode_desa"} & set(perubahan):
        return []
    errors: list[dict[str, str]] = []
    kecamatan, desa = baru["kode_kecamatan"], baru["kode_desa"]
    if kecamatan is not None:
        w = wilayah_service.cari(session, kecamatan)
        if w is None or w.jenis != "kecamatan":
            errors.append({"field": "kode_kecamatan", "message": "kecamatan tidak dikenal"})
        elif not kecamatan.startswith(orang.kode_wilayah):
            errors.append(
                {
                    "field": "kode_kecamatan",
                    "message": f"kecamatan harus berada di wilayah {orang.kode_wilayah}",
                }
            )
    if desa is not None:
        induk = kecamatan or orang.kode_wilayah
        w = wilayah_service.cari(session, desa)
        if w is None or w.jenis not in ("desa", "kelurahan"):
            errors.append({"field": "kode_desa", "message": "desa/kelurahan tidak dikenal"})
        elif not desa.startswith(induk):
            errors.append(
                {"field": "kode_desa", "message": f"desa/kelurahan harus berada di {induk}"}
            )
    return errors


def _pastikan_nik_unik(session: Session, orang: Orang, nik: str) -> None:
    lain = session.scalars(
        select(col(Orang.id)).where(
            col(Orang.kode_wilayah) == orang.kode_wilayah,
            col(Orang.nik) == nik,
            col(Orang.id) != orang.id,
        )
    ).first()
    if lain is not None:
        raise Masalah(
            409,
            "NIK ini sudah tercatat untuk orang lain di kabupaten/kota yang sama.",
            jenis="konflik",
            errors=[{"field": "nik", "message": "sudah tercatat untuk orang lain"}],
        )


def _simpan_versi(
    session: Session, orang: Orang, nilai: Mapping[str, Any], waktu: datetime
) -> None:
    """UPDATE ... WHERE versi = the version read: a concurrent change makes this a 412."""
    hasil = session.execute(
        update(_ORANG)
        .where(_ORANG.c.id == orang.id, _ORANG.c.versi == orang.versi)
        .values(**nilai, versi=orang.versi + 1, updated_at=waktu)
    )
    if cast(Any, hasil).rowcount != 1:
        session.rollback()
        raise Masalah(
            412,
            "Data ini baru saja diubah pihak lain. Ambil ulang dengan GET lalu kirim ulang.",
            jenis="etag-berbeda",
        )


def _komit(session: Session) -> None:
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Masalah(
            409,
            "Perubahan bertentangan dengan data lain (NIK sudah tercatat atau rujukan sudah "
            "tidak ada). Periksa lalu kirim ulang.",
            jenis="konflik",
        ) from None


def ubah(
    session: Session, ktx: Konteks, id_: str, data: PenerimaUbah, if_match: str | None
) -> tuple[PenerimaDetail, str]:
    """PATCH a person: 404 (unknown, or another district's), 428/412 (If-Match), 422, 409 —
    in that order. Audited with the old and new values (NIK and KK masked by the audit
    trail)."""
    orang = _cari_orang(session, ktx.pelaku, id_)
    pastikan_if_match(if_match, etag_orang(orang))
    lama = _isi(orang)
    perubahan = data.model_dump(exclude_unset=True)
    baru = {**lama, **perubahan}
    errors = _periksa_identitas(perubahan, baru)
    if "nomor_kk" in perubahan and baru["nomor_kk"] is not None:
        errors += [{"field": "nomor_kk", "message": m} for m in periksa_nomor_kk(baru["nomor_kk"])]
    errors += _periksa_wilayah(session, orang, perubahan, baru)
    if errors:
        raise _kesalahan(errors)
    berubah = {k: v for k, v in perubahan.items() if lama[k] != v}
    if berubah:
        if berubah.get("nik") is not None:
            _pastikan_nik_unik(session, orang, berubah["nik"])
        _simpan_versi(session, orang, berubah, sekarang())
        audit.catat(
            session, ktx, sumber_daya=SUMBER_DAYA, sumber_daya_id=orang.id, aksi="ubah",
            lama=lama, baru=baru,
        )  # fmt: skip
        _komit(session)
        session.refresh(orang)
    return _detail(session, orang, Penyamar.untuk(ktx.pelaku)), etag_orang(orang)


def hapus(session: Session, ktx: Konteks, id_: str, alasan: str, if_match: str | None) -> None:
    """Soft delete with a reason: the person leaves lists, detail and statistics; the record
    and its history stay. If-Match is optional here; when sent it must be current."""
    orang = _cari_orang(session, ktx.pelaku, id_)
    if if_match is not None:
        pastikan_if_match(if_match, etag_orang(orang))
    waktu = sekarang()
    _simpan_versi(session, orang, {"dihapus_pada": waktu, "alasan_hapus": alasan}, waktu)
    audit.catat(
        session, ktx, sumber_daya=SUMBER_DAYA, sumber_daya_id=orang.id, aksi="hapus",
        lama={"dihapus_pada": None, "alasan_hapus": None},
        baru={"dihapus_pada": waktu, "alasan_hapus": alasan},
    )  # fmt: skip
    _komit(session)


# --- family cards ----------------------------------------------------------------------------


def kartu_keluarga(session: Session, aktor: Aktor, nomor_kk: str) -> KartuKeluarga:
    """A KK number as reported by each district the caller may see; 404 when none."""
    stmt = select(Keluarga).where(col(Keluarga.nomor_kk) == nomor_kk)
    lingkup = lingkup_wilayah(aktor)
    if lingkup is not None:
        stmt = stmt.where(col(Keluarga.kode_wilayah) == lingkup)
    keluarga = session.scalars(stmt.order_by(col(Keluarga.kode_wilayah))).all()
    if not keluarga:
        raise Masalah(404, "Kartu keluarga tidak ditemukan.")
    samar = Penyamar.untuk(aktor)
    return KartuKeluarga(
        nomor_kk=nomor_kk or "",
        keluarga=[_keluarga_keluar(session, k, samar) for k in keluarga],
    )


# --- duplicates ------------------------------------------------------------------------------


def daftar_duplikat(
    session: Session, aktor: Aktor, tahun: int | None, limit: int, cursor: str | None
) -> tuple[list[Duplikat], str | None]:
    """NIKs held by people in more than one district where a PMKS row is flagged
    `perlu_verifikasi`, ordered by NIK, each with every record of it for the province to
    decide. Nothing is merged here."""
    o, d = _ORANG, _PMKS
    ditandai = (
        select(o.c.nik)
        .join(d, d.c.orang_id == o.c.id)
        .where(d.c.perlu_verifikasi == true(), o.c.dihapus_pada.is_(None))
    )
    if tahun is not None:
        ditandai = ditandai.where(d.c.tahun == tahun)
    stmt = (
        select(o.c.nik)
        .where(o.c.dihapus_pada.is_(None), o.c.nik.in_(ditandai))
        .group_by(o.c.nik)
        .having(func.count(distinct(o.c.kode_wilayah)) > 1)
    )
    rows, next_cursor = paginasi(session, stmt, [o.c.nik], limit, cursor)
    return _duplikat(session, aktor, [r[0] for r in rows]), next_cursor


def _duplikat(session: Session, aktor: Aktor, niks: list[str]) -> list[Duplikat]:
    """Every record of each NIK: its people, district by district, with their PMKS rows."""
    if not niks:
        return []
    o, d = _ORANG, _PMKS
    rekaman = session.execute(
        select(
            o.c.nik, o.c.id, o.c.kode_wilayah, o.c.nama, d.c.id, d.c.kategori_kode, d.c.tahun,
            d.c.status_verifikasi, d.c.perlu_verifikasi,
        )
        .select_from(o.outerjoin(d, d.c.orang_id == o.c.id))
        .where(o.c.nik.in_(niks), o.c.dihapus_pada.is_(None))
        .order_by(o.c.nik, o.c.kode_wilayah, o.c.id, d.c.tahun, d.c.kategori_kode)
    ).all()  # fmt: skip
    per_nik: dict[str, list[RekamanDuplikat]] = {nik: [] for nik in niks}
    for nik, orang_id, wilayah, nama, pmks_id, kategori, th, status, perlu in rekaman:
        per_nik[nik].append(
            RekamanDuplikat(
                orang_id=orang_id,
                kode_wilayah=wilayah,
                nama=nama,
                data_pmks_id=pmks_id,
                kategori_kode=kategori,
                tahun=th,
                status_verifikasi=status,
                perlu_verifikasi=bool(perlu),
            )
        )
    return [
        Duplikat(
            nik=nik or "",
            kode_wilayah=sorted({r.kode_wilayah for r in isi}),
            rekaman=isi,
        )
        for nik, isi in per_nik.items()
    ]


# Enrolments of a rejected duplicate that still give or promise assistance.
_KEPESERTAAN_BERJALAN = (
    StatusKepesertaan.DIUSULKAN.value,
    StatusKepesertaan.AKTIF.value,
    StatusKepesertaan.DITANGGUHKAN.value,
)


def putuskan_duplikat(
    session: Session, ktx: Konteks, nik: str, keputusan: KeputusanDuplikat
) -> Duplikat:
    """The province's decision on a NIK reported by several districts: the record of
    `orang_id` stands; every other district's PMKS rows for that NIK are rejected (ditolak,
    with the reason) and their running enrolments become `duplikat`. Nothing is merged or
    deleted: each district still sees its own record and why it was refused."""
    o, d, k = _ORANG, _PMKS, _KEPESERTAAN
    orang = session.execute(
        select(o.c.id, o.c.kode_wilayah).where(o.c.nik == nik, o.c.dihapus_pada.is_(None))
    ).all()
    if len({w for _, w in orang}) < 2:
        raise Masalah(404, "Tidak ada duplikat lintas kabupaten/kota untuk NIK ini.")
    ids = [i for i, _ in orang]
    if keputusan.orang_id not in ids:
        raise Masalah(
            422,
            "orang_id harus salah satu catatan NIK ini.",
            jenis="validasi",
            errors=[{"field": "orang_id", "message": "bukan catatan NIK ini"}],
        )
    menunggu = session.scalar(
        select(func.count()).where(d.c.orang_id.in_(ids), d.c.perlu_verifikasi == true())
    )
    if not menunggu:
        raise Masalah(409, "Duplikat NIK ini sudah diputuskan.", jenis="sudah-diputuskan")
    wilayah = dict(orang)[keputusan.orang_id]
    lain = [i for i in ids if i != keputusan.orang_id]
    waktu = sekarang()
    conn = session.connection()
    conn.execute(
        update(d)
        .where(d.c.orang_id == keputusan.orang_id, d.c.perlu_verifikasi == true())
        .values(
            perlu_verifikasi=False,
            catatan=f"Keputusan provinsi atas duplikat NIK: {keputusan.catatan}",
            updated_at=waktu,
        )
    )
    ditolak = conn.execute(
        update(d)
        .where(d.c.orang_id.in_(lain), d.c.status_verifikasi != StatusVerifikasi.DITOLAK.value)
        .values(
            status_verifikasi=StatusVerifikasi.DITOLAK.value,
            perlu_verifikasi=False,
            catatan=f"Duplikat NIK: data yang berlaku dari wilayah {wilayah}. {keputusan.catatan}",
            updated_at=waktu,
        )
    ).rowcount
    dihentikan = conn.execute(
        update(k)
        .where(k.c.orang_id.in_(lain), k.c.status.in_(_KEPESERTAAN_BERJALAN))
        .values(
            status=StatusKepesertaan.DUPLIKAT.value,
            kode_alasan="duplikat_nik",
            keterangan=keputusan.catatan,
            updated_at=waktu,
        )
    ).rowcount
    audit.catat(
        session, ktx, sumber_daya=SUMBER_DAYA, sumber_daya_id=keputusan.orang_id,
        aksi="putuskan_duplikat",
        baru={
            "berlaku": keputusan.orang_id, "ditolak": lain, "data_pmks_ditolak": ditolak,
            "kepesertaan_duplikat": dihentikan, "catatan": keputusan.catatan,
        },
    )  # fmt: skip
    _komit(session)
    return _duplikat(session, ktx.pelaku, [nik])[0]


# --- statistics ------------------------------------------------------------------------------


def statistik_pmks(
    session: Session, aktor: Aktor, tahun: int | None, kelompok: Kelompok
) -> StatistikPmks:
    """PMKS records counted in one GROUP BY: per category, per district or both.

    Rejected records (`ditolak`) and records of deleted people are not counted; a family
    record counts once. A district operator counts its own district only. Groups without
    records do not appear.

    Analysts get every grouping from one table of categories by districts for one year,
    protected as a whole (core/tabel_aman): counts of 1–4 are withheld, and so are as many
    others as it takes that no withheld count follows from the totals of another grouping.
    The year is required of them: the years' tables add up to the table of all years.
    """
    sembunyikan = aktor.peran is Peran.ANALIS
    if sembunyikan and tahun is None:
        raise Masalah(
            422,
            "Analis meminta statistik per tahun: isi parameter tahun.",
            jenis="validasi",
            errors=[{"field": "tahun", "message": "wajib diisi untuk analis"}],
        )
    per_kategori = kelompok in (Kelompok.KATEGORI, Kelompok.KATEGORI_WILAYAH)
    per_wilayah = kelompok in (Kelompok.WILAYAH, Kelompok.KATEGORI_WILAYAH)
    dihitung = _hitung_pmks(
        session, aktor, tahun, per_kategori or sembunyikan, per_wilayah or sembunyikan
    )
    hitung: dict[tuple[str | None, str | None], int | None] = dict(dihitung)
    if sembunyikan:
        tabel = tabel_aman.tampilkan(tabel_aman.dengan_total(dihitung), BATAS_SAMAR)
        hitung = {
            (k if per_kategori else None, w if per_wilayah else None): n
            for (k, w), n in tabel.items()
            if (k is not None) == per_kategori and (w is not None) == per_wilayah
        }
    data = [
        BarisStatistik(
            kategori_kode=k, kode_wilayah=w, jumlah=hitung[(k, w)],
            disembunyikan=hitung[(k, w)] is None,
        )
        for k, w in sorted(hitung, key=lambda kunci: (kunci[0] or "", kunci[1] or ""))
    ]  # fmt: skip
    return StatistikPmks(tahun=tahun, kelompok=kelompok, data=data)


def _hitung_pmks(
    session: Session, aktor: Aktor, tahun: int | None, per_kategori: bool, per_wilayah: bool
) -> dict[tuple[str | None, str | None], int]:
    d, o = _PMKS, _ORANG
    kunci = [
        c
        for c, pakai in ((d.c.kategori_kode, per_kategori), (d.c.kode_wilayah, per_wilayah))
        if pakai
    ]
    stmt = (
        select(*kunci, func.count())
        .select_from(d.outerjoin(o, o.c.id == d.c.orang_id))
        .where(
            or_(d.c.orang_id.is_(None), o.c.dihapus_pada.is_(None)),
            d.c.status_verifikasi != StatusVerifikasi.DITOLAK.value,
        )
        .group_by(*kunci)
    )
    if tahun is not None:
        stmt = stmt.where(d.c.tahun == tahun)
    lingkup = lingkup_wilayah(aktor)
    if lingkup is not None:
        stmt = stmt.where(d.c.kode_wilayah == lingkup)
    hasil: dict[tuple[str | None, str | None], int] = {}
    for row in session.execute(stmt).all():
        nilai = dict(zip((c.key for c in kunci), row[:-1], strict=True))
        hasil[(nilai.get("kategori_kode"), nilai.get("kode_wilayah"))] = int(row[-1])
    return hasil
