"""Field types and input rules for requests that every domain shares.

Every request body is a `Masukan`: a field it does not know is a 422 that names it (a
misspelt key must never read as an absent one), and pydantic's lax mode is switched off
where it guesses: `true` is not the number 1, and `0.0`, `"yes"` or `"off"` are not booleans.
"""

from __future__ import annotations

import re
from typing import Any, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Strict
from pydantic_core import PydanticCustomError


class Masukan(BaseModel):
    """A request body (docs/architecture.md, "Input hygiene")."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # Pydantic's lax mode guesses where JSON Schema does not: `true` became the number 1,
        # "5" the number 5, and `0.0`, "yes" or "off" a boolean. Whole numbers take JSON
        # numbers only (2025.0 is one, as JSON Schema says), booleans `true` or `false` only.
        # A decimal already refuses `true`, and keeps reading "88.32" as text.
        super().__pydantic_init_subclass__(**kwargs)
        ubah = False
        for f in cls.model_fields.values():
            jenis = _jenis(f.annotation)
            if jenis == {bool} and not any(isinstance(m, Strict) for m in f.metadata):
                f.metadata.append(Strict())
                ubah = True
            elif jenis == {int} and BILANGAN_JSON not in f.metadata:
                f.metadata.append(BILANGAN_JSON)
                ubah = True
        if ubah:
            cls.model_rebuild(force=True)


def _bukan_teks_atau_boolean(nilai: Any) -> Any:
    if isinstance(nilai, bool | str):
        raise PydanticCustomError("int_type", "harus berupa bilangan bulat")
    return nilai


BILANGAN_JSON = BeforeValidator(_bukan_teks_atau_boolean)


def _jenis(anotasi: Any) -> set[Any]:
    """The types a field takes, None aside: {int} for `int | None`."""
    return set(get_args(anotasi) or (anotasi,)) - {type(None)}


# --- control characters ---------------------------------------------------------------------
# NUL and the other C0 control characters (and DEL) are never text an operator typed: they
# come from broken exports or from probes, and PostgreSQL refuses NUL in a text column.
# Tab, line feed and carriage return stay allowed in text that may span lines; fields of one
# line refuse them too (POLA_SEBARIS). Enforced for every route by
# core/middleware.TolakKarakterKontrol (docs/architecture.md, "Input hygiene").
POLA_SEBARIS = r"^[^\x00-\x1f\x7f]+$"
POLA_SEBARIS_BOLEH_KOSONG = r"^[^\x00-\x1f\x7f]*$"  # a query parameter, which may be empty
POLA_TEKS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
KARAKTER_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
KONTROL_SEBARIS = re.compile(r"[\x00-\x1f\x7f]")

Lokasi = tuple[str | int, ...]


def lokasi_karakter_kontrol(data: Any, awal: Lokasi = (), batas: int = 10) -> list[Lokasi]:
    """Where in parsed JSON (or form fields) a key or a text holds a control character: the
    locations as pydantic writes them, at most `batas`. Iterative: depth is no concern."""
    temuan: list[Lokasi] = []
    tumpukan: list[tuple[Lokasi, Any]] = [(awal, data)]
    while tumpukan and len(temuan) < batas:
        lokasi, nilai = tumpukan.pop()
        if isinstance(nilai, str):
            if KARAKTER_KONTROL.search(nilai):
                temuan.append(lokasi)
        elif isinstance(nilai, dict):
            for kunci, isi in reversed(nilai.items()):
                if KARAKTER_KONTROL.search(kunci):
                    temuan.append((*lokasi, kunci.encode("unicode_escape").decode()))
                else:
                    tumpukan.append(((*lokasi, kunci), isi))
        elif isinstance(nilai, list):
            tumpukan.extend(((*lokasi, i), isi) for i, isi in reversed(list(enumerate(nilai))))
    return temuan[:batas]
