"""Published management information against the computed figures and against itself:
every difference, with an explanation (`konsistens`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from socialstyring.beregning.kerne.penge import EN_DECIMAL, HUNDREDE, NUL, afrund_til, dansk_tal
from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.beregning.ledelsesinfo.tabeller import EN, I_ALT, SAMLET, TOTAL, TUSIND, Figurnoegle


@dataclass(frozen=True)
class Uoverensstemmelse:
    """A published figure that disagrees with the computed one or with its own table.

    `art`: "beregnet" (published ≠ computed), "total" (a printed total ≠ the sum of its
    printed rows), "interval" (a total occupancy outside its day and 24-hour figures),
    "maalgrupper" (table E's target-group tables ≠ its 'I alt' table)."""

    art: str
    figur: Figurnoegle
    publiceret: Decimal | None
    beregnet: Decimal | None
    forklaring: str

    @property
    def forskel(self) -> Decimal | None:
        if self.publiceret is None or self.beregnet is None:
            return None
        return self.publiceret - self.beregnet

    def tekst(self) -> str:
        def v(x: Decimal | None) -> str:
            return "-" if x is None else dansk_tal(x)

        return (
            f"{self.figur.tekst()}: trykt {v(self.publiceret)}, {self.art} {v(self.beregnet)}. "
            + self.forklaring
        )


SUMMERBARE = ("aarspladser_", "omkostninger_tkr_", "resultat_tkr_", "tillaeg_tkr_", "dag_", "doegn_")


def _eksponent(tal: Decimal) -> int:
    e = tal.as_tuple().exponent
    return e if isinstance(e, int) else 0


def _halv_enhed(tal: Iterable[Decimal]) -> Decimal:
    decimaler = max((max(0, -_eksponent(t)) for t in tal), default=0)
    return Decimal(5).scaleb(-decimaler - 1)


def konsistens(
    publicerede: Mapping[Figurnoegle, Decimal | None],
    beregnede: Mapping[Figurnoegle, Decimal | None],
) -> list[Uoverensstemmelse]:
    """Every difference between published figures and the computed ones, and within the
    published tables themselves (totals, day/24-hour/total occupancy, E's group tables)."""
    fund: list[Uoverensstemmelse] = []
    for f, pub in publicerede.items():
        if f not in beregnede:
            continue
        ber = beregnede[f]
        if ber is not None and pub is not None and _eksponent(pub) > _eksponent(ber):
            # A figure printed with fewer decimals (e.g. a total in whole year-places) is
            # compared at its own precision.
            ber = afrund_til(ber, Decimal(1).scaleb(_eksponent(pub)))
        if ber != pub and not (pub is None and not ber):  # a blank printed cell = 0
            fund.append(Uoverensstemmelse("beregnet", f, pub, ber, _forklar(f, pub, ber, publicerede)))
    # Printed totals against the sum of their printed rows.
    summer_: dict[tuple[str, str, str], list[Decimal]] = {}
    for f, pub in publicerede.items():
        if pub is not None and f.raekke != TOTAL and f.kolonne.startswith(SUMMERBARE):
            summer_.setdefault((f.tabel, f.gruppe, f.kolonne), []).append(pub)
    for (tabel, gruppe, kolonne), tal in summer_.items():
        tf = Figurnoegle(tabel, gruppe, TOTAL, kolonne)
        trykt = publicerede.get(tf)
        if trykt is None:
            continue
        s = sum(tal, NUL)
        if s != trykt:
            tolerance = _halv_enhed(tal) * len(tal) + _halv_enhed([trykt])
            hvorfor = (
                f"forskellen kan skyldes afrunding: totalen er regnet af uafrundede tal ({len(tal)} rækker)"
                if abs(s - trykt) <= tolerance
                else f"forskellen er større end afrunding af {len(tal)} rækker kan give"
            )
            fund.append(
                Uoverensstemmelse(
                    "total",
                    tf,
                    trykt,
                    s,
                    f"Rækkerne summerer til {dansk_tal(s)}; den trykte total er "
                    f"{dansk_tal(trykt)}; {hvorfor}.",
                )
            )
    # D: a total occupancy is a weighted average of day and 24-hour.
    for f, pub in publicerede.items():
        if f.tabel == "D" and f.kolonne.startswith(SAMLET + "_") and pub is not None:
            aar = f.kolonne.removeprefix(SAMLET + "_")
            dele = [publicerede.get(f._replace(kolonne=f"{p}_{aar}")) for p in Pladstype]
            if all(x is not None for x in dele):
                lav, hoej = min(x for x in dele if x is not None), max(x for x in dele if x is not None)
                if not lav <= pub <= hoej:
                    fund.append(
                        Uoverensstemmelse(
                            "interval",
                            f,
                            pub,
                            None,
                            "Samlet belægning skal ligge mellem dag og døgn "
                            f"({dansk_tal(lav)}–{dansk_tal(hoej)} %), "
                            "da den er et vægtet gennemsnit af de to.",
                        )
                    )
    # E: the target-group tables against the 'I alt' table, per operator and column.
    grupper_sum: dict[tuple[str, str], Decimal] = {}
    for f, pub in publicerede.items():
        if f.tabel == "E" and f.gruppe not in ("", I_ALT) and pub is not None:
            grupper_sum[(f.raekke, f.kolonne)] = grupper_sum.get((f.raekke, f.kolonne), NUL) + pub
    for (raekke, kolonne), s in grupper_sum.items():
        f = Figurnoegle("E", I_ALT, raekke, kolonne)
        trykt = publicerede.get(f)
        if f in publicerede and (trykt or NUL) != s:
            fund.append(
                Uoverensstemmelse(
                    "maalgrupper",
                    f,
                    trykt,
                    s,
                    f"Målgruppetabellerne giver {dansk_tal(s)} pladser, "
                    f"tabellen '{I_ALT}' har {dansk_tal(trykt or NUL)}.",
                )
            )
    return fund


def _forklar(
    f: Figurnoegle,
    pub: Decimal | None,
    ber: Decimal | None,
    publicerede: Mapping[Figurnoegle, Decimal | None],
) -> str:
    if pub is None:
        return "Det trykte tal mangler."
    if ber is None:
        return "Der er ingen aktive pladser med forbrug bag tallet i data, så det kan ikke beregnes."
    if f.tabel == "D" and f.kolonne.startswith(SAMLET + "_"):
        return _forklar_samlet(f, pub, publicerede)
    if f.tabel == "E" and f.gruppe == I_ALT and f.raekke != TOTAL:
        return "Den beregnede 'I alt' er summen af driftsherrens pladser i målgruppetabellerne."
    if f.raekke == TOTAL:
        return (
            "Totalen er trykt ud fra den publicerede ledelsesinformations egne (uafrundede) tal; "
            "den beregnede er summen af de indlæste rækker."
        )
    if f.tabel == "A" and f.kolonne.startswith("gns_pris_"):
        aar = f.kolonne.removeprefix("gns_pris_")
        ap = publicerede.get(f._replace(kolonne=f"aarspladser_{aar}"))
        omk = publicerede.get(f._replace(kolonne=f"omkostninger_tkr_{aar}"))
        if ap and omk:
            implicit = omk * TUSIND / pub
            # Is some occupancy that rounds to the printed one, with costs that round to the
            # printed t.kr., consistent with the printed price?
            lav = pub * (ap - Decimal("0.05")) - Decimal(500) - ap
            hoej = pub * (ap + Decimal("0.05")) + Decimal(500) + ap
            if lav <= omk * TUSIND <= hoej:
                return (
                    f"Den trykte pris svarer til ca. {dansk_tal(implicit, 2)} årspladser (trykt afrundet "
                    f"{dansk_tal(ap)}): prisen er regnet af uafrundet belægning og omkostninger; de trykte "
                    f"tal giver {dansk_tal(omk * TUSIND)} / {dansk_tal(ap)} = {dansk_tal(ber)} kr."
                )
            return (
                f"Den trykte pris svarer til {dansk_tal(implicit, 2)} årspladser, hvilket ikke kan afrundes "
                f"til den trykte belægning {dansk_tal(ap)}."
            )
    if f.tabel == "A" and f.kolonne == "udvikling_pct":
        priser = sorted(
            (k.kolonne, v)
            for k, v in publicerede.items()
            if k[:3] == f[:3] and k.kolonne.startswith("gns_pris_")
        )
        tekst = (
            "Udviklingen er regnet af uafrundede tal; de trykte belægninger (0,1 årsplads) og "
            f"omkostninger (hele t.kr.) giver {dansk_tal(ber)} %"
        )
        fra, til = (priser[0][1], priser[1][1]) if len(priser) == 2 else (None, None)
        if fra and til:
            af_priser = afrund_til((til / fra - EN) * HUNDREDE, EN_DECIMAL)
            tekst += (
                f", de trykte gennemsnitspriser ({dansk_tal(fra)} → {dansk_tal(til)} kr.) "
                f"{dansk_tal(af_priser)} %"
            )
        return tekst + "."
    return "Det trykte tal afviger fra det beregnede."


def _forklar_samlet(f: Figurnoegle, pub: Decimal, publicerede: Mapping[Figurnoegle, Decimal | None]) -> str:
    """A printed total occupancy against day and 24-hour: which share of day places it implies
    (samlet = andel × dag + (1 − andel) × døgn), against table E's share for the group."""
    aar = f.kolonne.removeprefix(SAMLET + "_")
    dag = publicerede.get(f._replace(kolonne=f"{Pladstype.DAG}_{aar}"))
    doegn = publicerede.get(f._replace(kolonne=f"{Pladstype.DOEGN}_{aar}"))
    tekst = "Samlet belægning er dag og døgn vægtet med pladserne, her tabel E's pladser."
    if dag is None or doegn is None or dag == doegn:
        return tekst
    andel = (pub - doegn) / (dag - doegn) * HUNDREDE
    e_dag = publicerede.get(Figurnoegle("E", f.raekke, TOTAL, f"{Pladstype.DAG}_{aar}")) or NUL
    e_doegn = publicerede.get(Figurnoegle("E", f.raekke, TOTAL, f"{Pladstype.DOEGN}_{aar}")) or NUL
    tekst += (
        f" Den trykte samlede belægning svarer til {dansk_tal(andel, 1)} % dagpladser"
        if 0 <= andel <= HUNDREDE
        else " Den trykte samlede belægning kan ikke være et vægtet gennemsnit af de trykte dag- og døgntal"
    )
    if e_dag + e_doegn > 0:
        tekst += f"; tabel E har {dansk_tal(e_dag / (e_dag + e_doegn) * HUNDREDE, 1)} % dagpladser"
    return tekst + " (den publicerede belægningsoversigt kan tælle andre pladser end pladsoversigten)."
