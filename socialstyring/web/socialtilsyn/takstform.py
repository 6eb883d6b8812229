"""The form of a supervision year's rate basis (`gemt.Takstgrundlag`): the base rates per rate
type, the 50+ add-on, the offers to rate, the municipalities that finance the unit, the figures
the unit published and last year's figures. Lists are typed one item a line, fields separated
by semicolons, as on the budget form (`forms.Linjefelt`); each line is read into the engine's
own input type (`Grundtakst`, `Tilbud`, …) and a bad line is refused with its number.
`til_felter` turns a stored basis into the form's values, `takstgrundlag` the values back."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.socialtilsyn import (
    GRUPPENAVNE,
    GRUPPER,
    Forrige,
    Grundtakst,
    Offentliggjort,
    Taksttype,
    Tilbud,
)
from socialstyring.web.faelles.felter import Tekstfelt, ingen_cpr
from socialstyring.web.faelles.motorfejl import pydantic_tekst
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.socialtilsyn.forms import Linjefelt, _beloeb, _d, _navn, _tal
from socialstyring.web.socialtilsyn.gemt import Takstgrundlag

T = TypeVar("T")
TAKSTTYPER = {t.value: t for t in Taksttype}
SKAERPET = "skaerpet"
MAKS_ANTAL = Decimal(1_000_000)
UDELADT = ("", "-", "–")
"""A published amount that is not given (the seed prints '-')."""


def _linje(nr: int, lav: Callable[[], T]) -> T:
    """Build a line's engine object; its own (Danish) refusal, and a name's, named by the line."""
    try:
        return lav()
    except PydanticValidationError as fejl:
        raise ValidationError(f"Linje {nr}: {pydantic_tekst(fejl)}.") from None
    except ValidationError as fejl:
        tekst = str(fejl.messages[0])
        raise ValidationError(tekst if tekst.startswith("Linje") else f"Linje {nr}: {tekst}") from None


def _grundtakst(nr: int, d: list[str]) -> dict[str, Any]:
    if len(d) not in (2, 6) or d[0].lower() not in TAKSTTYPER:
        raise ValidationError(
            f"Linje {nr}: skriv taksttype; grundtakst (fx tilsyn; 33.794,67) eller taksttype; budget; "
            "antal tilbud med 1–7; 8–24; 25–49 og 50+ pladser."
        )
    t = TAKSTTYPER[d[0].lower()]
    if len(d) == 2:
        g = _tal(nr, d[1], "grundtaksten")
        if not g:
            raise ValidationError(f"Linje {nr}: grundtaksten skal være over 0.")
        return Grundtakst(taksttype=t, grundtakst=g).model_dump()
    budget = _tal(nr, d[1], "budgettet")
    antal = [
        _tal(nr, x, f"antal, {GRUPPENAVNE[gr]}", MAKS_ANTAL) for x, gr in zip(d[2:], GRUPPER, strict=True)
    ]
    return _linje(
        nr, lambda: Grundtakst(taksttype=t, budget=budget, antal_pr_gruppe=tuple(antal))
    ).model_dump()


def _vis_grundtakst(g: dict[str, Any]) -> tuple[str, ...]:
    if g["grundtakst"] is not None:
        return (str(g["taksttype"]), _d(g["grundtakst"]))
    return (str(g["taksttype"]), _d(g["budget"]), *map(_d, g["antal_pr_gruppe"]))


def _dato(nr: int, tekst: str, hvad: str) -> date:
    for moenster in ("%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(tekst, moenster).date()
        except ValueError:
            continue
    raise ValidationError(f"Linje {nr}: {hvad}: skriv en dato som 15-01-2019.")


def _tilbud(nr: int, d: list[str]) -> dict[str, Any]:
    if len(d) not in (3, 4, 6) or d[1].lower() not in ("pladser", "borgere"):
        raise ValidationError(
            f"Linje {nr}: skriv navn; pladser eller borgere (§§ 101, 101 a: forventede borgere pr. år); "
            "antal og evt. ekstra timer; skærpet tilsyn fra; til."
        )
    antal = _tal(nr, d[2], "antal", MAKS_ANTAL)
    ekstra = _tal(nr, d[3], "ekstra timer", Decimal(100_000)) if len(d) > 3 and d[3] else Decimal(0)
    fra = til = None
    if len(d) == 6 and (d[4] or d[5]):
        fra, til = _dato(nr, d[4], "skærpet tilsyn fra"), _dato(nr, d[5], "skærpet tilsyn til")
    pladser = d[1].lower() == "pladser"
    return _linje(
        nr,
        lambda: Tilbud(
            navn=_navn(nr, d[0]),
            pladser=antal if pladser else None,
            borgere_pr_aar=None if pladser else antal,
            skaerpet_fra=fra,
            skaerpet_til=til,
            ekstra_timer=ekstra,
        ),
    ).model_dump()


def _vis_tilbud(o: dict[str, Any]) -> tuple[str, ...]:
    pladser = o["pladser"] is not None
    ud = [
        o["navn"],
        "pladser" if pladser else "borgere",
        _d(o["pladser"] if pladser else o["borgere_pr_aar"]),
    ]
    if o["ekstra_timer"] or o["skaerpet_fra"]:
        ud.append(_d(o["ekstra_timer"]) if o["ekstra_timer"] else "")
    if o["skaerpet_fra"]:
        ud += [f"{o['skaerpet_fra']:%d-%m-%Y}", f"{o['skaerpet_til']:%d-%m-%Y}"]
    return tuple(ud)


def _takster(tilladte: tuple[str, ...]) -> Callable[[int, list[str]], dict[str, Any]]:
    """A line of published rates: its type and the four size groups' amounts ('-': not given)."""

    def laes(nr: int, d: list[str]) -> dict[str, Any]:
        if len(d) != 5 or d[0].lower() not in tilladte:
            raise ValidationError(
                f"Linje {nr}: skriv {' eller '.join(tilladte)}; beløbene for 1–7; 8–24; 25–49 og 50+ pladser "
                "(et beløb, der ikke er offentliggjort: -)."
            )
        v = {
            gr: None if x in UDELADT else _tal(nr, x, f"beløbet for {GRUPPENAVNE[gr]}")
            for gr, x in zip(GRUPPER, d[1:], strict=True)
        }
        if all(x is None for x in v.values()):
            raise ValidationError(f"Linje {nr}: skriv mindst ét beløb.")
        return {"taksttype": d[0].lower(), **v}

    return laes


def _vis_takster(r: dict[str, Any]) -> tuple[str, ...]:
    return (r["taksttype"], *("-" if r[gr] is None else _d(r[gr]) for gr in GRUPPER))


class Unikfelt(Linjefelt):
    """A list where a line's `noegle` may appear once (refused with both lines' numbers)."""

    def __init__(self, noegle: str, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.noegle = noegle

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        raekker = super().to_python(value)
        if isinstance(value, list):
            return raekker
        tekst = forms.CharField.to_python(self, value) or ""  # as Linjefelt numbers the lines
        numre = [nr for nr, x in enumerate(tekst.splitlines(), 1) if x.strip()]
        set_: dict[str, int] = {}
        for nr, r in zip(numre, raekker, strict=True):
            k = str(r[self.noegle])
            if k.lower() in set_:
                raise ValidationError(f"Linje {nr}: {k} står også i linje {set_[k.lower()]}.")
            set_[k.lower()] = nr
        return raekker


def _kommunefelt(label: str, beloeb: bool, help_text: str) -> Unikfelt:
    def laes(nr: int, d: list[str]) -> dict[str, Any]:
        if len(d) != (2 if beloeb else 1):
            raise ValidationError(f"Linje {nr}: skriv " + ("kommune; beløb." if beloeb else "én kommune."))
        r: dict[str, Any] = {"navn": _linje(nr, lambda: _navn(nr, d[0]))}
        if beloeb:
            r["beloeb"] = _tal(nr, d[1], "beløbet")
        return r

    return Unikfelt(
        "navn",
        laes,
        lambda r: (r["navn"], _d(r["beloeb"])) if beloeb else (r["navn"],),
        label=label,
        help_text=help_text,
    )


OFF_TAL = (
    "off_driftsbudget",
    "off_overhead",
    "off_udgifter_i_alt",
    "off_objektiv_finansiering",
    "off_takstfinansiering",
    "off_praecision",
    "off_objektiv_total",
)
FORRIGE_TAL = ("forrige_objektiv_finansiering", "forrige_udgifter_i_alt")
KOMMUNEFELTER = ("kommuner", "off_kommuner")


class TakstgrundlagForm(forms.Form):
    """A supervision year's rate basis, offers, municipalities, published and last year's figures."""

    version = versionsfelt()
    grundtakster = Unikfelt(
        "taksttype",
        _grundtakst,
        _vis_grundtakst,
        label="Grundtakster",
        help_text="Én taksttype pr. linje (tilsyn, ny_godkendelse eller vaesentlig_aendring): enten den "
        "uafrundede grundtakst for 1–7 pladser (fx tilsyn; 33.794,67) eller budgettet og antal tilbud i "
        "hver gruppe (fx tilsyn; 20.000.000; 300; 150; 40; 10): grundtakst = budget ÷ Σ antal × vægt.",
    )
    tillaeg_50_plus_pr_tilbud = _beloeb(
        "Tillæg i tilsynstaksten for 50+ pladser, kr. pr. tilbud", help_text="Udfyld dette eller budgettet."
    )
    tillaeg_50_plus_budget = _beloeb(
        "Tillæg for 50+ pladser, budget i alt, kr.",
        help_text="Deles på antal tilbud med 50+ pladser i tilsynets grundlag.",
    )
    tilbud = Unikfelt(
        "navn",
        _tilbud,
        _vis_tilbud,
        label="Tilbud",
        help_text="Ét tilbud pr. linje: navn; pladser eller borgere (§§ 101, 101 a: forventede borgere pr. "
        "år); antal og evt. ekstra timer; skærpet tilsyn fra; til, fx Bostedet Lærken; pladser; 12; ; "
        "15-01-2019; 14-03-2019.",
    )
    kommuner = _kommunefelt(
        "Kommuner, der betaler den objektive finansiering",
        False,
        "Én kommune pr. linje, som i registret (fx Randers). Tomt: de offentliggjorte rækkers kommuner, "
        "ellers alle aftalens kommuner.",
    )
    off_kilde = Tekstfelt(
        label="Kilde til de offentliggjorte tal",
        max_length=300,
        required=False,
        validators=[ingen_cpr],
        help_text="Dokument, side eller tabel, fx Socialtilsyn Midt, notat vedr. takster 2019, afsnit 6.",
    )
    off_takster = Unikfelt(
        "taksttype",
        _takster((*TAKSTTYPER, SKAERPET)),
        _vis_takster,
        label="Offentliggjorte takster",
        help_text="Én linje pr. taksttype (tilsyn, ny_godkendelse, vaesentlig_aendring eller skaerpet for "
        "skærpet tilsyn pr. måned): beløbene for 1–7; 8–24; 25–49; 50+ pladser, fx tilsyn; 33.795; "
        "40.554; 67.589; 150.210.",
    )
    off_driftsbudget = _beloeb("Offentliggjort driftsbudget, kr.")
    off_overhead = _beloeb("Offentliggjort overhead, kr.")
    off_udgifter_i_alt = _beloeb("Offentliggjorte udgifter i alt, kr.")
    off_objektiv_finansiering = _beloeb("Offentliggjort objektiv finansiering, kr.")
    off_takstfinansiering = _beloeb("Offentliggjort takstfinansiering, kr.")
    off_praecision = _beloeb(
        "Trykt afrunding af budgettallene, kr.",
        help_text="Fx 100.000, når tallene er trykt i mio. kr. med én decimal.",
    )
    off_kommuner = _kommunefelt(
        "Offentliggjort objektiv finansiering pr. kommune",
        True,
        "Én kommune pr. linje: kommune; beløb, fx Favrskov; 1.225.027.",
    )
    off_objektiv_total = _beloeb("Offentliggjort objektiv finansiering, total for kommunerne, kr.")
    forrige_takster = Unikfelt(
        "taksttype",
        _takster(tuple(TAKSTTYPER)),
        _vis_takster,
        label="Takster sidste år",
        help_text="Som de offentliggjorte takster (uden skærpet tilsyn), i sidste års priser. Bruges til "
        "udviklingen i faste priser.",
    )
    forrige_objektiv_finansiering = _beloeb("Objektiv finansiering sidste år, kr.")
    forrige_udgifter_i_alt = _beloeb("Udgifter i alt sidste år, kr.")

    def __init__(self, *args: Any, aar: int, kendte_kommuner: Collection[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.aar = aar
        kendte = {k.lower(): k for k in kendte_kommuner}
        for navn in KOMMUNEFELTER:
            felt = self.fields[navn]
            assert isinstance(felt, Linjefelt)
            felt.laes = _kendt(felt.laes, kendte)
        for navn, label in (
            ("forrige_takster", "Takster"),
            ("forrige_objektiv_finansiering", "Objektiv finansiering"),
            ("forrige_udgifter_i_alt", "Udgifter i alt"),
        ):
            self.fields[navn].label = f"{label} {aar - 1}" + ("" if navn == "forrige_takster" else ", kr.")
        for navn, felt in self.fields.items():
            if isinstance(felt, Linjefelt):  # wide enough for a line of rates; max-width keeps phones
                felt.widget.attrs.update(cols="80", rows="10" if navn == "off_kommuner" else "5")
        med_versioner(self)

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if d.get("tillaeg_50_plus_pr_tilbud") is not None and d.get("tillaeg_50_plus_budget") is not None:
            self.add_error(
                "tillaeg_50_plus_budget",
                "Angiv tillægget for 50+ enten pr. tilbud eller som budget, ikke begge.",
            )
        kilde = (d.get("off_kilde") or "").strip()
        tal = [d.get(n) for n in OFF_TAL] + [d.get("off_takster"), d.get("off_kommuner")]
        if "off_kilde" in d and (kilde or any(v not in (None, []) for v in tal)) and len(kilde) < 3:
            self.add_error("off_kilde", "Skriv, hvor de offentliggjorte tal stammer fra (mindst 3 tegn).")
        return d


def _kendt(
    laes: Callable[[int, list[str]], dict[str, Any]], kendte: dict[str, str]
) -> Callable[[int, list[str]], dict[str, Any]]:
    """`laes`, refusing a municipality the register does not know (after the name's own checks)
    and writing a known one as the register does (`kendte`: lower case → the register's name)."""

    def ny(nr: int, d: list[str]) -> dict[str, Any]:
        r = laes(nr, d)
        if r["navn"].lower() not in kendte:
            raise ValidationError(f"Linje {nr}: kommunen »{r['navn']}« findes ikke i registret.")
        return {**r, "navn": kendte[r["navn"].lower()]}

    return ny


FELTER = tuple(n for n in TakstgrundlagForm.base_fields if n != "version")
"""The fields a save may write."""

AFSNIT = (
    ("Takstgrundlag", ("grundtakster", "tillaeg_50_plus_pr_tilbud", "tillaeg_50_plus_budget")),
    ("Tilbud", ("tilbud",)),
    ("Kommuner", ("kommuner",)),
    ("Offentliggjorte tal", ("off_kilde", "off_takster", *OFF_TAL[:-2], "off_kommuner", *OFF_TAL[-2:])),
    ("Sidste år", ("forrige_takster", *FORRIGE_TAL)),
)
"""The form's sections on the page: legend, fields."""


def _raekker(
    takster: dict[Taksttype, dict[str, Decimal]], skaerpet: dict[str, Decimal]
) -> list[dict[str, Any]]:
    rk = [{"taksttype": t.value, **{gr: r.get(gr) for gr in GRUPPER}} for t, r in takster.items()]
    return rk + ([{"taksttype": SKAERPET, **{gr: skaerpet.get(gr) for gr in GRUPPER}}] if skaerpet else [])


def til_felter(t: Takstgrundlag) -> dict[str, Any]:
    """The stored basis as the form's values (what `TakstgrundlagForm` cleans to)."""
    o, f = t.offentliggjort, t.forrige
    return {
        "grundtakster": [g.model_dump() for g in t.grundtakster],
        "tillaeg_50_plus_pr_tilbud": t.tillaeg_50_plus_pr_tilbud,
        "tillaeg_50_plus_budget": t.tillaeg_50_plus_budget,
        "tilbud": [x.model_dump() for x in t.tilbud],
        "kommuner": [{"navn": k} for k in t.kommuner],
        "off_kilde": o.kilde if o else "",
        "off_takster": _raekker(o.takster, o.skaerpet) if o else [],
        **{n: getattr(o, n.removeprefix("off_"), None) if o else None for n in OFF_TAL},
        "off_praecision": (o.praecision or None) if o else None,
        "off_kommuner": [{"navn": k, "beloeb": v} for k, v in o.objektiv_pr_kommune.items()] if o else [],
        "forrige_takster": _raekker(f.takster, {}) if f else [],
        **{n: getattr(f, n.removeprefix("forrige_"), None) if f else None for n in FORRIGE_TAL},
    }


def _som_takster(raekker: list[dict[str, Any]]) -> dict[str, dict[str, Decimal]]:
    return {r["taksttype"]: {gr: r[gr] for gr in GRUPPER if r[gr] is not None} for r in raekker}


def takstgrundlag(v: dict[str, Any], aar: int) -> Takstgrundlag:
    """The form's values (`til_felter`'s shape) as the basis to store (pydantic's
    ValidationError if the engine's types refuse them together)."""
    off = _som_takster(v["off_takster"])
    skaerpet = off.pop(SKAERPET, {})
    o = None
    if v["off_kilde"] or any(v[n] not in (None, []) for n in (*OFF_TAL, "off_takster", "off_kommuner")):
        o = Offentliggjort(
            kilde=v["off_kilde"],
            takster=off,
            skaerpet=skaerpet,
            **{n.removeprefix("off_"): v[n] for n in OFF_TAL if n != "off_praecision"},
            praecision=v["off_praecision"] or Decimal(0),
            objektiv_pr_kommune={r["navn"]: r["beloeb"] for r in v["off_kommuner"]},
        )
    f = None
    if any(v[n] not in (None, []) for n in ("forrige_takster", *FORRIGE_TAL)):
        f = Forrige(
            aar=aar - 1,
            takster=_som_takster(v["forrige_takster"]),
            **{n.removeprefix("forrige_"): v[n] for n in FORRIGE_TAL},
        )
    return Takstgrundlag(
        grundtakster=tuple(Grundtakst(**g) for g in v["grundtakster"]),
        tillaeg_50_plus_pr_tilbud=v["tillaeg_50_plus_pr_tilbud"],
        tillaeg_50_plus_budget=v["tillaeg_50_plus_budget"],
        tilbud=tuple(Tilbud(**x) for x in v["tilbud"]),
        kommuner=tuple(k["navn"] for k in v["kommuner"]),
        offentliggjort=o,
        forrige=f,
    )
