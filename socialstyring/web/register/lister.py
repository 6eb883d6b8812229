"""The register's list of offers (`register:tilbud_liste`): its rows — each offer with its
latest category and places in the latest year the user sees (`Aarsadgang`) — and its table:
search, filters (operator, target group, category, open or closed), sortable columns, paging
and the Excel download (`lister.liste`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from socialstyring.beregning.kerne.typer import Pladstype
from socialstyring.web.kategori.selectors import Listevaerdi, listevaerdi
from socialstyring.web.lister.liste import Filter, Kolonne, Liste, tal
from socialstyring.web.register import adgang
from socialstyring.web.register.models import Tilbud, Ydelsesaar


@dataclass(frozen=True)
class Listeraekke:
    tilbud: Tilbud
    kategori: Listevaerdi | None
    aar: int | None  # the latest year with figures the user may see
    doegnpladser: Decimal | None
    dagpladser: Decimal | None

    @property
    def maalgruppe(self) -> str | None:
        return self.tilbud.maalgruppe.navn if self.tilbud.maalgruppe else None

    @property
    def kategoritekst(self) -> str | None:
        """The category as the page shows it: "Omfattet af rammeaftalen (manuel, 2017)"."""
        k = self.kategori
        if k is None:
            return None
        noter = (["manuel"] if k.manuel else []) + ([str(k.aar)] if k.aar != self.aar else [])
        return f"{k.label} ({', '.join(noter)})" if noter else k.label


Aarstal = tuple[int, Decimal | None, str]  # a service year: (year, places, the service's place type)


def listeraekker(b: adgang.Bruger) -> list[Listeraekke]:
    """Every offer the user sees, by name: the categories prefetched as lists (no queryset per
    offer), every service year read as plain values in one query."""
    synlige = adgang.synlige_tilbud(b)
    aarstal: dict[int, list[Aarstal]] = {}
    for t_id, aar, pladser, art in Ydelsesaar.objects.filter(ydelse__tilbud__in=synlige).values_list(
        "ydelse__tilbud_id", "aar", "pladser", "ydelse__pladstype"
    ):
        aarstal.setdefault(t_id, []).append((aar, pladser, art))
    tilbud = synlige.select_related("driftsherre", "maalgruppe").order_by("navn", "pk")
    ser, kategorier = adgang.Aarsadgang(b), Prefetch("kategoriseringer", to_attr="kategorier")
    return [listeraekke(t, ser, aarstal.get(t.pk, [])) for t in tilbud.prefetch_related(kategorier)]


def listeraekke(t: Tilbud, ser: adgang.Aarsadgang, aarstal: list[Aarstal]) -> Listeraekke:
    """The offer's latest category and places by kind in the latest year the user may see."""
    kategorier = [k for k in t.kategorier if k.kategori and ser(t.driftsherre, k.aar)]  # type: ignore[attr-defined]
    seneste_kategori = max(kategorier, key=lambda k: k.aar, default=None)
    synlige = [a for a in aarstal if ser(t.driftsherre, a[0])]
    seneste = max((a[0] for a in synlige), default=None)

    def pladser(pladstype: str) -> Decimal | None:
        tal_ = [p for aar, p, art in synlige if aar == seneste and art == pladstype and p is not None]
        return sum(tal_, Decimal(0)) if tal_ else None

    return Listeraekke(
        t,
        listevaerdi(seneste_kategori) if seneste_kategori else None,
        seneste,
        pladser(Pladstype.DOEGN),
        pladser(Pladstype.DAG),
    )


TILBUDSLISTE: Liste[Listeraekke] = Liste(
    url_navn="register:tilbud_liste",
    titel="Tilbudsregister",
    flertal="tilbud",
    standard="tilbud",
    kolonner=(
        Kolonne(
            "tilbud",
            "Tilbud",
            lambda r: r.tilbud.navn + (" (lukket)" if r.tilbud.lukket_fra else ""),
            bredde=36,
            sortering=lambda r: r.tilbud.navn,
        ),
        Kolonne("driftsherre", "Driftsherre", lambda r: r.tilbud.driftsherre.navn, bredde=26),
        Kolonne("lovgrundlag", "Lovgrundlag", lambda r: r.tilbud.paragraf, bredde=14),
        Kolonne("maalgruppe", "Målgruppe", lambda r: r.maalgruppe, bredde=24),
        Kolonne("kategori", "Kategori", lambda r: r.kategoritekst, bredde=40),
        Kolonne("aar", "År", lambda r: r.aar, art="tal", bredde=8),
        Kolonne("doegnpladser", "Døgnpladser", lambda r: tal(r.doegnpladser), art="decimal", bredde=12),
        Kolonne("dagpladser", "Dagpladser", lambda r: tal(r.dagpladser), art="decimal", bredde=12),
    ),
    soeg=lambda r: (
        r.tilbud.navn,
        r.tilbud.driftsherre.navn,
        r.tilbud.paragraf,
        r.maalgruppe or "",
        r.kategori.label if r.kategori else "",
    ),
    filtre=(
        Filter(
            "driftsherre",
            "Driftsherre",
            "Alle driftsherrer",
            lambda r: [(str(r.tilbud.driftsherre_id), r.tilbud.driftsherre.navn)],
            id=True,
        ),
        Filter(
            "maalgruppe",
            "Målgruppe",
            "Alle målgrupper",
            lambda r: [(str(m.pk), m.navn)] if (m := r.tilbud.maalgruppe) else [],
            id=True,
        ),
        Filter(
            "kategori",
            "Kategori",
            "Alle kategorier",
            lambda r: [(r.kategori.kode, r.kategori.label)] if r.kategori else [],
        ),
        Filter(
            "status",
            "Status",
            "Åbne og lukkede",
            lambda r: [("lukket", "Lukkede")] if r.tilbud.lukket_fra else [("aaben", "Åbne")],
            orden=("aaben", "lukket"),
        ),
    ),
)
