"""The rules of one month: which scheme and thresholds apply, the parts of a net cost in each
band and their reimbursement, and whether a person of 67 or more is still covered.

The rulebook (`saerligt_dyre.*`) says per date:

- `ordning`: `adskilte` (before 2021: adults `voksne_graense_25/50_kr`, children
  `boern_graense_25/50_kr`, 25 % and 50 %) or `faelles` (from 2021: `graense_25/50/75_kr`,
  25, 50 and 75 %, the same for everyone);
- the thresholds are yearly amounts; the month is held against 1/12 of them (refusion order
  § 3, stk. 1), rounded as `afrunding` says;
- a band's part is the net cost above its threshold up to the next one; its reimbursement is
  the band's rate of that part (SEL § 176, stk. 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from socialstyring.beregning.kerne.penge import NUL, Afrunding, afrund, procent_af
from socialstyring.beregning.kerne.regelbrug import Regler, reference
from socialstyring.beregning.kerne.spor import Regelreference
from socialstyring.beregning.refusion.grundlag import Ordning
from socialstyring.regler import Regelbog

P = "saerligt_dyre"
SATSER = ("25", "50", "75")


@dataclass(frozen=True)
class Trinregel:
    """One band: its yearly threshold and rate, with their rules."""

    sats_navn: str  # "25", "50", "75"
    aarsgraense: Decimal
    sats_pct: Decimal
    graense_ref: Regelreference
    sats_ref: Regelreference


@dataclass(frozen=True)
class Maanedsregler:
    """The rules in force for one month and one scheme."""

    ordning: str  # the rulebook's `ordning`: adskilte or faelles
    ordning_ref: Regelreference
    trin: tuple[Trinregel, ...]
    afrunding: Afrunding
    afrunding_ref: Regelreference

    def maanedsgraense(self, t: Trinregel) -> Decimal:
        """1/12 of the band's yearly threshold, rounded."""
        return afrund(t.aarsgraense / 12, self.afrunding)


def maanedsregler(r: Regler, ordning: Ordning) -> Maanedsregler:
    """The scheme, thresholds and rates in force at `r.dato` for a citizen of `ordning`.

    Raises ValueError (in Danish) when the rulebook has no threshold for the year."""
    art, ordning_ref = r.tekst(f"{P}.ordning")
    opgoerelse, _ = r.tekst(f"{P}.opgoerelse")
    if opgoerelse != "maanedlig":
        raise ValueError(
            f"regelbogen siger, at udgiften i {r.dato.year} opgøres {opgoerelse}; Socialstyring regner kun "
            "måned for måned"
        )
    if art == "faelles":
        praefiks = "graense"
        satser: tuple[str, ...] = SATSER
    else:
        praefiks = "voksne_graense" if ordning is Ordning.VOKSEN else "boern_graense"
        satser = SATSER[:2]
    trin = []
    for s in satser:
        try:
            graense, g_ref = r.tal(f"{P}.{praefiks}_{s}_kr")
        except KeyError:
            raise ValueError(
                f"regelbogen har ingen grænse for {s} % refusion "
                f"({'alle' if art == 'faelles' else ordning.label}) i {r.dato.year}; "
                "læg beløbet ind med kilde, før året kan beregnes"
            ) from None
        sats, s_ref = r.tal(f"{P}.sats_{s}_pct")
        trin.append(Trinregel(s, graense, sats, g_ref, s_ref))
    afr, afr_ref = r.tekst(f"{P}.afrunding")
    return Maanedsregler(art, ordning_ref, tuple(trin), Afrunding(afr), afr_ref)


@dataclass(frozen=True)
class Trinresultat:
    """One band of one month: the monthly threshold, the part of the net cost in the band and
    its reimbursement."""

    sats_navn: str
    graense: Decimal
    del_: Decimal
    refusion: Decimal


def fordel_paa_trin(netto: Decimal, mr: Maanedsregler) -> list[Trinresultat]:
    """The net cost's part in each band (above its threshold, up to the next) and the
    reimbursement of each part."""
    graenser = [mr.maanedsgraense(t) for t in mr.trin]
    ud = []
    for i, t in enumerate(mr.trin):
        loft = graenser[i + 1] if i + 1 < len(graenser) else None
        oevre = netto if loft is None else min(netto, loft)
        del_ = max(NUL, oevre - graenser[i])
        refusion = afrund(procent_af(del_, t.sats_pct), mr.afrunding)
        ud.append(Trinresultat(t.sats_navn, graenser[i], del_, refusion))
    return ud


# --- the age of 67 ----------------------------------------------------------------------------


def fylder(foedselsdato: date, alder: int) -> date:
    """The day a person born on `foedselsdato` turns `alder` (born 29 February: 1 March in a
    year without that day)."""
    try:
        return foedselsdato.replace(year=foedselsdato.year + alder)
    except ValueError:
        return date(foedselsdato.year + alder, 3, 1)


def maaned_nr(aar: int, maaned: int) -> int:
    """A month as one number, so months of different years compare and subtract."""
    return aar * 12 + maaned - 1


def fra_maaned_nr(nr: int) -> tuple[int, int]:
    return nr // 12, nr % 12 + 1


@dataclass(frozen=True)
class Aldersgraense:
    """When a person counts as over the age limit, and the month that decides whether they
    stay in the scheme (refusion order § 6, stk. 2)."""

    dag: date  # the day the person turns the age
    foerste_maaned_over: int  # maaned_nr of the first month counted as over the age
    testmaaned: int  # maaned_nr of the last month before it
    alder: int
    alder_ref: Regelreference
    maaned_ref: Regelreference
    fortsaetter: bool  # the scheme in force on that day lets a covered person continue
    ordning_ref: Regelreference


def aldersgraense(foedselsdato: date, bog: Regelbog, region: str, dato: date) -> Aldersgraense:
    """The age limit for a person, by the rules in force at `dato` (the limit's age) and on the
    day the person reaches it (whether a covered person continues: only under the single
    scheme from 2021, which does not apply to persons who reached 67 before 1 January 2021,
    L 197 (2019-20) § 2, stk. 2)."""
    r = Regler(bog, region, dato)
    alder, alder_ref = r.heltal(f"{P}.aldersgraense_aar")
    dag = fylder(foedselsdato, alder)
    valg, maaned_ref = r.tekst(f"{P}.maaned_fylder_67")
    foedselsmaaned = maaned_nr(dag.year, dag.month)
    foerste = foedselsmaaned if valg == "efter_67" else foedselsmaaned + 1
    try:
        ordning, ordning_ref = Regler(bog, region, dag).tekst(f"{P}.ordning")
    except KeyError:  # reached the age before the rulebook's first scheme: no continuation
        foerste_ordning = bog.vaerdier(f"{P}.ordning", "national")[0]
        ordning, ordning_ref = str(foerste_ordning.vaerdi), reference(foerste_ordning)
    return Aldersgraense(
        dag, foerste, foerste - 1, alder, alder_ref, maaned_ref, ordning == "faelles", ordning_ref
    )


def ordning_efter_alder(
    foedselsdato: date, bog: Regelbog, region: str, dato: date
) -> tuple[Ordning, Regelreference]:
    """The scheme of a citizen known only by birth date (a citizen whose costs come from the
    stays): children and young people under the rulebook's age at `dato` (the year's first
    day), adults otherwise (refusion order § 2, stk. 2)."""
    alder, ref = Regler(bog, region, dato).heltal(f"{P}.boern_og_unge_under_aar")
    return (Ordning.BARN if dato < fylder(foedselsdato, alder) else Ordning.VOKSEN), ref
