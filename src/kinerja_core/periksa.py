"""The report checker: take a performance report (LKIP) as printed, return every discrepancy.

:func:`periksa_laporan` recomputes every number a report prints from the inputs the report
itself prints, and returns a :class:`Temuan` (finding) for each one that does not follow:

* a capaian that is not realisasi ÷ target × 100 (or the *turun* formula), a rating (kriteria)
  that does not match the scale (Permendagri 86/2017, LKIP Tabel 3.1), a goal or overall total
  that is not the simple mean of its parts (LKIP sec 3.1: "metode rata-rata sederhana");
* a percentage (absorption, measurement ratio) that does not follow from its amounts;
* a budget line whose children do not add up to it, a grand total that is not the sum of the
  programs (DESIGN.md: parents are sums of children, exact, no tolerance on money);
* an efficiency with the wrong sign or from the wrong inputs (DESIGN.md: efisiensi =
  capaian − penyerapan, signed);
* the same budget line, or the same indicator's target, printed differently in two tables;
* blank cells (a blank is never read as 0), physical realisation without spending, and
  narrative statements whose numbers contradict the tables.

The input (:class:`Laporan` and the dataclasses it holds) is plain frozen dataclasses with
simple field types, so it can be built by hand, loaded from JSON with
:func:`laporan_dari_dict`, or validated by pydantic as an HTTP request body. A printed value
that is blank or ``-`` is ``None``, never 0. Every printed row carries ``lokasi`` (where it is
printed, e.g. ``"Tabel 3.9"``) so that a finding can say where to look.

Comparing a printed percentage with the recomputed exact value (:func:`_bandingkan`): the
printed value ``p``, printed with ``d`` decimal places, is consistent with the exact value
``x`` when

1. ``p`` is ``x`` rounded half-up to ``d`` places (``bulatkan(x, d) == p``), and
2. ``|x − p| <= toleransi`` (default 0.01; for a statement printed to fewer places, e.g. one,
   at least half a unit of that place).

Rule 1 alone accepts '52' for 51.9446 (a whole-number rounding, oracle B9); rule 2 alone
accepts '88,32' for 88.3268 (a truncation, oracle B5). Together they accept '100' for 99.9973
(oracle T4/T5) and '97,10' for 97.095 (T1) but neither B5 nor B9. Because trailing zeros only
lower ``d``, a value that lost them in transit (JSON ``97.1`` for a printed '97,10') still
passes. Failing only rule 1 is a rounding finding (``pembulatan_tidak_sesuai``), failing rule 2
a value finding.

Principles:

* Each printed error is reported where it is printed. Values a table quotes from another table
  (the capaian in Tabel 3.8, the absorption in an efficiency sentence, a realisation in the
  narrative) are compared with the other table's *printed* value, so one wrong cell does not
  cascade into findings everywhere it is quoted.
* Totals are compared with the mean (or sum) of the *recomputed* parts; a total that equals the
  mean of wrong printed parts is still wrong (oracle B4). A mean of the parts rounded to 2
  places is accepted as well (e.g. (100 + 98.13) / 2 = 99.065 → 99.07).
* Sums of money are exact. A part that is blank makes its sum unknown: the blank is reported,
  the sum is not checked (oracle B23).
* Findings come in a fixed order: the sections in the order of :class:`Laporan`'s fields, rows
  in the order given.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import Enum, StrEnum
from typing import Any, overload

from kinerja_core.angka import bulatkan, format_angka, ke_decimal, konteks_hitung
from kinerja_core.rumus import (
    Arah,
    CaraGabung,
    Hasil,
    MetodeTurun,
    efisiensi,
    gabung_komponen,
    hitung_capaian,
    hitung_penyerapan,
    hitung_rasio,
    jumlah,
    rasio,
    rata_rata,
)
from kinerja_core.skala import SKALA_PERMENDAGRI_86_2017, Skala

__all__ = [
    "BarisAnggaran",
    "BarisEfisiensi",
    "BesaranIndikator",
    "IndikatorTercetak",
    "JenisTemuan",
    "KomponenPengukuran",
    "Laporan",
    "NilaiTercetak",
    "PenyebutanTarget",
    "PernyataanIndikator",
    "PernyataanKriteria",
    "PernyataanRasio",
    "Rincian",
    "RincianJumlah",
    "SasaranTercetak",
    "TabelAnggaran",
    "TabelIku",
    "TabelPengukuran",
    "Temuan",
    "TingkatAnggaran",
    "TotalTahunan",
    "laporan_dari_dict",
    "periksa_laporan",
]


# === input: the report as printed ==========================================================


class TingkatAnggaran(StrEnum):
    """Level of a budget line (Permendagri 90/2019 nomenclature)."""

    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"


class BesaranIndikator(StrEnum):
    """Which value of an indicator a narrative statement quotes."""

    REALISASI = "realisasi"
    CAPAIAN = "capaian"


@dataclass(frozen=True)
class IndikatorTercetak:
    """One indicator row of a performance table (LKIP Tabel 3.2 / 3.4).

    Attributes:
        lokasi: where the row is printed, e.g. ``"Tabel 3.4"``.
        nama: the indicator's name as printed.
        target: the target.
        realisasi: the realisation (the measured value of the indicator). When the table prints
            no realisation column, take it from the table that measures the indicator.
        capaian_tercetak: the printed capaian (achievement, %).
        kriteria_tercetak: the printed rating label, e.g. ``"Baik"``.
        arah: ``naik`` (higher is better) or ``turun`` (lower is better).
        metode_turun: the formula for a ``turun`` indicator (see ``MetodeTurun``).
        kode: a stable key for the indicator (e.g. ``"IKU1"``). Names drift between tables
            (oracle B28), so rows are linked only by ``kode``: to the measurement table of the
            same ``kode``, to targets stated elsewhere, to efficiency rows and statements.
    """

    lokasi: str
    nama: str
    target: Decimal | None = None
    realisasi: Decimal | None = None
    capaian_tercetak: Decimal | None = None
    kriteria_tercetak: str | None = None
    arah: Arah = Arah.NAIK
    metode_turun: MetodeTurun | None = None
    kode: str | None = None


@dataclass(frozen=True)
class SasaranTercetak:
    """A strategic goal (sasaran) with its indicators, and its printed total, if any."""

    lokasi: str
    nama: str
    indikator: tuple[IndikatorTercetak, ...] = ()
    capaian_tercetak: Decimal | None = None
    kriteria_tercetak: str | None = None


@dataclass(frozen=True)
class TabelIku:
    """A table of goals and indicators with their capaian (LKIP Tabel 3.2, 3.4).

    Attributes:
        total_tercetak: the printed overall total ("TOTAL CAPAIAN KINERJA"): the simple mean
            of the goals' achievements (LKIP sec 3.1).
        kriteria_total_tercetak: the printed rating of the total.
        batas_atas: cap each value at this before averaging (e.g. 100), if the report does so;
            off by default (DESIGN.md).
    """

    lokasi: str
    nama: str = ""
    sasaran: tuple[SasaranTercetak, ...] = ()
    total_tercetak: Decimal | None = None
    kriteria_total_tercetak: str | None = None
    batas_atas: Decimal | None = None


@dataclass(frozen=True)
class Rincian:
    """One listed item of a breakdown: a name and a count or amount."""

    nama: str
    jumlah: Decimal | None = None


@dataclass(frozen=True)
class KomponenPengukuran:
    """One numerator/denominator pair of a measurement table (LKIP Tabel 3.5 / 3.6).

    Attributes:
        persen_tercetak: the printed pembilang ÷ penyebut × 100.
        rincian_pembilang, rincian_penyebut: the breakdowns of numerator and denominator given
            in the narrative (e.g. 55 TAGANA + 72 TKSK + 100 penyuluh sosial = 227). Each must
            add up, and both must list the same categories (oracle B24).
        penyebut_rencana: the planned denominator when the narrative states one that differs
            from the one used (e.g. a target of 335 KUBE, of which 220 applied; oracle B25).
    """

    lokasi: str
    nama: str
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    persen_tercetak: Decimal | None = None
    rincian_pembilang: tuple[Rincian, ...] = ()
    rincian_penyebut: tuple[Rincian, ...] = ()
    penyebut_rencana: Decimal | None = None


@dataclass(frozen=True)
class TabelPengukuran:
    """The measurement of one indicator by one or more numerator/denominator pairs.

    Attributes:
        total_tercetak: the printed result for the indicator.
        cara_gabung: how the pairs combine (mean of ratios or pooled ratio, DESIGN.md); ``None``
            when the report does not say, and then either is accepted.
        kode: the indicator's key; links the table to the indicator rows of the same ``kode``.
    """

    lokasi: str
    nama: str
    komponen: tuple[KomponenPengukuran, ...] = ()
    total_tercetak: Decimal | None = None
    cara_gabung: CaraGabung | None = None
    kode: str | None = None


@dataclass(frozen=True)
class NilaiTercetak:
    """A printed value of one indicator (e.g. a previous year's realisation)."""

    lokasi: str
    nama: str
    nilai: Decimal | None = None


@dataclass(frozen=True)
class TotalTahunan:
    """A year's printed total and the indicator values it should be the mean of (Tabel 3.7)."""

    lokasi: str
    nama: str
    tahun: int
    total_tercetak: Decimal | None = None
    nilai: tuple[NilaiTercetak, ...] = ()


@dataclass(frozen=True)
class BarisEfisiensi:
    """An efficiency statement: capaian, penyerapan and their printed difference.

    A row of LKIP Tabel 3.8, or a narrative sentence ("capaian kinerja 94,16% dan capaian
    anggaran 88,32% maka ... efisiensi 5,84%"). efisiensi = capaian − penyerapan, signed
    (DESIGN.md).

    The inputs are checked against their sources when the row says what they are:

    Attributes:
        indikator: the printed indicator name (information only).
        kode_indikator: the capaian should be the printed capaian of this indicator.
        kode_anggaran: the penyerapan should be that of the budget line with this ``kode``.
        pagu, realisasi: the amounts behind the penyerapan, if the row prints them.
        keseluruhan: the statement is about the whole report: the capaian should be the
            overall total of the first performance table, the penyerapan the grand total of the
            budget (oracle B7).
    """

    lokasi: str
    nama: str
    capaian_tercetak: Decimal | None = None
    penyerapan_tercetak: Decimal | None = None
    efisiensi_tercetak: Decimal | None = None
    indikator: str | None = None
    kode_indikator: str | None = None
    kode_anggaran: str | None = None
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    keseluruhan: bool = False


@dataclass(frozen=True)
class BarisAnggaran:
    """One budget line: pagu, realisasi, printed absorption and physical realisation.

    Attributes:
        persen_tercetak: the printed realisasi ÷ pagu × 100.
        realisasi_fisik: the printed physical realisation (%).
        kode: a stable key for the line, the same in every table that prints it (e.g.
            ``"1.4"`` for program 1, kegiatan 4); used to compare tables.
        induk: the parent line in the same table: its ``kode``, or its ``nama`` when the rows
            carry no ``kode``. A parent's pagu and realisasi are the sums of its children's.
    """

    lokasi: str
    nama: str
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    persen_tercetak: Decimal | None = None
    realisasi_fisik: Decimal | None = None
    tingkat: TingkatAnggaran | None = None
    kode: str | None = None
    induk: str | None = None


@dataclass(frozen=True)
class TabelAnggaran:
    """A budget tree as printed in one place (e.g. Tabel 3.9–3.15, or a summary table).

    Attributes:
        memuat_realisasi: ``False`` for a table that prints only pagu (e.g. a Perjanjian
            Kinerja): then a missing realisasi is not a blank cell.
        lokasi_total: where the grand total is printed.
        pagu_total_tercetak, realisasi_total_tercetak, persen_total_tercetak: the printed grand
            total; it should be the sum of the top-level lines (those without ``induk``).
    """

    lokasi: str
    nama: str
    baris: tuple[BarisAnggaran, ...] = ()
    memuat_realisasi: bool = True
    lokasi_total: str | None = None
    pagu_total_tercetak: Decimal | None = None
    realisasi_total_tercetak: Decimal | None = None
    persen_total_tercetak: Decimal | None = None


@dataclass(frozen=True)
class PenyebutanTarget:
    """An indicator's target as stated somewhere (a Perjanjian Kinerja table, the narrative).

    Every statement of the target of the same ``kode`` must agree (oracle B27); the indicator
    rows of the performance tables count as statements too, and come first.
    """

    lokasi: str
    nama: str
    kode: str
    target: Decimal | None = None


@dataclass(frozen=True)
class RincianJumlah:
    """A stated total and the listed counts it is made of (e.g. 42 migrants by origin)."""

    lokasi: str
    nama: str
    total_tercetak: Decimal | None = None
    rincian: tuple[Rincian, ...] = ()


@dataclass(frozen=True)
class PernyataanIndikator:
    """A narrative statement of an indicator's value ("IKU ... telah tercapai 94,16%").

    It should equal the indicator's printed realisasi (or capaian) in the first performance
    table row with the same ``kode``.
    """

    lokasi: str
    nama: str
    kode: str
    nilai_tercetak: Decimal | None = None
    besaran: BesaranIndikator = BesaranIndikator.REALISASI


@dataclass(frozen=True)
class PernyataanKriteria:
    """A narrative rating of a value ("Nilai 76,40 ... (Sangat Baik)"), checked on the scale."""

    lokasi: str
    nama: str
    nilai: Decimal | None = None
    kriteria_tercetak: str | None = None


@dataclass(frozen=True)
class PernyataanRasio:
    """A printed share, e.g. "84 orang (53,1%)" of 158.

    Attributes:
        tempat: the decimal places the statement is printed with (1 for "53,1%"); the printed
            value must be the half-up rounding to that many places.
    """

    lokasi: str
    nama: str
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    persen_tercetak: Decimal | None = None
    tempat: int = 2


@dataclass(frozen=True)
class Laporan:
    """A performance report (LKIP) as printed: every section is optional.

    Build it by hand, with :func:`laporan_dari_dict` from JSON, or let pydantic validate it.
    """

    nama: str = ""
    tabel_iku: tuple[TabelIku, ...] = ()
    pengukuran: tuple[TabelPengukuran, ...] = ()
    perbandingan_tahun: tuple[TotalTahunan, ...] = ()
    efisiensi: tuple[BarisEfisiensi, ...] = ()
    anggaran: tuple[TabelAnggaran, ...] = ()
    target_indikator: tuple[PenyebutanTarget, ...] = ()
    rincian_jumlah: tuple[RincianJumlah, ...] = ()
    pernyataan_indikator: tuple[PernyataanIndikator, ...] = ()
    pernyataan_kriteria: tuple[PernyataanKriteria, ...] = ()
    pernyataan_rasio: tuple[PernyataanRasio, ...] = ()


def _masukan(tipe: type) -> Iterable[type]:
    """Every dataclass a report is built of."""
    yield tipe
    for hint in typing.get_type_hints(tipe).values():
        for arg in (hint, *typing.get_args(hint)):
            if isinstance(arg, type) and dataclasses.is_dataclass(arg):
                yield from _masukan(arg)


# A report's parts refuse unknown fields, as `laporan_dari_dict` does: a misspelt table
# (`tabel_ikuu`) is a mistake to name, not a table to skip. Declared as a plain mapping that
# pydantic reads when it validates these dataclasses (no import of pydantic here).
for _tipe in set(_masukan(Laporan)):
    _tipe.__pydantic_config__ = {"extra": "forbid"}  # type: ignore[attr-defined]


# === output: findings ======================================================================


class JenisTemuan(StrEnum):
    """Kinds of findings."""

    CAPAIAN_TIDAK_SESUAI = "capaian_tidak_sesuai"
    KRITERIA_TIDAK_SESUAI = "kriteria_tidak_sesuai"
    RATA_RATA_TIDAK_SESUAI = "rata_rata_tidak_sesuai"
    PERSEN_TIDAK_SESUAI = "persen_tidak_sesuai"
    PEMBULATAN_TIDAK_SESUAI = "pembulatan_tidak_sesuai"
    JUMLAH_ANAK_TIDAK_SESUAI = "jumlah_anak_tidak_sesuai"
    TOTAL_TIDAK_SESUAI = "total_tidak_sesuai"
    TANDA_EFISIENSI_SALAH = "tanda_efisiensi_salah"
    EFISIENSI_TIDAK_SESUAI = "efisiensi_tidak_sesuai"
    INPUT_EFISIENSI_TIDAK_SESUAI = "input_efisiensi_tidak_sesuai"
    ANGGARAN_ANTAR_TABEL_BERBEDA = "anggaran_antar_tabel_berbeda"
    TARGET_ANTAR_TABEL_BERBEDA = "target_antar_tabel_berbeda"
    NILAI_ANTAR_TABEL_BERBEDA = "nilai_antar_tabel_berbeda"
    REALISASI_FISIK_TANPA_REALISASI_KEUANGAN = "realisasi_fisik_tanpa_realisasi_keuangan"
    NILAI_KOSONG = "nilai_kosong"
    TIDAK_DAPAT_DIHITUNG = "tidak_dapat_dihitung"
    KOMPOSISI_TIDAK_SEPADAN = "komposisi_tidak_sepadan"
    PENYEBUT_BERBEDA_DARI_RENCANA = "penyebut_berbeda_dari_rencana"
    JUMLAH_RINCIAN_TIDAK_SESUAI = "jumlah_rincian_tidak_sesuai"
    PERNYATAAN_TIDAK_SESUAI = "pernyataan_tidak_sesuai"
    RUJUKAN_TIDAK_DITEMUKAN = "rujukan_tidak_ditemukan"


@dataclass(frozen=True, kw_only=True)
class Temuan:
    """One discrepancy in a printed report.

    Attributes:
        jenis: the kind of finding.
        lokasi: where the wrong value is printed.
        nama: the row (indicator, budget line, statement) it is about.
        nilai_tercetak: the printed value, if the finding is about a number.
        nilai_seharusnya: the value that follows from the report's own inputs (percentages
            rounded to 2 places half-up; money exact), if there is one.
        selisih: nilai_tercetak − nilai_seharusnya, when both are known.
        teks_tercetak, teks_seharusnya: the printed and the correct label (ratings).
        penjelasan: an explanation for an operator, in Indonesian, citing the numbers.
    """

    jenis: JenisTemuan
    lokasi: str
    nama: str
    nilai_tercetak: Decimal | None = None
    nilai_seharusnya: Decimal | None = None
    selisih: Decimal | None = None
    teks_tercetak: str | None = None
    teks_seharusnya: str | None = None
    penjelasan: str


# === the checker ===========================================================================


@overload
def periksa_laporan(
    laporan: Laporan,
    *,
    toleransi: Decimal = ...,
    skala: Skala = ...,
) -> list[Temuan]: ...
@overload
def periksa_laporan(
    laporan: None,
    *,
    toleransi: Decimal = ...,
    skala: Skala = ...,
) -> None: ...


def periksa_laporan(
    laporan: Laporan | None,
    *,
    toleransi: Decimal = Decimal("0.01"),
    skala: Skala = SKALA_PERMENDAGRI_86_2017,
) -> list[Temuan] | None:
    """Every discrepancy in a report as printed, in a fixed order.

    Args:
        laporan: the report as printed.
        toleransi: the largest accepted difference between a printed percentage and the exact
            recomputed value (money is always compared exactly); see the module docstring for
            the full rule.
        skala: the rating scale (default Permendagri 86/2017, LKIP Tabel 3.1).

    Returns:
        The findings: the sections in the order of :class:`Laporan`'s fields, rows in the
        order given. An empty list means the report is consistent; ``None`` when there is no
        report (``None``), as every function of the library gives ``None`` for ``None``.
    """
    if toleransi is None:
        raise TypeError("toleransi wajib berupa angka")
    if laporan is None:
        return None
    with localcontext(konteks_hitung()):
        k = _Konteks(laporan, ke_decimal(toleransi), skala)
        temuan: list[Temuan] = []
        for tabel_iku in laporan.tabel_iku:
            temuan += _periksa_tabel_iku(tabel_iku, k)
        for tabel_ukur in laporan.pengukuran:
            temuan += _periksa_pengukuran(tabel_ukur, k)
        for total in laporan.perbandingan_tahun:
            temuan += _periksa_total_tahunan(total, k)
        for baris_efisiensi in laporan.efisiensi:
            temuan += _periksa_efisiensi(baris_efisiensi, k)
        for tabel_anggaran in laporan.anggaran:
            temuan += _periksa_tabel_anggaran(tabel_anggaran, k)
        temuan += _periksa_anggaran_antar_tabel(laporan.anggaran)
        temuan += _periksa_target(laporan)
        for daftar in laporan.rincian_jumlah:
            temuan += _periksa_rincian_jumlah(daftar)
        for pernyataan in laporan.pernyataan_indikator:
            temuan += _periksa_pernyataan_indikator(pernyataan, k)
        for kriteria in laporan.pernyataan_kriteria:
            temuan += _periksa_pernyataan_kriteria(kriteria, k)
        for bagian in laporan.pernyataan_rasio:
            temuan += _periksa_pernyataan_rasio(bagian, k)
        return temuan


@dataclass(frozen=True)
class _Konteks:
    laporan: Laporan
    toleransi: Decimal
    skala: Skala


# --- comparing and formatting ---------------------------------------------------------------


class _Banding(Enum):
    COCOK = "cocok"
    PEMBULATAN = "pembulatan"  # close enough, but not the half-up rounding of the exact value
    BEDA = "beda"


def _tempat_tercetak(nilai: Decimal) -> int:
    """Decimal places a value is printed with ("97.10" → 2, "52" → 0)."""
    eksponen = nilai.as_tuple().exponent
    return max(0, -eksponen) if isinstance(eksponen, int) else 0


def _bandingkan(
    tercetak: Decimal, calon: Iterable[Decimal], toleransi: Decimal, tempat: int = 2
) -> _Banding:
    """Compare a printed value with the exact candidates (module docstring: the rule).

    ``tempat`` is the precision the report uses for this value; the tolerance is at least half
    a unit of it. The printed value is consistent if it is consistent with any candidate.
    """
    batas = max(toleransi, Decimal(5).scaleb(-(tempat + 1)))
    d = _tempat_tercetak(tercetak)
    hasil = _Banding.BEDA
    for x in calon:
        dekat = abs(x - tercetak) <= batas
        if dekat and bulatkan(x, d) == tercetak:
            return _Banding.COCOK
        if dekat:
            hasil = _Banding.PEMBULATAN
    return hasil


def _cocok(tercetak: Decimal, acuan: Decimal, k: _Konteks) -> bool:
    return _bandingkan(tercetak, [acuan], k.toleransi) is _Banding.COCOK


def _teks(nilai: Decimal) -> str:
    """A value as printed, in Indonesian notation (96,51; 36.157.206.342)."""
    return format_angka(nilai, None)


def _tampil(nilai: Decimal) -> str:
    """A value for an explanation: as printed if it has at most 2 places, else rounded."""
    return _teks(nilai) if _tempat_tercetak(nilai) <= 2 else _p(nilai)


def _p(nilai: Decimal, tempat: int = 2) -> str:
    """A computed percentage for an explanation, rounded half-up."""
    return format_angka(nilai, tempat)


def _rinci(nilai: Decimal) -> str:
    """An exact value with up to 4 places as it is (97,095), a longer one cut (88,3268…)."""
    if _tempat_tercetak(nilai.normalize()) <= 4:
        return _teks(nilai.normalize())
    return f"{_p(nilai, 4)}…"


def _daftar(nilai: Iterable[Decimal]) -> str:
    return "; ".join(_p(x) for x in nilai)


def _kunci(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def _gabung_lokasi(lokasi: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(lokasi))


def _temuan(
    jenis: JenisTemuan,
    lokasi: str,
    nama: str,
    penjelasan: str,
    *,
    tercetak: Decimal | None = None,
    seharusnya: Decimal | None = None,
    teks_tercetak: str | None = None,
    teks_seharusnya: str | None = None,
) -> Temuan:
    selisih = None if tercetak is None or seharusnya is None else tercetak - seharusnya
    return Temuan(
        jenis=jenis,
        lokasi=lokasi,
        nama=nama,
        nilai_tercetak=tercetak,
        nilai_seharusnya=seharusnya,
        selisih=selisih,
        teks_tercetak=teks_tercetak,
        teks_seharusnya=teks_seharusnya,
        penjelasan=penjelasan,
    )


def _periksa_persen(
    *,
    lokasi: str,
    nama: str,
    label: str,
    tercetak: Decimal,
    hasil: Hasil,
    rumus: str,
    jenis: JenisTemuan,
    k: _Konteks,
    calon_lain: Sequence[Decimal] = (),
    tempat: int = 2,
    catatan: str = "",
) -> list[Temuan]:
    """Check one printed percentage against its recomputed value (and accepted alternatives).

    ``rumus`` describes the computation for the explanation, e.g. "realisasi 100 ÷ target 90
    × 100"; ``label`` names the value ("Capaian", "Persentase").
    """
    if hasil.nilai is None:
        return [
            _temuan(
                JenisTemuan.TIDAK_DAPAT_DIHITUNG,
                lokasi,
                nama,
                f"{label} dicetak {_teks(tercetak)}, padahal {hasil.alasan}.",
                tercetak=tercetak,
            )
        ]
    x = hasil.nilai
    banding = _bandingkan(tercetak, [x, *calon_lain], k.toleransi, tempat)
    if banding is _Banding.COCOK:
        return []
    benar = bulatkan(x, tempat)
    if banding is _Banding.PEMBULATAN:
        return [
            _temuan(
                JenisTemuan.PEMBULATAN_TIDAK_SESUAI,
                lokasi,
                nama,
                f"{label} dicetak {_teks(tercetak)}, padahal {rumus} = {_rinci(x)}, yang "
                f"dibulatkan ({tempat} desimal, setengah ke atas) menjadi {_teks(benar)}.",
                tercetak=tercetak,
                seharusnya=benar,
            )
        ]
    penjelasan = f"{label} dicetak {_teks(tercetak)}, padahal {rumus} = {_p(x, tempat)}."
    d = _tempat_tercetak(tercetak)
    if d < tempat and bulatkan(x, d) == tercetak:
        penjelasan += (
            f" Angka tercetak adalah pembulatan ke {d} desimal, sedangkan laporan memakai "
            f"{tempat} desimal."
        )
    return [_temuan(jenis, lokasi, nama, penjelasan + catatan, tercetak=tercetak, seharusnya=benar)]


# --- performance tables (IKU) ---------------------------------------------------------------


def _pengukuran_untuk(kode: str | None, k: _Konteks) -> TabelPengukuran | None:
    if kode is None:
        return None
    return next((t for t in k.laporan.pengukuran if t.kode == kode), None)


def _nilai_pengukuran(tabel: TabelPengukuran) -> list[Decimal]:
    """The exact result(s) of a measurement table: both ways of combining when unspecified."""
    pasangan = [(c.pembilang, c.penyebut) for c in tabel.komponen]
    if not pasangan:
        return []
    cara = (
        [tabel.cara_gabung]
        if tabel.cara_gabung is not None
        else [CaraGabung.RATA_RATA, CaraGabung.GABUNGAN]
    )
    hasil = [gabung_komponen(pasangan, c) for c in cara]
    return [x for x in hasil if x is not None]


def _rumus_capaian(ind: IndikatorTercetak) -> str:
    r, t = _teks(ind.realisasi or Decimal(0)), _teks(ind.target or Decimal(0))
    if ind.arah == Arah.NAIK:
        return f"realisasi {r} ÷ target {t} × 100"
    if ind.metode_turun == MetodeTurun.RASIO:
        return f"target {t} ÷ realisasi {r} × 100 (indikator turun, metode rasio)"
    return f"(2 × target {t} − realisasi {r}) ÷ target {t} × 100 (indikator turun)"


def _capaian_indikator(ind: IndikatorTercetak) -> Hasil:
    return hitung_capaian(ind.realisasi, ind.target, ind.arah, ind.metode_turun)


def _nilai_indikator(ind: IndikatorTercetak) -> Decimal | None:
    """The capaian an indicator contributes to its goal's mean: recomputed, else as printed."""
    nilai = _capaian_indikator(ind).nilai
    return nilai if nilai is not None else ind.capaian_tercetak


def _periksa_indikator(ind: IndikatorTercetak, k: _Konteks) -> list[Temuan]:
    temuan: list[Temuan] = []
    hasil = _capaian_indikator(ind)
    kurang = ind.realisasi is None or ind.target is None
    if kurang and ind.capaian_tercetak is None:
        temuan.append(
            _temuan(
                JenisTemuan.NILAI_KOSONG,
                ind.lokasi,
                ind.nama,
                f"Capaian tidak dicetak dan tidak dapat dihitung: {hasil.alasan}. Indikator "
                "ini tidak diikutkan dalam rata-rata (nilai kosong tidak dibaca sebagai 0).",
            )
        )
    elif not kurang and ind.capaian_tercetak is not None:
        pengukuran = _pengukuran_untuk(ind.kode, k)
        calon_lain: list[Decimal] = []
        if pengukuran is not None:
            # The capaian may also be computed from the unrounded measurement (oracle B2).
            for ukur in _nilai_pengukuran(pengukuran):
                lain = hitung_capaian(ukur, ind.target, ind.arah, ind.metode_turun).nilai
                if lain is not None:
                    calon_lain.append(lain)
        catatan = ""
        if ind.capaian_tercetak == ind.realisasi and ind.realisasi != ind.target:
            catatan = (
                " Angka yang dicetak sama dengan realisasinya: kolom capaian tampaknya berisi "
                "realisasi, bukan realisasi dibandingkan dengan target."
            )
        temuan += _periksa_persen(
            lokasi=ind.lokasi,
            nama=ind.nama,
            label="Capaian",
            tercetak=ind.capaian_tercetak,
            hasil=hasil,
            rumus=_rumus_capaian(ind),
            jenis=JenisTemuan.CAPAIAN_TIDAK_SESUAI,
            k=k,
            calon_lain=calon_lain,
            catatan=catatan,
        )
    temuan += _periksa_kriteria(
        ind.lokasi, ind.nama, ind.kriteria_tercetak, _nilai_indikator(ind), "capaian", k
    )
    temuan += _periksa_realisasi_vs_pengukuran(ind, k)
    return temuan


def _periksa_realisasi_vs_pengukuran(ind: IndikatorTercetak, k: _Konteks) -> list[Temuan]:
    """The realisation should be what the indicator's measurement table prints."""
    pengukuran = _pengukuran_untuk(ind.kode, k)
    if pengukuran is None or ind.realisasi is None:
        return []
    if pengukuran.total_tercetak is not None:
        acuan = pengukuran.total_tercetak
    else:
        hasil = _nilai_pengukuran(pengukuran)
        if not hasil:
            return []
        acuan = bulatkan(hasil[0])
    if _cocok(ind.realisasi, acuan, k):
        return []
    return [
        _temuan(
            JenisTemuan.NILAI_ANTAR_TABEL_BERBEDA,
            ind.lokasi,
            ind.nama,
            f"Realisasi dicetak {_teks(ind.realisasi)}, padahal tabel pengukurannya "
            f"({pengukuran.lokasi}) menghasilkan {_teks(acuan)}.",
            tercetak=ind.realisasi,
            seharusnya=acuan,
        )
    ]


def _periksa_kriteria(
    lokasi: str,
    nama: str,
    tercetak: str | None,
    nilai: Decimal | None,
    apa: str,
    k: _Konteks,
    catatan: str = "",
) -> list[Temuan]:
    """A printed rating must be the scale's rating of the (recomputed) value."""
    if tercetak is None or nilai is None:
        return []
    benar = k.skala.klasifikasi(nilai)
    if _kunci(benar.label) == _kunci(tercetak):
        return []
    penjelasan = (
        f"Kriteria dicetak '{tercetak}', padahal {apa} {_p(nilai)} termasuk '{benar.label}' "
        f"menurut {k.skala.nama}."
    )
    if k.skala.cari(tercetak) is None:
        penjelasan += f" Label '{tercetak}' tidak ada pada skala tersebut."
    return [
        _temuan(
            JenisTemuan.KRITERIA_TIDAK_SESUAI,
            lokasi,
            nama,
            penjelasan + catatan,
            teks_tercetak=tercetak,
            teks_seharusnya=benar.label,
        )
    ]


@dataclass(frozen=True)
class _Rata:
    """A recomputed mean: ``calon[0]`` is exact; the mean of the parts rounded to 2 places is
    accepted as well ((100 + 98.13) / 2 = 99.065 → 99.07)."""

    calon: tuple[Decimal, ...]
    bagian: tuple[Decimal, ...]

    @property
    def tepat(self) -> Decimal:
        return self.calon[0]


def _rata(nilai: Sequence[Decimal], batas_atas: Decimal | None) -> _Rata | None:
    tepat = rata_rata(nilai, batas_atas)
    if tepat is None:
        return None
    dari_bulat = rata_rata([bulatkan(x) for x in nilai], batas_atas)
    calon = (tepat,) if dari_bulat is None else (tepat, dari_bulat)
    return _Rata(calon, tuple(nilai))


def _periksa_rata(
    *,
    lokasi: str,
    nama: str,
    tercetak: Decimal | None,
    kriteria_tercetak: str | None,
    rata: _Rata,
    bagian: str,
    tercetak_bagian: Sequence[Decimal],
    k: _Konteks,
) -> list[Temuan]:
    """A printed total (and its rating) against the mean of its recomputed parts."""
    temuan: list[Temuan] = []
    if tercetak is not None:
        banding = _bandingkan(tercetak, rata.calon, k.toleransi)
        if banding is not _Banding.COCOK:
            benar = bulatkan(rata.tepat)
            penjelasan = (
                f"Total dicetak {_teks(tercetak)}, padahal rata-rata {bagian} "
                f"({_daftar(rata.bagian)}) = {_teks(benar)}."
            )
            semu = rata_rata(tercetak_bagian)
            if (
                banding is _Banding.BEDA
                and semu is not None
                and len(tercetak_bagian) == len(rata.bagian)
                and _bandingkan(tercetak, [semu], k.toleransi) is _Banding.COCOK
            ):
                penjelasan += (
                    f" Angka tercetak adalah rata-rata nilai yang dicetak di kolom capaian "
                    f"({'; '.join(_teks(x) for x in tercetak_bagian)}), yang sendiri tidak sesuai."
                )
            jenis = (
                JenisTemuan.PEMBULATAN_TIDAK_SESUAI
                if banding is _Banding.PEMBULATAN
                else JenisTemuan.RATA_RATA_TIDAK_SESUAI
            )
            temuan.append(
                _temuan(jenis, lokasi, nama, penjelasan, tercetak=tercetak, seharusnya=benar)
            )
    temuan += _periksa_kriteria(lokasi, nama, kriteria_tercetak, rata.tepat, "total", k)
    return temuan


def _periksa_tabel_iku(tabel: TabelIku, k: _Konteks) -> list[Temuan]:
    temuan: list[Temuan] = []
    per_sasaran: list[tuple[SasaranTercetak, _Rata]] = []
    for sasaran in tabel.sasaran:
        for ind in sasaran.indikator:
            temuan += _periksa_indikator(ind, k)
        nilai = [x for x in map(_nilai_indikator, sasaran.indikator) if x is not None]
        rata = _rata(nilai, tabel.batas_atas)
        if rata is None:
            if sasaran.indikator:
                temuan.append(
                    _temuan(
                        JenisTemuan.NILAI_KOSONG,
                        sasaran.lokasi,
                        sasaran.nama,
                        "Tidak satu pun indikator sasaran ini memiliki capaian: capaian sasaran "
                        "tidak dapat dihitung dan tidak diikutkan dalam rata-rata keseluruhan.",
                    )
                )
            continue
        per_sasaran.append((sasaran, rata))
        temuan += _periksa_rata(
            lokasi=sasaran.lokasi,
            nama=sasaran.nama,
            tercetak=sasaran.capaian_tercetak,
            kriteria_tercetak=sasaran.kriteria_tercetak,
            rata=rata,
            bagian="capaian indikatornya",
            tercetak_bagian=_capaian_tercetak(sasaran),
            k=k,
        )
    # The overall achievement is the simple mean over goals (LKIP sec 3.1); with a single goal
    # it is that goal's mean, explained with the indicators' values.
    keseluruhan: _Rata | None
    if len(tabel.sasaran) == 1 and per_sasaran:
        sasaran, keseluruhan = per_sasaran[0]
        bagian, tercetak_bagian = "capaian indikator", _capaian_tercetak(sasaran)
    else:
        keseluruhan = _rata([r.tepat for _, r in per_sasaran], tabel.batas_atas)
        bagian = "capaian sasaran"
        tercetak_bagian = [
            s.capaian_tercetak for s, _ in per_sasaran if s.capaian_tercetak is not None
        ]
    if keseluruhan is not None:
        temuan += _periksa_rata(
            lokasi=tabel.lokasi,
            nama=f"TOTAL {tabel.nama}".strip(),
            tercetak=tabel.total_tercetak,
            kriteria_tercetak=tabel.kriteria_total_tercetak,
            rata=keseluruhan,
            bagian=bagian,
            tercetak_bagian=tercetak_bagian,
            k=k,
        )
    return temuan


def _capaian_tercetak(sasaran: SasaranTercetak) -> list[Decimal]:
    return [i.capaian_tercetak for i in sasaran.indikator if i.capaian_tercetak is not None]


def _capaian_keseluruhan(tabel: TabelIku) -> Decimal | None:
    """The recomputed overall achievement of a performance table (mean over goals)."""
    per_sasaran = [
        rata_rata([_nilai_indikator(i) for i in s.indikator], tabel.batas_atas)
        for s in tabel.sasaran
    ]
    return rata_rata(per_sasaran, tabel.batas_atas)


# --- measurement tables ---------------------------------------------------------------------


def _periksa_pengukuran(tabel: TabelPengukuran, k: _Konteks) -> list[Temuan]:
    temuan: list[Temuan] = []
    lengkap = True
    for c in tabel.komponen:
        if c.pembilang is None or c.penyebut is None:
            lengkap = False
            hilang = " dan ".join(
                n for n, v in (("pembilang", c.pembilang), ("penyebut", c.penyebut)) if v is None
            )
            temuan.append(
                _temuan(
                    JenisTemuan.NILAI_KOSONG,
                    c.lokasi,
                    c.nama,
                    f"{hilang.capitalize()} tidak dicetak: persentase komponen ini dan hasil "
                    "indikatornya tidak dapat diperiksa.",
                    tercetak=c.persen_tercetak,
                )
            )
            continue
        if c.persen_tercetak is not None:
            temuan += _periksa_persen(
                lokasi=c.lokasi,
                nama=c.nama,
                label="Persentase",
                tercetak=c.persen_tercetak,
                hasil=hitung_rasio(c.pembilang, c.penyebut),
                rumus=f"{_teks(c.pembilang)} ÷ {_teks(c.penyebut)} × 100",
                jenis=JenisTemuan.PERSEN_TIDAK_SESUAI,
                k=k,
            )
        temuan += _periksa_rincian(c.lokasi, c.nama, "Pembilang", c.pembilang, c.rincian_pembilang)
        temuan += _periksa_rincian(c.lokasi, c.nama, "Penyebut", c.penyebut, c.rincian_penyebut)
        temuan += _periksa_komposisi(c)
        temuan += _periksa_penyebut_rencana(c)
    nilai = _nilai_pengukuran(tabel) if lengkap else []
    if tabel.total_tercetak is not None and nilai:
        banding = _bandingkan(tabel.total_tercetak, nilai, k.toleransi)
        if banding is not _Banding.COCOK:
            benar = bulatkan(nilai[0])
            if banding is _Banding.PEMBULATAN:
                jenis = JenisTemuan.PEMBULATAN_TIDAK_SESUAI
            elif tabel.cara_gabung is CaraGabung.GABUNGAN:
                jenis = JenisTemuan.TOTAL_TIDAK_SESUAI
            else:
                jenis = JenisTemuan.RATA_RATA_TIDAK_SESUAI
            cara = {
                CaraGabung.RATA_RATA: "rata-rata persentase komponen",
                CaraGabung.GABUNGAN: "Σ pembilang ÷ Σ penyebut × 100",
                None: "rata-rata persentase komponen atau Σ pembilang ÷ Σ penyebut × 100",
            }[tabel.cara_gabung]
            temuan.append(
                _temuan(
                    jenis,
                    tabel.lokasi,
                    f"TOTAL {tabel.nama}",
                    f"Total dicetak {_teks(tabel.total_tercetak)}, padahal {cara} = "
                    f"{' / '.join(_p(x, 4) for x in dict.fromkeys(nilai))}, dibulatkan "
                    f"{_teks(benar)}.",
                    tercetak=tabel.total_tercetak,
                    seharusnya=benar,
                )
            )
    return temuan


def _periksa_rincian(
    lokasi: str, nama: str, apa: str, total: Decimal, rincian: Sequence[Rincian]
) -> list[Temuan]:
    if not rincian:
        return []
    isi = [r.jumlah for r in rincian]
    hasil = jumlah(isi)
    if hasil is None or hasil == total:
        return []
    return [
        _temuan(
            JenisTemuan.JUMLAH_RINCIAN_TIDAK_SESUAI,
            lokasi,
            nama,
            f"{apa} dicetak {_teks(total)}, padahal jumlah rinciannya "
            f"({' + '.join(_teks(x) for x in isi if x is not None)}) = {_teks(hasil)}.",
            tercetak=total,
            seharusnya=hasil,
        )
    ]


def _periksa_komposisi(c: KomponenPengukuran) -> list[Temuan]:
    """Numerator and denominator must count the same categories (like for like)."""
    if not c.rincian_pembilang or not c.rincian_penyebut or c.penyebut is None:
        return []
    atas = {_kunci(r.nama): r for r in c.rincian_pembilang}
    bawah = {_kunci(r.nama): r for r in c.rincian_penyebut}
    if atas.keys() == bawah.keys():
        return []
    sama = [n for n in atas if n in bawah]
    hanya_atas = [atas[n] for n in atas if n not in bawah]
    hanya_bawah = [bawah[n] for n in bawah if n not in atas]
    bagian = []
    if hanya_atas:
        bagian.append(
            "pembilang memuat "
            + ", ".join(f"{r.nama} {_teks(r.jumlah or Decimal(0))}" for r in hanya_atas)
            + " yang tidak ada di penyebut"
        )
    if hanya_bawah:
        bagian.append(
            "penyebut memuat "
            + ", ".join(f"{r.nama} {_teks(r.jumlah or Decimal(0))}" for r in hanya_bawah)
            + " yang tidak ada di pembilang"
        )
    penjelasan = f"Komposisi tidak sepadan: {'; '.join(bagian)}."
    pembilang = jumlah(atas[n].jumlah for n in sama)
    penyebut = jumlah(bawah[n].jumlah for n in sama)
    sepadan = rasio(pembilang, penyebut) if sama else None
    if sepadan is not None and pembilang is not None and penyebut is not None:
        nama_sama = ", ".join(atas[n].nama for n in sama)
        penjelasan += (
            f" Perbandingan yang sepadan ({nama_sama}) = {_teks(pembilang)} ÷ "
            f"{_teks(penyebut)} × 100 = {_p(sepadan)}."
        )
    return [
        _temuan(
            JenisTemuan.KOMPOSISI_TIDAK_SEPADAN,
            c.lokasi,
            c.nama,
            penjelasan,
            tercetak=c.persen_tercetak,
            seharusnya=None if sepadan is None else bulatkan(sepadan),
        )
    ]


def _periksa_penyebut_rencana(c: KomponenPengukuran) -> list[Temuan]:
    if c.penyebut_rencana is None or c.penyebut is None or c.penyebut_rencana == c.penyebut:
        return []
    terhadap_rencana = rasio(c.pembilang, c.penyebut_rencana)
    penjelasan = (
        f"Persentase dihitung dengan penyebut {_teks(c.penyebut)}, padahal target rencananya "
        f"{_teks(c.penyebut_rencana)}"
    )
    if terhadap_rencana is not None and c.pembilang is not None:
        penjelasan += (
            f"; terhadap target rencana: {_teks(c.pembilang)} ÷ {_teks(c.penyebut_rencana)} × "
            f"100 = {_p(terhadap_rencana)}"
        )
    return [
        _temuan(
            JenisTemuan.PENYEBUT_BERBEDA_DARI_RENCANA,
            c.lokasi,
            c.nama,
            penjelasan + ".",
            tercetak=c.persen_tercetak,
            seharusnya=None if terhadap_rencana is None else bulatkan(terhadap_rencana),
        )
    ]


# --- comparison across years ----------------------------------------------------------------


def _periksa_total_tahunan(total: TotalTahunan, k: _Konteks) -> list[Temuan]:
    temuan = [
        _temuan(
            JenisTemuan.NILAI_KOSONG,
            n.lokasi,
            n.nama,
            f"Nilai tahun {total.tahun} tidak dicetak: tidak diikutkan dalam rata-rata "
            "(nilai kosong tidak dibaca sebagai 0).",
        )
        for n in total.nilai
        if n.nilai is None
    ]
    nilai = [n.nilai for n in total.nilai if n.nilai is not None]
    rata = _rata(nilai, None)
    if total.total_tercetak is None or rata is None:
        return temuan
    banding = _bandingkan(total.total_tercetak, [rata.tepat], k.toleransi)
    if banding is not _Banding.COCOK:
        benar = bulatkan(rata.tepat)
        jenis = (
            JenisTemuan.PEMBULATAN_TIDAK_SESUAI
            if banding is _Banding.PEMBULATAN
            else JenisTemuan.RATA_RATA_TIDAK_SESUAI
        )
        lokasi_nilai = _gabung_lokasi(n.lokasi for n in total.nilai)
        temuan.append(
            _temuan(
                jenis,
                total.lokasi,
                total.nama,
                f"Total tahun {total.tahun} dicetak {_teks(total.total_tercetak)}, padahal "
                f"rata-rata nilai indikatornya di {lokasi_nilai} "
                f"({'; '.join(_teks(x) for x in nilai)}) = {_p(rata.tepat, 4)}, dibulatkan "
                f"{_teks(benar)}.",
                tercetak=total.total_tercetak,
                seharusnya=benar,
            )
        )
    return temuan


# --- efficiency -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Acuan:
    """The value an input of an efficiency statement should have, and where it comes from."""

    nilai: Decimal
    apa: str
    lokasi: str


def _sebut(acuan: _Acuan) -> str:
    return f"{acuan.apa} {_p(acuan.nilai)} ({acuan.lokasi})"


def _acuan_capaian(baris: BarisEfisiensi, k: _Konteks) -> _Acuan | Temuan | None:
    if baris.keseluruhan:
        for tabel in k.laporan.tabel_iku:
            if tabel.total_tercetak is not None:
                return _Acuan(tabel.total_tercetak, "total capaian", tabel.lokasi)
        for tabel in k.laporan.tabel_iku:
            nilai = _capaian_keseluruhan(tabel)
            if nilai is not None:
                return _Acuan(nilai, "rata-rata capaian", tabel.lokasi)
        return None
    if baris.kode_indikator is None:
        return None
    for tabel in k.laporan.tabel_iku:
        for sasaran in tabel.sasaran:
            for ind in sasaran.indikator:
                if ind.kode != baris.kode_indikator:
                    continue
                if ind.capaian_tercetak is not None:
                    return _Acuan(ind.capaian_tercetak, "capaian indikator", ind.lokasi)
                nilai = _capaian_indikator(ind).nilai
                if nilai is not None:
                    return _Acuan(nilai, "capaian indikator", ind.lokasi)
                return None
    return _rujukan_hilang(baris.lokasi, baris.nama, "indikator", baris.kode_indikator)


def _acuan_penyerapan(baris: BarisEfisiensi, k: _Konteks) -> _Acuan | Temuan | None:
    if baris.pagu is not None and baris.realisasi is not None:
        nilai = hitung_penyerapan(baris.realisasi, baris.pagu).nilai
        apa = f"realisasi {_teks(baris.realisasi)} ÷ pagu {_teks(baris.pagu)} × 100"
        return None if nilai is None else _Acuan(nilai, apa, baris.lokasi)
    if baris.keseluruhan:
        for tabel in k.laporan.anggaran:
            lokasi = tabel.lokasi_total or tabel.lokasi
            if tabel.persen_total_tercetak is not None:
                return _Acuan(tabel.persen_total_tercetak, "penyerapan anggaran total", lokasi)
            nilai = hitung_penyerapan(
                tabel.realisasi_total_tercetak, tabel.pagu_total_tercetak
            ).nilai
            if nilai is not None:
                return _Acuan(nilai, "penyerapan anggaran total", lokasi)
        return None
    if baris.kode_anggaran is None:
        return None
    for tabel in k.laporan.anggaran:
        for ang in tabel.baris:
            if ang.kode != baris.kode_anggaran:
                continue
            if ang.persen_tercetak is not None:
                return _Acuan(ang.persen_tercetak, f"penyerapan {ang.nama}", ang.lokasi)
            nilai = hitung_penyerapan(ang.realisasi, ang.pagu).nilai
            if nilai is not None:
                return _Acuan(nilai, f"penyerapan {ang.nama}", ang.lokasi)
    if any(b.kode == baris.kode_anggaran for t in k.laporan.anggaran for b in t.baris):
        return None
    return _rujukan_hilang(baris.lokasi, baris.nama, "baris anggaran", baris.kode_anggaran)


def _rujukan_hilang(lokasi: str, nama: str, apa: str, kode: str) -> Temuan:
    return _temuan(
        JenisTemuan.RUJUKAN_TIDAK_DITEMUKAN,
        lokasi,
        nama,
        f"Tidak ada {apa} dengan kode '{kode}' dalam laporan: rujukan ini tidak dapat diperiksa.",
    )


def _periksa_efisiensi(baris: BarisEfisiensi, k: _Konteks) -> list[Temuan]:
    temuan: list[Temuan] = []
    c, s, e = baris.capaian_tercetak, baris.penyerapan_tercetak, baris.efisiensi_tercetak
    if c is None or s is None:
        hilang = " dan ".join(n for n, v in (("capaian", c), ("penyerapan", s)) if v is None)
        temuan.append(
            _temuan(
                JenisTemuan.NILAI_KOSONG,
                baris.lokasi,
                baris.nama,
                f"{hilang.capitalize()} tidak dicetak: efisiensi tidak dapat diperiksa.",
                tercetak=e,
            )
        )
        return temuan
    selisih = efisiensi(c, s)
    if e is not None and selisih is not None:
        temuan += _periksa_hitung_efisiensi(baris, c, s, e, selisih, k)

    # The inputs must be the values they claim to be (oracle B7).
    acuan_c = _acuan_capaian(baris, k)
    acuan_s = _acuan_penyerapan(baris, k)
    for acuan in (acuan_c, acuan_s):
        if isinstance(acuan, Temuan):
            temuan.append(acuan)
    salah: list[str] = []
    c_benar, s_benar = c, s
    if isinstance(acuan_c, _Acuan) and not _cocok(c, acuan_c.nilai, k):
        salah.append(f"capaian {_teks(c)} tidak sama dengan {_sebut(acuan_c)}")
        c_benar = acuan_c.nilai
    if isinstance(acuan_s, _Acuan) and not _cocok(s, acuan_s.nilai, k):
        salah.append(f"penyerapan {_teks(s)} tidak sama dengan {_sebut(acuan_s)}")
        s_benar = acuan_s.nilai
    benar = efisiensi(c_benar, s_benar)
    if salah and benar is not None:
        temuan.append(
            _temuan(
                JenisTemuan.INPUT_EFISIENSI_TIDAK_SESUAI,
                baris.lokasi,
                baris.nama,
                f"Efisiensi dihitung dari masukan yang salah: {'; '.join(salah)}. Dengan "
                f"masukan yang benar efisiensi = {_p(c_benar)} − {_p(s_benar)} = {_p(benar)}"
                + (f" (dicetak {_teks(e)})." if e is not None else "."),
                tercetak=e,
                seharusnya=bulatkan(benar),
            )
        )
    return temuan


def _periksa_hitung_efisiensi(
    baris: BarisEfisiensi, c: Decimal, s: Decimal, e: Decimal, selisih: Decimal, k: _Konteks
) -> list[Temuan]:
    """efisiensi = capaian − penyerapan, signed (DESIGN.md)."""
    banding = _bandingkan(e, [selisih], k.toleransi)
    if banding is _Banding.COCOK:
        return []
    benar = bulatkan(selisih)
    rumus = f"capaian {_teks(c)} − penyerapan {_teks(s)} = {_teks(benar)}"
    if not selisih.is_zero() and _bandingkan(e, [-selisih], k.toleransi) is _Banding.COCOK:
        arti = (
            "penyerapan anggaran lebih tinggi daripada capaian kinerja"
            if selisih < 0
            else "capaian kinerja lebih tinggi daripada penyerapan anggaran"
        )
        return [
            _temuan(
                JenisTemuan.TANDA_EFISIENSI_SALAH,
                baris.lokasi,
                baris.nama,
                f"Efisiensi dicetak {_teks(e)}, padahal {rumus}: tandanya "
                f"{'negatif' if selisih < 0 else 'positif'} ({arti}).",
                tercetak=e,
                seharusnya=benar,
            )
        ]
    jenis = (
        JenisTemuan.PEMBULATAN_TIDAK_SESUAI
        if banding is _Banding.PEMBULATAN
        else JenisTemuan.EFISIENSI_TIDAK_SESUAI
    )
    return [
        _temuan(
            jenis,
            baris.lokasi,
            baris.nama,
            f"Efisiensi dicetak {_teks(e)}, padahal {rumus}.",
            tercetak=e,
            seharusnya=benar,
        )
    ]


# --- budget tables --------------------------------------------------------------------------


_BIDANG = {"pagu": "Pagu", "realisasi": "Realisasi"}


def _nilai_uang(baris: BarisAnggaran, bidang: str) -> Decimal | None:
    return baris.pagu if bidang == "pagu" else baris.realisasi


def _cari_induk(tabel: TabelAnggaran) -> tuple[dict[int, list[int]], list[Temuan]]:
    """Children of each row (by index) and findings for parents that cannot be found."""
    per_kode: dict[str, list[int]] = {}
    per_nama: dict[str, list[int]] = {}
    for i, b in enumerate(tabel.baris):
        if b.kode is not None:
            per_kode.setdefault(b.kode, []).append(i)
        per_nama.setdefault(_kunci(b.nama), []).append(i)
    anak: dict[int, list[int]] = {}
    temuan: list[Temuan] = []
    for i, b in enumerate(tabel.baris):
        if b.induk is None:
            continue
        calon = per_kode.get(b.induk) or per_nama.get(_kunci(b.induk), [])
        calon = [j for j in calon if j != i]
        if len(calon) == 1:
            anak.setdefault(calon[0], []).append(i)
            continue
        alasan = "tidak ada" if not calon else f"ada {len(calon)} baris dengan kode/nama itu"
        temuan.append(
            _temuan(
                JenisTemuan.RUJUKAN_TIDAK_DITEMUKAN,
                b.lokasi,
                b.nama,
                f"Induk '{b.induk}' tidak dapat ditentukan di {tabel.lokasi} ({alasan}): "
                "jumlah induknya tidak diperiksa dengan baris ini.",
            )
        )
    return anak, temuan


def _periksa_tabel_anggaran(tabel: TabelAnggaran, k: _Konteks) -> list[Temuan]:
    anak, temuan = _cari_induk(tabel)
    for i, b in enumerate(tabel.baris):
        temuan += _periksa_baris_anggaran(b, tabel, k)
        if i in anak:
            bidang = ("pagu", "realisasi") if tabel.memuat_realisasi else ("pagu",)
            for nama_bidang in bidang:
                temuan += _periksa_jumlah_anak(b, [tabel.baris[j] for j in anak[i]], nama_bidang)
    temuan += _periksa_total_anggaran(tabel, k)
    return temuan


def _periksa_baris_anggaran(b: BarisAnggaran, tabel: TabelAnggaran, k: _Konteks) -> list[Temuan]:
    temuan: list[Temuan] = []
    kosong = []
    if b.pagu is None:
        kosong.append("pagu")
    if tabel.memuat_realisasi and b.realisasi is None:
        kosong.append("realisasi")
    if kosong and tabel.memuat_realisasi and b.persen_tercetak is None:
        kosong.append("persentase")
    if kosong:
        penjelasan = (
            f"{' dan '.join(kosong).capitalize()} tidak dicetak (sel kosong). Nilai kosong "
            "tidak dibaca sebagai 0, sehingga jumlah yang memuat baris ini tidak diperiksa."
        )
        seharusnya = None
        if b.realisasi is None and tabel.memuat_realisasi:
            lain = _realisasi_di_tabel_lain(b, k)
            if lain is not None:
                ang, nilai = lain
                penjelasan += f" {ang.lokasi} mencetak realisasi {_teks(nilai)}"
                persen = hitung_penyerapan(nilai, b.pagu).nilai
                penjelasan += f" ({_p(persen)} %)." if persen is not None else "."
                seharusnya = nilai
        temuan.append(
            _temuan(JenisTemuan.NILAI_KOSONG, b.lokasi, b.nama, penjelasan, seharusnya=seharusnya)
        )
    if b.pagu is not None and b.realisasi is not None and b.persen_tercetak is not None:
        temuan += _periksa_persen(
            lokasi=b.lokasi,
            nama=b.nama,
            label="Persentase",
            tercetak=b.persen_tercetak,
            hasil=hitung_penyerapan(b.realisasi, b.pagu),
            rumus=f"realisasi {_teks(b.realisasi)} ÷ pagu {_teks(b.pagu)} × 100",
            jenis=JenisTemuan.PERSEN_TIDAK_SESUAI,
            k=k,
        )
    if (
        b.realisasi_fisik is not None
        and b.realisasi_fisik > 0
        and b.realisasi is not None
        and b.realisasi.is_zero()
    ):
        pagu = f" dari pagu {_teks(b.pagu)}" if b.pagu is not None else ""
        temuan.append(
            _temuan(
                JenisTemuan.REALISASI_FISIK_TANPA_REALISASI_KEUANGAN,
                b.lokasi,
                b.nama,
                f"Realisasi fisik dicetak {_teks(b.realisasi_fisik)} %, padahal realisasi "
                f"keuangan 0{pagu} (penyerapan 0,00 %): kegiatan tanpa belanja tidak dapat "
                "terealisasi secara fisik.",
                tercetak=b.realisasi_fisik,
                seharusnya=Decimal("0.00"),
            )
        )
    return temuan


def _realisasi_di_tabel_lain(b: BarisAnggaran, k: _Konteks) -> tuple[BarisAnggaran, Decimal] | None:
    if b.kode is None:
        return None
    for tabel in k.laporan.anggaran:
        for lain in tabel.baris:
            if lain.kode == b.kode and lain.realisasi is not None:
                return lain, lain.realisasi
    return None


def _periksa_jumlah_anak(
    induk: BarisAnggaran, anak: Sequence[BarisAnggaran], bidang: str
) -> list[Temuan]:
    """A parent's pagu/realisasi is the exact sum of its children's (DESIGN.md)."""
    nilai_induk = _nilai_uang(induk, bidang)
    total = jumlah(_nilai_uang(a, bidang) for a in anak)
    if nilai_induk is None or total is None or total == nilai_induk:
        return []  # a blank part makes the sum unknown; the blank is reported on its own row
    tingkat = sorted({a.tingkat.value.replace("_", " ") for a in anak if a.tingkat is not None})
    asal = "; ".join([*tingkat, _gabung_lokasi(a.lokasi for a in anak)])
    return [
        _temuan(
            JenisTemuan.JUMLAH_ANAK_TIDAK_SESUAI,
            induk.lokasi,
            induk.nama,
            f"{_BIDANG[bidang]} dicetak {_teks(nilai_induk)}, padahal jumlah {bidang} "
            f"{len(anak)} baris di bawahnya ({asal}) = {_teks(total)}; selisih "
            f"{_teks(nilai_induk - total)}.",
            tercetak=nilai_induk,
            seharusnya=total,
        )
    ]


def _periksa_total_anggaran(tabel: TabelAnggaran, k: _Konteks) -> list[Temuan]:
    """The printed grand total is the sum of the top-level lines."""
    temuan: list[Temuan] = []
    lokasi = tabel.lokasi_total or tabel.lokasi
    puncak = [b for b in tabel.baris if b.induk is None]
    for bidang, tercetak in (
        ("pagu", tabel.pagu_total_tercetak),
        ("realisasi", tabel.realisasi_total_tercetak),
    ):
        total = jumlah(_nilai_uang(b, bidang) for b in puncak) if puncak else None
        if tercetak is None or total is None or total == tercetak:
            continue
        temuan.append(
            _temuan(
                JenisTemuan.TOTAL_TIDAK_SESUAI,
                lokasi,
                f"Total {bidang} ({tabel.nama})",
                f"Total {bidang} dicetak {_teks(tercetak)}, padahal jumlah {bidang} "
                f"{len(puncak)} baris teratas ({tabel.lokasi}) = {_teks(total)}; selisih "
                f"{_teks(tercetak - total)}.",
                tercetak=tercetak,
                seharusnya=total,
            )
        )
    if tabel.persen_total_tercetak is not None:
        pagu = _total(tabel.pagu_total_tercetak, puncak, "pagu")
        realisasi = _total(tabel.realisasi_total_tercetak, puncak, "realisasi")
        if pagu is not None and realisasi is not None:
            temuan += _periksa_persen(
                lokasi=lokasi,
                nama=f"Total persentase ({tabel.nama})",
                label="Persentase total",
                tercetak=tabel.persen_total_tercetak,
                hasil=hitung_penyerapan(realisasi, pagu),
                rumus=f"realisasi {_teks(realisasi)} ÷ pagu {_teks(pagu)} × 100",
                jenis=JenisTemuan.PERSEN_TIDAK_SESUAI,
                k=k,
            )
    return temuan


def _total(
    tercetak: Decimal | None, puncak: Sequence[BarisAnggaran], bidang: str
) -> Decimal | None:
    """The printed total, else the sum of the top-level lines (unknown if there are none)."""
    if tercetak is not None:
        return tercetak
    return jumlah(_nilai_uang(b, bidang) for b in puncak) if puncak else None


def _periksa_anggaran_antar_tabel(tabel_anggaran: Sequence[TabelAnggaran]) -> list[Temuan]:
    """The same budget line (same ``kode``) must carry the same amounts in every table.

    The first table that prints the line is the reference; the report has to choose one source
    (oracle B19).
    """
    acuan: dict[str, BarisAnggaran] = {}
    temuan: list[Temuan] = []
    for tabel in tabel_anggaran:
        dilihat: set[str] = set()
        for b in tabel.baris:
            if b.kode is None or b.kode in dilihat:
                continue
            dilihat.add(b.kode)
            pertama = acuan.setdefault(b.kode, b)
            if pertama is b:
                continue
            for bidang in ("pagu", "realisasi"):
                ini, itu = _nilai_uang(b, bidang), _nilai_uang(pertama, bidang)
                if ini is None or itu is None or ini == itu:
                    continue
                temuan.append(
                    _temuan(
                        JenisTemuan.ANGGARAN_ANTAR_TABEL_BERBEDA,
                        b.lokasi,
                        b.nama,
                        f"{_BIDANG[bidang]} dicetak {_teks(ini)} di {b.lokasi}, tetapi "
                        f"{_teks(itu)} di {pertama.lokasi} ({pertama.nama}); selisih "
                        f"{_teks(ini - itu)}. Satu baris anggaran harus bernilai sama di semua "
                        "tabel; pilih satu sumber.",
                        tercetak=ini,
                        seharusnya=itu,
                    )
                )
    return temuan


# --- targets, counts and narrative statements -------------------------------------------------


def _periksa_target(laporan: Laporan) -> list[Temuan]:
    """Every statement of an indicator's target must agree (oracle B27).

    The reference is the target in the first performance table (the table that scores the
    indicator), else the first statement given.
    """
    # kode -> [(where, indicator name, target)], indicator rows first
    kelompok: dict[str, list[tuple[str, str, Decimal]]] = {}
    for tabel in laporan.tabel_iku:
        for sasaran in tabel.sasaran:
            for ind in sasaran.indikator:
                if ind.kode is not None and ind.target is not None:
                    kelompok.setdefault(ind.kode, []).append((ind.lokasi, ind.nama, ind.target))
    for sebut in laporan.target_indikator:
        if sebut.target is not None:
            kelompok.setdefault(sebut.kode, []).append((sebut.lokasi, sebut.nama, sebut.target))
    temuan: list[Temuan] = []
    for kode, daftar in kelompok.items():
        _, nama_acuan, acuan = daftar[0]
        lokasi_acuan = _gabung_lokasi(lokasi for lokasi, _, t in daftar if t == acuan)
        lain: dict[Decimal, list[tuple[str, str]]] = {}
        for lokasi, nama, target in daftar:
            if target != acuan:
                lain.setdefault(target, []).append((lokasi, nama))
        for nilai, sebutan in lain.items():
            lokasi_lain = _gabung_lokasi(lokasi for lokasi, _ in sebutan)
            temuan.append(
                _temuan(
                    JenisTemuan.TARGET_ANTAR_TABEL_BERBEDA,
                    lokasi_lain,
                    f"{sebutan[0][1]} (kode {kode})",
                    f"Target indikator dicetak {_teks(nilai)} di {lokasi_lain}, tetapi "
                    f"{_teks(acuan)} di {lokasi_acuan} ({nama_acuan}). Satu indikator harus "
                    "memiliki satu target; capaian dihitung dengan target dari tabel yang "
                    "mendefinisikan indikator itu.",
                    tercetak=nilai,
                    seharusnya=acuan,
                )
            )
    return temuan


def _periksa_rincian_jumlah(daftar: RincianJumlah) -> list[Temuan]:
    if daftar.total_tercetak is None or not daftar.rincian:
        return []
    kosong = [r.nama for r in daftar.rincian if r.jumlah is None]
    if kosong:
        return [
            _temuan(
                JenisTemuan.NILAI_KOSONG,
                daftar.lokasi,
                daftar.nama,
                f"Rincian tanpa angka ({', '.join(kosong)}): jumlahnya tidak dapat diperiksa.",
            )
        ]
    total = jumlah(r.jumlah for r in daftar.rincian)
    if total is None or total == daftar.total_tercetak:
        return []
    return [
        _temuan(
            JenisTemuan.JUMLAH_RINCIAN_TIDAK_SESUAI,
            daftar.lokasi,
            daftar.nama,
            f"Total dicetak {_teks(daftar.total_tercetak)}, padahal jumlah {len(daftar.rincian)} "
            f"rinciannya = {_teks(total)}; selisih {_teks(daftar.total_tercetak - total)}.",
            tercetak=daftar.total_tercetak,
            seharusnya=total,
        )
    ]


def _periksa_pernyataan_indikator(p: PernyataanIndikator, k: _Konteks) -> list[Temuan]:
    if p.nilai_tercetak is None:
        return []
    indikator = [
        i for t in k.laporan.tabel_iku for s in t.sasaran for i in s.indikator if i.kode == p.kode
    ]
    if not indikator:
        return [_rujukan_hilang(p.lokasi, p.nama, "indikator", p.kode)]
    ind = indikator[0]
    if p.besaran is BesaranIndikator.REALISASI:
        acuan, apa = ind.realisasi, "realisasi yang dicetak"
    elif ind.capaian_tercetak is not None:
        acuan, apa = ind.capaian_tercetak, "capaian yang dicetak"
    else:
        acuan, apa = _capaian_indikator(ind).nilai, "capaian"
    if acuan is None or _cocok(p.nilai_tercetak, acuan, k):
        return []
    penjelasan = (
        f"Pernyataan menyebut {_teks(p.nilai_tercetak)} untuk indikator '{ind.nama}', padahal "
        f"{apa} di {ind.lokasi} adalah {_tampil(acuan)}."
    )
    for tabel in k.laporan.tabel_iku:
        if tabel.total_tercetak is not None and tabel.total_tercetak == p.nilai_tercetak:
            penjelasan += (
                f" {_teks(p.nilai_tercetak)} adalah total capaian sasaran ({tabel.lokasi}), "
                "bukan nilai indikator ini."
            )
            break
    return [
        _temuan(
            JenisTemuan.PERNYATAAN_TIDAK_SESUAI,
            p.lokasi,
            p.nama,
            penjelasan,
            tercetak=p.nilai_tercetak,
            seharusnya=bulatkan(acuan),
        )
    ]


def _periksa_pernyataan_kriteria(p: PernyataanKriteria, k: _Konteks) -> list[Temuan]:
    catatan = (
        " Jika nilai ini berasal dari skala lain (mis. kategori evaluasi AKIP), sebutkan skalanya "
        "dan jangan memakai label skala pengukuran kinerja untuknya."
    )
    return _periksa_kriteria(p.lokasi, p.nama, p.kriteria_tercetak, p.nilai, "nilai", k, catatan)


def _periksa_pernyataan_rasio(p: PernyataanRasio, k: _Konteks) -> list[Temuan]:
    if p.persen_tercetak is None:
        return []
    if p.pembilang is None or p.penyebut is None:
        return [
            _temuan(
                JenisTemuan.NILAI_KOSONG,
                p.lokasi,
                p.nama,
                "Pembilang atau penyebut tidak dicetak: persentase tidak dapat diperiksa.",
                tercetak=p.persen_tercetak,
            )
        ]
    return _periksa_persen(
        lokasi=p.lokasi,
        nama=p.nama,
        label="Persentase",
        tercetak=p.persen_tercetak,
        hasil=hitung_rasio(p.pembilang, p.penyebut),
        rumus=f"{_teks(p.pembilang)} ÷ {_teks(p.penyebut)} × 100",
        jenis=JenisTemuan.PERSEN_TIDAK_SESUAI,
        k=k,
        tempat=p.tempat,
    )


# === building the input from plain data (JSON) ===============================================


@overload
def laporan_dari_dict(data: Mapping[str, Any]) -> Laporan: ...
@overload
def laporan_dari_dict(data: None) -> None: ...


def laporan_dari_dict(data: Mapping[str, Any] | None) -> Laporan | None:
    """Build a :class:`Laporan` from plain data, e.g. ``json.load`` output (standard library).

    Field names are those of the dataclasses; missing optional fields take their defaults,
    unknown fields are an error. Numbers may be ``int``, ``Decimal`` or plain decimal strings
    (``"36157206342"``, ``"97.10"``); a ``float`` is refused, because it is not exact: load
    JSON with ``json.load(f, parse_float=Decimal)`` or write the numbers as strings.
    ``null`` is a blank cell (where the field may be blank); ``None`` for the whole data
    gives ``None``, as every function of the library gives ``None`` for ``None``.

    Raises:
        TypeError, ValueError: naming the path of the offending field, e.g.
            ``anggaran[0].baris[3].pagu``.
    """
    if data is None:
        return None
    hasil = _dari_nilai(Laporan, data, "laporan")
    if not isinstance(hasil, Laporan):  # pragma: no cover - _dari_nilai builds the type asked
        raise TypeError("laporan tidak dapat dibangun")
    return hasil


def _dari_nilai(tipe: Any, nilai: Any, jalur: str) -> Any:
    asal = typing.get_origin(tipe)
    if asal is types.UnionType or asal is typing.Union:
        argumen = [a for a in typing.get_args(tipe) if a is not type(None)]
        if nilai is None:
            return None
        return _dari_nilai(argumen[0], nilai, jalur)
    if asal is tuple:
        isi = typing.get_args(tipe)[0]
        if isinstance(nilai, str | bytes | Mapping) or not isinstance(nilai, Sequence):
            raise TypeError(f"{jalur}: harus berupa daftar, bukan {type(nilai).__name__}")
        return tuple(_dari_nilai(isi, x, f"{jalur}[{i}]") for i, x in enumerate(nilai))
    if isinstance(tipe, type) and dataclasses.is_dataclass(tipe):
        return _dataclass_dari_dict(tipe, nilai, jalur)
    if tipe is Decimal:
        if nilai is None:  # a field that may not be blank (the optional ones are unions)
            raise TypeError(f"{jalur}: wajib diisi, bukan null")
        try:
            return ke_decimal(nilai)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"{jalur}: {exc}") from None
    if isinstance(tipe, type) and issubclass(tipe, Enum):
        try:
            return tipe(nilai)
        except ValueError:
            pilihan = ", ".join(repr(e.value) for e in tipe)
            raise ValueError(f"{jalur}: {nilai!r} tidak dikenal (pilih {pilihan})") from None
    if tipe is bool or tipe is str:
        if not isinstance(nilai, tipe):
            raise TypeError(f"{jalur}: harus {tipe.__name__}, bukan {type(nilai).__name__}")
        return nilai
    if tipe is int:
        if isinstance(nilai, bool) or not isinstance(nilai, int):
            raise TypeError(f"{jalur}: harus bilangan bulat, bukan {type(nilai).__name__}")
        return nilai
    raise TypeError(f"{jalur}: tipe {tipe!r} tidak didukung")  # pragma: no cover


def _dataclass_dari_dict(tipe: type[Any], nilai: Any, jalur: str) -> Any:
    if not isinstance(nilai, Mapping):
        raise TypeError(f"{jalur}: harus berupa objek, bukan {type(nilai).__name__}")
    petunjuk = typing.get_type_hints(tipe)
    kolom = [f.name for f in dataclasses.fields(tipe) if f.init]
    asing = [str(kunci) for kunci in nilai if kunci not in kolom]
    if asing:
        raise ValueError(
            f"{jalur}: kolom tidak dikenal {', '.join(asing)} (yang dikenal: {', '.join(kolom)})"
        )
    argumen = {
        nama: _dari_nilai(petunjuk[nama], isi, f"{jalur}.{nama}") for nama, isi in nilai.items()
    }
    try:
        return tipe(**argumen)
    except TypeError as exc:
        raise TypeError(f"{jalur}: {exc}") from None
