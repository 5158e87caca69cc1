"""The office's working-day calendar: `holidays` (ID) plus the cuti bersama kept as data."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import yaml

from dinsos_api.core.hari_kerja import Kalender, kalender_dari


@cache
def kalender_kantor() -> Kalender:
    """Every year's cuti bersama from data/cuti_bersama/<tahun>.yaml (read once)."""
    folder = resources.files("dinsos_api.layanan").joinpath("data", "cuti_bersama")
    tanggal: list[date] = []
    for berkas in sorted(folder.iterdir(), key=lambda f: f.name):
        if berkas.name.endswith(".yaml"):
            isi = yaml.safe_load(berkas.read_text(encoding="utf-8"))
            tanggal.extend(date.fromisoformat(str(c["tanggal"])) for c in isi["cuti_bersama"])
    return kalender_dari(tanggal)
