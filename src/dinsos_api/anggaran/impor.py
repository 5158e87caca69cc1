"""POST /v1/impor/anggaran: a whole year's budget tree from CSV, XLSX or JSON.

One row per budget line (tingkat, kode, nama, pagu, realisasi, optional persen and
realisasi_fisik). Sub kegiatan rows are stored (pagu in DPA version 0, realisasi as one entry
dated 31 December); program and kegiatan rows carry the *printed* totals, which are never
stored: each is compared with the sum of its children and every difference is returned
(`selisih`), as is every printed percentage that does not follow from its row
(kinerja_core.periksa). Invalid rows: 422 naming row and column, nothing written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session

from dinsos_api.anggaran import service
from dinsos_api.anggaran.models import (
    Nomenklatur,
    Pagu,
    Realisasi,
    RealisasiFisik,
    Tingkat,
    VersiDpa,
)
from dinsos_api.anggaran.schemas import POLA_KODE
from dinsos_api.core import audit, idempotensi
from dinsos_api.core.akses import Konteks
from dinsos_api.core.errors import Masalah
from dinsos_api.core.idempotensi import Jawaban
from dinsos_api.core.json_body import json_dari_body
from dinsos_api.core.masukan import KONTROL_SEBARIS
from dinsos_api.core.xlsx_baca import BatasXlsx, JenisGalat, XlsxDitolakError, baris_xlsx
from kinerja_core import (
    BarisAnggaran,
    JenisTemuan,
    Laporan,
    TabelAnggaran,
    TingkatAnggaran,
    bulatkan,
    jumlah,
    parse_angka,
    periksa_laporan,
)

KOLOM = ("tingkat", "kode", "nama", "pagu", "realisasi", "persen", "realisasi_fisik")
_ALIAS = {"level": "tingkat", "name": "nama", "printed_percent": "persen"}
BATAS_BARIS = 5000
_TERLALU_BANYAK_BERKAS = (
    f"paling banyak {BATAS_BARIS} baris per impor di bawah baris kepala (baris kosong ikut "
    "dihitung)"
)
_BATAS_KESALAHAN = 100
_POLA_KODE = re.compile(POLA_KODE)
# Machine-written numbers: digits with at most 2 decimals after a point ("96.51", "25000000").
# Anything else is read as Indonesian notation ("36.157.206.342", "96,51"): an Indonesian
# thousands group always has 3 digits, so the two readings never overlap.
_POLA_POLOS = re.compile(r"^-?[0-9]+(\.[0-9]{1,2})?$")


@dataclass(frozen=True)
class BarisImpor:
    nomor: int  # 1 = the first data row
    tingkat: Tingkat
    kode: str
    nama: str
    pagu: Decimal | None
    realisasi: Decimal | None
    persen: Decimal | None
    realisasi_fisik: Decimal | None


@dataclass(frozen=True)
class Selisih:
    kode: str
    nama: str
    kolom: str  # pagu, realisasi or persen
    tercetak: Decimal
    seharusnya: Decimal
    selisih: Decimal
    penjelasan: str


@dataclass(frozen=True)
class HasilImpor:
    perangkat_daerah: str
    tahun: int
    disimpan: bool
    versi: int | None
    program: int
    kegiatan: int
    sub_kegiatan: int
    selisih: list[Selisih]


# --- reading ----------------------------------------------------------------------------------


def _tolak(errors: list[dict[str, str]]) -> Masalah:
    pertama = errors[0]
    return Masalah(
        422,
        f"{len(errors)} isian tidak valid; tidak ada yang disimpan. Pertama: "
        f"{pertama['field']}: {pertama['message']}.",
        jenis="validasi",
        errors=errors[:_BATAS_KESALAHAN],
    )


def _berkas_salah(pesan: str) -> Masalah:
    return Masalah(422, pesan, jenis="validasi", errors=[{"field": "berkas", "message": pesan}])


def baca_json(isi: bytes) -> list[dict[str, Any]]:
    data = json_dari_body(isi)
    baris = data.get("baris") if isinstance(data, dict) else None
    if not isinstance(baris, list) or not baris:
        raise salah_body("baris", "wajib berupa daftar baris yang tidak kosong")
    lain = sorted(set(data) - {"baris"})
    if lain:
        raise salah_body(lain[0], "kolom tidak dikenal")
    if not all(isinstance(b, dict) for b in baris):
        raise salah_body("baris", "setiap baris harus berupa objek")
    return baris


def salah_body(kolom: str, pesan: str) -> Masalah:
    return service.salah(kolom, pesan)


def _header(nama: Any) -> str:
    teks = str(nama or "").strip().lower().lstrip("\ufeff")
    return _ALIAS.get(teks, teks)


def _baris_dari_tabel(rows: Iterator[tuple[int, Sequence[Any]]]) -> list[dict[str, Any]]:
    """Rows of a sheet by header name. The header (row 1) is checked before any data row is
    read; every row after it counts towards BATAS_BARIS, empty ones too (a data row's number,
    `baris[n]`, counts only the non-empty ones)."""
    hasil: list[dict[str, Any]] = []
    header: list[str] = []
    try:
        pertama = next(rows, None)
        if pertama is None:
            raise _berkas_salah("berkas kosong")
        header = [_header(h) for h in pertama[1]]
        hilang = [k for k in ("tingkat", "kode", "nama", "pagu") if k not in header]
        if hilang:
            raise _berkas_salah(f"kolom wajib tidak ada: {', '.join(hilang)}")
        for nomor, row in rows:
            if nomor - 1 > BATAS_BARIS:
                raise _berkas_salah(_TERLALU_BANYAK_BERKAS)
            if all(v is None or str(v).strip() == "" for v in row):
                continue
            hasil.append({h: v for h, v in zip(header, row, strict=False) if h in KOLOM})
    except XlsxDitolakError as galat:
        if galat.jenis is JenisGalat.BARIS:
            raise _berkas_salah(_TERLALU_BANYAK_BERKAS) from None
        if galat.jenis is JenisGalat.SEL and galat.baris != 1 and galat.kolom is not None:
            # The cell of the data row that would have come next: baris[n].kolom, as for
            # every other fault in a row.
            kolom = header[galat.kolom - 1] if galat.kolom <= len(header) else ""
            raise Masalah(
                422,
                f"{galat.pesan}; tidak ada yang disimpan.",
                jenis="validasi",
                errors=[
                    {
                        "field": f"baris[{len(hasil) + 1}].{kolom or galat.sel}",
                        "message": galat.pesan,
                    }
                ],
            ) from None
        raise _berkas_salah(galat.pesan) from None
    if not hasil:
        raise _berkas_salah("berkas tidak berisi baris data")
    return hasil


def baca_berkas(isi: bytes) -> list[dict[str, Any]]:
    """Rows of a CSV (UTF-8, comma) or XLSX file (first sheet, core.xlsx_baca), by header
    name."""
    if isi[:4] == b"PK\x03\x04":
        with closing(baris_xlsx(isi, BatasXlsx(maks_baris=BATAS_BARIS))) as rows:
            return _baris_dari_tabel(rows)
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _berkas_salah("berkas harus CSV UTF-8 atau XLSX") from None
    try:
        return _baris_dari_tabel(enumerate(csv.reader(io.StringIO(teks)), start=1))
    except csv.Error:
        raise _berkas_salah("berkas CSV tidak dapat dibaca") from None


def _angka(nilai: Any) -> Decimal | None:
    """A cell as a Decimal; None for a blank cell; ValueError for anything else."""
    if nilai is None:
        return None
    if isinstance(nilai, bool):
        raise ValueError
    if isinstance(nilai, int | float):
        return Decimal(str(nilai))
    teks = str(nilai).strip()
    if teks in ("", "-"):
        return None
    if _POLA_POLOS.match(teks):
        return Decimal(teks)
    return parse_angka(teks, "id")


def validasi(rows: Sequence[dict[str, Any]]) -> list[BarisImpor]:
    """Every row checked; 422 listing every fault (`baris[n].kolom`) if any."""
    if len(rows) > BATAS_BARIS:
        raise _berkas_salah(f"paling banyak {BATAS_BARIS} baris per impor")
    errors: list[dict[str, str]] = []
    hasil: list[BarisImpor] = []
    dilihat: dict[str, int] = {}
    for nomor, row in enumerate(rows, start=1):

        def err(kolom: str, pesan: str, nomor: int = nomor) -> None:
            errors.append({"field": f"baris[{nomor}].{kolom}", "message": pesan})

        for k in row:
            if k not in KOLOM:
                err(str(k), "kolom tidak dikenal")
        teks = {k: "" if row.get(k) is None else str(row.get(k)).strip() for k in KOLOM[:3]}
        try:
            tingkat = Tingkat(teks["tingkat"])
        except ValueError:
            err("tingkat", "harus program, kegiatan atau sub_kegiatan")
            tingkat = None
        kode = teks["kode"]
        if not _POLA_KODE.match(kode):
            err("kode", "bentuk kode Kepmendagri tidak dikenal (mis. 1.06.04.1.01.0001)")
        elif tingkat is not None and service.tingkat_dari_kode(kode) != tingkat:
            err("kode", f"kode {kode} bukan kode {tingkat.value.replace('_', ' ')}")
        elif kode in dilihat:
            err("kode", f"kode {kode} sudah ada di baris {dilihat[kode]}")
        else:
            dilihat[kode] = nomor
        nama = teks["nama"]
        if not nama or len(nama) > 300 or KONTROL_SEBARIS.search(nama):
            err("nama", "wajib diisi, satu baris, paling panjang 300 karakter")
        angka: dict[str, Decimal | None] = {}
        for kolom in ("pagu", "realisasi", "persen", "realisasi_fisik"):
            try:
                angka[kolom] = _angka(row.get(kolom))
            except (ValueError, InvalidOperation, ArithmeticError):
                err(kolom, f"bukan angka: {row.get(kolom)!r}")
                angka[kolom] = None
                continue
            nilai = angka[kolom]
            if nilai is not None and nilai < 0:
                err(kolom, "tidak boleh negatif")
            elif nilai is not None and abs(nilai) >= Decimal(10) ** 16:
                err(kolom, "terlalu besar")
        pagu_kosong = row.get("pagu") is None or str(row.get("pagu")).strip() in ("", "-")
        if tingkat is Tingkat.SUB_KEGIATAN and pagu_kosong:
            err("pagu", "wajib diisi untuk sub kegiatan")
        fisik = angka["realisasi_fisik"]
        if fisik is not None and fisik > 100:
            err("realisasi_fisik", "paling tinggi 100")
        if tingkat is not None:
            hasil.append(
                BarisImpor(nomor, tingkat, kode, nama, angka["pagu"], angka["realisasi"],
                           angka["persen"], fisik)
            )  # fmt: skip
    for b in hasil:
        induk = service.kode_induk(b.kode)
        if induk is not None and induk not in dilihat:
            errors.append(
                {"field": f"baris[{b.nomor}].kode", "message": f"induk {induk} tidak ada di berkas"}
            )
    if errors:
        raise _tolak(errors)
    return hasil


# --- checking ---------------------------------------------------------------------------------


def _uang(nilai: Decimal) -> str:
    return f"{nilai:,.0f}".replace(",", ".") if nilai == nilai.to_integral_value() else str(nilai)


def periksa(baris: Sequence[BarisImpor]) -> list[Selisih]:
    """Printed parents against the sum of their children (kinerja_core.jumlah: a blank child
    makes the sum unknown, so nothing is claimed), then printed percentages
    (kinerja_core.periksa), in row order."""
    anak: dict[str, list[BarisImpor]] = {}
    for b in baris:
        induk = service.kode_induk(b.kode)
        if induk is not None:
            anak.setdefault(induk, []).append(b)
    hasil: list[Selisih] = []
    for b in baris:
        if b.kode not in anak:
            continue
        for kolom in ("pagu", "realisasi"):
            tercetak: Decimal | None = getattr(b, kolom)
            total = jumlah(getattr(a, kolom) for a in anak[b.kode])
            if tercetak is None or total is None or total == tercetak:
                continue
            hasil.append(
                Selisih(
                    kode=b.kode,
                    nama=b.nama,
                    kolom=kolom,
                    tercetak=tercetak,
                    seharusnya=total,
                    selisih=tercetak - total,
                    penjelasan=f"{kolom.capitalize()} tercetak {_uang(tercetak)}, padahal jumlah "
                    f"{len(anak[b.kode])} baris di bawahnya {_uang(total)} (selisih "
                    f"{_uang(tercetak - total)}).",
                )
            )
    tabel = TabelAnggaran(
        lokasi="impor",
        nama="impor anggaran",
        baris=tuple(
            BarisAnggaran(
                lokasi=f"baris {b.nomor}",
                nama=b.kode,
                pagu=b.pagu,
                realisasi=b.realisasi,
                persen_tercetak=b.persen,
                tingkat=TingkatAnggaran(b.tingkat.value),
            )
            for b in baris
            if b.persen is not None
        ),
    )
    per_kode = {b.kode: b for b in baris}
    for t in periksa_laporan(Laporan(anggaran=(tabel,))):
        if t.jenis not in (JenisTemuan.PERSEN_TIDAK_SESUAI, JenisTemuan.PEMBULATAN_TIDAK_SESUAI):
            continue
        if t.nilai_tercetak is None or t.nilai_seharusnya is None or t.selisih is None:
            continue
        hasil.append(
            Selisih(
                kode=t.nama,
                nama=per_kode[t.nama].nama,
                kolom="persen",
                tercetak=t.nilai_tercetak,
                seharusnya=t.nilai_seharusnya,
                selisih=t.selisih,
                penjelasan=t.penjelasan,
            )
        )
    return hasil


# --- storing ----------------------------------------------------------------------------------


def simpan(
    session: Session,
    ktx: Konteks,
    perangkat: str,
    tahun: int,
    baris: Sequence[BarisImpor],
    *,
    keterangan_realisasi: str | None = None,
) -> VersiDpa:
    """Add the tree (nodes, DPA version 0 with the sub kegiatan pagu, one realisation and one
    physical-progress entry per sub kegiatan dated 31 December) to the session; no commit."""
    if not any(b.tingkat is Tingkat.SUB_KEGIATAN for b in baris):
        raise _berkas_salah("tidak ada baris sub kegiatan: tidak ada pagu yang dapat disimpan")
    if service.jumlah_nomenklatur(session, perangkat, tahun):
        raise Masalah(
            409,
            f"Anggaran {perangkat} tahun {tahun} sudah ada. Impor hanya untuk tahun yang masih "
            "kosong; ubah pagu lewat versi DPA, realisasi lewat /realisasi.",
            jenis="konflik",
        )
    versi = VersiDpa(
        perangkat_daerah_kode=perangkat,
        tahun=tahun,
        nomor=0,
        keterangan="DPA dari impor",
    )
    session.add(versi)
    akhir_tahun = date(tahun, 12, 31)
    ids: dict[str, str] = {}
    for b in sorted(baris, key=lambda x: len(x.kode)):  # parents first
        induk = service.kode_induk(b.kode)
        node = Nomenklatur(
            perangkat_daerah_kode=perangkat,
            tahun=tahun,
            tingkat=b.tingkat.value,
            kode=b.kode,
            nama=b.nama,
            induk_id=ids[induk] if induk else None,
        )
        ids[b.kode] = node.id
        session.add(node)
    session.flush()
    for b in baris:
        if b.tingkat is not Tingkat.SUB_KEGIATAN:
            continue
        assert b.pagu is not None
        session.add(Pagu(dpa_id=versi.id, sub_kegiatan_id=ids[b.kode], pagu=b.pagu))
        if b.realisasi:
            session.add(
                Realisasi(
                    sub_kegiatan_id=ids[b.kode],
                    tanggal=akhir_tahun,
                    jumlah=b.realisasi,
                    keterangan=keterangan_realisasi
                    or f"Realisasi tahun {tahun} dari impor (tanpa rincian bulanan)",
                )
            )
        if b.realisasi_fisik is not None:
            session.add(
                RealisasiFisik(
                    sub_kegiatan_id=ids[b.kode],
                    tanggal=akhir_tahun,
                    persen=b.realisasi_fisik,
                    keterangan=f"Realisasi fisik tahun {tahun} dari impor",
                )
            )
    return versi


def _hitung(baris: Sequence[BarisImpor], tingkat: Tingkat) -> int:
    return sum(1 for b in baris if b.tingkat is tingkat)


def impor(
    session: Session,
    ktx: Konteks,
    perangkat: str,
    tahun: int,
    baris: Sequence[BarisImpor],
    *,
    periksa_saja: bool,
) -> HasilImpor:
    """Check the rows and, unless `periksa_saja`, store them (the caller commits)."""
    selisih = periksa(baris)
    versi = None
    if not periksa_saja:
        versi = simpan(session, ktx, perangkat, tahun, baris).nomor
    hasil = HasilImpor(
        perangkat_daerah=perangkat,
        tahun=tahun,
        disimpan=not periksa_saja,
        versi=versi,
        program=_hitung(baris, Tingkat.PROGRAM),
        kegiatan=_hitung(baris, Tingkat.KEGIATAN),
        sub_kegiatan=_hitung(baris, Tingkat.SUB_KEGIATAN),
        selisih=selisih,
    )
    if not periksa_saja:
        audit.catat(
            session, ktx, sumber_daya="impor_anggaran", sumber_daya_id=f"{perangkat}/{tahun}",
            aksi="impor",
            baru={"program": hasil.program, "kegiatan": hasil.kegiatan,
                  "sub_kegiatan": hasil.sub_kegiatan, "selisih": len(selisih)},
        )  # fmt: skip
    return hasil


def _json(hasil: HasilImpor) -> dict[str, Any]:
    data = asdict(hasil)
    for s in data["selisih"]:
        for k in ("tercetak", "seharusnya", "selisih"):
            nilai = bulatkan(s[k])
            s[k] = int(nilai) if nilai == nilai.to_integral_value() else float(nilai)
    return data


def kirim(
    session: Session,
    ktx: Konteks,
    *,
    kunci: str,
    perangkat: str,
    tahun: int,
    periksa_saja: bool,
    isi: bytes,
    berkas: bool,
) -> Jawaban:
    """The whole request in one transaction with its Idempotency-Key: a replay answers the
    stored response and writes nothing."""
    if not periksa_saja:
        service.perangkat_untuk_ditulis(session, ktx, perangkat)
    else:
        service.ambil_perangkat(session, perangkat)
    operasi = "POST /v1/impor/anggaran"
    sidik = idempotensi.sidik_json(
        {"perangkat": perangkat, "tahun": tahun, "periksa_saja": periksa_saja,
         "isi": idempotensi.sidik(isi)}
    )  # fmt: skip
    lama = idempotensi.mulai(session, ktx.pelaku.id, kunci, operasi, sidik)
    if lama is not None:
        session.rollback()
        return lama
    rows = baca_berkas(isi) if berkas else baca_json(isi)
    hasil = impor(session, ktx, perangkat, tahun, validasi(rows), periksa_saja=periksa_saja)
    lokasi = None
    if not periksa_saja:
        lokasi = f"/v1/anggaran/{tahun}/ringkasan?perangkat_daerah={perangkat}"
    jawaban = Jawaban(200 if periksa_saja else 201, _json(hasil), lokasi)
    idempotensi.simpan(session, ktx.pelaku.id, kunci, operasi, sidik, jawaban)
    service.commit(session)
    return jawaban
