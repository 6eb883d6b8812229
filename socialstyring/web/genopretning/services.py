"""The use cases of the reduction plans, each in one transaction: a plan created; its settings,
targets and unallocated effect changed; a year added after the last; an initiative created,
changed with its expected effects, deleted or restored; the realised effects of a year entered. A stale
page is refused (`Foraeldet`, with what changed) for what the user changed; a plan the engine
cannot compute on is refused (`ValidationError`), and nothing is written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import ValidationError as Inputfejl

from socialstyring.web.faelles.motorfejl import pydantic_tekst
from socialstyring.web.faelles.samtidighed import (
    Foraeldet,
    Konflikt,
    aendringer,
    gem_ny,
    konflikt,
    nye_vaerdier,
    set_version,
)
from socialstyring.web.genopretning import selectors
from socialstyring.web.genopretning.forms import INITIATIVFELTER, PLANFELTER, Celle, NytAarForm
from socialstyring.web.genopretning.models import Effekt, Initiativ, Maal, Plan, Realiseret, Ufordelt
from socialstyring.web.register.models import MAKS_AAR, Kommune


def _laas(plan: Plan) -> Plan:
    """Hold the plan's row: one save of a plan at a time."""
    return Plan.objects.select_for_update().get(pk=plan.pk)


def _tjek(plan: Plan) -> None:
    """Refuse figures the engine cannot use (inside the transaction: nothing is written)."""
    try:
        selectors.grundlag(plan)
    except Inputfejl as fejl:
        raise ValidationError(pydantic_tekst(fejl)) from None


def _gem_felter(obj: Any, form: forms.Form, felter: tuple[str, ...], hvad: str) -> list[Konflikt]:
    """Write what the user changed of `felter` to `obj` (locked); a conflict if it is stale."""
    aendret = aendringer(form, felter)
    if not aendret:
        return []
    k = konflikt(hvad, obj, set_version(form), aendret)
    if k is not None:
        return [k]
    nye = nye_vaerdier(obj, aendret)
    if nye:
        for navn, v in nye.items():
            setattr(obj, navn, v)
        obj.full_clean()
        obj.save()
    return []


def _gem_celler(
    form: forms.Form, celler: list[Celle], ekstra: dict[str, Any] | None = None
) -> list[Konflikt]:
    """Write the cells the user changed (an empty cell deletes its record); the conflicts of
    those another save changed after the page was opened (then the caller writes nothing)."""
    konflikter: list[Konflikt] = []
    skriv: list[tuple[Celle, Any, Decimal | None]] = []
    for c in celler:
        aendret = aendringer(form, [c.felt])
        if not aendret:
            continue
        noegle = {**c.noegle, **(ekstra or {})}
        r: Any = c.model._default_manager.select_for_update().filter(**noegle).first()
        _, saa, skrev = aendret[c.felt]
        k = konflikt(c.label, r, form.cleaned_data.get(c.versionsfelt) or 0, {c.attr: (c.label, saa, skrev)})
        if k is not None:
            konflikter.append(k)
        elif (getattr(r, c.attr) if r is not None else None) != skrev:
            skriv.append((c, r, skrev))
    if konflikter:
        return konflikter
    for c, r, ny in skriv:
        if ny is None:
            if r is not None:
                r.delete()
            continue
        ny_post = r is None
        r = r or c.model(**c.noegle, **(ekstra or {}))
        setattr(r, c.attr, ny)
        r.full_clean(validate_unique=not ny_post, validate_constraints=not ny_post)
        if ny_post:
            gem_ny(r, c.label)
        else:
            r.save()
    return []


@transaction.atomic
def opret_plan(kommune: Kommune, form: forms.Form) -> Plan:
    """A new plan of `kommune` with its years (targets 0, to be entered)."""
    d = form.cleaned_data
    if Plan.objects.filter(kommune=kommune, navn=d["navn"]).exists():
        raise ValidationError(f"Kommunen har allerede en plan med navnet {d['navn']}.")
    plan = Plan(kommune=kommune, navn=d["navn"], beskrivelse=d["beskrivelse"] or "")
    plan.full_clean()
    gem_ny(plan, f"Planen {plan.navn}")
    for aar in range(d["foerste_aar"], d["foerste_aar"] + d["antal_aar"]):
        Maal.objects.create(plan=plan, aar=aar, beloeb=Decimal(0))
    return plan


@transaction.atomic
def gem_plan(plan: Plan, form: forms.Form, celler: list[Celle]) -> None:
    """The plan's settings and its years' targets and unallocated effect, as the user changed them."""
    p = _laas(plan)
    konflikter = _gem_felter(p, form, PLANFELTER, f"Planen {p.navn}") + _gem_celler(form, celler)
    if konflikter:
        raise Foraeldet(konflikter)
    _tjek(p)


@transaction.atomic
def gem_initiativ(
    plan: Plan, initiativ: Initiativ | None, form: forms.Form, celler: list[Celle]
) -> Initiativ:
    """Create (`initiativ` None) or change an initiative and its expected effects."""
    p = _laas(plan)
    if initiativ is None:
        d = form.cleaned_data
        if p.initiativer.filter(navn=d["navn"]).exists():
            raise ValidationError(f"Planen har allerede et initiativ med navnet {d['navn']}.")
        i = Initiativ(plan=p, **{f: d[f] or "" for f in INITIATIVFELTER})
        i.full_clean()
        gem_ny(i, f"Initiativet {i.navn}")
        konflikter = _gem_celler(form, celler, {"initiativ_id": i.pk})
    else:
        i = Initiativ.objects.select_for_update().get(pk=initiativ.pk)
        navn = form.cleaned_data.get("navn")
        if navn != i.navn and p.initiativer.filter(navn=navn).exclude(pk=i.pk).exists():
            raise ValidationError(f"Planen har allerede et initiativ med navnet {navn}.")
        konflikter = _gem_felter(i, form, INITIATIVFELTER, f"Initiativet {i.navn}") + _gem_celler(
            form, celler
        )
    if konflikter:
        raise Foraeldet(konflikter)
    _tjek(p)
    return i


@transaction.atomic
def gem_realiseret(plan: Plan, form: forms.Form, celler: list[Celle]) -> None:
    """The realised effects of the initiatives' quarters, as the user entered them."""
    p = _laas(plan)
    konflikter = _gem_celler(form, celler)
    if konflikter:
        raise Foraeldet(konflikter)
    _tjek(p)


@transaction.atomic
def tilfoej_aar(plan: Plan, form: NytAarForm) -> int:
    """Add the year after the plan's last, with its target (and unallocated effect); returns
    the year. The plan's version is raised, so a page opened before is refused as stale."""
    p = _laas(plan)
    k = konflikt(f"Planen {p.navn}", p, set_version(form), {})
    if k is not None:
        raise Foraeldet([k])
    aar = selectors.naeste_aar(p)
    if aar > MAKS_AAR:
        raise ValidationError(f"Planen kan ikke få et år efter {MAKS_AAR}.")
    d = form.cleaned_data
    m = Maal(plan=p, aar=aar, beloeb=d["maal"])
    m.full_clean()
    gem_ny(m, f"Reduktionsmål {aar}")
    if d.get("ufordelt") is not None:
        u = Ufordelt(plan=p, aar=aar, beloeb=d["ufordelt"])
        u.full_clean()
        gem_ny(u, f"Ufordelt {aar}")
    p.save()
    _tjek(p)
    return aar


@transaction.atomic
def slet_initiativ(plan: Plan, initiativ_id: int, version: int) -> str:
    """Delete an initiative with its expected and realised effects; returns its name. Each
    record keeps its history (who deleted it and when), from where `socialstyring historik
    gendan` restores it. A page that showed an older version of the initiative is refused."""
    p = _laas(plan)
    i = Initiativ.objects.select_for_update().filter(pk=initiativ_id, plan=p).first()
    if i is None:
        raise ValidationError("Initiativet findes ikke (længere) i planen.")
    k = konflikt(f"Initiativet {i.navn}", i, version, {})
    if k is not None:
        raise Foraeldet([k])
    navn = i.navn
    for barn in [*i.effekter.all(), *i.realiseret.all()]:
        barn._change_reason = MED_INITIATIVET  # type: ignore[attr-defined]  # what `gendan_initiativ` restores
        barn.delete()
    i.delete()
    _tjek(p)
    return navn


MED_INITIATIVET = "Slettet med initiativet"
"""The history's reason on an effect deleted with its initiative (`slet_initiativ`)."""


@transaction.atomic
def gendan_initiativ(plan: Plan, history_id: int) -> str:
    """Restore a deleted initiative of the plan (its version `history_id`, the deletion) with the
    expected and realised effects deleted with it; each restore is a new version ("Gendannet fra
    version <id>"). Refused when it is restored already or another initiative has its name."""
    p = _laas(plan)
    post = Initiativ.history.filter(history_id=history_id, plan_id=p.pk, history_type="-").first()
    if post is None:
        raise ValidationError("Sletningen findes ikke i planens historik.")
    if Initiativ.objects.filter(pk=post.id).exists():
        raise ValidationError(f"Initiativet {post.navn} er allerede gendannet.")
    if p.initiativer.filter(navn=post.navn).exists():
        raise ValidationError(f"Planen har nu et andet initiativ, der hedder {post.navn}; omdøb det først.")
    i = _gendan(post)
    for model in (Effekt, Realiseret):
        seneste: dict[int, Any] = {}
        for h in model.history.filter(initiativ_id=i.pk).order_by("history_date", "history_id"):
            seneste[h.id] = h
        for h in seneste.values():
            if h.history_type == "-" and h.history_change_reason == MED_INITIATIVET:
                _gendan(h)
    _tjek(p)
    return str(i.navn)


def _gendan(post: Any) -> Any:
    """The record of a deletion's history row again, its version counting on from the deleted one."""
    obj = post.instance
    obj._state.adding = True
    obj.version = post.version
    obj._change_reason = f"Gendannet fra version {post.history_id}"
    obj.full_clean(validate_unique=False, validate_constraints=False)
    gem_ny(obj, str(obj))
    return obj
