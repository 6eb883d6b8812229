"""The form of a supervision year's budget inputs: tasks × hours (or staff years), the average
wage, the other costs, the objective financing when the tasks do not split the budget, earlier
years' surplus/deficit and other units' published rates. Lists are typed one item a line,
fields separated by semicolons; a bad line is refused with its number. The form carries the
version of the year's record and the values the user saw (`faelles.samtidighed`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.beregning.socialtilsyn import GRUPPER, Omraade, Taksttype
from socialstyring.io.tal import Talfejl, laes_tal
from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr, ingen_styretegn
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt

FELTER = (
    "opgaver",
    "aarsvaerk",
    "gennemsnitsloen",
    "udgifter",
    "objektiv_finansiering",
    "regulering_objektiv",
    "regulering_takster",
    "andre_enheder",
    "bemaerkning",
)
"""The fields a save may write (the year is the URL's)."""

MAKS_LINJER = 100
MAKS_BELOEB = Decimal(10_000_000_000)
OMRAADER = {o.value: o for o in Omraade}
NOEGLER = [f"{t.value}.{g}" for t in Taksttype for g in GRUPPER]


def _tal(nr: int, tekst: str, hvad: str, maks: Decimal = MAKS_BELOEB, decimaler: int = 2) -> Decimal:
    try:
        v = laes_tal(tekst)
    except (Talfejl, InvalidOperation) as fejl:
        raise ValidationError(f"Linje {nr}: {hvad}: {fejl}.") from None
    if not 0 <= v <= maks or v.as_tuple().exponent < -decimaler:  # type: ignore[operator]
        raise ValidationError(
            f"Linje {nr}: {hvad} skal være mellem 0 og {dansk_tal(maks, 0)} med højst {decimaler} decimaler."
        )
    return v


def _tekst(v: Decimal) -> str:
    return format(v.normalize(), "f")


def _navn(nr: int, navn: str) -> str:
    if not navn or len(navn) > 200:
        raise ValidationError(f"Linje {nr}: navnet skal have 1–200 tegn.")
    ingen_cpr(navn)
    ingen_styretegn(navn)
    return navn


def _opgave(nr: int, d: list[str]) -> dict[str, Any]:
    if len(d) != 4 or d[1].lower() not in ("tilbud", "plejefamilier"):
        raise ValidationError(f"Linje {nr}: skriv navn; tilbud eller plejefamilier; antal; timer pr. stk.")
    return {
        "navn": _navn(nr, d[0]),
        "omraade": d[1].lower(),
        "antal": _tekst(_tal(nr, d[2], "antal", Decimal(1_000_000))),
        "timer_pr_stk": _tekst(_tal(nr, d[3], "timer pr. stk.", Decimal(100_000))),
    }


def _udgift(nr: int, d: list[str]) -> dict[str, Any]:
    if len(d) not in (2, 3) or (len(d) == 3 and d[2].lower() not in OMRAADER):
        raise ValidationError(f"Linje {nr}: skriv navn; beløb og evt. tilbud, plejefamilier eller faelles.")
    return {
        "navn": _navn(nr, d[0]),
        "beloeb": _tekst(_tal(nr, d[1], "beløbet")),
        "omraade": d[2].lower() if len(d) == 3 else "faelles",
    }


def _anden(nr: int, d: list[str]) -> dict[str, Any]:
    if len(d) not in (3, 4) or d[1] not in NOEGLER or (len(d) == 4 and d[3].lower() != "gennemsnit"):
        raise ValidationError(
            f"Linje {nr}: skriv tilsynets navn; takst (fx tilsyn.1_7); beløb og evt. gennemsnit."
        )
    return {
        "navn": _navn(nr, d[0]),
        "noegle": d[1],
        "beloeb": _tekst(_tal(nr, d[2], "beløbet")),
        "gennemsnit": len(d) == 4,
    }


class Linjefelt(Tekstfelt):
    """A list typed one item a line (`laes` reads a line's fields, `vis` writes them back)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(
        self,
        laes: Callable[[int, list[str]], dict[str, Any]],
        vis: Callable[[dict[str, Any]], Sequence[str]],
        **kw: Any,
    ) -> None:
        super().__init__(required=False, **kw)
        self.laes, self.vis = laes, vis

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join("; ".join(self.vis(x)) for x in value)
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        tekst = super().to_python(value) or ""
        ingen_styretegn(tekst)  # before the lines are split (splitlines breaks at some of them too)
        linjer = [(nr, x.strip()) for nr, x in enumerate(tekst.splitlines(), 1)]
        linjer = [(nr, x) for nr, x in linjer if x]
        if len(linjer) > MAKS_LINJER:
            raise ValidationError(f"Højst {MAKS_LINJER} linjer (der er {len(linjer)}).")
        return [self.laes(nr, [d.strip() for d in x.split(";")]) for nr, x in linjer]

    def validate(self, value: Any) -> None:
        pass  # every line was checked by to_python; an empty list is none

    def run_validators(self, value: Any) -> None:
        pass  # names were checked (CPR numbers, control characters) line by line


def _d(v: Any) -> str:
    return dansk_tal(Decimal(v))


def _beloeb(label: str, minimum: int = 0, help_text: str = "") -> DanskDecimalField:
    return DanskDecimalField(
        label=label,
        required=False,
        min_value=minimum,
        max_value=MAKS_BELOEB,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
    )


class AarForm(forms.Form):
    """One year's budget inputs of a supervision unit."""

    version = versionsfelt()
    opgaver = Linjefelt(
        _opgave,
        lambda o: (o["navn"], o["omraade"], _d(o["antal"]), _d(o["timer_pr_stk"])),
        label="Opgaver",
        help_text="Én opgave pr. linje: navn; tilbud eller plejefamilier; antal; timer pr. stk. "
        "(fx Tilsyn med plejefamilier; plejefamilier; 1.200; 14). Opgaverne deler budgettet efter timerne.",
    )
    aarsvaerk = DanskDecimalField(
        label="Årsværk",
        required=False,
        min_value=0,
        max_value=100_000,
        max_digits=8,
        decimal_places=2,
        help_text="Tomt: regnes af opgavernes timer. Udfyldt: bruges i stedet.",
    )
    gennemsnitsloen = DanskDecimalField(
        label="Gennemsnitsløn pr. årsværk, kr.",
        min_value=0,
        max_value=MAKS_BELOEB,
        max_digits=14,
        decimal_places=2,
    )
    udgifter = Linjefelt(
        _udgift,
        lambda u: (u["navn"], _d(u["beloeb"]), u["omraade"]),
        label="Øvrige udgifter",
        help_text="Én udgift pr. linje: navn; beløb og evt. tilbud, plejefamilier eller faelles "
        "(fx Husleje; 1.100.000). Husleje, it, kontorhold, kurser mv.",
    )
    objektiv_finansiering = _beloeb(
        "Objektiv finansiering, kr.", help_text="Tomt: opgaverne deler budgettet. Udfyldt: bruges i stedet."
    )
    regulering_objektiv = _beloeb(
        "Tidligere års underskud (+) / overskud (−), objektiv finansiering, kr.", -10_000_000_000
    )
    regulering_takster = _beloeb("Tidligere års underskud (+) / overskud (−), takster, kr.", -10_000_000_000)
    andre_enheder = Linjefelt(
        _anden,
        lambda a: (a["navn"], a["noegle"], _d(a["beloeb"]), *(("gennemsnit",) if a["gennemsnit"] else ())),
        label="Andre socialtilsyns takster",
        help_text="Én takst pr. linje: tilsynets navn; takst; beløb og evt. gennemsnit, fx "
        "Socialtilsyn Nord; tilsyn.1_7; 33.000. Takster: " + ", ".join(NOEGLER) + ".",
    )
    bemaerkning = Tekstfelt(
        label="Bemærkning",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[ingen_cpr],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        med_versioner(self)

    def clean_regulering_objektiv(self) -> Decimal:
        return self.cleaned_data.get("regulering_objektiv") or Decimal(0)

    def clean_regulering_takster(self) -> Decimal:
        return self.cleaned_data.get("regulering_takster") or Decimal(0)
