"""The bulk PMKS import's rows, without the database: the columns, reading JSON, CSV and
XLSX into rows, and checking each row (NIK and KK rules, category, region, what one batch must
not hold twice). Plain Python, no per-row objects beyond what is kept: 50,000 rows are read and
checked in well under a second."""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from dinsos_api.core.errors import Masalah
from dinsos_api.core.json_body import json_dari_body
from dinsos_api.core.masukan import KARAKTER_KONTROL, KONTROL_SEBARIS
from dinsos_api.core.waktu import WITA
from dinsos_api.core.xlsx_baca import BatasXlsx, JenisGalat, XlsxDitolakError, baris_xlsx
from dinsos_api.penerima.impor_schemas import FormatImpor
from dinsos_api.penerima.models import (
    StatusHidup,
)
from dinsos_api.penerima.nik import periksa_nik, periksa_nomor_kk

logger = logging.getLogger("dinsos_api.impor")

# --- columns ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    """One column of the import: its name (headers match it case-insensitively), whether it
    is required, an example value and what it means (for the template and the docs)."""

    nama: str
    wajib: bool
    contoh: str
    keterangan: str


# The example row of the template. Its NIK is recognised and refused, so that an example left
# in a filled-in template never becomes a person in the registry.
CONTOH_NIK = "5301014507500003"

KOLOM: tuple[Kolom, ...] = (
    Kolom("nik", True, CONTOH_NIK, "NIK 16 digit. Di Excel format kolom sebagai Teks."),
    Kolom("nama", True, "Maria Goreti Da Costa", "Nama lengkap (maksimal 200 karakter)."),
    Kolom(
        "kategori",
        True,
        "fakir_miskin",
        "Kode kategori PMKS (fakir_miskin) atau namanya (Fakir Miskin); huruf besar/kecil, "
        "spasi dan garis bawah tidak dibedakan.",
    ),
    Kolom("jenis_kelamin", False, "P", "L atau P (juga LAKI-LAKI, PEREMPUAN)."),
    Kolom(
        "tanggal_lahir",
        False,
        "1950-07-05",
        "YYYY-MM-DD, atau DD-MM-YYYY / DD/MM/YYYY (hari dahulu). Harus sesuai dengan NIK.",
    ),
    Kolom("tempat_lahir", False, "Kupang", "Tempat lahir (maksimal 100 karakter)."),
    Kolom("alamat", False, "RT 003 RW 001, Oesao", "Alamat (maksimal 500 karakter)."),
    Kolom(
        "nomor_kk",
        False,
        "5301010101500001",
        "Nomor KK 16 digit; wajib untuk kategori bersasaran keluarga (fakir_miskin, "
        "keluarga_bermasalah_sosial_psikologis, komunitas_adat_terpencil).",
    ),
    Kolom(
        "hubungan",
        False,
        "kepala_keluarga",
        "Hubungan dalam KK: kepala_keluarga, suami, istri, anak, menantu, cucu, orang_tua, "
        "mertua, famili_lain, pembantu, lainnya. Hanya bersama NOMOR_KK.",
    ),
    Kolom(
        "kode_kecamatan", False, "", "Kode kecamatan di kabupaten/kota ini (530101 atau 53.01.01)."
    ),
    Kolom("kode_desa", False, "", "Kode desa/kelurahan di kabupaten/kota ini."),
    Kolom("status_hidup", False, "hidup", "hidup, meninggal, pindah atau hilang."),
    Kolom("catatan", False, "", "Catatan untuk data PMKS ini (maksimal 1000 karakter)."),
)
NAMA_KOLOM = tuple(k.nama for k in KOLOM)
_KOLOM_SET = frozenset(NAMA_KOLOM)
_KOLOM_WAJIB = tuple(k.nama for k in KOLOM if k.wajib)

# A person's own fields, in this order in `Baris.orang` and in the planner.
KOLOM_ORANG = (
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "tempat_lahir",
    "alamat",
    "kode_kecamatan",
    "kode_desa",
    "nomor_kk",
    "status_hidup",
)
I_ALAMAT = KOLOM_ORANG.index("alamat")
I_KK = KOLOM_ORANG.index("nomor_kk")
I_STATUS = KOLOM_ORANG.index("status_hidup")

KEPALA = "kepala_keluarga"
HUBUNGAN = frozenset(
    {
        KEPALA,
        "suami",
        "istri",
        "anak",
        "menantu",
        "cucu",
        "orang_tua",
        "mertua",
        "famili_lain",
        "pembantu",
        "lainnya",
    }
)
# A member whose relation the file does not give (the column is NOT NULL).
HUBUNGAN_TIDAK_DIKETAHUI = "tidak_diketahui"
SASARAN_KELUARGA = "keluarga"

# --- rows ------------------------------------------------------------------------------------


class Salah(NamedTuple):
    """One problem in one row: `baris` as the operator counts rows (see docs/impor-pmks.md)."""

    baris: int
    kolom: str
    pesan: str


class Baris(NamedTuple):
    """A row that passed every check that needs no database."""

    nomor: int
    nik: str
    kategori: str
    keluarga: bool  # the category is about a family (one record per family card)
    orang: tuple[Any, ...]  # KOLOM_ORANG values; None = not given
    hubungan: str | None
    catatan: str | None


@dataclass
class Lembar:
    """The rows of one submission: (row number, column -> raw value)."""

    baris: list[tuple[int, Mapping[str, Any]]] = field(default_factory=list)
    jumlah: int = 0  # data rows, including those refused while reading
    salah: list[Salah] = field(default_factory=list)  # per-row problems found while reading
    fatal: bool = False  # the file cannot be read at all: every row is refused


class _AngkaExcel(str):
    """A NIK or KK typed as a number in Excel: 16 digits do not survive that (15 do)."""


# --- reading ---------------------------------------------------------------------------------


def _tolak_415(detail: str) -> Masalah:
    return Masalah(415, detail, jenis="format-impor")


def kenali_format(isi: bytes) -> FormatImpor:
    """CSV or XLSX, by content (file names and content types lie)."""
    if isi.startswith(b"PK\x03\x04"):
        return FormatImpor.XLSX
    if isi.startswith(b"\xd0\xcf\x11\xe0"):
        raise _tolak_415(
            "Format .xls (Excel 97-2003) tidak didukung; simpan sebagai .xlsx atau CSV."
        )
    return FormatImpor.CSV


def _terlalu_banyak(maks: int) -> Masalah:
    return Masalah(
        413,
        f"Kiriman berisi lebih dari {maks} baris data; pecah menjadi beberapa kiriman.",
        jenis="impor-terlalu-besar",
    )


def _berkas_terlalu_panjang(maks: int) -> Masalah:
    """A CSV or XLSX file with more rows after the header than the limit, empty ones counted:
    reading stops there (millions of empty rows cost as much to read as full ones)."""
    pesan = f"lebih dari {maks} baris di bawah baris kepala (baris kosong ikut dihitung)"
    return Masalah(
        413,
        f"Berkas berisi {pesan}; hapus baris kosong di bawah data, atau pecah menjadi beberapa "
        "kiriman.",
        jenis="impor-terlalu-besar",
        errors=[{"field": "berkas", "message": pesan}],
    )


def _normal_kepala(nama: Any) -> str:
    """'Tanggal Lahir ' -> 'tanggal_lahir'."""
    teks = "" if nama is None else str(nama)
    return "_".join(teks.strip().lower().replace("-", " ").split())


def _kepala(nama_kolom: Sequence[Any]) -> tuple[list[str | None], list[Salah]]:
    """Map header cells to columns; problems are reported on row 1."""
    peta: list[str | None] = []
    salah: list[Salah] = []
    dilihat: set[str] = set()
    for asli in nama_kolom:
        nama = _normal_kepala(asli)
        if not nama:
            peta.append(None)  # an unnamed column must stay empty (checked per row)
            continue
        if nama not in _KOLOM_SET:
            salah.append(
                Salah(
                    1,
                    str(asli).strip(),
                    "kolom tidak dikenal; kolom yang dapat dipakai: "
                    + ", ".join(k.upper() for k in NAMA_KOLOM),
                )
            )
        elif nama in dilihat:
            salah.append(Salah(1, nama, "kolom ini muncul lebih dari sekali"))
        dilihat.add(nama)
        peta.append(nama if nama in _KOLOM_SET else None)
    for wajib in _KOLOM_WAJIB:
        if wajib not in dilihat:
            salah.append(Salah(1, wajib, "kolom wajib tidak ada (wajib: NIK, NAMA, KATEGORI)"))
    return peta, salah


def _baris_tabel(
    rows: Iterable[tuple[int, Sequence[Any]]], maks_baris: int, sel: Callable[[str, Any], Any]
) -> Lembar:
    """A sheet (CSV or XLSX) as (row number, cells), row 1 first: the header. The header is
    checked before any data row is read, and a wrong one ends the reading. Blank rows are
    skipped but count, both for row numbers (the spreadsheet's) and for the row limit."""
    lembar = Lembar()
    peta: list[str | None] = []
    try:
        iterator = iter(rows)
        pertama = next(iterator, None)
        kepala = pertama[1] if pertama is not None and pertama[0] == 1 else None
        if kepala is None or not any(_normal_kepala(v) for v in kepala):
            lembar.salah.append(
                Salah(1, "-", "baris 1 harus berisi nama kolom (NIK, NAMA, KATEGORI)")
            )
            lembar.fatal = True
            return lembar
        peta, salah = _kepala(kepala)
        if salah:
            lembar.salah.extend(salah)
            lembar.fatal = True
            return lembar
        lebar = len(peta)
        tanpa_nama = [i for i, nama in enumerate(peta) if nama is None]
        for nomor, row in iterator:
            if nomor - 1 > maks_baris:
                raise _berkas_terlalu_panjang(maks_baris)
            if not any(v is not None and v != "" for v in row):
                continue
            lembar.jumlah += 1
            if len(row) > lebar and any(v not in (None, "") for v in row[lebar:]):
                lembar.salah.append(
                    Salah(nomor, "-", "baris ini berisi lebih banyak kolom daripada baris kepala")
                )
                continue
            if any(i < len(row) and row[i] not in (None, "") for i in tanpa_nama):
                lembar.salah.append(Salah(nomor, "-", "ada isian di kolom tanpa nama"))
                continue
            nilai = {nama: sel(nama, v) for nama, v in zip(peta, row, strict=False) if nama}
            lembar.baris.append((nomor, nilai))
    except XlsxDitolakError as galat:
        logger.info("xlsx upload refused: %s", galat.jenis.value)
        if galat.jenis is JenisGalat.BARIS:
            raise _berkas_terlalu_panjang(maks_baris) from None
        kolom = "-"
        if galat.kolom is not None and galat.kolom <= len(peta):
            kolom = peta[galat.kolom - 1] or "-"
        lembar.salah.append(Salah(galat.baris or 1, kolom, galat.pesan))
        lembar.fatal = True
        return lembar
    if lembar.jumlah == 0:
        lembar.salah.append(Salah(1, "-", "berkas tidak berisi baris data"))
        lembar.fatal = True
    return lembar


def _sel_csv(_nama: str, nilai: Any) -> Any:
    return nilai


def baca_csv(isi: bytes, maks_baris: int) -> Lembar:
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Lembar(
            salah=[Salah(1, "-", "berkas bukan teks UTF-8; simpan ulang sebagai CSV UTF-8")],
            fatal=True,
        )
    baris_pertama = teks.split("\n", 1)[0]
    # Spreadsheets set to Indonesian separate columns with ";" (the comma is the decimal mark).
    pemisah = ";" if ";" in baris_pertama and "," not in baris_pertama else ","
    try:
        baris = csv.reader(io.StringIO(teks), delimiter=pemisah)
        return _baris_tabel(enumerate(baris, start=1), maks_baris, _sel_csv)
    except csv.Error as exc:
        return Lembar(salah=[Salah(1, "-", f"CSV tidak dapat dibaca: {exc}")], fatal=True)


def _sel_xlsx(nama: str, nilai: Any) -> Any:
    if isinstance(nilai, bool):
        return str(nilai).upper()
    if isinstance(nilai, int | float):
        if isinstance(nilai, float) and not nilai.is_integer():
            return str(nilai)
        angka = str(int(nilai))
        return _AngkaExcel(angka) if nama in ("nik", "nomor_kk") else angka
    if isinstance(nilai, datetime):
        return nilai.date()
    return nilai


def baca_xlsx(isi: bytes, maks_baris: int) -> Lembar:
    """The first sheet of a workbook, read as a bounded stream (core.xlsx_baca): empty rows
    count towards the row limit, a cell over Excel's size limit is refused naming the cell."""
    with closing(baris_xlsx(isi, BatasXlsx(maks_baris=maks_baris))) as rows:
        return _baris_tabel(rows, maks_baris, _sel_xlsx)


def galat_kiriman(kolom: str, pesan: str) -> Masalah:
    return Masalah(
        422,
        f"Periksa kembali isian berikut: {kolom}: {pesan}.",
        jenis="validasi",
        errors=[{"field": kolom, "message": pesan}],
    )


def urai_json(isi: bytes) -> dict[str, Any]:
    data = json_dari_body(isi)
    if not isinstance(data, dict):
        raise galat_kiriman("body", "harus berupa objek dengan tahun, kode_wilayah dan baris")
    lebih = sorted(set(data) - {"tahun", "kode_wilayah", "baris"})
    if lebih:
        raise galat_kiriman(lebih[0], "kolom ini tidak dikenal")
    baris = data.get("baris")
    if not isinstance(baris, list) or not baris:
        raise galat_kiriman("baris", "harus berupa daftar berisi minimal satu baris")
    return data


def baca_json_baris(data: Mapping[str, Any], maks_baris: int) -> Lembar:
    """Rows of a JSON body: objects with the column names as keys (lower case, exact)."""
    rows = data["baris"]
    if len(rows) > maks_baris:
        raise _terlalu_banyak(maks_baris)
    lembar = Lembar(jumlah=len(rows))
    kunci_sah: set[tuple[str, ...]] = set()
    for nomor, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            lembar.salah.append(Salah(nomor, "-", "baris harus berupa objek JSON"))
            continue
        kunci = tuple(row)
        if kunci not in kunci_sah:
            asing = [k for k in kunci if k not in _KOLOM_SET]
            if asing:
                lembar.salah.extend(Salah(nomor, k, "kolom tidak dikenal") for k in asing)
                continue
            kunci_sah.add(kunci)
        lembar.baris.append((nomor, row))
    return lembar


def baca(format_: FormatImpor, isi: bytes, maks_baris: int) -> Lembar:
    if format_ is FormatImpor.JSON:
        return baca_json_baris(urai_json(isi), maks_baris)
    if format_ is FormatImpor.XLSX:
        return baca_xlsx(isi, maks_baris)
    return baca_csv(isi, maks_baris)


# --- checking rows ---------------------------------------------------------------------------

_ISO = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
_HARI_DULU = re.compile(r"\A(\d{1,2})([-/])(\d{1,2})\2(\d{4})\Z")
_JENIS_KELAMIN = {"L": "L", "P": "P", "LAKI-LAKI": "L", "LAKI LAKI": "L", "PEREMPUAN": "P"}
# Free-text columns: their longest accepted text (the database's lengths) and the characters
# they must not hold (alamat and catatan may hold line breaks and tabs). Every other column
# must match a format or a list.
_TEKS_BEBAS = {
    "nama": (200, KONTROL_SEBARIS),
    "tempat_lahir": (100, KONTROL_SEBARIS),
    "alamat": (500, KARAKTER_KONTROL),
    "catatan": (1000, KARAKTER_KONTROL),
}


def _kutip(teks: str) -> str:
    """A value quoted back in a message, cut short."""
    return f"'{teks}'" if len(teks) <= 40 else f"'{teks[:40]}…'"


_STATUS_HIDUP = frozenset(s.value for s in StatusHidup)


def _ada(salah: list[tuple[str, str]], kolom: str) -> bool:
    """Whether the row already has a problem in this column."""
    return bool(salah) and any(k == kolom for k, _ in salah)


def _normal_kategori(teks: str) -> str:
    return " ".join(teks.lower().replace("_", " ").replace("-", " ").split())


class PetaKategori:
    """Category by kode, name or abbreviation, forgiving about case, spaces and underscores;
    a text that fits two categories is an error, never a guess."""

    def __init__(self, kategori: Iterable[tuple[str, str, str | None, str]]) -> None:
        calon: dict[str, set[str]] = {}
        self.sasaran: dict[str, str] = {}
        for kode, nama, singkatan, sasaran in kategori:
            self.sasaran[kode] = sasaran
            for teks in (kode, nama, singkatan):
                if teks:
                    calon.setdefault(_normal_kategori(teks), set()).add(kode)
        self._calon = calon
        self._cache: dict[str, tuple[str | None, str | None]] = {}

    def cari(self, teks: str) -> tuple[str | None, str | None]:
        """(kode, None) or (None, message)."""
        hasil = self._cache.get(teks)
        if hasil is None:
            kode = self._calon.get(_normal_kategori(teks), set())
            if len(kode) == 1:
                hasil = (next(iter(kode)), None)
            elif kode:
                hasil = (
                    None,
                    f"kategori {_kutip(teks)} ambigu: cocok dengan {', '.join(sorted(kode))}",
                )
            else:
                hasil = (
                    None,
                    f"kategori {_kutip(teks)} tidak dikenal; lihat GET /v1/kategori-pmks",
                )
            self._cache[teks] = hasil
        return hasil


class Pemeriksa:
    """Checks rows one by one (no database): field rules, and what one batch must not hold
    twice. Problems are collected in `salah`."""

    def __init__(
        self,
        kategori: PetaKategori,
        wilayah: Mapping[str, tuple[str, str | None]],  # kode -> (jenis, induk) in the district
        kode_wilayah: str,
    ) -> None:
        self.kategori = kategori
        self.wilayah = wilayah
        self.kode_wilayah = kode_wilayah
        self.hari_ini = datetime.now(WITA).date()
        self.salah: list[Salah] = []
        self._nik_kategori: dict[tuple[str, str], int] = {}
        self._kk_kategori: dict[tuple[str, str], int] = {}
        self._orang: dict[str, tuple[int, list[Any]]] = {}
        self._kepala: dict[str, tuple[int, str]] = {}

    def _bersihkan(self, nilai: Mapping[str, Any], s: list[tuple[str, str]]) -> dict[str, Any]:
        """Column -> trimmed, non-empty text (a date for an Excel TANGGAL_LAHIR cell); what
        cannot be text is reported. One pass over the cells that are there."""
        bersih: dict[str, Any] = {}
        for kolom, v in nilai.items():
            if type(v) is not str:
                if v is None:
                    continue
                if isinstance(v, _AngkaExcel) and kolom in ("nik", "nomor_kk"):
                    s.append(
                        (
                            kolom,
                            "tersimpan sebagai angka di Excel sehingga digit terakhir "
                            "bisa hilang; format kolom sebagai Teks lalu isi ulang",
                        )
                    )
                    continue
                if isinstance(v, date):
                    if kolom == "tanggal_lahir":
                        bersih[kolom] = v
                    else:
                        s.append((kolom, "harus berupa teks, bukan tanggal"))
                    continue
                if not isinstance(v, str):
                    s.append((kolom, "harus berupa teks"))
                    continue
                v = str(v)
            v = v.strip()
            if not v:
                continue
            aturan = _TEKS_BEBAS.get(kolom)
            if aturan is not None:
                if len(v) > aturan[0]:
                    s.append((kolom, f"maksimal {aturan[0]} karakter"))
                    continue
                if aturan[1].search(v):
                    s.append((kolom, "berisi karakter kendali yang tidak diperbolehkan"))
                    continue
            bersih[kolom] = v
        return bersih

    def _tanggal(self, nilai: Any, s: list[tuple[str, str]]) -> date | None:
        if isinstance(nilai, date):
            tanggal = nilai
        else:
            if m := _ISO.match(nilai):
                y, mo, d = int(m[1]), int(m[2]), int(m[3])
            elif m := _HARI_DULU.match(nilai):
                d, mo, y = int(m[1]), int(m[3]), int(m[4])
            else:
                s.append(("tanggal_lahir", "format tanggal harus YYYY-MM-DD atau DD-MM-YYYY"))
                return None
            try:
                tanggal = date(y, mo, d)
            except ValueError:
                s.append(("tanggal_lahir", f"{_kutip(nilai)} bukan tanggal yang sah"))
                return None
        if tanggal > self.hari_ini or tanggal.year < 1900:
            s.append(("tanggal_lahir", "tanggal lahir di luar rentang 1900 sampai hari ini"))
            return None
        return tanggal

    def _kode_wilayah(
        self, teks: str, kolom: str, jenis: tuple[str, ...], s: list[tuple[str, str]]
    ) -> str | None:
        kode = teks.replace(".", "").replace(" ", "")
        data = self.wilayah.get(kode)
        if data is None or data[0] not in jenis:
            nama = "kecamatan" if "kecamatan" in jenis else "desa/kelurahan"
            s.append((kolom, f"{_kutip(teks)} bukan kode {nama} di wilayah {self.kode_wilayah}"))
            return None
        return kode

    def periksa(self, nomor: int, nilai: Mapping[str, Any]) -> Baris | None:
        s: list[tuple[str, str]] = []
        t = self._bersihkan(nilai, s)
        get = t.get
        nik = get("nik")
        if nik is not None and nik[0] == "'":
            # Excel users type a leading apostrophe to keep digits as text; not part of it.
            nik = nik[1:].lstrip()
        nomor_kk = get("nomor_kk")
        if nomor_kk is not None and nomor_kk[0] == "'":
            nomor_kk = nomor_kk[1:].lstrip()
        for kolom in _KOLOM_WAJIB:
            if kolom not in t and not _ada(s, kolom):
                s.append((kolom, "wajib diisi"))
        kategori = None
        keluarga = False
        teks = get("kategori")
        if teks is not None:
            kategori, pesan = self.kategori.cari(teks)
            if pesan is not None:
                s.append(("kategori", pesan))
            else:
                keluarga = self.kategori.sasaran[kategori or ""] == SASARAN_KELUARGA
        jenis_kelamin = teks = get("jenis_kelamin")
        if teks is not None:
            jenis_kelamin = _JENIS_KELAMIN.get(teks.upper())
            if jenis_kelamin is None:
                s.append(("jenis_kelamin", "harus L atau P"))
        tanggal_lahir = get("tanggal_lahir")
        if tanggal_lahir is not None:
            tanggal_lahir = self._tanggal(tanggal_lahir, s)
        hubungan = get("hubungan")
        if hubungan is not None:
            hubungan = "_".join(hubungan.lower().replace("-", " ").split())
            if hubungan not in HUBUNGAN:
                s.append(("hubungan", "harus salah satu dari: " + ", ".join(sorted(HUBUNGAN))))
        kecamatan = desa = None
        if (teks := get("kode_kecamatan")) is not None:
            kecamatan = self._kode_wilayah(teks, "kode_kecamatan", ("kecamatan",), s)
        if (teks := get("kode_desa")) is not None:
            desa = self._kode_wilayah(teks, "kode_desa", ("desa", "kelurahan"), s)
        if desa is not None:
            induk = self.wilayah[desa][1]
            if kecamatan is None and "kode_kecamatan" not in t:
                kecamatan = induk  # the village says which kecamatan it lies in
            elif induk != kecamatan:
                s.append(("kode_desa", f"desa {desa} tidak terletak di kecamatan {kecamatan}"))
        status_hidup = get("status_hidup")
        if status_hidup is not None:
            status_hidup = status_hidup.lower()
            if status_hidup not in _STATUS_HIDUP:
                s.append(("status_hidup", "harus hidup, meninggal, pindah atau hilang"))

        if nik is not None and not _ada(s, "nik"):
            self._periksa_nik(nik, tanggal_lahir, jenis_kelamin, s)
        if nomor_kk is not None:
            s.extend(("nomor_kk", p) for p in periksa_nomor_kk(nomor_kk))
        elif not _ada(s, "nomor_kk"):
            if keluarga:
                s.append(("nomor_kk", f"wajib diisi untuk kategori {kategori} (sasaran keluarga)"))
            if hubungan is not None:
                s.append(("hubungan", "hanya dapat diisi bersama NOMOR_KK"))
        if nik == CONTOH_NIK:
            s.append(("nik", "ini baris contoh dari templat; hapus sebelum mengimpor"))
        if s:
            self.salah.extend(Salah(nomor, k, p) for k, p in s)
            return None

        assert nik is not None and kategori is not None  # for the type checker
        orang = (
            get("nama"),
            jenis_kelamin,
            tanggal_lahir,
            get("tempat_lahir"),
            get("alamat"),
            kecamatan,
            desa,
            nomor_kk,
            status_hidup,
        )
        baris = Baris(nomor, nik, kategori, keluarga, orang, hubungan, get("catatan"))
        return baris if self._dalam_batch(baris) else None

    def _periksa_nik(
        self, nik: str, tanggal: date | None, jenis_kelamin: str | None, s: list[tuple[str, str]]
    ) -> None:
        if not periksa_nik(nik, tanggal, jenis_kelamin):
            return
        # Rare path: tell which column is wrong, the NIK or what disagrees with it.
        dasar = periksa_nik(nik)
        s.extend(("nik", p) for p in dasar)
        if dasar:
            return
        if tanggal is not None:
            s.extend(("tanggal_lahir", p) for p in periksa_nik(nik, tanggal_lahir=tanggal))
        if jenis_kelamin is not None:
            s.extend(("jenis_kelamin", p) for p in periksa_nik(nik, jenis_kelamin=jenis_kelamin))

    def _dalam_batch(self, b: Baris) -> bool:
        """What one batch must not hold twice; True when the row may be kept."""
        s: list[tuple[str, str]] = []
        pertama = self._nik_kategori.get((b.nik, b.kategori))
        if pertama is not None:
            s.append(("nik", f"NIK ini sudah ada di baris {pertama} dengan kategori yang sama"))
        kk = b.orang[I_KK]
        if b.keluarga:
            pertama = self._kk_kategori.get((kk, b.kategori))
            if pertama is not None:
                s.append(
                    (
                        "nomor_kk",
                        f"keluarga dengan nomor KK ini sudah dilaporkan di baris "
                        f"{pertama} untuk kategori yang sama",
                    )
                )
        sebelum = self._orang.get(b.nik)
        if sebelum is not None:
            nomor, data = sebelum
            for i, nilai in enumerate(b.orang):
                if nilai is not None and data[i] is not None and data[i] != nilai:
                    s.append((KOLOM_ORANG[i], f"berbeda dengan baris {nomor} untuk NIK yang sama"))
        if b.hubungan == KEPALA:
            kepala = self._kepala.get(kk)
            if kepala is not None and kepala[1] != b.nik:
                s.append(
                    ("hubungan", f"keluarga ini sudah punya kepala keluarga di baris {kepala[0]}")
                )
        if s:
            self.salah.extend(Salah(b.nomor, k, p) for k, p in s)
            return False
        self._nik_kategori[(b.nik, b.kategori)] = b.nomor
        if b.keluarga:
            self._kk_kategori[(kk, b.kategori)] = b.nomor
        if sebelum is None:
            self._orang[b.nik] = (b.nomor, list(b.orang))
        else:
            data = sebelum[1]
            for i, nilai in enumerate(b.orang):
                if nilai is not None:
                    data[i] = nilai
        if b.hubungan == KEPALA:
            self._kepala[kk] = (b.nomor, b.nik)
        return True
