"""Field types and input rules for requests that every domain shares.

Pydantic's lax mode reads `0.0`, `"yes"` or `"off"` as a boolean; the published schema says
`boolean`, and a client sending `0.0` for `aktif` has made a mistake worth naming.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Strict

# JSON `true` or `false`, nothing else.
BoolKetat = Annotated[bool, Strict()]


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
