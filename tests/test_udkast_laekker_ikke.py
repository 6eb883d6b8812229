"""Readers and other operators see exactly what is published (issue 9, point 2).

The rule is one (`register.adgang.Aarsadgang`): an operator's figures for a year are its draft;
its own staff and the secretariat see them always, everyone else of the agreement only while
the year's latest published catalogue contains the operator and its report is still the
submission the catalogue was built from. The first tests try the rule itself on the small
register (tests/registerdata.py); the last ones walk every page of the project on the demo.

**The walk.** Distinctive draft values are planted in the demo — a rate of 987.654,32 kr. and
the text HEMMELIGT-UDKAST-AARHUS in Aarhus' 2018 figures, category, budget, in-year change
and closure statement; 876.543,21 kr. in Favrskov's (no report); 765.432,19 kr. in Herning's
(submitted) — and every URL pattern of the project is requested (GET, every year and object
of the scenario) as the reader, as the region's staff (another operator), and as Herning's
and Aarhus' staff (each the owner of its own values, which it may see, and another operator
to the rest). No response may contain a value the role may not see: HTML, JSON, SVG, the
Excel files (unzipped, every XML part searched) and the PDFs (the HTML the PDF is made from:
WeasyPrint is replaced by a stand-in that returns it). Twice: while 2018 is unpublished, and
after a partial publication of 2018 (Herning, Viborg and the region in, 17 operators missing),
with Herning then submitting new figures (765.432,19 kr.) that are not published, and Viborg
having had a draft value (654.321,98 kr.) before the submission that was published — its
history must leave the draft phase out. The owners and the secretariat do see the values
(the controls that show the values are planted where the pages would show them).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from registerdata import OFFENTLIGT_AAR, UDKAST_AAR, Registerdata, opret_registerdata, takstgrundlag
from test_adgang_matrix import url_moenstre

from socialstyring.beregning.lukning import Lukningsgrundlag, beregn_lukning
from socialstyring.io.cases import laes_case
from socialstyring.regler import regelbog
from socialstyring.web.aendringer import selectors as aendringsselektorer
from socialstyring.web.aendringer import services as aendringsservices
from socialstyring.web.katalog import services as katalog
from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.register import adgang
from socialstyring.web.register.models import (
    Driftsherre,
    Indberetningsstatus,
    Katalog,
    Kategorisering,
    Rammeaftale,
    Takstberegning,
    Takstindberetning,
    Tilbud,
    Ydelsesaar,
)
from socialstyring.web.takstberegning.adgang import synlige_takstberegninger

pytestmark = pytest.mark.django_db

CASES = Path(__file__).parent / "cases"


# --- the rule on the small register ------------------------------------------------------------


@pytest.fixture
def data() -> Registerdata:
    return opret_registerdata()


def _ser(data: Registerdata, rolle: str, driftsherre: Driftsherre, aar: int) -> bool:
    return adgang.kan_se_aar(data.bruger(rolle), driftsherre, aar)


def test_offentliggjort_aar_ses_af_alle_i_aftalen(data: Registerdata) -> None:
    # 2017: Aarhus' and Randers' approved reports are in the catalogue
    for rolle in ("sekretariat", "driftsherre", "driftsherre_anden", "laeser"):
        assert _ser(data, rolle, data.aarhus, OFFENTLIGT_AAR), rolle
    assert not _ser(data, "sekretariat_anden", data.aarhus, OFFENTLIGT_AAR)
    # 2018 has no catalogue: the operator's own staff and the secretariat only
    assert _ser(data, "driftsherre", data.aarhus, UDKAST_AAR)
    assert _ser(data, "sekretariat", data.aarhus, UDKAST_AAR)
    assert not _ser(data, "driftsherre_anden", data.aarhus, UDKAST_AAR)
    assert not _ser(data, "laeser", data.aarhus, UDKAST_AAR)


def test_driftsherre_uden_for_kataloget_viser_intet(data: Registerdata) -> None:
    """The region has no 2017 report: it is listed as missing, and nothing of its 2017 shows."""
    assert [m["navn"] for m in Katalog.objects.get(aar=OFFENTLIGT_AAR).indhold["mangler"]] == [
        "Region Midtjylland"
    ]
    assert not _ser(data, "laeser", data.region, OFFENTLIGT_AAR)
    assert not _ser(data, "driftsherre", data.region, OFFENTLIGT_AAR)
    assert _ser(data, "sekretariat", data.region, OFFENTLIGT_AAR)


def test_et_katalog_uden_driftsherren_aabner_ikke_aaret(data: Registerdata) -> None:
    """A catalogue of the year is not enough: it must contain the operator (here an empty
    stored catalogue, and one published while Aarhus had no submitted report)."""
    Katalog.objects.create(rammeaftale=data.midt, aar=UDKAST_AAR, indhold={})
    assert not _ser(data, "laeser", data.aarhus, UDKAST_AAR)
    katalog.offentliggoer(data.midt, UDKAST_AAR, None)
    assert not _ser(data, "laeser", data.aarhus, UDKAST_AAR)
    Takstindberetning.objects.create(
        driftsherre=data.aarhus, aar=UDKAST_AAR, status="indsendt", indsendt=timezone.now()
    )
    assert not _ser(data, "laeser", data.aarhus, UDKAST_AAR)  # submitted, not yet published
    katalog.offentliggoer(data.midt, UDKAST_AAR, None)
    assert _ser(data, "laeser", data.aarhus, UDKAST_AAR)
    assert _ser(data, "driftsherre_anden", data.aarhus, UDKAST_AAR)


def test_genaabnet_eller_genindsendt_er_udkast_igen(data: Registerdata) -> None:
    """After the publication the report is reopened: the figures may change, so they are a
    draft again; submitted again, they are still not what was published until a new version."""
    i = Takstindberetning.objects.get(driftsherre=data.aarhus, aar=OFFENTLIGT_AAR)
    i.genaabn()
    i.save()
    assert not _ser(data, "laeser", data.aarhus, OFFENTLIGT_AAR)
    assert _ser(data, "driftsherre", data.aarhus, OFFENTLIGT_AAR)
    assert _ser(data, "laeser", data.randers, OFFENTLIGT_AAR)  # Randers' report is untouched
    i.indsend(None, timezone.now())
    i.save()
    assert not _ser(data, "laeser", data.aarhus, OFFENTLIGT_AAR)
    i.godkend()
    i.save()
    assert not _ser(data, "laeser", data.aarhus, OFFENTLIGT_AAR)
    katalog.offentliggoer(data.midt, OFFENTLIGT_AAR, None)  # version 2 with the new submission
    assert _ser(data, "laeser", data.aarhus, OFFENTLIGT_AAR)


def test_godkendelse_efter_offentliggoerelse_aendrer_intet(data: Registerdata) -> None:
    """Approving a published submission changes no figure: it stays published."""
    Takstindberetning.objects.create(
        driftsherre=data.aarhus, aar=UDKAST_AAR, status="indsendt", indsendt=timezone.now()
    )
    katalog.offentliggoer(data.midt, UDKAST_AAR, None)
    Takstindberetning.objects.filter(driftsherre=data.aarhus, aar=UDKAST_AAR).update(status="godkendt")
    assert _ser(data, "laeser", data.aarhus, UDKAST_AAR)


def test_forespoergslen_svarer_som_reglen(data: Registerdata) -> None:
    """`Aarsadgang.filtrer` (the list of rate calculations) gives the same answer as the rule
    for every calculation and role."""
    for b in (data.beregning_2017, data.beregning_2018):
        assert b.tilbud.driftsherre == data.aarhus
    for rolle in ("sekretariat", "sekretariat_anden", "driftsherre", "driftsherre_anden", "laeser"):
        bruger = data.bruger(rolle)
        synlige = set(synlige_takstberegninger(bruger).values_list("aar", flat=True))
        forventet = {
            b.aar
            for b in Takstberegning.objects.filter(tilbud=data.solhaven)
            if adgang.kan_se_tilbud(bruger, b.tilbud) and adgang.kan_se_aar(bruger, data.aarhus, b.aar)
        }
        assert synlige == forventet, rolle
    assert set(synlige_takstberegninger(data.bruger("laeser")).values_list("aar", flat=True)) == {
        OFFENTLIGT_AAR
    }
    assert set(synlige_takstberegninger(data.bruger("driftsherre")).values_list("aar", flat=True)) == {
        OFFENTLIGT_AAR,
        UDKAST_AAR,
    }


def test_aendring_i_et_uoffentliggjort_aar_er_et_udkast(data: Registerdata) -> None:
    """An in-year change decided in 2018 shows 2018's draft rate as "Takst før": the operator
    and the secretariat read it, the reader and another operator cannot find it (404)."""
    grundlag, noter = aendringsselektorer.grundlag(
        data.solhaven,
        {
            "beslutningsdato": date(UDKAST_AAR, 6, 14),
            "type": "takstforhoejelse",
            "ydelse": data.botilbud,
            "gammel_takst": None,
            "gamle_pladser": None,
            "ny_takst": Decimal("1900"),
            "nye_pladser": None,
            "begrundelse": "Skærpet tilsyn kræver mere personale",
            "oensket_ikrafttraedelse": date(UDKAST_AAR, 8, 1),
        },
    )
    assert grundlag.gammel_takst == Decimal("1811.00")  # the 2018 draft rate
    a = aendringsservices.meld_aendring(
        data.solhaven, data.botilbud, grundlag, aendringsservices.beregn(grundlag), noter, None
    )
    url = reverse("aendringer:aendring", args=[a.pk])
    for rolle, status in (
        ("driftsherre", 200),
        ("sekretariat", 200),
        ("driftsherre_anden", 404),
        ("laeser", 404),
    ):
        c = Client()
        c.force_login(data.bruger(rolle))
        svar = c.get(url)
        assert svar.status_code == status, rolle
        assert ("1.811,00 kr." in svar.content.decode()) is (status == 200), rolle
        liste = c.get(reverse("aendringer:aendring_liste")).content.decode()
        assert (url in liste) is (status == 200), rolle


# --- the walk on the demo ----------------------------------------------------------------------

AARHUS = "Aarhus Kommune"
FAVRSKOV = "Favrskov Kommune"
HERNING = "Herning Kommune"
VIBORG = "Viborg Kommune"
REGION = "Region Midtjylland"


@dataclass(frozen=True)
class Markoer:
    """A planted draft value: its operator, the rate (Decimal) and the text; `tegn` are the
    strings any rendering of them contains (the rate's whole kroner with and without the
    Danish thousands point: 987654 also catches 987654.32 in JSON and Excel, 987.654 the page's
    987.654,32 kr. and a rounded 987.654 kr.)."""

    driftsherre: str
    takst: Decimal
    tekst: str

    @property
    def tegn(self) -> tuple[str, ...]:
        kroner = int(self.takst)
        return (str(kroner), f"{kroner:,}".replace(",", "."), self.tekst)


M_AARHUS = Markoer(AARHUS, Decimal("987654.32"), "HEMMELIGT-UDKAST-AARHUS")
M_FAVRSKOV = Markoer(FAVRSKOV, Decimal("876543.21"), "HEMMELIGT-UDKAST-FAVRSKOV")
M_HERNING = Markoer(HERNING, Decimal("765432.19"), "HEMMELIGT-UDKAST-HERNING")
M_VIBORG = Markoer(VIBORG, Decimal("654321.98"), "HEMMELIGT-UDKAST-VIBORG")


@dataclass
class Scenarie:
    """What the walk requests: the offers, operators and years, and the planted values."""

    markoerer: list[Markoer]
    tilbud: dict[str, Tilbud] = field(default_factory=dict)  # per operator: its marked offer
    aendringer: list[int] = field(default_factory=list)
    lukninger: list[int] = field(default_factory=list)
    historik: list[tuple[str, int]] = field(default_factory=list)  # (model, history_id)

    def driftsherrer(self) -> list[Driftsherre]:
        return [t.driftsherre for t in self.tilbud.values()]


def _driftsherre(navn: str) -> Driftsherre:
    return Driftsherre.objects.select_related("rammeaftale").get(navn=navn)


def _aaben_ydelse(navn: str, aar: int = UDKAST_AAR, spring: int = 0) -> Ydelsesaar:
    """A place-based service of the operator with a rate in `aar` (the `spring`-th one)."""
    return (
        Ydelsesaar.objects.filter(
            ydelse__tilbud__driftsherre__navn=navn, aar=aar, pladser__gt=0, takst__isnull=False
        )
        .exclude(ydelse__takstenhed="time")
        .select_related("ydelse__tilbud__driftsherre")
        .order_by("ydelse__tilbud__navn", "ydelse__navn")[spring]
    )


def _plant(m: Markoer, ya: Ydelsesaar) -> None:
    """The draft value in a service's year (rate, source text and justification)."""
    ya.takst, ya.kilde_tekst, ya.begrundelse = m.takst, m.tekst, m.tekst
    ya.save()


def _plant_aarhus(s: Scenarie) -> None:
    """Aarhus' 2018 draft: a rate, the category set by hand, a budget, an in-year change decided
    in 2018 (its "before" rate is the draft rate) and a closure statement."""
    ya = _aaben_ydelse(AARHUS)
    t = ya.ydelse.tilbud
    _plant(M_AARHUS, ya)
    Kategorisering.objects.filter(tilbud=t, aar=UDKAST_AAR).update(
        tilsidesat="lokalt", begrundelse=M_AARHUS.tekst
    )
    b = Takstberegning(tilbud=t, aar=UDKAST_AAR)
    g = takstgrundlag(t.navn, t.region, UDKAST_AAR)
    g["ydelser"][0]["budget"][0]["tekst"] = M_AARHUS.tekst
    b.saet_grundlag(g)
    b.save()
    s.tilbud[AARHUS] = t

    anden = _aaben_ydelse(AARHUS, spring=1)  # the change's service: its draft rate is "Takst før"
    _plant(M_AARHUS, anden)
    grundlag, noter = aendringsselektorer.grundlag(
        anden.ydelse.tilbud,
        {
            "beslutningsdato": date(UDKAST_AAR, 6, 14),
            "type": "takstforhoejelse",
            "ydelse": anden.ydelse,
            "gammel_takst": None,
            "gamle_pladser": None,
            "ny_takst": Decimal("999999"),
            "nye_pladser": None,
            "begrundelse": M_AARHUS.tekst,
            "oensket_ikrafttraedelse": date(UDKAST_AAR, 8, 1),
        },
    )
    assert grundlag.gammel_takst == M_AARHUS.takst
    a = aendringsservices.meld_aendring(
        anden.ydelse.tilbud, anden.ydelse, grundlag, aendringsservices.beregn(grundlag), noter, None
    )
    s.aendringer.append(a.pk)

    case = laes_case(CASES / "lukning_syddanmark_klyngetilbud_endelig_2019.yaml")
    assert isinstance(case.input, Lukningsgrundlag)
    o = Lukningsopgoerelse.objects.create(
        tilbud=t,
        opgoerelse="endelig",
        beslutningsdato=date(UDKAST_AAR, 3, 12),
        center=M_AARHUS.tekst,
        tilbuddets_resultat=M_AARHUS.takst,
        centrets_resultat=Decimal("-3815000"),
        resultat=beregn_lukning(case.input, regelbog()).til_json(),
    )
    s.lukninger.append(o.pk)


def _plant_enkel(s: Scenarie, m: Markoer) -> None:
    ya = _aaben_ydelse(m.driftsherre)
    _plant(m, ya)
    s.tilbud[m.driftsherre] = ya.ydelse.tilbud


def _forbered_viborg(s: Scenarie) -> None:
    """Viborg corrects its submitted 2018 report: reopened, a draft value written and taken
    back, submitted again — before the publication. The draft value is in the history only."""
    i = Takstindberetning.objects.get(driftsherre__navn=VIBORG, aar=UDKAST_AAR)
    i.genaabn()
    i.save()
    ya = _aaben_ydelse(VIBORG)
    foer = (ya.takst, ya.kilde_tekst, ya.begrundelse)
    _plant(M_VIBORG, ya)
    ya.takst, ya.kilde_tekst, ya.begrundelse = foer
    ya.save()
    s.historik += [("ydelsesaar", h.history_id) for h in ya.history.filter(takst=M_VIBORG.takst)]
    i.indsend(None, timezone.now() + timedelta(seconds=1))
    i.save()
    s.tilbud[VIBORG] = ya.ydelse.tilbud


def _udkastscenarie() -> Scenarie:
    """2018 unpublished: Aarhus' draft, Favrskov (no report) and Herning (submitted)."""
    s = Scenarie([M_AARHUS, M_FAVRSKOV, M_HERNING])
    _plant_aarhus(s)
    _plant_enkel(s, M_FAVRSKOV)
    _plant_enkel(s, M_HERNING)
    return s


def _delvis_offentliggjort() -> Scenarie:
    """2018 published for Herning, Viborg and the region (17 missing); then Herning submits
    new, unpublished figures; Viborg's draft phase before its published submission."""
    s = Scenarie([M_AARHUS, M_FAVRSKOV, M_HERNING, M_VIBORG])
    _plant_aarhus(s)
    _plant_enkel(s, M_FAVRSKOV)
    _forbered_viborg(s)
    k = katalog.offentliggoer(Rammeaftale.objects.get(kode="midtjylland"), UDKAST_AAR, None)
    assert sorted(d["navn"] for d in k.indhold["driftsherrer"]) == [HERNING, REGION, VIBORG]
    assert len(k.indhold["mangler"]) == 17
    i = Takstindberetning.objects.get(driftsherre__navn=HERNING, aar=UDKAST_AAR)
    i.genaabn()
    i.save()
    _plant_enkel(s, M_HERNING)
    i.indsend(None, timezone.now() + timedelta(seconds=1))
    i.save()
    return s


# The URLs of the walk: per URL name, its keyword arguments in the scenario (each a GET).
Kwargsliste = Callable[[Scenarie], list[dict[str, Any]]]


def _ingen(s: Scenarie) -> list[dict[str, Any]]:
    return [{}]


def _tilbud(s: Scenarie) -> list[dict[str, Any]]:
    return [{"tilbud_id": t.pk} for t in s.tilbud.values()]


def _tilbud_aar(s: Scenarie) -> list[dict[str, Any]]:
    return [{"tilbud_id": t.pk, "aar": UDKAST_AAR} for t in s.tilbud.values()]


def _driftsherre_aar(s: Scenarie) -> list[dict[str, Any]]:
    return [{"driftsherre_id": d.pk, "aar": UDKAST_AAR} for d in s.driftsherrer()]


def _aar(s: Scenarie) -> list[dict[str, Any]]:
    return [{"aar": UDKAST_AAR}]


def _katalog(s: Scenarie) -> list[dict[str, Any]]:
    return [{"rammeaftale_kode": "midtjylland", "aar": a} for a in (2016, 2017, UDKAST_AAR)]


def _ledelsesinfo(s: Scenarie) -> list[dict[str, Any]]:
    return [{"rammeaftale_kode": "midtjylland", "forrige": f, "aar": f + 1} for f in (2016, 2017)]


def _benchmark(s: Scenarie) -> list[dict[str, Any]]:
    """A municipality of the demo's agreement (Randers) in 2020: public accounts, no drafts."""
    from socialstyring.web.register.models import Kommune

    return [{"omraade": "voksne", "aar": 2020, "kommune_id": Kommune.objects.get(kode=730).pk}]


def _kofoedsminde(**ekstra: Any) -> Kwargsliste:
    """The demo's objectively financed national offer (public figures, no operator's draft)."""

    def kw(s: Scenarie) -> list[dict[str, Any]]:
        from socialstyring.web.landsdaekkende.models import LandsdaekkendeTilbud

        return [{"tilbud_id": t.pk, **ekstra} for t in LandsdaekkendeTilbud.objects.all()]

    return kw


def _scenariesaet(s: Scenarie) -> list[dict[str, Any]]:
    """The demo's savings scenarios (2017) and a set on the draft year with a rate cut, so every
    page is built from the operators' 2018 figures as each role may see them."""
    from socialstyring.web.register.models import Rammeaftale
    from socialstyring.web.scenarie.models import Aendring, Scenariesaet
    from socialstyring.web.scenarie.models import Scenarie as Scenariet

    ny, oprettet = Scenariesaet.objects.get_or_create(
        rammeaftale=Rammeaftale.objects.get(kode="midtjylland"),
        navn="Udkast 2018",
        defaults={"aar": UDKAST_AAR},
    )
    if oprettet:
        sc = Scenariet.objects.create(saet=ny, navn="Takster −2 %", nr=1)
        Aendring.objects.create(scenarie=sc, nr=1, art="takst_pct", vaerdi=Decimal(-2))
    return [{"saet_id": x.pk} for x in Scenariesaet.objects.order_by("pk")]


def _socialtilsyn(**ekstra: Any) -> Kwargsliste:
    """The demo's Socialtilsyn Midt (public to its agreement: no operator's draft figures)."""

    def kw(s: Scenarie) -> list[dict[str, Any]]:
        from socialstyring.web.socialtilsyn.models import Tilsynsenhed

        return [{"enhed_id": e.pk, **ekstra} for e in Tilsynsenhed.objects.all()]

    return kw


def _boernehus(**ekstra: Any) -> Kwargsliste:
    """The demo's Børnehus Midt (public to its agreement: no operator's draft figures)."""

    def kw(s: Scenarie) -> list[dict[str, Any]]:
        from socialstyring.web.boernehus.models import Boernehus

        return [{"boernehus_id": b.pk, **ekstra} for b in Boernehus.objects.all()]

    return kw


WALK: dict[str, Kwargsliste] = {
    "login": _ingen,
    "logout": _ingen,
    "faelles:forside": _ingen,
    "register:tilbud_liste": _ingen,
    "register:tilbud": _tilbud,
    "register:tilbud_rediger": _tilbud,
    "kategori:kategori": _tilbud_aar,
    "historik:historik": _tilbud,
    "historik:gendan": lambda s: [{"model": m, "history_id": h} for m, h in s.historik],
    "takstberegning:takst": _tilbud_aar,
    "takstberegning:takst_json": _tilbud_aar,
    "takstberegning:budget": _tilbud_aar,
    "takstberegning:budget_overfoer": _tilbud_aar,
    "indberetning:indberetning_oversigt": _aar,
    "indberetning:indberetning": _driftsherre_aar,
    "indberetning:indberetning_indsend": _driftsherre_aar,
    "indberetning:indberetning_genaabn": _driftsherre_aar,
    "indberetning:indberetning_godkend": _driftsherre_aar,
    "indberetning:indberetning_paamind": _driftsherre_aar,
    "takstskabelon:excel_skabelon": _driftsherre_aar,
    "takstskabelon:excel_import": _driftsherre_aar,
    "katalog:katalog_offentliggoer": _aar,
    "katalog:katalog": _katalog,
    "katalog:katalog_excel": _katalog,
    "katalog:katalog_pdf": _katalog,
    "katalog:katalog_pdf_job": _katalog,  # POST only: the GET answers 405
    # background jobs: the list is walked; the scenario starts none (a job's page and file are
    # its starter's and the agreement's secretariat's: tests/test_jobber.py, the access matrix)
    "jobber:liste": _ingen,
    "jobber:job": lambda s: [],
    "jobber:resultat": lambda s: [],
    "aarsafregning:start": lambda s: [{"kode": "midtjylland", "aar": 2018}],  # POST only
    "aendringer:aendring_ny": _tilbud,
    "aendringer:aendring": lambda s: [{"aendring_id": a} for a in s.aendringer],
    "aendringer:aendring_beslut": lambda s: [{"aendring_id": a} for a in s.aendringer],
    "aendringer:aendring_brev_pdf": lambda s: [{"aendring_id": a} for a in s.aendringer],
    "aendringer:aendring_liste": _ingen,
    "belaegning:belaegning": lambda s: [{**k, "kvartal": 4} for k in _driftsherre_aar(s)],
    "belaegning:belaegning_oversigt": lambda s: [{**k, "kvartal": 4} for k in _aar(s)],
    "belaegning:forbrug_excel": _driftsherre_aar,
    "belaegning:forbrug_import": _driftsherre_aar,
    "regnskab:resultat": _tilbud_aar,
    "regnskab:resultat_overfoer": _tilbud_aar,
    "regnskab:regnskab_oversigt": _driftsherre_aar,
    "regnskab:regnskab_excel": _driftsherre_aar,
    "regnskab:regnskab_import": _driftsherre_aar,
    "regnskab:regnskab_aftale": _aar,
    "lukning:lukning_ny": _tilbud,
    "lukning:lukning": lambda s: [{"opgoerelse_id": o} for o in s.lukninger],
    "lukning:lukninger": _ingen,
    # a stay holds no year's figures (its pages are the stay's own; tests/test_ophold.py)
    "ophold:liste": _ingen,
    "ophold:ny": _ingen,
    "ophold:importer": _ingen,
    "ophold:optaelling": _ingen,
    "ophold:ophold": lambda s: [],
    "ophold:rediger": lambda s: [],
    # reduction plans hold no operator's figures; their pages are the municipality's own
    # (tests/test_genopretning_web.py)
    "genopretning:start": lambda s: [],
    "genopretning:plan": lambda s: [],
    "genopretning:diagram": lambda s: [],
    "genopretning:excel": lambda s: [],
    "genopretning:pdf": lambda s: [],
    "genopretning:historik": lambda s: [],
    "genopretning:rediger": lambda s: [],
    "genopretning:initiativ_ny": lambda s: [],
    "genopretning:initiativ": lambda s: [],
    "genopretning:opfoelgning": lambda s: [],
    "genopretning:initiativ_slet": lambda s: [],  # POST only
    "genopretning:aar_ny": lambda s: [],
    "genopretning:initiativ_gendan": lambda s: [],  # POST only
    # reimbursement cases hold no operator's figures; their pages are the municipality's own
    # (tests/test_refusion_web.py); the secretariat's totals are walked
    "refusion:kommune": lambda s: [],
    "refusion:borger_ny": lambda s: [],
    "refusionskrav:prognose": lambda s: [],
    "refusionskrav:krav": lambda s: [],
    "refusionskrav:krav_excel": lambda s: [],
    "refusionskrav:krav_pdf": lambda s: [],
    "refusion:borger": lambda s: [],
    "refusion:borger_rediger": lambda s: [],
    "refusion:maaned": lambda s: [],
    "refusion:engangsudgift": lambda s: [],
    "refusion:engang_slet": lambda s: [],
    "refusionskrav:version": lambda s: [],
    "refusionskrav:aftale": lambda s: [{"kode": "midtjylland", "aar": 2024}],
    # billing holds no year's figures: statements from stays, seen by the operator's and the paying
    # municipality's staff (tests/test_afregning_web.py); the secretariat's totals are walked
    "afregning:maaned": lambda s: [],
    "afregning:opgoerelse": lambda s: [],
    "afregning:sendt": lambda s: [],
    "afregning:sendt_excel": lambda s: [],
    "afregning:sendt_pdf": lambda s: [],
    "afregning:sendt_bogfoering": lambda s: [],
    "afregning:kommune": lambda s: [],
    "afregning:aftale": lambda s: [{"kode": "midtjylland", "aar": 2018}],
    # a Børnehus holds no operator's figures of the register (its own are the agreement's); walked
    "boernehus:oversigt": _boernehus(),
    "boernehus:aar": _boernehus(aar=2017),
    "boernehus:rediger": _boernehus(aar=2017),
    "boernehus:diagram": _boernehus(aar=2017),
    "boernehus:excel": _boernehus(aar=2017),
    "boernehus:pdf": _boernehus(aar=2017),
    # the demo's Socialtilsyn Midt: public to its agreement (no operator's draft figures)
    "socialtilsyn:liste": _ingen,
    "socialtilsyn:aar": _socialtilsyn(aar=2019),
    "socialtilsyn:rediger": _socialtilsyn(aar=2019),
    "socialtilsyn:takstgrundlag": _socialtilsyn(aar=2019),
    "socialtilsyn:excel": _socialtilsyn(aar=2019),
    "socialtilsyn:pdf": _socialtilsyn(aar=2019),
    # expenditure forecasts hold no operator's figures; their pages are the municipality's own
    # (tests/test_prognose_web.py)
    "prognose:oversigt": lambda s: [],
    "prognose:ny": lambda s: [],
    "prognose:side": lambda s: [],
    "prognose:rediger": lambda s: [],
    "prognose:hent_borgere": lambda s: [],
    "prognose:vifte": lambda s: [],
    "prognose:excel": lambda s: [],
    "prognose:pdf": lambda s: [],
    # savings scenarios: the baseline is the year's register as the role may see it (Aarsadgang)
    "scenarie:liste": _ingen,
    "scenarie:ny": _ingen,
    "scenarie:saet": _scenariesaet,
    "scenarie:rediger": _scenariesaet,
    "scenarie:aendring": _scenariesaet,
    "scenarie:fjern": lambda s: [],  # POST only
    "scenarie:finansiering": _scenariesaet,
    "scenarie:diagram": _scenariesaet,
    "scenarie:excel": _scenariesaet,
    "scenarie:pdf": _scenariesaet,
    # objectively financed national offers hold no operator's figures of the register; walked
    "landsdaekkende:tilbud": _kofoedsminde(),
    "landsdaekkende:aar": _kofoedsminde(aar=2017),
    "landsdaekkende:excel": _kofoedsminde(aar=2017),
    "landsdaekkende:pdf": _kofoedsminde(aar=2017),
    "landsdaekkende:rediger": _kofoedsminde(aar=2017),
    # the companion-purchase calculator holds no figures of the register; walked
    "ledsagelse:beregner": lambda s: [{"kode": "midtjylland"}],
    "ledsagelse:excel": lambda s: [{"kode": "midtjylland"}],
    "ledsagelse:pdf": lambda s: [{"kode": "midtjylland"}],
    # benchmarks hold published accounts and population, no figures of the register; walked
    "benchmark:start": lambda s: [{}],
    "benchmark:side": _benchmark,
    "benchmark:diagram": _benchmark,
    "benchmark:excel": _benchmark,
    "benchmark:enhedspriser": lambda s: [{"kode": "midtjylland", "aar": 2017}],  # the published rates
    "ledelsesinfo:ledelsesinfo": _ledelsesinfo,
    "ledelsesinfo:ledelsesinfo_json": _ledelsesinfo,
    "ledelsesinfo:ledelsesinfo_excel": _ledelsesinfo,
    "ledelsesinfo:ledelsesinfo_pdf": _ledelsesinfo,
    "ledelsesinfo:ledelsesinfo_kontrol": _ledelsesinfo,
    "ledelsesinfo:ledelsesinfo_kontrol_excel": _ledelsesinfo,
    "ledelsesinfo:ledelsesinfo_diagram": lambda s: [{**k, "navn": "belaegning"} for k in _ledelsesinfo(s)],
    "ledelsesinfo:ledelsesinfo_tabel": lambda s: [{**k, "tabel": t} for k in _ledelsesinfo(s) for t in "AE"],
    # the rulebook holds no year's figures; its pages are walked all the same
    "regelbog:oversigt": _ingen,
    "regelbog:lag": lambda s: [{"lag": "midtjylland"}, {"lag": "national"}],
    "regelbog:parameter": lambda s: [{"lag": "midtjylland", "navn": "pl.kl_skoen_pct"}],
    "regelbog:vaerdi": lambda s: [],  # no value is entered in the scenario
    "regelbog:slet": lambda s: [],
    "regelbog:historik": lambda s: [{"lag": "midtjylland"}],
    "regelbog:gendan": lambda s: [],
    "regelbog:eksport": lambda s: [{"lag": "midtjylland"}],
}
"""The pages of the year with the planted values (2018), the catalogues of every year, and the
management information (its JSON holds every table's figures)."""
EKSTRA_FORESPOERGSLER: tuple[tuple[str, dict[str, Any], str], ...] = (
    ("katalog:katalog", {"rammeaftale_kode": "midtjylland", "aar": 2017}, "?version=1"),
    ("register:tilbud_liste", {}, "?driftsherre={aarhus}"),
)


def test_gangen_daekker_hver_url() -> None:
    """Every URL pattern of the project is walked: a new page cannot be left out."""
    moenstre = dict(url_moenstre())
    assert sorted(n for n in moenstre if n not in WALK) == []
    assert sorted(n for n in WALK if n not in moenstre) == []


class _PdfAttrap:
    """WeasyPrint's `HTML` for the walk: the "PDF" is the HTML it was made from."""

    def __init__(self, string: str, base_url: str | None = None) -> None:
        self.html = string

    def write_pdf(self) -> bytes:
        return b"%PDF-attrap\n" + self.html.encode()


@pytest.fixture
def pdf_som_html(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint  # type: ignore[import-untyped]

    monkeypatch.setattr(weasyprint, "HTML", _PdfAttrap)


def _tekst(indhold: bytes) -> str:
    """A response's content as text; an Excel file unzipped, every XML part."""
    if indhold.startswith(b"PK"):
        with zipfile.ZipFile(BytesIO(indhold)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return indhold.decode("utf-8", "replace")


def _urler(s: Scenarie) -> Iterator[str]:
    aarhus = _driftsherre(AARHUS)
    for navn, kwargs in WALK.items():
        for k in kwargs(s):
            yield reverse(navn, kwargs=k)
    for navn, k, query in EKSTRA_FORESPOERGSLER:
        yield reverse(navn, kwargs=k) + query.format(aarhus=aarhus.pk)


def _gaa(s: Scenarie, brugernavn: str, forbudte: list[Markoer]) -> dict[int, int]:
    """GET every URL as the user; no response may contain a forbidden value. Returns the
    number of responses per status."""
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    statusser: dict[int, int] = {}
    fund = []
    for url in _urler(s):
        svar = c.get(url)
        statusser[svar.status_code] = statusser.get(svar.status_code, 0) + 1
        assert svar.status_code < 500, f"{url} som {brugernavn}: {svar.status_code}"
        tekst = _tekst(svar.content)
        fund += [f"{url}: {t!r} ({m.driftsherre})" for m in forbudte for t in m.tegn if t in tekst]
    assert fund == [], f"{brugernavn} ser udkast:\n" + "\n".join(fund)
    return statusser


def _vises(brugernavn: str, url: str, *tegn: str) -> None:
    """The control: the user does see the values on the page."""
    c = Client()
    c.force_login(User.objects.get(username=brugernavn))
    svar = c.get(url)
    assert svar.status_code == 200, (brugernavn, url, svar.status_code)
    tekst = _tekst(svar.content)
    for t in tegn:
        assert t in tekst, (brugernavn, url, t)


def _kontroller_ejerne(s: Scenarie) -> None:
    """The owners and the secretariat see what was planted, where the walk looks for it."""
    a = s.tilbud[AARHUS]
    for bruger in ("aarhus", "sekretariat"):
        _vises(bruger, reverse("register:tilbud", args=[a.pk]), "987.654,32", M_AARHUS.tekst)
        _vises(bruger, reverse("takstberegning:takst", args=[a.pk, UDKAST_AAR]), M_AARHUS.tekst)
        _vises(bruger, reverse("aendringer:aendring", args=[s.aendringer[0]]), "987.654,32 kr.")
        _vises(bruger, reverse("aendringer:aendring_brev_pdf", args=[s.aendringer[0]]), "987.654,32")
        _vises(bruger, reverse("lukning:lukning", args=[s.lukninger[0]]), M_AARHUS.tekst)
        _vises(bruger, reverse("historik:historik", args=[a.pk]), "987.654,32 kr.")
        dh = a.driftsherre.pk
        _vises(
            bruger, reverse("takstskabelon:excel_skabelon", args=[dh, UDKAST_AAR]), "987654", M_AARHUS.tekst
        )
    for bruger in ("herning", "sekretariat"):
        _vises(bruger, reverse("register:tilbud", args=[s.tilbud[HERNING].pk]), "765.432,19 kr.")
    _vises("sekretariat", reverse("register:tilbud", args=[s.tilbud[FAVRSKOV].pk]), "876.543,21 kr.")
    if VIBORG in s.tilbud:
        _vises("sekretariat", reverse("historik:historik", args=[s.tilbud[VIBORG].pk]), "654.321,98 kr.")


def _forbudte(s: Scenarie, *egne: str) -> list[Markoer]:
    return [m for m in s.markoerer if m.driftsherre not in egne]


def test_intet_udkast_foer_offentliggoerelsen(demo: None, pdf_som_html: None) -> None:
    s = _udkastscenarie()
    _kontroller_ejerne(s)
    statusser = _gaa(s, "laeser", _forbudte(s))
    assert statusser.get(200, 0) > 20  # the published pages are there, the drafts are not
    _gaa(s, "region", _forbudte(s))  # another operator, with no values of its own


def test_intet_udkast_efter_delvis_offentliggoerelse(demo: None, pdf_som_html: None) -> None:
    s = _delvis_offentliggjort()
    _kontroller_ejerne(s)
    # Viborg's published figures are there for the reader (its offer, its 2018 rate page)
    v = s.tilbud[VIBORG]
    ya = _aaben_ydelse(VIBORG)
    _vises("laeser", reverse("register:tilbud", args=[v.pk]), f"{ya.takst:.2f}".replace(".", ","))
    statusser = _gaa(s, "laeser", _forbudte(s))
    assert statusser.get(200, 0) > 20
    _gaa(s, "herning", _forbudte(s, HERNING))  # another operator, which sees its own values


def test_ledelsesinfo_kraever_alle_driftsherrer_offentliggjort(demo: None) -> None:
    """The management information 2016–2017 names every operator's figures: the reader sees it
    while both years are published for every operator with figures, not once one of them is
    reopened (its 2017 figures are a draft again); the secretariat always."""
    url = reverse("ledelsesinfo:ledelsesinfo", args=["midtjylland", 2016, 2017])
    laeser, sekretariat = Client(), Client()
    laeser.force_login(User.objects.get(username="laeser"))
    sekretariat.force_login(User.objects.get(username="sekretariat"))
    assert laeser.get(url).status_code == 200
    assert url in laeser.get(reverse("faelles:forside")).content.decode()
    i = Takstindberetning.objects.get(driftsherre__navn=AARHUS, aar=2017)
    assert i.status == Indberetningsstatus.GODKENDT
    i.genaabn()
    i.save()
    assert laeser.get(url).status_code == 403
    assert url not in laeser.get(reverse("faelles:forside")).content.decode()  # nor in the menu
    assert sekretariat.get(url).status_code == 200
