"""Field types and input rules for requests that every domain shares.

Every request body is a `Masukan`: a field it does not know is a 422 that names it (a
misspelt key must never read as an absent one), and pydantic's lax mode is switched off
where it guesses: `true` is not the number 1, and `0.0`, `"yes"` or `"off"` are not booleans.
"""

from __future__ import annotations

import re
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Strict


class Masukan(BaseModel):
    """A request body (docs/architecture.md, "Input hygiene")."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # Whole numbers take JSON integers only (in lax mode `true` became 1), and booleans
        # JSON `true` or `false` only (`0.0`, "yes" and "off" were read as booleans). A
        # decimal already refuses `true`, and keeps reading "88.32" as text.
        super().__pydantic_init_subclass__(**kwargs)
        longgar = [
            f for f in cls.model_fields.values()
            if _ketat(f.annotation) and not any(isinstance(m, Strict) for m in f.metadata)
        ]  # fmt: skip
        for f in longgar:
            f.metadata.append(Strict())
        if longgar:
            cls.model_rebuild(force=True)


def _ketat(anotasi: Any) -> bool:
    """`int` or `bool`, alone or in a union with None."""
    jenis = get_args(anotasi) or (anotasi,)
    return any(a in (int, bool) for a in jenis) and all(a in (int, bool, type(None)) for a in jenis)


# --- control characters ---------------------------------------------------------------------
# NUL and the other C0 control characters (and DEL) are never text an operator typed: they
# come from broken exports or from probes, and PostgreSQL refuses NUL in a text column.
# Tab, line feed and carriage return stay allowed in text that may span lines; fields of one
# line refuse them too (POLA_SEBARIS). Enforced for every route by
# core/middleware.TolakKarakterKontrol (docs/architecture.md, "Input hygiene").
POLA_SEBARIS = r"^[^\x00-\x1f\x7f]+$"
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
