"""The use cases of the scenario area, each in one transaction on the set's row (held with
`select_for_update`): a set created or changed, a change added (to a scenario, or a new one),
a change removed (with its scenario when it was the last), a service's objectively financed
share set or removed. Each compares the version the page
showed with the stored one (a stale page is refused, `Foraeldet`) and raises the set's version,
so every page of the set knows it changed. The engine checks the changed set (`selectors`); a
change it cannot use is refused and nothing is written."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.faelles.motorfejl import MOTORFEJL, motorfejl
from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    aendringer,
    konflikt,
    nye_vaerdier,
    set_version,
    vis_vaerdi,
)
from socialstyring.web.register.models import Rammeaftale
from socialstyring.web.scenarie import selectors
from socialstyring.web.scenarie.forms import SAETFELTER, AendringForm, ObjektivForm, SaetForm
from socialstyring.web.scenarie.models import Aendring, Objektivandel, Scenarie, Scenariesaet


def _laas(saet: Scenariesaet, version: int) -> Scenariesaet:
    s = Scenariesaet.objects.select_for_update().get(pk=saet.pk)
    k = konflikt(f"Scenariesættet {s.navn}", s, version, {})
    if k is not None:
        raise Foraeldet([k])
    return s


def _tjek(saet: Scenariesaet, bruger: Bruger) -> None:
    """The engine must be able to compute the set as it now stands (inside the transaction)."""
    try:
        selectors.beregn(saet, bruger)
    except MOTORFEJL as fejl:
        raise ValidationError(f"Scenarierne kan ikke beregnes med ændringen: {motorfejl(fejl)}") from None


@transaction.atomic
def opret_saet(aftale: Rammeaftale, form: SaetForm) -> Scenariesaet:
    d = form.cleaned_data
    s = Scenariesaet(
        rammeaftale=aftale, navn=d["navn"], aar=d["aar"], stablet=d["stablet"], beskrivelse=d["beskrivelse"]
    )
    s.full_clean()
    s.save()
    return s


@transaction.atomic
def ret_saet(saet: Scenariesaet, form: SaetForm, bruger: Bruger) -> Scenariesaet:
    s = Scenariesaet.objects.select_for_update().get(pk=saet.pk)
    felter = aendringer(form, SAETFELTER)
    k = konflikt(f"Scenariesættet {s.navn}", s, set_version(form), felter)
    if k is not None:
        raise Foraeldet([k])
    nye = nye_vaerdier(s, felter)
    if not nye:
        return s
    for navn, v in nye.items():
        setattr(s, navn, v)
    s.full_clean()
    s.save()
    _tjek(s, bruger)
    return s


@transaction.atomic
def tilfoej_aendring(saet: Scenariesaet, form: AendringForm, bruger: Bruger) -> Aendring:
    s = _laas(saet, set_version(form))
    d = form.cleaned_data
    scenarie: Scenarie | None = d["scenarie"]
    if scenarie is None:
        if s.scenarier.filter(navn=d["nyt_navn"]).exists():
            raise ValidationError(f"Sættet har allerede et scenarie, der hedder {d['nyt_navn']}.")
        nr = (s.scenarier.aggregate(m=Max("nr"))["m"] or 0) + 1
        scenarie = Scenarie.objects.create(saet=s, navn=d["nyt_navn"], nr=nr)
    nr = (scenarie.aendringer.aggregate(m=Max("nr"))["m"] or 0) + 1
    a = Aendring(
        scenarie=scenarie, nr=nr, art=d["art"], vaerdi=d["vaerdi"], maalgruppe=d["maalgruppe"],
        ydelse=d["ydelse"], overheaddel=d["overheaddel"] or "", opholdstid_foer=d.get("opholdstid_foer"),
        kommune=d.get("kommune"), aarlig_pris=d.get("aarlig_pris"),
    )  # fmt: skip
    a.full_clean()
    a.save()
    s.save()
    _tjek(s, bruger)
    return a


@transaction.atomic
def fjern_aendring(saet: Scenariesaet, aendring_id: int, version: int) -> str:
    """Remove a change of the set (404 elsewhere is the view's); returns what was removed."""
    s = _laas(saet, version)
    a = Aendring.objects.select_related("scenarie").filter(pk=aendring_id, scenarie__saet=s).first()
    if a is None:
        raise ValidationError("Ændringen findes ikke (længere) i sættet.")
    scenarie = a.scenarie
    tekst = f"{scenarie.navn}: {a.get_art_display()}"
    a.delete()
    if not scenarie.aendringer.exists():
        scenarie.delete()
    s.save()
    return tekst


@transaction.atomic
def saet_objektivandel(saet: Scenariesaet, form: ObjektivForm, bruger: Bruger) -> str:
    """Set a service's objectively financed share in the set's baseline (0 removes it); the
    engine checks the set with it. Returns what was done, in words."""
    s = _laas(saet, set_version(form))
    d = form.cleaned_data
    ydelse, andel = d["ydelse"], d["andel_pct"]
    a = Objektivandel.objects.select_for_update().filter(saet=s, ydelse=ydelse).first()
    if not andel:
        if a is None:
            raise ValidationError(f"{ydelse} har ingen objektivt finansieret andel at fjerne.")
        a.delete()
        tekst = f"Den objektivt finansierede andel af {ydelse} er fjernet; ydelsen er takstfinansieret."
    else:
        if a is None:
            a = Objektivandel(saet=s, ydelse=ydelse, andel_pct=andel)
        a.andel_pct = andel
        a.full_clean()
        a.save()
        tekst = f"{ydelse} er {vis_vaerdi(a.andel_pct)} % objektivt finansieret i sættets grundlag."
    s.save()
    _tjek(s, bruger)
    return tekst
