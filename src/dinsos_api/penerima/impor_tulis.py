"""The bulk PMKS import's plan and writes: every checked row against the registry (one lookup
per table and few thousand rows, then plain Python: new, changed or unchanged), and the writes
that follow (binary COPY and batched UPDATEs on PostgreSQL, executemany on SQLite)."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from psycopg import sql
from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    any_,
    bindparam,
    func,
)
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from dinsos_api.core.waktu import WITA, sekarang
from dinsos_api.penerima.impor_baris import (
    HUBUNGAN_TIDAK_DIKETAHUI,
    I_ALAMAT,
    I_KK,
    I_STATUS,
    KEPALA,
    KOLOM_ORANG,
    Baris,
    Salah,
)
from dinsos_api.penerima.models import (
    AnggotaKeluarga,
    DataPmks,
    Impor,
    Keluarga,
    Orang,
    StatusHidup,
    StatusVerifikasi,
)

_DIAJUKAN = StatusVerifikasi.DIAJUKAN.value
_HIDUP = StatusHidup.HIDUP.value
# Values per lookup query: SQLite allows 32,766 parameters; PostgreSQL gets one text.
_POTONG = {"sqlite": 5_000, "postgresql": 50_000}


class _Ids:
    """New ids: 128 random bits as 32 hex digits, like the models' uuid4().hex, drawn from the
    system's random source a few thousand at a time (one call each is slow under load)."""

    def __init__(self) -> None:
        self._sisa: list[str] = []

    def __call__(self) -> str:
        if not self._sisa:
            teks = os.urandom(16 * 4096).hex()
            self._sisa = [teks[i : i + 32] for i in range(0, len(teks), 32)]
        return self._sisa.pop()


def pakai_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# The registry's rows as the planner sees them. `baru`: did not exist before this import (for
# the counts); `tersimpan`: its INSERT has been handed to the writer (later changes become
# UPDATEs); `kotor`: an UPDATE is due.


class _Orang:
    __slots__ = ("baru", "data", "id", "kotor", "tersimpan")

    def __init__(self, id_: str, data: tuple[Any, ...], baru: bool) -> None:
        self.id, self.data = id_, data
        self.baru, self.tersimpan, self.kotor = baru, not baru, False


class _Keluarga:
    __slots__ = ("alamat", "baru", "id", "kotor", "nomor_kk", "tersimpan")

    def __init__(self, id_: str, nomor_kk: str, alamat: str | None, baru: bool) -> None:
        self.id, self.nomor_kk, self.alamat = id_, nomor_kk, alamat
        self.baru, self.tersimpan, self.kotor = baru, not baru, False


class _Anggota:
    __slots__ = (
        "batal",
        "hubungan",
        "id",
        "keluarga_id",
        "kotor",
        "orang_id",
        "tersimpan",
        "tutup",
    )

    def __init__(
        self, id_: str, keluarga_id: str, orang_id: str, hubungan: str, baru: bool
    ) -> None:
        self.id, self.keluarga_id, self.orang_id, self.hubungan = (
            id_,
            keluarga_id,
            orang_id,
            hubungan,
        )
        self.tersimpan, self.kotor, self.tutup, self.batal = not baru, False, False, False


class _Pmks:
    __slots__ = (
        "catatan",
        "id",
        "kategori",
        "keluarga_id",
        "kotor",
        "orang_id",
        "perlu_verifikasi",
        "status_verifikasi",
        "tersimpan",
    )

    def __init__(
        self,
        id_: str,
        orang_id: str,
        keluarga_id: str | None,
        kategori: str,
        catatan: str | None,
        perlu_verifikasi: bool,
        status_verifikasi: str,
        baru: bool,
    ) -> None:
        self.id, self.orang_id, self.keluarga_id, self.kategori = (
            id_,
            orang_id,
            keluarga_id,
            kategori,
        )
        self.catatan, self.perlu_verifikasi = catatan, perlu_verifikasi
        self.status_verifikasi, self.tersimpan, self.kotor = status_verifikasi, not baru, False


@dataclass
class Hitungan:
    baru: int = 0
    diperbarui: int = 0
    tidak_berubah: int = 0
    perlu_verifikasi: int = 0


@dataclass
class Tulisan:
    """The writes one chunk of rows needs, in the order they must run."""

    orang_baru: list[tuple[Any, ...]] = field(default_factory=list)
    orang_ubah: list[tuple[Any, ...]] = field(default_factory=list)
    keluarga_baru: list[tuple[Any, ...]] = field(default_factory=list)
    keluarga_ubah: list[tuple[Any, ...]] = field(default_factory=list)
    anggota_tutup: list[str] = field(default_factory=list)
    anggota_ubah: list[tuple[Any, ...]] = field(default_factory=list)
    anggota_baru: list[tuple[Any, ...]] = field(default_factory=list)
    pmks_baru: list[tuple[Any, ...]] = field(default_factory=list)
    pmks_ubah: list[tuple[Any, ...]] = field(default_factory=list)


_KOLOM_ORANG_BARU = (
    "id",
    "nik",
    *KOLOM_ORANG,
    "kode_wilayah",
    "sumber",
    "versi",
    "created_at",
    "updated_at",
)
_KOLOM_KELUARGA_BARU = ("id", "nomor_kk", "kode_wilayah", "alamat", "created_at", "updated_at")
_KOLOM_ANGGOTA_BARU = ("id", "keluarga_id", "orang_id", "hubungan", "mulai")
_KOLOM_PMKS_BARU = (
    "id",
    "orang_id",
    "keluarga_id",
    "kategori_kode",
    "tahun",
    "kode_wilayah",
    "status_verifikasi",
    "perlu_verifikasi",
    "catatan",
    "impor_id",
    "created_at",
    "updated_at",
)
_KOLOM_PMKS_UBAH = ("orang_id", "catatan", "perlu_verifikasi", "impor_id")


class Perencana:
    """Plans rows against the registry, chunk after chunk: one lookup per table for the
    chunk's new keys, then plain Python. `tulisan()` hands over the writes planned so far and
    `tulis()` runs them; rows of later chunks may change what earlier chunks wrote."""

    def __init__(
        self,
        session: Session,
        impor: Impor,
        sumber: str | None,
        baca: Session | Connection | None = None,
    ) -> None:
        self.session = session
        # Lookups may use a connection of their own (PostgreSQL: while the session writes);
        # they need only what existed before this import, the rest the planner knows.
        self.baca: Session | Connection = baca if baca is not None else session
        self._ids = _Ids()
        self.pg = pakai_postgres(session)
        self.kode_wilayah = impor.kode_wilayah
        self.tahun = impor.tahun
        self.impor_id = impor.id
        self.sumber = sumber
        self.waktu = sekarang()
        self.hari_ini = datetime.now(WITA).date()
        self.salah: list[Salah] = []
        self.hitungan = Hitungan()
        self.orang: dict[str, _Orang] = {}  # by NIK
        self.keluarga: dict[str, _Keluarga] = {}  # by nomor_kk
        self.anggota: dict[str, _Anggota] = {}  # current membership, by orang id
        self.kepala: dict[str, _Anggota] = {}  # current head, by keluarga id
        self.pmks_orang: dict[tuple[str, str], _Pmks] = {}  # (orang id, kategori)
        self.pmks_keluarga: dict[tuple[str, str], _Pmks] = {}  # (keluarga id, kategori)
        # What the registry held before this import, as far as looked up.
        self._orang_lama: dict[str, tuple[str, tuple[Any, ...], datetime | None, str | None]] = {}
        self._nik_dicari: set[str] = set()
        self._nik_lain: set[str] = set()  # NIKs another district reports too
        self._keluarga_lama: dict[str, tuple[str, str | None]] = {}
        self._kk_dicari: set[str] = set()
        self._dikenal: set[str] = set()  # ids of memberships and PMKS records looked up
        # Writes planned and not yet handed over.
        self._sisip_orang: list[tuple[str, _Orang]] = []
        self._ubah_orang: dict[str, _Orang] = {}
        self._sisip_keluarga: list[_Keluarga] = []
        self._ubah_keluarga: dict[str, _Keluarga] = {}
        self._sisip_anggota: list[_Anggota] = []
        self._ubah_anggota: dict[str, _Anggota] = {}
        self._tutup_anggota: list[_Anggota] = []
        self._sisip_pmks: list[_Pmks] = []
        self._ubah_pmks: dict[str, _Pmks] = {}

    # Lookups ---------------------------------------------------------------------------------

    def _potong(self, nilai: Sequence[str]) -> Iterator[list[str]]:
        n = _POTONG["postgresql" if self.pg else "sqlite"]
        for i in range(0, len(nilai), n):
            yield list(nilai[i : i + n])

    def _di(self, kolom: Any, nilai: list[str]) -> ColumnElement[bool]:
        if self.pg:
            # One text parameter split by the server: cheaper to send than a 10,000-item
            # array, and still an index lookup. The values are digits or hex ids.
            return kolom == any_(func.string_to_array(",".join(nilai), ","))  # type: ignore[no-any-return]
        return kolom.in_(nilai)  # type: ignore[no-any-return]

    def _muat(self, baris: Sequence[Baris]) -> None:
        """Look up what the registry holds for the NIKs and KKs not seen before."""
        niks = sorted({b.nik for b in baris} - self._nik_dicari)
        self._nik_dicari.update(niks)
        o = tabel_model(Orang)
        kolom_orang = [o.c[k] for k in KOLOM_ORANG]
        orang_ids: list[str] = []
        for bagian in self._potong(niks):
            # Every district at once: this district's record of the person, and whether
            # another district reports the same NIK.
            for row in self.baca.execute(
                sa_select(
                    o.c.id,
                    o.c.nik,
                    o.c.kode_wilayah,
                    o.c.dihapus_pada,
                    o.c.alasan_hapus,
                    *kolom_orang,
                ).where(self._di(o.c.nik, bagian))
            ):
                if row[2] == self.kode_wilayah:
                    self._orang_lama[row[1]] = (row[0], tuple(row[5:]), row[3], row[4])
                    orang_ids.append(row[0])
                elif row[3] is None:
                    self._nik_lain.add(row[1])
        kks = sorted({b.orang[I_KK] for b in baris if b.orang[I_KK] is not None} - self._kk_dicari)
        self._kk_dicari.update(kks)
        k = tabel_model(Keluarga)
        keluarga_ids: list[str] = []
        for bagian in self._potong(kks):
            for row in self.baca.execute(
                sa_select(k.c.id, k.c.nomor_kk, k.c.alamat).where(
                    k.c.kode_wilayah == self.kode_wilayah, self._di(k.c.nomor_kk, bagian)
                )
            ):
                self._keluarga_lama[row[1]] = (row[0], row[2])
                keluarga_ids.append(row[0])

        a = tabel_model(AnggotaKeluarga)
        kolom_anggota = (a.c.id, a.c.keluarga_id, a.c.orang_id, a.c.hubungan)
        for bagian in self._potong(orang_ids):
            syarat: tuple[ColumnElement[bool], ...] = (
                a.c.sampai.is_(None),
                self._di(a.c.orang_id, bagian),
            )
            for row in self.baca.execute(sa_select(*kolom_anggota).where(*syarat)):
                self._anggota_lama(*row)
        for bagian in self._potong(keluarga_ids):
            syarat = (
                a.c.sampai.is_(None),
                a.c.hubungan == KEPALA,
                self._di(a.c.keluarga_id, bagian),
            )
            for row in self.baca.execute(sa_select(*kolom_anggota).where(*syarat)):
                self._anggota_lama(*row)
        p = tabel_model(DataPmks)
        kolom_pmks = (
            p.c.id,
            p.c.orang_id,
            p.c.keluarga_id,
            p.c.kategori_kode,
            p.c.catatan,
            p.c.perlu_verifikasi,
            p.c.status_verifikasi,
        )
        for kolom, ids in ((p.c.orang_id, orang_ids), (p.c.keluarga_id, keluarga_ids)):
            for bagian in self._potong(ids):
                syarat = (p.c.tahun == self.tahun, self._di(kolom, bagian))
                for row in self.baca.execute(sa_select(*kolom_pmks).where(*syarat)):
                    if row[0] in self._dikenal:
                        continue  # found by person and by family, or in an earlier chunk
                    rec = _Pmks(
                        row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], baru=False
                    )
                    self._dikenal.add(rec.id)
                    self.pmks_orang[(rec.orang_id, rec.kategori)] = rec
                    if rec.keluarga_id is not None:
                        self.pmks_keluarga[(rec.keluarga_id, rec.kategori)] = rec

    def _anggota_lama(self, id_: str, keluarga_id: str, orang_id: str, hubungan: str) -> None:
        if id_ in self._dikenal:
            return  # found by person and by family, or in an earlier chunk
        self._dikenal.add(id_)
        m = _Anggota(id_, keluarga_id, orang_id, hubungan, baru=False)
        self.anggota[orang_id] = m
        if hubungan == KEPALA:
            self.kepala[keluarga_id] = m

    # Rows ------------------------------------------------------------------------------------

    def rencanakan(self, baris: Sequence[Baris]) -> None:
        self._muat(baris)
        for b in baris:
            self._baris(b)

    def _baris(self, b: Baris) -> None:
        lama = self._orang_lama.get(b.nik)
        st = self.orang.get(b.nik)
        if st is None and lama is not None and lama[2] is not None:
            alasan = f" (alasan: {lama[3]})" if lama[3] else ""
            self.salah.append(
                Salah(
                    b.nomor,
                    "nik",
                    f"orang dengan NIK ini sudah dihapus dari "
                    f"registri{alasan}; hapus baris ini atau hubungi provinsi",
                )
            )
            return
        kk = b.orang[I_KK]
        keluarga_id = None
        if kk is not None:
            kel = self.keluarga.get(kk)
            kel_lama = self._keluarga_lama.get(kk)
            keluarga_id = kel.id if kel is not None else kel_lama[0] if kel_lama else None
        orang_id = st.id if st is not None else lama[0] if lama is not None else None
        if b.keluarga and orang_id is not None:
            # The family's record names this person; they must not stand for another family.
            lain = self.pmks_orang.get((orang_id, b.kategori))
            if lain is not None and lain.keluarga_id != keluarga_id:
                self.salah.append(
                    Salah(
                        b.nomor,
                        "nomor_kk",
                        "orang ini sudah tercatat mewakili "
                        "keluarga lain untuk kategori yang sama tahun ini",
                    )
                )
                return

        berubah = self._orang(b, st, lama)
        orang = self.orang[b.nik]
        keluarga = None
        if kk is not None:
            keluarga, ubah_keluarga = self._keluarga(b, kk)
            ubah_anggota = self._anggota(orang.id, keluarga.id, b.hubungan)
            berubah = berubah or ubah_keluarga or ubah_anggota
        flag = b.nik in self._nik_lain
        if b.keluarga:
            assert keluarga is not None
            rec = self.pmks_keluarga.get((keluarga.id, b.kategori))
        else:
            rec = self.pmks_orang.get((orang.id, b.kategori))
        h = self.hitungan
        if rec is None:
            rec = _Pmks(
                self._ids(),
                orang.id,
                keluarga.id if b.keluarga and keluarga else None,
                b.kategori,
                b.catatan,
                flag,
                _DIAJUKAN,
                baru=True,
            )
            self.pmks_orang[(orang.id, b.kategori)] = rec
            if rec.keluarga_id is not None:
                self.pmks_keluarga[(rec.keluarga_id, b.kategori)] = rec
            self._sisip_pmks.append(rec)
            h.baru += 1
        else:
            catatan = b.catatan if b.catatan is not None else rec.catatan
            # Once the province has decided, the flag is theirs; until then it follows the data.
            if rec.status_verifikasi != _DIAJUKAN:
                flag = rec.perlu_verifikasi
            if (catatan, orang.id) != (rec.catatan, rec.orang_id):
                berubah = True
            # The flag follows another district's data: written, but not counted as this
            # district's change, or the counts would tell it that another district holds
            # the NIK (docs/architecture.md, "Who sees what").
            ditandai = flag != rec.perlu_verifikasi
            rec.catatan, rec.perlu_verifikasi, rec.orang_id = catatan, flag, orang.id
            if (berubah or ditandai) and rec.tersimpan:
                # Changed records carry this import's id: what changed them can be traced.
                self._ubah_pmks[rec.id] = rec
            if berubah:
                h.diperbarui += 1
            else:
                h.tidak_berubah += 1
        if rec.perlu_verifikasi:
            h.perlu_verifikasi += 1

    def _orang(
        self,
        b: Baris,
        st: _Orang | None,
        lama: tuple[str, tuple[Any, ...], datetime | None, str | None] | None,
    ) -> bool:
        """Merge the row into the person; True when it changed a person that existed."""
        if st is None:
            if lama is None:
                data = b.orang
                if data[I_STATUS] is None:
                    data = (*data[:I_STATUS], _HIDUP, *data[I_STATUS + 1 :])
                st = self.orang[b.nik] = _Orang(self._ids(), data, baru=True)
                self._sisip_orang.append((b.nik, st))
                return False
            st = self.orang[b.nik] = _Orang(lama[0], lama[1], baru=False)
        gabung = tuple(n if n is not None else o for n, o in zip(b.orang, st.data, strict=True))
        if gabung == st.data:
            return False
        st.data = gabung
        if st.tersimpan:
            self._ubah_orang[st.id] = st
        return not st.baru

    def _keluarga(self, b: Baris, kk: str) -> tuple[_Keluarga, bool]:
        alamat = b.orang[I_ALAMAT]
        kel = self.keluarga.get(kk)
        if kel is None:
            lama = self._keluarga_lama.get(kk)
            if lama is None:
                kel = _Keluarga(self._ids(), kk, alamat, baru=True)
                self._sisip_keluarga.append(kel)
            else:
                kel = _Keluarga(lama[0], kk, lama[1], baru=False)
            self.keluarga[kk] = kel
        # The family's address is the one its head gives (or the first one, for a new card).
        if alamat is None or alamat == kel.alamat:
            return kel, False
        if b.hubungan == KEPALA or (kel.baru and kel.alamat is None):
            kel.alamat = alamat
            if kel.tersimpan:
                self._ubah_keluarga[kel.id] = kel
            return kel, not kel.baru
        return kel, False

    def _anggota(self, orang_id: str, keluarga_id: str, hubungan: str | None) -> bool:
        """Make the person a current member of the family; True when memberships changed."""
        m = self.anggota.get(orang_id)
        if m is not None and m.keluarga_id == keluarga_id:
            if hubungan is None or hubungan == m.hubungan:
                return False
            if m.hubungan == KEPALA:
                self.kepala.pop(keluarga_id, None)
            if hubungan == KEPALA:
                self._kepala_baru(keluarga_id, m)
            m.hubungan = hubungan
            if m.tersimpan:
                self._ubah_anggota[m.id] = m
            return True
        if m is not None:
            self._tutup(m)  # they moved to another family card
        m = _Anggota(
            self._ids(), keluarga_id, orang_id, hubungan or HUBUNGAN_TIDAK_DIKETAHUI, baru=True
        )
        self._sisip_anggota.append(m)
        self.anggota[orang_id] = m
        if m.hubungan == KEPALA:
            self._kepala_baru(keluarga_id, m)
        return True

    def _kepala_baru(self, keluarga_id: str, m: _Anggota) -> None:
        # One head at a time: the previous head's membership ends today (dated history).
        lama = self.kepala.get(keluarga_id)
        if lama is not None and lama is not m:
            self._tutup(lama)
        self.kepala[keluarga_id] = m

    def _tutup(self, m: _Anggota) -> None:
        if self.anggota.get(m.orang_id) is m:
            del self.anggota[m.orang_id]
        if self.kepala.get(m.keluarga_id) is m:
            del self.kepala[m.keluarga_id]
        if m.tersimpan:
            m.tutup = True
            self._ubah_anggota.pop(m.id, None)
            self._tutup_anggota.append(m)
        else:
            m.batal = True  # never written

    # Writing ---------------------------------------------------------------------------------

    def tulisan(self) -> Tulisan:
        """Hand over the writes planned since the last call; later changes to these rows
        become UPDATEs."""
        w, t, hari_ini = self.kode_wilayah, self.waktu, self.hari_ini
        tulis = Tulisan(
            orang_baru=[
                (st.id, nik, *st.data, w, self.sumber, 1, t, t) for nik, st in self._sisip_orang
            ],
            orang_ubah=[(st.id, *st.data) for st in self._ubah_orang.values()],
            keluarga_baru=[
                (kel.id, kel.nomor_kk, w, kel.alamat, t, t) for kel in self._sisip_keluarga
            ],
            keluarga_ubah=[(kel.id, kel.alamat) for kel in self._ubah_keluarga.values()],
            anggota_tutup=[m.id for m in self._tutup_anggota],
            # Demotions before promotions: the database allows one current head per family.
            anggota_ubah=[
                (m.id, m.hubungan)
                for m in sorted(self._ubah_anggota.values(), key=lambda m: m.hubungan == KEPALA)
            ],
            anggota_baru=[
                (m.id, m.keluarga_id, m.orang_id, m.hubungan, hari_ini)
                for m in self._sisip_anggota
                if not m.batal
            ],
            pmks_baru=[
                (
                    r.id,
                    r.orang_id,
                    r.keluarga_id,
                    r.kategori,
                    self.tahun,
                    w,
                    r.status_verifikasi,
                    r.perlu_verifikasi,
                    r.catatan,
                    self.impor_id,
                    t,
                    t,
                )
                for r in self._sisip_pmks
            ],
            pmks_ubah=[
                (r.id, r.orang_id, r.catatan, r.perlu_verifikasi, self.impor_id)
                for r in self._ubah_pmks.values()
            ],
        )
        for _, st in self._sisip_orang:
            st.tersimpan = True
        for kel in self._sisip_keluarga:
            kel.tersimpan = True
        for m in self._sisip_anggota:
            m.tersimpan = True
        for r in self._sisip_pmks:
            r.tersimpan = True
        self._sisip_orang, self._sisip_keluarga = [], []
        self._sisip_anggota, self._tutup_anggota, self._sisip_pmks = [], [], []
        self._ubah_orang, self._ubah_keluarga, self._ubah_anggota, self._ubah_pmks = {}, {}, {}, {}
        return tulis

    def tulis(self, t: Tulisan) -> None:
        """Run one chunk's writes: parents before children, closed memberships and demoted
        heads before new heads."""
        o, k, a, p = (tabel_model(m) for m in (Orang, Keluarga, AnggotaKeluarga, DataPmks))
        self._sisipkan(o, _KOLOM_ORANG_BARU, t.orang_baru)
        self._perbarui(o, KOLOM_ORANG, t.orang_ubah, naikkan_versi=True)
        self._sisipkan(k, _KOLOM_KELUARGA_BARU, t.keluarga_baru)
        self._perbarui(k, ("alamat",), t.keluarga_ubah)
        for bagian in self._potong(t.anggota_tutup):
            self.session.execute(
                sa_update(a).where(self._di(a.c.id, bagian)).values(sampai=self.hari_ini)
            )
        self._perbarui(a, ("hubungan",), t.anggota_ubah, cap_waktu=False)
        self._sisipkan(a, _KOLOM_ANGGOTA_BARU, t.anggota_baru)
        self._sisipkan(p, _KOLOM_PMKS_BARU, t.pmks_baru)
        self._perbarui(p, _KOLOM_PMKS_UBAH, t.pmks_ubah)

    def _sisipkan(self, tabel: Table, kolom: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.pg:
            # Binary COPY: PostgreSQL's fastest way in (no text to format or parse), inside
            # this transaction.
            perintah = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
                sql.Identifier(tabel.name), sql.SQL(", ").join(map(sql.Identifier, kolom))
            )
            koneksi: Any = self.session.connection().connection.driver_connection
            with koneksi.cursor() as cur, cur.copy(perintah) as salin:
                salin.set_types([_jenis_pg(tabel.c[k].type) for k in kolom])
                for row in rows:
                    salin.write_row(row)
            return
        self.session.execute(tabel.insert(), [dict(zip(kolom, r, strict=True)) for r in rows])

    def _perbarui(
        self,
        tabel: Table,
        kolom: Sequence[str],
        rows: list[tuple[Any, ...]],  # (id, *values)
        *,
        naikkan_versi: bool = False,
        cap_waktu: bool = True,
    ) -> None:
        if not rows:
            return
        nilai: dict[str, Any] = {k: bindparam(f"b_{k}") for k in kolom}
        if cap_waktu:
            nilai["updated_at"] = self.waktu
        if naikkan_versi:
            nilai["versi"] = tabel.c.versi + 1  # ETags of changed persons change
        stmt = sa_update(tabel).where(tabel.c.id == bindparam("b_id")).values(nilai)
        params = [
            {"b_id": r[0], **{f"b_{k}": v for k, v in zip(kolom, r[1:], strict=True)}} for r in rows
        ]
        self.session.execute(stmt, params)


def _jenis_pg(jenis: Any) -> str:
    """The PostgreSQL type a binary COPY sends for a column."""
    jenis = getattr(jenis, "impl", jenis)  # WaktuUTC is a timestamptz
    if isinstance(jenis, DateTime):
        return "timestamptz" if jenis.timezone else "timestamp"
    if isinstance(jenis, Date):
        return "date"
    if isinstance(jenis, Boolean):
        return "bool"
    if isinstance(jenis, Integer):
        return "int4"
    if isinstance(jenis, String):
        return "varchar"
    raise TypeError(f"no binary COPY type for {jenis!r}")


def tabel_model(model: Any) -> Table:
    tabel: Table = model.__table__
    return tabel


# Rows per chunk on PostgreSQL: small enough that checking the next chunk overlaps most of
# the database's work on this one, large enough that each COPY and lookup is worth its trip.
BAGIAN = 2_000


class Penulis:
    """Runs each chunk's writes. With `bertahap` (PostgreSQL) a thread of its own runs them,
    so that the request's thread checks and plans the next chunk while the database works on
    this one (waiting on the database releases the GIL). The caller then needs a savepoint:
    chunks are written before later chunks are checked."""

    def __init__(self, perencana: Perencana, bertahap: bool) -> None:
        self.perencana = perencana
        self._antre: queue.Queue[Tulisan | None] | None = None
        self._galat: BaseException | None = None
        self._thread: threading.Thread | None = None
        if bertahap:
            self._antre = queue.Queue(maxsize=2)
            self._thread = threading.Thread(target=self._putaran, name="impor-tulis")

    def __enter__(self) -> Penulis:
        if self._thread is not None:
            self._thread.start()
        return self

    def tulis(self, tulisan: Tulisan) -> None:
        if self._galat is not None:
            raise self._galat
        if self._antre is None:
            self.perencana.tulis(tulisan)
        else:
            self._antre.put(tulisan)

    def __exit__(self, jenis: type[BaseException] | None, *_: object) -> None:
        if self._antre is not None and self._thread is not None:
            self._antre.put(None)
            self._thread.join()
        if self._galat is not None and jenis is None:
            raise self._galat

    def _putaran(self) -> None:
        assert self._antre is not None
        while (tulisan := self._antre.get()) is not None:
            if self._galat is None:
                try:
                    self.perencana.tulis(tulisan)
                except BaseException as exc:  # handed to the request's thread
                    self._galat = exc
