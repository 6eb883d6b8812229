"""The result of the reimbursement calculation: per citizen and month, per case (a citizen, or
from 2021 the children of one household) and month, per month, per quarter, the quarterly
claim and next year's forecast. Amounts in kr."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from socialstyring.beregning.kerne.model import Resultat, ResultatMedRegler, slug
from socialstyring.beregning.kerne.penge import NUL
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.refusion.grundlag import Ordning

GRAENSEPARAMETRE = ("graense_", "voksne_graense_", "boern_graense_")
"""The rulebook's threshold parameters (`saerligt_dyre.<prefix><sats>_kr`)."""


class Borgermaaned(Resultat):
    """A citizen's month: netto = brutto − indtægter − objektivt finansieret + engangsandel."""

    navn: str  # the month's Danish name
    maaned: int
    brutto: Decimal
    indtaegter: Decimal
    objektivt_finansieret: Decimal
    engangsandel: Decimal
    netto: Decimal


class Borgeropgoerelse(Resultat):
    navn: str  # the citizen's pseudonymous key
    ordning: Ordning
    husstand: str | None
    sag: str  # the case the citizen's costs are counted in
    maaneder: tuple[Borgermaaned, ...]
    netto_i_alt: Decimal


class Trinlinje(Resultat):
    """One band of a month: 1/12 of the yearly threshold, the part of the net cost above it (up
    to the next band's threshold) and the reimbursement of that part."""

    navn: str  # "25 %"
    sats_pct: Decimal
    aarsgraense: Decimal
    graense: Decimal
    del_af_udgiften: Decimal
    refusion: Decimal


class Sagsmaaned(Resultat):
    navn: str
    maaned: int
    netto: Decimal
    omfattet: bool
    begrundelse: str | None  # why a month is not covered
    trin: tuple[Trinlinje, ...]
    refusion: Decimal


class Sag(Resultat):
    """A case: one citizen, or (from 2021) the children and young people of one household."""

    navn: str
    art: str  # "borger" or "husstand"
    borgere: tuple[str, ...]
    ordning: str  # the rulebook's scheme in the year: adskilte or faelles
    maaneder: tuple[Sagsmaaned, ...]
    refusion_i_alt: Decimal


class Maanedstotal(Resultat):
    navn: str
    maaned: int
    netto: Decimal
    refusion: Decimal


class Kvartal(Resultat):
    navn: str  # "1. kvartal"
    kvartal: int
    refusion: Decimal  # the quarter's months
    aar_til_dato: Decimal  # 1 January to the quarter's end
    anmeldt: Decimal | None  # what was claimed for the quarter back then (earlier quarters)


class Kvartalskrav(Resultat):
    """The claim for a quarter: the year to date, less what was claimed for earlier quarters.
    It is the quarter's own reimbursement plus the correction of the earlier quarters."""

    kvartal: int
    aar_til_dato: Decimal
    tidligere_anmeldt: Decimal
    tidligere_kvartaler_nu: Decimal  # what the year to date now gives for the earlier quarters
    korrektion: Decimal  # tidligere_kvartaler_nu − tidligere_anmeldt
    kvartalets_refusion: Decimal
    krav: Decimal  # aar_til_dato − tidligere_anmeldt


class Prognosesag(Resultat):
    navn: str
    maanedlig_netto: Decimal  # the latest month's net cost without one-off shares
    maaneder: int  # months of next year the case is covered
    maanedlig_refusion: Decimal
    refusion: Decimal


class Prognose(Resultat):
    """Next year's reimbursement if the latest month's costs continue."""

    aar: int
    graenser_fra_aar: int  # the year whose thresholds were used
    sager: tuple[Prognosesag, ...]
    refusion: Decimal


class Refusionsopgoerelse(ResultatMedRegler):
    """State reimbursement in particularly expensive cases for a municipality's year to date.

    Trace keys: `borger.<b>.engang`, `borger.<b>.<mm>.netto`; `sag.<s>.fortsat_efter_67`,
    `sag.<s>.<mm>.netto`, `.omfattet`, `.graense_<25|50|75>`, `.del_<sats>`, `.refusion_<sats>`,
    `.refusion`; `maaned.<mm>.refusion`; `kvartal.<k>.refusion`, `kvartal.<k>.aar_til_dato`;
    `aar_til_dato`; `krav.tidligere_anmeldt`, `krav.korrektion`, `krav`; `prognose.<s>.refusion`,
    `prognose.refusion` (`<mm>` is m01–m12)."""

    kommune: str
    aar: int
    kvartal: int
    borgere: tuple[Borgeropgoerelse, ...]
    sager: tuple[Sag, ...]
    maaneder: tuple[Maanedstotal, ...]
    kvartaler: tuple[Kvartal, ...]
    aar_til_dato: Decimal
    krav: Kvartalskrav
    prognose: Prognose
    advarsler: tuple[str, ...] = ()
    spor: Spor

    def antagne_graenser(self) -> list[Regelreference]:
        """The thresholds the statement used that are assumptions, not published amounts."""
        ud: dict[tuple[str, date], Regelreference] = {}
        for ref in self.regler_anvendt():
            navn = ref.parameter.rsplit(".", 1)[-1]
            if ref.antaget and navn.startswith(GRAENSEPARAMETRE):
                ud.setdefault((ref.parameter, ref.gyldig_fra), ref)
        return list(ud.values())

    def sagsvisninger(self) -> list[dict[str, Any]]:
        """The cases month by month for a page, each figure as (trace key, value)."""
        ud = []
        for s in self.sager:
            maaneder = []
            for m in s.maaneder:
                p = f"sag.{slug(s.navn)}.m{m.maaned:02d}"
                trin = [
                    {
                        "navn": t.navn,
                        **{
                            felt: (f"{p}.{navn}_{t.sats_pct.normalize():f}", getattr(t, felt))
                            for felt, navn in (
                                ("graense", "graense"),
                                ("del_af_udgiften", "del"),
                                ("refusion", "refusion"),
                            )
                        },
                    }
                    for t in m.trin
                ]
                netto, refusion = (f"{p}.netto", m.netto), (f"{p}.refusion", m.refusion)
                maaneder.append({"m": m, "netto": netto, "trin": trin, "refusion": refusion})
            ud.append({"sag": s, "maaneder": maaneder})
        return ud

    def borgervisninger(self) -> list[dict[str, Any]]:
        """Each citizen's months and the net as (trace key, value), for a page."""
        return [
            {
                "navn": b.navn,
                "maaneder": [
                    (m, (f"borger.{slug(b.navn)}.m{m.maaned:02d}.netto", m.netto)) for m in b.maaneder
                ],
            }
            for b in self.borgere
        ]


@dataclass(frozen=True)
class Forskelslinje:
    """A figure in a version and the version before it."""

    navn: str
    foer: Decimal
    nu: Decimal

    @property
    def forskel(self) -> Decimal:
        return self.nu - self.foer


def forskelle(nu: Refusionsopgoerelse, foer: Refusionsopgoerelse) -> list[Forskelslinje]:
    """What a correction changed: the claim, the year to date, and each case's reimbursement
    (a case in only one of the versions counts as 0 in the other); unchanged cases left out."""
    linjer = [
        Forskelslinje("Krav for kvartalet", foer.krav.krav, nu.krav.krav),
        Forskelslinje("Refusion år til dato", foer.aar_til_dato, nu.aar_til_dato),
    ]
    gamle = {s.navn: s.refusion_i_alt for s in foer.sager}
    nye = {s.navn: s.refusion_i_alt for s in nu.sager}
    for navn in sorted({*gamle, *nye}):
        a, b = gamle.get(navn, NUL), nye.get(navn, NUL)
        if a != b:
            linjer.append(Forskelslinje(f"Sag {navn}", a, b))
    return linjer
