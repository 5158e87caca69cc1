"""Care units: capacity, occupancy, admissions, discharges and yearly counts (no HTTP here).

A stay occupies a bed from `tanggal_masuk` up to, not including, `tanggal_keluar`: a person
discharged on 30 June is not a resident on 30 June, so another may be admitted that day (a
transfer between units happens on one date). "Served in a year" follows the LKIP's counting
(and the issue): admitted on or before 31 December and not discharged before 1 January.

Rules of an admission, in the order they are checked: the unit keeps residents (404); the
target group is one the unit admits, the date is not in the future and not before the
person's birth (422); the person exists in the registry and is alive (422); the person has no
stay overlapping this one, in any unit (409); the unit has a free bed on the admission date
and on every later date on which it has residents (409, `kapasitas-penuh`). Capacity is
enforced, not merely flagged: a unit without a recorded capacity is not limited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Final

import yaml
from sqlalchemy import and_, case, func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col
from sqlmodel import select as select_model

from dinsos_api.core import audit, idempotensi, tabel_aman
from dinsos_api.core.akses import Aktor, Konteks, Peran
from dinsos_api.core.errors import Masalah
from dinsos_api.core.etag import etag_rekaman, pastikan_if_match
from dinsos_api.core.paginasi import paginasi
from dinsos_api.core.waktu import WITA, sekarang
from dinsos_api.panti.models import AlasanKeluar, KapasitasPanti, PenghuniPanti
from dinsos_api.panti.schemas import (
    BarisStatistikPanti,
    HunianKelompok,
    JumlahKelompok,
    KapasitasBuat,
    KapasitasKeluar,
    PantiDetail,
    PantiRingkas,
    PenghuniKeluar,
    PenghuniKeluarkan,
    PenghuniMasuk,
    StatistikPanti,
)
from dinsos_api.penerima import service as penerima_service
from dinsos_api.penerima.models import Orang
from dinsos_api.referensi.models import UnitKerja
from kinerja_core import bulatkan, rasio

SUMBER_DAYA: Final = "penghuni_panti"  # in audit rows and ETags
SUMBER_DAYA_KAPASITAS: Final = "kapasitas_panti"
BATAS_SAMAR: Final = 5  # analysts see no count below this (1–4), as in the registry


# --- the units -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfilPanti:
    """What data/panti.yaml says of a care unit."""

    kode: str
    kelompok_sasaran: tuple[str, ...]
    kode_wilayah: str
    kapasitas_demo: int
    dilayani_2024: Mapping[str, int]


@lru_cache(maxsize=1)
def profil() -> dict[str, ProfilPanti]:
    """The care units, in the order of data/panti.yaml."""
    teks = (resources.files("dinsos_api.panti") / "data" / "panti.yaml").read_text("utf-8")
    data = yaml.safe_load(teks)
    return {
        p["kode"]: ProfilPanti(
            kode=p["kode"],
            kelompok_sasaran=tuple(p["kelompok_sasaran"]),
            kode_wilayah=str(p["kode_wilayah"]),
            kapasitas_demo=int(p["kapasitas_demo"]),
            dilayani_2024=dict(p["dilayani_2024"]),
        )
        for p in data["panti"]
    }


def hari_ini() -> date:
    """Today in NTT (WITA): the default date of occupancy and the latest admission date."""
    return datetime.now(WITA).date()


def _unit(session: Session, kode: str) -> tuple[UnitKerja, ProfilPanti]:
    p = profil().get(kode)
    unit = session.get(UnitKerja, kode) if p is not None else None
    if p is None or unit is None:
        raise Masalah(404, f"Panti {kode} tidak ditemukan.")
    return unit, p


def riwayat_kapasitas(session: Session, kode: str) -> list[KapasitasPanti]:
    return list(
        session.scalars(
            select(KapasitasPanti)
            .where(col(KapasitasPanti.panti_kode) == kode)
            .order_by(col(KapasitasPanti.berlaku_mulai))
        ).all()
    )


def _kapasitas_pada(riwayat: Sequence[KapasitasPanti], tanggal: date) -> int | None:
    """The capacity in force on `tanggal` (riwayat sorted by berlaku_mulai)."""
    nilai = None
    for k in riwayat:
        if k.berlaku_mulai > tanggal:
            break
        nilai = k.kapasitas
    return nilai


def _tinggal_pada(tanggal: date) -> Any:
    """SQL: the stay occupies a bed on `tanggal`."""
    return and_(
        col(PenghuniPanti.tanggal_masuk) <= tanggal,
        or_(
            col(PenghuniPanti.tanggal_keluar).is_(None), col(PenghuniPanti.tanggal_keluar) > tanggal
        ),
    )


def _ringkas(
    unit: UnitKerja, p: ProfilPanti, tanggal: date, kapasitas: int | None, hunian: int
) -> dict[str, Any]:
    tingkat = rasio(hunian, kapasitas) if kapasitas is not None else None
    return {
        "kode": unit.kode,
        "nama": unit.nama,
        "jenis": unit.jenis,
        "induk_kode": unit.induk_kode,
        "kode_wilayah": p.kode_wilayah,
        "kelompok_sasaran": list(p.kelompok_sasaran),
        "tanggal": tanggal,
        "kapasitas": kapasitas,
        "hunian": hunian,
        "sisa": kapasitas - hunian if kapasitas is not None else None,
        "tingkat_hunian": bulatkan(tingkat) if tingkat is not None else None,
    }


def daftar_panti(session: Session, tanggal: date | None) -> list[PantiRingkas]:
    """Every care unit with its capacity and occupancy on `tanggal` (default: today)."""
    tanggal = tanggal or hari_ini()
    kode = list(profil())
    unit = {
        u.kode: u for u in session.scalars(select(UnitKerja).where(col(UnitKerja.kode).in_(kode)))
    }
    hunian = dict(
        session.execute(
            select(col(PenghuniPanti.panti_kode), func.count())
            .where(col(PenghuniPanti.panti_kode).in_(kode), _tinggal_pada(tanggal))
            .group_by(col(PenghuniPanti.panti_kode))
        ).all()
    )
    riwayat: dict[str, list[KapasitasPanti]] = {k: [] for k in kode}
    for k in session.scalars(
        select(KapasitasPanti).order_by(col(KapasitasPanti.berlaku_mulai))
    ).all():
        riwayat.setdefault(k.panti_kode, []).append(k)
    return [
        PantiRingkas.model_validate(
            _ringkas(unit[k], p, tanggal, _kapasitas_pada(riwayat[k], tanggal), hunian.get(k, 0))
        )
        for k, p in profil().items()
        if k in unit
    ]


def ambil_panti(session: Session, kode: str, tanggal: date | None) -> PantiDetail:
    """One unit: capacity and occupancy on `tanggal`, occupancy per target group, and the
    dated capacities."""
    unit, p = _unit(session, kode)
    tanggal = tanggal or hari_ini()
    per_kelompok = session.execute(
        select(col(PenghuniPanti.kelompok_sasaran), func.count())
        .where(col(PenghuniPanti.panti_kode) == kode, _tinggal_pada(tanggal))
        .group_by(col(PenghuniPanti.kelompok_sasaran))
        .order_by(col(PenghuniPanti.kelompok_sasaran))
    ).all()
    riwayat = riwayat_kapasitas(session, kode)
    hunian = sum(n for _, n in per_kelompok)
    return PantiDetail.model_validate(
        {
            **_ringkas(unit, p, tanggal, _kapasitas_pada(riwayat, tanggal), hunian),
            "hunian_per_kelompok": [
                HunianKelompok(kelompok_sasaran=k, hunian=n) for k, n in per_kelompok
            ],
            "riwayat_kapasitas": [KapasitasKeluar.model_validate(k) for k in riwayat],
        }
    )


# --- capacity --------------------------------------------------------------------------------


def _masa_tinggal(
    session: Session, kode: str, sejak: date, kecuali: str | None = None
) -> list[tuple[date, date | None]]:
    """(masuk, keluar) of the unit's stays that occupy a bed on `sejak` or later."""
    stmt = select(col(PenghuniPanti.tanggal_masuk), col(PenghuniPanti.tanggal_keluar)).where(
        col(PenghuniPanti.panti_kode) == kode,
        or_(col(PenghuniPanti.tanggal_keluar).is_(None), col(PenghuniPanti.tanggal_keluar) > sejak),
    )
    if kecuali is not None:
        stmt = stmt.where(col(PenghuniPanti.id) != kecuali)
    return [(m, k) for m, k in session.execute(stmt).all()]


def hunian_masa(masa: Iterable[tuple[date, date | None]], tanggal: date) -> int:
    return sum(1 for m, k in masa if m <= tanggal and (k is None or k > tanggal))


def titik_puncak(
    masa: Iterable[tuple[date, date | None]], mulai: date, sampai: date | None, lain: Iterable[date]
) -> list[date]:
    """The dates in [mulai, sampai) on which occupancy can peak: `mulai` and every admission
    (occupancy only rises on an admission), plus `lain` (capacity changes)."""
    titik = {mulai, *(m for m, _ in masa), *lain}
    return sorted(t for t in titik if t >= mulai and (sampai is None or t < sampai))


def _kunci_unit(session: Session, kode: str) -> None:
    """PostgreSQL: admissions to one unit run one at a time (two clerks, one last bed).
    SQLite serialises writers itself."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"panti\x1f{kode}"}
        )


def _pastikan_ada_tempat(session: Session, kode: str, masuk: date) -> None:
    riwayat = riwayat_kapasitas(session, kode)
    masa = _masa_tinggal(session, kode, masuk)
    for t in titik_puncak(masa, masuk, None, (k.berlaku_mulai for k in riwayat)):
        kapasitas = _kapasitas_pada(riwayat, t)
        hunian = hunian_masa(masa, t)
        if kapasitas is not None and hunian + 1 > kapasitas:
            raise Masalah(
                409,
                f"Panti penuh: pada {t.isoformat()} sudah ada {hunian} penghuni dari kapasitas "
                f"{kapasitas}. Keluarkan penghuni yang sudah pulang atau catat kapasitas baru.",
                jenis="kapasitas-penuh",
                errors=[{"field": "tanggal_masuk", "message": f"kapasitas penuh pada {t}"}],
            )


def tambah_kapasitas(
    session: Session, ktx: Konteks, kode: str, data: KapasitasBuat
) -> KapasitasKeluar:
    """A capacity from a date on. Refused (409) when the unit already has more residents
    than that on a date it would govern, or a value from that same date exists."""
    _unit(session, kode)
    _kunci_unit(session, kode)
    riwayat = riwayat_kapasitas(session, kode)
    if any(k.berlaku_mulai == data.berlaku_mulai for k in riwayat):
        raise Masalah(
            409,
            f"Kapasitas panti {kode} yang berlaku mulai {data.berlaku_mulai} sudah tercatat.",
            jenis="konflik",
            errors=[{"field": "berlaku_mulai", "message": "sudah ada kapasitas untuk tanggal ini"}],
        )
    berikut = [k.berlaku_mulai for k in riwayat if k.berlaku_mulai > data.berlaku_mulai]
    sampai = berikut[0] if berikut else None
    masa = _masa_tinggal(session, kode, data.berlaku_mulai)
    for t in titik_puncak(masa, data.berlaku_mulai, sampai, ()):
        hunian = hunian_masa(masa, t)
        if hunian > data.kapasitas:
            raise Masalah(
                409,
                f"Pada {t.isoformat()} panti ini dihuni {hunian} orang, lebih dari kapasitas "
                f"{data.kapasitas}. Catat kepulangan/rujukan penghuni lebih dahulu.",
                jenis="kapasitas-penuh",
                errors=[{"field": "kapasitas", "message": f"lebih kecil dari hunian pada {t}"}],
            )
    baru = KapasitasPanti(panti_kode=kode, **data.model_dump())
    session.add(baru)
    audit.catat(
        session, ktx, sumber_daya=SUMBER_DAYA_KAPASITAS, sumber_daya_id=baru.id, aksi="buat",
        baru={"panti_kode": kode, **data.model_dump()},
    )  # fmt: skip
    _komit(session)
    return KapasitasKeluar.model_validate(baru)


# --- residents -------------------------------------------------------------------------------


def etag_penghuni(p: PenghuniPanti) -> str:
    return etag_rekaman(SUMBER_DAYA, p.id, p.versi)


def _orang(session: Session, ids: Iterable[str]) -> dict[str, Any]:
    ids = list(set(ids))
    if not ids:
        return {}
    rows = session.execute(
        select(
            col(Orang.id), col(Orang.nama), col(Orang.nik), col(Orang.jenis_kelamin),
            col(Orang.tanggal_lahir),
        ).where(col(Orang.id).in_(ids))
    ).all()  # fmt: skip
    return {r[0]: r for r in rows}


def _keluar(p: PenghuniPanti, orang: Any) -> PenghuniKeluar:
    _, nama, nik, jenis_kelamin, tanggal_lahir = orang
    return PenghuniKeluar.model_validate(
        {
            **p.model_dump(exclude={"sumber"}),
            "nama": nama,
            "nik": nik,
            "jenis_kelamin": jenis_kelamin,
            "tanggal_lahir": tanggal_lahir,
            "keterangan_masuk": p.keterangan_masuk,
            "keterangan_keluar": p.keterangan_keluar,
            "tujuan_rujukan": p.tujuan_rujukan,
            "aktif": p.tanggal_keluar is None,
        }
    )


def _satu(session: Session, p: PenghuniPanti) -> PenghuniKeluar:
    return _keluar(p, _orang(session, [p.orang_id])[p.orang_id])


@dataclass(frozen=True)
class SaringPenghuni:
    aktif: bool | None = None  # True: not discharged; False: discharged
    tanggal: date | None = None  # residents on this date
    kelompok: str | None = None
    tahun: int | None = None  # served in this year


def daftar_penghuni(
    session: Session,
    aktor: Aktor,
    kode: str,
    saring: SaringPenghuni,
    limit: int,
    cursor: str | None,
) -> tuple[list[PenghuniKeluar], str | None]:
    """A unit's register in the order stays were recorded (created_at, id)."""
    _unit(session, kode)
    # sqlmodel's select: `paginasi` reads the sort keys off model instances.
    stmt = select_model(PenghuniPanti).where(col(PenghuniPanti.panti_kode) == kode)
    if saring.aktif is not None:
        keluar = col(PenghuniPanti.tanggal_keluar)
        stmt = stmt.where(keluar.is_(None) if saring.aktif else keluar.is_not(None))
    if saring.tanggal is not None:
        stmt = stmt.where(_tinggal_pada(saring.tanggal))
    if saring.kelompok is not None:
        stmt = stmt.where(col(PenghuniPanti.kelompok_sasaran) == saring.kelompok)
    if saring.tahun is not None:
        stmt = stmt.where(_dilayani(saring.tahun))
    rows, next_cursor = paginasi(
        session, stmt, [col(PenghuniPanti.created_at), col(PenghuniPanti.id)], limit, cursor
    )
    orang = _orang(session, (p.orang_id for p in rows))
    return [_keluar(p, orang[p.orang_id]) for p in rows], next_cursor


def _cari_penghuni(session: Session, kode: str, id_: str) -> PenghuniPanti:
    _unit(session, kode)
    p = session.get(PenghuniPanti, id_)
    if p is None or p.panti_kode != kode:
        raise Masalah(404, "Data penghuni panti tidak ditemukan.")
    return p


def ambil_penghuni(
    session: Session, aktor: Aktor, kode: str, id_: str
) -> tuple[PenghuniKeluar, str]:
    p = _cari_penghuni(session, kode, id_)
    return _satu(session, p), etag_penghuni(p)


def _tidak_valid(errors: list[dict[str, str]]) -> Masalah:
    ringkas = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:3])
    return Masalah(
        422, f"Periksa kembali isian berikut: {ringkas}.", jenis="validasi", errors=errors
    )


def _periksa_orang(
    session: Session, aktor: Aktor, orang_id: str, masuk: date
) -> list[dict[str, str]]:
    """The person must be in the registry (not deleted), alive, and born by `masuk`."""
    try:
        orang, _ = penerima_service.ambil(session, aktor, orang_id)
    except Masalah:
        return [{"field": "orang_id", "message": "penerima manfaat tidak ditemukan di registri"}]
    if orang.status_hidup == "meninggal":
        return [{"field": "orang_id", "message": "tercatat meninggal di registri"}]
    if orang.tanggal_lahir is not None and orang.tanggal_lahir > masuk:
        return [{"field": "tanggal_masuk", "message": "sebelum tanggal lahir orang ini"}]
    return []


def _pastikan_tidak_tumpang(session: Session, orang_id: str, masuk: date) -> None:
    """No other stay of this person occupies a bed on or after `masuk`, in any unit."""
    lain = session.scalars(
        select(PenghuniPanti)
        .where(
            col(PenghuniPanti.orang_id) == orang_id,
            or_(
                col(PenghuniPanti.tanggal_keluar).is_(None),
                col(PenghuniPanti.tanggal_keluar) > masuk,
            ),
        )
        .order_by(col(PenghuniPanti.tanggal_masuk))
    ).first()
    if lain is not None:
        sampai = f"sampai {lain.tanggal_keluar}" if lain.tanggal_keluar else "dan belum keluar"
        raise Masalah(
            409,
            f"Orang ini tercatat sebagai penghuni {lain.panti_kode} sejak {lain.tanggal_masuk} "
            f"{sampai}; satu orang hanya dapat tinggal di satu panti pada satu waktu.",
            jenis="penghuni-ganda",
            errors=[{"field": "orang_id", "message": f"masih/pernah tinggal di {lain.panti_kode} "
                     "pada tanggal itu"}],
        )  # fmt: skip


def _komit(session: Session) -> None:
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Masalah(
            409,
            "Perubahan bertentangan dengan data lain (orang ini baru saja dicatat masuk panti "
            "atau rujukannya sudah tidak ada). Periksa lalu kirim ulang.",
            jenis="konflik",
        ) from None


@dataclass(frozen=True)
class Jawaban:
    """A write's answer: the resident, its ETag and where it lives (replayable)."""

    status_code: int
    body: dict[str, Any]
    etag: str
    lokasi: str


def _idempoten(
    session: Session,
    aktor: Aktor,
    kunci: str | None,
    operasi: str,
    data: Any,
    kerja: Callable[[], tuple[PenghuniPanti, int]],
) -> Jawaban:
    """Run `kerja` once per Idempotency-Key: a retry with the same key and body replays the
    first answer, the key stored in the same transaction as the change."""
    sidik = idempotensi.sidik_json(data.model_dump(mode="json"))
    if kunci is not None:
        lama = idempotensi.mulai(session, aktor.id, kunci, operasi, sidik)
        if lama is not None:
            body = dict(lama.body)
            return Jawaban(
                lama.status_code, body, etag_rekaman(SUMBER_DAYA, body["id"], body["versi"]),
                lama.lokasi or "",
            )  # fmt: skip
    p, status = kerja()
    session.flush()
    body = _satu(session, p).model_dump(mode="json")
    lokasi = f"/v1/panti/{p.panti_kode}/penghuni/{p.id}"
    if kunci is not None:
        idempotensi.simpan(
            session, aktor.id, kunci, operasi, sidik, idempotensi.Jawaban(status, body, lokasi)
        )
    _komit(session)
    return Jawaban(status, body, etag_penghuni(p), lokasi)


def _isi(p: PenghuniPanti) -> dict[str, Any]:
    """What audit rows record of a stay (no names, no NIK: the person is `orang_id`)."""
    return p.model_dump(exclude={"id", "versi", "created_at", "updated_at", "sumber"})


def terima(
    session: Session, ktx: Konteks, kode: str, data: PenghuniMasuk, kunci: str | None
) -> Jawaban:
    """Admit a registry person (see the module docstring for the rules and their order)."""
    _, p = _unit(session, kode)
    aktor = ktx.pelaku

    def kerja() -> tuple[PenghuniPanti, int]:
        errors: list[dict[str, str]] = []
        if data.kelompok_sasaran not in p.kelompok_sasaran:
            errors.append(
                {
                    "field": "kelompok_sasaran",
                    "message": "panti ini hanya menerima " + ", ".join(p.kelompok_sasaran),
                }
            )
        if data.tanggal_masuk > hari_ini():
            errors.append({"field": "tanggal_masuk", "message": "tidak boleh di masa depan"})
        errors += _periksa_orang(session, aktor, data.orang_id, data.tanggal_masuk)
        if errors:
            raise _tidak_valid(errors)
        _kunci_unit(session, kode)
        _pastikan_tidak_tumpang(session, data.orang_id, data.tanggal_masuk)
        _pastikan_ada_tempat(session, kode, data.tanggal_masuk)
        baru = PenghuniPanti(
            panti_kode=kode,
            orang_id=data.orang_id,
            kelompok_sasaran=data.kelompok_sasaran,
            tanggal_masuk=data.tanggal_masuk,
            asal_rujukan=data.asal_rujukan.value,
            keterangan_masuk=data.keterangan,
            sumber=aktor.id,
        )
        session.add(baru)
        audit.catat(
            session, ktx, sumber_daya=SUMBER_DAYA, sumber_daya_id=baru.id, aksi="masuk",
            baru=_isi(baru),
        )  # fmt: skip
        return baru, 201

    return _idempoten(session, aktor, kunci, f"POST /v1/panti/{kode}/penghuni", data, kerja)


def keluarkan(
    session: Session,
    ktx: Konteks,
    kode: str,
    id_: str,
    data: PenghuniKeluarkan,
    if_match: str | None,
    kunci: str | None,
) -> Jawaban:
    """Discharge a resident: 404, 412 (a stale If-Match, when sent), 422 (date before the
    admission or in the future, a referral without its destination), 409 (already out)."""
    aktor = ktx.pelaku

    def kerja() -> tuple[PenghuniPanti, int]:
        p = _cari_penghuni(session, kode, id_)
        if if_match is not None:
            pastikan_if_match(if_match, etag_penghuni(p))
        if p.tanggal_keluar is not None:
            raise Masalah(
                409,
                f"Penghuni ini sudah tercatat keluar pada {p.tanggal_keluar} ({p.alasan_keluar}).",
                jenis="sudah-keluar",
            )
        errors: list[dict[str, str]] = []
        if data.tanggal_keluar < p.tanggal_masuk:
            errors.append(
                {
                    "field": "tanggal_keluar",
                    "message": f"tidak boleh sebelum tanggal masuk ({p.tanggal_masuk})",
                }
            )
        if data.tanggal_keluar > hari_ini():
            errors.append({"field": "tanggal_keluar", "message": "tidak boleh di masa depan"})
        if data.alasan is AlasanKeluar.RUJUKAN and data.tujuan_rujukan is None:
            errors.append(
                {"field": "tujuan_rujukan", "message": "wajib diisi bila alasan keluar rujukan"}
            )
        if errors:
            raise _tidak_valid(errors)
        lama = _isi(p)
        p.tanggal_keluar = data.tanggal_keluar
        p.alasan_keluar = data.alasan.value
        p.tujuan_rujukan = data.tujuan_rujukan
        p.keterangan_keluar = data.keterangan
        p.versi += 1
        p.updated_at = sekarang()
        session.add(p)
        audit.catat(
            session, ktx, sumber_daya=SUMBER_DAYA, sumber_daya_id=p.id, aksi="keluar",
            lama=lama, baru=_isi(p),
        )  # fmt: skip
        return p, 200

    operasi = f"POST /v1/panti/{kode}/penghuni/{id_}/keluar"
    return _idempoten(session, aktor, kunci, operasi, data, kerja)


# --- yearly counts ---------------------------------------------------------------------------


def _dilayani(tahun: int) -> Any:
    """SQL: the stay was served in `tahun` (admitted by 31 Dec, not discharged before 1 Jan)."""
    return and_(
        col(PenghuniPanti.tanggal_masuk) <= date(tahun, 12, 31),
        or_(
            col(PenghuniPanti.tanggal_keluar).is_(None),
            col(PenghuniPanti.tanggal_keluar) >= date(tahun, 1, 1),
        ),
    )


def _antara(kolom: Any, tahun: int) -> Any:
    return func.sum(case((kolom.between(date(tahun, 1, 1), date(tahun, 12, 31)), 1), else_=0))


def statistik(session: Session, aktor: Aktor, tahun: int) -> StatistikPanti:
    """Residents served, admitted and discharged in `tahun`, per unit and target group, and
    the served per target group over all units (the figures the LKIP prints). Analysts get
    counts of 1–4 suppressed."""
    kode = list(profil())
    p = PenghuniPanti
    rows = session.execute(
        select(
            col(p.panti_kode),
            col(p.kelompok_sasaran),
            func.sum(case((_dilayani(tahun), 1), else_=0)),
            _antara(col(p.tanggal_masuk), tahun),
            _antara(col(p.tanggal_keluar), tahun),
        )
        .where(col(p.panti_kode).in_(kode))
        .group_by(col(p.panti_kode), col(p.kelompok_sasaran))
    ).all()
    urutan = {k: i for i, k in enumerate(kode)}
    rows = sorted((r for r in rows if any(r[2:])), key=lambda r: (urutan[r[0]], r[1]))
    # Each measure a table of units by target groups; for analysts, each protected as a
    # whole with its totals (core/tabel_aman), so that no withheld count follows from the
    # totals per group or the grand total printed below.
    tabel = [
        tabel_aman.dengan_total({(r[0], r[1]): int(r[i] or 0) for r in rows}) for i in (2, 3, 4)
    ]
    if aktor.peran is Peran.ANALIS:
        tampak = [tabel_aman.tampilkan(t, BATAS_SAMAR) for t in tabel]
    else:
        tampak = [dict(t) for t in tabel]
    dilayani, masuk, keluar = tampak

    def dari(t: dict[tabel_aman.Kunci, int | None], kunci: tabel_aman.Kunci) -> int | None:
        return t.get(kunci, 0)

    data = [
        BarisStatistikPanti(
            panti_kode=r[0], kelompok_sasaran=r[1],
            dilayani=dari(dilayani, (r[0], r[1])), masuk=dari(masuk, (r[0], r[1])),
            keluar=dari(keluar, (r[0], r[1])),
            disembunyikan=None in [dari(t, (r[0], r[1])) for t in tampak],
        )
        for r in rows
    ]  # fmt: skip
    kelompok = sorted(k for b, k in tabel[0] if b is None and k is not None)
    return StatistikPanti(
        tahun=tahun,
        data=data,
        per_kelompok=[
            JumlahKelompok(
                kelompok_sasaran=k,
                dilayani=dilayani[(None, k)],
                disembunyikan=dilayani[(None, k)] is None,
            )
            for k in kelompok
        ],
        total_dilayani=dari(dilayani, (None, None)),
    )
