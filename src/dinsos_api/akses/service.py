"""Users, API clients and authentication. No HTTP here: routers and the CLI call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from dinsos_api.akses.models import KlienApi, Pengguna
from dinsos_api.akses.schemas import KlienBuat, PenggunaBuat, PenggunaUbah
from dinsos_api.core import audit, security
from dinsos_api.core.akses import Aktor, Identitas, Konteks, Peran, batalkan_cache_aktor
from dinsos_api.core.config import Settings
from dinsos_api.core.errors import Masalah
from dinsos_api.core.paginasi import paginasi
from dinsos_api.core.waktu import sebagai_utc, sekarang
from dinsos_api.wilayah.models import Wilayah

# --- authentication ------------------------------------------------------------------------


def autentikasi_token(engine: Engine, token: str, settings: Settings) -> Identitas | None:
    """The caller behind a bearer token (API key or user JWT), or None. Its own session:
    the result is cached across requests (core.akses.CacheAktor)."""
    with Session(engine) as session:
        kunci = security.urai_kunci_api(token)
        if kunci is not None:
            klien = session.get(KlienApi, kunci[0])
            if (
                klien is None
                or not klien.aktif
                or not security.hash_sama(klien.rahasia_hash, kunci[1])
            ):
                return None
            return Identitas(
                Aktor("klien", klien.id, klien.nama, Peran(klien.peran), klien.kode_wilayah)
            )
        klaim = security.baca_token(token, settings.kunci_rahasia())
        if klaim is None:
            return None
        pengguna = session.get(Pengguna, str(klaim["sub"]))
        if pengguna is None or not pengguna.aktif or pengguna.versi_token != klaim.get("ver"):
            return None
        aktor = Aktor(
            "pengguna", pengguna.id, pengguna.username, Peran(pengguna.peran),
            pengguna.kode_wilayah,
        )  # fmt: skip
        return Identitas(aktor, float(klaim["exp"]))


@dataclass(frozen=True)
class TokenBaru:
    token: str
    detik: int


def masuk(
    session: Session, ktx: Konteks, username: str, password: str, settings: Settings
) -> TokenBaru:
    """Password login. Failures count per account; too many lock it for a while."""
    gagal = Masalah(
        401,
        "Username atau password salah.",
        jenis="login-gagal",
        headers={"WWW-Authenticate": "Bearer"},
    )
    pengguna = session.exec(select(Pengguna).where(Pengguna.username == username)).first()
    now = sekarang()
    if pengguna is not None and pengguna.terkunci_sampai is not None:
        sisa = sebagai_utc(pengguna.terkunci_sampai) - now
        if sisa.total_seconds() > 0:
            menit = int(sisa.total_seconds() // 60) + 1
            raise Masalah(
                429,
                f"Akun terkunci sementara karena terlalu banyak percobaan gagal. "
                f"Coba lagi dalam {menit} menit.",
                jenis="akun-terkunci",
                headers={"Retry-After": str(int(sisa.total_seconds()) + 1)},
            )
    cocok = security.cocokkan_sandi(password, pengguna.sandi_hash if pengguna else None)
    if pengguna is None:
        raise gagal
    if not cocok or not pengguna.aktif:
        if cocok:  # right password, deactivated account: same answer, no counting
            raise gagal
        pengguna.gagal_login += 1
        if pengguna.gagal_login >= settings.login_maks_gagal:
            pengguna.terkunci_sampai = now + timedelta(minutes=settings.login_kunci_menit)
            pengguna.gagal_login = 0
            audit.catat(
                session, ktx, sumber_daya="pengguna", sumber_daya_id=pengguna.id,
                aksi="kunci", baru={"terkunci_sampai": pengguna.terkunci_sampai},
            )  # fmt: skip
        session.add(pengguna)
        session.commit()
        raise gagal
    if pengguna.gagal_login or pengguna.terkunci_sampai:
        pengguna.gagal_login = 0
        pengguna.terkunci_sampai = None
        session.add(pengguna)
        session.commit()
    umur = timedelta(minutes=settings.token_menit)
    token = security.buat_token(pengguna.id, pengguna.versi_token, settings.kunci_rahasia(), umur)
    return TokenBaru(token, int(umur.total_seconds()))


# --- shared checks -------------------------------------------------------------------------


def _pastikan_wilayah_ada(session: Session, kode: str | None) -> None:
    if kode is not None and session.get(Wilayah, kode) is None:
        raise Masalah(
            422,
            f"Kode wilayah {kode} tidak dikenal.",
            jenis="validasi",
            errors=[{"field": "kode_wilayah", "message": f"kode wilayah {kode} tidak dikenal"}],
        )


def _rekam(obj: Pengguna | KlienApi) -> dict[str, Any]:
    return obj.model_dump(exclude={"sandi_hash", "rahasia_hash", "created_at", "updated_at"})


# --- API clients ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KlienBaru:
    klien: KlienApi
    kunci: str


def buat_klien(session: Session, ktx: Konteks, data: KlienBuat) -> KlienBaru:
    _pastikan_wilayah_ada(session, data.kode_wilayah)
    kunci = security.buat_kunci_api()
    klien = KlienApi(
        id=kunci.id,
        nama=data.nama,
        peran=data.peran.value,
        kode_wilayah=data.kode_wilayah,
        rahasia_hash=kunci.rahasia_hash,
    )
    session.add(klien)
    audit.catat(
        session, ktx, sumber_daya="klien", sumber_daya_id=klien.id, aksi="buat",
        baru=_rekam(klien),
    )  # fmt: skip
    session.commit()
    session.refresh(klien)
    return KlienBaru(klien, kunci.kunci)


def daftar_klien(
    session: Session, limit: int, cursor: str | None
) -> tuple[list[KlienApi], str | None]:
    return paginasi(session, select(KlienApi), [KlienApi.id], limit, cursor)


def ambil_klien(session: Session, id_: str) -> KlienApi:
    klien = session.get(KlienApi, id_)
    if klien is None:
        raise Masalah(404, f"Klien API {id_} tidak ditemukan.")
    return klien


def rotasi_klien(session: Session, ktx: Konteks, id_: str) -> KlienBaru:
    """A new secret for the same client id; the old key stops working at once."""
    klien = ambil_klien(session, id_)
    if not klien.aktif:
        raise Masalah(409, "Klien API sudah dicabut; buat klien baru.", jenis="klien-dicabut")
    kunci = security.buat_kunci_api(klien.id)
    klien.rahasia_hash = kunci.rahasia_hash
    klien.updated_at = sekarang()
    session.add(klien)
    audit.catat(session, ktx, sumber_daya="klien", sumber_daya_id=klien.id, aksi="rotasi")
    session.commit()
    batalkan_cache_aktor()
    session.refresh(klien)
    return KlienBaru(klien, kunci.kunci)


def cabut_klien(session: Session, ktx: Konteks, id_: str) -> KlienApi:
    klien = ambil_klien(session, id_)
    if klien.aktif:
        lama = _rekam(klien)
        klien.aktif = False
        klien.dicabut_pada = klien.updated_at = sekarang()
        session.add(klien)
        audit.catat(
            session, ktx, sumber_daya="klien", sumber_daya_id=klien.id, aksi="cabut",
            lama=lama, baru=_rekam(klien),
        )  # fmt: skip
        session.commit()
        batalkan_cache_aktor()
        session.refresh(klien)
    return klien


# --- users ---------------------------------------------------------------------------------


def buat_pengguna(session: Session, ktx: Konteks, data: PenggunaBuat) -> Pengguna:
    _pastikan_wilayah_ada(session, data.kode_wilayah)
    if session.exec(select(Pengguna).where(Pengguna.username == data.username)).first():
        raise Masalah(
            409,
            f"Username {data.username} sudah dipakai.",
            jenis="konflik",
            errors=[{"field": "username", "message": "username sudah dipakai"}],
        )
    pengguna = Pengguna(
        username=data.username,
        nama=data.nama,
        peran=data.peran.value,
        kode_wilayah=data.kode_wilayah,
        sandi_hash=security.hash_sandi(data.password),
    )
    session.add(pengguna)
    audit.catat(
        session, ktx, sumber_daya="pengguna", sumber_daya_id=pengguna.id, aksi="buat",
        baru=_rekam(pengguna),
    )  # fmt: skip
    session.commit()
    session.refresh(pengguna)
    return pengguna


def daftar_pengguna(
    session: Session, limit: int, cursor: str | None
) -> tuple[list[Pengguna], str | None]:
    return paginasi(session, select(Pengguna), [Pengguna.username], limit, cursor)


def ambil_pengguna(session: Session, id_: str) -> Pengguna:
    pengguna = session.get(Pengguna, id_)
    if pengguna is None:
        raise Masalah(404, f"Pengguna {id_} tidak ditemukan.")
    return pengguna


def cari_pengguna(session: Session, username: str) -> Pengguna:
    pengguna = session.exec(select(Pengguna).where(Pengguna.username == username)).first()
    if pengguna is None:
        raise Masalah(404, f"Pengguna {username} tidak ditemukan.")
    return pengguna


def ubah_pengguna(
    session: Session, ktx: Konteks, pengguna: Pengguna, data: PenggunaUbah
) -> Pengguna:
    lama = {**_rekam(pengguna), "sandi_hash": pengguna.sandi_hash}
    if data.nama is not None:
        pengguna.nama = data.nama
    if data.aktif is not None and data.aktif != pengguna.aktif:
        pengguna.aktif = data.aktif
        pengguna.versi_token += 1  # deactivation ends every session at once
    if data.password is not None:
        pengguna.sandi_hash = security.hash_sandi(data.password)
        pengguna.versi_token += 1
        pengguna.gagal_login = 0
        pengguna.terkunci_sampai = None
    pengguna.updated_at = sekarang()
    session.add(pengguna)
    # The audit row records that the password changed, never the hash.
    baru = {**_rekam(pengguna), "sandi_hash": pengguna.sandi_hash}
    audit.catat(
        session, ktx, sumber_daya="pengguna", sumber_daya_id=pengguna.id, aksi="ubah",
        lama=lama, baru=baru,
    )  # fmt: skip
    session.commit()
    batalkan_cache_aktor()
    session.refresh(pengguna)
    return pengguna
