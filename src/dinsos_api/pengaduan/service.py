"""Complaints: intake from every channel, the workflow, SLA clocks, statistics, the signed
SP4N-LAPOR! webhook in and the events that go back through the outbox. No HTTP here.

Privacy rules kept here: an anonymous complaint never gets reporter columns filled (whatever
the sender put in `pelapor`); reporter identity and content never enter the audit trail or
the logs; a confidential (`rahasia`) complaint shows its content to the handling roles only.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import and_, func, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from dinsos_api.core import idempotensi, outbox
from dinsos_api.core.akses import Aktor, Konteks, Peran
from dinsos_api.core.audit import catat
from dinsos_api.core.errors import Masalah, daftar_kesalahan
from dinsos_api.core.hari_kerja import Satuan, jatuh_tempo, sisa
from dinsos_api.core.json_body import json_dari_body
from dinsos_api.core.paginasi import paginasi
from dinsos_api.core.waktu import WITA, sebagai_utc, sekarang
from dinsos_api.layanan.alur import (
    AksiTidakDikenal,
    Alur,
    EfekJam,
    PeranDitolak,
    SyaratKurang,
    TidakBolehDariStatus,
    muat_alur,
)
from dinsos_api.layanan.sla import kalender_kantor
from dinsos_api.pengaduan.models import Pengaduan, RiwayatPengaduan, WebhookMasuk
from dinsos_api.pengaduan.schemas import (
    JENIS_LAPOR,
    Amplop,
    BarisStatistik,
    DataLaporan,
    Kanal,
    Lampiran,
    Langkah,
    PelaporKeluar,
    PengaduanBuat,
    PengaduanKeluar,
    PengaduanRingkas,
    PengirimanKeluar,
    PercobaanKeluar,
    Statistik,
    TransisiMasuk,
    WebhookJawaban,
)
from dinsos_api.referensi.models import UnitKerja
from kinerja_core import bulatkan, rasio

logger = logging.getLogger("dinsos_api.pengaduan")

LABEL = "pengaduan"
SUMBER_LAPOR = "sp4n_lapor"
TUJUAN_LAPOR = "sp4n_lapor"
# Who handles complaints and so may read a confidential one's content and reporter.
PERAN_PENANGAN = frozenset({Peran.PIMPINAN, Peran.OPERATOR_PROVINSI, Peran.PETUGAS_LAYANAN})
_LAPOR = "SP4N-LAPOR!"


# ================================================================== the machine as data


@dataclass(frozen=True)
class Definisi:
    alur: Alur
    sla: Mapping[str, tuple[int, Satuan]]
    kabar_lapor: Mapping[str, str]


@cache
def definisi() -> Definisi:
    """data/alur.yaml, read and checked once."""
    teks = resources.files("dinsos_api.pengaduan").joinpath("data", "alur.yaml").read_text("utf-8")
    mentah = yaml.safe_load(teks)
    alur = muat_alur("pengaduan", mentah["alur"], mentah["kelompok_peran"])
    sla = {k: (int(v["nilai"]), Satuan(v["satuan"])) for k, v in mentah["sla"].items()}
    if set(sla) != {k.value for k in Kanal}:
        raise ValueError("alur.yaml: setiap kanal pengaduan memerlukan SLA")
    kabar = dict(mentah.get("kabar_lapor", {}))
    for status in kabar:
        if status not in alur.status:
            raise ValueError(f"alur.yaml: kabar_lapor untuk status tak dikenal '{status}'")
    return Definisi(alur=alur, sla=sla, kabar_lapor=kabar)


# ================================================================== helpers


def _masalah_422(detail: str, errors: Sequence[Mapping[str, str]]) -> Masalah:
    return Masalah(422, detail, jenis="validasi", errors=errors)


def hari_ini() -> date:
    return sekarang().astimezone(WITA).date()


def boleh_lihat_isi(aktor: Aktor | None, p: Pengaduan) -> bool:
    """The complaint's free text (title, content, answer, documents, step notes). Never for
    analysts, who count complaints: free text names people. A confidential complaint's only
    for the staff handling complaints."""
    if aktor is not None and aktor.peran is Peran.ANALIS:
        return False
    return not p.rahasia or (aktor is not None and aktor.peran in PERAN_PENANGAN)


def _boleh_lihat_pelapor(aktor: Aktor | None) -> bool:
    # Reporter identity, confidential or not, only for the staff handling complaints.
    return aktor is not None and aktor.peran in PERAN_PENANGAN


def _terlambat(p: Pengaduan, saat: datetime) -> bool:
    if p.jatuh_tempo is None:
        return False
    tempo = sebagai_utc(p.jatuh_tempo)
    if p.selesai_pada is not None:
        return sebagai_utc(p.selesai_pada) > tempo
    return p.jeda_sejak is None and saat > tempo


def _pastikan_unit(session: Session, kode: str | None, field: str) -> None:
    if kode is not None and session.get(UnitKerja, kode) is None:
        raise _masalah_422(
            f"Unit kerja '{kode}' tidak dikenal.",
            [{"field": field, "message": "unit kerja tidak ditemukan"}],
        )


def _audit_isi(p: Pengaduan) -> dict[str, Any]:
    # No reporter identity and no content: the audit trail is read more widely than a case.
    return {
        "kanal": p.kanal,
        "klasifikasi": p.klasifikasi,
        "tracking_id": p.tracking_id,
        "status": p.status,
        "unit_kerja": p.unit_kerja_kode,
        "anonim": p.anonim,
        "rahasia": p.rahasia,
        "jatuh_tempo": p.jatuh_tempo,
        "selesai_pada": p.selesai_pada,
    }


def _ringkas(p: Pengaduan, aktor: Aktor | None, saat: datetime) -> dict[str, Any]:
    alur = definisi().alur
    return {
        "id": p.id,
        "kanal": p.kanal,
        "klasifikasi": p.klasifikasi,
        "tracking_id": p.tracking_id,
        "judul": p.judul if boleh_lihat_isi(aktor, p) else None,
        "status": p.status,
        "status_label": alur.label(p.status),
        "unit_kerja": p.unit_kerja_kode,
        "diterima_pada": sebagai_utc(p.diterima_pada),
        "jatuh_tempo": p.jatuh_tempo and sebagai_utc(p.jatuh_tempo),
        "selesai_pada": p.selesai_pada and sebagai_utc(p.selesai_pada),
        "terlambat": _terlambat(p, saat),
    }


def keluar(p: Pengaduan, aktor: Aktor | None) -> PengaduanKeluar:
    alur = definisi().alur
    lihat = boleh_lihat_isi(aktor, p)
    pelapor = None
    if not p.anonim and lihat and _boleh_lihat_pelapor(aktor) and p.pelapor_nama is not None:
        pelapor = PelaporKeluar(
            nama=p.pelapor_nama,
            email=p.pelapor_email,
            telepon=p.pelapor_telepon,
            alamat=p.pelapor_alamat,
        )
    aksi = [
        t.aksi for t in alur.aksi_dari(p.status) if aktor is None or aktor.peran.value in t.peran
    ]
    return PengaduanKeluar(
        **_ringkas(p, aktor, sekarang()),
        kategori=p.kategori,
        isi=p.isi if lihat else None,
        anonim=p.anonim,
        rahasia=p.rahasia,
        konten_disembunyikan=not lihat,
        pelapor=pelapor,
        lampiran=[Lampiran(**x) for x in p.lampiran] if lihat else [],
        layanan_kode=p.layanan_kode,
        tanggal_lapor=p.tanggal_lapor,
        langkah_berikut=alur.status[p.status].langkah_berikut,
        jawaban=p.jawaban if lihat else None,
        aksi_tersedia=sorted(set(aksi)),
    )


# ================================================================== SLA clock


def _jalankan_jam(p: Pengaduan, efek: EfekJam | None, saat: datetime) -> None:
    """Start, pause, resume or stop the answer clock for the state just entered."""
    nilai, satuan = definisi().sla[p.kanal]
    kalender = kalender_kantor()
    if p.jeda_sejak is not None and efek is not EfekJam.JEDA:
        jeda = sebagai_utc(p.jeda_sejak)
        p.jeda_sejak = None
        if p.jatuh_tempo is not None and efek is not EfekJam.HENTI:
            tersisa, satuan_sisa = sisa(sebagai_utc(p.jatuh_tempo), jeda, satuan, kalender)
            p.jatuh_tempo = jatuh_tempo(saat, tersisa, satuan_sisa, kalender)
    if efek is EfekJam.MULAI and p.jatuh_tempo is None:
        p.jatuh_tempo = jatuh_tempo(saat, nilai, satuan, kalender)
    elif efek is EfekJam.JEDA and p.selesai_pada is None:
        p.jeda_sejak = p.jeda_sejak or saat
    elif efek is EfekJam.HENTI and p.selesai_pada is None:
        p.selesai_pada = saat


# ================================================================== steps


def _catat_langkah(
    session: Session,
    ktx: Konteks,
    p: Pengaduan,
    aksi: str,
    dari: str | None,
    catatan: str | None,
    saat: datetime,
    *,
    atas_nama: str | None = None,
) -> None:
    urutan = session.exec(select(func.count()).where(RiwayatPengaduan.pengaduan_id == p.id)).one()
    pelaku = ktx.kolom_pelaku()
    if ktx.aktor is None:
        pelaku["aktor_nama"] = atas_nama
    session.add(
        RiwayatPengaduan(
            pengaduan_id=p.id,
            urutan=int(urutan) + 1,
            aksi=aksi,
            dari_status=dari,
            ke_status=p.status,
            catatan=catatan,
            **pelaku,
            waktu=saat,
        )
    )


def _kabar_lapor(
    session: Session, p: Pengaduan, catatan: str | None, saat: datetime
) -> outbox.OutboxEvent | None:
    """The event SP4N-LAPOR! should get for the state just entered, in this transaction."""
    jenis = definisi().kabar_lapor.get(p.status)
    if jenis is None or p.kanal != Kanal.SP4N_LAPOR or p.tracking_id is None:
        return None
    data: dict[str, Any] = {
        "tracking_id": p.tracking_id,
        "status": p.status,
        "status_label": definisi().alur.label(p.status),
        "keterangan": catatan,
    }
    if p.status == "disetujui":
        data["jawaban"] = p.jawaban
    if p.unit_kerja_kode:
        data["unit_kerja"] = p.unit_kerja_kode
    return outbox.tulis(
        session,
        topic=f"sp4n_lapor.{jenis}",
        destination=TUJUAN_LAPOR,
        subject_id=p.id,
        payload={"type": jenis, "timestamp": saat.isoformat(), "data": data},
    )


# ================================================================== staff intake


OPERASI_BUAT = "POST /v1/pengaduan"


def buat(
    session: Session, ktx: Konteks, req: PengaduanBuat, kunci: str | None = None
) -> PengaduanKeluar:
    """Register a staff-entered complaint; with an Idempotency-Key a retry replays it."""
    aktor = ktx.pelaku
    sidik = idempotensi.sidik_json(req.model_dump(mode="json"))
    if kunci is not None:
        lama = idempotensi.mulai(session, aktor.id, kunci, OPERASI_BUAT, sidik)
        if lama is not None:
            return PengaduanKeluar.model_validate(lama.body)
    _pastikan_unit(session, req.unit_kerja, "unit_kerja")
    saat = sekarang()
    tanggal = req.tanggal_lapor or saat.astimezone(WITA).date()
    if tanggal > saat.astimezone(WITA).date():
        raise _masalah_422(
            "Tanggal lapor tidak boleh di masa depan.",
            [{"field": "tanggal_lapor", "message": "tidak boleh melewati hari ini"}],
        )
    alur = definisi().alur
    pelapor = None if req.anonim else req.pelapor
    p = Pengaduan(
        kanal=req.kanal,
        klasifikasi=req.klasifikasi.value,
        kategori=req.kategori,
        judul=req.judul,
        isi=req.isi,
        anonim=req.anonim,
        rahasia=req.rahasia,
        pelapor_nama=pelapor.nama if pelapor else None,
        pelapor_email=pelapor.email if pelapor else None,
        pelapor_telepon=pelapor.telepon if pelapor else None,
        pelapor_alamat=pelapor.alamat if pelapor else None,
        lampiran=[x.model_dump() for x in req.lampiran],
        layanan_kode=req.layanan_kode,
        unit_kerja_kode=req.unit_kerja,
        tanggal_lapor=tanggal,
        status=alur.status_awal,
        diterima_pada=saat,
        dibuat_oleh=aktor.id,
        updated_at=saat,
    )
    _jalankan_jam(p, alur.efek_jam(p.status), saat)
    session.add(p)
    session.flush()
    _catat_langkah(session, ktx, p, "terima", None, None, saat)
    catat(session, ktx, sumber_daya=LABEL, sumber_daya_id=p.id, aksi="buat", baru=_audit_isi(p))
    hasil = keluar(p, aktor)
    if kunci is not None:
        jawaban = idempotensi.Jawaban(201, hasil.model_dump(mode="json"), f"/v1/pengaduan/{p.id}")
        idempotensi.simpan(session, aktor.id, kunci, OPERASI_BUAT, sidik, jawaban)
    session.commit()
    return hasil


def _cari(session: Session, id_: str) -> Pengaduan:
    p = session.get(Pengaduan, id_)
    if p is None:
        raise Masalah(404, "Pengaduan tidak ditemukan.")
    return p


def ambil(session: Session, aktor: Aktor, id_: str) -> PengaduanKeluar:
    return keluar(_cari(session, id_), aktor)


def riwayat(session: Session, aktor: Aktor, id_: str) -> list[Langkah]:
    p = _cari(session, id_)
    alur = definisi().alur
    lihat = boleh_lihat_isi(aktor, p)
    rows = session.exec(
        select(RiwayatPengaduan)
        .where(RiwayatPengaduan.pengaduan_id == p.id)
        .order_by(col(RiwayatPengaduan.urutan))
    ).all()
    return [
        Langkah(
            urutan=r.urutan,
            aksi=r.aksi,
            dari_status=r.dari_status,
            ke_status=r.ke_status,
            ke_label=alur.label(r.ke_status),
            catatan=r.catatan if lihat else None,
            aktor_jenis=r.aktor_jenis,
            aktor_nama=r.aktor_nama,
            peran=r.peran,
            waktu=sebagai_utc(r.waktu),
        )
        for r in rows
    ]


# ================================================================== workflow


_ISIAN_AKSI = {"jawaban": "jawaban", "unit_kerja": "unit_kerja"}


def transisi(session: Session, ktx: Konteks, id_: str, req: TransisiMasuk) -> PengaduanKeluar:
    aktor = ktx.pelaku
    p = _cari(session, id_)
    alur = definisi().alur
    calon = [t for t in alur.transisi if t.aksi == req.aksi and p.status in t.dari]
    # Fields are taken only by the actions that use them: nothing is changed by accident.
    dipakai = set(calon[0].kolom) if calon else set(_ISIAN_AKSI)
    lebih = [
        {"field": kolom, "message": f"tidak dipakai pada aksi '{req.aksi}'"}
        for kolom in _ISIAN_AKSI
        if getattr(req, kolom) is not None and kolom not in dipakai
    ]
    if lebih:
        raise _masalah_422("Isian tidak dipakai pada aksi ini.", lebih)
    data = {
        "jawaban": req.jawaban or p.jawaban,
        "unit_kerja": req.unit_kerja or p.unit_kerja_kode,
    }
    try:
        t = alur.periksa(
            p.status,
            req.aksi,
            aktor.peran.value,
            dokumen_ada=set(),
            data=data,
            catatan=req.catatan,
            penjaga={},
            label_dokumen={},
        )
    except AksiTidakDikenal as exc:
        pesan = f"Aksi '{req.aksi}' tidak dikenal untuk pengaduan."
        raise _masalah_422(pesan, [{"field": "aksi", "message": pesan}]) from exc
    except TidakBolehDariStatus as exc:
        raise Masalah(409, exc.pesan, jenis="status-pengaduan") from None
    except PeranDitolak as exc:
        raise Masalah(403, exc.pesan, jenis="akses-ditolak") from None
    except SyaratKurang as exc:
        raise _masalah_422(
            exc.pesan, [{"field": k.field, "message": k.message} for k in exc.kekurangan]
        ) from None
    if req.unit_kerja is not None:
        _pastikan_unit(session, req.unit_kerja, "unit_kerja")
    saat = sekarang()
    lama = _audit_isi(p)
    dari = p.status
    p.status = t.ke
    if req.jawaban is not None:
        p.jawaban = req.jawaban
    if req.unit_kerja is not None:
        p.unit_kerja_kode = req.unit_kerja
    p.updated_at = saat
    _jalankan_jam(p, alur.efek_jam(t.ke), saat)
    session.add(p)
    _catat_langkah(session, ktx, p, t.aksi, dari, req.catatan, saat)
    _kabar_lapor(session, p, req.catatan, saat)
    catat(
        session,
        ktx,
        sumber_daya=LABEL,
        sumber_daya_id=p.id,
        aksi=f"transisi:{t.aksi}",
        lama=lama,
        baru=_audit_isi(p),
    )
    session.commit()
    session.refresh(p)
    return keluar(p, aktor)


# ================================================================== lists and statistics


@dataclass(frozen=True)
class Saring:
    kanal: str | None = None
    klasifikasi: str | None = None
    status: str | None = None
    unit_kerja: str | None = None
    terlambat: bool | None = None
    tracking_id: str | None = None


def _syarat_terlambat(saat: datetime) -> Any:
    tempo, selesai = col(Pengaduan.jatuh_tempo), col(Pengaduan.selesai_pada)
    return and_(
        tempo.is_not(None),
        or_(
            and_(selesai.is_not(None), selesai > tempo),
            and_(selesai.is_(None), col(Pengaduan.jeda_sejak).is_(None), tempo < saat),
        ),
    )


def daftar(
    session: Session, aktor: Aktor, saring: Saring, limit: int, cursor: str | None
) -> tuple[list[PengaduanRingkas], str | None]:
    saat = sekarang()
    stmt = select(Pengaduan)
    for kolom, nilai in (
        (Pengaduan.kanal, saring.kanal),
        (Pengaduan.klasifikasi, saring.klasifikasi),
        (Pengaduan.status, saring.status),
        (Pengaduan.unit_kerja_kode, saring.unit_kerja),
        (Pengaduan.tracking_id, saring.tracking_id),
    ):
        if nilai is not None:
            stmt = stmt.where(col(kolom) == nilai)
    if saring.terlambat is not None:
        telat = _syarat_terlambat(saat)
        stmt = stmt.where(telat if saring.terlambat else ~telat)
    rows, berikut = paginasi(
        session, stmt, [col(Pengaduan.diterima_pada), col(Pengaduan.id)], limit, cursor
    )
    return [PengaduanRingkas(**_ringkas(p, aktor, saat)) for p in rows], berikut


def _baris(
    kunci: str | None, kasus: Iterable[tuple[datetime | None, datetime | None, bool]]
) -> BarisStatistik:
    jumlah = selesai = tepat = telat = 0
    for tempo, akhir, terlambat in kasus:
        jumlah += 1
        if tempo is not None and akhir is not None:
            selesai += 1
            tepat += akhir <= tempo
        telat += terlambat
    persen = rasio(tepat, selesai)
    return BarisStatistik(
        kunci=kunci,
        jumlah=jumlah,
        selesai=selesai,
        tepat_waktu=tepat,
        terlambat=telat,
        persen_tepat_waktu=None if persen is None else bulatkan(persen),
    )


def statistik(session: Session, tahun: int | None) -> Statistik:
    """Counts per channel, classification and unit; the on-time rate of closed clocks."""
    saat = sekarang()
    stmt = select(Pengaduan)
    if tahun is not None:
        awal = datetime(tahun, 1, 1, tzinfo=WITA)
        stmt = stmt.where(
            col(Pengaduan.diterima_pada) >= awal,
            col(Pengaduan.diterima_pada) < awal.replace(year=tahun + 1),
        )
    rows = session.exec(stmt).all()
    kasus = [
        (
            p,
            (
                p.jatuh_tempo and sebagai_utc(p.jatuh_tempo),
                p.selesai_pada and sebagai_utc(p.selesai_pada),
                _terlambat(p, saat),
            ),
        )
        for p in rows
    ]

    def per(kunci: Callable[[Pengaduan], str | None]) -> list[BarisStatistik]:
        kelompok: dict[str | None, list[Any]] = defaultdict(list)
        for p, nilai in kasus:
            kelompok[kunci(p)].append(nilai)
        return [_baris(k, v) for k, v in sorted(kelompok.items(), key=lambda kv: kv[0] or "")]

    return Statistik(
        tahun=tahun,
        total=_baris(None, (n for _, n in kasus)),
        per_kanal=per(lambda p: p.kanal),
        per_klasifikasi=per(lambda p: p.klasifikasi),
        per_unit=per(lambda p: p.unit_kerja_kode),
    )


# ================================================================== SP4N-LAPOR! webhook


@dataclass(frozen=True)
class JawabanWebhook:
    status_code: int
    body: dict[str, Any]
    ulangan: bool = False


def rahasia_webhook(nilai: str) -> list[str]:
    return [s.strip() for s in nilai.split(",") if s.strip()]


def verifikasi(body: bytes, headers: Mapping[str, str], rahasia: Sequence[str]) -> None:
    """Standard Webhooks v1 against every configured secret (several during a rotation);
    the library also refuses timestamps more than 5 minutes off. Any failure is 401."""
    if not rahasia:
        # Otherwise the operator sees a relay's correctly signed messages refused for nothing.
        logger.warning(
            "sp4n-lapor webhook refused (401): SP4N_LAPOR_WEBHOOK_SECRETS is empty, so no "
            "signature can be verified"
        )
    for satu in rahasia:
        try:
            Webhook(satu).verify(body, dict(headers), json_parse=False)
        except (WebhookVerificationError, ValueError):
            continue
        except Exception:
            logger.warning("an SP4N_LAPOR_WEBHOOK_SECRETS entry is not a valid secret")
            continue
        return
    raise Masalah(
        401,
        "Tanda tangan webhook tidak valid, tidak ada, atau waktunya di luar batas 5 menit.",
        jenis="tanda-tangan-webhook",
    )


def _baca_amplop(body: bytes) -> Amplop:
    try:
        mentah = json_dari_body(body)
    except Masalah:
        # The relay's contract (docs/sp4n-lapor.md): a malformed body is 422.
        raise Masalah(
            422,
            "Isi webhook bukan JSON yang valid.",
            jenis="validasi",
            errors=[{"field": "body", "message": "JSON tidak valid"}],
        ) from None
    try:
        return Amplop.model_validate(mentah)
    except ValidationError as exc:
        raise _tolak_isi(exc, "") from None


def _tolak_isi(exc: ValidationError, awalan: str) -> Masalah:
    errors = daftar_kesalahan(
        {**e, "loc": (awalan, *e["loc"]) if awalan else e["loc"]} for e in exc.errors()
    )
    ringkas = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:3])
    return Masalah(422, f"Isi webhook tidak valid: {ringkas}.", jenis="validasi", errors=errors)


def _insert(session: Session) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


_AMAN = re.compile(r"[^A-Za-z0-9._-]")


def terima_webhook(
    session: Session, ktx: Konteks, body: bytes, headers: Mapping[str, str], rahasia: Sequence[str]
) -> JawabanWebhook:
    """Verify, then process exactly once per webhook-id and once per tracking id."""
    verifikasi(body, headers, rahasia)
    webhook_id = headers.get("webhook-id", "")
    if len(webhook_id) > 200:
        raise _masalah_422(
            "Header webhook-id terlalu panjang.",
            [{"field": "webhook-id", "message": "maksimal 200 karakter"}],
        )
    amplop = _baca_amplop(body)
    data: DataLaporan | None = None
    if amplop.type in JENIS_LAPOR:
        try:
            data = DataLaporan.model_validate(amplop.data)
        except ValidationError as exc:
            raise _tolak_isi(exc, "data") from None
    # Claim the webhook-id first: a concurrent twin waits here (PostgreSQL) until this
    # transaction ends, then finds the row and replays its answer.
    klaim = session.execute(
        _insert(session)(WebhookMasuk)
        .values(
            sumber=SUMBER_LAPOR,
            webhook_id=webhook_id,
            jenis=amplop.type[:64],
            sidik_body=hashlib.sha256(body).hexdigest(),
            status_code=0,
            jawaban={},
            diterima_pada=sekarang(),
        )
        .on_conflict_do_nothing(index_elements=["sumber", "webhook_id"])
        .returning(col(WebhookMasuk.webhook_id))
    )
    if klaim.first() is None:
        session.rollback()
        lama = session.get(WebhookMasuk, (SUMBER_LAPOR, webhook_id))
        if lama is None:  # pragma: no cover (the conflicting row was rolled back)
            raise Masalah(409, "Kiriman webhook yang sama sedang diproses.", jenis="webhook")
        return JawabanWebhook(lama.status_code, dict(lama.jawaban), ulangan=True)
    if data is None:
        jenis_aman = _AMAN.sub("?", amplop.type[:64])
        logger.info("sp4n-lapor webhook of unknown type %s acknowledged", jenis_aman)
        jawaban = JawabanWebhook(
            202,
            WebhookJawaban(jenis=amplop.type, hasil="diabaikan", pengaduan_id=None).model_dump(),
        )
    else:
        jawaban = _proses_laporan(session, ktx, amplop.type, data)
    simpan = session.get(WebhookMasuk, (SUMBER_LAPOR, webhook_id))
    assert simpan is not None
    simpan.status_code = jawaban.status_code
    simpan.jawaban = jawaban.body
    simpan.pengaduan_id = jawaban.body.get("pengaduan_id")
    session.add(simpan)
    session.commit()
    return jawaban


def _kolom_laporan(data: DataLaporan) -> dict[str, Any]:
    pelapor = None if data.anonim else data.pelapor
    return {
        "judul": data.judul,
        "isi": data.isi,
        "klasifikasi": data.klasifikasi.value,
        "kategori": data.kategori,
        "tanggal_lapor": data.tanggal_lapor,
        "anonim": data.anonim,
        "rahasia": data.rahasia,
        "pelapor_nama": pelapor.nama if pelapor else None,
        "pelapor_email": pelapor.email if pelapor else None,
        "pelapor_telepon": pelapor.telepon if pelapor else None,
        "lampiran": [x.model_dump() for x in data.lampiran],
    }


def _proses_laporan(
    session: Session, ktx: Konteks, jenis: str, data: DataLaporan
) -> JawabanWebhook:
    saat = sekarang()
    alur = definisi().alur

    def jawab(hasil: str, p: Pengaduan | None) -> JawabanWebhook:
        body = WebhookJawaban(jenis=jenis, hasil=hasil, pengaduan_id=p.id if p else None)
        return JawabanWebhook(200, body.model_dump())

    dibuat = False
    if jenis in ("laporan.diteruskan", "laporan.diperbarui"):
        baru = Pengaduan(
            kanal=Kanal.SP4N_LAPOR.value,
            tracking_id=data.tracking_id,
            status=alur.status_awal,
            diterima_pada=saat,
            updated_at=saat,
            **_kolom_laporan(data),
        )
        _jalankan_jam(baru, alur.efek_jam(baru.status), saat)
        # One case per tracking id, even for two deliveries in flight at once.
        hasil = session.execute(
            _insert(session)(Pengaduan)
            .values(baru.model_dump())
            .on_conflict_do_nothing(index_elements=["tracking_id"])
            .returning(col(Pengaduan.id))
        )
        dibuat = hasil.first() is not None
    p = session.exec(
        select(Pengaduan).where(Pengaduan.tracking_id == data.tracking_id).with_for_update()
    ).first()
    if p is None:
        return jawab("diabaikan", None)  # closing or redirecting a report never received
    if dibuat:
        _catat_langkah(session, ktx, p, "terima", None, None, saat, atas_nama=_LAPOR)
        catat(session, ktx, sumber_daya=LABEL, sumber_daya_id=p.id, aksi="buat", baru=_audit_isi(p))
        return jawab("dibuat", p)
    lama = _audit_isi(p)
    akhir = alur.status[p.status].akhir
    if jenis in ("laporan.diteruskan", "laporan.diperbarui"):
        kolom = _kolom_laporan(data)
        if p.anonim:  # once anonymous, always: an update never brings an identity back
            kolom.update(anonim=True, pelapor_nama=None, pelapor_email=None, pelapor_telepon=None)
        for k, v in kolom.items():
            setattr(p, k, v)
        hasil_teks, aksi, ke, catatan = "diperbarui", "diperbarui_pelapor", p.status, None
    elif jenis == "laporan.ditutup":
        hasil_teks, aksi, catatan = "ditutup", "ditutup_lapor", "Ditutup oleh SP4N-LAPOR!"
        ke = p.status if akhir else "selesai"
    else:
        hasil_teks, aksi = "dialihkan", "dialihkan_lapor"
        catatan = "Dialihkan oleh SP4N-LAPOR! ke instansi lain"
        ke = p.status if akhir else "bukan_wewenang"
    dari = p.status
    p.status = ke
    p.updated_at = saat
    if ke != dari:
        _jalankan_jam(p, alur.efek_jam(ke), saat)
    session.add(p)
    # LAPOR! itself made this change: nothing is sent back for it.
    _catat_langkah(session, ktx, p, aksi, dari, catatan, saat, atas_nama=_LAPOR)
    catat(
        session,
        ktx,
        sumber_daya=LABEL,
        sumber_daya_id=p.id,
        aksi=f"webhook:{aksi}",
        lama=lama,
        baru=_audit_isi(p),
    )
    return jawab(hasil_teks, p)


# ================================================================== deliveries (outbox)


def _pengiriman(session: Session, e: outbox.OutboxEvent) -> PengirimanKeluar:
    return PengirimanKeluar(
        id=e.id,
        topik=e.topic,
        tujuan=e.destination,
        subjek_id=e.subject_id,
        status=e.status,
        jumlah_percobaan=e.attempts,
        percobaan_berikut_pada=sebagai_utc(e.next_attempt_at),
        kode_status_terakhir=e.last_status_code,
        galat_terakhir=e.last_error,
        created_at=sebagai_utc(e.created_at),
        terkirim_pada=e.sent_at and sebagai_utc(e.sent_at),
        isi=e.payload,
        percobaan=[
            PercobaanKeluar(
                ke=a.number,
                mulai_pada=sebagai_utc(a.started_at),
                durasi_ms=a.duration_ms,
                kode_status=a.status_code,
                galat=a.error,
                hasil=a.outcome,
            )
            for a in outbox.percobaan(session, e.id)
        ],
    )


def daftar_pengiriman(
    session: Session,
    status: str | None,
    subjek_id: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[PengirimanKeluar], str | None]:
    stmt = select(outbox.OutboxEvent)
    if status is not None:
        stmt = stmt.where(col(outbox.OutboxEvent.status) == status)
    if subjek_id is not None:
        stmt = stmt.where(col(outbox.OutboxEvent.subject_id) == subjek_id)
    rows, berikut = paginasi(
        session,
        stmt,
        [col(outbox.OutboxEvent.created_at), col(outbox.OutboxEvent.id)],
        limit,
        cursor,
        turun=True,
    )
    return [_pengiriman(session, e) for e in rows], berikut


def ulang_pengiriman(session: Session, ktx: Konteks, id_: str) -> PengirimanKeluar:
    e = session.get(outbox.OutboxEvent, id_)
    if e is None:
        raise Masalah(404, "Pengiriman tidak ditemukan.")
    if e.status != outbox.StatusKirim.DEAD.value:
        raise Masalah(
            409,
            "Hanya pengiriman yang gagal permanen (dead) yang dapat dikirim ulang.",
            jenis="status-pengiriman",
        )
    lama = {"status": e.status, "jumlah_percobaan": e.attempts}
    outbox.ulang(session, e)
    catat(
        session,
        ktx,
        sumber_daya="pengiriman",
        sumber_daya_id=e.id,
        aksi="ulang",
        lama=lama,
        baru={"status": e.status, "jumlah_percobaan": e.attempts},
    )
    session.commit()
    session.refresh(e)
    return _pengiriman(session, e)
