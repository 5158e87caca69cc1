"""A workflow engine whose machines are data: states, actions, roles, requirements, clock.

Independent of any table or HTTP: a machine is read from a mapping (YAML), and `periksa` says
whether an action may be taken from a state by a role with the documents and fields at hand.
The public-service requests use it; complaints can use it the same way.

A machine definition::

    status_awal: diterima
    status:
      diterima: {label: "Diterima", langkah_berikut: "Disposisi Kepala Dinas"}
      selesai: {label: "Selesai", akhir: true}
    jam: {mulai: [diterima], jeda: [tidak_lengkap], henti: [selesai]}
    transisi:
      - {aksi: disposisi, dari: [diterima], ke: didisposisi, peran: [kadis],
         dokumen: [surat_permohonan], kolom: [pejabat], penjaga: [masa_asuh_selesai],
         catatan_wajib: false}

`dari: ["*"]` means every state that is not final. Role names may be groups defined once in
`kelompok_peran`. Guards (`penjaga`) are named checks supplied by the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

SEMUA_AKTIF = "*"


class EfekJam(StrEnum):
    MULAI = "mulai"
    JEDA = "jeda"
    HENTI = "henti"


@dataclass(frozen=True)
class Status:
    kode: str
    label: str
    langkah_berikut: str | None
    akhir: bool


@dataclass(frozen=True)
class Transisi:
    aksi: str
    label: str
    dari: frozenset[str]
    ke: str
    peran: frozenset[str]
    dokumen: tuple[str, ...]
    kolom: tuple[str, ...]
    penjaga: tuple[str, ...]
    catatan_wajib: bool


class AlurError(Exception):
    """Base of the engine's refusals; `pesan` is for the operator (Indonesian)."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class AksiTidakDikenal(AlurError):  # noqa: N818
    pass


class TidakBolehDariStatus(AlurError):  # noqa: N818
    pass


class PeranDitolak(AlurError):  # noqa: N818
    pass


@dataclass(frozen=True)
class Kekurangan:
    field: str
    message: str


class SyaratKurang(AlurError):  # noqa: N818
    def __init__(self, pesan: str, kekurangan: Sequence[Kekurangan]) -> None:
        super().__init__(pesan)
        self.kekurangan = list(kekurangan)


# A guard gets the request's data and answers None (passes) or the reason it does not.
Penjaga = Callable[[Mapping[str, Any]], str | None]


class DefinisiSalah(ValueError):  # noqa: N818
    """The machine definition itself is inconsistent (a bug in the data, found at load)."""


@dataclass(frozen=True)
class Alur:
    kode: str
    status_awal: str
    status: Mapping[str, Status]
    transisi: tuple[Transisi, ...]
    jam: Mapping[str, EfekJam]

    def label(self, status: str) -> str:
        return self.status[status].label

    def efek_jam(self, status: str) -> EfekJam | None:
        return self.jam.get(status)

    def aksi_dari(self, status: str) -> list[Transisi]:
        return [t for t in self.transisi if status in t.dari]

    def periksa(
        self,
        status: str,
        aksi: str,
        peran: str,
        *,
        dokumen_ada: set[str],
        data: Mapping[str, Any],
        catatan: str | None,
        penjaga: Mapping[str, Penjaga],
        label_dokumen: Mapping[str, str],
    ) -> Transisi:
        """The transition to take, or the refusal: unknown action, wrong state (in that order
        before the role, so a caller learns nothing it could not see), role, then every
        missing requirement at once."""
        calon = [t for t in self.transisi if t.aksi == aksi]
        if not calon:
            raise AksiTidakDikenal(f"Aksi '{aksi}' tidak dikenal untuk layanan ini.")
        cocok = next((t for t in calon if status in t.dari), None)
        if cocok is None:
            boleh = ", ".join(sorted({t.aksi for t in self.aksi_dari(status)})) or "tidak ada"
            raise TidakBolehDariStatus(
                f"Aksi '{aksi}' tidak dapat dilakukan pada status '{self.label(status)}'. "
                f"Aksi yang tersedia: {boleh}."
            )
        if peran not in cocok.peran:
            raise PeranDitolak(f"Peran '{peran}' tidak berwenang melakukan aksi '{aksi}'.")
        kurang: list[Kekurangan] = []
        if cocok.catatan_wajib and not (catatan and catatan.strip()):
            kurang.append(Kekurangan("catatan", f"alasan wajib diisi untuk aksi '{aksi}'"))
        for jenis in cocok.dokumen:
            if jenis not in dokumen_ada:
                nama = label_dokumen.get(jenis, jenis)
                kurang.append(Kekurangan(f"lampiran.{jenis}", f"dokumen belum dilampirkan: {nama}"))
        for kolom in cocok.kolom:
            if data.get(kolom) in (None, "", []):
                kurang.append(Kekurangan(f"data.{kolom}", "wajib diisi sebelum aksi ini"))
        for nama in cocok.penjaga:
            alasan = penjaga[nama](data)
            if alasan:
                kurang.append(Kekurangan("aksi", alasan))
        if kurang:
            raise SyaratKurang(
                f"Syarat aksi '{aksi}' belum lengkap ({len(kurang)} kekurangan).", kurang
            )
        return cocok


def _daftar(nilai: Any) -> list[str]:
    if nilai is None:
        return []
    if isinstance(nilai, str):
        return [nilai]
    return [str(v) for v in nilai]


def muat_alur(
    kode: str, definisi: Mapping[str, Any], kelompok_peran: Mapping[str, Sequence[str]]
) -> Alur:
    """Build and check a machine: every state named exists, every guard is known later."""
    status = {
        k: Status(
            kode=k,
            label=str(v.get("label", k)),
            langkah_berikut=v.get("langkah_berikut"),
            akhir=bool(v.get("akhir", False)),
        )
        for k, v in definisi["status"].items()
    }
    aktif = frozenset(k for k, s in status.items() if not s.akhir)

    def peran(nama: Sequence[str]) -> frozenset[str]:
        hasil: set[str] = set()
        for n in nama:
            hasil.update(kelompok_peran.get(n, [n]))
        return frozenset(hasil)

    transisi = []
    for t in definisi["transisi"]:
        dari = _daftar(t["dari"])
        asal = aktif if SEMUA_AKTIF in dari else frozenset(dari)
        for s in [*asal, t["ke"]]:
            if s not in status:
                raise DefinisiSalah(f"{kode}: status '{s}' (aksi {t['aksi']}) tidak didefinisikan")
        transisi.append(
            Transisi(
                aksi=t["aksi"],
                label=str(t.get("label", t["aksi"])),
                dari=asal,
                ke=t["ke"],
                peran=peran(_daftar(t["peran"])),
                dokumen=tuple(_daftar(t.get("dokumen"))),
                kolom=tuple(_daftar(t.get("kolom"))),
                penjaga=tuple(_daftar(t.get("penjaga"))),
                catatan_wajib=bool(t.get("catatan_wajib", False)),
            )
        )
    jam: dict[str, EfekJam] = {}
    for efek in EfekJam:
        for s in _daftar(definisi.get("jam", {}).get(efek.value)):
            if s not in status:
                raise DefinisiSalah(f"{kode}: status jam '{s}' tidak didefinisikan")
            jam[s] = efek
    if definisi["status_awal"] not in status:
        raise DefinisiSalah(f"{kode}: status_awal tidak didefinisikan")
    return Alur(
        kode=kode,
        status_awal=definisi["status_awal"],
        status=status,
        transisi=tuple(transisi),
        jam=jam,
    )
