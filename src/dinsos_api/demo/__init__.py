"""The demo data set loaded by `dinsos demo muat` (and by `make run`).

Built from the office's own documents; the files under `data/` are the project's copies, so
a clone of this repository works alone.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from sqlmodel import Session, SQLModel

from dinsos_api.penerima.models import KategoriPmks, KategoriPsks
from dinsos_api.wilayah.models import Wilayah

_DATA = resources.files("dinsos_api.demo") / "data"


def _teks(nama: str) -> str:
    return (_DATA / nama).read_text(encoding="utf-8")


def _singkatan(nilai: Any) -> str | None:
    # The extraction writes "not stated" (sometimes with a remark) where the source is silent.
    if not isinstance(nilai, str) or nilai.startswith("not stated"):
        return None
    return nilai.split(" (")[0].strip()[:32] or None


def daftar_wilayah() -> list[Wilayah]:
    rows = csv.DictReader(_teks("wilayah_ntt.csv").splitlines())
    return [
        Wilayah(
            kode=r["kode"],
            kode_kemendagri=r["kode_kemendagri"],
            jenis=r["jenis"],
            nama=r["nama"],
        )
        for r in rows
    ]


def _kategori() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_teks("kategori_pmks_psks.yaml"))
    return data


def daftar_kategori_pmks() -> list[KategoriPmks]:
    return [
        KategoriPmks(
            kode=c["code"],
            nomor=c["table_2_7_no"],
            nama=c["name"],
            singkatan=_singkatan(c.get("abbreviation")),
            sasaran=c["unit"],
        )
        for c in _kategori()["pmks_categories"]["categories"]
    ]


def daftar_kategori_psks() -> list[KategoriPsks]:
    return [
        KategoriPsks(kode=c["code"], nama=c["name"], singkatan=_singkatan(c.get("abbreviation")))
        for c in _kategori()["psks_categories"]
    ]


def laporan_lkip_2024() -> dict[str, Any]:
    """The 2024 LKIP of the province as printed, in the checker's input shape."""
    data: dict[str, Any] = json.loads(_teks("lkip2024_laporan.json"))
    return data


@dataclass(frozen=True)
class HasilMuat:
    wilayah: int
    kategori_pmks: int
    kategori_psks: int


def muat_referensi(session: Session) -> HasilMuat:
    """Insert or update the reference data; running it twice changes nothing."""
    groups: list[list[SQLModel]] = [
        list(daftar_wilayah()),
        list(daftar_kategori_pmks()),
        list(daftar_kategori_psks()),
    ]
    for rows in groups:
        for row in rows:
            session.merge(row)
    session.commit()
    return HasilMuat(*(len(rows) for rows in groups))


def muat(session: Session) -> HasilMuat:
    """Everything `make run` shows a newcomer."""
    return muat_referensi(session)
