"""Reading workbooks, bounded: the rows of a workbook's first sheet, one at a time.

An XLSX upload is a zip of XML parts, and a few kilobytes of it can claim gigabytes: 20 million
empty rows fit in 172 KiB, one cell of 256 MB in 250 KiB. Reading one must cost what its real
content costs, never what it claims. Every import that takes XLSX reads it here:

- Before anything is parsed, the zip's central directory and each part that will be read are
  checked: the directory's size (zipfile makes an object per entry), the method (stored or
  deflate; zipfile never returns more than the declared size), the declared size, and the
  compression ratio of anything larger than `RASIO_BEBAS_BYTES`.
- The sheet and its shared strings are parsed as streams (expat, no DTD, so no entity
  expansion), a piece at a time, straight from the zip member.
- Rows are counted by their number (the `r` attribute), empty ones included, and reading stops
  as soon as the limit is passed. A cell's text is refused as soon as it passes
  `MAKS_KARAKTER_SEL` (Excel's own limit), and so is a shared string when a cell uses it.
  Expat may not hold more than `MAKS_TOKEN_BYTES` of one unfinished tag or comment, and the
  number of elements is bounded by the row limit.
- Rows come out one by one, row 1 (the header) first, so that a caller refuses a wrong header
  before any data row is read. Shared strings are read only as far as the rows given out so far
  need them, and kept as UTF-8 in one buffer.

Values are those openpyxl gives in read-only, data-only mode (numbers as int or float, dates
as datetime, booleans, text), so the callers' rules for cells stay as they were.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Generator
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum
from io import BytesIO
from typing import Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

MIB = 1024 * 1024

MAKS_KARAKTER_SEL = 32_767  # the most Excel itself puts in one cell
MAKS_KOLOM = 16_384  # column XFD, Excel's last
MAKS_BYTES_BAGIAN = 256 * MIB  # one part of the zip, uncompressed
MAKS_RASIO = 100  # uncompressed / compressed, for parts larger than RASIO_BEBAS_BYTES
RASIO_BEBAS_BYTES = 16 * MIB
MAKS_DIREKTORI_BYTES = 1 * MIB  # the zip's central directory (≈ 20,000 entries)
MAKS_TOKEN_BYTES = 1 * MIB  # one unfinished tag, attribute or comment held by expat
MAKS_TEKS_BERSAMA_BYTES = 64 * MIB  # shared strings kept, as UTF-8
ELEMEN_PER_BARIS = 64  # elements of the sheet: this many per allowed row, plus ELEMEN_DASAR
ELEMEN_DASAR = 100_000
MAKS_ELEMEN_BAGIAN_LAIN = 1_000_000  # workbook, relationships, styles
MAKS_LEMBAR = 1_000  # sheets looked at for the first worksheet
MAKS_FORMAT_ANGKA = 10_000  # custom number formats kept (Excel allows about 250)
POTONGAN_BYTES = 64 * 1024  # read and parsed at a time
POTONGAN_AWAL_BYTES = 4 * 1024  # until the header row is out


class JenisGalat(Enum):
    BERKAS = "berkas"  # not a workbook that can be read, or over a limit of the whole file
    BARIS = "baris"  # more rows than allowed (empty rows counted)
    SEL = "sel"  # one cell over the size limit


class XlsxDitolakError(Exception):
    """The workbook is refused. `pesan` is for the operator (Indonesian); `baris` and `kolom`
    (1-based) locate the cell when there is one."""

    def __init__(
        self, jenis: JenisGalat, pesan: str, *, baris: int | None = None, kolom: int | None = None
    ) -> None:
        super().__init__(pesan)
        self.jenis = jenis
        self.pesan = pesan
        self.baris = baris
        self.kolom = kolom

    @property
    def sel(self) -> str | None:
        """The cell's address as Excel shows it ("C5")."""
        if self.baris is None or self.kolom is None:
            return None
        return f"{get_column_letter(self.kolom)}{self.baris}"


@dataclass(frozen=True)
class BatasXlsx:
    """What one reading may cost. `maks_baris` counts the rows after the header, empty ones
    included; the others default to the module's limits."""

    maks_baris: int
    maks_karakter_sel: int = MAKS_KARAKTER_SEL
    maks_bytes_bagian: int = MAKS_BYTES_BAGIAN
    maks_rasio: int = MAKS_RASIO
    maks_teks_bersama_bytes: int = MAKS_TEKS_BERSAMA_BYTES

    @property
    def maks_elemen(self) -> int:
        return ELEMEN_PER_BARIS * (self.maks_baris + 1) + ELEMEN_DASAR


def _berkas(pesan: str) -> XlsxDitolakError:
    return XlsxDitolakError(JenisGalat.BERKAS, pesan)


_TIDAK_TERBACA = "berkas bukan XLSX yang dapat dibaca"


def _angka_id(n: int) -> str:
    """12345 -> '12.345' (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


def _mb(n: int) -> str:
    return f"{n / MIB:.0f} MB" if n >= MIB else f"{_angka_id(n)} byte"


# --- the zip ---------------------------------------------------------------------------------


def _periksa_direktori(isi: bytes) -> None:
    """Refuse a central directory larger than MAKS_DIREKTORI_BYTES before zipfile reads it.

    The end records are found as zipfile finds them: the last 22 bytes when they are an end
    record without a comment, otherwise the last signature in the final 64 KiB; a ZIP64 end
    record, when its locator is there, just before that locator.
    """
    if len(isi) >= 22 and isi[-22:-18] == b"PK\x05\x06" and isi[-2:] == b"\0\0":
        akhir = len(isi) - 22
    else:
        akhir = isi.rfind(b"PK\x05\x06", max(0, len(isi) - 22 - 65_536))
        if akhir < 0 or len(isi) - akhir < 22:
            raise _berkas(_TIDAK_TERBACA)
    ukuran = int.from_bytes(isi[akhir + 12 : akhir + 16], "little")
    if akhir >= 20 and isi[akhir - 20 : akhir - 16] == b"PK\x06\x07":
        awal64 = akhir - 20 - 56
        if awal64 < 0 or isi[awal64 : awal64 + 4] != b"PK\x06\x06":
            raise _berkas(_TIDAK_TERBACA)
        ukuran = int.from_bytes(isi[awal64 + 40 : awal64 + 48], "little")
    if ukuran > MAKS_DIREKTORI_BYTES:
        raise _berkas(
            f"berkas XLSX tidak wajar: daftar isinya {_mb(ukuran)} "
            f"(paling besar {_mb(MAKS_DIREKTORI_BYTES)})"
        )


def _info(arsip: zipfile.ZipFile, nama: str, batas: BatasXlsx) -> zipfile.ZipInfo:
    """A part that will be read, checked before a byte of it is inflated."""
    try:
        info = arsip.getinfo(nama)
    except KeyError:
        raise _berkas(f"berkas XLSX tidak lengkap: bagian {nama} tidak ada") from None
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _berkas(
            f"bagian {nama} berkas XLSX dimampatkan dengan cara yang tidak didukung; "
            "simpan ulang dengan Excel"
        )
    if info.flag_bits & 0x1:
        raise _berkas("berkas XLSX terkunci kata sandi; buka kuncinya lalu simpan ulang")
    if info.file_size > batas.maks_bytes_bagian:
        raise _berkas(
            f"berkas XLSX terlalu besar: bagian {nama} berukuran {_mb(info.file_size)} setelah "
            f"dibuka (paling besar {_mb(batas.maks_bytes_bagian)})"
        )
    if info.file_size > RASIO_BEBAS_BYTES:
        rasio = info.file_size / max(1, info.compress_size)
        if rasio > batas.maks_rasio:
            raise _berkas(
                f"berkas XLSX tidak wajar: bagian {nama} mengembang {rasio:.0f} kali saat dibuka "
                f"(paling banyak {batas.maks_rasio} kali)"
            )
    return info


def _lokal(nama: str) -> str:
    """'x:row' -> 'row': the tag without its prefix (namespaces are not resolved)."""
    return nama[nama.rfind(":") + 1 :]


def _tolak_dtd(*_args: Any) -> None:
    raise _berkas("berkas XLSX memuat deklarasi DTD yang tidak diizinkan")


class _Bagian:
    """One XML part of the zip, fed to expat a piece at a time."""

    def __init__(self, arsip: zipfile.ZipFile, nama: str, batas: BatasXlsx) -> None:
        info = _info(arsip, nama, batas)
        self.nama = nama
        self.p = expat.ParserCreate()
        # Text arrives in pieces of up to 64 KiB, whitespace included, not one call a line.
        self.p.buffer_text = True
        self.p.buffer_size = POTONGAN_BYTES
        self.p.StartDoctypeDeclHandler = _tolak_dtd
        self.p.EntityDeclHandler = _tolak_dtd
        self.p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self._berkas = arsip.open(info)
        self._masuk = 0
        self.habis = False

    def umpan(self, ukuran: int = POTONGAN_BYTES) -> None:
        """Parse the next piece (the handlers run); `habis` once the part has been read."""
        if self.habis:
            return
        try:
            data = self._berkas.read(ukuran)
            self._masuk += len(data)
            self.p.Parse(data, not data)
        except XlsxDitolakError:
            self.habis = True
            raise
        except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            self.habis = True
            raise _berkas(f"berkas XLSX rusak: bagian {self.nama} tidak dapat dibaca") from exc
        if not data:
            self.habis = True
            self._berkas.close()
        elif self._masuk - self.p.CurrentByteIndex > MAKS_TOKEN_BYTES:
            # Expat holds an unfinished tag, attribute value or comment in memory.
            self.habis = True
            raise _berkas(
                f"berkas XLSX tidak wajar: bagian {self.nama} memuat satu tag atau komentar "
                f"lebih dari {_mb(MAKS_TOKEN_BYTES)}"
            )


def _urai(
    arsip: zipfile.ZipFile,
    nama: str,
    batas: BatasXlsx,
    mulai: Callable[[str, dict[str, str]], None],
    akhir: Callable[[str], None] | None = None,
) -> None:
    """Parse a small part whole (workbook, relationships, styles) with a bounded element count."""
    bagian = _Bagian(arsip, nama, batas)
    hitung = 0

    def _mulai(tag: str, attrs: dict[str, str]) -> None:
        nonlocal hitung
        hitung += 1
        if hitung > MAKS_ELEMEN_BAGIAN_LAIN:
            raise _berkas(
                f"berkas XLSX tidak wajar: bagian {nama} berisi lebih dari "
                f"{_angka_id(MAKS_ELEMEN_BAGIAN_LAIN)} elemen"
            )
        mulai(_lokal(tag), attrs)

    bagian.p.StartElementHandler = _mulai
    if akhir is not None:
        bagian.p.EndElementHandler = lambda tag: akhir(_lokal(tag))
    while not bagian.habis:
        bagian.umpan()


def _atribut(attrs: dict[str, str], lokal: str) -> str | None:
    """An attribute by its local name ('r:id' -> 'id'), the unprefixed one first."""
    if lokal in attrs:
        return attrs[lokal]
    for nama, nilai in attrs.items():
        if _lokal(nama) == lokal:
            return nilai
    return None


def _relasi(
    arsip: zipfile.ZipFile, nama: str, batas: BatasXlsx, ids: set[str], jenis: tuple[str, ...]
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Relationships of a part: those named in `ids` as id -> (type, target), and the first
    target of each type ending in one of `jenis`; targets as paths in the zip, external ones
    skipped. Nothing else is kept, however many there are."""
    folder = posixpath.dirname(posixpath.dirname(nama))
    per_id: dict[str, tuple[str, str]] = {}
    per_jenis: dict[str, str] = {}

    def mulai(tag: str, attrs: dict[str, str]) -> None:
        if tag != "Relationship" or attrs.get("TargetMode") == "External":
            return
        rid, tipe, target = attrs.get("Id", ""), attrs.get("Type", ""), attrs.get("Target", "")
        akhiran = next((j for j in jenis if tipe.endswith(j) and j not in per_jenis), None)
        if not target or (rid not in ids and akhiran is None):
            return
        if target.startswith("/"):
            path = target[1:]
        else:
            path = posixpath.normpath(posixpath.join(folder, target))
        if rid in ids:
            per_id[rid] = (tipe, path)
        if akhiran is not None:
            per_jenis[akhiran] = path

    _urai(arsip, nama, batas, mulai)
    return per_id, per_jenis


def _path_relasi(bagian: str) -> str:
    folder, berkas = posixpath.split(bagian)
    return posixpath.join(folder, "_rels", f"{berkas}.rels")


@dataclass(frozen=True)
class _Buku:
    lembar: str  # the first worksheet's part
    teks_bersama: str | None
    gaya_tanggal: frozenset[int]  # cell styles (s) that show a number as a date
    gaya_durasi: frozenset[int]  # ... as a duration ([h]:mm)
    epoch: Any


def _buku(arsip: zipfile.ZipFile, batas: BatasXlsx) -> _Buku:
    """Where the first worksheet, its shared strings and styles are, and the date system."""
    try:
        arsip.getinfo("_rels/.rels")
    except KeyError:
        raise _berkas(_TIDAK_TERBACA) from None  # a zip, but not a workbook
    _, paket = _relasi(arsip, "_rels/.rels", batas, set(), ("/officeDocument",))
    buku = paket.get("/officeDocument")
    if buku is None:
        raise _berkas(_TIDAK_TERBACA)
    lembar_id: list[str] = []  # the first MAKS_LEMBAR sheets, in the workbook's order
    tanggal_1904 = False

    def mulai_buku(tag: str, attrs: dict[str, str]) -> None:
        nonlocal tanggal_1904
        if tag == "workbookPr":
            tanggal_1904 = attrs.get("date1904", "").lower() in ("1", "true")
        elif tag == "sheet" and len(lembar_id) < MAKS_LEMBAR:
            rid = _atribut(attrs, "id")
            if rid:
                lembar_id.append(rid)

    _urai(arsip, buku, batas, mulai_buku)
    relasi, bagian = _relasi(
        arsip, _path_relasi(buku), batas, set(lembar_id), ("/sharedStrings", "/styles")
    )
    # The first worksheet, as openpyxl's `worksheets[0]`: chart sheets do not count.
    lembar = next(
        (relasi[i][1] for i in lembar_id if i in relasi and relasi[i][0].endswith("/worksheet")),
        None,
    )
    if lembar is None:
        raise _berkas("buku kerja tidak berisi lembar")
    gaya = bagian.get("/styles")
    tanggal, durasi = _gaya(arsip, gaya, batas) if gaya else (frozenset(), frozenset())
    epoch = CALENDAR_MAC_1904 if tanggal_1904 else WINDOWS_EPOCH
    return _Buku(lembar, bagian.get("/sharedStrings"), tanggal, durasi, epoch)


def _gaya(
    arsip: zipfile.ZipFile, nama: str, batas: BatasXlsx
) -> tuple[frozenset[int], frozenset[int]]:
    """Which cell styles are dates and durations (as openpyxl decides it)."""
    format_sendiri: dict[int, str] = {}
    format_sel: list[int] = []
    di_cellxfs = False

    def mulai(tag: str, attrs: dict[str, str]) -> None:
        nonlocal di_cellxfs
        if tag == "numFmt" and len(format_sendiri) < MAKS_FORMAT_ANGKA:
            with suppress(ValueError):
                format_sendiri[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            di_cellxfs = True
        elif tag == "xf" and di_cellxfs:
            try:
                format_sel.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                format_sel.append(0)

    def akhir(tag: str) -> None:
        nonlocal di_cellxfs
        if tag == "cellXfs":
            di_cellxfs = False

    _urai(arsip, nama, batas, mulai, akhir)
    jenis: dict[int, tuple[bool, bool]] = {}
    tanggal, durasi = set(), set()
    for i, id_format in enumerate(format_sel):
        if id_format not in jenis:
            kode = format_sendiri.get(id_format) or BUILTIN_FORMATS.get(id_format)
            jenis[id_format] = (is_date_format(kode), is_timedelta_format(kode))
        adalah_tanggal, adalah_durasi = jenis[id_format]
        if adalah_tanggal:
            tanggal.add(i)
        if adalah_durasi:
            durasi.add(i)
    return frozenset(tanggal), frozenset(durasi)


# --- shared strings --------------------------------------------------------------------------


class _TeksBersama:
    """The shared strings, read only as far as asked for, kept as UTF-8 in one buffer."""

    def __init__(self, arsip: zipfile.ZipFile, nama: str | None, batas: BatasXlsx) -> None:
        self._batas = batas
        self._data = bytearray()
        self._akhir = array("I")  # end offset of each string in _data (< 4 GiB)
        self._terlalu_panjang: set[int] = set()
        self._bagian = _Bagian(arsip, nama, batas) if nama else None
        self._potongan: list[str] = []
        self._panjang = 0
        self._kumpul = False
        self._dalam_si = False
        self._fonetik = 0
        self._hitung = 0
        if self._bagian is not None:
            p = self._bagian.p
            p.StartElementHandler = self._mulai
            p.EndElementHandler = self._akhir_elemen
            p.CharacterDataHandler = self._teks

    def _mulai(self, tag: str, _attrs: dict[str, str]) -> None:
        self._hitung += 1
        if self._hitung > self._batas.maks_elemen:
            raise _berkas(
                "berkas XLSX tidak wajar: teks bersama (sharedStrings) berisi lebih dari "
                f"{_angka_id(self._batas.maks_elemen)} elemen"
            )
        tag = _lokal(tag)
        if tag == "si":
            self._dalam_si = True
            self._potongan = []
            self._panjang = 0
        elif tag == "rPh":
            self._fonetik += 1
        elif tag == "t" and self._dalam_si and not self._fonetik:
            self._kumpul = True

    def _akhir_elemen(self, tag: str) -> None:
        tag = _lokal(tag)
        if tag == "t":
            self._kumpul = False
        elif tag == "rPh":
            self._fonetik -= 1
        elif tag == "si" and self._dalam_si:
            self._dalam_si = False
            if self._panjang > self._batas.maks_karakter_sel:
                # Not kept; refused when a cell uses it, naming that cell.
                self._terlalu_panjang.add(len(self._akhir))
            else:
                # openpyxl's reading of Excel's escape, kept so that values do not change.
                self._data += "".join(self._potongan).replace("x005F_", "").encode()
                if len(self._data) > self._batas.maks_teks_bersama_bytes:
                    raise _berkas(
                        "berkas XLSX terlalu besar: teks bersama (sharedStrings) lebih dari "
                        f"{_mb(self._batas.maks_teks_bersama_bytes)}"
                    )
            self._akhir.append(len(self._data))
            self._potongan = []

    def _teks(self, data: str) -> None:
        if not self._kumpul:
            return
        self._panjang += len(data)
        if self._panjang <= self._batas.maks_karakter_sel:
            self._potongan.append(data)

    def ambil(self, i: int, baris: int, kolom: int) -> str:
        """String `i`, for the cell at (baris, kolom): read on as far as it."""
        while i >= len(self._akhir) and self._bagian is not None and not self._bagian.habis:
            self._bagian.umpan()
        if i >= len(self._akhir):
            raise XlsxDitolakError(
                JenisGalat.BERKAS,
                f"berkas XLSX rusak: sel {get_column_letter(kolom)}{baris} merujuk teks bersama "
                f"nomor {i} yang tidak ada",
                baris=baris,
                kolom=kolom,
            )
        if i in self._terlalu_panjang:
            raise _sel_terlalu_panjang(baris, kolom, self._batas)
        return self._data[self._akhir[i - 1] if i else 0 : self._akhir[i]].decode()


def _sel_terlalu_panjang(baris: int, kolom: int, batas: BatasXlsx) -> XlsxDitolakError:
    sel = f"{get_column_letter(kolom)}{baris}"
    return XlsxDitolakError(
        JenisGalat.SEL,
        f"sel {sel} terlalu panjang: lebih dari {_angka_id(batas.maks_karakter_sel)} karakter",
        baris=baris,
        kolom=kolom,
    )


# --- the sheet -------------------------------------------------------------------------------


class _IndeksTeks(int):
    """A cell's shared-string index, resolved when its row is given out."""


_KOLOM: dict[str, int] = {}


def _kolom(alamat: str) -> int | None:
    """'C5' -> 3; None when the address is not one."""
    huruf = alamat.rstrip("0123456789").upper()
    nomor = _KOLOM.get(huruf)
    if nomor is not None:
        return nomor
    if not 1 <= len(huruf) <= 3 or not huruf.isascii() or not huruf.isalpha():
        return None
    nomor = 0
    for h in huruf:
        nomor = nomor * 26 + ord(h) - 64
    if nomor <= MAKS_KOLOM:
        _KOLOM[huruf] = nomor
    return nomor


def _angka(teks: str) -> int | float:
    """A number as openpyxl reads it: float when it has a point or an exponent."""
    if "." in teks or "E" in teks or "e" in teks:
        return float(teks)
    return int(teks)


class _Lembar:
    """The first sheet, parsed piece by piece; finished rows wait in `antre`, followed by the
    error that stopped the parsing, if any."""

    def __init__(self, arsip: zipfile.ZipFile, buku: _Buku, batas: BatasXlsx) -> None:
        self._batas = batas
        self._buku = buku
        self._bagian = _Bagian(arsip, buku.lembar, batas)
        self.antre: deque[tuple[int, list[tuple[int, Any]]] | XlsxDitolakError] = deque()
        self._maks_nomor = batas.maks_baris + 1
        self._maks_elemen = batas.maks_elemen
        self._hitung = 0
        self._dalam_data = False
        self._nomor = 0  # the current (or last) row's number
        self._sel: list[tuple[int, Any]] | None = None  # cells of the current row
        self._kolom = 0
        self._jenis = "n"
        self._gaya = 0
        self._teks: list[str] = []  # the current cell's text (v, or the t of is)
        self._panjang = 0
        self._kumpul = False  # inside v or is/t: text is the cell's
        self._ada_teks = False
        self._di_is = False
        self._fonetik = 0
        p = self._bagian.p
        p.StartElementHandler = self._mulai
        p.EndElementHandler = self._akhir_elemen
        p.CharacterDataHandler = self._karakter

    def isi(self, ukuran: int) -> bool:
        """Parse one more piece; False when nothing more will come."""
        if self._bagian.habis:
            return False
        try:
            self._bagian.umpan(ukuran)
        except XlsxDitolakError as galat:
            self.antre.append(galat)
        except ValueError:  # a value the checks above did not foresee
            self.antre.append(_berkas(f"berkas XLSX rusak: bagian {self._bagian.nama} tidak sah"))
            self._bagian.habis = True
        return True

    def _galat_sel(self, pesan: str) -> XlsxDitolakError:
        sel = f"{get_column_letter(self._kolom)}{self._nomor}" if self._kolom else "?"
        return XlsxDitolakError(
            JenisGalat.BERKAS, f"berkas XLSX rusak: sel {sel} {pesan}", baris=self._nomor,
            kolom=self._kolom or None,
        )  # fmt: skip

    def _mulai(self, tag: str, attrs: dict[str, str]) -> None:
        self._hitung += 1
        if self._hitung > self._maks_elemen:
            raise _berkas(
                "berkas XLSX tidak wajar: lembar pertama berisi lebih dari "
                f"{_angka_id(self._maks_elemen)} elemen"
            )
        if ":" in tag:
            tag = _lokal(tag)
        if not self._dalam_data:
            if tag == "sheetData":
                self._dalam_data = True
            return
        if tag == "c":
            if self._sel is None:
                return
            alamat = attrs.get("r")
            if alamat is None:
                kolom = self._kolom + 1
            else:
                kolom_r = _kolom(alamat)
                if kolom_r is None:
                    raise _berkas(f"berkas XLSX rusak: alamat sel {alamat[:20]!r} tidak sah")
                kolom = kolom_r
            if kolom > MAKS_KOLOM:
                raise _berkas(f"berkas XLSX rusak: sel di baris {self._nomor} melewati kolom XFD")
            if len(self._sel) >= MAKS_KOLOM:
                raise _berkas(
                    f"berkas XLSX rusak: baris {self._nomor} berisi lebih dari "
                    f"{_angka_id(MAKS_KOLOM)} sel"
                )
            self._kolom = kolom
            self._jenis = attrs.get("t", "n")
            gaya = attrs.get("s")
            self._gaya = int(gaya) if gaya and gaya.isdecimal() else 0
            self._teks = []
            self._panjang = 0
            self._kumpul = False
            self._ada_teks = False
            self._di_is = False
            self._fonetik = 0
        elif tag == "row":
            r = attrs.get("r")
            if r is None:
                nomor = self._nomor + 1
            else:
                try:
                    nomor = int(r)
                except ValueError:
                    raise _berkas(f"berkas XLSX rusak: nomor baris {r[:20]!r} tidak sah") from None
                if nomor <= self._nomor:
                    raise _berkas(
                        f"berkas XLSX rusak: baris {nomor} muncul setelah baris {self._nomor}"
                    )
            if nomor > self._maks_nomor:
                raise XlsxDitolakError(
                    JenisGalat.BARIS,
                    f"lembar berisi lebih dari {_angka_id(self._batas.maks_baris)} baris di bawah "
                    "baris kepala (baris kosong ikut dihitung)",
                    baris=nomor,
                )
            self._nomor = nomor
            self._sel = []
            self._kolom = 0
        elif self._sel is None:
            return
        elif tag == "v":
            if self._jenis != "inlineStr":
                self._kumpul = self._ada_teks = True
        elif tag == "is":
            if self._jenis == "inlineStr":
                self._di_is = True
                self._ada_teks = True
        elif tag == "rPh":
            self._fonetik += 1
        elif tag == "t" and self._di_is and not self._fonetik:
            self._kumpul = True

    def _karakter(self, data: str) -> None:
        if not self._kumpul:
            return
        self._panjang += len(data)
        if self._panjang > self._batas.maks_karakter_sel:
            raise _sel_terlalu_panjang(self._nomor, self._kolom, self._batas)
        self._teks.append(data)

    def _akhir_elemen(self, tag: str) -> None:
        if ":" in tag:
            tag = _lokal(tag)
        if tag == "c":
            if self._sel is not None:
                self._sel.append((self._kolom, self._nilai()))
                self._kumpul = False
        elif tag == "row":
            if self._sel is not None:
                self.antre.append((self._nomor, self._sel))
                self._sel = None
        elif tag in ("v", "t"):
            self._kumpul = False
        elif tag == "rPh":
            self._fonetik -= 1
        elif tag == "is":
            self._di_is = False
        elif tag == "sheetData":
            self._dalam_data = False

    def _nilai(self) -> Any:
        """The finished cell's value, as openpyxl gives it (data only)."""
        teks = "".join(self._teks) if self._ada_teks else None
        jenis = self._jenis
        if jenis == "inlineStr":
            return teks
        if not teks:
            return None
        if jenis == "n":
            try:
                angka = _angka(teks)
            except ValueError:
                raise self._galat_sel("berisi angka yang tidak sah") from None
            if self._gaya in self._buku.gaya_tanggal:
                try:
                    return from_excel(
                        angka, self._buku.epoch, timedelta=self._gaya in self._buku.gaya_durasi
                    )
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return angka
        if jenis == "s":
            if not teks.isdecimal():
                raise self._galat_sel("merujuk teks bersama yang tidak sah")
            return _IndeksTeks(teks)
        if jenis == "b":
            try:
                return bool(int(teks))
            except ValueError:
                raise self._galat_sel("berisi nilai benar/salah yang tidak sah") from None
        if jenis == "d":
            try:
                return from_ISO8601(teks)
            except ValueError:
                raise self._galat_sel("berisi tanggal yang tidak sah") from None
        return teks  # str (a formula's text), e (an error such as #N/A)


def baris_xlsx(isi: bytes, batas: BatasXlsx) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
    """The rows of the workbook's first worksheet as (row number, values), row 1 first (empty
    when the sheet has no row 1), then the rows the sheet holds, in order. Raises `XlsxDitolakError`
    at the point where the workbook is refused: nothing is read beyond what was given out."""
    try:
        _periksa_direktori(isi)
        arsip = zipfile.ZipFile(BytesIO(isi))
    except XlsxDitolakError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _berkas(_TIDAK_TERBACA) from exc
    with arsip:
        try:
            buku = _buku(arsip, batas)
            teks = _TeksBersama(arsip, buku.teks_bersama, batas)
            lembar = _Lembar(arsip, buku, batas)
        except XlsxDitolakError:
            raise
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError) as exc:
            raise _berkas(_TIDAK_TERBACA) from exc
        nomor_terakhir = 0
        ukuran = POTONGAN_AWAL_BYTES
        antre = lembar.antre
        while True:
            if not antre:
                if not lembar.isi(ukuran):
                    return
                continue
            item = antre.popleft()
            if isinstance(item, XlsxDitolakError):
                raise item
            nomor, sel = item
            if nomor_terakhir == 0 and nomor > 1:
                yield 1, ()
            nomor_terakhir = nomor
            ukuran = POTONGAN_BYTES
            if not sel:
                yield nomor, ()
                continue
            nilai: list[Any] = [None] * max(k for k, _ in sel)
            for kolom, v in sel:
                if type(v) is _IndeksTeks:
                    v = teks.ambil(v, nomor, kolom)
                nilai[kolom - 1] = v
            yield nomor, tuple(nilai)
