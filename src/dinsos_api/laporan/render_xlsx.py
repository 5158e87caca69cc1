"""The report as an XLSX workbook: one sheet per table, real number cells with formats.

Percentages are stored as the number printed in the report (98.14, not 0.9814) with a
two-decimal format, money as whole rupiah with thousands grouping; analysts can compute on
the cells directly. Rating cells carry the scale's colour. Findings follow each table.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dinsos_api.core.xlsx import tambah_baris
from dinsos_api.laporan import grafik
from dinsos_api.laporan import schemas as s

FORMAT_PERSEN = "#,##0.00"
FORMAT_UANG = "#,##0"
_KEPALA_FILL = PatternFill("solid", fgColor="1F2937")
_KEPALA_FONT = Font(bold=True, color="FFFFFF")
_TEBAL = Font(bold=True)


def _isi(nilai: Any) -> Any:
    # Whole rupiah as int, everything else as the exact Decimal (openpyxl writes it as a number).
    if isinstance(nilai, Decimal) and nilai == nilai.to_integral_value():
        return int(nilai)
    return nilai


class _Lembar:
    def __init__(self, wb: Workbook, nama: str, judul: str) -> None:
        self.ws: Worksheet = wb.create_sheet(nama[:31])
        tambah_baris(self.ws, [judul])
        self.ws["A1"].font = Font(bold=True, size=13)
        tambah_baris(self.ws, [])

    def kepala(self, kolom: Sequence[str]) -> None:
        for sel in tambah_baris(self.ws, kolom):
            sel.fill = _KEPALA_FILL
            sel.font = _KEPALA_FONT
            sel.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")

    def baris(
        self,
        nilai: Sequence[Any],
        format_: Sequence[str | None],
        tebal: bool = False,
        kriteria: tuple[int, str | None] | None = None,
    ) -> None:
        sel = tambah_baris(self.ws, [_isi(v) for v in nilai])
        for c, f in zip(sel, format_, strict=False):
            if f:
                c.number_format = f
            if tebal:
                c.font = _TEBAL
        if kriteria is not None and kriteria[1] is not None:
            kolom, warna = kriteria
            hex_ = "FF" + grafik.warna_hex(warna).lstrip("#").upper()
            sel[kolom].fill = PatternFill("solid", fgColor=hex_)

    def penutup(self, t: s.Tabel, lebar: Sequence[int]) -> None:
        for c in t.catatan:
            tambah_baris(self.ws, [])
            tambah_baris(self.ws, [f"Catatan: {c}"])
        if t.temuan:
            tambah_baris(self.ws, [])
            tambah_baris(self.ws, [f"Temuan pemeriksaan atas laporan tercetak ({len(t.temuan)})"])
            self.ws.cell(self.ws.max_row, 1).font = _TEBAL
            tambah_baris(self.ws, ["Lokasi", "Baris", "Tercetak", "Seharusnya", "Penjelasan"])
            for x in t.temuan:
                self.baris(
                    [x.lokasi, x.nama, x.nilai_tercetak, x.nilai_seharusnya, x.penjelasan],
                    [None, None, "#,##0.##", "#,##0.##", None],
                )
        for i, w in enumerate(lebar, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w


P, U, T = FORMAT_PERSEN, FORMAT_UANG, None


def _iku(wb: Workbook, t: s.TabelIku) -> None:
    lb = _Lembar(wb, t.nomor, f"{t.nomor} {t.judul}")
    lb.kepala(
        [
            "Sasaran",
            "Kode",
            "Indikator",
            "Satuan",
            "Target",
            "Sumber target",
            "Realisasi",
            "Capaian (%)",
            "Kriteria",
        ]
    )
    for sas in t.sasaran:
        for b in sas.indikator:
            lb.baris(
                [
                    sas.nama,
                    b.kode,
                    b.nama,
                    b.satuan,
                    b.target,
                    b.sumber_target,
                    b.realisasi,
                    b.capaian,
                    b.kriteria,
                ],
                [T, T, T, T, P, T, P, P, T],
                kriteria=(8, b.warna),
            )
        lb.baris(
            [
                sas.nama,
                None,
                "Capaian sasaran (rata-rata)",
                None,
                None,
                None,
                None,
                sas.capaian,
                sas.kriteria,
            ],
            [T] * 7 + [P, T],
            True,
            (8, sas.warna),
        )
    lb.baris(
        [
            None,
            None,
            "TOTAL CAPAIAN KINERJA",
            None,
            None,
            None,
            None,
            t.capaian_total,
            t.kriteria_total,
        ],
        [T] * 7 + [P, T],
        True,
        (8, t.warna_total),
    )
    lb.penutup(t, [40, 8, 50, 8, 10, 28, 12, 12, 14])


def _pengukuran(wb: Workbook, t: s.TabelPengukuran) -> None:
    lb = _Lembar(wb, t.nomor, f"{t.nomor} {t.judul}")
    lb.kepala(["No", "Pembilang", "Jumlah", "Penyebut", "Jumlah", "Persentase (%)"])
    for k in t.komponen:
        lb.baris(
            [k.nomor, k.uraian_pembilang, k.pembilang, k.uraian_penyebut, k.penyebut, k.persen],
            [T, T, U, T, U, P],
        )
    lb.baris(
        [None, f"Realisasi indikator ({t.cara_gabung})", None, None, None, t.realisasi],
        [T] * 5 + [P],
        True,
    )
    lb.penutup(t, [5, 60, 10, 60, 10, 14])


def _perbandingan(wb: Workbook, t: s.TabelPerbandingan) -> None:
    lb = _Lembar(wb, "Tabel 3.7 Tahun Lalu", f"{t.nomor} {t.judul}")
    lb.kepala(
        [
            "Kode",
            "Indikator",
            f"Realisasi {t.tahun_sebelumnya}",
            f"Realisasi {t.tahun}",
            "Selisih (poin)",
            "Pertumbuhan (%)",
        ]
    )
    for b in t.baris:
        lb.baris(
            [b.kode, b.nama, b.realisasi_sebelumnya, b.realisasi, b.selisih, b.pertumbuhan],
            [T, T, P, P, P, P],
        )
    lb.baris(
        [None, "TOTAL (rata-rata)", t.total_sebelumnya, t.total, t.selisih_total],
        [T, T, P, P, P],
        True,
    )
    lb.penutup(t, [8, 55, 14, 14, 14, 14])


def _lima_tahun(wb: Workbook, t: s.TabelLimaTahun) -> None:
    lb = _Lembar(wb, "Tabel 3.7 Lima Tahun", f"{t.nomor} {t.judul}")
    lb.kepala(
        [
            "Kode",
            "Indikator",
            *[f"Realisasi {x}" for x in t.tahun],
            f"Target {t.tahun[-1]}",
            f"Capaian {t.tahun[-1]} (%)",
            "Rata-rata pertumbuhan (%)",
        ]
    )
    n = len(t.tahun)
    for b in t.baris:
        lb.baris(
            [
                b.kode,
                b.nama,
                *[v.nilai for v in b.realisasi],
                b.target,
                b.capaian,
                b.rata_rata_pertumbuhan,
            ],
            [T, T] + [P] * (n + 3),
        )
    lb.baris([None, "TOTAL (rata-rata)", *[v.nilai for v in t.total]], [T, T] + [P] * n, True)
    lb.penutup(t, [8, 55] + [12] * (n + 3))


def _efisiensi(wb: Workbook, t: s.TabelEfisiensi) -> None:
    lb = _Lembar(wb, t.nomor, f"{t.nomor} {t.judul}")
    lb.kepala(
        [
            "Indikator",
            "Program",
            "Capaian kinerja (%)",
            "Penyerapan anggaran (%)",
            "Efisiensi (poin)",
            "Keterangan",
        ]
    )
    for b in t.baris:
        lb.baris(
            [b.indikator, b.program, b.capaian, b.penyerapan, b.efisiensi, b.keterangan],
            [T, T, P, P, P, T],
        )
    lb.baris(
        ["Keseluruhan", None, t.capaian_total, t.penyerapan_total, t.efisiensi_total],
        [T, T, P, P, P],
        True,
    )
    lb.penutup(t, [50, 45, 14, 14, 14, 14])


def _anggaran(wb: Workbook, t: s.TabelAnggaran) -> None:
    lb = _Lembar(wb, t.nomor, f"{t.nomor} {t.judul}")
    lb.kepala(
        [
            "Kode",
            "Tingkat",
            "Nama",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Penyerapan (%)",
            "Realisasi fisik (%)",
        ]
    )
    for b in t.baris:
        lb.baris(
            [b.kode, b.tingkat, b.nama, b.pagu, b.realisasi, b.penyerapan, b.realisasi_fisik],
            [T, T, T, U, U, P, P],
            b.tingkat != "sub_kegiatan",
        )
    p = t.program
    lb.baris(
        [p.kode, p.tingkat, f"JUMLAH {p.nama}", p.pagu, p.realisasi, p.penyerapan],
        [T, T, T, U, U, P],
        True,
    )
    lb.penutup(t, [10, 13, 60, 18, 18, 13, 13])


def _ringkasan(wb: Workbook, t: s.TabelRingkasan) -> None:
    lb = _Lembar(wb, "Ringkasan 3.8", f"{t.nomor} {t.judul}")
    lb.kepala(["Kode", "Tingkat", "Nama", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan (%)"])
    for b in t.baris:
        lb.baris(
            [b.kode, b.tingkat, b.nama, b.pagu, b.realisasi, b.penyerapan],
            [T, T, T, U, U, P],
            b.tingkat == "program",
        )
    lb.baris(
        [None, None, "TOTAL BELANJA", t.pagu_total, t.realisasi_total, t.penyerapan_total],
        [T, T, T, U, U, P],
        True,
    )
    lb.penutup(t, [10, 13, 60, 18, 18, 13])


def _bulanan(wb: Workbook, t: s.TabelBulanan) -> None:
    lb = _Lembar(wb, "Realisasi Bulanan", f"{t.nomor} {t.judul}")
    lb.kepala(
        [
            "Bulan",
            "Rencana kumulatif (Rp)",
            "Rencana (%)",
            "Realisasi kumulatif (Rp)",
            "Realisasi (%)",
        ]
    )
    for x in t.titik:
        lb.baris(
            [
                x.bulan,
                x.rencana_kumulatif,
                x.persen_rencana,
                x.realisasi_kumulatif,
                x.persen_realisasi,
            ],
            [T, U, P, U, P],
        )
    lb.penutup(t, [8, 22, 12, 22, 12])


def render(laporan: s.LaporanLkip) -> bytes:
    """The workbook as bytes."""
    wb = Workbook()
    awal = wb.active
    if awal is not None:
        wb.remove(awal)
    _iku(wb, laporan.tabel_iku)
    for ukur in laporan.pengukuran:
        _pengukuran(wb, ukur)
    if laporan.perbandingan_tahun_lalu:
        _perbandingan(wb, laporan.perbandingan_tahun_lalu)
    if laporan.perbandingan_lima_tahun:
        _lima_tahun(wb, laporan.perbandingan_lima_tahun)
    _efisiensi(wb, laporan.efisiensi)
    for ang in laporan.anggaran:
        _anggaran(wb, ang)
    _ringkasan(wb, laporan.ringkasan_anggaran)
    _bulanan(wb, laporan.realisasi_bulanan)
    if laporan.temuan_lain:
        lain = s.Tabel(
            nomor="Temuan Lain",
            judul="Temuan pada bagian lain laporan tercetak",
            temuan=laporan.temuan_lain,
        )
        lb = _Lembar(wb, "Temuan Lain", lain.judul)
        lb.penutup(lain, [30, 50, 12, 12, 90])
    if laporan.kelengkapan:
        ket = _Lembar(wb, "Kelengkapan Data", "Bagian data yang belum tersedia")
        for k in laporan.kelengkapan:
            tambah_baris(ket.ws, [k])
        ket.ws.column_dimensions["A"].width = 120
    wb.properties.title = f"{laporan.judul} — {laporan.nama_perangkat_daerah}"
    keluar = BytesIO()
    wb.save(keluar)
    return keluar.getvalue()


def render_ringkasan(r: s.RingkasanLkip) -> bytes:
    """The province-wide summary: one sheet, one row per office and the total row."""
    wb = Workbook()
    awal = wb.active
    if awal is not None:
        wb.remove(awal)
    lb = _Lembar(wb, "Ringkasan LKIP", f"{r.judul} (target: {r.sumber_target})")
    lb.kepala(
        [
            "Kode", "Perangkat daerah", "Kode wilayah", "Jumlah IKU", "IKU dihitung",
            "Capaian (%)", "Kriteria", "Pagu (Rp)", "Realisasi (Rp)", "Penyerapan (%)",
            "Efisiensi (poin)",
        ]
    )  # fmt: skip
    for b in r.perangkat_daerah:
        lb.baris(
            [
                b.perangkat_daerah, b.nama_perangkat_daerah, b.kode_wilayah, b.jumlah_iku,
                b.jumlah_iku_dihitung, b.capaian, b.kriteria, b.pagu, b.realisasi,
                b.penyerapan, b.efisiensi,
            ],
            [T, T, T, "0", "0", P, T, U, U, P, P],
            kriteria=(6, b.warna),
        )  # fmt: skip
    if r.total is not None:
        t = r.total
        lb.baris(
            [
                None, f"TOTAL ({t.jumlah_perangkat_daerah} perangkat daerah)", None,
                t.jumlah_iku, None, t.capaian, t.kriteria, t.pagu, t.realisasi, t.penyerapan,
                t.efisiensi,
            ],
            [T, T, T, "0", T, P, T, U, U, P, P],
            True,
            (6, t.warna),
        )  # fmt: skip
    catatan = s.Tabel(nomor="Ringkasan", judul=r.judul, catatan=r.catatan)
    lb.penutup(catatan, [14, 45, 12, 10, 10, 12, 14, 20, 20, 13, 13])
    wb.properties.title = r.judul
    keluar = BytesIO()
    wb.save(keluar)
    return keluar.getvalue()
