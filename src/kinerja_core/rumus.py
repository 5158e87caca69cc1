"""The office's formulas: capaian, penyerapan, efisiensi, means, ratios and growth.

Every formula comes in two forms:

* ``hitung_<nama>(...) -> Hasil``: the value, or no value together with the reason (in
  Indonesian, ready to show an operator), e.g. ``Hasil(None, "target bernilai 0: ...")``;
* ``<nama>(...) -> Decimal | None``: the same value without the reason.

Results are exact and **not rounded**; round only on output with
:func:`kinerja_core.angka.bulatkan` or :meth:`Hasil.dibulatkan` (DESIGN.md: "round only on
output"; rounding intermediates changes results: 88.32 / 90 gives 98.13, 227 / 257 / 0.9 gives
98.14, LKIP 2024 oracle Q5).

A missing input (``None``, a single value or a whole collection) or an undefined division (target or
pagu 0) gives no value, never 0 and never an exception (DESIGN.md; oracle Q4). Invalid input (a
``float``, a string that is not a number, an unknown ``arah``) is a programming error and raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from itertools import pairwise
from typing import TypeVar, cast

from kinerja_core.angka import Angka, _konteks, bulatkan, ke_decimal

__all__ = [
    "Arah",
    "CaraGabung",
    "Hasil",
    "MetodeTurun",
    "cagr",
    "capaian",
    "efisiensi",
    "gabung_komponen",
    "hitung_cagr",
    "hitung_capaian",
    "hitung_efisiensi",
    "hitung_gabung_komponen",
    "hitung_jumlah",
    "hitung_median",
    "hitung_penyerapan",
    "hitung_pertumbuhan",
    "hitung_rasio",
    "hitung_rata_rata",
    "hitung_rata_rata_pertumbuhan",
    "jumlah",
    "median",
    "penyerapan",
    "pertumbuhan",
    "rasio",
    "rata_rata",
    "rata_rata_pertumbuhan",
]

_SERATUS = Decimal(100)

_T = TypeVar("_T")


class Arah(StrEnum):
    """Direction of an indicator: is a higher realisation better (naik) or a lower one (turun)?"""

    NAIK = "naik"
    TURUN = "turun"


class MetodeTurun(StrEnum):
    """Formula for capaian of a lower-is-better (turun) indicator (oracle Q3).

    * ``SELISIH`` (default): (2 × target − realisasi) / target × 100; linear, defined for
      realisasi 0, and 100 when realisasi equals target.
    * ``RASIO``: target / realisasi × 100; undefined for realisasi 0.
    """

    SELISIH = "selisih"
    RASIO = "rasio"


class CaraGabung(StrEnum):
    """How an indicator measured by several numerator/denominator pairs is combined.

    LKIP 2024 Tabel 3.5 (ten pairs for IKU1) cannot tell the two apart (all pairs are 100 %), so
    the choice is a property of the indicator (DESIGN.md; oracle A16, Q9).

    * ``RATA_RATA``: the simple mean of the pair ratios (each pair weighs the same);
    * ``GABUNGAN``: the pooled ratio Σ numerators / Σ denominators × 100 (each unit weighs the
      same).
    """

    RATA_RATA = "rata_rata"
    GABUNGAN = "gabungan"


@dataclass(frozen=True, slots=True)
class Hasil:
    """A computed value, or no value with the reason why.

    Exactly one of ``nilai`` and ``alasan`` is set.
    """

    nilai: Decimal | None
    alasan: str | None = None

    def __post_init__(self) -> None:
        if (self.nilai is None) == (self.alasan is None):
            raise ValueError("Hasil harus berisi tepat satu dari nilai atau alasan")

    @classmethod
    def ada(cls, nilai: Decimal) -> Hasil:
        """A result with a value."""
        return cls(nilai, None)

    @classmethod
    def kosong(cls, alasan: str) -> Hasil:
        """A result without a value, and the reason (in Indonesian, for the operator)."""
        return cls(None, alasan)

    @property
    def berhasil(self) -> bool:
        """Whether there is a value."""
        return self.nilai is not None

    def dibulatkan(self, tempat: int = 2) -> Decimal | None:
        """The value rounded for output (ROUND_HALF_UP, see :func:`bulatkan`), or ``None``."""
        return None if self.nilai is None else bulatkan(self.nilai, tempat)


# --- helpers -------------------------------------------------------------------------------


def _daftar(nilai: Iterable[_T] | None, nama: str) -> list[_T] | None:
    """The values of a collection, ``None`` for a missing one; a string is refused (it would
    iterate over characters)."""
    if nilai is None:
        return None
    if isinstance(nilai, str | bytes):
        raise TypeError(f"{nama} harus berupa kumpulan nilai, bukan teks {nilai!r}")
    return list(nilai)


def _opsional(nilai: Angka | None) -> Decimal | None:
    return None if nilai is None else ke_decimal(nilai)


def _belum_diisi(*masukan: tuple[str, Decimal | None]) -> Hasil:
    """The "missing input" result, naming every input that is missing."""
    hilang = [nama for nama, nilai in masukan if nilai is None]
    return Hasil.kosong(f"{' dan '.join(hilang)} belum diisi")


def _persen(pembilang: Decimal, penyebut: Decimal) -> Decimal:
    """pembilang / penyebut × 100 with a single rounding step (multiply first, then divide)."""
    # The context's own methods: the same arithmetic as inside localcontext, without a copy.
    konteks = _konteks()
    return konteks.divide(konteks.multiply(pembilang, _SERATUS), penyebut)


def _ke_arah(arah: Arah | str) -> Arah:
    try:
        return Arah(arah)
    except ValueError:
        raise ValueError(f"arah tidak dikenal: {arah!r} (pilih 'naik' atau 'turun')") from None


def _ke_metode(metode: MetodeTurun | str | None) -> MetodeTurun:
    if metode is None:
        return MetodeTurun.SELISIH
    try:
        return MetodeTurun(metode)
    except ValueError:
        raise ValueError(
            f"metode tidak dikenal: {metode!r} (pilih 'selisih' atau 'rasio')"
        ) from None


def _ke_cara(cara: CaraGabung | str) -> CaraGabung:
    try:
        return CaraGabung(cara)
    except ValueError:
        raise ValueError(
            f"cara penggabungan tidak dikenal: {cara!r} (pilih 'rata_rata' atau 'gabungan')"
        ) from None


def _rata(nilai: Sequence[Decimal]) -> Decimal:
    with localcontext(_konteks()):
        return sum(nilai, Decimal(0)) / len(nilai)


# --- capaian -------------------------------------------------------------------------------


def hitung_capaian(
    realisasi: Angka | None,
    target: Angka | None,
    arah: Arah | str = Arah.NAIK,
    metode: MetodeTurun | str | None = None,
) -> Hasil:
    """Achievement (capaian) of an indicator, in percent; see :func:`capaian`."""
    arah_ = _ke_arah(arah)
    if arah_ is Arah.NAIK and metode is not None:
        raise ValueError("metode hanya berlaku untuk indikator dengan arah 'turun'")
    metode_ = _ke_metode(metode)
    r, t = _opsional(realisasi), _opsional(target)
    if r is None or t is None:
        return _belum_diisi(("realisasi", r), ("target", t))

    if t.is_zero():
        if arah_ is Arah.TURUN and r.is_zero():
            # Lower is better, the target was zero and zero was reached: fully achieved.
            return Hasil.ada(_SERATUS)
        return Hasil.kosong("target bernilai 0: capaian tidak dapat dihitung")
    if arah_ is Arah.NAIK:
        return Hasil.ada(_persen(r, t))
    if metode_ is MetodeTurun.RASIO:
        if r.is_zero():
            return Hasil.kosong(
                "realisasi bernilai 0: capaian metode rasio (target/realisasi) tidak dapat dihitung"
            )
        return Hasil.ada(_persen(t, r))
    with localcontext(_konteks()):
        return Hasil.ada(_persen(2 * t - r, t))


def capaian(
    realisasi: Angka | None,
    target: Angka | None,
    arah: Arah | str = Arah.NAIK,
    metode: MetodeTurun | str | None = None,
) -> Decimal | None:
    """Achievement (capaian) of an indicator, in percent, unrounded and not capped.

    * ``arah="naik"`` (higher is better): realisasi / target × 100 (LKIP 2024 sec 3.1 and 3.4:
      "angka realisasi dibagi dengan angka target ... dikalikan dengan 100%").
    * ``arah="turun"`` (lower is better): by default (``MetodeTurun.SELISIH``)
      (2 × target − realisasi) / target × 100; with ``MetodeTurun.RASIO``
      target / realisasi × 100 (``None`` when realisasi is 0). ``metode`` may only be given for
      ``turun`` (a ``ValueError`` otherwise: the formula is never silently swapped).

    Values above 100 are real readings and are returned as they are: 100 / 90 × 100 = 111.11
    (LKIP 2024 IKU1, oracle B1). Capping is an averaging choice (:func:`rata_rata`
    ``batas_atas``), not part of capaian.

    ``None`` when realisasi or target is missing, or target is 0 — except for ``turun`` with
    target 0 and realisasi 0, which is 100 (DESIGN.md).
    """
    return hitung_capaian(realisasi, target, arah, metode).nilai


# --- anggaran ------------------------------------------------------------------------------


def hitung_penyerapan(realisasi: Angka | None, pagu: Angka | None) -> Hasil:
    """Budget absorption (penyerapan) in percent; see :func:`penyerapan`."""
    r, p = _opsional(realisasi), _opsional(pagu)
    if r is None or p is None:
        return _belum_diisi(("realisasi", r), ("pagu", p))
    if p.is_zero():
        return Hasil.kosong("pagu bernilai 0: penyerapan tidak dapat dihitung")
    if p < 0:
        return Hasil.kosong("pagu bernilai negatif: penyerapan tidak dapat dihitung")
    return Hasil.ada(_persen(r, p))


def penyerapan(realisasi: Angka | None, pagu: Angka | None) -> Decimal | None:
    """Budget absorption: realisasi / pagu × 100, unrounded.

    Financial realisation only: a sub-activity with realisasi 0 absorbed 0 %, even when the
    report prints a physical realisation of 100 % (LKIP 2024 Tabel 3.9/3.12, oracle B22).
    ``None`` when either input is missing (a blank cell is not 0, oracle B23) or pagu is 0 or
    negative.
    """
    return hitung_penyerapan(realisasi, pagu).nilai


def hitung_efisiensi(capaian: Angka | None, penyerapan: Angka | None) -> Hasil:
    """Efficiency (efisiensi), signed; see :func:`efisiensi`."""
    c, s = _opsional(capaian), _opsional(penyerapan)
    if c is None or s is None:
        return _belum_diisi(("capaian", c), ("penyerapan", s))
    with localcontext(_konteks()):
        return Hasil.ada(c - s)


def efisiensi(capaian: Angka | None, penyerapan: Angka | None) -> Decimal | None:
    """Efficiency: capaian − penyerapan, in percentage points, **signed**.

    Negative means the budget was absorbed faster than performance was achieved. DESIGN.md:
    efisiensi is signed; LKIP 2024 prints +2,86 where the truth is −2,86
    (88.32 − 91.18, Tabel 3.8, oracle B6). ``None`` if either input is missing.
    """
    return hitung_efisiensi(capaian, penyerapan).nilai


def hitung_jumlah(nilai: Iterable[Angka | None] | None) -> Hasil:
    """Sum of amounts; see :func:`jumlah`."""
    daftar = _daftar(nilai, "nilai")
    if daftar is None:
        return Hasil.kosong("nilai belum diisi: jumlah tidak dapat dihitung")
    if any(x is None for x in daftar):  # not `None in`: Decimal == None is slow
        for x in daftar:  # a value that is not a number is still an error
            if x is not None:
                ke_decimal(x)
        hilang = ", ".join(str(n) for n, x in enumerate(daftar, start=1) if x is None)
        return Hasil.kosong(f"nilai ke-{hilang} belum diisi: jumlah tidak dapat dihitung")
    # map: no Python-level loop per value (a report total sums tens of thousands of amounts).
    angka = list(map(ke_decimal, cast(list[Angka], daftar)))
    with localcontext(_konteks()):
        return Hasil.ada(sum(angka, Decimal(0)))


def jumlah(nilai: Iterable[Angka | None] | None) -> Decimal | None:
    """Exact sum of amounts, e.g. the children of a budget line.

    Unlike :func:`rata_rata`, a missing value is not skipped: a sum with an unknown part is
    unknown, so the result is ``None`` (a blank read as 0 breaks the parent sum, LKIP 2024
    oracle B23). The sum of no values is 0; a missing collection (``None``) has no sum.
    """
    return hitung_jumlah(nilai).nilai


# --- rata-rata dan rasio -------------------------------------------------------------------


def hitung_rata_rata(
    nilai: Iterable[Angka | None] | None, batas_atas: Angka | None = None
) -> Hasil:
    """Simple mean, skipping missing values; see :func:`rata_rata`."""
    batas = _opsional(batas_atas)
    angka = [ke_decimal(x) for x in _daftar(nilai, "nilai") or () if x is not None]
    if not angka:
        return Hasil.kosong("tidak ada nilai untuk dirata-ratakan")
    if batas is not None:
        angka = [min(x, batas) for x in angka]
    return Hasil.ada(_rata(angka))


def rata_rata(
    nilai: Iterable[Angka | None] | None, batas_atas: Angka | None = None
) -> Decimal | None:
    """Simple mean ("rata-rata sederhana", LKIP 2024 sec 3.1), unrounded.

    Missing values (``None``) are left out, never read as 0 (mean(92.13, 0) = 46.07 is wrong,
    oracle B20); the caller reports which ones were left out. ``batas_atas`` caps each value
    before averaging (e.g. 100, so that one indicator at 111.11 % cannot hide another one's
    shortfall; off by default, DESIGN.md). ``None`` when there is no value at all (or no
    collection).

    A goal's (sasaran) achievement is the mean of its indicators' capaian; the overall
    achievement is the mean over goals.
    """
    return hitung_rata_rata(nilai, batas_atas).nilai


def hitung_median(nilai: Iterable[Angka | None] | None) -> Hasil:
    """Median, skipping missing values; see :func:`median`."""
    angka = sorted(ke_decimal(x) for x in _daftar(nilai, "nilai") or () if x is not None)
    if not angka:
        return Hasil.kosong("tidak ada nilai untuk dicari mediannya")
    tengah = len(angka) // 2
    if len(angka) % 2:
        return Hasil.ada(angka[tengah])
    return Hasil.ada(_rata([angka[tengah - 1], angka[tengah]]))


def median(nilai: Iterable[Angka | None] | None) -> Decimal | None:
    """The middle value (the mean of the two middle values for an even count), unrounded.

    The typical duration of a service, which a few very late requests do not pull up as they
    would a mean (Permenpan RB 14/2017, the survey's service-time element). Missing values are
    left out; ``None`` when there is no value at all (or no collection).
    """
    return hitung_median(nilai).nilai


def hitung_rasio(pembilang: Angka | None, penyebut: Angka | None) -> Hasil:
    """Ratio in percent; see :func:`rasio`."""
    a, b = _opsional(pembilang), _opsional(penyebut)
    if a is None or b is None:
        return _belum_diisi(("pembilang", a), ("penyebut", b))
    if b.is_zero():
        return Hasil.kosong("penyebut bernilai 0: rasio tidak dapat dihitung")
    return Hasil.ada(_persen(a, b))


def rasio(pembilang: Angka | None, penyebut: Angka | None) -> Decimal | None:
    """pembilang / penyebut × 100, unrounded; ``None`` when missing or penyebut is 0.

    The realisation of a count indicator, e.g. 227 / 257 × 100 = 88.3268… (LKIP 2024 Tabel 3.6,
    printed truncated as 88,32; half-up gives 88.33, oracle B5).
    """
    return hitung_rasio(pembilang, penyebut).nilai


def hitung_gabung_komponen(
    komponen: Iterable[tuple[Angka | None, Angka | None]] | None,
    cara: CaraGabung | str = CaraGabung.RATA_RATA,
) -> Hasil:
    """Combine numerator/denominator pairs into one percentage; see :func:`gabung_komponen`."""
    cara_ = _ke_cara(cara)
    pasangan = _daftar(komponen, "komponen")
    if pasangan is None:
        return Hasil.kosong("komponen belum diisi")
    if not pasangan:
        return Hasil.kosong("tidak ada komponen untuk digabung")
    if cara_ is CaraGabung.RATA_RATA:
        rasio_: list[Decimal] = []
        for nomor, (pembilang, penyebut) in enumerate(pasangan, start=1):
            hasil = hitung_rasio(pembilang, penyebut)
            if hasil.nilai is None:
                return Hasil.kosong(f"komponen ke-{nomor}: {hasil.alasan}")
            rasio_.append(hasil.nilai)
        return Hasil.ada(_rata(rasio_))
    pembilang_total = hitung_jumlah(p for p, _ in pasangan)
    penyebut_total = hitung_jumlah(q for _, q in pasangan)
    if pembilang_total.nilai is None:
        return Hasil.kosong(f"pembilang {pembilang_total.alasan}")
    if penyebut_total.nilai is None:
        return Hasil.kosong(f"penyebut {penyebut_total.alasan}")
    return hitung_rasio(pembilang_total.nilai, penyebut_total.nilai)


def gabung_komponen(
    komponen: Iterable[tuple[Angka | None, Angka | None]] | None,
    cara: CaraGabung | str = CaraGabung.RATA_RATA,
) -> Decimal | None:
    """One percentage for an indicator measured by several (numerator, denominator) pairs.

    LKIP 2024 Tabel 3.5: IKU1 is measured by ten pairs (220/220, 30 667/30 667, …). With
    ``CaraGabung.RATA_RATA`` the result is the mean of the pair ratios, with
    ``CaraGabung.GABUNGAN`` the pooled Σ numerators / Σ denominators × 100 (34 198 / 34 198).

    No value when the pairs are missing (``None``) or there are none, a pair is incomplete, a pair's
    denominator is 0 (``RATA_RATA``: dropping a pair would silently change the indicator), or the
    pooled denominator is 0 (``GABUNGAN``).
    """
    return hitung_gabung_komponen(komponen, cara).nilai


# --- pertumbuhan ---------------------------------------------------------------------------


def hitung_pertumbuhan(sebelum: Angka | None, sesudah: Angka | None) -> Hasil:
    """Growth rate in percent; see :func:`pertumbuhan`."""
    a, b = _opsional(sebelum), _opsional(sesudah)
    if a is None or b is None:
        return _belum_diisi(("nilai sebelumnya", a), ("nilai sesudahnya", b))
    if a.is_zero():
        return Hasil.kosong("nilai sebelumnya 0: pertumbuhan tidak dapat dihitung")
    with localcontext(_konteks()):
        return Hasil.ada(_persen(b - a, a))


def pertumbuhan(sebelum: Angka | None, sesudah: Angka | None) -> Decimal | None:
    """Growth: (sesudah − sebelum) / sebelum × 100, unrounded.

    ``None`` when either value is missing or ``sebelum`` is 0.
    """
    return hitung_pertumbuhan(sebelum, sesudah).nilai


def hitung_rata_rata_pertumbuhan(deret: Sequence[Angka | None] | None) -> Hasil:
    """Mean of the yearly growth rates; see :func:`rata_rata_pertumbuhan`."""
    daftar = _daftar(deret, "deret")
    if daftar is None:
        return Hasil.kosong("deret belum diisi: pertumbuhan tidak dapat dihitung")
    deret = daftar
    if len(deret) < 2:
        return Hasil.kosong("deret kurang dari 2 nilai: pertumbuhan tidak dapat dihitung")
    laju = [pertumbuhan(a, b) for a, b in pairwise(deret)]
    ada = [x for x in laju if x is not None]
    if not ada:
        return Hasil.kosong("tidak ada laju pertumbuhan tahunan yang dapat dihitung")
    return Hasil.ada(_rata(ada))


def rata_rata_pertumbuhan(deret: Sequence[Angka | None] | None) -> Decimal | None:
    """Average growth over several years: the simple mean of the year-on-year rates.

    ``deret`` holds one value per consecutive year. A rate that cannot be computed (a missing year,
    or a previous value of 0) is left out; ``None`` when the series is missing, fewer than 2 values
    are given or no rate can be computed. See also :func:`cagr`.
    """
    return hitung_rata_rata_pertumbuhan(deret).nilai


def hitung_cagr(deret: Sequence[Angka | None] | None) -> Hasil:
    """Compound annual growth rate in percent; see :func:`cagr`."""
    daftar = _daftar(deret, "deret")
    if daftar is None:
        return Hasil.kosong("deret belum diisi: pertumbuhan tidak dapat dihitung")
    deret = daftar
    if len(deret) < 2:
        return Hasil.kosong("deret kurang dari 2 nilai: pertumbuhan tidak dapat dihitung")
    awal, akhir = _opsional(deret[0]), _opsional(deret[-1])
    if awal is None or akhir is None:
        return _belum_diisi(("nilai awal", awal), ("nilai akhir", akhir))
    if awal <= 0:
        return Hasil.kosong("nilai awal harus lebih dari 0 untuk pertumbuhan majemuk")
    if akhir < 0:
        return Hasil.kosong("nilai akhir negatif: pertumbuhan majemuk tidak dapat dihitung")
    tahun = len(deret) - 1
    if akhir.is_zero():
        return Hasil.ada(-_SERATUS)
    # (akhir / awal) ** (1 / tahun) through ln/exp, with guard digits, then back to the
    # library's 28-digit precision.
    with localcontext(_konteks(40)):
        faktor = ((akhir / awal).ln() / tahun).exp()
    with localcontext(_konteks()):
        return Hasil.ada((+faktor - 1) * _SERATUS)


def cagr(deret: Sequence[Angka | None] | None) -> Decimal | None:
    """Compound annual growth rate: ((last / first) ^ (1 / (n − 1)) − 1) × 100, unrounded.

    ``deret`` holds one value per consecutive year (n values span n − 1 years); only the first and
    the last value are used, values in between may be missing. ``None`` when the series is missing,
    fewer than 2 values are given, the first or last value is missing, the first value is 0 or
    negative, or the last value is negative.
    """
    return hitung_cagr(deret).nilai
