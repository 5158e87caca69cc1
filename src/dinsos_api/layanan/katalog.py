"""The decree as data: the catalogue (loaded into versioned rows) and the workflow machines.

`data/katalog/*.yaml` each hold one decree (the 2022 standards today); a revised decree is a
new file with its own `tanggal_ditetapkan`, loaded beside the old one, so requests filed
under the old standard keep it. `data/alur.yaml` holds each service's channels, SLA,
document types and state machine (see alur.py).

The catalogue files also carry the analysts' notes on the decree, in English, for developers:
`ambigu` and `catatan` keys, source line numbers, "not stated" where the decree is silent and
remarks in parentheses. `isi_publik` keeps them out of every answer: the public sees the
decree's content only, in Indonesian, and `null` where the decree says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml
from sqlmodel import Session, select

from dinsos_api.core.hari_kerja import Satuan
from dinsos_api.layanan.alur import Alur, muat_alur
from dinsos_api.layanan.models import LayananVersi

# The parts of each appendix shown in the catalogue (the rest is the office's internal side).
_KOMPONEN = (
    "kanal",
    "persyaratan",
    "prosedur",
    "waktu_pelayanan",
    "biaya",
    "produk",
    "pengelolaan_pengaduan",
    "dasar_hukum",
    "tenggat_pengajuan",
    "batas_waktu_lain",
)


# Keys that hold the analysts' notes (or source line numbers), never the decree's content.
_KUNCI_PENGEMBANG = frozenset({"ambigu", "catatan", "line", "lines"})
# The analysts' codes for the decree's units and limits, in the catalogue's language.
_NILAI_KODE = {
    "satuan": {
        "working_days": "hari_kerja",
        "days_unspecified": "hari",
        "minutes": "menit",
        "months": "bulan",
        "years": "tahun",
    },
    "batas": {
        "maximum": "paling_lama",
        "indicative": "perkiraan",
        "as requested by pemohon": "sesuai_permohonan",
    },
}
# The analysts' remarks appended to the decree's words: "[sic, ...]", the misspelt original
# in parentheses ("('terantarr' [sic])") and English remarks in parentheses.
_CATATAN = (
    re.compile(r"\s*\[sic\b[^\]]*\]"),
    re.compile(r"\s*\('[^']*'\)"),
    re.compile(
        r"\s*\([^()]*\b(?:sic|source|for box|by whom|same transfer|presumably|per application"
        r"|outdated|numbered)\b[^()]*\)"
    ),
)


def _teks_publik(kunci: str | None, teks: str) -> str | None:
    if teks.lower().startswith("not stated"):
        return None  # the decree is silent
    kode = _NILAI_KODE.get(kunci or "")
    if kode is not None and teks not in kode.values():
        # "indicative; 'atau sesuai kebutuhan' allows longer": the code before the remark.
        return kode.get(teks, kode.get(teks.split(";")[0].strip(), teks))
    for pola in _CATATAN:
        teks = pola.sub("", teks)
    return teks


def isi_publik(nilai: Any, kunci: str | None = None) -> Any:
    """`nilai` without the analysts' notes: what the catalogue may show (see the docstring
    above). Applied when a decree is loaded and again when it is shown, so rows loaded
    before the notes were kept out are clean too."""
    if isinstance(nilai, Mapping):
        return {
            k: isi_publik(v, k)
            for k, v in nilai.items()
            if k not in _KUNCI_PENGEMBANG and not str(k).startswith("_")
        }
    if isinstance(nilai, list):
        return [isi_publik(v, kunci) for v in nilai]
    if isinstance(nilai, str):
        return _teks_publik(kunci, nilai)
    return nilai


def _data(*bagian: str) -> Any:
    return resources.files("dinsos_api.layanan").joinpath("data", *bagian)


@dataclass(frozen=True)
class Kanal:
    kode: str
    alur: Alur
    sla_nilai: int
    sla_satuan: Satuan


@dataclass(frozen=True)
class DefinisiLayanan:
    kode: str
    awalan: str
    pengaju: frozenset[str]
    kanal: Mapping[str, Kanal]
    dokumen: Mapping[str, str]


def _ratakan(transisi: list[Any]) -> list[Any]:
    # YAML aliases of the shared negative paths arrive as nested lists.
    hasil: list[Any] = []
    for t in transisi:
        hasil.extend(_ratakan(t) if isinstance(t, list) else [t])
    return hasil


@cache
def definisi() -> dict[str, DefinisiLayanan]:
    """Every service that runs as a workflow, by code (read once, checked at load)."""
    mentah = yaml.safe_load(_data("alur.yaml").read_text(encoding="utf-8"))
    kelompok: dict[str, list[str]] = mentah["kelompok_peran"]
    mesin = {
        kode: muat_alur(kode, {**d, "transisi": _ratakan(d["transisi"])}, kelompok)
        for kode, d in mentah["alur"].items()
    }
    hasil = {}
    for kode, d in mentah["layanan"].items():
        pengaju: set[str] = set()
        for p in d["pengaju"]:
            pengaju.update(kelompok.get(p, [p]))
        hasil[kode] = DefinisiLayanan(
            kode=kode,
            awalan=d["awalan"],
            pengaju=frozenset(pengaju),
            kanal={
                k: Kanal(k, mesin[v["alur"]], int(v["sla"]["nilai"]), Satuan(v["sla"]["satuan"]))
                for k, v in d["kanal"].items()
            },
            dokumen=dict(d["dokumen"]),
        )
    return hasil


def _keputusan() -> list[dict[str, Any]]:
    folder = _data("katalog")
    return [
        yaml.safe_load(f.read_text(encoding="utf-8"))
        for f in sorted(folder.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".yaml")
    ]


def _isi(layanan: Mapping[str, Any], dokumen: Mapping[str, Any]) -> dict[str, Any]:
    isi = {k: layanan[k] for k in _KOMPONEN if k in layanan}
    isi["lampiran"] = layanan["lampiran"]
    isi["maklumat_pelayanan"] = dokumen.get("maklumat_pelayanan", {}).get("teks")
    isi["alamat_surat"] = dokumen.get("alamat_tujuan_surat_di_lampiran")
    hasil: dict[str, Any] = isi_publik(isi)
    return hasil


def muat_katalog(session: Session) -> int:
    """Load every decree's standards that are not in the database yet; the number added."""
    ada = {(v.kode, v.berlaku_mulai) for v in session.exec(select(LayananVersi)).all()}
    baru = 0
    for keputusan in _keputusan():
        dok = keputusan["dokumen"]
        berlaku = date.fromisoformat(str(dok["tanggal_ditetapkan"]))
        for layanan in keputusan["layanan"]:
            if (layanan["kode"], berlaku) in ada:
                continue
            session.add(
                LayananVersi(
                    kode=layanan["kode"],
                    nomor=int(layanan["nomor"]),
                    nama=layanan["nama_resmi"],
                    berlaku_mulai=berlaku,
                    nomor_keputusan=str(dok["nomor"]),
                    isi=_isi(layanan, dok),
                )
            )
            baru += 1
    session.commit()
    return baru
