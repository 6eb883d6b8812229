"""Danish formatting of the engine's figures for the templates.

Every number on the pages goes through these filters, and they all call
`socialstyring.beregning.kerne.penge`: 1.234,56 kr., "96,7 %". A value that cannot be shown
exactly at the displayed precision is marked with "≈" rather than silently rounded.

`{% tal noegle vaerdi "kr" "Titel" %}` renders a figure as a button carrying its trace
key (`data-spor`), so the page can show how the figure was computed.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from socialstyring.beregning.kerne.kalender import dansk_dato
from socialstyring.beregning.kerne.penge import dansk_tal, kr
from socialstyring.beregning.kerne.spor import Regelreference, Spor
from socialstyring.beregning.kerne.typer import Aendringstype, Kategori, Pladstype
from socialstyring.io.kilder.kommuner import rammeaftalenavn
from socialstyring.regler import regelbog

register = template.Library()

MAKS_DECIMALER = 2
"""Figures without a money unit are shown with up to this many decimals."""


def _som_tal(v: Any) -> Decimal | int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (Decimal, int)):
        return v
    if isinstance(v, str):
        try:
            return Decimal(v)
        except ArithmeticError:
            return None
    return None


def _afrundet(d: Decimal | int, decimaler: int) -> str:
    """dansk_tal with `decimaler` decimals, marked "≈" when that loses precision."""
    tekst = dansk_tal(d, decimaler)
    if isinstance(d, Decimal) and d != d.quantize(Decimal(1).scaleb(-decimaler)):
        return f"≈ {tekst}"
    return tekst


@register.filter
def kroner(v: Any) -> str:
    """'1.234,56 kr.'"""
    d = _som_tal(v)
    return str(v) if d is None else kr(d)


@register.filter
def beloeb(v: Any) -> str:
    """'1.234,56': an amount in kroner without 'kr.', beside a unit that says it
    ('kr. pr. dag')."""
    d = _som_tal(v)
    return str(v) if d is None else dansk_tal(d, 2)


@register.filter
def tal(v: Any) -> str:
    """A plain number the Danish way, with its own decimals up to MAKS_DECIMALER."""
    d = _som_tal(v)
    if d is None:
        return str(v)
    if isinstance(d, Decimal):
        n = d.normalize()
        eksponent = n.as_tuple().exponent
        decimaler = -eksponent if isinstance(eksponent, int) and eksponent < 0 else 0
        if decimaler > MAKS_DECIMALER:
            return _afrundet(d, MAKS_DECIMALER)
        return dansk_tal(n, decimaler)
    return dansk_tal(d)


@register.filter
def procent(v: Any) -> str:
    """'96,7 %'"""
    return f"{tal(v)} %"


VALGTEKST: dict[str, str] = {
    # the rulebook's choices (`valgmuligheder`)
    "hoering": "høring",
    "orientering": "orientering",
    "meddelelse": "meddelelse",
    "orientering_beroerte": "orientering af berørte tilbud",
    "beslutningsdato": "fra beslutningsdatoen",
    "aarets_start": "fra årets start",
    "krone": "hele kroner",
    "oere": "øre",
    "kalenderdage": "årets kalenderdage",
    "maanedlig": "månedlig",
    "aarlig": "årlig",
    "andel_0_17_aarige": "andelen af 0–17-årige",
    "indbyggertal": "indbyggertal",
    "omkostningsbaseret_budget": "omkostningsbaseret budget",
    "takstberegningsgrundlag": "takstberegningsgrundlaget",
    # the engine's kinds, as the traces name them
    **{k.value: k.label for k in Kategori},
    **{a.value: a.label.lower() for a in Aendringstype},
    **{p.value: p.label for p in Pladstype},
}
"""A stored choice or kind (`hoering`, `aarets_start`, `omfattet`) in words; every choice
of the rulebook has one (tests/test_sprog.py)."""

_ISODATO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@register.filter
def valg(v: Any) -> str:
    """A choice or kind as users read it: 'hoering' → 'høring'; other text as it is."""
    return VALGTEKST.get(v, str(v)) if isinstance(v, str) else str(v)


@register.filter
def regelnavn(r: Regelreference) -> str:
    """A rule value's name as users read it: its parameter's description in the rulebook (the
    layer's own, else the national one); the parameter's name only if the rulebook has none."""
    return regelbog().beskrivelse(r.parameter, r.lag) or r.parameter


@register.filter
def vis(v: Any, enhed: str = "") -> str:
    """A trace value with its unit: money with øre, everything else as `tal`; a date the
    Danish way, a choice or kind in words."""
    d = _som_tal(v)
    if d is None:
        if isinstance(v, str) and _ISODATO.match(v):
            try:
                return f"{dansk_dato(date.fromisoformat(v))} {enhed}".strip()
            except ValueError:
                pass
        return f"{valg(v)} {enhed}".strip()
    if enhed.startswith("kr"):
        return f"{_afrundet(d, 2)} {enhed}"
    if enhed == "%":
        return procent(d)
    return f"{tal(d)} {enhed}".strip()


@register.filter
def region(kode: str) -> str:
    """The framework agreement of a rulebook layer's code, by its one name ("Rammeaftale
    Midtjylland"): pages, letters and files name the agreement, not the region."""
    return rammeaftalenavn(kode)


@register.filter
def lag(kode: str) -> str:
    """The rulebook layer a value came from, in words."""
    return "National" if kode == "national" else rammeaftalenavn(kode)


@register.filter
def delbar(navn: str) -> SafeString:
    """A dotted name that may wrap after each dot: overhead.<wbr>administration_pct."""
    return mark_safe(escape(navn).replace(".", ".<wbr>"))  # safe: escaped first


FORMATER = {"kr": kroner, "pct": procent, "tal": tal}


@register.simple_tag(takes_context=True)
def figur(
    context: template.Context, noegle: str, vaerdi: Any, form: str = "kr", titel: str = ""
) -> SafeString:
    """A figure as a button that opens its trace; plain text if the trace has no such step."""
    tekst = FORMATER[form](vaerdi)
    spor = context.get("spor")
    if not isinstance(spor, Spor) or noegle not in spor:
        return format_html('<span class="tal">{}</span>', tekst)
    return format_html(
        '<button type="button" class="tal" data-spor="{}" data-titel="{}" '
        'aria-controls="spor-panel" aria-expanded="false">{}</button>',
        noegle,
        titel or spor[noegle].label,
        tekst,
    )
