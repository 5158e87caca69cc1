"""Numbers: exact decimals, rounding, and parsing numbers as printed in Indonesian documents.

Every computation in ``kinerja_core`` runs on :class:`~decimal.Decimal`. Binary ``float`` is
refused at the door (``TypeError``): money and percentages must be exact (DESIGN.md, "Money is
exact"; in float ``100 - 93.03 == 6.969999999999999``, LKIP 2024 case A17).

Rounding happens only on output, to 2 places with ROUND_HALF_UP on the exact decimal value, the
only rule that reproduces the ties printed in LKIP 2024 (97.095 → 97.10, 94.725 → 94.73,
89.445 → 89.45; oracle cases T1–T3).

``None`` is a missing value, and every function here gives ``None`` for it (the library's rule,
see the package docstring): ``bulatkan(None)``, ``format_angka(None)``, ``ke_decimal(None)`` and
``parse_angka(None)`` are all ``None``.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from functools import lru_cache
from typing import TypeAlias, overload

__all__ = [
    "Angka",
    "bulatkan",
    "format_angka",
    "ke_decimal",
    "konteks_hitung",
    "parse_angka",
    "parse_angka_atau_kosong",
]

Angka: TypeAlias = Decimal | int | str
"""A number accepted by every public function: ``Decimal``, ``int`` or a plain decimal string.

``float`` is deliberately not part of it (and ``bool`` is not a number here).
"""

# Python's default precision, fixed here so that a caller's global decimal context (a lowered
# precision, another rounding mode, disabled traps) never changes what the library computes.
_PRESISI = 28

# Magnitude limit (a power of ten) for accepted numbers. Far beyond any amount or percentage
# the office handles (10^15 Rupiah is a thousand times the national budget); it keeps absurd
# input such as "1E+999999999" a clear ValueError instead of an overflow deep inside.
_JANGKAUAN = 100

# A plain decimal string as Python writes one: "88.32", "-2.86", "1E+3", ".5". Only ASCII
# digits: Decimal() itself would also accept "1_000", "NaN" and non-ASCII digits.
_DESIMAL_POLOS = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

_LOKAL: dict[str, tuple[str, str]] = {
    # lokal: (thousands separator, decimal mark)
    "id": (".", ","),
    "en": (",", "."),
    "c": (",", "."),
}

# Prefixes for Rupiah amounts: "Rp", "Rp.", "IDR", followed by optional spaces.
_MATA_UANG = re.compile(r"(?:rp\.?|idr)\s*", re.IGNORECASE)

# Cells that mean "no value" in the office's tables.
_TANDA_KOSONG = frozenset({"", "-", "–", "—"})

_MINUS = ("-", "−")  # ASCII hyphen-minus and U+2212 MINUS SIGN


def konteks_hitung(presisi: int = _PRESISI) -> Context:
    """A copy of the decimal context every computation in this library runs under.

    Precision 28 significant digits (Python's default), banker's rounding for the last digit of
    an intermediate result (rounding to 2 places for output is :func:`bulatkan`'s job), and
    traps on invalid operations, division by zero and overflow.
    """
    return _konteks(presisi).copy()


@lru_cache(maxsize=32)
def _konteks(presisi: int = _PRESISI) -> Context:
    # Shared by the library's own calls (creating a Context costs more than the arithmetic);
    # `localcontext` copies it, so no caller can change it.
    return Context(
        prec=presisi,
        rounding=ROUND_HALF_EVEN,
        Emax=999_999,
        Emin=-999_999,
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )


@overload
def ke_decimal(nilai: Angka) -> Decimal: ...
@overload
def ke_decimal(nilai: None) -> None: ...


def ke_decimal(nilai: Angka | None) -> Decimal | None:
    """Convert an accepted number to ``Decimal``, exactly; ``None`` (no value) stays ``None``.

    Accepts ``Decimal``, ``int`` and plain decimal strings (``"88.32"``, ``"-2.86"``, ``"1E+3"``;
    surrounding whitespace is ignored). For numbers as printed in documents ("96,51",
    "69.778.653.677,00") use :func:`parse_angka`, which is explicit about the locale.

    Raises:
        TypeError: for ``float`` (float arithmetic on money is forbidden), ``bool`` and any
            other type.
        ValueError: for NaN, infinities and strings that are not plain decimal numbers.
    """
    if type(nilai) is Decimal:
        # The common case first, checked inline: a report total converts tens of thousands
        # of amounts read from the database.
        if nilai.is_finite() and (nilai.is_zero() or abs(nilai.adjusted()) <= _JANGKAUAN):
            return nilai
        return _periksa_jangkauan(nilai)
    if nilai is None:
        return None
    if isinstance(nilai, bool):
        raise TypeError(f"nilai boolean ({nilai!r}) bukan angka")
    if isinstance(nilai, float):
        raise TypeError(
            f"float tidak diterima ({nilai!r}): float tidak eksak untuk uang dan persentase; "
            "gunakan Decimal, int atau str, misalnya Decimal('88.32') atau '88.32'"
        )
    if isinstance(nilai, Decimal):
        angka = nilai
    elif isinstance(nilai, int):
        angka = Decimal(nilai)
    elif isinstance(nilai, str):
        teks = nilai.strip()
        if not _DESIMAL_POLOS.fullmatch(teks):
            raise ValueError(
                f"bukan angka desimal biasa: {nilai!r} (contoh yang sah: '88.32', '-2.86'; "
                "untuk angka bergaya Indonesia seperti '96,51' gunakan parse_angka)"
            )
        angka = Decimal(teks)
    else:
        raise TypeError(
            f"tipe {type(nilai).__name__} tidak diterima sebagai angka; "
            "gunakan Decimal, int atau str"
        )
    return _periksa_jangkauan(angka)


def _periksa_jangkauan(angka: Decimal) -> Decimal:
    if not angka.is_finite():
        raise ValueError(f"nilai harus berupa angka terhingga, bukan {angka}")
    if not angka.is_zero() and abs(angka.adjusted()) > _JANGKAUAN:
        raise ValueError(f"nilai di luar jangkauan: {angka:.3E} (batasnya 10^±{_JANGKAUAN})")
    return angka


@overload
def bulatkan(nilai: Angka, tempat: int = 2) -> Decimal: ...
@overload
def bulatkan(nilai: None, tempat: int = 2) -> None: ...


def bulatkan(nilai: Angka | None, tempat: int = 2) -> Decimal | None:
    """Round to ``tempat`` decimal places, half away from zero (ROUND_HALF_UP), exactly.

    DESIGN.md: round only on output, 2 places, ROUND_HALF_UP. The rounding is done on the exact
    decimal value, so ties are true ties: 97.095 → 97.10, 94.725 → 94.73, 89.445 → 89.45
    (LKIP 2024, oracle T1–T3), and -2.865 → -2.87. A zero result is returned without a sign
    (``bulatkan("-0.001")`` is ``Decimal("0.00")``, not ``-0.00``). No value stays no value:
    ``bulatkan(None)`` is ``None``, so ``bulatkan(capaian(5, 0))`` needs no check first.
    """
    if isinstance(tempat, bool) or not isinstance(tempat, int):
        raise TypeError(f"tempat harus int, bukan {type(tempat).__name__}")
    if tempat < 0:
        raise ValueError(f"tempat desimal tidak boleh negatif: {tempat}")
    if nilai is None:
        return None
    angka = ke_decimal(nilai)
    # Enough digits for the integer part plus the kept places, whatever the magnitude.
    presisi = max(_PRESISI, angka.adjusted() + tempat + 2)
    hasil = angka.quantize(
        Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP, context=_konteks(presisi)
    )
    return hasil.copy_abs() if hasil.is_zero() else hasil


@overload
def parse_angka(teks: str, lokal: str = "id") -> Decimal: ...
@overload
def parse_angka(teks: None, lokal: str = "id") -> None: ...


def parse_angka(teks: str | None, lokal: str = "id") -> Decimal | None:
    """Parse a number as printed in a document, with an explicit locale.

    ``lokal="id"`` (Indonesian): ``.`` groups thousands and ``,`` is the decimal mark;
    ``lokal="en"`` (or ``"c"``): the reverse. Examples under ``"id"``:

    ===========================  =====================
    ``"69.778.653.677,00"``      ``69778653677.00``
    ``"96,51"``                  ``96.51``
    ``"93,03%"``                 ``93.03`` (a trailing ``%`` is dropped)
    ``"52"`` / ``"-2,86"``       ``52`` / ``-2.86``
    ``"Rp 1.500.000"``           ``1500000``
    ``"Rp. 1.500.000,-"``        ``1500000`` (``,-`` means "no cents")
    ===========================  =====================

    Grouping must be regular: the first group has 1–3 digits (not starting with 0), every
    further group exactly 3; an integer part may also be written without any grouping. An
    ambiguous or malformed string is an error, never a guess (DESIGN.md; oracle Q10):
    under ``"id"``, ``"98.09"`` raises instead of becoming 9809, and ``"54000.000"`` raises
    because its first group has five digits. ``"1.000"`` is 1000 under ``"id"`` and 1.000 under
    ``"en"``.

    ``None`` (no value) gives ``None``, as everywhere in the library. A blank or ``"-"`` (a
    missing cell written as text) is an error here; use :func:`parse_angka_atau_kosong` when a
    blank cell is acceptable.

    Raises:
        TypeError: if ``teks`` is neither a ``str`` nor ``None``.
        ValueError: for an unknown locale or a string that is not a well-formed number.
    """
    if teks is None:
        return None
    if not isinstance(teks, str):
        raise TypeError(f"parse_angka menerima str, bukan {type(teks).__name__}")
    ribuan, desimal = _pemisah(lokal)
    asli = teks
    sisa = teks.strip()
    if sisa in _TANDA_KOSONG:
        raise ValueError(
            f"nilai kosong {asli!r} bukan angka (gunakan parse_angka_atau_kosong "
            "jika sel kosong diperbolehkan)"
        )

    negatif = False
    if sisa.startswith(_MINUS):
        negatif, sisa = True, sisa[1:].lstrip()
    elif sisa.startswith("+"):
        sisa = sisa[1:].lstrip()

    mata_uang = _MATA_UANG.match(sisa)
    if mata_uang is not None:
        sisa = sisa[mata_uang.end() :]
        if not negatif and sisa.startswith(_MINUS):  # "Rp -1.000"
            negatif, sisa = True, sisa[1:].lstrip()
    elif sisa.endswith("%"):
        sisa = sisa[:-1].rstrip()
    if sisa.endswith(desimal + "-"):  # "Rp. 1.500.000,-": the amount has no cents
        sisa = sisa[:-2]

    if not sisa:
        raise ValueError(f"tidak ada angka dalam {asli!r}")
    if sisa.count(desimal) > 1:
        raise ValueError(
            f"{asli!r}: tanda desimal {desimal!r} muncul lebih dari sekali (lokal {lokal!r})"
        )
    bulat, _, pecahan = sisa.partition(desimal)
    if desimal in sisa and not re.fullmatch(r"[0-9]+", pecahan):
        raise ValueError(
            f"{asli!r}: setelah tanda desimal {desimal!r} harus ada angka saja (lokal {lokal!r})"
        )
    digit_bulat = _bagian_bulat(bulat, ribuan, asli, lokal)

    hasil = Decimal(f"{digit_bulat}.{pecahan}" if pecahan else digit_bulat)
    if negatif and not hasil.is_zero():
        hasil = -hasil
    return _periksa_jangkauan(hasil)


def parse_angka_atau_kosong(teks: str | None, lokal: str = "id") -> Decimal | None:
    """Like :func:`parse_angka`, but a missing cell gives ``None`` instead of an error.

    Missing means ``None``, a blank string, or a lone dash (``-``, ``–``, ``—``), as the office's
    tables print it. A missing value must stay missing: read as 0 it corrupts means and sums
    (LKIP 2024, oracle B20 and B23).
    """
    if teks is None or teks.strip() in _TANDA_KOSONG:
        return None
    return parse_angka(teks, lokal)


@overload
def format_angka(nilai: Angka, tempat: int | None = 2, lokal: str = "id") -> str: ...
@overload
def format_angka(nilai: None, tempat: int | None = 2, lokal: str = "id") -> None: ...


def format_angka(nilai: Angka | None, tempat: int | None = 2, lokal: str = "id") -> str | None:
    """Write a number the way the office's documents print it; the inverse of parse_angka.

    Rounded to ``tempat`` places with ROUND_HALF_UP (``None`` keeps the exact digits), grouped
    in thousands: ``format_angka(Decimal("69778653677"))`` is ``"69.778.653.677,00"`` and
    ``format_angka("-2.86")`` is ``"-2,86"``; under ``lokal="en"`` ``"69,778,653,677.00"``.
    ``parse_angka(format_angka(x, None, lokal), lokal) == x`` for every finite ``x``.
    No value is not written: ``format_angka(None)`` is ``None`` (print it as the table does).
    """
    ribuan, desimal = _pemisah(lokal)
    if nilai is None:
        return None
    angka = ke_decimal(nilai) if tempat is None else bulatkan(nilai, tempat)
    bulat, _, pecahan = f"{angka.copy_abs():f}".partition(".")
    kelompok = f"{int(bulat):,}".replace(",", ribuan)
    tanda = "-" if angka < 0 else ""
    return f"{tanda}{kelompok}{desimal}{pecahan}" if pecahan else f"{tanda}{kelompok}"


def _pemisah(lokal: str) -> tuple[str, str]:
    try:
        return _LOKAL[lokal.lower()]
    except (KeyError, AttributeError):
        pilihan = ", ".join(repr(k) for k in _LOKAL)
        raise ValueError(f"lokal tidak dikenal: {lokal!r} (pilih salah satu: {pilihan})") from None


def _bagian_bulat(bulat: str, ribuan: str, asli: str, lokal: str) -> str:
    """Check the integer part (with or without thousands grouping) and return its digits."""
    if re.fullmatch(r"[0-9]+", bulat):
        return bulat
    if not bulat:
        raise ValueError(f"{asli!r}: tidak ada angka sebelum tanda desimal")
    kelompok = bulat.split(ribuan)
    if len(kelompok) == 1 or not all(re.fullmatch(r"[0-9]+", k) for k in kelompok):
        raise ValueError(f"{asli!r} bukan angka yang sah untuk lokal {lokal!r}")
    pertama, lanjutan = kelompok[0], kelompok[1:]
    if not 1 <= len(pertama) <= 3 or any(len(k) != 3 for k in lanjutan):
        raise ValueError(
            f"{asli!r}: pengelompokan ribuan tidak sah untuk lokal {lokal!r} "
            f"(pemisah ribuan {ribuan!r}: kelompok pertama 1–3 digit, selanjutnya tepat 3 digit; "
            "jika maksudnya tanda desimal, pilih lokal yang sesuai)"
        )
    if pertama.startswith("0"):
        raise ValueError(f"{asli!r}: angka berkelompok ribuan tidak boleh diawali 0")
    return "".join(kelompok)
