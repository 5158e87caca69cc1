"""A synthetic beneficiary registry for the demo: made-up people, not real ones.

About 3,000 people in families across the 22 districts, with NIKs and KK numbers that pass
the registry's own checks (the district's code in digits 1–4, a kecamatan number, the birth
date with 40 added to the day for women, a serial), names drawn at random from first names
and family names common in Nusa Tenggara Timur, PMKS data for 2024 in every one of the 26
categories (family categories on families), enrolments in the office's programmes, and a few
NIKs reported by two districts (flagged `perlu_verifikasi`, for GET /v1/duplikat).

Every record carries `sumber = "demo-sintetis"`, so it can be told apart and removed. The
data is drawn from a seeded generator against a fixed reference day, so every load gives the
same registry; a second load adds nothing. Rows go in with bulk inserts.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final

from sqlalchemy import func, insert, select
from sqlmodel import Session, SQLModel, col

from dinsos_api.core.waktu import sekarang
from dinsos_api.penerima.models import (
    AnggotaKeluarga,
    DataPmks,
    Keluarga,
    Kepesertaan,
    Orang,
)
from dinsos_api.referensi.models import KategoriPmks, ProgramBantuan
from dinsos_api.wilayah.models import Wilayah

SUMBER: Final = "demo-sintetis"
TARGET_ORANG: Final = 3000
TAHUN: Final = 2024
HARI_ACUAN: Final = date(2024, 12, 31)  # ages are counted to this day, not to today
BENIH: Final = 5300  # the generator's seed

LAKI = (
    "Yohanes", "Petrus", "Paulus", "Markus", "Stefanus", "Fransiskus", "Yosef", "Agustinus",
    "Dominikus", "Aloysius", "Benediktus", "Kornelis", "Yakobus", "Matius", "Simon",
    "Andreas", "Daniel", "Yunus", "Obed", "Melkianus", "Sefnat", "Elias", "Nikodemus",
    "Frederik", "Hendrik", "Umbu", "Marthen", "Yeremias", "Lukas", "Hironimus", "Muhammad",
    "Abdullah", "Ismail", "Hasan",
)  # fmt: skip
PEREMPUAN = (
    "Maria", "Yuliana", "Agustina", "Fransiska", "Theresia", "Margaretha", "Yohana",
    "Elisabeth", "Veronika", "Anastasia", "Sisilia", "Katarina", "Martha", "Debora", "Ester",
    "Ruth", "Naomi", "Yosefina", "Magdalena", "Rambu", "Orpa", "Florentina", "Siti",
    "Nurhayati", "Aisyah",
)  # fmt: skip
# Baptismal middle names, by sex (the Muslim first names above go without one).
TENGAH_LAKI = ("Bosco", "Don", "Rikardus", "Wilhelmus", "Gabriel", "Leo")
TENGAH_PEREMPUAN = ("Goreti", "Imakulata", "Kristina", "Dolorosa", "Bunga", "Leu")
ISLAMI = frozenset({"Muhammad", "Abdullah", "Ismail", "Hasan", "Siti", "Nurhayati", "Aisyah"})
MARGA = (
    "Ndun", "Manafe", "Benu", "Tefa", "Fanggidae", "Bria", "Seran", "Kolo", "Lobo",
    "Da Costa", "Parera", "Fernandez", "Wea", "Mbete", "Ndolu", "Taek", "Nahak", "Bani",
    "Tanesib", "Neonufa", "Tualaka", "Pello", "Messakh", "Lay", "Riwu Kaho", "Bire",
    "Nabuasa", "Koten", "Hurint", "Lewar", "Wolo", "Bata", "Dapa", "Kaka", "Ratu", "Amalo",
    "Adoe", "Henukh", "Ataupah", "Tamelab", "Kewa", "Lamury", "Mau", "Laka",
)  # fmt: skip

# Who a person category plausibly describes: (youngest, oldest, sex or None).
_SYARAT_KATEGORI: dict[str, tuple[int, int, str | None]] = {
    "anak_balita_terlantar": (0, 4, None),
    "anak_terlantar": (5, 17, None),
    "anak_berhadapan_dengan_hukum": (12, 17, None),
    "anak_jalanan": (6, 17, None),
    "anak_dengan_kedisabilitasan": (2, 17, None),
    "anak_korban_tindak_kekerasan": (3, 17, None),
    "anak_memerlukan_perlindungan_khusus": (0, 17, None),
    "lanjut_usia_terlantar": (60, 120, None),
    "tuna_susila": (18, 50, None),
    "korban_penyalahgunaan_napza": (15, 55, None),
    "korban_perdagangan_orang": (15, 45, None),
    "pekerja_migran_bermasalah_sosial": (18, 55, None),
    "wanita_rawan_sosial_ekonomi": (18, 59, "P"),
    "bekas_warga_binaan_lembaga_pemasyarakatan": (18, 70, None),
    "korban_bencana_alam": (0, 120, None),
    "korban_bencana_sosial": (0, 120, None),
}
_DEWASA = (18, 120, None)

# Programmes a category's people (or families) are often enrolled in, with a likelihood.
_PROGRAM_KATEGORI: dict[str, tuple[tuple[str, float], ...]] = {
    "fakir_miskin": (
        ("pkh", 0.45),
        ("bpnt", 0.6),
        ("jaminan_kesehatan_pbi", 0.75),
        ("rtlh", 0.08),
        ("bansos_miskin_ekstrem", 0.15),
    ),
    "lanjut_usia_terlantar": (("kebutuhan_dasar_luar_panti", 0.5), ("permakanan_panti", 0.1)),
    "anak_terlantar": (("kebutuhan_dasar_luar_panti", 0.3), ("permakanan_panti", 0.15)),
    "penyandang_disabilitas": (("aspd", 0.3), ("alat_bantu_disabilitas", 0.2)),
    "anak_dengan_kedisabilitasan": (("alat_bantu_disabilitas", 0.3),),
    "korban_bencana_alam": (("bantuan_korban_bencana", 0.7),),
    "korban_bencana_sosial": (("bantuan_korban_bencana", 0.6),),
    "pekerja_migran_bermasalah_sosial": (("pemulangan_migran", 0.6),),
    "korban_perdagangan_orang": (("pemulangan_migran", 0.5),),
    "gelandangan": (("kebutuhan_dasar_luar_panti", 0.4),),
    "pengemis": (("kebutuhan_dasar_luar_panti", 0.4),),
}
_KELUARGA_LAIN = {"keluarga_bermasalah_sosial_psikologis": 0.03, "komunitas_adat_terpencil": 0.03}
_PORSI_FAKIR_MISKIN = 0.35
_PORSI_PMKS_ORANG = 0.22
_JUMLAH_DUPLIKAT = 6


def _umur(lahir: date) -> int:
    belum = (HARI_ACUAN.month, HARI_ACUAN.day) < (lahir.month, lahir.day)
    return HARI_ACUAN.year - lahir.year - belum


@dataclass
class _Orang:
    id: str
    nik: str
    nama: str
    jenis_kelamin: str
    tanggal_lahir: date
    wilayah: str
    kecamatan: str  # two digits, NIK digits 5–6
    nomor_kk: str
    alamat: str
    tempat_lahir: str
    status_hidup: str = "hidup"


@dataclass
class _Keluarga:
    id: str
    nomor_kk: str
    wilayah: str
    alamat: str
    mulai: date
    anggota: list[tuple[_Orang, str]] = field(default_factory=list)


def _terdaftar(keluarga_id: str) -> date:
    rng = random.Random(keluarga_id)  # noqa: S311 (made-up demo data, not a secret)
    return date(rng.randint(2015, 2024), rng.randint(1, 12), 1)


class _Pembangkit:
    """Draws the registry from one seeded generator (same seed, same registry)."""

    def __init__(self, wilayah: Sequence[Wilayah]) -> None:
        self.rng = random.Random(BENIH)  # noqa: S311 (made-up demo data, not a secret)
        self.wilayah = list(wilayah)
        self.nama_wilayah = {
            w.kode: w.nama.removeprefix("Kabupaten ").removeprefix("Kota ") for w in wilayah
        }
        self.nomor_urut: Counter[str] = Counter()

    def id(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def _urut(self, awalan: str) -> str:
        self.nomor_urut[awalan] += 1
        return awalan + f"{self.nomor_urut[awalan]:04d}"

    def nik(self, wilayah: str, kecamatan: str, lahir: date, jenis_kelamin: str) -> str:
        hari = lahir.day + (40 if jenis_kelamin == "P" else 0)
        return self._urut(f"{wilayah}{kecamatan}{hari:02d}{lahir:%m%y}")

    def nomor_kk(self, wilayah: str, kecamatan: str, terbit: date) -> str:
        return self._urut(f"{wilayah}{kecamatan}{terbit:%d%m%y}")

    def tanggal_lahir(self, umur_min: int, umur_max: int) -> date:
        umur = self.rng.randint(umur_min, umur_max)
        return HARI_ACUAN - timedelta(days=umur * 365 + self.rng.randint(0, 364))

    def nama(self, jenis_kelamin: str, marga: str) -> str:
        depan = self.rng.choice(LAKI if jenis_kelamin == "L" else PEREMPUAN)
        if depan not in ISLAMI and self.rng.random() < 0.3:
            depan += " " + self.rng.choice(
                TENGAH_LAKI if jenis_kelamin == "L" else TENGAH_PEREMPUAN
            )
        return f"{depan} {marga}"

    def orang(self, kel: _Keluarga, kecamatan: str, jk: str, lahir: date, marga: str) -> _Orang:
        return _Orang(
            id=self.id(),
            nik=self.nik(kel.wilayah, kecamatan, lahir, jk),
            nama=self.nama(jk, marga),
            jenis_kelamin=jk,
            tanggal_lahir=lahir,
            wilayah=kel.wilayah,
            kecamatan=kecamatan,
            nomor_kk=kel.nomor_kk,
            alamat=kel.alamat,
            tempat_lahir=self.nama_wilayah[kel.wilayah],
        )

    def keluarga(self) -> _Keluarga:
        rng = self.rng
        # Kota Kupang and the larger Timor and Flores districts report more people.
        bobot = [3 if w.kode in ("5371", "5302", "5301", "5303") else 1 for w in self.wilayah]
        wilayah = rng.choices(self.wilayah, weights=bobot)[0].kode
        kecamatan = f"{rng.randint(1, 30):02d}"
        terbit = date(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28))
        rt, rw, dusun = rng.randint(1, 20), rng.randint(1, 8), rng.choice("ABCDE")
        alamat = f"RT {rt:03d}/RW {rw:03d}, Dusun {dusun}"
        id_ = self.id()
        kel = _Keluarga(
            id=id_,
            nomor_kk=self.nomor_kk(wilayah, kecamatan, terbit),
            wilayah=wilayah,
            alamat=alamat,
            # When the family was registered here: not the card's issue date, which its
            # number spells out. Drawn apart, so the rest of the demo data stays as it was.
            mulai=_terdaftar(id_),
        )
        marga = rng.choice(MARGA)
        jk_kepala = "L" if rng.random() < 0.75 else "P"
        lahir_kepala = self.tanggal_lahir(22, 85)
        umur_kepala = _umur(lahir_kepala)
        kepala = self.orang(kel, kecamatan, jk_kepala, lahir_kepala, marga)
        kel.anggota.append((kepala, "kepala_keluarga"))
        if jk_kepala == "L" and rng.random() < 0.8:
            lahir = self.tanggal_lahir(max(18, umur_kepala - 8), min(90, umur_kepala + 3))
            kel.anggota.append((self.orang(kel, kecamatan, "P", lahir, rng.choice(MARGA)), "istri"))
        umur_anak_max = min(umur_kepala - 18, 40)
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 3, 4, 5)) if umur_anak_max >= 0 else 0):
            lahir = self.tanggal_lahir(0, umur_anak_max)
            kel.anggota.append((self.orang(kel, kecamatan, rng.choice("LP"), lahir, marga), "anak"))
        if umur_kepala < 50 and rng.random() < 0.1:
            lahir = self.tanggal_lahir(umur_kepala + 20, min(umur_kepala + 40, 95))
            jk = rng.choice("LP")
            kel.anggota.append((self.orang(kel, kecamatan, jk, lahir, marga), "orang_tua"))
        for o, _ in kel.anggota:
            if rng.random() < 0.02:
                o.status_hidup = rng.choice(("meninggal", "pindah"))
        return kel


def _cocok(o: _Orang, kategori: str) -> bool:
    umur_min, umur_max, jk = _SYARAT_KATEGORI.get(kategori, _DEWASA)
    return umur_min <= _umur(o.tanggal_lahir) <= umur_max and jk in (None, o.jenis_kelamin)


def _status(rng: random.Random) -> str:
    return rng.choices(("terverifikasi", "diajukan", "ditolak"), weights=(80, 15, 5))[0]


@dataclass
class _Baris:
    """The rows to insert, table by table."""

    orang: list[dict[str, Any]] = field(default_factory=list)
    keluarga: list[dict[str, Any]] = field(default_factory=list)
    anggota: list[dict[str, Any]] = field(default_factory=list)
    pmks: list[dict[str, Any]] = field(default_factory=list)
    kepesertaan: list[dict[str, Any]] = field(default_factory=list)


def _bangun(wilayah: Sequence[Wilayah], kategori: dict[str, str], program: set[str]) -> _Baris:
    gen = _Pembangkit(wilayah)
    rng = gen.rng
    waktu = sekarang()
    keluarga: list[_Keluarga] = []
    while sum(len(k.anggota) for k in keluarga) < TARGET_ORANG:
        keluarga.append(gen.keluarga())
    semua = [o for k in keluarga for o, _ in k.anggota]
    baris = _Baris()

    def orang_baris(o: _Orang) -> dict[str, Any]:
        return {
            "id": o.id,
            "nik": o.nik,
            "nama": o.nama,
            "jenis_kelamin": o.jenis_kelamin,
            "tanggal_lahir": o.tanggal_lahir,
            "tempat_lahir": o.tempat_lahir,
            "alamat": o.alamat,
            "kode_wilayah": o.wilayah,
            "kode_kecamatan": None,
            "kode_desa": None,
            "nomor_kk": o.nomor_kk,
            "status_hidup": o.status_hidup,
            "sumber": SUMBER,
            "versi": 1,
            "created_at": waktu,
            "updated_at": waktu,
            "dihapus_pada": None,
            "alasan_hapus": None,
        }

    def pmks(
        wilayah: str,
        kode: str,
        *,
        orang_id: str | None = None,
        keluarga_id: str | None = None,
        perlu_verifikasi: bool = False,
    ) -> None:
        baris.pmks.append(
            {
                "id": gen.id(),
                "orang_id": orang_id,
                "keluarga_id": keluarga_id,
                "kategori_kode": kode,
                "tahun": TAHUN,
                "kode_wilayah": wilayah,
                "status_verifikasi": "diajukan" if perlu_verifikasi else _status(rng),
                "perlu_verifikasi": perlu_verifikasi,
                "catatan": None,
                "impor_id": None,
                "created_at": waktu,
                "updated_at": waktu,
            }
        )
        for program_kode, peluang in _PROGRAM_KATEGORI.get(kode, ()):
            if program_kode in program and rng.random() < peluang:
                mulai = date(rng.randint(2018, 2024), rng.randint(1, 12), 1)
                keluar = rng.random() < 0.08
                status = "keluar" if keluar else rng.choices(
                    ("aktif", "diusulkan", "ditangguhkan"), weights=(85, 10, 5)
                )[0]  # fmt: skip
                baris.kepesertaan.append(
                    {
                        "id": gen.id(),
                        "orang_id": orang_id,
                        "keluarga_id": keluarga_id,
                        "program_kode": program_kode,
                        "status": status,
                        "mulai": mulai,
                        "sampai": date(2024, rng.randint(1, 12), 1) if keluar else None,
                        "kode_alasan": "graduasi" if keluar else None,
                        "keterangan": None,
                        "created_at": waktu,
                        "updated_at": waktu,
                    }
                )

    for k in keluarga:
        baris.keluarga.append(
            {
                "id": k.id,
                "nomor_kk": k.nomor_kk,
                "kode_wilayah": k.wilayah,
                "alamat": k.alamat,
                "created_at": waktu,
                "updated_at": waktu,
            }
        )
        for o, hubungan in k.anggota:
            baris.orang.append(orang_baris(o))
            baris.anggota.append(
                {
                    "id": gen.id(),
                    "keluarga_id": k.id,
                    "orang_id": o.id,
                    "hubungan": hubungan,
                    "mulai": k.mulai,
                    "sampai": None,
                }
            )

    # Family categories on families; every one of them at least once.
    per_keluarga = sorted(k for k, s in kategori.items() if s == "keluarga")
    for i, kode in enumerate(per_keluarga):
        pmks(keluarga[i].wilayah, kode, keluarga_id=keluarga[i].id)
    for k in keluarga[len(per_keluarga) :]:
        if "fakir_miskin" in kategori and rng.random() < _PORSI_FAKIR_MISKIN:
            pmks(k.wilayah, "fakir_miskin", keluarga_id=k.id)
        for kode, peluang in _KELUARGA_LAIN.items():
            if kode in kategori and rng.random() < peluang:
                pmks(k.wilayah, kode, keluarga_id=k.id)

    # Person categories: first one plausible person per category, then a share of everyone.
    per_orang = sorted(k for k, s in kategori.items() if s == "orang")
    hidup = [o for o in semua if o.status_hidup == "hidup"]
    sudah: set[str] = set()
    for kode in per_orang:
        calon = [o for o in hidup if o.id not in sudah and _cocok(o, kode)] or hidup
        o = rng.choice(calon)
        sudah.add(o.id)
        pmks(o.wilayah, kode, orang_id=o.id)
    for o in hidup:
        if o.id in sudah or rng.random() >= _PORSI_PMKS_ORANG:
            continue
        cocok = [k for k in per_orang if _cocok(o, k)]
        if cocok:
            sudah.add(o.id)
            pmks(o.wilayah, rng.choice(cocok), orang_id=o.id)

    # A few people reported by a second district too: same NIK, a record there flagged for
    # the province (GET /v1/duplikat). The NIK keeps the district it was issued in.
    dilaporkan = [r for r in baris.pmks if r["orang_id"] is not None]
    menurut_id = {o.id: o for o in semua}
    for r in rng.sample(dilaporkan, min(_JUMLAH_DUPLIKAT, len(dilaporkan))):
        asal = menurut_id[r["orang_id"]]
        lain = rng.choice([w.kode for w in wilayah if w.kode != asal.wilayah])
        salinan = {**orang_baris(asal), "id": gen.id(), "kode_wilayah": lain, "nomor_kk": None}
        salinan["alamat"] = None
        baris.orang.append(salinan)
        pmks(lain, r["kategori_kode"], orang_id=salinan["id"], perlu_verifikasi=True)
    return baris


def muat_registri(session: Session) -> int:
    """Load the synthetic registry unless it is there already; the number of synthetic people
    in the registry.

    Needs the reference data (districts, categories, programmes) loaded first.
    """
    ada = session.scalar(select(func.count()).select_from(Orang).where(col(Orang.sumber) == SUMBER))
    if ada:
        return int(ada)
    wilayah = session.scalars(
        select(Wilayah)
        .where(col(Wilayah.jenis).in_(("kabupaten", "kota")))
        .order_by(col(Wilayah.kode))
    ).all()
    kategori = {k.kode: k.sasaran for k in session.scalars(select(KategoriPmks))}
    program = set(session.scalars(select(col(ProgramBantuan.kode))))
    if not wilayah or not kategori:
        return 0
    baris = _bangun(wilayah, kategori, program)
    tabel: tuple[tuple[type[SQLModel], list[dict[str, Any]]], ...] = (
        (Keluarga, baris.keluarga),
        (Orang, baris.orang),
        (AnggotaKeluarga, baris.anggota),
        (DataPmks, baris.pmks),
        (Kepesertaan, baris.kepesertaan),
    )
    for model, rows in tabel:
        if rows:
            session.execute(insert(model), rows)
    session.commit()
    return len(baris.orang)
