"""The agreement's billing rules for one stay: until when it is paid (notice, discharge,
closure, a new citizen on the place), when a package change takes effect, the
chart-of-accounts function of its legal basis, the claim deadline and how days are counted.

Every value comes from the rulebook through `Regelopslag`, which caches look-ups by name and
date so the bulk path can ask once per distinct date rather than once per stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from socialstyring.beregning.afregning.model import Ophold, Opsigelsesform, Opsiger, Tilbudsart
from socialstyring.beregning.kerne.kalender import dansk_dato, varslets_forklaring, varslets_udloeb
from socialstyring.beregning.kerne.model import slug
from socialstyring.beregning.kerne.regelbrug import reference
from socialstyring.beregning.kerne.spor import Regelreference
from socialstyring.regler import Opslag, Regelbog, Varsel

VARSEL = {
    Tilbudsart.DAGTILBUD: "varsel.dagtilbud",
    Tilbudsart.KRISECENTER_FORSORGSHJEM: "varsel.krisecenter_forsorgshjem",
    Tilbudsart.MISBRUGSBEHANDLING: "varsel.misbrugsbehandling",
}
"""The notice rule per kind of offer (botilbud: by the form of notice, see `varselsregel`)."""

DAGE_DAGTILBUD = "afregning.dage_dagtilbud"
KRAVFRIST = {
    "SEL": "betaling.krav_frist_maaneder",
    "ABL": "betaling.krav_frist_maaneder",
    "Barnets lov": "betaling.krav_frist_maaneder_barnets_lov",
}
"""The claim deadline per law (SEL § 174, stk. 2; Barnets lov § 195, stk. 2)."""


class Regelopslag:
    """The rulebook of one agreement, looked up by name and date, each answer cached."""

    def __init__(self, bog: Regelbog, region: str) -> None:
        self.bog = bog
        self.region = region
        self._cache: dict[tuple[str, date], Opslag | None] = {}

    def find(self, navn: str, dato: date) -> Opslag | None:
        """The value in force at `dato`, or None when the agreement has none then."""
        noegle = (navn, dato)
        if noegle not in self._cache:
            opslag = None
            if self.bog.har(navn, self.region):
                try:
                    opslag = self.bog.vaerdi(navn, self.region, dato)
                except KeyError:
                    opslag = None
            self._cache[noegle] = opslag
        return self._cache[noegle]


def varselsregel(o: Ophold) -> str:
    """The rulebook's notice rule for how stay `o` ended."""
    if o.opsagt_af is Opsiger.LUKNING:
        return "varsel.lukning"
    if o.tilbudsart is Tilbudsart.BOTILBUD:
        if o.opsigelsesform is Opsigelsesform.LOEBENDE_MAANED:
            return "varsel.botilbud"
        return "varsel.botilbud_vilkaarlig_dag"
    return VARSEL[o.tilbudsart]


@dataclass(frozen=True)
class Betalingsperiode:
    """Until when a stay is paid, and why."""

    sidste_dag: date | None  # None: still running (paid to the end of the period billed)
    varsel_udloeb: date | None
    forklaring: str
    regler: tuple[Regelreference, ...]
    advarsel: str | None = None


def betalingsperiode(o: Ophold, r: Regelopslag) -> Betalingsperiode:
    """The last day stay `o` is paid for.

    At the end of a stay the acting municipality pays up to and including the day of ending,
    but at least to the end of the notice given on `opsagt` (a stay ended without a notice
    date: notice counted from the day of ending); a closure follows the closure notice. Payment
    stops the day before a new citizen takes the place, never before the day of ending."""
    if o.opsagt is None and o.slut is None:
        return Betalingsperiode(None, None, "Opholdet er ikke opsagt; det betales for hele perioden.", ())
    opsagt = o.opsagt if o.opsagt is not None else o.slut
    assert opsagt is not None
    navn = varselsregel(o)
    opslag = r.find(navn, opsagt)
    if opslag is None or not isinstance(opslag.vaerdi, Varsel):
        sidste = o.slut or opsagt
        advarsel = (
            f"Regelbogen har intet opsigelsesvarsel ({navn.split('.')[-1].replace('_', ' ')}) for "
            f"{r.region} den {dansk_dato(opsagt)}; opholdet {o.id} betales kun til og med "
            f"{dansk_dato(sidste)}."
        )
        return Betalingsperiode(sidste, None, advarsel, (), advarsel)
    varsel = opslag.vaerdi
    udloeb = varslets_udloeb(varsel, opsagt)
    if varsel.regel == "til_udskrivning":
        udloeb = o.slut or opsagt
        tekst = f"{varsel.tekst}: {dansk_dato(udloeb)}."
    else:
        tekst = varslets_forklaring(varsel, opsagt, udloeb)
    if o.opsagt is None:
        tekst = f"Ingen opsigelsesdato; varslet regnes fra ophøret. {tekst}"
    sidste = max(o.slut or udloeb, udloeb)
    if o.ny_borger_fra is not None and o.ny_borger_fra - timedelta(days=1) < sidste:
        sidste = o.ny_borger_fra - timedelta(days=1)
        ny = dansk_dato(o.ny_borger_fra)
        tekst += f" En ny borger overtog pladsen {ny}, så betalingen stopper dagen før."
    return Betalingsperiode(sidste, udloeb, tekst, (reference(opslag),))


@dataclass(frozen=True)
class Pakkeperiode:
    """A package billed from `fra` (None: the stay's package from its start)."""

    fra: date
    pakke: str | None
    forklaring: str
    regler: tuple[Regelreference, ...]


def pakkeplan(o: Ophold, raekkefoelge: list[str], r: Regelopslag) -> tuple[list[Pakkeperiode], list[str]]:
    """The stay's packages over time and any warnings. A change to the next package up or down
    takes effect after the notice for one step (Syddanmark: 30 days), a change of more steps
    after the notice for more steps (day offers: the current month; residential: the current
    month + 1); in both directions, as the agreement writes it."""
    plan = [Pakkeperiode(o.start, o.pakke, "pakken ved opholdets start", ())]
    advarsler: list[str] = []
    for skift in sorted(o.pakkeskift, key=lambda s: s.varslet):
        gammel = plan[-1].pakke
        if gammel == skift.pakke:
            continue
        for p in (gammel, skift.pakke):
            if p is not None and p not in raekkefoelge:
                raise ValueError(
                    f"ophold {o.id}: pakken '{p}' findes ikke blandt ydelsens pakker {raekkefoelge}"
                )
        trin = abs(raekkefoelge.index(skift.pakke) - raekkefoelge.index(gammel)) if gammel else 1
        if trin == 1:
            navn = "varsel.pakkeskift_et_trin"
        elif o.tilbudsart.er_dagtilbud:
            navn = "varsel.pakkeskift_flere_trin_dagtilbud"
        else:
            navn = "varsel.pakkeskift_flere_trin_botilbud"
        opslag = r.find(navn, skift.varslet)
        if opslag is None or not isinstance(opslag.vaerdi, Varsel):
            advarsler.append(
                f"Regelbogen har intet varsel for pakkeskift i {r.region}; ophold {o.id} skifter til "
                f"pakke {skift.pakke} fra varslingsdagen {dansk_dato(skift.varslet)}."
            )
            plan.append(Pakkeperiode(skift.varslet, skift.pakke, "uden varsel i regelbogen", ()))
            continue
        udloeb = varslets_udloeb(opslag.vaerdi, skift.varslet)
        fra = udloeb + timedelta(days=1)
        tekst = (
            f"Skift fra pakke {gammel} til {skift.pakke} ({trin} trin) varslet {dansk_dato(skift.varslet)}: "
            f"{opslag.vaerdi.tekst.lower()} til og med {dansk_dato(udloeb)}; ny pakke fra {dansk_dato(fra)}."
        )
        plan.append(Pakkeperiode(fra, skift.pakke, tekst, (reference(opslag),)))
    return plan, advarsler


def kontofunktion(lovgrundlag: str, dato: date, r: Regelopslag) -> Opslag | None:
    """The chart-of-accounts function the cost of an offer under `lovgrundlag` is booked on."""
    return r.find(f"kontoplan.{slug(lovgrundlag)}", dato)


def kravfrist_regel(lov: str, kravdato: date, r: Regelopslag) -> Opslag | None:
    """The claim deadline (months after the help was given) in force when the claim is made."""
    return r.find(KRAVFRIST[lov], kravdato)


def dage_dagtilbud(dato: date, r: Regelopslag) -> Opslag:
    opslag = r.find(DAGE_DAGTILBUD, dato)
    if opslag is None:
        raise ValueError(f"regelbogen har ingen regel for, hvordan dagtilbud opkræves ({dansk_dato(dato)})")
    return opslag
