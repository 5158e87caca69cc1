"""Types for exact numbers in requests and responses.

Money and percentages are `Decimal`. Requests accept a JSON number or a decimal string
("88.32"); responses carry a JSON number, already rounded by `kinerja_core.bulatkan`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, PlainSerializer

# Bounded so that no request can make exact arithmetic slow: up to 18 integer digits
# (NUMERIC(18,2) money fits) and 10 decimals.
Desimal = Annotated[Decimal, Field(max_digits=28, decimal_places=10, allow_inf_nan=False)]


def _ke_json(nilai: Decimal) -> int | float:
    # Integral values (rupiah) become exact JSON integers of any size. Other values arrive
    # rounded to 2 places; their shortest float repr prints the same digits up to 15 digits.
    if nilai == nilai.to_integral_value():
        return int(nilai)
    return float(nilai)


AngkaKeluar = Annotated[
    Decimal, PlainSerializer(_ke_json, return_type=int | float, when_used="json")
]
