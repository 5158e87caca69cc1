"""Users, API clients and authentication. No HTTP here: routers and the CLI call these."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from dinsos_api.akses.models import KlienApi, Pengguna, PercobaanLogin, VersiAkses
from dinsos_api.akses.schemas import USERNAME_MAKS, KlienBuat, PenggunaBuat, PenggunaUbah
from dinsos_api.core import audit, security
from dinsos_api.core.akses import Aktor, Identitas, Konteks, Peran
from dinsos_api.core.config import Settings
from dinsos_api.core.db import Mesin
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


# A run of failures left alone this long is forgotten: the counters (a row for every name
# anybody tried) stay few. A lock still running is kept until it ends.
LUPA_GAGAL = timedelta(days=1)


def masuk(
    session: Session, ktx: Konteks, username: str, password: str, settings: Settings
) -> TokenBaru:
    """Password login. Failures count per submitted user name (`PercobaanLogin`), known or
    not, in the same way, and too many lock that name for a while: the answers, their
    headers and the work done (one argon2 verification) are the same for a name no user has
    as for a real user's wrong password, so they do not tell which names exist."""
    gagal = Masalah(
        401,
        "Username atau password salah.",
        jenis="login-gagal",
        headers={"WWW-Authenticate": "Bearer"},
    )
    now = sekarang()
    kunci = security.sidik_username(username, settings.kunci_rahasia())
    catatan = session.execute(
        select(col(PercobaanLogin.terkunci_sampai)).where(col(PercobaanLogin.kunci) == kunci)
    ).first()
    if catatan is not None and catatan.terkunci_sampai is not None:
        sisa = (sebagai_utc(catatan.terkunci_sampai) - now).total_seconds()
        if sisa > 0:  # even the right password is refused until the lock ends
            raise Masalah(
                429,
                f"Akun terkunci sementara karena terlalu banyak percobaan gagal. "
                f"Coba lagi dalam {math.ceil(sisa / 60)} menit.",
                jenis="akun-terkunci",
                headers={"Retry-After": str(math.ceil(sisa))},
            )
    pengguna = None
    if len(username) <= USERNAME_MAKS:  # a longer name is no user's: not worth a lookup
        pengguna = session.exec(select(Pengguna).where(Pengguna.username == username)).first()
    # An unknown name is verified against a dummy hash: it costs what a wrong password does.
    cocok = security.cocokkan_sandi(password, pengguna.sandi_hash if pengguna else None)
    if pengguna is None or not cocok:
        _catat_gagal(session, ktx, kunci, pengguna, now, settings)
        raise gagal
    if not pengguna.aktif:  # right password, deactivated account: same answer, no counting
        raise gagal
    if catatan is not None:  # success ends the run of failures
        session.execute(delete(PercobaanLogin).where(col(PercobaanLogin.kunci) == kunci))
        session.commit()
    umur = timedelta(minutes=settings.token_menit)
    token = security.buat_token(pengguna.id, pengguna.versi_token, settings.kunci_rahasia(), umur)
    return TokenBaru(token, int(umur.total_seconds()))


def _catat_gagal(
    session: Session,
    ktx: Konteks,
    kunci: str,
    pengguna: Pengguna | None,
    now: datetime,
    settings: Settings,
) -> None:
    """Count one failure for the name (one atomic upsert: concurrent failures all count)
    and lock it at the limit; the same statements whether a user has the name or not."""
    session.execute(
        delete(PercobaanLogin).where(
            col(PercobaanLogin.updated_at) < now - LUPA_GAGAL,
            or_(
                col(PercobaanLogin.terkunci_sampai).is_(None),
                col(PercobaanLogin.terkunci_sampai) < now,
            ),
        )
    )
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    tambah = insert(PercobaanLogin).values(kunci=kunci, gagal=1, updated_at=now)
    jumlah = session.execute(
        tambah.on_conflict_do_update(
            index_elements=["kunci"],
            set_={"gagal": col(PercobaanLogin.gagal) + 1, "updated_at": now},
        ).returning(col(PercobaanLogin.gagal))
    ).scalar_one()
    if jumlah >= settings.login_maks_gagal:
        sampai = now + timedelta(minutes=settings.login_kunci_menit)
        session.execute(
            update(PercobaanLogin)
            .where(col(PercobaanLogin.kunci) == kunci)
            .values(gagal=0, terkunci_sampai=sampai)
        )
        # A user's lock is on the user's record; a name nobody has under its counter's key.
        sumber_daya, id_ = ("pengguna", pengguna.id) if pengguna else ("percobaan_login", kunci)
        audit.catat(
            session, ktx, sumber_daya=sumber_daya, sumber_daya_id=id_, aksi="kunci",
            baru={"terkunci_sampai": sampai},
        )  # fmt: skip
    session.commit()


def buka_kunci_login(session: Session, username: str, settings: Settings) -> None:
    """Forget a name's failures and lock, in the caller's transaction (a new password)."""
    kunci = security.sidik_username(username, settings.kunci_rahasia())
    session.execute(delete(PercobaanLogin).where(col(PercobaanLogin.kunci) == kunci))


# --- the access version --------------------------------------------------------------------

_BACA_VERSI = select(col(VersiAkses.versi)).where(col(VersiAkses.id) == 1)


def naikkan_versi_akses(session: Session) -> None:
    """In the caller's transaction, before it commits: every server process drops the tokens
    it cached on its next request (`core.akses.CacheAktor`). Call it with every change that
    ends or narrows a credential."""
    session.execute(
        update(VersiAkses).where(col(VersiAkses.id) == 1).values(versi=col(VersiAkses.versi) + 1)
    )


async def baca_versi_akses(mesin: Mesin) -> int | None:
    """The access version now (None without its row: then nothing cached is trusted). One
    primary-key read on a connection of its own, on the event loop (`Mesin.baca_kecil`)."""
    baris = await mesin.baca_kecil(_BACA_VERSI)
    return int(baris[0]) if baris else None


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
    naikkan_versi_akses(session)
    session.commit()
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
        naikkan_versi_akses(session)
        session.commit()
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
    session: Session, ktx: Konteks, pengguna: Pengguna, data: PenggunaUbah, settings: Settings
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
        buka_kunci_login(session, pengguna.username, settings)  # a new password unlocks
    pengguna.updated_at = sekarang()
    session.add(pengguna)
    # The audit row records that the password changed, never the hash.
    baru = {**_rekam(pengguna), "sandi_hash": pengguna.sandi_hash}
    audit.catat(
        session, ktx, sumber_daya="pengguna", sumber_daya_id=pengguna.id, aksi="ubah",
        lama=lama, baru=baru,
    )  # fmt: skip
    # Every change voids the tokens cached by every process: a deactivation or a new
    # password ends them at once; a new name costs each caller one lookup.
    naikkan_versi_akses(session)
    session.commit()
    session.refresh(pengguna)
    return pengguna
