"""Stays as a municipality exports them from its case system: a CSV file or an Excel workbook
with one row per stay, read into `Opholdsraekke` with every error located (file, sheet, row,
column letter and heading). The columns are documented in `docs/ophold-import.md`.

- **CSV**: read with the standard library: `;` between fields, UTF-8 with or without BOM,
  numbers with a Danish decimal comma ("87,5"). **Excel**: the first sheet, streamed within the
  limits of `io.excel.laesning` (the file is never trusted).
- The first row that holds anything is the headings; the columns are found by heading (case,
  spaces and a trailing ':' ignored; a few other names are accepted, `KOLONNER`), in any order;
  other columns are ignored. Rows without anything are skipped.
- A CPR number is checked (`io.cpr.normaliser`) but never repeated in an error message: the
  error says what is wrong, not what was written.
- Everything the register knows (municipalities, offers, services) is checked by the caller.

Pure: no Django, no database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Final

from openpyxl.utils import get_column_letter

from socialstyring.io.cpr import Cprfejl, normaliser
from socialstyring.io.excel.faelles import Fejl
from socialstyring.io.excel.laesning import Afvist, Ulaeselig, aabn_projektmappe, laes_ark
from socialstyring.io.felter import har_ugyldige_tegn
from socialstyring.io.kilder.statbank import csv_fejl, langt_felt
from socialstyring.io.tal import Talfejl, laes_tal

MAKS_FILSTOERRELSE: Final = 5 * 1024 * 1024
MAKS_RAEKKER: Final = 20_000
MAKS_TEKST: Final = 200

CPR: Final = "CPR-nummer"
HANDLEKOMMUNE: Final = "Handlekommune"
BETALINGSKOMMUNE: Final = "Betalingskommune"
TILBUD: Final = "Tilbud"
YDELSE: Final = "Ydelse"
START: Final = "Start"
OPSAGT: Final = "Opsagt"
OPSAGT_AF: Final = "Opsagt af"
SLUT: Final = "Slut"
NY_BORGER_FRA: Final = "Ny borger fra"
AARSAG: Final = "Årsag"
HENVIST_TILBUD: Final = "Henvist tilbud"
HENVIST_YDELSE: Final = "Henvist ydelse"
INDSKRIVNING: Final = "Indskrivning %"

KOLONNER: Final[dict[str, tuple[bool, tuple[str, ...]]]] = {
    # heading: (required, other names accepted)
    CPR: (True, ("cpr", "cpr-nr", "cpr-nr.", "cprnummer", "personnummer")),
    HANDLEKOMMUNE: (True, ()),
    BETALINGSKOMMUNE: (True, ()),
    TILBUD: (True, ("tilbudsnavn",)),
    YDELSE: (True, ("ydelsesnavn",)),
    START: (True, ("startdato", "indskrevet", "indskrivningsdato")),
    OPSAGT: (False, ("opsagt dato", "opsigelsesdato")),
    OPSAGT_AF: (False, ()),
    SLUT: (False, ("slutdato", "udskrevet", "udskrivningsdato", "ophør")),
    NY_BORGER_FRA: (False, ("ny borger", "pladsen overtaget fra", "pladsen overtaget af en ny borger fra")),
    AARSAG: (False, ("årsag til ophør", "ophørsårsag")),
    HENVIST_TILBUD: (False, ()),
    HENVIST_YDELSE: (False, ()),
    INDSKRIVNING: (False, ("indskrivning", "indskrivningsprocent")),
}
"""The columns: a heading, whether it must be there, and other names accepted for it."""

OPSIGERE: Final = {
    "handlekommune": "handlekommune",
    "betalingskommune": "betalingskommune",
    "tilbud": "tilbud",
    "tilbuddet": "tilbud",
    "handlekommunen": "handlekommune",
    "betalingskommunen": "betalingskommune",
}
DATOFORMATER: Final = ("%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Opholdsraekke:
    """One row: the CPR number's ten digits (to be pseudonymised at once by the caller), the
    municipalities as written (a code or a name), the offer and service by name, the dates."""

    raekke: int
    cpr: str = field(repr=False)
    handlekommune: str
    betalingskommune: str
    tilbud: str
    ydelse: str
    start: date
    opsagt: date | None = None
    opsagt_af: str = ""
    slut: date | None = None
    ny_borger_fra: date | None = None
    aarsag: str = ""
    henvist_tilbud: str = ""
    henvist_ydelse: str = ""
    indskrivning_pct: Decimal = Decimal(100)


@dataclass(frozen=True)
class Opholdsfil:
    """What was read: the rows (when no error) or every error; `ark` the sheet (None for CSV);
    `bogstaver` heading → the column's letter in the file."""

    fil: str
    ark: str | None
    raekker: tuple[Opholdsraekke, ...] = ()
    fejl: tuple[Fejl, ...] = ()
    bogstaver: dict[str, str] = field(default_factory=dict)

    def fejl_i(self, raekke: int, kolonne: str | None, besked: str) -> Fejl:
        """An error of a cell in this file (for the caller's checks against the register)."""
        return Fejl(self.fil, besked, self.ark, raekke, kolonne, bogstav=self.bogstaver.get(kolonne or ""))


def _norm(overskrift: object) -> str:
    return " ".join(str(overskrift).replace("\ufeff", "").split()).rstrip(":").strip().casefold()


_NAVNE: Final = {n: k for k, (_, andre) in KOLONNER.items() for n in (_norm(k), *andre)}


def kommunenoegle(tekst: str) -> str:
    """A municipality as a file names it, by code or by name, as one key to look it up by:
    '0751' and '751' → '751', 'Aarhus Kommune' → 'aarhus'."""
    t = tekst.strip().casefold().removesuffix(" kommune")
    return (t.lstrip("0") or "0") if t.isdigit() else t


def _tekst(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split()) if v is not None else ""


def _dato(v: object) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    tekst = _tekst(v)
    for f in DATOFORMATER:
        try:
            return datetime.strptime(tekst, f).date()
        except ValueError:
            continue
    vist = tekst if len(tekst) <= 30 else tekst[:29] + "…"
    raise ValueError(f'"{vist}" er ikke en dato; skriv fx 14-03-2025')


def laes_ophold(data: bytes, filnavn: str) -> Opholdsfil:
    """Read a CSV file or an Excel workbook of stays (by its content: a zip is Excel)."""
    if not data:
        return Opholdsfil(filnavn, None, fejl=(Fejl(filnavn, "filen er tom"),))
    if len(data) > MAKS_FILSTOERRELSE:
        return Opholdsfil(filnavn, None, fejl=(Fejl(filnavn, "filen er for stor (højst 5 MB)"),))
    if data[:2] == b"PK":
        return _laes_excel(data, filnavn)
    return _laes_csv(data, filnavn)


def _laes_excel(data: bytes, filnavn: str) -> Opholdsfil:
    try:
        wb = aabn_projektmappe(data)
    except Afvist as a:
        return Opholdsfil(filnavn, None, fejl=(Fejl(filnavn, a.besked),))
    try:
        ark = wb.sheetnames[0]
        try:
            raekker = laes_ark(wb, ark)
        except Afvist as a:
            return Opholdsfil(filnavn, ark, fejl=(Fejl(filnavn, a.besked, a.ark, a.raekke, celle=a.celle),))
    finally:
        wb.close()
    return _fortolk(filnavn, ark, raekker)


def _laes_csv(data: bytes, filnavn: str) -> Opholdsfil:
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:  # named by the row (line) of the first byte that is not UTF-8
        besked = (
            "filen er hverken en Excel-projektmappe eller en CSV-fil i UTF-8; gem den som "
            "CSV UTF-8 (semikolonsepareret) eller som Excel-projektmappe"
        )
        raekke = data.count(b"\n", 0, e.start) + 1  # (utf-8-sig counts the BOM in e.start)
        return Opholdsfil(filnavn, None, fejl=(Fejl(filnavn, besked, None, raekke),))
    raekker: list[tuple[int, dict[int, object]]] = []
    nr = 0
    try:
        for nr, felter in enumerate(csv.reader(io.StringIO(tekst, newline=""), delimiter=";"), start=1):
            if nr > MAKS_RAEKKER:
                return Opholdsfil(
                    filnavn, None, fejl=(Fejl(filnavn, f"filen har mere end {MAKS_RAEKKER} rækker"),)
                )
            celler = {k: v for k, v in enumerate(felter, start=1) if v.strip()}
            if celler:
                raekker.append((nr, dict(celler)))
    except csv.Error as e:  # in the row after the last one read
        felt = langt_felt(tekst, nr + 1, ";") if "field larger" in str(e) else None
        return Opholdsfil(filnavn, None, fejl=(Fejl(filnavn, csv_fejl(e, MAKS_TEKST), None, nr + 1, felt),))
    return _fortolk(filnavn, None, raekker)


def _fortolk(filnavn: str, ark: str | None, raekker: list[tuple[int, dict[int, object]]]) -> Opholdsfil:
    if not raekker:
        return Opholdsfil(
            filnavn, ark, fejl=(Fejl(filnavn, "filen har ingen overskrifter og ingen rækker", ark),)
        )
    hoved_nr, hoved = raekker[0]
    kolonner: dict[str, int] = {}
    fejl: list[Fejl] = []
    for nr, v in sorted(hoved.items()):
        navn = _NAVNE.get(_norm(v))
        if navn is not None and navn not in kolonner:
            kolonner[navn] = nr
    bogstaver = {k: get_column_letter(nr) for k, nr in kolonner.items()}
    mangler = [k for k, (kraevet, _) in KOLONNER.items() if kraevet and k not in kolonner]
    if mangler:
        navne = ", ".join(f'"{m}"' for m in mangler)
        fejl.append(
            Fejl(
                filnavn,
                f"kolonnen {navne} mangler i overskrifterne (række {hoved_nr})"
                if len(mangler) == 1
                else f"kolonnerne {navne} mangler i overskrifterne (række {hoved_nr})",
                ark,
                hoved_nr,
            )
        )
        return Opholdsfil(filnavn, ark, fejl=tuple(fejl), bogstaver=bogstaver)
    ud: list[Opholdsraekke] = []
    for rnr, celler in raekker[1:]:
        fejl_foer = len(fejl)

        def celle(k: str, rnr: int = rnr, celler: dict[int, object] = celler) -> object:
            nr = kolonner.get(k)
            return celler.get(nr) if nr is not None else None

        def fej(k: str, besked: str, rnr: int = rnr) -> None:
            fejl.append(Fejl(filnavn, besked, ark, rnr, k, bogstav=bogstaver.get(k)))

        def hent(k: str, laes: Callable[[object], object], kraevet: bool = False) -> object:
            v = celle(k)
            if isinstance(v, Ulaeselig):
                fej(k, v.grund)
                return None
            if v is None or (isinstance(v, str) and not v.strip()):
                if kraevet:
                    fej(k, "skal udfyldes")
                return None
            try:
                return laes(v)
            except (ValueError, Talfejl) as e:
                fej(k, str(e))
                return None

        def tekst(v: object) -> str:
            t = _tekst(v)
            if har_ugyldige_tegn(t):
                raise ValueError("teksten indeholder usynlige styretegn; skriv den igen")
            if len(t) > MAKS_TEKST:
                raise ValueError(f"teksten er for lang (højst {MAKS_TEKST} tegn)")
            return t

        def cpr(v: object) -> str:
            try:
                return normaliser(_tekst(v).zfill(10) if isinstance(v, (int, float)) else _tekst(v))
            except Cprfejl as e:
                raise ValueError(str(e)) from None

        def opsiger(v: object) -> str:
            t = _tekst(v).casefold()
            if t not in OPSIGERE:
                raise ValueError("skriv handlekommune, betalingskommune eller tilbud")
            return OPSIGERE[t]

        def pct(v: object) -> Decimal:
            if isinstance(v, bool):  # a TRUE/FALSE cell (Decimal("True") would raise)
                raise ValueError("indskrivningen skal være et tal i procent, fx 87,5")
            d = Decimal(str(v)) if isinstance(v, (int, float)) else laes_tal(_tekst(v))
            if not d.is_finite() or not Decimal(0) < d <= Decimal(1000) or d != d.quantize(Decimal("0.01")):
                raise ValueError("indskrivningen skal være over 0 og højst 1.000 %, med højst 2 decimaler")
            return d

        vaerdier = {
            "cpr": hent(CPR, cpr, True),
            "handlekommune": hent(HANDLEKOMMUNE, tekst, True),
            "betalingskommune": hent(BETALINGSKOMMUNE, tekst, True),
            "tilbud": hent(TILBUD, tekst, True),
            "ydelse": hent(YDELSE, tekst, True),
            "start": hent(START, _dato, True),
            "opsagt": hent(OPSAGT, _dato),
            "opsagt_af": hent(OPSAGT_AF, opsiger) or "",
            "slut": hent(SLUT, _dato),
            "ny_borger_fra": hent(NY_BORGER_FRA, _dato),
            "aarsag": hent(AARSAG, tekst) or "",
            "henvist_tilbud": hent(HENVIST_TILBUD, tekst) or "",
            "henvist_ydelse": hent(HENVIST_YDELSE, tekst) or "",
            "indskrivning_pct": hent(INDSKRIVNING, pct) or Decimal(100),
        }
        if len(fejl) > fejl_foer:
            continue
        start, slut, opsagt = vaerdier["start"], vaerdier["slut"], vaerdier["opsagt"]
        assert isinstance(start, date)
        if isinstance(slut, date) and slut < start:
            fej(SLUT, f"slutdatoen ligger før starten ({start:%d-%m-%Y})")
        if isinstance(opsagt, date) and opsagt < start:
            fej(OPSAGT, f"opsigelsen ligger før starten ({start:%d-%m-%Y})")
        ny_borger = vaerdier["ny_borger_fra"]
        if isinstance(ny_borger, date) and not isinstance(slut, date):
            fej(NY_BORGER_FRA, "en ny borger kan kun overtage pladsen, når opholdet har en slutdato (Slut)")
        elif isinstance(ny_borger, date) and isinstance(slut, date) and ny_borger <= slut:
            fej(
                NY_BORGER_FRA,
                f"en ny borger kan tidligst overtage pladsen dagen efter slut ({slut:%d-%m-%Y})",
            )
        if isinstance(opsagt, date) and not vaerdier["opsagt_af"]:
            fej(OPSAGT_AF, "skriv, hvem der opsagde opholdet (handlekommune, betalingskommune eller tilbud)")
        if bool(vaerdier["henvist_tilbud"]) != bool(vaerdier["henvist_ydelse"]):
            fej(
                HENVIST_YDELSE if vaerdier["henvist_tilbud"] else HENVIST_TILBUD,
                "et henvist tilbud skal have både tilbud og ydelse",
            )
        if len(fejl) > fejl_foer:
            continue
        ud.append(Opholdsraekke(raekke=rnr, **vaerdier))  # type: ignore[arg-type]
    if fejl:
        return Opholdsfil(filnavn, ark, fejl=tuple(fejl), bogstaver=bogstaver)
    return Opholdsfil(filnavn, ark, raekker=tuple(ud), bogstaver=bogstaver)
