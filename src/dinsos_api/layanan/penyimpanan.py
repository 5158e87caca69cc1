"""Where documents live: a small interface, a folder under var/ by default.

An S3-compatible store can replace `PenyimpananBerkas` by implementing the same three methods.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol


class Penyimpanan(Protocol):
    def simpan(self, kunci: str, isi: bytes) -> None: ...

    def buka(self, kunci: str) -> bytes: ...

    def hapus(self, kunci: str) -> None: ...


class PenyimpananBerkas:
    """Files under `akar`; keys are relative paths the service builds from ids."""

    def __init__(self, akar: Path) -> None:
        self.akar = akar

    def _jalur(self, kunci: str) -> Path:
        jalur = (self.akar / kunci).resolve()
        if not jalur.is_relative_to(self.akar.resolve()):
            raise ValueError("storage key escapes the storage root")
        return jalur

    def simpan(self, kunci: str, isi: bytes) -> None:
        jalur = self._jalur(kunci)
        jalur.parent.mkdir(parents=True, exist_ok=True)
        sementara = jalur.with_suffix(".tmp")
        sementara.write_bytes(isi)
        os.replace(sementara, jalur)  # whole file or nothing

    def buka(self, kunci: str) -> bytes:
        return self._jalur(kunci).read_bytes()

    def hapus(self, kunci: str) -> None:
        self._jalur(kunci).unlink(missing_ok=True)
