"""The navigation bar and the reporting year: what each role is offered where.

`navigering` is a template context processor (settings `TEMPLATES`): every page gets
`navigering`, a lazy `Navigering` that works out the bar's entries the first time a
template asks (so a page that never shows the bar, e.g. a PDF, costs no queries).
Who may do what is still `adgang`'s decision; this module only picks the links:

- everyone logged in with a role: Forside, Tilbud (the register), Katalog (the latest
  published catalogue of the user's agreement, when there is one) and Ændringer;
- the secretariat (and superusers): Takstindberetning, the overview of every operator's
  report for the reporting year;
- operator staff: Takstindberetning, their own operator's report for the reporting year;
- readers: no Takstindberetning (reports are drafts until the catalogue is published);
- every role: Ledelsesinformation, the management information of the latest pair of
  consecutive years with accounts that the user may see (`ledelsesinfo_aarpar`,
  `adgang.kan_se_ledelsesinfo`), when there is one.

**The reporting year** (`indberetningsaar`) is a rule, not a setting: the latest year
that has figures (`Ydelsesaar` rows) in the agreement and no published catalogue. When
every year with figures is published, it is the latest year with figures (the
secretariat can still publish a new version of it); with no figures at all, next
calendar year (reports are about next year's rates). In the demo it is 2018: 2016 and
2017 are published, 2018 is being reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from socialstyring.web.register import adgang
from socialstyring.web.register.models import Brugerprofil, Rammeaftale, Rolle, Ydelsesaar
from socialstyring.web.takster.models import Katalog, Regnskab


def _aftaler(rammeaftale: Rammeaftale | QuerySet[Rammeaftale] | None) -> QuerySet[Rammeaftale]:
    if rammeaftale is None:
        return Rammeaftale.objects.all()
    if isinstance(rammeaftale, Rammeaftale):
        return Rammeaftale.objects.filter(pk=rammeaftale.pk)
    return rammeaftale


def indberetningsaar(rammeaftale: Rammeaftale | QuerySet[Rammeaftale] | None = None) -> int:
    """The year being reported in the agreement (or agreements; None: all) — see the
    module's docstring for the rule."""
    aftaler = _aftaler(rammeaftale)
    med_tal = set(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale__in=aftaler)
        .values_list("aar", flat=True)
        .distinct()
    )
    if not med_tal:
        return timezone.localdate().year + 1
    offentliggjort = set(
        Katalog.objects.filter(rammeaftale__in=aftaler, aar__in=med_tal).values_list("aar", flat=True)
    )
    uden_katalog = med_tal - offentliggjort
    return max(uden_katalog) if uden_katalog else max(med_tal)


def seneste_katalog(rammeaftale: Rammeaftale | QuerySet[Rammeaftale] | None = None) -> Katalog | None:
    """The latest version of the latest year's published catalogue, if any."""
    return (
        Katalog.objects.filter(rammeaftale__in=_aftaler(rammeaftale))
        .select_related("rammeaftale")
        .order_by("-aar", "-version")
        .first()
    )


def aar_med_regnskab(rammeaftale: Rammeaftale) -> set[int]:
    """The years with accounts in the agreement: an offer's `Regnskab` or a service's
    accounts (costs or year-places) on its `Ydelsesaar`."""
    aar = set(
        Regnskab.objects.filter(tilbud__driftsherre__rammeaftale=rammeaftale)
        .values_list("aar", flat=True)
        .distinct()
    )
    aar |= set(
        Ydelsesaar.objects.filter(ydelse__tilbud__driftsherre__rammeaftale=rammeaftale)
        .filter(Q(regnskab__isnull=False) | Q(faktiske_aarspladser__isnull=False))
        .values_list("aar", flat=True)
        .distinct()
    )
    return aar


def ledelsesinfo_aarpar(rammeaftale: Rammeaftale) -> list[tuple[int, int]]:
    """The pairs of consecutive years (previous, current) that both have accounts in the
    agreement, latest first: the years the management information can compare."""
    aar = aar_med_regnskab(rammeaftale)
    return [(a - 1, a) for a in sorted(aar, reverse=True) if a - 1 in aar]


@dataclass(frozen=True)
class Punkt:
    """One entry of the bar."""

    noegle: str
    tekst: str
    url: str
    aktiv: bool
    titel: str = ""  # the link's tooltip


AFSNIT: dict[str, tuple[str, ...]] = {
    "forside": ("takster:forside",),
    "tilbud": ("register:", "takster:takst", "takster:budget"),
    "indberetning": ("takster:indberetning", "takster:excel_"),
    "katalog": ("takster:katalog",),
    "aendringer": ("takster:aendring",),
    "ledelsesinfo": ("takster:ledelsesinfo",),
}
"""Which URL names (prefixes of `namespace:name`) belong to which entry of the bar."""


def _afsnit(request: HttpRequest) -> str | None:
    match = request.resolver_match
    if match is None:
        return None
    navn = match.view_name
    for noegle, praefikser in AFSNIT.items():
        if any(navn.startswith(p) for p in praefikser):
            return noegle
    return None


class Navigering:
    """The bar for one request (lazy: nothing is queried until a template asks)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def profil(self) -> Brugerprofil | None:
        return adgang.profil(self.request.user)

    @cached_property
    def superbruger(self) -> bool:
        return adgang.er_superbruger(self.request.user)

    @cached_property
    def rolle(self) -> str | None:
        """The role's key (`Rolle`), "superbruger", or None (not logged in, or no role)."""
        if self.profil is not None:
            return self.profil.rolle
        return "superbruger" if self.superbruger else None

    @cached_property
    def rolle_tekst(self) -> str:
        """ "Sekretariat, Rammeaftale Midtjylland", "Driftsherre: Aarhus Kommune", …"""
        p = self.profil
        if p is None:
            return "Superbruger" if self.superbruger else ""
        if p.rolle == Rolle.DRIFTSHERRE and p.driftsherre is not None:
            return f"Driftsherre: {p.driftsherre.navn}"
        return f"{p.get_rolle_display()}, {p.rammeaftale.navn}"

    @cached_property
    def rammeaftaler(self) -> QuerySet[Rammeaftale]:
        return adgang.synlige_rammeaftaler(self.request.user)

    @cached_property
    def aar(self) -> int:
        """The reporting year of the user's agreement(s)."""
        return indberetningsaar(self.rammeaftaler)

    @cached_property
    def katalog(self) -> Katalog | None:
        return seneste_katalog(self.rammeaftaler)

    @cached_property
    def ledelsesinfo(self) -> tuple[Rammeaftale, int, int] | None:
        """The agreement and the latest pair of years of management information the user
        may see, if any."""
        if self.rolle is None:
            return None
        for aftale in self.rammeaftaler.order_by("kode"):
            for forrige, aar in ledelsesinfo_aarpar(aftale):
                if adgang.kan_se_ledelsesinfo(self.request.user, aftale, forrige, aar):
                    return aftale, forrige, aar
        return None

    def _indberetning_url(self) -> str | None:
        p = self.profil
        if self.superbruger or (p is not None and p.rolle == Rolle.SEKRETARIAT):
            return reverse("takster:indberetning_oversigt", args=[self.aar])
        if p is not None and p.rolle == Rolle.DRIFTSHERRE and p.driftsherre_id is not None:
            return reverse("takster:indberetning", args=[p.driftsherre_id, self.aar])
        return None

    @cached_property
    def punkter(self) -> list[Punkt]:
        if self.rolle is None:
            return []
        aktiv = _afsnit(self.request)
        k = self.katalog
        indberetning = self._indberetning_url()
        punkter: list[tuple[str, str, str | None, str]] = [
            ("forside", "Forside", reverse("takster:forside"), "Overblik"),
            ("tilbud", "Tilbud", reverse("register:tilbud_liste"), "Tilbudsregistret"),
            (
                "indberetning",
                "Takstindberetning",
                indberetning,
                f"Takstindberetningen for {self.aar}" if indberetning else "",
            ),
            (
                "katalog",
                "Katalog",
                reverse("takster:katalog", args=[k.rammeaftale.kode, k.aar]) if k else None,
                f"Tilbud og takster {k.aar}" if k else "",
            ),
            ("aendringer", "Ændringer", reverse("takster:aendring_liste"), "Ændringer i året"),
        ]
        if (li := self.ledelsesinfo) is not None:
            aftale, forrige, aar = li
            punkter.append(
                (
                    "ledelsesinfo",
                    "Ledelsesinformation",
                    reverse("takster:ledelsesinfo", args=[aftale.kode, forrige, aar]),
                    f"Ledelsesinformation {forrige}–{aar}",
                )
            )
        return [Punkt(n, t, u, n == aktiv, titel) for n, t, u, titel in punkter if u is not None]


def navigering(request: HttpRequest) -> dict[str, Navigering]:
    """Template context processor: `navigering` on every page."""
    return {"navigering": Navigering(request)}
