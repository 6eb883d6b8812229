"""Case files: a calculation's input and its expected result in one YAML file.

The OpenFisca test idea: every worked example from a seed or a public document is a
case file with its source, and the test suite runs them all.

    beregning: takst            # which calculation: a key of BEREGNINGER
    navn: ...                   # short title
    kilde: {dokument, afsnit, url}   # where the example comes from
    forklaring: |               # the example worked by hand, step by step
    input: {...}                # the engine's input model (e.g. Takstgrundlag)
    forventet: {...}            # expected figures, a subset of the result's JSON in
                                # which lists of named things are keyed by name, and
                                # `spor: {trin-nøgle: værdi}` checks any trace step
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import ValidationError

import socialstyring.beregning
from socialstyring.beregning.kerne.model import Caseberegning
from socialstyring.beregning.kerne.spor import Spor
from socialstyring.regler import Regelbog
from socialstyring.regler.yamlfil import laes_yaml


class CaseFejl(Exception):
    """A case file is malformed; the message names the file and field."""


@dataclass(frozen=True)
class Case:
    fil: Path
    beregning: str
    navn: str
    kilde: dict[str, Any]
    input: Any
    forventet: dict[str, Any]


class Beregningsresultat(Protocol):
    """What a calculation returns: a trace and its JSON form (which the case is checked against)."""

    @property
    def spor(self) -> Spor: ...

    def til_json(self) -> dict[str, Any]: ...


def _find_beregninger() -> dict[str, Caseberegning]:
    """Every engine module that declares `CASEBEREGNING` (import errors propagate)."""
    fundne: dict[str, Caseberegning] = {}
    for modul in sorted(pkgutil.iter_modules(socialstyring.beregning.__path__), key=lambda m: m.name):
        c = getattr(importlib.import_module(f"socialstyring.beregning.{modul.name}"), "CASEBEREGNING", None)
        if isinstance(c, Caseberegning):
            if c.navn in fundne:
                raise RuntimeError(f"to beregninger hedder '{c.navn}'")
            fundne[c.navn] = c
    return fundne


BEREGNINGER: dict[str, Caseberegning] = _find_beregninger()


def laes_case(fil: Path) -> Case:
    try:
        data = laes_yaml(fil.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as fejl:
        raise CaseFejl(f"{fil}: kan ikke læses: {fejl}") from fejl
    if not isinstance(data, dict):
        raise CaseFejl(f"{fil}: filen skal være en tabel")
    ukendte = set(data) - {"beregning", "navn", "kilde", "forklaring", "input", "forventet"}
    if ukendte:
        raise CaseFejl(f"{fil}: ukendte nøgler: {', '.join(sorted(ukendte))}")
    for felt in ("beregning", "navn", "kilde", "input"):
        if felt not in data:
            raise CaseFejl(f"{fil}: feltet '{felt}' mangler")
    if data["beregning"] not in BEREGNINGER:
        raise CaseFejl(f"{fil}: beregning: ukendt '{data['beregning']}'; kendte: {', '.join(BEREGNINGER)}")
    try:
        inddata = BEREGNINGER[data["beregning"]].input.model_validate(data["input"])
    except ValidationError as fejl:
        linjer = [
            f"{fil}: input.{'.'.join(str(d) for d in e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
            for e in fejl.errors()
        ]
        raise CaseFejl("\n".join(linjer)) from None
    return Case(fil, data["beregning"], data["navn"], data["kilde"], inddata, data.get("forventet") or {})


def koer_case(case: Case, bog: Regelbog) -> Beregningsresultat:
    resultat: Beregningsresultat = BEREGNINGER[case.beregning].funktion(case.input, bog)
    return resultat


def afvigelser(case: Case, resultat: Beregningsresultat) -> list[str]:
    """Every place where the result differs from the case's expectations."""
    faktisk = resultat.til_json()
    forventet = dict(case.forventet)
    fejl: list[str] = []
    for noegle, vaerdi in (forventet.pop("spor", None) or {}).items():
        if noegle not in resultat.spor:
            fejl.append(f"spor.{noegle}: trinnet findes ikke")
        else:
            _sammenlign(f"spor.{noegle}", vaerdi, resultat.spor[noegle].resultat, fejl)
    _sammenlign("", forventet, faktisk, fejl)
    return fejl


def _sammenlign(sti: str, forventet: Any, faktisk: Any, fejl: list[str]) -> None:
    if isinstance(forventet, dict):
        if isinstance(faktisk, list):  # a list of named things, keyed by name in the case
            faktisk = {e.get("navn"): e for e in faktisk if isinstance(e, dict)}
        if not isinstance(faktisk, dict):
            fejl.append(f"{sti}: forventede en tabel, fik {faktisk!r}")
            return
        for noegle, v in forventet.items():
            under = f"{sti}.{noegle}" if sti else str(noegle)
            if noegle not in faktisk:
                fejl.append(f"{under}: findes ikke i resultatet")
            else:
                _sammenlign(under, v, faktisk[noegle], fejl)
        return
    if isinstance(forventet, list):
        if not isinstance(faktisk, list) or len(forventet) != len(faktisk):
            fejl.append(f"{sti}: forventede {forventet!r}, fik {faktisk!r}")
            return
        for i, (a, b) in enumerate(zip(forventet, faktisk, strict=True)):
            _sammenlign(f"{sti}[{i}]", a, b, fejl)
        return
    if isinstance(forventet, (int, Decimal)) and not isinstance(forventet, bool):
        try:
            lig = Decimal(str(faktisk)) == Decimal(forventet)
        except InvalidOperation:
            lig = False
        if not lig:
            fejl.append(f"{sti}: forventede {forventet}, fik {faktisk}")
        return
    if forventet != faktisk:
        fejl.append(f"{sti}: forventede {forventet!r}, fik {faktisk!r}")
