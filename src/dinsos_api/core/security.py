"""Passwords, access tokens and API keys.

- Passwords: argon2id (pwdlib), never stored or logged in clear.
- User tokens: short-lived JWT (HS256) with issuer, audience, expiry and a per-user version
  that is bumped to revoke every token at once (deactivation, password change).
- API keys: `dsk_<id>_<secret>`, 256 bits of randomness; only SHA-256 of the secret is stored.
  A slow hash adds nothing for a random secret of that size and would slow every request.
- Failed logins are counted per submitted user name under a keyed hash of it (`sidik_username`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

ALGORITMA = "HS256"
PENERBIT = "dinsos-api"
AUDIENS = "dinsos-api"
AWALAN_KUNCI = "dsk_"

_hasher = PasswordHash((Argon2Hasher(),))
# Compared against when the username is unknown, so a miss costs as much as a wrong password.
_HASH_PALSU = _hasher.hash(secrets.token_urlsafe(16))


def hash_sandi(sandi: str) -> str:
    return _hasher.hash(sandi)


def cocokkan_sandi(sandi: str, hash_: str | None) -> bool:
    try:
        return _hasher.verify(sandi, hash_ or _HASH_PALSU) and hash_ is not None
    except Exception:  # a malformed stored hash is a failed login, not a 500
        return False


# Longer than any user name (64): what lies beyond is not read, whatever a client sends.
PANJANG_NAMA_DIBACA = 256


def sidik_username(username: str, kunci: str) -> str:
    """The failed-login counter's key for a submitted user name, known or not: an HMAC (under
    a key derived from the signing secret) of the name bounded in length, NFKC-normalised,
    trimmed and case-folded, so spelling variants of one name share one count."""
    nama = unicodedata.normalize("NFKC", username[:PANJANG_NAMA_DIBACA]).strip().casefold()
    turunan = hmac.new(kunci.encode(), b"dinsos-api/percobaan-login", hashlib.sha256).digest()
    return hmac.new(turunan, nama[:PANJANG_NAMA_DIBACA].encode(), hashlib.sha256).hexdigest()


def buat_token(subjek: str, versi: int, kunci: str, umur: timedelta) -> str:
    now = datetime.now(UTC)
    klaim: dict[str, Any] = {
        "sub": subjek,
        "ver": versi,
        "iss": PENERBIT,
        "aud": AUDIENS,
        "iat": now,
        "nbf": now,
        "exp": now + umur,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(klaim, kunci, algorithm=ALGORITMA)


def baca_token(token: str, kunci: str) -> dict[str, Any] | None:
    """The claims of a valid token, or None (bad signature, expired, wrong audience, alg none)."""
    try:
        klaim: dict[str, Any] = jwt.decode(
            token,
            kunci,
            algorithms=[ALGORITMA],  # pins the algorithm: "none" and RS/HS confusion fail
            audience=AUDIENS,
            issuer=PENERBIT,
            options={"require": ["exp", "iat", "sub", "aud", "iss"]},
        )
    except jwt.PyJWTError:
        return None
    return klaim


@dataclass(frozen=True)
class KunciBaru:
    id: str
    rahasia_hash: str
    kunci: str  # shown once to the client, never stored


def buat_kunci_api(id_: str | None = None) -> KunciBaru:
    """A new key; rotation passes the client's existing id to keep it."""
    id_ = id_ or secrets.token_hex(6)
    rahasia = secrets.token_urlsafe(32)
    return KunciBaru(id_, _hash_rahasia(rahasia), f"{AWALAN_KUNCI}{id_}_{rahasia}")


def urai_kunci_api(kunci: str) -> tuple[str, str] | None:
    """(id, secret hash) of a well-formed key, or None."""
    if not kunci.startswith(AWALAN_KUNCI):
        return None
    id_, sep, rahasia = kunci[len(AWALAN_KUNCI) :].partition("_")
    if not sep or len(id_) != 12 or not rahasia:
        return None
    return id_, _hash_rahasia(rahasia)


def hash_sama(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def _hash_rahasia(rahasia: str) -> str:
    return hashlib.sha256(rahasia.encode()).hexdigest()
