"""Month by month: each citizen's net cost (refusion order § 3, stk. 2-5), the cases it is
counted in (SEL § 176, stk. 1 and 2), whether a month is covered (the age of 67, § 176,
stk. 3, and the order's § 6) and the reimbursement in each band. Never from a yearly total."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from socialstyring.beregning.kerne.fordeling import fordel_efter_stoerste_rest
from socialstyring.beregning.kerne.kalender import MAANEDER
from socialstyring.beregning.kerne.model import Noegler
from socialstyring.beregning.kerne.penge import NUL, dansk_tal
from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.kerne.spor import Indgang, Spor
from socialstyring.beregning.refusion.graenser import (
    Maanedsregler,
    P,
    aldersgraense,
    fordel_paa_trin,
    fra_maaned_nr,
    maaned_nr,
    maanedsregler,
)
from socialstyring.beregning.refusion.grundlag import Borger, Ordning, Refusionsgrundlag
from socialstyring.beregning.refusion.resultat import (
    Borgermaaned,
    Borgeropgoerelse,
    Sag,
    Sagsmaaned,
    Trinlinje,
)
from socialstyring.regler import Regelbog


def mm(maaned: int) -> str:
    """A month's trace key: 'm05'."""
    return f"m{maaned:02d}"


def maanedsnavn(aar: int, maaned: int) -> str:
    return f"{MAANEDER[maaned - 1]} {aar}"


@dataclass
class Sagsgruppe:
    """Citizens counted as one case."""

    navn: str
    noegle: str
    art: str
    borgere: list[Borger] = field(default_factory=list)


def borgernes_maaneder(
    g: Refusionsgrundlag, bog: Regelbog, spor: Spor, noegler: Noegler
) -> tuple[list[Borgeropgoerelse], dict[str, dict[int, Decimal]], dict[str, dict[int, Decimal]]]:
    """Each citizen's net cost per month 1 … the claim's last month. Returns the citizens'
    results, their net costs and their running net costs (without one-off shares) by key."""
    afrunding, afr_ref = Regler(bog, g.region, date(g.aar, 1, 1)).tekst(f"{P}.afrunding")
    _, opg_ref = Regler(bog, g.region, date(g.aar, 1, 1)).tekst(f"{P}.opgoerelse")
    ud: list[Borgeropgoerelse] = []
    netto: dict[str, dict[int, Decimal]] = {}
    loebende: dict[str, dict[int, Decimal]] = {}
    for b in g.borgere:
        n = noegler(b.noegle)
        andele = [NUL] * 12
        if b.engangsudgifter:
            total = spor.tilfoej(
                f"borger.{n}.engang",
                f"Engangsudgifter {g.aar}, {b.noegle}",
                "sum af årets engangsudgifter",
                sum((e.beloeb for e in b.engangsudgifter), NUL),
                "kr.",
                {e.navn or f"engangsudgift {i}": e.beloeb for i, e in enumerate(b.engangsudgifter, start=1)},
                [opg_ref],
                bemaerkning="Fordeles ligeligt på regnskabsårets 12 måneder "
                "(refusionsbekendtgørelsen § 3, stk. 4).",
            )
            enhed = Decimal("0.01") if afrunding == "oere" else Decimal("1")
            andele = [a.beloeb for a in fordel_efter_stoerste_rest(total, [1] * 12, enhed)]
        data = {m.maaned: m for m in b.maaneder}
        maaneder = []
        netto[n], loebende[n] = {}, {}
        for maaned in range(1, g.sidste_maaned + 1):
            m = data.get(maaned)
            brutto = m.brutto if m else NUL
            indt = m.indtaegter if m else NUL
            obj = m.objektivt_finansieret if m else NUL
            andel = andele[maaned - 1]
            loebende[n][maaned] = brutto - indt - obj
            if m is None and andel == 0:
                netto[n][maaned] = NUL
                continue
            indgange: dict[str, Indgang | Decimal] = {
                "udgift i alt": brutto,
                "indtægter": indt,
                "objektivt finansieret": obj,
            }
            if b.engangsudgifter:
                indgange["engangsandel"] = andel
            vaerdi = spor.tilfoej(
                f"borger.{n}.{mm(maaned)}.netto",
                f"Refusionsberettiget udgift {maanedsnavn(g.aar, maaned)}, {b.noegle}",
                "udgift − indtægter − objektivt finansieret + 1/12 af engangsudgifterne"
                if b.engangsudgifter
                else "udgift − indtægter − objektivt finansieret",
                brutto - indt - obj + andel,
                "kr.",
                indgange,
                [opg_ref, afr_ref] if b.engangsudgifter else [opg_ref],
                bemaerkning="Alle indtægter fradrages, og udgifter dækket af objektiv finansiering "
                "tæller ikke (refusionsbekendtgørelsen § 3, stk. 3 og 5)."
                + (f" Udgiften: {m.kilde}." if m is not None and m.kilde else ""),
            )
            netto[n][maaned] = vaerdi
            maaneder.append(
                Borgermaaned(
                    navn=MAANEDER[maaned - 1],
                    maaned=maaned,
                    brutto=brutto,
                    indtaegter=indt,
                    objektivt_finansieret=obj,
                    engangsandel=andel,
                    netto=vaerdi,
                )
            )
        ud.append(
            Borgeropgoerelse(
                navn=b.noegle,
                ordning=b.ordning,
                husstand=b.husstand,
                sag="",
                maaneder=tuple(maaneder),
                netto_i_alt=sum((m.netto for m in maaneder), NUL),
            )
        )
    return ud, netto, loebende


def grupper(g: Refusionsgrundlag, ordning: str, noegler: Noegler, advarsler: list[str]) -> list[Sagsgruppe]:
    """The cases: from 2021 (`faelles`) the children of one household are one case (SEL § 176,
    stk. 2); otherwise each citizen is a case of their own."""
    sager: dict[str, Sagsgruppe] = {}
    for b in g.borgere:
        if b.husstand is not None and b.ordning is Ordning.BARN and ordning == "faelles":
            navn = f"husstand {b.husstand}"
            s = sager.setdefault(navn, Sagsgruppe(navn, noegler(f"husstand {b.husstand}"), "husstand"))
        else:
            if b.husstand is not None:
                advarsler.append(
                    f"{b.noegle}: husstanden bruges ikke; "
                    + (
                        "kun børn og unge i samme husstand lægges sammen."
                        if ordning == "faelles"
                        else f"før 2021 lægges børn i samme husstand ikke sammen, så {b.noegle} "
                        "er sin egen sag."
                    )
                )
            s = sager.setdefault(b.noegle, Sagsgruppe(b.noegle, noegler(b.noegle), "borger"))
        s.borgere.append(b)
    return list(sager.values())


def sagens_maaneder(
    g: Refusionsgrundlag,
    s: Sagsgruppe,
    netto: dict[str, dict[int, Decimal]],
    bog: Regelbog,
    spor: Spor,
    noegler: Noegler,
    regelcache: dict[tuple[int, Ordning], Maanedsregler] | None = None,
) -> Sag:
    """A case's months: net cost, covered or not, the bands and the reimbursement.
    `regelcache` keeps each month's rules for the run (the same for every case of a scheme)."""
    if regelcache is None:
        regelcache = {}
    forste = s.borgere[0]
    ordning_aar = ""
    omfattet_efter_67 = _fortsat_efter_67(g, s, netto, bog, spor, noegler) if s.art == "borger" else None
    maaneder = []
    for maaned in range(1, g.sidste_maaned + 1):
        p = f"sag.{s.noegle}.{mm(maaned)}"
        mr = regelcache.get((maaned, forste.ordning))
        if mr is None:
            mr = maanedsregler(Regler(bog, g.region, date(g.aar, maaned, 1)), forste.ordning)
            regelcache[(maaned, forste.ordning)] = mr
        ordning_aar = mr.ordning
        medlemmer = {b.noegle: noegler(b.noegle) for b in s.borgere}
        if all(f"borger.{n}.{mm(maaned)}.netto" not in spor for n in medlemmer.values()):
            continue
        if s.art == "husstand":
            sum_netto = spor.tilfoej(
                f"{p}.netto",
                f"Husstandens samlede udgift {maanedsnavn(g.aar, maaned)} ({s.navn})",
                "sum af børnenes og de unges udgifter",
                sum((netto[n][maaned] for n in medlemmer.values()), NUL),
                "kr.",
                {navn: _borgerindgang(spor, n, maaned) for navn, n in medlemmer.items()},
                [mr.ordning_ref],
                bemaerkning="Udgifterne til børn og unge i samme husstand lægges sammen (serviceloven § 176, "
                "stk. 2, og barnets lov § 198; husstanden efter refusionsbekendtgørelsen § 5).",
            )
        else:
            n = medlemmer[forste.noegle]
            sum_netto = spor.tilfoej(
                f"{p}.netto",
                f"Udgift {maanedsnavn(g.aar, maaned)} ({s.navn})",
                "borgerens refusionsberettigede udgift",
                netto[n][maaned],
                "kr.",
                {forste.noegle: _borgerindgang(spor, n, maaned)},
            )
        omfattet, begrundelse = _omfattet(g, forste, maaned, omfattet_efter_67, s, bog)
        if s.art == "borger":
            spor.tilfoej(
                f"{p}.omfattet",
                f"Omfattet af refusionsordningen i {maanedsnavn(g.aar, maaned)} ({s.navn})",
                "under aldersgrænsen, eller omfattet måneden før det fyldte 67. år",
                "ja" if omfattet else "nej",
                "",
                {"fortsat efter 67": spor.fra(f"sag.{s.noegle}.fortsat_efter_67")}
                if f"sag.{s.noegle}.fortsat_efter_67" in spor
                else {"født": forste.foedselsdato.isoformat()},
                bemaerkning=begrundelse,
            )
        linjer = []
        refusioner = []
        for t, tr in zip(mr.trin, fordel_paa_trin(sum_netto, mr), strict=True):
            graense = spor.tilfoej(
                f"{p}.graense_{t.sats_navn}",
                f"1/12 af grænsen for {t.sats_navn} % refusion ({maanedsnavn(g.aar, maaned)})",
                "årsgrænse / 12, afrundet",
                tr.graense,
                "kr.",
                {"årsgrænse": t.aarsgraense},
                [t.graense_ref, mr.afrunding_ref],
            )
            del_ = spor.tilfoej(
                f"{p}.del_{t.sats_navn}",
                f"Del af udgiften i trinnet {t.sats_navn} % ({maanedsnavn(g.aar, maaned)})",
                "udgiften over trinnets grænse, op til næste grænse",
                tr.del_ if omfattet else NUL,
                "kr.",
                {"udgift": spor.fra(f"{p}.netto"), "grænse": spor.fra(f"{p}.graense_{t.sats_navn}")},
            )
            refusion = spor.tilfoej(
                f"{p}.refusion_{t.sats_navn}",
                f"Refusion {t.sats_navn} % ({maanedsnavn(g.aar, maaned)})",
                "del × sats, afrundet",
                tr.refusion if omfattet else NUL,
                "kr.",
                {"del": spor.fra(f"{p}.del_{t.sats_navn}"), "sats %": t.sats_pct},
                [t.sats_ref, mr.afrunding_ref],
            )
            refusioner.append(f"{p}.refusion_{t.sats_navn}")
            linjer.append(
                Trinlinje(
                    navn=f"{t.sats_navn} %",
                    sats_pct=t.sats_pct,
                    aarsgraense=t.aarsgraense,
                    graense=graense,
                    del_af_udgiften=del_,
                    refusion=refusion,
                )
            )
        i_alt = spor.tilfoej(
            f"{p}.refusion",
            f"Refusion {maanedsnavn(g.aar, maaned)} ({s.navn})",
            " + ".join(f"refusion {r.rsplit('_', 1)[1]} %" for r in refusioner),
            sum((li.refusion for li in linjer), NUL),
            "kr.",
            {f"refusion {r.rsplit('_', 1)[1]} %": spor.fra(r) for r in refusioner},
            bemaerkning=None if omfattet else begrundelse,
        )
        maaneder.append(
            Sagsmaaned(
                navn=MAANEDER[maaned - 1],
                maaned=maaned,
                netto=sum_netto,
                omfattet=omfattet,
                begrundelse=None if omfattet else begrundelse,
                trin=tuple(linjer),
                refusion=i_alt,
            )
        )
    return Sag(
        navn=s.navn,
        art=s.art,
        borgere=tuple(b.noegle for b in s.borgere),
        ordning=ordning_aar,
        maaneder=tuple(maaneder),
        refusion_i_alt=sum((m.refusion for m in maaneder), NUL),
    )


def _borgerindgang(spor: Spor, n: str, maaned: int) -> Indgang:
    noegle = f"borger.{n}.{mm(maaned)}.netto"
    return spor.fra(noegle) if noegle in spor else Indgang(NUL)


def _omfattet(
    g: Refusionsgrundlag,
    b: Borger,
    maaned: int,
    fortsat: bool | None,
    s: Sagsgruppe,
    bog: Regelbog,
) -> tuple[bool, str | None]:
    """Whether the case is covered in the month, and why not."""
    if s.art == "husstand":
        return True, None
    ag = aldersgraense(b.foedselsdato, bog, g.region, date(g.aar, maaned, 1))
    if maaned_nr(g.aar, maaned) < ag.foerste_maaned_over:
        return True, None
    if fortsat:
        return True, f"Fyldt {ag.alder} år; omfattet, fordi udgiften måneden før oversteg 1/12 af grænsen."
    if not ag.fortsaetter:
        return False, (
            f"Fyldt {ag.alder} år den {ag.dag.day}.{ag.dag.month}.{ag.dag.year}; efter de regler, der "
            f"gjaldt da, er personer på {ag.alder} år og derover ikke omfattet."
        )
    return False, (
        f"Fyldt {ag.alder} år; udgiften i den sidste måned forud oversteg ikke 1/12 af grænsen, så personen "
        "var ikke omfattet før og er det ikke nu."
    )


def _fortsat_efter_67(
    g: Refusionsgrundlag,
    s: Sagsgruppe,
    netto: dict[str, dict[int, Decimal]],
    bog: Regelbog,
    spor: Spor,
    noegler: Noegler,
) -> bool | None:
    """For a citizen who reaches the age limit by the claim's last month under the single scheme:
    was the cost in the last month before it above 1/12 of the first threshold (refusion order
    § 6, stk. 2)? None when the question does not arise."""
    b = s.borgere[0]
    ag = aldersgraense(b.foedselsdato, bog, g.region, date(g.aar, g.sidste_maaned, 1))
    if maaned_nr(g.aar, g.sidste_maaned) < ag.foerste_maaned_over or not ag.fortsaetter:
        return None
    t_aar, t_maaned = fra_maaned_nr(ag.testmaaned)
    n = noegler(b.noegle)
    indgang: Indgang
    if t_aar == g.aar:
        indgang = _borgerindgang(spor, n, t_maaned)
        if b.udgift_sidste_maaned_foer_67 is not None:
            raise ValueError(
                f"{b.noegle}: udgift_sidste_maaned_foer_67 bruges kun, når måneden ligger før {g.aar}; "
                f"{maanedsnavn(t_aar, t_maaned)} regnes ud af årets måneder"
            )
    elif b.udgift_sidste_maaned_foer_67 is None:
        raise ValueError(
            f"{b.noegle} fylder {ag.alder} år den {ag.dag.isoformat()}; angiv udgift_sidste_maaned_foer_67 "
            f"(udgiften i {maanedsnavn(t_aar, t_maaned)}), så det kan afgøres, om personen fortsat "
            "er omfattet"
        )
    else:
        indgang = Indgang(b.udgift_sidste_maaned_foer_67)
    mr = maanedsregler(Regler(bog, g.region, date(t_aar, t_maaned, 1)), b.ordning)
    foerste = mr.trin[0]
    graense = mr.maanedsgraense(foerste)
    udgift = Decimal(indgang.vaerdi)
    fortsat = udgift > graense
    spor.tilfoej(
        f"sag.{s.noegle}.fortsat_efter_67",
        f"Omfattet umiddelbart før det fyldte {ag.alder}. år ({s.navn})",
        f"udgiften i {maanedsnavn(t_aar, t_maaned)} > 1/12 af grænsen for {foerste.sats_navn} % refusion",
        "ja" if fortsat else "nej",
        "",
        {
            f"udgift {maanedsnavn(t_aar, t_maaned)}": indgang,
            "1/12 af grænsen": graense,
            f"fylder {ag.alder}": ag.dag.isoformat(),
        },
        [ag.alder_ref, ag.maaned_ref, ag.ordning_ref, foerste.graense_ref, mr.afrunding_ref],
        bemaerkning=f"{dansk_tal(udgift, 2)} kr. {'>' if fortsat else '≤'} {dansk_tal(graense, 2)} kr. "
        "(serviceloven § 176, stk. 3, og refusionsbekendtgørelsen § 6).",
    )
    return fortsat
