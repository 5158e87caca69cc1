"""Types for exact numbers in requests and responses.

Money and percentages are `Decimal`. Requests accept a JSON number or a plain decimal string
("88.32", no exponent, no thousands separator); responses carry a JSON number, already rounded
by `kinerja_core.bulatkan`. What the validator accepts is exactly what the published schema
says, so generated clients and schemathesis agree with the server.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

# Without a column to fit, 18 integer digits and 10 places bound every number, which keeps
# exact arithmetic fast whatever a client sends. A number stored in a NUMERIC column is
# bounded by that column (`desimal(bulat=…, tempat=…)`), in the schema as in the validator.
_BULAT = 18
_TEMPAT = 10

Batas = Literal["bebas", "tidak_negatif", "positif"]


def _pola(batas: Batas, bulat: int, tempat: int) -> str:
    angka = rf"[0-9]{{1,{bulat}}}(\.[0-9]{{1,{tempat}}})?"
    if batas == "bebas":
        return rf"^[+-]?{angka}$"
    if batas == "tidak_negatif":
        return rf"^\+?{angka}$"
    # A non-zero digit before the point, or k zeros then a non-zero digit within the places.
    pecahan = "|".join(f"0{{{k}}}[1-9][0-9]{{0,{tempat - 1 - k}}}" for k in range(tempat))
    return rf"^\+?0*([1-9][0-9]{{0,{bulat - 1}}}(\.[0-9]{{1,{tempat}}})?|0?\.({pecahan}))$"


_JENIS: dict[Batas, str] = {
    "bebas": "angka desimal",
    "tidak_negatif": "angka desimal yang tidak negatif",
    "positif": "angka desimal lebih besar dari 0",
}


def _pesan(batas: Batas, bulat: int, tempat: int) -> str:
    pesan = f"harus berupa {_JENIS[batas]}, misalnya 88.32"
    if (bulat, tempat) != (_BULAT, _TEMPAT):
        pesan += f" (paling banyak {bulat} digit sebelum koma dan {tempat} angka di belakang koma)"
    return pesan


def _skema(batas: Batas, bulat: int, tempat: int) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number", "exclusiveMaximum": float(10**bulat)}
    if batas == "bebas":
        number["exclusiveMinimum"] = -float(10**bulat)
    elif batas == "tidak_negatif":
        number["minimum"] = 0
    else:
        number["exclusiveMinimum"] = 0
    return {"anyOf": [number, {"type": "string", "pattern": _pola(batas, bulat, tempat)}]}


def _validator(batas: Batas, bulat: int, tempat: int) -> BeforeValidator:
    pola = re.compile(_pola(batas, bulat, tempat).replace("^", r"\A", 1).replace("$", r"\Z"))
    pesan = _pesan(batas, bulat, tempat)
    batas_atas = Decimal(10) ** bulat
    kuantum = Decimal(1).scaleb(-_TEMPAT)

    def validate(nilai: Any) -> Decimal:
        salah = PydanticCustomError("desimal", pesan)
        if isinstance(nilai, str):
            # Strings go through the pattern, exactly as the schema documents.
            if not pola.match(nilai):
                raise salah
            return Decimal(nilai)
        if isinstance(nilai, bool) or not isinstance(nilai, int | float | Decimal):
            raise salah
        try:
            # A JSON float becomes the decimal it prints as (88.32, not 88.31999…); past 10
            # places it is rounded (it went through a binary float anyway).
            angka = Decimal(str(nilai)) if isinstance(nilai, float) else Decimal(nilai)
            if angka.is_finite() and angka.as_tuple().exponent < -_TEMPAT:  # type: ignore[operator]
                angka = angka.quantize(kuantum, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise salah from None
        if not angka.is_finite() or not -batas_atas < angka < batas_atas:
            raise salah
        if angka.as_tuple().exponent < -tempat:  # type: ignore[operator]
            raise salah
        if (batas == "tidak_negatif" and angka < 0) or (batas == "positif" and angka <= 0):
            raise salah
        return angka

    return BeforeValidator(validate)


def desimal(batas: Batas, bulat: int = _BULAT, tempat: int = _TEMPAT) -> Any:
    """A request number type: `bulat` digits before the point at most, `tempat` after."""
    return Annotated[
        Decimal,
        _validator(batas, bulat, tempat),
        WithJsonSchema(_skema(batas, bulat, tempat), mode="validation"),
    ]


Desimal = desimal("bebas")
DesimalTidakNegatif = desimal("tidak_negatif")
DesimalPositif = desimal("positif")

# Money in NUMERIC(18,2): 16 digits before the point, 2 after.
Uang = desimal("bebas", bulat=16, tempat=2)
UangTidakNegatif = desimal("tidak_negatif", bulat=16, tempat=2)


def _ke_json(nilai: Decimal) -> int | float:
    # Integral values (rupiah) become exact JSON integers of any size. Other values arrive
    # rounded to 2 places; their shortest float repr prints the same digits up to 15 digits.
    if nilai == nilai.to_integral_value():
        return int(nilai)
    return float(nilai)


AngkaKeluar = Annotated[
    Decimal, PlainSerializer(_ke_json, return_type=int | float, when_used="json")
]
