"""A layer of the rulebook written back as rule files in the shipped format
(`Regelbog.eksporter`): one YAML text per file (`<emne>.yaml`), entered values included, that
`Regelbog.indlaes` reads to the same values. Numbers are written exactly as they are held
(1.53 stays 1.53, never a float's digits); the values entered in the app are listed with their
origin in a comment at the top of their file.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import yaml

from socialstyring.regler.bog import _Post
from socialstyring.regler.model import Parameter, Vaerdi, Varsel


class _Skriver(yaml.SafeDumper):
    """YAML as the rule files are written: keys in their order, exact decimals."""


def _decimal(dumper: yaml.SafeDumper, d: Decimal) -> yaml.ScalarNode:
    tekst = format(d, "f")
    # A whole number is written as one ("2"), which reads back as the same Decimal.
    tag = "tag:yaml.org,2002:float" if "." in tekst else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, tekst)


_Skriver.add_representer(Decimal, _decimal)


def eksporter_lag(poster: Sequence[_Post]) -> dict[str, str]:
    """The layer's entries as rule files: file name → YAML text, in the files' order."""
    filer: dict[str, list[_Post]] = {}
    for p in poster:
        filer.setdefault(p.fil.name, []).append(p)
    return {navn: _fil(ps) for navn, ps in filer.items()}


def _fil(poster: list[_Post]) -> str:
    data = {
        "beskrivelse": poster[0].filbeskrivelse,
        "parametre": {p.navn.split(".", 1)[1]: _parameter(p.parameter) for p in poster},
    }
    tekst = yaml.dump(data, Dumper=_Skriver, sort_keys=False, allow_unicode=True, width=100)
    indtastede = [
        f"#   {p.navn.split('.', 1)[1]} fra {fra.isoformat()}: {o}"
        for p in poster
        for fra, o in sorted(p.oprindelser.items())
    ]
    if indtastede:
        tekst = "# Værdier indtastet i Socialstyring:\n" + "\n".join(indtastede) + "\n" + tekst
    return tekst


def _parameter(p: Parameter) -> dict[str, Any]:
    d: dict[str, Any] = {"beskrivelse": p.beskrivelse, "enhed": p.enhed.value}
    if p.valgmuligheder is not None:
        d["valgmuligheder"] = list(p.valgmuligheder)
    if p.tilsidesaetter_national:
        d["tilsidesaetter_national"] = True
    if p.sidst_kontrolleret is not None:
        d["sidst_kontrolleret"] = p.sidst_kontrolleret
    if p.naeste_opdatering is not None:
        d["naeste_opdatering"] = p.naeste_opdatering
    d["vaerdier"] = [_vaerdi(v) for v in p.vaerdier]
    return d


def _vaerdi(v: Vaerdi) -> dict[str, Any]:
    d: dict[str, Any] = {"fra": v.fra}
    if v.til is not None:
        d["til"] = v.til
    d["vaerdi"] = _raa(v.vaerdi)
    if v.kilde is not None:
        d["kilde"] = v.kilde.model_dump(exclude_none=True)
    if v.antaget is not None:
        d["antaget"] = v.antaget
    if v.note is not None:
        d["note"] = v.note
    return d


def _raa(vaerdi: Any) -> Any:
    """A value as its file writes it (a notice period as its table)."""
    if isinstance(vaerdi, Varsel):
        return vaerdi.model_dump(exclude_none=True)
    return vaerdi
