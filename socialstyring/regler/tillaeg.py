"""Values entered in the app, layered over the shipped rulebook (`Regelbog.med_tillaeg`).

A secretariat keeps its agreement's values (and a national administrator the national ones)
in the app. Each entered value is a `Tillaeg`: the layer, the parameter's full name, the value
as a rule file writes it (`fra`, optional `til`, `vaerdi`, `kilde` or `antaget`, optional
`note`) and its origin, a text saying who entered it and when, which every answer
(`Opslag.oprindelse`) and so every trace carries.

**Validation is the loader's.** The value is checked by the same model as a value of its
parameter in a YAML file (`model.Parameter` with its `Vaerdi` and `_tjek_vaerdi`: unit, range,
type, choices, `kilde` or `antaget`, `til` after `fra`), and the layer's values together with
it by the same rules (dates in order, no overlap); the messages are the loader's, in Danish.
The parameter must exist for the layer: the national layer's own, or for an agreement its own
or a national one. An invalid value is a `Tillaegsfejl` naming the value (`nr`, its place in
the list given) and the field (`felt`: "lag", "navn", "fra", "til", "vaerdi", "kilde",
"kilde.dokument", "antaget", …) and is left out.

**Precedence: the entered value wins from its `fra`.**

- An entered value replaces a shipped value of the same layer and parameter with the same
  `fra`.
- A shipped value of the layer that started earlier and has a `til` after the entered value's
  `fra` ends at that `fra`.
- An entered value holds from its `fra` until its own `til`; without one, until the value
  it takes over would have ended: the value the layer had in force at its `fra` in the
  rulebook it is layered over (for an agreement with no value of its own for a national
  parameter: the national value), until that value's `til` or the next value's `fra` — and at
  the latest until the next entered value's `fra`. With nothing in force at its `fra`, it
  holds until the next value's `fra`. So P/L 2019 = 1,3 % entered for Midtjylland is
  Midtjylland's value for 2019 alone (the national 2019 value ended 1 January 2020); from the
  national value of 2020 on, Midtjylland follows the national values again. The end is
  written as the value's `til` (and so in the export).
- An agreement's value for a national parameter gives the agreement a parameter of its own:
  the national one's description, unit, choices and expected update, with
  `tilsidesaetter_national: true`; the lookup's precedence (own layer first) does the rest.
- Entered values are applied in the order given (the app gives them oldest first); one that
  collides with a value before it (the same `fra`, a `til` past the next value's `fra`) is
  refused with the loader's overlap message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from socialstyring.regler.bog import Regelfejl, _besked, _en_linje, _Post
from socialstyring.regler.model import LAG, Parameter, Vaerdi


@dataclass(frozen=True)
class Tillaeg:
    """One value entered in the app for parameter `navn` of layer `lag` (see the module)."""

    lag: str
    navn: str
    vaerdi: Mapping[str, Any]  # as a rule file's value: fra, til, vaerdi, kilde | antaget, note
    oprindelse: str  # who entered it and when, as users read it


@dataclass(frozen=True)
class Tillaegsfejl(Regelfejl):
    """A problem with entered value number `nr` (its place in the list given), in its field
    `felt` ("" for the value as a whole). `fil` is the layer's rule file it belongs in."""

    nr: int = 0
    felt: str = ""


_VAERDIFEJL = re.compile(r"^vaerdier\[\d+\]\.vaerdi: ")


def laeg_paa(
    poster: Mapping[tuple[str, str], _Post], tillaeg: Sequence[Tillaeg]
) -> tuple[dict[tuple[str, str], _Post], list[Tillaegsfejl]]:
    """The rulebook's entries with `tillaeg` layered over them, and the values left out with
    their problems (see the module)."""
    nye = dict(poster)
    fejl: list[Tillaegsfejl] = []
    godkendte: dict[tuple[str, str], list[tuple[Vaerdi, str]]] = {}
    for nr, t in enumerate(tillaeg):
        if t.lag not in LAG:
            fejl.append(_fejl(nr, t, "lag", f"ukendt lag '{t.lag}'; kendte lag er {', '.join(LAG)}"))
            continue
        egen = poster.get((t.lag, t.navn))
        national = poster.get(("national", t.navn)) if t.lag != "national" else None
        forlaeg = egen or national
        if forlaeg is None:
            hvor = "det nationale lag" if t.lag == "national" else f"rammeaftalen {t.lag} eller nationalt"
            fejl.append(_fejl(nr, t, "navn", f"regelbogen har ingen parameter '{t.navn}' for {hvor}"))
            continue
        try:
            enkelt = Parameter.model_validate({**_meta(forlaeg), "vaerdier": [dict(t.vaerdi)]})
        except ValidationError as e:
            fejl.extend(_vaerdifejl(nr, t, f) for f in e.errors())
            continue
        vaerdi = enkelt.vaerdier[0]
        gruppe = godkendte.setdefault((t.lag, t.navn), [])
        try:
            post = _flet(t.lag, t.navn, egen, national, [*gruppe, (vaerdi, t.oprindelse)])
        except ValidationError as e:
            fejl.extend(_overlapfejl(nr, t, vaerdi, f) for f in e.errors())
            continue
        gruppe.append((vaerdi, t.oprindelse))
        nye[(t.lag, t.navn)] = post
    return nye, fejl


def _meta(post: _Post) -> dict[str, Any]:
    """A parameter's fields but its values."""
    return post.parameter.model_dump(exclude={"vaerdier"})


def _flet(
    lag: str, navn: str, egen: _Post | None, national: _Post | None, indtastede: list[tuple[Vaerdi, str]]
) -> _Post:
    """The layer's parameter with the entered values layered over its own (see the module);
    a pydantic ValidationError when the dates collide."""
    egne_fra = {v.fra for v, _ in indtastede}
    leverede: list[Vaerdi] = []
    for v in egen.parameter.vaerdier if egen is not None else []:
        if v.fra in egne_fra:
            continue  # replaced by the entered value
        til = v.til
        for fra in sorted(egne_fra):
            if v.fra < fra and til is not None and til > fra:
                til = fra  # an earlier shipped value ends where the entered one begins
        leverede.append(v if til == v.til else v.model_copy(update={"til": til}))
    tilsidesaetter = egen is None and national is not None
    forlaeg = egen or national
    assert forlaeg is not None
    nye: list[Vaerdi] = []
    for v, _ in indtastede:
        til = v.til
        if til is None:
            efter = [fra for fra in egne_fra if fra > v.fra]
            ender = [d for d in (_ender(forlaeg.parameter, v.fra), min(efter, default=None)) if d is not None]
            til = min(ender, default=None)
        nye.append(v if til == v.til else v.model_copy(update={"til": til}))
    alle = sorted([*leverede, *nye], key=lambda v: v.fra)
    meta = _meta(forlaeg)
    if tilsidesaetter:
        meta.update(tilsidesaetter_national=True, sidst_kontrolleret=None)
    parameter = Parameter.model_validate({**meta, "vaerdier": [v.model_dump() for v in alle]})
    oprindelser = {
        fra: o for fra, o in (egen.oprindelser.items() if egen is not None else []) if fra not in egne_fra
    }
    oprindelser.update({v.fra: o for v, o in indtastede})
    fil = egen.fil if egen is not None else forlaeg.fil.parent.parent / lag / forlaeg.fil.name
    return _Post(navn, lag, fil, parameter, forlaeg.filbeskrivelse, oprindelser)


def _ender(p: Parameter, fra: date) -> date | None:
    """Where the value of `p` in force at `fra` ends (its `til` or the next value's `fra`); with
    none in force then, the next value's `fra`; None when nothing ends it."""
    for nr, v in enumerate(p.vaerdier):
        slut = v.til or (p.vaerdier[nr + 1].fra if nr + 1 < len(p.vaerdier) else None)
        if v.fra <= fra and (slut is None or fra < slut):
            return slut
    return next((v.fra for v in p.vaerdier if v.fra > fra), None)


def _fejl(nr: int, t: Tillaeg, felt: str, besked: str) -> Tillaegsfejl:
    fil = Path(t.lag) / f"{t.navn.split('.', 1)[0]}.yaml"
    sti = f"{t.navn}.{felt}" if felt else t.navn
    return Tillaegsfejl(fil, None, None, sti, besked, nr=nr, felt=felt)


def _vaerdifejl(nr: int, t: Tillaeg, e: Any) -> Tillaegsfejl:
    """One of the model's errors in the value itself, at its field."""
    loc = [d for d in e["loc"] if not (isinstance(d, str) and d.startswith("function-"))]
    besked = _en_linje(_besked(e))
    # a parameter-level error of a parameter with this one value is about the value itself
    felt = ".".join(str(d) for d in loc[2:]) if loc[:2] == ["vaerdier", 0] else "" if loc else "vaerdi"
    if _VAERDIFEJL.match(besked):
        felt, besked = "vaerdi", _VAERDIFEJL.sub("", besked)
    elif besked.startswith("'til' ("):
        felt = "til"
    elif besked.startswith("en værdi skal have præcis én af"):
        felt = "kilde"
    return _fejl(nr, t, felt, besked)


def _overlapfejl(nr: int, t: Tillaeg, vaerdi: Vaerdi, e: Any) -> Tillaegsfejl:
    """The loader's overlap message, at the entered value's `til` when its own end runs into
    the next value, else at its `fra`."""
    besked = _en_linje(_besked(e))
    egen_slut = besked.startswith(f"datoerne overlapper: værdien fra {vaerdi.fra} gælder til")
    return _fejl(nr, t, "til" if egen_slut else "fra", besked)
