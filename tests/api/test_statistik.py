"""GET /v1/statistik/pmks: counts per category, district or both, against records made here;
small counts suppressed for analysts; district operators count their own district."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session

from dinsos_api.core.waktu import sekarang
from dinsos_api.demo import registri
from dinsos_api.penerima.models import DataPmks, Orang
from tests.api.test_penerima import Registri, buat_nik, isi_registri

STATISTIK = "/v1/statistik/pmks"
MasukSebagai = Callable[..., dict[str, str]]


def _bencana(engine: Engine) -> None:
    """Six people in 5303 counted as korban_bencana_alam 2024, and two who are not counted:
    a rejected record and a deleted person."""
    with Session(engine) as s:
        for i in range(8):
            lahir = date(1980, 1, 1 + i)
            orang = Orang(
                nik=buat_nik("530301", lahir, "L", i + 1),
                nama=f"Korban {i}",
                jenis_kelamin="L",
                tanggal_lahir=lahir,
                kode_wilayah="5303",
                dihapus_pada=sekarang() if i == 7 else None,
            )
            s.add(orang)
            s.flush()
            s.add(
                DataPmks(
                    orang_id=orang.id,
                    kategori_kode="korban_bencana_alam",
                    tahun=2024,
                    kode_wilayah="5303",
                    status_verifikasi="ditolak" if i == 6 else "terverifikasi",
                )
            )
        s.commit()


@pytest.fixture
def reg(engine: Engine) -> Registri:
    hasil = isi_registri(engine)
    _bencana(engine)
    return hasil


def _hitung(response: Any) -> dict[tuple[str | None, str | None], int | None]:
    assert response.status_code == 200, response.text
    return {(r["kategori_kode"], r["kode_wilayah"]): r["jumlah"] for r in response.json()["data"]}


def test_counts_by_category_district_and_both(client: TestClient, reg: Registri) -> None:
    body = client.get(STATISTIK, params={"tahun": 2024}).json()
    assert body["tahun"] == 2024 and body["kelompok"] == "kategori"
    assert _hitung(client.get(STATISTIK, params={"tahun": 2024})) == {
        ("anak_terlantar", None): 1,
        ("fakir_miskin", None): 1,  # a family counts once
        ("korban_bencana_alam", None): 6,  # not the rejected record, not the deleted person
        ("lanjut_usia_terlantar", None): 1,
        ("penyandang_disabilitas", None): 2,
    }
    assert [r["kategori_kode"] for r in body["data"]] == sorted(
        r["kategori_kode"] for r in body["data"]
    )
    assert _hitung(client.get(STATISTIK, params={"tahun": 2024, "kelompok": "wilayah"})) == {
        (None, "5301"): 3,
        (None, "5302"): 2,
        (None, "5303"): 6,
    }
    keduanya = _hitung(
        client.get(STATISTIK, params={"tahun": 2024, "kelompok": "kategori,wilayah"})
    )
    assert keduanya == {
        ("anak_terlantar", "5301"): 1,
        ("fakir_miskin", "5301"): 1,
        ("lanjut_usia_terlantar", "5301"): 1,
        ("penyandang_disabilitas", "5302"): 2,
        ("korban_bencana_alam", "5303"): 6,
    }
    # Every year: the 2023 record counts too; a year without data has no rows.
    semua = _hitung(client.get(STATISTIK))
    assert semua[("penyandang_disabilitas", None)] == 3
    assert client.get(STATISTIK, params={"tahun": 2020}).json()["data"] == []


def test_analysts_get_small_counts_suppressed(
    anon: TestClient, masuk_sebagai: MasukSebagai, reg: Registri
) -> None:
    h = masuk_sebagai("analis")
    response = anon.get(STATISTIK, headers=h, params={"tahun": 2024, "kelompok": "wilayah"})
    rows = {r["kode_wilayah"]: r for r in response.json()["data"]}
    assert rows["5303"] == {
        "kategori_kode": None, "kode_wilayah": "5303", "jumlah": 6, "disembunyikan": False,
    }  # fmt: skip
    for kode in ("5301", "5302"):
        assert rows[kode]["jumlah"] is None and rows[kode]["disembunyikan"] is True
    # Others see every count.
    response = anon.get(
        STATISTIK, headers=masuk_sebagai("pimpinan"), params={"kelompok": "wilayah"}
    )
    assert all(r["jumlah"] and not r["disembunyikan"] for r in response.json()["data"])


def test_a_district_operator_counts_its_own_district(
    anon: TestClient, masuk_sebagai: MasukSebagai, reg: Registri
) -> None:
    h = masuk_sebagai("operator_kabkota", "5302")
    assert _hitung(anon.get(STATISTIK, headers=h, params={"kelompok": "kategori,wilayah"})) == {
        ("penyandang_disabilitas", "5302"): 2,
    }
    assert _hitung(anon.get(STATISTIK, headers=h, params={"kelompok": "wilayah"})) == {
        (None, "5302"): 2,
    }


@pytest.mark.parametrize(
    "params", [{"kelompok": "desa"}, {"kelompok": "wilayah,kategori"}, {"tahun": "dua ribu"}]
)
def test_bad_parameters_are_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get(STATISTIK, params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_groupings_agree_on_the_demo_registry(client: TestClient, engine: Engine) -> None:
    with Session(engine) as s:
        registri.muat_registri(s)
        rows = s.scalars(select(DataPmks).where(DataPmks.status_verifikasi != "ditolak")).all()
        harapan = Counter((d.kategori_kode, d.kode_wilayah) for d in rows)
    keduanya = _hitung(
        client.get(STATISTIK, params={"tahun": 2024, "kelompok": "kategori,wilayah"})
    )
    assert keduanya == dict(harapan)
    per_kategori = _hitung(client.get(STATISTIK, params={"tahun": 2024}))
    assert len(per_kategori) == 26
    jumlah = Counter[str]()
    for (kategori, _), n in keduanya.items():
        jumlah[str(kategori)] += n or 0
    assert {k: n for (k, _), n in per_kategori.items()} == dict(jumlah)


def test_statistics_are_read_by_every_role(anon: TestClient, masuk_sebagai: MasukSebagai) -> None:
    for peran in ("admin", "pimpinan", "petugas_layanan", "analis"):
        r = anon.get(STATISTIK, headers=masuk_sebagai(peran), params={"tahun": 2024})
        assert r.status_code == 200
    assert anon.get(STATISTIK).status_code == 401


def test_analysts_cannot_count_people_in_a_list(
    anon: TestClient, masuk_sebagai: MasukSebagai, reg: Registri
) -> None:
    # Counting the analyst's own (masked) list with the statistic's filters gave the exact
    # value of 72 of 80 withheld cells. Analysts get aggregates only.
    h = masuk_sebagai("analis")
    for url in ("/v1/penerima-manfaat", "/v1/penerima-manfaat?format=csv",
                "/v1/penerima-manfaat?kategori=korban_bencana_alam&kode_wilayah=5303",
                f"/v1/penerima-manfaat/{reg.maria}"):  # fmt: skip
        r = anon.get(url, headers=h)
        assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"
    # Nor a table of all years, which the tables of single years add up to.
    r = anon.get(STATISTIK, headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "tahun"


def _selesaikan(
    sel: dict[tuple[str, str], int | None],
    baris: dict[str, int | None],
    kolom: dict[str, int | None],
) -> dict[tuple[str, str], int]:
    """An attacker: fills every withheld cell that a row or column total leaves alone."""
    tahu = {k: n for k, n in sel.items() if n is not None}
    berubah = True
    while berubah:
        berubah = False
        for garis in [*[("b", b) for b in baris], *[("k", k) for k in kolom]]:
            jenis, nama = garis
            total = baris[nama] if jenis == "b" else kolom[nama]
            isi = [k for k in sel if k[0 if jenis == "b" else 1] == nama]
            belum = [k for k in isi if k not in tahu]
            if total is not None and len(belum) == 1:
                tahu[belum[0]] = total - sum(tahu[k] for k in isi if k in tahu)
                berubah = True
    return {k: n for k, n in tahu.items() if sel[k] is None}  # fmt: skip


def test_no_withheld_count_follows_from_another_grouping(
    anon: TestClient, masuk_sebagai: MasukSebagai, engine: Engine
) -> None:
    with Session(engine) as s:
        registri.muat_registri(s)
    h = masuk_sebagai("analis")

    def ambil(kelompok: str) -> dict[tuple[str | None, str | None], int | None]:
        return _hitung(anon.get(STATISTIK, headers=h, params={"tahun": 2024, "kelompok": kelompok}))

    sel = {(str(k), str(w)): n for (k, w), n in ambil("kategori,wilayah").items()}
    baris = {str(k): n for (k, _), n in ambil("kategori").items()}
    kolom = {str(w): n for (_, w), n in ambil("wilayah").items()}
    ditahan = [k for k, n in sel.items() if n is None]
    assert len(ditahan) > 10  # the demo registry has small cells to protect
    assert _selesaikan(sel, baris, kolom) == {}
    # Nor their sum where it would pin them: a line hides two counts or more, adding up to
    # at least 5, or hides its total too.
    benar = _hitung(anon.get(
        STATISTIK, headers=masuk_sebagai("pimpinan"),
        params={"tahun": 2024, "kelompok": "kategori,wilayah"},
    ))  # fmt: skip
    for nama, total in [*baris.items(), *kolom.items()]:
        isi = [k for k in ditahan if nama in k]
        if isi and total is not None:
            assert len(isi) >= 2 and sum(int(benar[k] or 0) for k in isi) >= 5, nama
