"""When: the earliest date a change may take effect under the agreement's rule, and for a
closure the end of its notice period."""

from __future__ import annotations

from datetime import date

from socialstyring.beregning.aendring.grundlag import AendringFejl, Aendringsgrundlag, er_lukning
from socialstyring.beregning.aendring.regelopslag import tekst_hvis_fastsat
from socialstyring.beregning.kerne.kalender import varslets_forklaring, varslets_udloeb
from socialstyring.beregning.kerne.regelbrug import Regler, reference
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.regler import Varsel

_VIRKNING_TEKST = {"beslutningsdato": "beslutningsdatoen", "aarets_start": "årets start"}


def tidligste_ikrafttraedelse(
    g: Aendringsgrundlag, regler: Regler, spor: Spor, advarsler: list[str]
) -> tuple[date, date | None, str]:
    """The earliest allowed effective date, the end of a closure's notice, and the reason in words."""
    navne = (f"aendring.tidligste_virkning_{g.type}", "aendring.tidligste_virkning")
    fundet = next(((n, o) for n in navne if (o := tekst_hvis_fastsat(regler, n)) is not None), None)
    if fundet is None:
        raise AendringFejl(
            f"regelbogen for {g.region} (i kraft {g.beslutningsdato.isoformat()}) har ingen regel for, "
            f"hvornår en ændring i året tidligst kan få virkning ({' eller '.join(navne)})"
        )
    navn, (vaerdi, ref) = fundet
    if vaerdi not in _VIRKNING_TEKST:
        raise AendringFejl(f"{navn}: ukendt værdi '{vaerdi}'; kendte er {', '.join(_VIRKNING_TEKST)}")
    regel_dato = g.beslutningsdato if vaerdi == "beslutningsdato" else date(g.beslutningsdato.year, 1, 1)
    spor.tilfoej(
        "virkning.regel",
        f"Tidligste virkning for {g.type.label.lower()} efter aftalens regel",
        f"{_VIRKNING_TEKST[vaerdi]} (aftalens regel)",
        regel_dato.isoformat(),
        "",
        {"beslutningsdato": g.beslutningsdato.isoformat(), "type": str(g.type)},
        [ref],
    )
    tekst = _VIRKNING_TEKST[vaerdi]
    if not er_lukning(g):
        spor.tilfoej(
            "virkning.tidligste",
            "Tidligst mulige ikrafttrædelse",
            "aftalens regel",
            regel_dato.isoformat(),
            "",
            {"efter reglen": spor.fra("virkning.regel")},
        )
        return regel_dato, None, tekst

    varsel: Varsel | None = None
    if regler.bog.har("varsel.lukning", regler.region):
        try:
            ov = regler.opslag("varsel.lukning")
        except KeyError:
            ov = None
        if ov is not None and isinstance(ov.vaerdi, Varsel):
            varsel = ov.vaerdi
            udloeb = varslets_udloeb(varsel, g.beslutningsdato)
            spor.tilfoej(
                "virkning.varsel",
                "Varslet ved lukning udløber",
                f"{varsel.tekst} fra beslutningsdatoen, til og med",
                udloeb.isoformat(),
                "",
                {"beslutningsdato": g.beslutningsdato.isoformat()},
                [reference(ov)],
                bemaerkning=varslets_forklaring(varsel, g.beslutningsdato, udloeb),
            )
    if varsel is None:
        advarsler.append(
            f"Regelbogen har intet varsel ved lukning (varsel.lukning) for {g.region}; lukningen kan "
            "derfor tidligst få virkning fra beslutningen. Kontrollér rammeaftalens varslingsfrist."
        )
        spor.tilfoej(
            "virkning.tidligste",
            "Tidligst mulige lukningsdag",
            "aftalens regel (intet varsel ved lukning i regelbogen)",
            regel_dato.isoformat(),
            "",
            {"efter reglen": spor.fra("virkning.regel")},
        )
        return regel_dato, None, tekst
    tidligste = max(regel_dato, udloeb)
    spor.tilfoej(
        "virkning.tidligste",
        "Tidligst mulige lukningsdag",
        "den seneste af reglens dato og varslets udløb",
        tidligste.isoformat(),
        "",
        {"efter reglen": spor.fra("virkning.regel"), "varslets udløb": spor.fra("virkning.varsel")},
    )
    return tidligste, udloeb, f"udløbet af varslet ved lukning, {varsel.tekst.lower()}"
