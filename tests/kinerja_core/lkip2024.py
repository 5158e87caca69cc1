"""The LKIP 2024 golden data (tests/fixtures/lkip2024/), read once at import time."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "lkip2024"


@dataclass(frozen=True)
class Baris:
    """One row of anggaran.csv (the budget tables of LKIP 2024)."""

    level: str
    program: str
    parent: str
    name: str
    pagu: str
    realisasi: str
    printed_percent: str
    source: str
    pagu_raw: str
    realisasi_raw: str
    printed_percent_raw: str
    recomputed_percent_2dp_half_up: str
    percent_flag: str

    @property
    def ringkasan(self) -> bool:
        """Whether the row is from the sec 3.8 summary table (not the detail tables)."""
        return self.source.startswith("sec 3.8")


@dataclass(frozen=True)
class CekJumlah:
    """One parent = sum of children check of anggaran_checks.json."""

    nomor: int
    check: str
    parent: str
    field: str
    parent_value: str
    children_sum: str | None
    ok: bool | None
    anak: tuple[str, ...]  # the children's values of `field`, "" for a blank cell


def _baca_baris() -> tuple[Baris, ...]:
    with (FIXTURES / "anggaran.csv").open(encoding="utf-8", newline="") as f:
        kolom = Baris.__dataclass_fields__
        return tuple(Baris(**{k: v for k, v in r.items() if k in kolom}) for r in csv.DictReader(f))


BARIS: tuple[Baris, ...] = _baca_baris()


def _anak(cek: dict[str, Any]) -> list[Baris]:
    """The children rows a check sums, by the rule its `check` text names."""
    jenis, induk = cek["check"], cek["parent"]
    if jenis.startswith("detail: kegiatan"):
        return [
            b for b in BARIS if not b.ringkasan and b.level == "sub_kegiatan" and b.parent == induk
        ]
    if jenis.startswith("detail: program"):
        return [
            b for b in BARIS if not b.ringkasan and b.level == "kegiatan" and b.program == induk
        ]
    if jenis.startswith("summary table"):
        (program,) = [b for b in BARIS if b.ringkasan and b.level == "program" and b.name == induk]
        return [
            b
            for b in BARIS
            if b.ringkasan and b.level == "kegiatan" and b.program == program.program
        ]
    raise AssertionError(f"unknown check kind: {jenis}")


def _baca_cek() -> tuple[CekJumlah, ...]:
    data = json.loads((FIXTURES / "anggaran_checks.json").read_text(encoding="utf-8"))
    return tuple(
        CekJumlah(
            nomor=nomor,
            check=c["check"],
            parent=c["parent"],
            field=c["field"],
            parent_value=c["parent_value"],
            children_sum=c["children_sum"],
            ok=c.get("ok"),
            anak=tuple(getattr(b, c["field"]) for b in _anak(c)),
        )
        for nomor, c in enumerate(data["sum_checks"], start=1)
    )


CEK_JUMLAH: tuple[CekJumlah, ...] = _baca_cek()

# Oracle (a) A.3: rows whose printed percentage follows from pagu and realisasi (P1–P135).
BARIS_P: tuple[Baris, ...] = tuple(b for b in BARIS if not b.percent_flag and b.printed_percent)

# Oracle (a) A.4: parent = sum of children where it holds (S1–S52).
CEK_S: tuple[CekJumlah, ...] = tuple(c for c in CEK_JUMLAH if c.ok is True)
