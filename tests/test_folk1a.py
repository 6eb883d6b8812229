"""Reading Danmarks Statistik FOLK1A exports into age bands per municipality and year.

TEST DATA: tests/data/folk1a_midt_2018.csv is synthetic. It has the layout of a
Statistikbanken FOLK1A export (OMRÅDE;ALDER;TID;INDHOLD, UTF-8 with BOM, CRLF, one row per
age 0–125 år, "Alder i alt" rows, "Hele landet" and "Region Midtjylland" rows) for
Favrskov, Lemvig and Samsø in 2018K1 and 2018K2, but its numbers were made up to look
plausible. They are NOT Danmarks Statistik's figures and must not be used as such.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialstyring.io.kilder.folk1a import Folk1aFejl, Folketal, laes_folk1a

FIXTURE = Path(__file__).parent / "data" / "folk1a_midt_2018.csv"

# Summed from the fixture's 2018K1 rows (ages 0–17, 18–64 and 65–125) independently of
# the code (with awk); each triple adds up to the fixture's own "Alder i alt" row
# (Favrskov 48,222, Lemvig 20,384, Samsø 3,697).
FORVENTET_2018K1 = {
    710: (10956, 26944, 10322),  # Favrskov
    665: (4689, 10886, 4809),  # Lemvig
    741: (841, 1993, 863),  # Samsø
}
# The same for 2018K2, used when K1 is missing.
FORVENTET_2018K2_FAVRSKOV = (10967, 27063, 10369)


def _linjer() -> list[str]:
    return FIXTURE.read_text(encoding="utf-8-sig").splitlines()


def _skriv(sti: Path, linjer: list[str], encoding: str = "utf-8") -> Path:
    sti.write_text("\r\n".join(linjer) + "\r\n", encoding=encoding, newline="")
    return sti


def _baand(f: Folketal) -> tuple[int, int, int]:
    return (f.alder_0_17, f.alder_18_64, f.alder_65_plus)


def test_fixture_gives_age_bands_per_municipality_from_k1() -> None:
    folketal = laes_folk1a(FIXTURE)
    # "Hele landet" and "Region Midtjylland" are skipped: only the three municipalities.
    assert set(folketal) == {(710, 2018), (665, 2018), (741, 2018)}
    for kode, baand in FORVENTET_2018K1.items():
        f = folketal[(kode, 2018)]
        assert f.kvartal == "2018K1"
        assert _baand(f) == baand
    assert folketal[(710, 2018)].i_alt == 48222
    assert folketal[(665, 2018)].i_alt == 20384
    assert folketal[(741, 2018)].i_alt == 3697


def test_only_quarter_is_used_when_k1_is_missing(tmp_path: Path) -> None:
    linjer = [linje for linje in _linjer() if "2018K1" not in linje]
    f = laes_folk1a(_skriv(tmp_path / "k2.csv", linjer))[(710, 2018)]
    assert f.kvartal == "2018K2"
    assert _baand(f) == FORVENTET_2018K2_FAVRSKOV


def test_several_quarters_without_k1_is_an_error(tmp_path: Path) -> None:
    linjer = [linje.replace("2018K1", "2018K3") for linje in _linjer()]
    with pytest.raises(Folk1aFejl, match=r"TID: Favrskov har 2018K2, 2018K3 men ikke 2018K1"):
        laes_folk1a(_skriv(tmp_path / "k2k3.csv", linjer))


def test_bad_number_names_file_row_and_field(tmp_path: Path) -> None:
    linjer = _linjer()
    assert linjer[6] == "Favrskov;Alder i alt;2018K2;48399"  # row 7 of the file (header = row 1)
    linjer[6] = "Favrskov;Alder i alt;2018K2;48.399"
    fil = _skriv(tmp_path / "folk1a_fejl.csv", linjer)
    with pytest.raises(Folk1aFejl) as fejl:
        laes_folk1a(fil)
    assert str(fejl.value) == f"{fil}: række 7: INDHOLD: '48.399' er ikke et antal (et helt tal ≥ 0)"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    fil = _skriv(tmp_path / f"folk1a_{encoding}.csv", _linjer(), encoding=encoding)
    assert ("OMRÅDE".encode(encoding) in fil.read_bytes()) is True
    folketal = laes_folk1a(fil)
    assert {kode: _baand(folketal[(kode, 2018)]) for kode in FORVENTET_2018K1} == FORVENTET_2018K1


def test_fixture_has_a_bom() -> None:
    assert FIXTURE.read_bytes().startswith(b"\xef\xbb\xbf")


def test_tab_separated_export(tmp_path: Path) -> None:
    linjer = [linje.replace(";", "\t") for linje in _linjer()]
    assert _baand(laes_folk1a(_skriv(tmp_path / "tab.csv", linjer))[(741, 2018)]) == FORVENTET_2018K1[741]


def test_sex_and_age_groups_are_added_up(tmp_path: Path) -> None:
    # Synthetic; hand sums: 0–17: 2400 + 2300 = 4700; 18–64: 6200 + 6100 = 12300;
    # 65+: (1500 + 1700) + (500 + 500) = 4200. Christiansø is not a municipality: skipped.
    fil = _skriv(
        tmp_path / "koen.csv",
        [
            "OMRÅDE;KØN;ALDER;TID;INDHOLD",
            "Odder;Mænd;0-17 år;2019K1;2400",
            "Odder;Kvinder;0-17 år;2019K1;2300",
            "Odder;Mænd;18-64 år;2019K1;6200",
            "Odder;Kvinder;18-64 år;2019K1;6100",
            "Odder;Mænd;65-79 år;2019K1;1500",
            "Odder;Kvinder;65-79 år;2019K1;1700",
            "Odder;Mænd;80 år og derover;2019K1;500",
            "Odder;Kvinder;80 år og derover;2019K1;500",
            "Christiansø;Mænd;18-64 år;2019K1;40",
        ],
    )
    f = laes_folk1a(fil)[(727, 2019)]
    assert (f.kvartal, _baand(f)) == ("2019K1", (4700, 12300, 4200))


def test_sex_total_row_is_used_and_checked(tmp_path: Path) -> None:
    hoved = "OMRÅDE;KØN;ALDER;TID;INDHOLD"
    raekker = [
        "Aarhus;I alt;0-17 år;2019K1;70000",
        "Aarhus;Mænd;0-17 år;2019K1;36000",
        "Aarhus;Kvinder;0-17 år;2019K1;34000",
        "Aarhus;I alt;18-64 år;2019K1;240000",
        "Aarhus;I alt;65 år og derover;2019K1;39000",
    ]
    f = laes_folk1a(_skriv(tmp_path / "ialt.csv", [hoved, *raekker]))[(751, 2019)]
    assert _baand(f) == (70000, 240000, 39000)
    raekker[0] = "Aarhus;I alt;0-17 år;2019K1;70001"
    with pytest.raises(
        Folk1aFejl, match=r"række 2: INDHOLD: 'I alt' \(70001\) er ikke summen af Mænd, Kvinder \(70000\)"
    ):
        laes_folk1a(_skriv(tmp_path / "ialt_fejl.csv", [hoved, *raekker]))
    raekker = ["Aarhus;Mænd;0-17 år;2019K1;36000"]
    with pytest.raises(
        Folk1aFejl, match=r"række 2: KØN: hverken 'I alt' eller Kvinder for Aarhus 2019K1, 0-17 år"
    ):
        laes_folk1a(_skriv(tmp_path / "kun_maend.csv", [hoved, *raekker]))


def test_age_group_across_a_band_limit_is_an_error(tmp_path: Path) -> None:
    fil = _skriv(
        tmp_path / "grupper.csv",
        ["OMRÅDE;ALDER;TID;INDHOLD", "Skive;0-14 år;2019K1;8000", "Skive;15-19 år;2019K1;2900"],
    )
    with pytest.raises(
        Folk1aFejl, match=r"række 3: ALDER: '15-19 år' går på tværs af aldersbåndene 0-17/18-64/65\+"
    ):
        laes_folk1a(fil)


def test_missing_age_is_an_error(tmp_path: Path) -> None:
    linjer = [linje for linje in _linjer() if not linje.startswith("Lemvig;40 år;")]
    with pytest.raises(Folk1aFejl, match=r"ALDER: 40 år mangler før '41 år' for Lemvig 2018K1"):
        laes_folk1a(_skriv(tmp_path / "hul.csv", linjer))


def test_total_row_must_match_the_ages(tmp_path: Path) -> None:
    linjer = [
        linje.replace("Samsø;Alder i alt;2018K1;3697", "Samsø;Alder i alt;2018K1;3700") for linje in _linjer()
    ]
    with pytest.raises(
        Folk1aFejl,
        match=r"INDHOLD: 'Alder i alt' \(3700\) er ikke summen af aldrene \(3697\) for Samsø 2018K1",
    ):
        laes_folk1a(_skriv(tmp_path / "total.csv", linjer))


def test_truncated_export_without_total_is_an_error(tmp_path: Path) -> None:
    def behold(linje: str) -> bool:
        alder = linje.split(";")[1]
        return alder != "Alder i alt" and not (alder.endswith(" år") and int(alder.split()[0]) >= 100)

    linjer = [_linjer()[0], *filter(behold, _linjer()[1:])]
    with pytest.raises(Folk1aFejl, match=r"ALDER: aldrene for Favrskov 2018K1 slutter ved 99 år"):
        laes_folk1a(_skriv(tmp_path / "afkortet.csv", linjer))


def test_only_total_age_is_an_error(tmp_path: Path) -> None:
    fil = _skriv(tmp_path / "ialt.csv", ["OMRÅDE;ALDER;TID;INDHOLD", "Viborg;Alder i alt;2019K1;96000"])
    with pytest.raises(Folk1aFejl, match=r"række 2: ALDER: kun 'Alder i alt' for Viborg 2019K1"):
        laes_folk1a(fil)


@pytest.mark.parametrize(
    ("hoved", "raekke", "forventet"),
    [
        ("OMRÅDE;ALDER;TID", "Favrskov;0 år;2018K1", r"række 1: INDHOLD: kolonnen mangler"),
        (
            "OMRÅDE;ALDER;TID;INDHOLD;HERKOMST",
            "Favrskov;0 år;2018K1;1;I alt",
            r"række 1: HERKOMST: ukendt kolonne",
        ),
        (
            "OMRÅDE;ALDER;TID;INDHOLD",
            "Aarhuus;0 år;2018K1;5000",
            r"række 2: OMRÅDE: ukendt kommune 'Aarhuus'",
        ),
        ("OMRÅDE;ALDER;TID;INDHOLD", "Aarhus;0 år;2018;5000", r"række 2: TID: '2018' er ikke et kvartal"),
        ("OMRÅDE;ALDER;TID;INDHOLD", "Aarhus;nul år;2018K1;5000", r"række 2: ALDER: 'nul år' er hverken"),
        ("OMRÅDE;ALDER;TID;INDHOLD", "Aarhus;0 år;2018K1;..", r"række 2: INDHOLD: '..' er ikke et antal"),
        ("OMRÅDE;ALDER;TID;INDHOLD", "Aarhus;0 år;2018K1", r"række 2: 3 felter, ventede 4"),
        (
            "OMRÅDE,ALDER,TID,INDHOLD",
            "Aarhus,0 år,2018K1,5000",
            r"række 1: ingen semikolon-adskilte kolonner",
        ),
    ],
)
def test_malformed_files(tmp_path: Path, hoved: str, raekke: str, forventet: str) -> None:
    fil = _skriv(tmp_path / "fejl.csv", [hoved, raekke])
    with pytest.raises(Folk1aFejl, match=forventet) as fejl:
        laes_folk1a(fil)
    assert str(fejl.value).startswith(f"{fil}: ")


def test_duplicate_cell_is_an_error(tmp_path: Path) -> None:
    linjer = _linjer()
    with pytest.raises(Folk1aFejl, match=r"række 768: OMRÅDE, ALDER, TID: samme celle som række 8"):
        laes_folk1a(_skriv(tmp_path / "dobbelt.csv", [*linjer, linjer[7]]))


def test_unreadable_file() -> None:
    with pytest.raises(Folk1aFejl, match=r"findes_ikke.csv: kan ikke læses"):
        laes_folk1a(Path("findes_ikke.csv"))
