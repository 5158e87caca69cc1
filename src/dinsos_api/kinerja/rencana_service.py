"""Performance plans: Renstra trees, indicators, targets, realisations and input windows.

Every write checks the caller's district (an operator_kabkota writes only its own district's
perangkat daerah), refuses edits of a closed period (423) unless the caller is admin, and
writes its audit row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from dinsos_api.core import audit
from dinsos_api.core.akses import Aktor, Konteks, Peran, pastikan_tulis
from dinsos_api.core.errors import Masalah
from dinsos_api.core.etag import pastikan_if_match
from dinsos_api.core.paginasi import paginasi
from dinsos_api.core.waktu import sekarang
from dinsos_api.kinerja.models import (
    SETAHUN,
    IndikatorKinerja,
    PeriodeKinerja,
    RealisasiKinerja,
    Renstra,
    SasaranStrategis,
    TargetKinerja,
    TujuanRenstra,
)
from dinsos_api.kinerja.rencana_schemas import (
    IndikatorBuat,
    IndikatorUbah,
    RealisasiIsi,
    RenstraBuat,
    SumberTarget,
    TargetIsi,
)
from dinsos_api.referensi.models import PerangkatDaerah
from kinerja_core import Arah

SUMBER_DAYA = "kinerja"


def _salah(kolom: str, pesan: str, status: int = 422) -> Masalah:
    return Masalah(
        status,
        f"Periksa kembali isian berikut: {kolom}: {pesan}.",
        jenis="validasi" if status == 422 else "konflik",
        errors=[{"field": kolom, "message": pesan}],
    )


def _simpan(session: Session) -> None:
    """Commit; a race lost on a unique key or a version becomes 409/412, never a 500."""
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        raise Masalah(
            412, "Data ini baru saja diubah pihak lain. Ambil ulang lalu kirim ulang.",
            jenis="etag-berbeda",
        ) from None  # fmt: skip
    except IntegrityError:
        session.rollback()
        raise Masalah(
            409,
            "Perubahan bertentangan dengan data lain (kode atau periode sudah dipakai). "
            "Periksa lalu kirim ulang.",
            jenis="konflik",
        ) from None


def _isi(rekaman: Any) -> dict[str, Any]:
    hasil: dict[str, Any] = rekaman.model_dump(exclude={"versi", "created_at", "updated_at"})
    return hasil


# --- perangkat daerah and district ------------------------------------------------------------


def perangkat_daerah(session: Session, kode: str) -> PerangkatDaerah | None:
    return session.get(PerangkatDaerah, kode)


def _pd_untuk_tulis(session: Session, aktor: Aktor, kode: str, kolom: str) -> PerangkatDaerah:
    pd = perangkat_daerah(session, kode)
    if pd is None:
        raise _salah(kolom, f"perangkat daerah {kode} tidak dikenal")
    pastikan_tulis(aktor, pd.kode_wilayah, SUMBER_DAYA)
    return pd


def _pastikan_boleh_ubah(session: Session, aktor: Aktor, pd_kode: str) -> None:
    pd = perangkat_daerah(session, pd_kode)
    pastikan_tulis(aktor, pd.kode_wilayah if pd else None, SUMBER_DAYA)


# --- input windows ---------------------------------------------------------------------------


def _nama_periode(tahun: int, triwulan: int | None) -> str:
    return f"triwulan {triwulan} tahun {tahun}" if triwulan else f"tahun {tahun}"


def periode_ditutup(
    session: Session, pd_kode: str, tahun: int, triwulan: int | None
) -> PeriodeKinerja | None:
    """The closed window covering (tahun, triwulan): the whole year, or that quarter."""
    cakupan = [SETAHUN] if not triwulan else [SETAHUN, triwulan]
    stmt = select(PeriodeKinerja).where(
        PeriodeKinerja.perangkat_daerah_kode == pd_kode,
        PeriodeKinerja.tahun == tahun,
        col(PeriodeKinerja.triwulan).in_(cakupan),
        col(PeriodeKinerja.ditutup).is_(True),
    )
    return session.exec(stmt).first()


def _pastikan_terbuka(
    session: Session, aktor: Aktor, pd_kode: str, tahun: int, triwulan: int | None
) -> None:
    if aktor.peran is Peran.ADMIN:
        return  # admin corrects closed periods (the change is audited like any other)
    tutup = periode_ditutup(session, pd_kode, tahun, triwulan)
    if tutup is not None:
        raise Masalah(
            423,
            f"Periode {_nama_periode(tutup.tahun, tutup.triwulan or None)} untuk perangkat "
            f"daerah {pd_kode} sudah ditutup: target dan realisasinya tidak dapat diubah lagi. "
            "Hubungi admin bila perlu koreksi.",
            jenis="periode-ditutup",
        )


def daftar_periode(
    session: Session, pd_kode: str | None, tahun: int | None, limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    stmt = select(PeriodeKinerja)
    if pd_kode is not None:
        stmt = stmt.where(PeriodeKinerja.perangkat_daerah_kode == pd_kode)
    if tahun is not None:
        stmt = stmt.where(PeriodeKinerja.tahun == tahun)
    return paginasi(session, stmt, [col(PeriodeKinerja.id)], limit, cursor)


def atur_periode(
    session: Session,
    ktx: Konteks,
    pd_kode: str,
    tahun: int,
    triwulan: int | None,
    *,
    ditutup: bool,
    alasan: str | None,
) -> PeriodeKinerja:
    """Close (or reopen) an input window; a no-op changes nothing and writes no audit row."""
    pd = perangkat_daerah(session, pd_kode)
    if pd is None:
        raise Masalah(404, f"Perangkat daerah {pd_kode} tidak ditemukan.")
    pastikan_tulis(ktx.pelaku, pd.kode_wilayah, SUMBER_DAYA)
    tw = triwulan or SETAHUN
    periode = session.exec(
        select(PeriodeKinerja).where(
            PeriodeKinerja.perangkat_daerah_kode == pd_kode,
            PeriodeKinerja.tahun == tahun,
            PeriodeKinerja.triwulan == tw,
        )
    ).first()
    lama = None
    if periode is None:
        periode = PeriodeKinerja(perangkat_daerah_kode=pd_kode, tahun=tahun, triwulan=tw)
    else:
        if periode.ditutup == ditutup:
            return periode
        lama = _isi(periode)
    periode.ditutup = ditutup
    periode.alasan = alasan
    periode.diubah_oleh = ktx.pelaku.nama
    periode.updated_at = sekarang()
    session.add(periode)
    audit.catat(
        session, ktx, sumber_daya="periode_kinerja", sumber_daya_id=periode.id,
        aksi="tutup" if ditutup else "buka", lama=lama, baru=_isi(periode),
    )  # fmt: skip
    _simpan(session)
    session.refresh(periode)
    return periode


# --- Renstra ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PohonRenstra:
    renstra: Renstra
    tujuan: list[tuple[TujuanRenstra, list[SasaranStrategis]]]


def _periksa_kode_unik(data: RenstraBuat) -> None:
    errors: list[dict[str, str]] = []
    tujuan_kode: set[str] = set()
    sasaran_kode: set[str] = set()
    for i, tujuan in enumerate(data.tujuan):
        if tujuan.kode in tujuan_kode:
            errors.append({"field": f"tujuan[{i}].kode", "message": "kode tujuan sudah dipakai"})
        tujuan_kode.add(tujuan.kode)
        for j, sasaran in enumerate(tujuan.sasaran):
            if sasaran.kode in sasaran_kode:
                errors.append(
                    {
                        "field": f"tujuan[{i}].sasaran[{j}].kode",
                        "message": "kode sasaran sudah dipakai",
                    }
                )
            sasaran_kode.add(sasaran.kode)
    if errors:
        raise Masalah(
            422,
            "Periksa kembali isian berikut: " + "; ".join(
                f"{e['field']}: {e['message']}" for e in errors[:3]
            ) + ".",
            jenis="validasi",
            errors=errors,
        )  # fmt: skip


def buat_renstra(session: Session, ktx: Konteks, data: RenstraBuat) -> PohonRenstra:
    _pd_untuk_tulis(session, ktx.pelaku, data.perangkat_daerah, "perangkat_daerah")
    _periksa_kode_unik(data)
    tumpang = session.exec(
        select(Renstra).where(
            Renstra.perangkat_daerah_kode == data.perangkat_daerah,
            Renstra.tahun_awal <= data.tahun_akhir,
            Renstra.tahun_akhir >= data.tahun_awal,
        )
    ).first()
    if tumpang is not None:
        raise _salah(
            "tahun_awal",
            f"periode bertumpang tindih dengan {tumpang.nama} "
            f"({tumpang.tahun_awal}–{tumpang.tahun_akhir})",
            status=409,
        )
    renstra = Renstra(
        perangkat_daerah_kode=data.perangkat_daerah,
        nama=data.nama,
        tahun_awal=data.tahun_awal,
        tahun_akhir=data.tahun_akhir,
    )
    session.add(renstra)
    pohon: list[tuple[TujuanRenstra, list[SasaranStrategis]]] = []
    for i, t in enumerate(data.tujuan):
        tujuan = TujuanRenstra(renstra_id=renstra.id, kode=t.kode, nama=t.nama, urutan=i)
        sasaran = [
            SasaranStrategis(
                tujuan_id=tujuan.id, renstra_id=renstra.id, kode=s.kode, nama=s.nama, urutan=j
            )
            for j, s in enumerate(t.sasaran)
        ]
        pohon.append((tujuan, sasaran))
    # Parents first: PostgreSQL checks the foreign keys row by row.
    session.flush()
    for tujuan, _ in pohon:
        session.add(tujuan)
    session.flush()
    for _, sasaran in pohon:
        session.add_all(sasaran)
    audit.catat(
        session, ktx, sumber_daya="renstra", sumber_daya_id=renstra.id, aksi="buat",
        baru=_isi(renstra) | {"tujuan": data.model_dump(mode="json")["tujuan"]},
    )  # fmt: skip
    _simpan(session)
    return ambil_renstra(session, renstra.id)


def ambil_renstra(session: Session, renstra_id: str) -> PohonRenstra:
    renstra = session.get(Renstra, renstra_id)
    if renstra is None:
        raise Masalah(404, f"Renstra {renstra_id} tidak ditemukan.")
    tujuan = session.exec(
        select(TujuanRenstra)
        .where(TujuanRenstra.renstra_id == renstra_id)
        .order_by(col(TujuanRenstra.urutan), col(TujuanRenstra.kode))
    ).all()
    sasaran = session.exec(
        select(SasaranStrategis)
        .where(SasaranStrategis.renstra_id == renstra_id)
        .order_by(col(SasaranStrategis.urutan), col(SasaranStrategis.kode))
    ).all()
    return PohonRenstra(renstra, [(t, [s for s in sasaran if s.tujuan_id == t.id]) for t in tujuan])


def daftar_renstra(
    session: Session, pd_kode: str | None, limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    stmt = select(Renstra)
    if pd_kode is not None:
        stmt = stmt.where(Renstra.perangkat_daerah_kode == pd_kode)
    kolom = [col(Renstra.perangkat_daerah_kode), col(Renstra.tahun_awal), col(Renstra.id)]
    return paginasi(session, stmt, kolom, limit, cursor)


def renstra_berlaku(session: Session, pd_kode: str, tahun: int) -> Renstra | None:
    """The Renstra of a perangkat daerah whose period holds `tahun`."""
    return session.exec(
        select(Renstra).where(
            Renstra.perangkat_daerah_kode == pd_kode,
            Renstra.tahun_awal <= tahun,
            Renstra.tahun_akhir >= tahun,
        )
    ).first()


# --- indikator -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaringIndikator:
    perangkat_daerah: str | None = None
    renstra_id: str | None = None
    sasaran_id: str | None = None
    iku: bool | None = None


def daftar_indikator(
    session: Session, saring: SaringIndikator, limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    i = IndikatorKinerja
    stmt = select(i)
    for kolom, nilai in (
        (i.perangkat_daerah_kode, saring.perangkat_daerah),
        (i.renstra_id, saring.renstra_id),
        (i.sasaran_id, saring.sasaran_id),
        (i.iku, saring.iku),
    ):
        if nilai is not None:
            stmt = stmt.where(kolom == nilai)
    kolom_urut = [col(i.perangkat_daerah_kode), col(i.renstra_id), col(i.kode)]
    return paginasi(session, stmt, kolom_urut, limit, cursor)


def ambil_indikator(session: Session, indikator_id: str) -> IndikatorKinerja:
    indikator = session.get(IndikatorKinerja, indikator_id)
    if indikator is None:
        raise Masalah(404, f"Indikator kinerja {indikator_id} tidak ditemukan.")
    return indikator


def _periksa_indikator(session: Session, indikator: IndikatorKinerja) -> None:
    """Rules across fields and records that a JSON schema cannot state."""
    if indikator.metode_turun is not None and indikator.arah != Arah.TURUN.value:
        raise _salah("metode_turun", "hanya berlaku untuk indikator dengan arah 'turun'")
    if indikator.pendahulu_id is not None:
        pendahulu = session.get(IndikatorKinerja, indikator.pendahulu_id)
        if pendahulu is None:
            raise _salah("pendahulu_id", f"indikator {indikator.pendahulu_id} tidak dikenal")
        if pendahulu.perangkat_daerah_kode != indikator.perangkat_daerah_kode:
            raise _salah("pendahulu_id", "indikator pendahulu milik perangkat daerah lain")
        if pendahulu.renstra_id == indikator.renstra_id:
            raise _salah("pendahulu_id", "indikator pendahulu harus dari Renstra sebelumnya")
    lain = session.exec(
        select(IndikatorKinerja).where(
            IndikatorKinerja.renstra_id == indikator.renstra_id,
            IndikatorKinerja.kode == indikator.kode,
            IndikatorKinerja.id != indikator.id,
        )
    ).first()
    if lain is not None:
        raise _salah("kode", f"kode {indikator.kode} sudah dipakai dalam Renstra ini", 409)


def buat_indikator(session: Session, ktx: Konteks, data: IndikatorBuat) -> IndikatorKinerja:
    sasaran = session.get(SasaranStrategis, data.sasaran_id)
    if sasaran is None:
        raise _salah("sasaran_id", f"sasaran strategis {data.sasaran_id} tidak dikenal")
    renstra = session.get(Renstra, sasaran.renstra_id)
    assert renstra is not None  # a foreign key
    _pd_untuk_tulis(session, ktx.pelaku, renstra.perangkat_daerah_kode, "sasaran_id")
    indikator = IndikatorKinerja(
        **data.model_dump(mode="json"),
        renstra_id=renstra.id,
        perangkat_daerah_kode=renstra.perangkat_daerah_kode,
    )
    _periksa_indikator(session, indikator)
    session.add(indikator)
    audit.catat(
        session, ktx, sumber_daya="indikator_kinerja", sumber_daya_id=indikator.id,
        aksi="buat", baru=_isi(indikator),
    )  # fmt: skip
    _simpan(session)
    session.refresh(indikator)
    return indikator


def ubah_indikator(
    session: Session, ktx: Konteks, indikator_id: str, data: IndikatorUbah, if_match: str | None
) -> IndikatorKinerja:
    indikator = ambil_indikator(session, indikator_id)
    _pastikan_boleh_ubah(session, ktx.pelaku, indikator.perangkat_daerah_kode)
    pastikan_if_match(if_match, indikator.etag())
    perubahan: Mapping[str, Any] = data.model_dump(mode="json", exclude_unset=True)
    for kolom in ("kode", "nama", "satuan", "arah", "iku", "cara_gabung", "program_anggaran",
                  "urutan"):  # fmt: skip
        if kolom in perubahan and perubahan[kolom] is None:
            raise _salah(kolom, "tidak boleh dikosongkan")
    lama = _isi(indikator)
    berubah = {k: v for k, v in perubahan.items() if lama[k] != v}
    if not berubah:
        return indikator
    for kolom, nilai in berubah.items():
        setattr(indikator, kolom, nilai)
    _periksa_indikator(session, indikator)
    indikator.versi += 1
    indikator.updated_at = sekarang()
    session.add(indikator)
    audit.catat(
        session, ktx, sumber_daya="indikator_kinerja", sumber_daya_id=indikator.id,
        aksi="ubah", lama=lama, baru=_isi(indikator),
    )  # fmt: skip
    _simpan(session)
    session.refresh(indikator)
    return indikator


def _pastikan_tahun_renstra(session: Session, indikator: IndikatorKinerja, tahun: int) -> None:
    renstra = session.get(Renstra, indikator.renstra_id)
    assert renstra is not None
    if not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
        raise _salah(
            "tahun",
            f"di luar periode {renstra.nama} ({renstra.tahun_awal}–{renstra.tahun_akhir})",
        )


# --- target ----------------------------------------------------------------------------------


def daftar_target(
    session: Session, indikator_id: str, limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    ambil_indikator(session, indikator_id)
    stmt = select(TargetKinerja).where(TargetKinerja.indikator_id == indikator_id)
    kolom = [col(TargetKinerja.tahun), col(TargetKinerja.sumber)]
    return paginasi(session, stmt, kolom, limit, cursor)


def target(
    session: Session, indikator_id: str, tahun: int, sumber: SumberTarget
) -> TargetKinerja | None:
    return session.exec(
        select(TargetKinerja).where(
            TargetKinerja.indikator_id == indikator_id,
            TargetKinerja.tahun == tahun,
            TargetKinerja.sumber == sumber.value,
        )
    ).first()


def _lama_atau_baru(rekaman: Any, if_match: str | None) -> dict[str, Any] | None:
    """A PUT replaces an existing record only with its current ETag in If-Match."""
    if rekaman is None:
        return None
    pastikan_if_match(if_match, rekaman.etag())
    lama: dict[str, Any] = _isi(rekaman)
    return lama


def simpan_target(
    session: Session,
    ktx: Konteks,
    indikator_id: str,
    sumber: SumberTarget,
    tahun: int,
    data: TargetIsi,
    if_match: str | None,
) -> tuple[TargetKinerja, bool]:
    """Set the target of a year as one document states it; (record, created)."""
    indikator = ambil_indikator(session, indikator_id)
    _pastikan_boleh_ubah(session, ktx.pelaku, indikator.perangkat_daerah_kode)
    _pastikan_tahun_renstra(session, indikator, tahun)
    _pastikan_terbuka(session, ktx.pelaku, indikator.perangkat_daerah_kode, tahun, None)
    rekaman = target(session, indikator_id, tahun, sumber)
    lama = _lama_atau_baru(rekaman, if_match)
    if rekaman is None:
        rekaman = TargetKinerja(indikator_id=indikator_id, tahun=tahun, sumber=sumber.value,
                                nilai=data.nilai)  # fmt: skip
    elif rekaman.nilai == data.nilai and rekaman.keterangan == data.keterangan:
        return rekaman, False
    else:
        rekaman.versi += 1
        rekaman.updated_at = sekarang()
    rekaman.nilai = data.nilai
    rekaman.keterangan = data.keterangan
    session.add(rekaman)
    audit.catat(
        session, ktx, sumber_daya="target_kinerja", sumber_daya_id=rekaman.id,
        aksi="ubah" if lama else "buat", lama=lama, baru=_isi(rekaman),
    )  # fmt: skip
    _simpan(session)
    session.refresh(rekaman)
    return rekaman, lama is None


# --- realisasi -------------------------------------------------------------------------------


def daftar_realisasi(
    session: Session, indikator_id: str, limit: int, cursor: str | None
) -> tuple[list[Any], str | None]:
    ambil_indikator(session, indikator_id)
    stmt = select(RealisasiKinerja).where(RealisasiKinerja.indikator_id == indikator_id)
    kolom = [col(RealisasiKinerja.tahun), col(RealisasiKinerja.triwulan)]
    return paginasi(session, stmt, kolom, limit, cursor)


def realisasi(
    session: Session, indikator_id: str, tahun: int, triwulan: int | None
) -> RealisasiKinerja | None:
    return session.exec(
        select(RealisasiKinerja).where(
            RealisasiKinerja.indikator_id == indikator_id,
            RealisasiKinerja.tahun == tahun,
            RealisasiKinerja.triwulan == (triwulan or SETAHUN),
        )
    ).first()


def _komponen_json(data: RealisasiIsi) -> list[dict[str, Any]]:
    # Numbers as decimal strings: JSON columns must not turn them into binary floats.
    return [
        {
            "uraian": k.uraian,
            "pembilang_uraian": k.pembilang_uraian,
            "penyebut_uraian": k.penyebut_uraian,
            "pembilang": str(k.pembilang),
            "penyebut": str(k.penyebut),
        }
        for k in data.komponen
    ]


def simpan_realisasi(
    session: Session,
    ktx: Konteks,
    indikator_id: str,
    tahun: int,
    triwulan: int | None,
    data: RealisasiIsi,
    if_match: str | None,
) -> tuple[RealisasiKinerja, bool]:
    """Set the realisation of a year or quarter; (record, created)."""
    indikator = ambil_indikator(session, indikator_id)
    _pastikan_boleh_ubah(session, ktx.pelaku, indikator.perangkat_daerah_kode)
    _pastikan_tahun_renstra(session, indikator, tahun)
    if indikator.sumber_live and (data.nilai is not None or data.komponen):
        raise _salah(
            "nilai" if data.nilai is not None else "komponen",
            f"realisasi indikator ini dihitung langsung dari registri ({indikator.sumber_live}); "
            "isi hanya uraian dan bukti",
        )
    _pastikan_terbuka(session, ktx.pelaku, indikator.perangkat_daerah_kode, tahun, triwulan)
    rekaman = realisasi(session, indikator_id, tahun, triwulan)
    lama = _lama_atau_baru(rekaman, if_match)
    isian: dict[str, Any] = {
        "nilai": data.nilai,
        "komponen": _komponen_json(data),
        "faktor_pendukung": data.faktor_pendukung,
        "faktor_penghambat": data.faktor_penghambat,
        "solusi": data.solusi,
        "rencana_tindak_lanjut": data.rencana_tindak_lanjut,
        "bukti": [b.model_dump(mode="json") for b in data.bukti],
    }
    if rekaman is None:
        rekaman = RealisasiKinerja(
            indikator_id=indikator_id, tahun=tahun, triwulan=triwulan or SETAHUN
        )
    else:
        if all(_sama(getattr(rekaman, k), v) for k, v in isian.items()):
            return rekaman, False
        rekaman.versi += 1
        rekaman.updated_at = sekarang()
    for kolom, nilai in isian.items():
        setattr(rekaman, kolom, nilai)
    session.add(rekaman)
    audit.catat(
        session, ktx, sumber_daya="realisasi_kinerja", sumber_daya_id=rekaman.id,
        aksi="ubah" if lama else "buat", lama=lama, baru=_isi(rekaman),
    )  # fmt: skip
    _simpan(session)
    session.refresh(rekaman)
    return rekaman, lama is None


def _sama(lama: Any, baru: Any) -> bool:
    if isinstance(lama, Decimal) and isinstance(baru, Decimal):
        return lama == baru
    return bool(lama == baru)
