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

# 18 integer digits bound every amount (NUMERIC(18,2) money fits) and keeps exact arithmetic
# fast whatever a client sends.
_BATAS = Decimal(10) ** 18

Batas = Literal["bebas", "tidak_negatif", "positif"]

# Up to 10 decimal places; JSON numbers with more are rounded to 10 (they went through a
# binary float anyway).
_TEMPAT = 10
_KUANTUM = Decimal(1).scaleb(-_TEMPAT)

_POLA: dict[Batas, str] = {
    "bebas": r"^[+-]?[0-9]{1,18}(\.[0-9]{1,10})?$",
    "tidak_negatif": r"^\+?[0-9]{1,18}(\.[0-9]{1,10})?$",
    # A non-zero digit before the point, or k zeros then a non-zero digit within 10 places.
    "positif": r"^\+?0*([1-9][0-9]{0,17}(\.[0-9]{1,10})?|0?\.("
    + "|".join(f"0{{{k}}}[1-9][0-9]{{0,{9 - k}}}" for k in range(10))
    + "))$",
}

_PESAN: dict[Batas, str] = {
    "bebas": "harus berupa angka desimal, misalnya 88.32",
    "tidak_negatif": "harus berupa angka desimal yang tidak negatif, misalnya 88.32",
    "positif": "harus berupa angka desimal lebih besar dari 0, misalnya 88.32",
}


def _skema(batas: Batas) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number", "exclusiveMaximum": float(_BATAS)}
    if batas == "bebas":
        number["exclusiveMinimum"] = -float(_BATAS)
    elif batas == "tidak_negatif":
        number["minimum"] = 0
    else:
        number["exclusiveMinimum"] = 0
    return {"anyOf": [number, {"type": "string", "pattern": _POLA[batas]}]}


def _validator(batas: Batas) -> BeforeValidator:
    pola = re.compile(_POLA[batas].replace("^", r"\A", 1).replace("$", r"\Z"))

    def validate(nilai: Any) -> Decimal:
        salah = PydanticCustomError("desimal", _PESAN[batas])
        if isinstance(nilai, str):
            # Strings go through the pattern, exactly as the schema documents.
            if not pola.match(nilai):
                raise salah
            return Decimal(nilai)
        if isinstance(nilai, bool) or not isinstance(nilai, int | float | Decimal):
            raise salah
        try:
            # A JSON float becomes the decimal it prints as (88.32, not 88.31999…).
            angka = Decimal(str(nilai)) if isinstance(nilai, float) else Decimal(nilai)
            if angka.is_finite() and angka.as_tuple().exponent < -_TEMPAT:  # type: ignore[operator]
                angka = angka.quantize(_KUANTUM, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise salah from None
        if not angka.is_finite() or not -_BATAS < angka < _BATAS:
            raise salah
        if (batas == "tidak_negatif" and angka < 0) or (batas == "positif" and angka <= 0):
            raise salah
        return angka

    return BeforeValidator(validate)


def _desimal(batas: Batas) -> Any:
    return Annotated[Decimal, _validator(batas), WithJsonSchema(_skema(batas), mode="validation")]


Desimal = _desimal("bebas")
DesimalTidakNegatif = _desimal("tidak_negatif")
DesimalPositif = _desimal("positif")


def _ke_json(nilai: Decimal) -> int | float:
    # Integral values (rupiah) become exact JSON integers of any size. Other values arrive
    # rounded to 2 places; their shortest float repr prints the same digits up to 15 digits.
    if nilai == nilai.to_integral_value():
        return int(nilai)
    return float(nilai)


AngkaKeluar = Annotated[
    Decimal, PlainSerializer(_ke_json, return_type=int | float, when_used="json")
]
