"""The forms of a forecast: a new forecast (the area and the base year), and the forecast's
inputs — the known citizens (one a line), and per year the frame, initiatives, reimbursement,
price development and the expected new citizens with their uncertainty. They carry the
forecast's version and the values the user saw (`faelles.samtidighed`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.io.tal import Talfejl, laes_tal
from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr, ingen_styretegn
from socialstyring.web.faelles.samtidighed import med_versioner, versionsfelt
from socialstyring.web.register.models import MAKS_AAR, MIN_AAR

HOVED = ("navn", "beskrivelse", "basisaar", "afgang_pct", "seed")
"""The forecast's own fields."""

AARSFELTER: tuple[tuple[str, str, bool], ...] = (
    ("ramme", "Budgetramme, kr.", True),
    ("initiativer", "Initiativernes effekt, kr.", False),
    ("refusion", "Refusionsindtægt, kr.", False),
    ("pl_pct", "Pris- og lønudvikling, %", False),
    ("nye_antal", "Forventede nye borgere", True),
    ("nye_antal_sd", "Spredning på antallet", False),
    ("nye_gennemsnit", "Gennemsnitlig årlig udgift pr. ny borger, kr.", True),
    ("nye_gennemsnit_sd", "Spredning på udgiften pr. ny borger, kr.", True),
)
"""A year's fields: name, text, required (an empty optional field: see `models.Prognoseaar`)."""

MAKS_BORGERE = 2000


def aarsfelt(i: int, felt: str) -> str:
    """The form field of year number `i` (1: the base year + 1): `a1_ramme`."""
    return f"a{i}_{felt}"


class Borgerfelt(Tekstfelt):
    """The known citizens, one a line: "pseudonym; årlig udgift; ophører" (the end day
    dd.mm.åååå, or nothing), e.g. "R-V03; 650.000; 26.05.2019". The value is a list of
    {"pseudonym", "aarlig_udgift" (text, exact), "ophoerer" (ISO date or None)}."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(
                "; ".join(
                    [b["pseudonym"], dansk_tal(Decimal(b["aarlig_udgift"]))]
                    + ([date.fromisoformat(b["ophoerer"]).strftime("%d.%m.%Y")] if b["ophoerer"] else [])
                )
                for b in value
            )
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        tekst = super().to_python(value) or ""
        ingen_styretegn(tekst)  # before the lines are split (splitlines breaks at some of them too)
        linjer = [(nr, x.strip()) for nr, x in enumerate(tekst.splitlines(), 1) if x.strip()]
        if len(linjer) > MAKS_BORGERE:
            raise ValidationError(f"Højst {MAKS_BORGERE} borgere (der er {len(linjer)}).")
        ud = [_borger(nr, linje) for nr, linje in linjer]
        navne = [b["pseudonym"] for b in ud]
        if dobbelt := sorted({n for n in navne if navne.count(n) > 1}):
            raise ValidationError(
                f"Hver borger skal have sit eget pseudonym: {', '.join(dobbelt)} står flere gange."
            )
        return sorted(ud, key=lambda b: str(b["pseudonym"]))

    def validate(self, value: Any) -> None:
        pass  # every line was checked by to_python; an empty list is no known citizens

    def run_validators(self, value: Any) -> None:
        for b in value:
            super().run_validators(b["pseudonym"])


def _borger(nr: int, linje: str) -> dict[str, Any]:
    dele = [d.strip() for d in linje.split(";")]
    if len(dele) not in (2, 3) or not dele[0]:
        raise ValidationError(
            f"Linje {nr}: skriv pseudonym; årlig udgift; ophørsdato (kan udelades), adskilt af semikolon "
            f"(der står: {linje[:80]})."
        )
    if len(dele[0]) > 60:
        raise ValidationError(f"Linje {nr}: pseudonymet må højst have 60 tegn.")
    ingen_cpr(dele[0])
    try:
        udgift = laes_tal(dele[1])
    except (Talfejl, InvalidOperation) as fejl:
        raise ValidationError(f"Linje {nr}: {fejl}.") from None
    if not 0 <= udgift <= 10_000_000_000 or udgift.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError(
            f"Linje {nr}: den årlige udgift skal være mellem 0 og 10 mia. kr. med højst to decimaler."
        )
    ophoerer = None
    if len(dele) == 3 and dele[2]:
        try:
            d = date.fromisoformat(dele[2]) if "-" in dele[2] else _dansk_dato(dele[2])
        except ValueError:
            raise ValidationError(
                f"Linje {nr}: skriv ophørsdatoen som dd.mm.åååå (der står: {dele[2][:20]})."
            ) from None
        if not MIN_AAR <= d.year <= MAKS_AAR:
            raise ValidationError(f"Linje {nr}: ophørsdatoen skal ligge mellem {MIN_AAR} og {MAKS_AAR}.")
        ophoerer = d.isoformat()
    return {"pseudonym": dele[0], "aarlig_udgift": format(udgift.normalize(), "f"), "ophoerer": ophoerer}


def _dansk_dato(tekst: str) -> date:
    dag, maaned, aar = (int(x) for x in tekst.split("."))
    return date(aar, maaned, dag)


def _tal(
    label: str, mindst: int, maks: int, required: bool = False, help_text: str = ""
) -> DanskDecimalField:
    return DanskDecimalField(
        label=label, required=required, min_value=mindst, max_value=maks, max_digits=14, decimal_places=2,
        help_text=help_text,
    )  # fmt: skip


class NyForm(forms.Form):
    """A new forecast: the area and the base year (the years' figures come after)."""

    navn = Tekstfelt(
        label="Område",
        max_length=120,
        validators=[ingen_cpr],
        help_text="Fx Voksne med handicap, SEL §§ 85, 107, 108.",
    )
    basisaar = forms.IntegerField(
        label="Basisår",
        min_value=MIN_AAR,
        max_value=MAKS_AAR - 10,
        help_text="Året, de kendte borgeres udgifter gælder; prognosen dækker de følgende år.",
    )


class PrognoseForm(forms.Form):
    """The forecast's inputs (see the module); `aarene` are the forecast years, in order."""

    version = versionsfelt()
    navn = NyForm.base_fields["navn"]
    beskrivelse = Tekstfelt(label="Beskrivelse", max_length=2000, required=False, validators=[ingen_cpr],
                            widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    basisaar = NyForm.base_fields["basisaar"]
    afgang_pct = _tal(
        "Afgangssandsynlighed pr. år, %",
        0,
        100,
        True,
        "Sandsynligheden for, at en kendt borger uden ophørsdato ophører i løbet af et år.",
    )
    seed = forms.IntegerField(label="Startværdi for simuleringen (seed)", min_value=0, max_value=2**31 - 1,
                              help_text="Samme startværdi giver samme bånd.")  # fmt: skip
    kendte = Borgerfelt(
        label="Kendte borgere",
        required=False,
        help_text="Én borger pr. linje: pseudonym; årlig udgift i basisårets priser; ophørsdato "
        "(kan udelades), fx R-V03; 650.000; 26.05.2019. Aldrig CPR-nummer.",
    )

    def __init__(self, *args: Any, aarene: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.aarene = aarene
        for i, aar in enumerate(aarene, 1):
            for felt, tekst, kraevet in AARSFELTER:
                maks = (
                    100 if felt == "pl_pct" else 100_000 if felt.startswith("nye_antal") else 10_000_000_000
                )
                self.fields[aarsfelt(i, felt)] = _tal(
                    f"{tekst} {aar}", -100 if felt == "pl_pct" else 0, maks, kraevet
                )
        med_versioner(self)

    def aarsraekker(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The year fields as a table's rows: (text, one bound field a year)."""
        return [
            (tekst, [self[aarsfelt(i, felt)] for i in range(1, len(self.aarene) + 1)])
            for felt, tekst, _ in AARSFELTER
        ]
