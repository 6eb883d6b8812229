"""Texts users read name their sources by the document's own title, never by our working
numbers for the source files ("seed 002", "seedets tal").

The rulebook's texts reach the traces, the rulebook pages and the reports; the demo's
source texts are stored in the database and shown on the pages. Both are checked here
against the packaged rulebook and the demo as loaded.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from socialstyring.regler import LAG, regelbog
from socialstyring.regler.bog import DATA
from socialstyring.regler.model import Regelfil
from socialstyring.regler.yamlfil import laes_yaml

SEED = re.compile(r"seed", re.IGNORECASE)


def _tekster(v: Any, sti: str) -> Iterator[tuple[str, str]]:
    """Every text in a value, with where it is: strings in mappings, sequences, dataclasses and
    pydantic models, recursively."""
    if isinstance(v, str):
        yield sti, v
    elif isinstance(v, dict):
        for k, u in v.items():
            yield from _tekster(u, f"{sti}.{k}")
    elif isinstance(v, (list, tuple)):
        for i, u in enumerate(v):
            yield from _tekster(u, f"{sti}[{i}]")
    elif dataclasses.is_dataclass(v) and not isinstance(v, type):
        for f in dataclasses.fields(v):
            yield from _tekster(getattr(v, f.name), f"{sti}.{f.name}")
    elif hasattr(v, "model_dump"):
        yield from _tekster(v.model_dump(), sti)


def _med_seed(v: Any, sti: str) -> list[str]:
    return [f"{s}: {t!r}" for s, t in _tekster(v, sti) if SEED.search(t)]


# --- the rulebook -------------------------------------------------------------------------------


def test_regelbogens_kilder_noter_og_antagelser_naevner_ikke_seed() -> None:
    bog = regelbog()  # the packaged rulebook is valid
    fundet: list[str] = []
    antal = 0
    for lag in LAG:
        for fil in sorted((DATA / lag).glob("*.yaml")):
            regelfil = Regelfil.model_validate(laes_yaml(fil.read_text(encoding="utf-8")))
            sted = f"{lag}/{fil.name}"
            fundet += _med_seed(regelfil.beskrivelse, f"{sted}: beskrivelse")
            for noegle, p in regelfil.parametre.items():
                navn = f"{fil.stem}.{noegle}"
                assert bog.har(navn, lag if lag != "national" else "midtjylland")
                fundet += _med_seed(p.beskrivelse, f"{sted}: {navn}.beskrivelse")
                for i, v in enumerate(p.vaerdier):
                    antal += 1
                    vsted = f"{sted}: {navn}.vaerdier[{i}]"
                    if v.kilde is not None:
                        fundet += _med_seed(v.kilde.model_dump(), f"{vsted}.kilde")
                    fundet += _med_seed(v.antaget, f"{vsted}.antaget") if v.antaget else []
                    fundet += _med_seed(v.note, f"{vsted}.note") if v.note else []
                    fundet += _med_seed(v.vaerdi, f"{vsted}.vaerdi")
    assert antal > 100  # the whole rulebook was read
    assert fundet == []


@pytest.mark.parametrize("region", [lag for lag in LAG if lag != "national"])
def test_kildeteksterne_i_sporet_naevner_ikke_seed(region: str) -> None:
    """The source text a trace shows (`Opslag.kildetekst`) for every value in force in some year."""
    bog = regelbog()
    fundet = [
        f"{o.navn} ({o.lag}, {aar}): {o.kildetekst!r}"
        for aar in range(2007, 2027)
        for o in bog.alle_i_kraft(region, date(aar, 6, 1))
        if SEED.search(o.kildetekst) or (o.note and SEED.search(o.note))
    ]
    assert fundet == []


# --- the assumptions as users read them -------------------------------------------------------

ANTAGELSE_MAKS_TEGN = 200
"""An assumption users read (the rule tables, the traces, the notification letter) is a short
plain statement: one or two sentences, at most this many characters. The reasoning behind it
is the value's `note`, for those who keep the rulebook."""

UDVIKLERTEKST = re.compile(r"\b(seed|issue|todo|fixme)\b|indtil .* er indtastet|#\d", re.IGNORECASE)
"""Words about our own work: work items, files and what is still to be typed in."""

NOEGLE = re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b")
"""A dotted key (`pl.kl_skoen_pct`, `ydelse.x.takst`): a parameter name or a trace key."""


def _antagelser() -> Iterator[tuple[str, str]]:
    for lag in LAG:
        for fil in sorted((DATA / lag).glob("*.yaml")):
            regelfil = Regelfil.model_validate(laes_yaml(fil.read_text(encoding="utf-8")))
            for noegle, p in regelfil.parametre.items():
                for i, v in enumerate(p.vaerdier):
                    if v.antaget is not None:
                        yield f"{lag}/{fil.stem}.{noegle}[{i}]", v.antaget


def fejl_i_antagelse(tekst: str, parameternavne: set[str]) -> list[str]:
    """What makes an assumption text unfit for users (empty: fit)."""
    fejl = []
    if len(tekst) > ANTAGELSE_MAKS_TEGN:
        fejl.append(f"{len(tekst)} tegn (højst {ANTAGELSE_MAKS_TEGN})")
    saetninger = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", tekst.strip()) if s]
    if len(saetninger) > 2:
        fejl.append(f"{len(saetninger)} sætninger (højst 2)")
    if m := UDVIKLERTEKST.search(tekst):
        fejl.append(f"udviklertekst {m.group(0)!r}")
    noegler = [n for n in NOEGLE.findall(tekst) if n in parameternavne]
    if noegler:
        fejl.append(f"parameternavne {noegler}")
    return fejl


def test_antagelserne_er_korte_udsagn_uden_parameternavne() -> None:
    bog = regelbog()
    navne = {n for lag in LAG for n in bog.navne(lag)}
    antagelser = list(_antagelser())
    assert len(antagelser) >= 30  # the packaged rulebook's 45 assumptions were read
    fundet = {sted: f for sted, tekst in antagelser if (f := fejl_i_antagelse(tekst, navne))}
    assert fundet == {}


def test_vagten_afviser_en_udviklernote() -> None:
    navne = {"pl.kl_skoen_pct", "aendring.procedure_omfattet"}
    assert fejl_i_antagelse("Et år regnes som 365 dage, som i kommunernes takstark.", navne) == []
    lang = (
        "Samme procedure som i Styringsaftalen for Syddanmark 2016 (afsnittet Ændring af takster og "
        "kapacitet i Styringsaftaleperioden), indtil Midtjyllands styringsaftale er indtastet; et tilbud "
        "omfattet af rammeaftalen svarer til begge, så den strengeste procedure er valgt."
    )
    assert fejl_i_antagelse(lang, navne) == [
        f"{len(lang)} tegn (højst 200)",
        "udviklertekst 'indtil Midtjyllands styringsaftale er indtastet'",
    ]
    assert fejl_i_antagelse("Som issue 3 beskriver. Se pl.kl_skoen_pct. Tre. Fire.", navne) == [
        "4 sætninger (højst 2)",
        "udviklertekst 'issue'",
        "parameternavne ['pl.kl_skoen_pct']",
    ]


def test_vagten_finder_seed() -> None:
    assert _med_seed({"kilde": {"dokument": "Rammeaftale 2016 (Seed 002)"}}, "x") == [
        "x.kilde.dokument: 'Rammeaftale 2016 (Seed 002)'"
    ]


# --- the demo -----------------------------------------------------------------------------------


def test_demoens_kildetekster_naevner_ikke_seed() -> None:
    from socialstyring.demo import indlaes, region
    from socialstyring.demo.region import byg_demoregion

    konstanter = {
        f"{m.__name__}.{n}": v
        for m in (region, indlaes)
        for n, v in vars(m).items()
        if n.isupper() and isinstance(v, (str, tuple))
    }
    assert "socialstyring.demo.region.KILDE_REGNSKAB" in konstanter
    assert _med_seed(konstanter, "demo") == []
    assert _med_seed(byg_demoregion(), "demoregion") == []  # source texts, notes, stored traces
    assert _med_seed(indlaes.budgettilbud(), "budgettilbud") == []


@pytest.mark.django_db
def test_demodatabasens_tekster_naevner_ikke_seed() -> None:
    """Every text and JSON field of the project's models, after loading the demo."""
    from django.apps import apps
    from django.db import models

    from socialstyring.demo import indlaes_demo

    indlaes_demo()
    fundet: list[str] = []
    felter = 0
    for model in apps.get_models():
        if not model.__module__.startswith("socialstyring."):
            continue
        tekstfelter = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not tekstfelter:
            continue
        felter += len(tekstfelter)
        for pk, *vaerdier in model._default_manager.values_list("pk", *tekstfelter):
            for felt, v in zip(tekstfelter, vaerdier, strict=True):
                fundet += _med_seed(v, f"{model.__name__}[{pk}].{felt}")
    assert felter > 20
    assert fundet == []
