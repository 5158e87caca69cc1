"""This domain's part of `dinsos demo muat`: the province's 2024 budget (LKIP 2024 Tabel
3.9–3.15: 7 programs, 17 kegiatan, 92 sub kegiatan) for perangkat daerah dinsos_53."""

from __future__ import annotations

import csv
import dataclasses
from decimal import Decimal
from importlib import resources

from sqlmodel import Session

from dinsos_api.anggaran import impor, service
from dinsos_api.anggaran.models import Pendapatan
from dinsos_api.core.akses import konteks_sistem

PERANGKAT = "dinsos_53"
TAHUN = 2024
# Tabel 3.9 leaves the realisation of "Penyediaan Gaji dan Tunjangan ASN" blank. The sec 3.8
# summary prints its kegiatan's realisation, 14.718.926.599; minus the four printed siblings
# that leaves 14.700.651.898 (LKIP 2024 oracle B23: derived, not printed).
REALISASI_TURUNAN = {"1.06.01.1.02.0001": Decimal("14700651898")}
# Tabel 2.3: Pendapatan Rp 100.000.000 (target only; no realisation is printed).
TARGET_PENDAPATAN = Decimal("100000000")


def baris_2024() -> list[impor.BarisImpor]:
    """The printed budget tables as import rows, with the one derived realisation filled in."""
    teks = (resources.files("dinsos_api.anggaran") / "data" / "dpa_2024.csv").read_text("utf-8")
    baris = impor.validasi(list(csv.DictReader(teks.splitlines())))
    return [
        dataclasses.replace(b, realisasi=REALISASI_TURUNAN[b.kode])
        if b.kode in REALISASI_TURUNAN
        else b
        for b in baris
    ]


def muat_demo(session: Session) -> str | None:
    """Load the 2024 budget if the province has none for that year; None if nothing added."""
    if service.jumlah_nomenklatur(session, PERANGKAT, TAHUN):
        return None
    baris = baris_2024()
    impor.simpan(
        session,
        konteks_sistem(),
        PERANGKAT,
        TAHUN,
        baris,
        keterangan_realisasi="Realisasi tahun 2024 menurut LKIP 2024 (tanpa rincian bulanan)",
    )
    if service.ambil_pendapatan_atau_none(session, PERANGKAT, TAHUN) is None:
        session.add(
            Pendapatan(
                perangkat_daerah_kode=PERANGKAT,
                tahun=TAHUN,
                target=TARGET_PENDAPATAN,
                keterangan="LKIP 2024 Tabel 2.3",
            )
        )
    session.commit()
    jumlah = {t: sum(1 for b in baris if b.tingkat == t) for t in ("program", "kegiatan")}
    sub = sum(1 for b in baris if b.tingkat == "sub_kegiatan")
    return (
        f"anggaran 2024 {PERANGKAT}: {jumlah['program']} program, {jumlah['kegiatan']} "
        f"kegiatan, {sub} sub kegiatan"
    )
