"""The budget editor's forms and their conversion to and from the engine's input.

One form per service of the tilbud (`register.Ydelse`):

- a service with places (takstenhed other than "time") gets `PladsydelseForm`: places,
  occupancy (the budgeted % OR the actual % of as many earlier years as the rulebook's
  `belaegning.historik_aar` asks for), short stays, the budget lines of each cost category
  (`Omkostningsart`: each line's amount and text, as the engine's `Budgetlinje`s, never
  summed; every category has one empty line more to add one) and up to two earlier results
  carried into the rate;
- an hourly add-on (takstenhed "time") gets `TillaegForm`: the wage cost per hour.

A form left completely empty leaves its service out of the calculation. The services of
the stored calculation that the form cannot represent (a package structure, or a service
with no register row of that name) are kept unchanged (`Bevaret`) and listed read-only.

Names tie the two together: an engine service (`takst.Ydelse`) or add-on has the name of
its register `Ydelse`; a package P of service X is the register service "X – P" (as the
demo loads them). `overfoersler` maps a result back onto the register rows the same way.

Nothing here computes a rate: the forms only check what is typed and build the
`Takstgrundlag`; the engine (`beregn_takst`) decides the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from pydantic import ValidationError as PydanticValidationError

from socialstyring.beregning.kerne.regelbrug import Regler
from socialstyring.beregning.takst import Omkostningsart, Takstgrundlag, Tillaegsydelse
from socialstyring.beregning.takst import Ydelse as Ydelsesinddata
from socialstyring.web.faelles.felter import DanskDecimalField, Tekstfelt, ingen_cpr
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl, pydantic_tekst
from socialstyring.web.regelbog.selectors import gaeldende_regelbog
from socialstyring.web.register.models import Takstenhed, Tilbud, Ydelse

PAKKE_SKILLETEGN = " – "
"""A package P of service X is the register service "X – P"."""

MIN_REGULERINGSRAEKKER = 2
MAKS_LINJER = 100
"""The most budget lines of one category the form shows (a posted page cannot ask for more)."""
NOTE_MAKS = 200
"""The longest text of a budget line typed in the form (a longer stored text is shown whole,
and the form asks for it shorter rather than cutting it)."""


def pakkenavn(ydelse: str, pakke: str) -> str:
    return f"{ydelse}{PAKKE_SKILLETEGN}{pakke}"


def praefiks(ydelse: Ydelse) -> str:
    """The form prefix of a register service's fields: `y<pk>-pladser`, …"""
    return f"y{ydelse.pk}"


def er_tillaeg(ydelse: Ydelse) -> bool:
    """An hourly add-on service: no places, a price per hour."""
    return ydelse.takstenhed == Takstenhed.TIME


def historik_aar(region: str, aar: int) -> int:
    """How many earlier years' actual occupancy the rulebook averages (0: no such rule)."""
    try:
        antal, _ = Regler(gaeldende_regelbog(), region, date(aar, 1, 1)).heltal("belaegning.historik_aar")
    except KeyError:
        return 0
    return antal


def _tom(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def linjefelter(art: Omkostningsart, nr: int) -> tuple[str, str]:
    """The names of budget line `nr` (from 1) of `art`: amount and text. The first line keeps
    the names of the form's single line before (`beloeb_direkte_loen`, `note_direkte_loen`)."""
    endelse = "" if nr == 1 else f"_{nr}"
    return f"beloeb_{art.value}{endelse}", f"note_{art.value}{endelse}"


def antal_linjer(
    gemte: Iterable[Any], data: Mapping[str, Any] | None, prefix: str
) -> dict[Omkostningsart, int]:
    """How many budget lines the form shows per category: the stored lines (`Budgetlinje`s)
    and one empty line, or as many as the posted page had."""
    antal = {art: 1 for art in Omkostningsart}
    for b in gemte:
        antal[b.art] += 1
    for navn in data or {}:
        if not navn.startswith(f"{prefix}-beloeb_"):
            continue
        for art in Omkostningsart:
            rest = navn.removeprefix(f"{prefix}-beloeb_{art.value}")
            if rest == "" or (rest.startswith("_") and rest[1:].isascii() and rest[1:].isdigit()):
                antal[art] = max(antal[art], int(rest[1:] or 1))
    return {art: min(n, MAKS_LINJER) for art, n in antal.items()}


# --- the forms ---------------------------------------------------------------------------


class PladsydelseForm(forms.Form):
    """The budget of one service with places. Field names (before the prefix): `pladser`,
    `budgetteret_pct`, `faktisk<i>_aar`/`faktisk<i>_pct`, `kort_forloeb`, `beloeb_<art>`,
    `note_<art>`, `reg<i>_aar`/`reg<i>_resultat`/`reg<i>_grundlag`."""

    def __init__(
        self,
        *args: Any,
        historik: int,
        reguleringsraekker: int,
        linjer: Mapping[Omkostningsart, int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.historik = historik
        self.reguleringsraekker = reguleringsraekker
        self.linjer = {art: max(1, (linjer or {}).get(art, 1)) for art in Omkostningsart}
        f = self.fields
        f["pladser"] = DanskDecimalField(label="Pladser", required=False, max_digits=8, decimal_places=2)
        f["budgetteret_pct"] = DanskDecimalField(
            label="Budgetteret belægning %", required=False, max_digits=6, decimal_places=2
        )
        for i in range(1, historik + 1):
            f[f"faktisk{i}_aar"] = forms.IntegerField(
                label=f"År ({i})", required=False, min_value=2000, max_value=2100
            )
            f[f"faktisk{i}_pct"] = DanskDecimalField(
                label=f"Faktisk belægning % ({i})", required=False, max_digits=6, decimal_places=2
            )
        f["kort_forloeb"] = forms.BooleanField(
            label="Korte forløb, akut- eller aflastningstilbud (lavere minimumsbelægning)", required=False
        )
        for art, antal in self.linjer.items():
            for nr in range(1, antal + 1):
                beloeb, note = linjefelter(art, nr)
                linje = "" if nr == 1 else f", linje {nr}"
                f[beloeb] = DanskDecimalField(
                    label=f"{art.label}{linje}", required=False, max_digits=14, decimal_places=2
                )
                f[note] = Tekstfelt(
                    label=f"Note til {art.label.lower()}{linje}",
                    required=False,
                    max_length=NOTE_MAKS,
                    validators=[ingen_cpr],
                )
        for i in range(1, reguleringsraekker + 1):
            f[f"reg{i}_aar"] = forms.IntegerField(
                label=f"Resultatets år ({i})", required=False, min_value=2000, max_value=2100
            )
            f[f"reg{i}_resultat"] = DanskDecimalField(
                label=f"Resultat, kr. ({i})", required=False, max_digits=14, decimal_places=2
            )
            f[f"reg{i}_grundlag"] = DanskDecimalField(
                label=f"Omkostningsgrundlag det år, kr. ({i})",
                required=False,
                max_digits=14,
                decimal_places=2,
            )

    # the fields grouped for the template
    @property
    def faktisk(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"faktisk{i}_aar"], self[f"faktisk{i}_pct"]) for i in range(1, self.historik + 1)]

    @property
    def omkostninger(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Every budget line's amount and text, category by category."""
        return [
            (self[beloeb], self[note])
            for art, antal in self.linjer.items()
            for beloeb, note in (linjefelter(art, nr) for nr in range(1, antal + 1))
        ]

    @property
    def regulering(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"reg{i}_aar"], self[f"reg{i}_resultat"], self[f"reg{i}_grundlag"])
            for i in range(1, self.reguleringsraekker + 1)
        ]

    def _raa(self, navn: str) -> Any:
        return self.data.get(self.add_prefix(navn))

    def er_tom(self) -> bool:
        """Nothing typed (the suggested years of actual occupancy do not count)."""
        if not self.is_bound:
            return True
        return all(
            _tom(self._raa(navn))
            for navn in self.fields
            if not (navn.startswith("faktisk") and "_aar" in navn)
        ) and not self._raa("kort_forloeb")

    def clean(self) -> dict[str, Any]:
        c = super().clean() or {}
        if self.er_tom():
            return c
        self._tjek_pladser(c)
        self._tjek_belaegning(c)
        self._tjek_beloeb(c)
        self._tjek_regulering(c)
        return c

    def _tjek_pladser(self, c: dict[str, Any]) -> None:
        if "pladser" in self.errors:
            return
        if c.get("pladser") is None:
            self.add_error("pladser", "Skriv antallet af pladser.")
        elif c["pladser"] <= 0:
            self.add_error("pladser", "Antallet af pladser skal være større end 0.")

    def _tjek_belaegning(self, c: dict[str, Any]) -> None:
        if any(n in self.errors for n in self.fields if n.startswith(("budgetteret", "faktisk"))):
            return
        budgetteret = c.get("budgetteret_pct")
        raekker = [
            (i, c.get(f"faktisk{i}_aar"), c.get(f"faktisk{i}_pct")) for i in range(1, self.historik + 1)
        ]
        faktisk_angivet = any(pct is not None for _, _, pct in raekker)
        if budgetteret is not None and faktisk_angivet:
            self.add_error(
                "budgetteret_pct",
                "Udfyld enten den budgetterede belægning eller den faktiske belægning – ikke begge.",
            )
            return
        if budgetteret is None and not faktisk_angivet:
            if self.historik:
                tekst = (
                    "Udfyld den budgetterede belægning eller den faktiske belægning "
                    f"for {self.historik} tidligere år."
                )
            else:
                tekst = "Udfyld den budgetterede belægning."
            self.add_error("budgetteret_pct", tekst)
            return
        if budgetteret is not None:
            if budgetteret <= 0:
                self.add_error("budgetteret_pct", "Belægningen skal være større end 0 %.")
            return
        set_aar: set[int] = set()
        for i, aar, pct in raekker:
            if pct is None:
                self.add_error(f"faktisk{i}_pct", "Udfyld den faktiske belægning for alle årene.")
            elif pct <= 0:
                self.add_error(f"faktisk{i}_pct", "Belægningen skal være større end 0 %.")
            if aar is None:
                self.add_error(f"faktisk{i}_aar", "Skriv årstallet.")
            elif aar in set_aar:
                self.add_error(f"faktisk{i}_aar", "Årene skal være forskellige.")
            else:
                set_aar.add(aar)

    def _tjek_beloeb(self, c: dict[str, Any]) -> None:
        noget = False
        for art, navn, note in self._linjer():
            v = c.get(navn)
            if v is None:
                noget = noget or navn in self.errors
                if navn not in self.errors and (c.get(note) or "").strip():
                    self.add_error(navn, "Skriv linjens beløb, eller slet dens note.")
                continue
            noget = True
            if v < 0:
                self.add_error(
                    navn,
                    "Skriv beløbet uden minus; andre indtægter fradrages automatisk."
                    if art is Omkostningsart.INDTAEGT
                    else "Beløbet kan ikke være negativt.",
                )
        if not noget:
            self.add_error(
                f"beloeb_{Omkostningsart.DIREKTE_LOEN.value}", "Skriv mindst ét beløb i budgettet."
            )

    def _tjek_regulering(self, c: dict[str, Any]) -> None:
        for i in range(1, self.reguleringsraekker + 1):
            navne = (f"reg{i}_aar", f"reg{i}_resultat", f"reg{i}_grundlag")
            if any(n in self.errors for n in navne) or all(c.get(n) is None for n in navne):
                continue
            aar, resultat, grundlag = (c.get(n) for n in navne)
            if aar is None:
                self.add_error(navne[0], "Skriv det år, resultatet stammer fra.")
            if resultat is None:
                self.add_error(navne[1], "Skriv resultatet (negativt for et underskud).")
            if grundlag is None:
                self.add_error(navne[2], "Skriv omkostningsgrundlaget for det år.")
            elif grundlag <= 0:
                self.add_error(navne[2], "Omkostningsgrundlaget skal være større end 0.")

    def _linjer(self) -> list[tuple[Omkostningsart, str, str]]:
        """(category, amount field, text field) of every budget line."""
        return [
            (art, *linjefelter(art, nr)) for art, antal in self.linjer.items() for nr in range(1, antal + 1)
        ]

    def inddata(self, ydelse: Ydelse) -> dict[str, Any] | None:
        """The engine's input for the service (a valid form); None when left empty."""
        if self.er_tom():
            return None
        c = self.cleaned_data
        if c.get("budgetteret_pct") is not None:
            belaegning: dict[str, Any] = {"budgetteret_pct": c["budgetteret_pct"]}
        else:
            belaegning = {
                "faktisk_pct": {
                    c[f"faktisk{i}_aar"]: c[f"faktisk{i}_pct"] for i in range(1, self.historik + 1)
                }
            }
        belaegning["kort_forloeb"] = bool(c.get("kort_forloeb"))
        budget = [
            {"art": art.value, "beloeb": c[beloeb], "tekst": c[note].strip()}
            for art, beloeb, note in self._linjer()
            if c.get(beloeb) is not None
        ]
        regulering = [
            {"aar": c[f"reg{i}_aar"], "resultat": c[f"reg{i}_resultat"], "grundlag": c[f"reg{i}_grundlag"]}
            for i in range(1, self.reguleringsraekker + 1)
            if c.get(f"reg{i}_aar") is not None
        ]
        return {
            "navn": ydelse.navn,
            "pladstype": ydelse.pladstype,
            "pladser": c["pladser"],
            "budget": budget,
            "belaegning": belaegning,
            "regulering": regulering,
        }


class TillaegForm(forms.Form):
    """An hourly add-on service: the wage cost per hour."""

    loen_pr_time = DanskDecimalField(
        label="Lønomkostning pr. time, kr.", required=False, max_digits=10, decimal_places=2
    )

    def er_tom(self) -> bool:
        return not self.is_bound or _tom(self.data.get(self.add_prefix("loen_pr_time")))

    def clean_loen_pr_time(self) -> Decimal | None:
        v: Decimal | None = self.cleaned_data.get("loen_pr_time")
        if v is not None and v <= 0:
            raise forms.ValidationError("Lønnen pr. time skal være større end 0.")
        return v

    def inddata(self, ydelse: Ydelse) -> dict[str, Any] | None:
        if self.er_tom():
            return None
        return {"navn": ydelse.navn, "loen_pr_time": self.cleaned_data["loen_pr_time"]}


# --- from the stored calculation to the form ------------------------------------------------


def standard_historik(aar: int, historik: int) -> dict[str, Any]:
    """The years suggested for actual occupancy: the last closed years when the budget is
    made (in the year before): for 2018 with two years, 2015 and 2016."""
    return {f"faktisk{i}_aar": aar - historik - 2 + i for i in range(1, historik + 1)}


def udfyld_pladsydelse(y: Ydelsesinddata, aar: int, historik: int) -> tuple[dict[str, Any], list[str]]:
    """The form's initial values from a stored service, and notes on what was changed to fit."""
    noter: list[str] = []
    initial: dict[str, Any] = {"pladser": y.pladser, "kort_forloeb": y.belaegning.kort_forloeb}
    initial.update(standard_historik(aar, historik))
    if y.belaegning.budgetteret_pct is not None:
        initial["budgetteret_pct"] = y.belaegning.budgetteret_pct
    faktisk = sorted((y.belaegning.faktisk_pct or {}).items())
    if len(faktisk) > historik:
        noter.append(
            f"Beregningen havde faktisk belægning for {len(faktisk)} år; regelbogen bruger {historik}. "
            "De seneste er vist."
        )
        faktisk = faktisk[len(faktisk) - historik :]
    for i, (a, pct) in enumerate(faktisk, start=1):
        initial[f"faktisk{i}_aar"] = a
        initial[f"faktisk{i}_pct"] = pct
    for art in Omkostningsart:
        for nr, b in enumerate((b for b in y.budget if b.art is art), start=1):
            beloeb, note = linjefelter(art, nr)
            initial[beloeb] = b.beloeb
            initial[note] = b.tekst.strip()
    for i, r in enumerate(sorted(y.regulering, key=lambda r: r.aar), start=1):
        initial[f"reg{i}_aar"] = r.aar
        initial[f"reg{i}_resultat"] = r.resultat
        initial[f"reg{i}_grundlag"] = r.grundlag
    return initial, noter


# --- the whole budget page ---------------------------------------------------------------------


@dataclass
class Budgetdel:
    """One register service and its form."""

    ydelse: Ydelse
    form: PladsydelseForm | TillaegForm
    noter: list[str] = field(default_factory=list)

    @property
    def er_tillaeg(self) -> bool:
        return isinstance(self.form, TillaegForm)


@dataclass
class Bevaret:
    """A part of the stored calculation the form does not edit; it is saved unchanged."""

    navn: str
    grund: str
    ydelse: Ydelsesinddata | None = None
    tillaeg: Tillaegsydelse | None = None
    register_navne: list[str] = field(default_factory=list)  # the register services it gives rates


@dataclass
class Budget:
    tilbud: Tilbud
    aar: int
    historik: int
    dele: list[Budgetdel]
    bevaret: list[Bevaret]
    fejl: list[str] = field(default_factory=list)  # errors of the whole budget (not one field)
    noter: list[str] = field(default_factory=list)  # about the stored calculation

    @property
    def pladsdele(self) -> list[Budgetdel]:
        return [d for d in self.dele if isinstance(d.form, PladsydelseForm)]

    @property
    def tillaegsdele(self) -> list[Budgetdel]:
        return [d for d in self.dele if isinstance(d.form, TillaegForm)]

    @classmethod
    def byg(
        cls,
        tilbud: Tilbud,
        aar: int,
        ydelser: Iterable[Ydelse],
        gemt: Mapping[str, Any] | None,
        data: Mapping[str, Any] | None = None,
    ) -> Budget:
        """The page for `tilbud`'s services, prefilled from the stored input `gemt` (JSON)
        and bound to `data` when posted."""
        historik = historik_aar(tilbud.region, aar)
        noter: list[str] = []
        grundlag: Takstgrundlag | None = None
        if gemt is not None:
            try:
                grundlag = Takstgrundlag.model_validate(gemt)
            except PydanticValidationError as fejl:
                noter.append(
                    f"Den gemte takstberegning kunne ikke læses ({pydantic_tekst(fejl)}); "
                    "formularen er derfor tom, og det gemte overskrives, når du beregner."
                )
        ydelser = sorted(ydelser, key=lambda y: (er_tillaeg(y), y.navn))
        gemte_ydelser = {y.navn: y for y in grundlag.ydelser} if grundlag else {}
        gemte_tillaeg = {t.navn: t for t in grundlag.tillaegsydelser} if grundlag else {}
        med_pakker = {n: y for n, y in gemte_ydelser.items() if y.pakker}
        pakkeydelser = {pakkenavn(n, p.navn): n for n, y in med_pakker.items() for p in y.pakker}
        brugt: set[str] = set()
        dele: list[Budgetdel] = []
        i_pakker: dict[str, list[str]] = {}
        for y in ydelser:
            pakke_af = y.navn if y.navn in med_pakker else pakkeydelser.get(y.navn)
            if pakke_af is not None:
                i_pakker.setdefault(pakke_af, []).append(y.navn)
                continue
            p = praefiks(y)
            if er_tillaeg(y):
                t = gemte_tillaeg.get(y.navn)
                if t is not None:
                    brugt.add(f"t:{y.navn}")
                initial = {"loen_pr_time": t.loen_pr_time} if t else {}
                dele.append(Budgetdel(y, TillaegForm(data, prefix=p, initial=initial)))
                continue
            gemt_y = gemte_ydelser.get(y.navn)
            reguleringsraekker = max(MIN_REGULERINGSRAEKKER, len(gemt_y.regulering) if gemt_y else 0)
            if gemt_y is not None:
                brugt.add(f"y:{y.navn}")
                initial, ynoter = udfyld_pladsydelse(gemt_y, aar, historik)
            else:
                initial, ynoter = standard_historik(aar, historik), []
            form = PladsydelseForm(
                data,
                prefix=p,
                initial=initial,
                historik=historik,
                reguleringsraekker=reguleringsraekker,
                linjer=antal_linjer(gemt_y.budget if gemt_y else (), data, p),
            )
            dele.append(Budgetdel(y, form, ynoter))
        bevaret: list[Bevaret] = []
        for navn, gy in gemte_ydelser.items():
            if gy.pakker:
                pakker = ", ".join(pk.navn for pk in gy.pakker)
                bevaret.append(
                    Bevaret(
                        navn,
                        f"Ydelsen har en pakkestruktur ({pakker}). Pakkestrukturer redigeres i "
                        "sagsfilformatet (se README: Case files); her bevares den uændret.",
                        ydelse=gy,
                        register_navne=i_pakker.get(navn, []),
                    )
                )
            elif f"y:{navn}" not in brugt:
                bevaret.append(
                    Bevaret(
                        navn,
                        "Ingen ydelse med pladser i registeret har dette navn; "
                        "den bevares uændret i beregningen.",
                        ydelse=gy,
                    )
                )
        for navn, t in gemte_tillaeg.items():
            if f"t:{navn}" not in brugt:
                bevaret.append(
                    Bevaret(
                        navn,
                        "Ingen tillægsydelse (takst pr. time) i registeret har dette navn; "
                        "den bevares uændret i beregningen.",
                        tillaeg=t,
                    )
                )
        return cls(tilbud, aar, historik, dele, bevaret, noter=noter)

    def er_gyldig(self) -> bool:
        """Every form is valid (run them all, so every error is shown)."""
        gyldige = [d.form.is_valid() for d in self.dele]
        return all(gyldige)

    def inddata(self) -> dict[str, Any] | None:
        """The engine's input (valid forms); None, with `fejl`, when nothing is budgeted."""
        ydelser: list[Any] = []
        tillaeg: list[Any] = []
        for d in self.dele:
            i = d.form.inddata(d.ydelse)
            if i is not None:
                (tillaeg if d.er_tillaeg else ydelser).append(i)
        if not ydelser and not tillaeg:
            self.fejl.append("Udfyld budgettet for mindst én ydelse.")
            return None
        ydelser += [b.ydelse.model_dump(mode="json") for b in self.bevaret if b.ydelse is not None]
        tillaeg += [b.tillaeg.model_dump(mode="json") for b in self.bevaret if b.tillaeg is not None]
        return {
            "tilbud": self.tilbud.navn,
            "region": self.tilbud.region,
            "aar": self.aar,
            "ydelser": ydelser,
            "tillaegsydelser": tillaeg,
        }

    def del_for(self, navn: str) -> Budgetdel | None:
        """The part of the page that edits the engine service or add-on `navn`."""
        return next((d for d in self.dele if d.ydelse.navn == navn), None)

    def placer_motorfejl(
        self, inddata: dict[str, Any], fejl: Exception, beregn: Callable[[Takstgrundlag], object]
    ) -> None:
        """Show an engine error next to the service it comes from: each service is computed
        on its own to find it; an error no single service gives belongs to the whole budget."""
        fundet = False
        for noegle in ("ydelser", "tillaegsydelser"):
            for del_inddata in inddata[noegle]:
                alene = {**inddata, "ydelser": [], "tillaegsydelser": [], noegle: [del_inddata]}
                try:
                    beregn(Takstgrundlag.model_validate(alene))
                except MOTORFEJL as f:
                    d = self.del_for(del_inddata["navn"])
                    tekst = f"Taksten kan ikke beregnes: {motorfejl(f)}"
                    if d is not None:
                        d.form.add_error(None, tekst)
                    else:
                        self.fejl.append(f"{del_inddata['navn']}: {tekst}")
                    fundet = True
        if not fundet:
            self.fejl.append(f"Taksten kan ikke beregnes: {motorfejl(fejl)}")
