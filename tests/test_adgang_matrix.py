"""THE access matrix: every URL of the project × every role.

`MATRIX` has an entry for every URL pattern of the project, found by walking the URL
resolver (every included module: the register, the rate pages, the rate reporting, Excel,
in-year changes and whatever is added later). `test_hver_url_har_en_indgang` fails when a
pattern has no entry — a new URL cannot go untested — and when an entry names a URL that
no longer exists.

Roles (tests/registerdata.py): anonymous; the secretariat of the agreement (Midtjylland);
the secretariat of ANOTHER agreement (Syddanmark); staff of the offer's operator (Aarhus
Kommune); staff of another operator in the same agreement (Randers Kommune); a reader.
The objects are Solhaven (Aarhus, Midtjylland), its 2018 draft figures and 2017 published
ones.

For each entry and role the test GETs the URL and checks the status: anonymous users are
sent to the login page everywhere except /login/ (and /logout/, which is POST only). For
URLs that take a POST, the listed roles POST too: an unauthorised POST must answer 403 or
404 and change no data at all (every row of the register's and the rate pages' tables and
their history is compared) and send no mail; an authorised POST gets its listed status.

**Another agreement's objects do not exist (404)**, for every role, page and download: the
other agreement's secretariat gets 404 for Midtjylland's objects in `MATRIX`, and
`test_anden_aftales_objekter_giver_404` calls every URL that names an object or an agreement
(`FREMMEDE`, one entry each; the rest are listed in `UDEN_OBJEKT`) with Syddanmark's objects:
404 for every Midtjylland role, by GET and by POST, while Syddanmark's own secretariat reaches
them. 403 is kept for a user who sees the object (their own agreement's) but may not do what
was asked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from registerdata import OFFENTLIGT_AAR, ROLLER, UDKAST_AAR, Registerdata, opret_registerdata, takstgrundlag

from socialstyring.beregning.kerne.typer import Aendringstype
from socialstyring.beregning.lukning import Lukningsgrundlag, beregn_lukning
from socialstyring.io.cases import laes_case
from socialstyring.regler import regelbog
from socialstyring.web.aendringer.models import Aendring
from socialstyring.web.lukning.models import Lukningsopgoerelse
from socialstyring.web.regelbog.models import Regelaendring
from socialstyring.web.register.models import Katalog, Takstberegning, Tilbud, Ydelsesaar

pytestmark = pytest.mark.django_db

ANONYM = "anonym"
S, SA, D, DA, L = ROLLER  # sekretariat, sekretariat_anden, driftsherre, driftsherre_anden, laeser
LOGIN = 302  # anonymous: redirect to /login/?next=…

Kwargs = Callable[[Registerdata], dict[str, Any]]


def roller(s: int, sa: int, d: int, da: int, laeser: int) -> dict[str, int]:
    """Expected status per logged-in role, in the order of the module docstring."""
    return {S: s, SA: sa, D: d, DA: da, L: laeser}


def alle(status: int) -> dict[str, int]:
    return roller(status, status, status, status, status)


KUN_POST = alle(405)
"""A POST-only endpoint answers a logged-in GET with 405 Method Not Allowed."""

INGEN_REFUSION = roller(403, 404, 403, 403, 403)
"""A municipality's reimbursement cases: only its own staff (not among these roles)."""


@dataclass(frozen=True)
class Indgang:
    """How to call one URL and what each role gets."""

    kwargs: Kwargs
    get: dict[str, int]  # status of a GET per logged-in role
    post: dict[str, int] = field(default_factory=dict)  # status of a POST per role (left out: not tried)
    postdata: Callable[[Registerdata], dict[str, Any]] = lambda d: {}
    query: str = ""
    anonym: int = LOGIN
    tilfaelde: str = ""  # tells several entries for one URL apart


def _ingen(d: Registerdata) -> dict[str, Any]:
    return {}


def _tilbud(d: Registerdata) -> dict[str, Any]:
    return {"tilbud_id": d.solhaven.pk}


def _udkast(d: Registerdata) -> dict[str, Any]:
    return {"tilbud_id": d.solhaven.pk, "aar": UDKAST_AAR}


def _offentlig(d: Registerdata) -> dict[str, Any]:
    return {"tilbud_id": d.solhaven.pk, "aar": OFFENTLIGT_AAR}


def _indberetning(d: Registerdata) -> dict[str, Any]:
    return {"driftsherre_id": d.aarhus.pk, "aar": UDKAST_AAR}


def _katalog(aar: int) -> Kwargs:
    return lambda d: {"rammeaftale_kode": "midtjylland", "aar": aar}


def _job(syd: bool = False) -> Kwargs:
    """A finished background job of the agreement's secretariat (Midtjylland's, or Syddanmark's),
    with its result file."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from django.contrib.auth.models import User

        from socialstyring.web.jobber.models import Baggrundsjob

        j, _ = Baggrundsjob.objects.get_or_create(
            titel=f"Årets afregning 2018 ({'syd' if syd else 'midt'})",
            defaults={
                "art": "aarsafregning",
                "bruger": User.objects.get(username="sek_syd" if syd else "sek_midt"),
                "rammeaftale": d.syd if syd else d.midt,
                "status": "faerdig",
                "fil": b"PK-proeve",
                "filnavn": "afregning-2018.xlsx",
                "filtype": "application/octet-stream",
            },
        )
        return {"job_id": j.pk}

    return kw


def _gendan(d: Registerdata) -> dict[str, Any]:
    foerste = Tilbud.history.filter(id=d.solhaven.pk).order_by("history_id").first()
    assert foerste is not None
    return {"model": "tilbud", "history_id": foerste.history_id}


def _aendring(d: Registerdata) -> dict[str, Any]:
    return {"aendring_id": Aendring.objects.get(tilbud=d.solhaven).pk}


def _lukning(d: Registerdata) -> dict[str, Any]:
    """A closure statement of Solhaven (its stored engine result is the worked Syddanmark case's)."""
    o = Lukningsopgoerelse.objects.filter(tilbud=d.solhaven).first()
    if o is None:
        case = laes_case(
            Path(__file__).parent / "cases" / "lukning_syddanmark_klyngetilbud_endelig_2019.yaml"
        )
        assert isinstance(case.input, Lukningsgrundlag)
        r = beregn_lukning(case.input, regelbog())
        o = Lukningsopgoerelse.objects.create(
            tilbud=d.solhaven,
            opgoerelse="endelig",
            beslutningsdato=date(2019, 3, 12),
            center="Center for Voksenhandicap",
            tilbuddets_resultat=Decimal("-1262450"),
            centrets_resultat=Decimal("-3815000"),
            resultat=r.til_json(),
        )
    return {"opgoerelse_id": o.pk}


def _ledelsesinfo_udkast(d: Registerdata) -> dict[str, Any]:
    """Midtjylland's management information 2017–2018: 2018 is not published."""
    return {"rammeaftale_kode": "midtjylland", "forrige": OFFENTLIGT_AAR, "aar": UDKAST_AAR}


def _ledelsesinfo_offentlig(d: Registerdata) -> dict[str, Any]:
    """Midtjylland's management information 2016–2017, with a catalogue for 2016 too (so
    both years are published)."""
    if not Katalog.objects.filter(rammeaftale=d.midt, aar=OFFENTLIGT_AAR - 1).exists():
        Katalog.objects.create(rammeaftale=d.midt, aar=OFFENTLIGT_AAR - 1, indhold={})
    return {"rammeaftale_kode": "midtjylland", "forrige": OFFENTLIGT_AAR - 1, "aar": OFFENTLIGT_AAR}


def _regelvaerdi(lag: str) -> Kwargs:
    """A value the agreement's secretariat entered in its rulebook (P/L 2019 = 1,3 %)."""

    def kwargs(d: Registerdata) -> dict[str, Any]:
        a = Regelaendring.objects.filter(lag=lag).first()
        if a is None:
            sekretariat = d.bruger(S if lag == "midtjylland" else SA)
            a = Regelaendring.objects.create(
                lag=lag,
                parameter="pl.kl_skoen_pct",
                fra=date(2019, 1, 1),
                vaerdi="1.3",
                kilde_dokument="KL, Pris- og lønskøn for de kommunale serviceudgifter",
                oprettet_af=sekretariat,
                aendret_af=sekretariat,
            )
        return {"lag": lag, "aendring_id": a.pk}

    return kwargs


def _regelhistorik(lag: str) -> Kwargs:
    def kwargs(d: Registerdata) -> dict[str, Any]:
        a = _regelvaerdi(lag)(d)["aendring_id"]
        return {
            "lag": lag,
            "history_id": Regelaendring.history.filter(id=a).earliest("history_id").history_id,
        }

    return kwargs


def _tilbudsdata(d: Registerdata) -> dict[str, Any]:
    return {"navn": "Solhaven II", "paragraf": "SEL § 108", "takststruktur": "gennemsnit"}


def _kategoridata(d: Registerdata) -> dict[str, Any]:
    return {
        "handling": "tilsidesaet",
        "k2018-tilsidesat": "omfattet",
        "k2018-begrundelse": "En god begrundelse",
    }


def _ophold(d: Registerdata, tilbud: Any = None, ydelse: Any = None, kode: int = 751) -> dict[str, Any]:
    """A stay in Aarhus' Solhaven paid by Aarhus (or in the given offer), by a pseudonym."""
    from socialstyring.web.ophold.models import Ophold
    from socialstyring.web.register.models import Kommune

    k = Kommune.objects.get(kode=kode)
    t = tilbud or d.solhaven
    o, _ = Ophold.objects.get_or_create(  # once: a test may ask for it more than once
        borger="a" * 64,
        tilbud=t,
        start=date(2018, 3, 1),
        defaults={
            "foedselsdato": date(1980, 1, 1),
            "handlekommune": k,
            "betalingskommune": k,
            "ydelse": ydelse or d.botilbud,
        },
    )
    return {"ophold_id": o.pk}


def _syd_ophold(d: Registerdata) -> dict[str, Any]:
    return _ophold(d, d.fjordhuset, d.fjordhuset_2018.ydelse, 461)


def _refusionsborger(d: Registerdata, kode: int = 730) -> Any:
    """A citizen of Randers (or the given municipality) with one month's cost in 2022 (made once)."""
    from socialstyring.web.refusion.models import Refusionsborger, Refusionsmaaned
    from socialstyring.web.register.models import Kommune

    b, _ = Refusionsborger.objects.get_or_create(
        kommune=Kommune.objects.get(kode=kode),
        noegle="A",
        defaults={"foedselsdato": date(1980, 1, 1), "ordning": "voksen"},
    )
    Refusionsmaaned.objects.get_or_create(borger=b, aar=2022, maaned=1, defaults={"brutto": Decimal(100000)})
    return b


def _refusion(kode: int = 730) -> Kwargs:
    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.register.models import Kommune

        return {"kommune_id": Kommune.objects.get(kode=kode).pk, "aar": 2022}

    return kw


def _refusionskvartal(kode: int = 730) -> Kwargs:
    return lambda d: {**_refusion(kode)(d), "kvartal": 1}


def _refusionsborger_kw(kode: int = 730, **ekstra: Any) -> Kwargs:
    return lambda d: {"borger_id": _refusionsborger(d, kode).pk, "aar": 2022, **ekstra}


def _genopretning(kode: int = 730, **ekstra: Any) -> Kwargs:
    """A reduction plan of Randers (or the given municipality), 2021, with one initiative (made once)."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.genopretning.models import Initiativ, Maal, Plan
        from socialstyring.web.register.models import Kommune

        p, _ = Plan.objects.get_or_create(kommune=Kommune.objects.get(kode=kode), navn="Plan")
        Maal.objects.get_or_create(plan=p, aar=2021, defaults={"beloeb": Decimal(-2000)})
        i, _ = Initiativ.objects.get_or_create(plan=p, navn="Initiativ")
        return {"plan_id": p.pk, **{k: (i.pk if v == "initiativ" else v) for k, v in ekstra.items()}}

    return kw


def _engangsudgift(kode: int = 730) -> Kwargs:
    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.refusion.models import Engangsudgift

        e = Engangsudgift.objects.create(borger=_refusionsborger(d, kode), aar=2022, beloeb=Decimal(12000))
        return {"engangsudgift_id": e.pk}

    return kw


def _refusionskrav(kode: int = 730) -> Kwargs:
    """A submitted claim for the first quarter of 2022."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.refusion.models import Refusionskrav
        from socialstyring.web.refusion.services import indsend_krav

        b = _refusionsborger(d, kode)
        krav = Refusionskrav.objects.filter(kommune=b.kommune).first()
        return {"krav_id": (krav or indsend_krav(b.kommune, 2022, 1, None, 0)).pk}

    return kw


def _afregning(kode: int = 751) -> Kwargs:
    """The operator's month March 2018 (Aarhus' Solhaven or Odense's Fjordhuset, its stay from
    1 March), with the paying municipality."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.register.models import Kommune

        (_ophold if kode == 751 else _syd_ophold)(d)
        dh = d.aarhus if kode == 751 else d.odense
        return {
            "driftsherre_id": dh.pk,
            "aar": 2018,
            "maaned": 3,
            "kommune_id": Kommune.objects.get(kode=kode).pk,
        }

    return kw


def _afregningsmaaned(kode: int = 751) -> Kwargs:
    return lambda d: {k: v for k, v in _afregning(kode)(d).items() if k != "kommune_id"}


def _sendt_afregning(kode: int = 751) -> Kwargs:
    """The month's statement sent (once), as version 1."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from django.contrib.auth.models import User

        from socialstyring.web.afregning.selectors import versioner
        from socialstyring.web.afregning.services import send_opgoerelse
        from socialstyring.web.register.models import Driftsherre, Kommune

        a = _afregning(kode)(d)
        dh, k = Driftsherre.objects.get(pk=a["driftsherre_id"]), Kommune.objects.get(pk=a["kommune_id"])
        sendte = versioner(dh, k, 2018, 3)
        if not sendte:
            su, _ = User.objects.get_or_create(username="afregning_su", defaults={"is_superuser": True})
            sendte = [send_opgoerelse(su, dh, k, 2018, 3, 0)]
        return {"afregning_id": sendte[0].pk}

    return kw


def _afregningskommune(kode: int = 730) -> Kwargs:
    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.register.models import Kommune

        return {"kommune_id": Kommune.objects.get(kode=kode).pk, "aar": 2018}

    return kw


def _benchmark(syd: bool = False) -> Kwargs:
    """The benchmark of the host municipality of Aarhus' (or Odense's) operator, 2020 (no accounts)."""
    return lambda d: {
        "omraade": "voksne",
        "aar": 2020,
        "kommune_id": (d.odense if syd else d.aarhus).kommune_id,
    }


def _landsdaekkende(kode: str = "midtjylland", **ekstra: Any) -> Kwargs:
    """An objectively financed national offer the agreement follows (Kofoedsminde) with 2017."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.landsdaekkende.models import LandsdaekkendeAar, LandsdaekkendeTilbud

        aftale = d.midt if kode == "midtjylland" else d.syd
        t, _ = LandsdaekkendeTilbud.objects.get_or_create(rammeaftale=aftale, navn="Kofoedsminde")
        LandsdaekkendeAar.objects.get_or_create(
            tilbud=t, aar=2017, defaults={"landsplan_i_alt": Decimal(159770878), "indbyggere_landet": 5748769}
        )
        return {"tilbud_id": t.pk, **ekstra}

    return kw


def _prognose(kode: int = 730, hvad: str = "prognose") -> Kwargs:
    """An expenditure forecast of Randers (or the given municipality), made once."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.prognose.models import Prognose
        from socialstyring.web.register.models import Kommune

        k = Kommune.objects.get(kode=kode)
        if hvad == "kommune":
            return {"kommune_id": k.pk}
        p, _ = Prognose.objects.get_or_create(kommune=k, navn="Voksne med handicap", basisaar=2018)
        return {"prognose_id": p.pk}

    return kw


def _scenarie(syd: bool = False, aendring: bool = False) -> Kwargs:
    """A savings-scenario set of the agreement on the published year, with one budget cut
    (and, with `aendring`, that change's id)."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.scenarie.models import Aendring, Scenarie, Scenariesaet

        s, ny = Scenariesaet.objects.get_or_create(rammeaftale=d.syd if syd else d.midt, navn="Besparelser",
                                                   defaults={"aar": OFFENTLIGT_AAR})  # fmt: skip
        if ny:
            sc = Scenarie.objects.create(saet=s, navn="Budget −1 %", nr=1)
            Aendring.objects.create(scenarie=sc, nr=1, art="budget", vaerdi=Decimal(-1))
        a = Aendring.objects.filter(scenarie__saet=s).order_by("pk").first()
        return {"saet_id": s.pk, **({"aendring_id": a.pk if a else 0} if aendring else {})}

    return kw


def _scenarie_post(hvad: str) -> Callable[[Registerdata], dict[str, Any]]:
    def data(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.scenarie.models import Scenariesaet

        s = Scenariesaet.objects.get(pk=_scenarie()(d)["saet_id"])
        if hvad == "aendring":
            return {"nyt_navn": "Belægning +1", "art": "belaegning", "vaerdi": "1", "version": str(s.version)}
        if hvad == "fjern":
            return {"version": str(s.version)}
        if hvad == "finansiering":
            from socialstyring.web.scenarie.selectors import ydelser

            y = ydelser(s).first()
            return {"ydelse": str(y.pk if y else ""), "andel_pct": "10", "version": str(s.version)}
        return {"navn": "Besparelser 2", "initial-navn": s.navn, "aar": str(s.aar), "initial-aar": str(s.aar),
                "version": str(s.version)}  # fmt: skip

    return data


def _boernehus(syd: bool = False) -> Kwargs:
    """A Børnehus of Aarhus (Midtjylland) or Odense (Syddanmark) with figures for 2017."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.boernehus.models import Boernehus, Boernehusaar

        b, _ = Boernehus.objects.get_or_create(navn="Børnehus", driftsherre=d.odense if syd else d.aarhus)
        Boernehusaar.objects.get_or_create(boernehus=b, aar=2017, defaults={"sager": 250, "budget": 7120961})
        return {"boernehus_id": b.pk, "aar": 2017}

    return kw


def _boernehus_id(syd: bool = False) -> Kwargs:
    return lambda d: {"boernehus_id": _boernehus(syd)(d)["boernehus_id"]}


def _boernehus_post(d: Registerdata) -> dict[str, Any]:
    from socialstyring.web.boernehus.models import Boernehusaar

    r = Boernehusaar.objects.get(boernehus_id=_boernehus()(d)["boernehus_id"], aar=2017)
    return {"sager": "251", "initial-sager": "250", "budget": "7120961", "initial-budget": "7120961",
            "version": str(r.version)}  # fmt: skip


def _socialtilsyn(syd: bool = False) -> Kwargs:
    """A supervision unit hosted by Aarhus (Midtjylland) or Odense (Syddanmark) with 2019's budget."""

    def kw(d: Registerdata) -> dict[str, Any]:
        from socialstyring.web.socialtilsyn.models import Tilsynsaar, Tilsynsenhed

        e, _ = Tilsynsenhed.objects.get_or_create(
            navn="Socialtilsyn", driftsherre=d.odense if syd else d.aarhus
        )
        Tilsynsaar.objects.get_or_create(
            enhed=e,
            aar=2019,
            defaults={"aarsvaerk": 73.3, "gennemsnitsloen": 546000, "objektiv_finansiering": 27260156},
        )
        return {"enhed_id": e.pk, "aar": 2019}

    return kw


def _socialtilsyn_post(d: Registerdata) -> dict[str, Any]:
    from socialstyring.web.socialtilsyn.models import Tilsynsaar

    r = Tilsynsaar.objects.get(enhed_id=_socialtilsyn()(d)["enhed_id"], aar=2019)
    return {"aarsvaerk": "73,3", "initial-aarsvaerk": "73,3", "gennemsnitsloen": "550000",
            "initial-gennemsnitsloen": "546000", "objektiv_finansiering": "27260156",
            "initial-objektiv_finansiering": "27260156", "version": str(r.version)}  # fmt: skip


def _socialtilsyn_takstgrundlag_post(d: Registerdata) -> dict[str, Any]:
    from socialstyring.web.socialtilsyn.models import Tilsynsaar

    r = Tilsynsaar.objects.get(enhed_id=_socialtilsyn()(d)["enhed_id"], aar=2019)
    return {"grundtakster": "tilsyn; 33.794,67", "initial-grundtakster": "", "version": str(r.version)}


# Who may do what on the operator Aarhus' draft things (its offer's 2018 rate calculation,
# its rate report, editing its offer): its own staff and the secretariat; the other
# agreement's secretariat 404 (the offer does not exist for it); everyone else 403.
UDKAST = roller(200, 404, 200, 403, 403)
REDIGER_POST = roller(302, 404, 302, 403, 403)
KUN_SEKRETARIAT = roller(302, 404, 403, 403, 403)

MATRIX: dict[str, list[Indgang]] = {
    # --- login (Django's auth views)
    "login": [Indgang(_ingen, get=alle(302), anonym=200)],  # a logged-in user is sent on to /
    "logout": [Indgang(_ingen, get=KUN_POST, anonym=405)],  # logging out is a POST
    # --- the rate pages (takster/urls.py)
    "faelles:forside": [Indgang(_ingen, get=alle(200))],
    "takstberegning:takst": [
        Indgang(_udkast, get=UDKAST, tilfaelde="udkast"),
        Indgang(_offentlig, get=roller(200, 404, 200, 200, 200), tilfaelde="offentliggjort"),
    ],
    "takstberegning:takst_json": [
        Indgang(_udkast, get=UDKAST, tilfaelde="udkast"),
        Indgang(_offentlig, get=roller(200, 404, 200, 200, 200), tilfaelde="offentliggjort"),
    ],
    # --- the register (register/urls.py)
    "register:tilbud_liste": [Indgang(_ingen, get=alle(200))],
    "register:tilbud": [Indgang(_tilbud, get=roller(200, 404, 200, 200, 200))],
    "register:tilbud_rediger": [Indgang(_tilbud, get=UDKAST, post=REDIGER_POST, postdata=_tilbudsdata)],
    "kategori:kategori": [Indgang(_udkast, get=KUN_POST, post=REDIGER_POST, postdata=_kategoridata)],
    "historik:historik": [Indgang(_tilbud, get=roller(200, 404, 200, 200, 200))],
    "historik:gendan": [Indgang(_gendan, get=KUN_POST, post=REDIGER_POST)],
    # --- the yearly rate reporting and the catalogue (takster/urls_indberetning.py)
    "indberetning:indberetning_oversigt": [
        Indgang(lambda d: {"aar": UDKAST_AAR}, get=roller(200, 200, 403, 403, 403), tilfaelde="egen aftale"),
        Indgang(
            lambda d: {"aar": UDKAST_AAR},
            query="?rammeaftale=midtjylland",
            get=roller(200, 404, 403, 403, 403),
            tilfaelde="anden aftale",
        ),
    ],
    "indberetning:indberetning": [
        # POST saves the draft; an empty POST is refused as a stale page (302) without saving
        Indgang(_indberetning, get=UDKAST, post=roller(302, 404, 302, 403, 403))
    ],
    "indberetning:indberetning_indsend": [Indgang(_indberetning, get=KUN_POST, post=REDIGER_POST)],
    "indberetning:indberetning_genaabn": [Indgang(_indberetning, get=KUN_POST, post=KUN_SEKRETARIAT)],
    "indberetning:indberetning_godkend": [Indgang(_indberetning, get=KUN_POST, post=KUN_SEKRETARIAT)],
    "indberetning:indberetning_paamind": [Indgang(_indberetning, get=KUN_POST, post=KUN_SEKRETARIAT)],
    "katalog:katalog_offentliggoer": [
        # the secretariat first sees what publishing will do (200); nothing is published
        Indgang(
            lambda d: {"aar": UDKAST_AAR},
            get=KUN_POST,
            post=roller(200, 404, 403, 403, 403),
            postdata=lambda d: {"rammeaftale": "midtjylland"},
        )
    ],
    "katalog:katalog": [
        Indgang(_katalog(OFFENTLIGT_AAR), get=roller(200, 404, 200, 200, 200), tilfaelde="offentliggjort"),
        Indgang(_katalog(UDKAST_AAR), get=alle(404), tilfaelde="ikke offentliggjort"),
    ],
    "katalog:katalog_excel": [Indgang(_katalog(OFFENTLIGT_AAR), get=roller(200, 404, 200, 200, 200))],
    "katalog:katalog_pdf": [Indgang(_katalog(OFFENTLIGT_AAR), get=roller(200, 404, 200, 200, 200))],
    "katalog:katalog_pdf_job": [
        Indgang(_katalog(OFFENTLIGT_AAR), get=KUN_POST, post=roller(302, 404, 302, 302, 302))
    ],
    # --- Excel in and out (takster/urls_excel.py)
    "takstskabelon:excel_skabelon": [Indgang(_indberetning, get=roller(200, 404, 200, 403, 403))],
    "takstskabelon:excel_import": [
        # a POST without a file shows the form's error (400) and imports nothing
        Indgang(_indberetning, get=UDKAST, post=roller(400, 404, 400, 403, 403))
    ],
    # --- in-year changes (takster/urls_aendring.py): filing needs the right to edit the
    # offer; a filed change is a notification, read by every role of the agreement once its
    # year is published. The change here is of 2018 (not published): the operator's draft, which
    # other operators and readers cannot find (404).
    "aendringer:aendring_ny": [
        # an empty POST shows the form's errors (200) and files nothing
        Indgang(_tilbud, get=UDKAST, post=roller(200, 404, 200, 403, 403))
    ],
    "aendringer:aendring": [Indgang(_aendring, get=roller(200, 404, 200, 404, 404))],
    "aendringer:aendring_brev_pdf": [Indgang(_aendring, get=roller(200, 404, 200, 404, 404))],
    # the decision on a filed change (not in hearing): the operator's staff and the secretariat;
    # an empty POST shows the form's errors (400) and records nothing
    "aendringer:aendring_beslut": [Indgang(_aendring, get=KUN_POST, post=roller(400, 404, 400, 404, 404))],
    "aendringer:aendring_liste": [Indgang(_ingen, get=alle(200))],
    # --- the budget editor (takster/urls_budget.py): the operator's staff and the secretariat.
    # An empty POST shows the form's error (400) and saves nothing; the transfer writes the
    # 2018 calculation's rates into Solhaven's draft report rows and returns to the rate page.
    "takstberegning:budget": [Indgang(_udkast, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    "takstberegning:budget_overfoer": [Indgang(_udkast, get=KUN_POST, post=REDIGER_POST)],
    # --- the yearly result (takster/urls_resultat.py): a draft of the operator, seen and
    # entered by its staff and the secretariat. An empty POST shows the form's errors (400)
    # and saves nothing; a transfer without accounts is refused with a message (302).
    "regnskab:resultat": [Indgang(_udkast, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    "regnskab:resultat_overfoer": [Indgang(_udkast, get=KUN_POST, post=REDIGER_POST)],
    # --- quarterly occupancy (takster/urls_belaegning.py): the operator's used days, seen and
    # entered by its staff and the secretariat; an empty POST changes nothing and returns (302).
    # The overview is the secretariat's, each of its own agreement.
    "belaegning:belaegning": [
        Indgang(
            lambda d: {"driftsherre_id": d.aarhus.pk, "aar": UDKAST_AAR, "kvartal": 1},
            get=UDKAST,
            post=roller(302, 404, 302, 403, 403),
        )
    ],
    "belaegning:belaegning_oversigt": [
        Indgang(lambda d: {"aar": UDKAST_AAR, "kvartal": 3}, get=roller(200, 200, 403, 403, 403))
    ],
    # --- a year's used days and accounts in Excel, and the operator's accounts overview
    # (takster/urls_import.py): drafts of the operator, downloaded and seen by its staff and
    # the secretariat, who may also import; another agreement's operator is 404. A POST
    # without a file shows the form's error (400) and imports nothing.
    "belaegning:forbrug_excel": [Indgang(_indberetning, get=UDKAST)],
    "belaegning:forbrug_import": [Indgang(_indberetning, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    "regnskab:regnskab_oversigt": [Indgang(_indberetning, get=UDKAST)],
    "regnskab:regnskab_excel": [Indgang(_indberetning, get=UDKAST)],
    "regnskab:regnskab_import": [Indgang(_indberetning, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    # the secretariat's overview of its agreements' accounts of a year
    "regnskab:regnskab_aftale": [Indgang(lambda d: {"aar": UDKAST_AAR}, get=roller(200, 200, 403, 403, 403))],
    # --- closure statements (takster/urls_lukning.py): written by those who may edit the offer
    # (an empty POST shows the form's errors, 400, and stores nothing), read by those who may
    # see its drafts.
    "lukning:lukning_ny": [Indgang(_tilbud, get=UDKAST, post=roller(400, 404, 400, 403, 403))],
    "lukning:lukning": [Indgang(_lukning, get=UDKAST)],
    # the list of closed offers and statements: operator staff (their own) and secretariats
    # (their agreement's); a reader has none
    "lukning:lukninger": [Indgang(lambda d: {}, get=roller(200, 200, 200, 200, 403))],
    # stays: a municipality's and an operator's staff (their own); the secretariat only counts
    "ophold:liste": [Indgang(_ingen, get=roller(403, 403, 200, 200, 403))],
    "ophold:ny": [Indgang(_ingen, get=roller(403, 403, 200, 200, 403), post=roller(403, 403, 400, 400, 403))],
    "ophold:importer": [
        Indgang(_ingen, get=roller(403, 403, 200, 200, 403), post=roller(403, 403, 400, 400, 403))
    ],
    "ophold:optaelling": [Indgang(_ingen, get=roller(200, 200, 403, 403, 403))],
    "ophold:ophold": [Indgang(_ophold, get=roller(403, 404, 200, 403, 403))],
    "ophold:rediger": [
        Indgang(_ophold, get=roller(403, 404, 200, 403, 403), post=roller(403, 404, 400, 403, 403))
    ],
    # state reimbursement: a municipality's own staff (no such role here: 403 for all of the
    # agreement, 404 for another agreement's); the secretariat only its agreement's totals
    "refusion:kommune": [Indgang(_refusion(), get=INGEN_REFUSION)],
    "refusion:borger_ny": [Indgang(_refusion(), get=INGEN_REFUSION, post=INGEN_REFUSION)],
    "refusionskrav:prognose": [Indgang(_refusion(), get=INGEN_REFUSION)],
    "refusionskrav:krav": [Indgang(_refusionskvartal(), get=INGEN_REFUSION, post=INGEN_REFUSION)],
    "refusionskrav:krav_excel": [Indgang(_refusionskvartal(), get=INGEN_REFUSION)],
    "refusionskrav:krav_pdf": [Indgang(_refusionskvartal(), get=INGEN_REFUSION)],
    "refusion:borger": [Indgang(_refusionsborger_kw(), get=INGEN_REFUSION)],
    "refusion:borger_rediger": [Indgang(_refusionsborger_kw(), get=INGEN_REFUSION, post=INGEN_REFUSION)],
    "refusion:maaned": [Indgang(_refusionsborger_kw(maaned=1), get=INGEN_REFUSION, post=INGEN_REFUSION)],
    "refusion:engangsudgift": [Indgang(_refusionsborger_kw(), get=INGEN_REFUSION, post=INGEN_REFUSION)],
    "refusion:engang_slet": [Indgang(_engangsudgift(), get=KUN_POST, post=INGEN_REFUSION)],
    "refusionskrav:version": [Indgang(_refusionskrav(), get=INGEN_REFUSION)],
    "refusionskrav:aftale": [
        Indgang(lambda d: {"kode": "midtjylland", "aar": 2022}, get=roller(200, 404, 403, 403, 403))
    ],
    # reduction plans: the municipality's own staff only (no such role here); everyone else 404
    "genopretning:start": [Indgang(_ingen, get=alle(404), post=alle(404))],
    "genopretning:plan": [Indgang(_genopretning(), get=alle(404))],
    "genopretning:diagram": [Indgang(_genopretning(), get=alle(404))],
    "genopretning:excel": [Indgang(_genopretning(), get=alle(404))],
    "genopretning:pdf": [Indgang(_genopretning(), get=alle(404))],
    "genopretning:historik": [Indgang(_genopretning(), get=alle(404))],
    "genopretning:rediger": [Indgang(_genopretning(), get=alle(404), post=alle(404))],
    "genopretning:initiativ_ny": [Indgang(_genopretning(), get=alle(404), post=alle(404))],
    "genopretning:initiativ": [
        Indgang(_genopretning(initiativ_id="initiativ"), get=alle(404), post=alle(404))
    ],
    "genopretning:opfoelgning": [Indgang(_genopretning(aar=2021), get=alle(404), post=alle(404))],
    "genopretning:initiativ_slet": [
        Indgang(_genopretning(initiativ_id="initiativ"), get=KUN_POST, post=alle(404))
    ],
    "genopretning:aar_ny": [Indgang(_genopretning(), get=alle(404), post=alle(404))],
    "genopretning:initiativ_gendan": [Indgang(_genopretning(history_id=1), get=KUN_POST, post=alle(404))],
    # Børnehus: every user of the agreement sees; the secretariat and the host's staff enter
    "boernehus:oversigt": [Indgang(_boernehus_id(), get=roller(200, 404, 200, 200, 200))],
    "boernehus:aar": [Indgang(_boernehus(), get=roller(200, 404, 200, 200, 200))],
    "boernehus:rediger": [
        Indgang(_boernehus(), get=UDKAST, post=roller(302, 404, 302, 403, 403), postdata=_boernehus_post)
    ],
    "boernehus:diagram": [Indgang(_boernehus(), get=roller(200, 404, 200, 200, 200))],
    "boernehus:excel": [Indgang(_boernehus(), get=roller(200, 404, 200, 200, 200))],
    "boernehus:pdf": [Indgang(_boernehus(), get=roller(200, 404, 200, 200, 200))],
    # a supervision unit hosted by Aarhus: its agreement reads, the secretariat and Aarhus change
    "socialtilsyn:liste": [Indgang(_ingen, get=alle(200))],
    "socialtilsyn:aar": [Indgang(_socialtilsyn(), get=roller(200, 404, 200, 200, 200))],
    "socialtilsyn:rediger": [
        Indgang(
            _socialtilsyn(),
            get=roller(200, 404, 200, 403, 403),
            post=roller(302, 404, 302, 403, 403),
            postdata=_socialtilsyn_post,
        )
    ],
    "socialtilsyn:takstgrundlag": [
        Indgang(
            _socialtilsyn(),
            get=roller(200, 404, 200, 403, 403),
            post=roller(302, 404, 302, 403, 403),
            postdata=_socialtilsyn_takstgrundlag_post,
        )
    ],
    "socialtilsyn:excel": [Indgang(_socialtilsyn(), get=roller(200, 404, 200, 200, 200))],
    "socialtilsyn:pdf": [Indgang(_socialtilsyn(), get=roller(200, 404, 200, 200, 200))],
    # expenditure forecasts: only the municipality's own staff (not among these roles), others 404
    "prognose:oversigt": [Indgang(_prognose(hvad="kommune"), get=alle(404))],
    "prognose:ny": [Indgang(_prognose(hvad="kommune"), get=alle(404), post=alle(404))],
    "prognose:side": [Indgang(_prognose(), get=alle(404))],
    "prognose:rediger": [Indgang(_prognose(), get=alle(404), post=alle(404))],
    "prognose:hent_borgere": [Indgang(_prognose(), get=alle(404), post=alle(404))],
    "prognose:vifte": [Indgang(_prognose(), get=alle(404))],
    "prognose:excel": [Indgang(_prognose(), get=alle(404))],
    "prognose:pdf": [Indgang(_prognose(), get=alle(404))],
    "scenarie:liste": [Indgang(_ingen, get=alle(200))],
    "scenarie:ny": [
        Indgang(
            _ingen,
            get=roller(200, 200, 403, 403, 403),
            post=roller(302, 302, 403, 403, 403),
            postdata=lambda d: {"navn": "Nyt sæt", "aar": str(OFFENTLIGT_AAR), "version": "0"},
        )
    ],
    "scenarie:saet": [Indgang(_scenarie(), get=roller(200, 404, 200, 200, 200))],
    "scenarie:rediger": [
        Indgang(
            _scenarie(),
            get=roller(200, 404, 403, 403, 403),
            post=KUN_SEKRETARIAT,
            postdata=_scenarie_post("rediger"),
        )
    ],
    "scenarie:aendring": [
        Indgang(
            _scenarie(),
            get=roller(200, 404, 403, 403, 403),
            post=KUN_SEKRETARIAT,
            postdata=_scenarie_post("aendring"),
        )
    ],
    "scenarie:finansiering": [
        Indgang(
            _scenarie(),
            get=roller(200, 404, 403, 403, 403),
            post=KUN_SEKRETARIAT,
            postdata=_scenarie_post("finansiering"),
        )
    ],
    "scenarie:fjern": [
        Indgang(
            _scenarie(aendring=True), get=KUN_POST, post=KUN_SEKRETARIAT, postdata=_scenarie_post("fjern")
        )
    ],
    "scenarie:diagram": [Indgang(_scenarie(), get=roller(200, 404, 200, 200, 200))],
    "scenarie:excel": [Indgang(_scenarie(), get=roller(200, 404, 200, 200, 200))],
    "scenarie:pdf": [Indgang(_scenarie(), get=roller(200, 404, 200, 200, 200))],
    # billing: the operator's own staff make and send (a POST shows the confirmation); a sent
    # statement its staff and the paying municipality's (no such role here); the secretariat
    # only its agreement's totals; another agreement's 404
    "afregning:maaned": [Indgang(_afregningsmaaned(), get=roller(403, 404, 200, 403, 403))],
    "afregning:opgoerelse": [
        Indgang(_afregning(), get=roller(403, 404, 200, 403, 403), post=roller(403, 404, 200, 403, 403))
    ],
    "afregning:sendt": [Indgang(_sendt_afregning(), get=roller(403, 404, 200, 403, 403))],
    "afregning:sendt_excel": [Indgang(_sendt_afregning(), get=roller(403, 404, 200, 403, 403))],
    "afregning:sendt_pdf": [Indgang(_sendt_afregning(), get=roller(403, 404, 200, 403, 403))],
    "afregning:sendt_bogfoering": [Indgang(_sendt_afregning(), get=roller(403, 404, 200, 403, 403))],
    "afregning:kommune": [Indgang(_afregningskommune(), get=roller(403, 404, 403, 403, 403))],
    "afregning:aftale": [
        Indgang(lambda d: {"kode": "midtjylland", "aar": 2018}, get=roller(200, 404, 403, 403, 403))
    ],
    # the whole year's billing as a background job: the agreement's secretariat starts it
    "aarsafregning:start": [
        Indgang(
            lambda d: {"kode": "midtjylland", "aar": 2018}, get=KUN_POST, post=roller(302, 404, 403, 403, 403)
        )
    ],
    # background jobs: who started one and the agreement's secretariat see it; others 404
    "jobber:liste": [Indgang(_ingen, get=alle(200))],
    "jobber:job": [Indgang(_job(), get=roller(200, 404, 404, 404, 404))],
    "jobber:resultat": [Indgang(_job(), get=roller(200, 404, 404, 404, 404))],
    # objectively financed national offers: every role of the agreement sees; its secretariat
    # enters (an empty POST shows the form's errors); another agreement's 404
    "landsdaekkende:tilbud": [Indgang(_landsdaekkende(), get=roller(200, 404, 200, 200, 200))],
    "landsdaekkende:aar": [Indgang(_landsdaekkende(aar=2017), get=roller(200, 404, 200, 200, 200))],
    "landsdaekkende:excel": [Indgang(_landsdaekkende(aar=2017), get=roller(200, 404, 200, 200, 200))],
    "landsdaekkende:pdf": [Indgang(_landsdaekkende(aar=2017), get=roller(200, 404, 200, 200, 200))],
    "landsdaekkende:rediger": [
        Indgang(
            _landsdaekkende(aar=2017),
            get=roller(200, 404, 403, 403, 403),
            post=roller(400, 404, 403, 403, 403),
        )
    ],
    # the companion-purchase calculator: every role of the agreement (it stores nothing)
    "ledsagelse:beregner": [Indgang(lambda d: {"kode": "midtjylland"}, get=roller(200, 404, 200, 200, 200))],
    "ledsagelse:excel": [Indgang(lambda d: {"kode": "midtjylland"}, get=roller(200, 404, 200, 200, 200))],
    "ledsagelse:pdf": [Indgang(lambda d: {"kode": "midtjylland"}, get=roller(200, 404, 200, 200, 200))],
    # benchmarks: every role; a municipality of another agreement 404; without accounts the page
    # says so (200) and the chart and workbook cannot be made (409)
    "benchmark:start": [Indgang(lambda d: {}, get=alle(200))],
    "benchmark:side": [Indgang(_benchmark(), get=roller(200, 404, 200, 200, 200))],
    "benchmark:diagram": [Indgang(_benchmark(), get=roller(409, 404, 409, 409, 409))],
    "benchmark:excel": [Indgang(_benchmark(), get=roller(409, 404, 409, 409, 409))],
    "benchmark:enhedspriser": [
        Indgang(lambda d: {"kode": "midtjylland", "aar": OFFENTLIGT_AAR}, get=roller(200, 404, 200, 200, 200))
    ],
    # --- management information (takster/urls_ledelsesinfo.py): aggregated over the agreement,
    # seen by its secretariat, and by its readers and operators once both years are published;
    # another agreement's secretariat 404 (the agreement's information does not exist for it).
    "ledelsesinfo:ledelsesinfo": [
        Indgang(_ledelsesinfo_udkast, get=roller(200, 404, 403, 403, 403), tilfaelde="udkast"),
        Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 200, 200, 200), tilfaelde="offentliggjort"),
    ],
    "ledelsesinfo:ledelsesinfo_tabel": [
        Indgang(
            lambda d: {**_ledelsesinfo_udkast(d), "tabel": "A"},
            get=roller(200, 404, 403, 403, 403),
            tilfaelde="udkast",
        ),
        Indgang(
            lambda d: {**_ledelsesinfo_offentlig(d), "tabel": "E"},
            get=roller(200, 404, 200, 200, 200),
            tilfaelde="offentliggjort",
        ),
    ],
    "ledelsesinfo:ledelsesinfo_json": [Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 200, 200, 200))],
    "ledelsesinfo:ledelsesinfo_excel": [
        Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 200, 200, 200))
    ],
    "ledelsesinfo:ledelsesinfo_pdf": [Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 200, 200, 200))],
    # the check against published figures is the secretariat's (there are none here: no workbook)
    "ledelsesinfo:ledelsesinfo_kontrol": [
        Indgang(_ledelsesinfo_offentlig, get=roller(200, 404, 403, 403, 403))
    ],
    "ledelsesinfo:ledelsesinfo_kontrol_excel": [
        Indgang(_ledelsesinfo_offentlig, get=roller(404, 404, 403, 403, 403))
    ],
    "ledelsesinfo:ledelsesinfo_diagram": [
        Indgang(
            lambda d: {**_ledelsesinfo_udkast(d), "navn": "udvikling"}, get=roller(200, 404, 403, 403, 403)
        )
    ],
    # --- the rulebook (regelbog/urls.py): every role reads the national layer and its own
    # agreement's; an agreement's secretariat keeps its layer, a superuser the national one. An
    # empty POST shows the form's errors (400) and saves nothing; deleting and restoring show
    # their confirmation page first (200) and change nothing.
    "regelbog:oversigt": [Indgang(_ingen, get=alle(200))],
    "regelbog:lag": [
        Indgang(lambda d: {"lag": "midtjylland"}, get=roller(200, 404, 200, 200, 200), tilfaelde="aftalen"),
        Indgang(lambda d: {"lag": "national"}, get=alle(200), tilfaelde="national"),
    ],
    "regelbog:parameter": [
        Indgang(
            lambda d: {"lag": "midtjylland", "navn": "pl.kl_skoen_pct"},
            get=roller(200, 404, 200, 200, 200),
            post=roller(400, 404, 403, 403, 403),
            tilfaelde="aftalen",
        ),
        Indgang(
            lambda d: {"lag": "national", "navn": "pl.kl_skoen_pct"},
            get=alle(200),
            post=alle(403),
            tilfaelde="national",
        ),
    ],
    "regelbog:vaerdi": [
        Indgang(
            _regelvaerdi("midtjylland"),
            get=roller(200, 404, 403, 403, 403),
            post=roller(400, 404, 403, 403, 403),
        )
    ],
    "regelbog:slet": [
        Indgang(_regelvaerdi("midtjylland"), get=KUN_POST, post=roller(200, 404, 403, 403, 403))
    ],
    "regelbog:historik": [Indgang(lambda d: {"lag": "midtjylland"}, get=roller(200, 404, 200, 200, 200))],
    "regelbog:gendan": [
        Indgang(_regelhistorik("midtjylland"), get=KUN_POST, post=roller(200, 404, 403, 403, 403))
    ],
    "regelbog:eksport": [Indgang(lambda d: {"lag": "midtjylland"}, get=roller(200, 404, 200, 200, 200))],
}


# --- the URL patterns of the project ------------------------------------------------------


def url_moenstre(
    moenstre: list[Any] | None = None, prefiks: str = "", navnerum: str = ""
) -> Iterator[tuple[str, str]]:
    """(key, route) of every URL pattern: the key is the namespaced name
    (`register:tilbud`), or the route for a pattern without a name."""
    if moenstre is None:
        moenstre = list(get_resolver().url_patterns)
    for m in moenstre:
        rute = prefiks + str(m.pattern)
        if isinstance(m, URLResolver):
            if m.namespace == "api":
                continue  # the JSON API (token, not session): its own matrix, tests/test_api_adgang.py
            ns = ":".join(n for n in (navnerum, m.namespace or "") if n)
            yield from url_moenstre(list(m.url_patterns), rute, ns)
        elif isinstance(m, URLPattern):
            yield (f"{navnerum}:{m.name}" if navnerum else m.name) if m.name else rute, rute


def test_hver_url_har_en_indgang() -> None:
    moenstre = dict(url_moenstre())
    mangler = sorted(f"{n}  ({r})" for n, r in moenstre.items() if n not in MATRIX)
    forsvundne = sorted(n for n in MATRIX if n not in moenstre)
    besked = []
    if mangler:
        besked.append(
            "URL'er uden indgang i adgangsmatricen (tilføj dem til MATRIX):\n  " + "\n  ".join(mangler)
        )
    if forsvundne:
        besked.append("Indgange i MATRIX for URL'er, der ikke findes længere:\n  " + "\n  ".join(forsvundne))
    if besked:
        print("\n\n".join(besked))
    assert not besked, "\n\n".join(besked)


def test_matricen_daekker_alle_roller() -> None:
    for navn, indgange in MATRIX.items():
        for i in indgange:
            assert set(i.get) == set(ROLLER), navn
            assert set(i.post) <= set(ROLLER), navn


# --- the matrix itself -----------------------------------------------------------------------


def _data_og_post() -> list[Any]:
    """All rows of the register's and the rate pages' tables, history included."""
    tabeller = [
        m for a in apps.get_app_configs() if a.name.startswith("socialstyring.") for m in a.get_models()
    ]
    return [(m._meta.label, list(m._default_manager.order_by("pk").values())) for m in tabeller]


@pytest.fixture
def data() -> Registerdata:
    d = opret_registerdata()
    # the published catalogue as the rate reporting publishes it (a real snapshot)
    from socialstyring.web.katalog import services as katalog

    Katalog.objects.filter(rammeaftale=d.midt, aar=OFFENTLIGT_AAR).delete()
    katalog.offentliggoer(d.midt, OFFENTLIGT_AAR, d.bruger(S))
    # an in-year change Aarhus has filed (its stored consequences are a worked case's, as stored)
    konsekvens = json.loads((Path(__file__).parent / "data" / "lagret" / "konsekvens_v2.json").read_text())
    Aendring.objects.create(
        tilbud=d.solhaven,
        ydelse=d.botilbud,
        type=Aendringstype.TAKSTFORHOEJELSE,
        begrundelse="Skærpet tilsyn kræver mere personale",
        ny_takst=Decimal("1900"),
        beslutningsdato=date(UDKAST_AAR, 3, 1),
        ikrafttraedelse=date(UDKAST_AAR, 4, 1),
        oprettet_af=d.bruger(D),
        konsekvens=konsekvens,
    )
    return d


def _klient(data: Registerdata, rolle: str) -> Client:
    c = Client()
    if rolle != ANONYM:
        c.force_login(data.bruger(rolle))
    return c


def _id(navn: str, i: Indgang) -> str:
    return f"{navn}[{i.tilfaelde}]" if i.tilfaelde else navn


FELTER = [
    pytest.param(navn, i, rolle, id=f"{_id(navn, i)}-{rolle}")
    for navn, indgange in MATRIX.items()
    for i in indgange
    for rolle in (ANONYM, *ROLLER)
]


@pytest.mark.parametrize(("navn", "indgang", "rolle"), FELTER)
def test_adgang(data: Registerdata, navn: str, indgang: Indgang, rolle: str) -> None:
    url = reverse(navn, kwargs=indgang.kwargs(data)) + indgang.query
    klient = _klient(data, rolle)
    foer = _data_og_post()

    svar = klient.get(url)
    forventet = indgang.anonym if rolle == ANONYM else indgang.get[rolle]
    assert svar.status_code == forventet, f"GET {url} som {rolle}: {svar.status_code}, ventede {forventet}"
    if rolle == ANONYM and forventet == LOGIN:
        assert svar["Location"].startswith("/login/?next="), svar["Location"]
    if svar.status_code in (403, 404, 405) or rolle == ANONYM:
        assert _data_og_post() == foer, f"GET {url} som {rolle} ændrede data"

    if rolle == ANONYM and indgang.post:
        svar = klient.post(url, indgang.postdata(data))
        assert svar.status_code == LOGIN and svar["Location"].startswith("/login/?next=")
        assert _data_og_post() == foer, f"POST {url} som anonym ændrede data"
    elif rolle in indgang.post:
        svar = klient.post(url, indgang.postdata(data))
        forventet = indgang.post[rolle]
        assert svar.status_code == forventet, (
            f"POST {url} som {rolle}: {svar.status_code}, ventede {forventet}"
        )
        if forventet in (403, 404):
            assert _data_og_post() == foer, f"POST {url} som {rolle} blev afvist, men ændrede data"
            assert not mail.outbox, f"POST {url} som {rolle} blev afvist, men sendte post"


# --- another agreement's objects: 404 for every role ----------------------------------------------


def _syd_beregning(d: Registerdata) -> dict[str, Any]:
    """Fjordhuset (Odense, Syddanmark) and its 2018 rate calculation (a draft)."""
    if not Takstberegning.objects.filter(tilbud=d.fjordhuset, aar=UDKAST_AAR).exists():
        b = Takstberegning(tilbud=d.fjordhuset, aar=UDKAST_AAR)
        b.saet_grundlag(takstgrundlag(d.fjordhuset.navn, d.fjordhuset.region, UDKAST_AAR))
        b.save()
    return {"tilbud_id": d.fjordhuset.pk, "aar": UDKAST_AAR}


def _syd_tilbud(d: Registerdata) -> dict[str, Any]:
    return {"tilbud_id": d.fjordhuset.pk}


def _syd_driftsherre(d: Registerdata) -> dict[str, Any]:
    return {"driftsherre_id": d.odense.pk, "aar": UDKAST_AAR}


def _syd_katalog(d: Registerdata) -> dict[str, Any]:
    """Syddanmark's published 2017 catalogue (Fjordhuset with a 2017 rate)."""
    from socialstyring.web.katalog import services as katalog

    if not Katalog.objects.filter(rammeaftale=d.syd, aar=OFFENTLIGT_AAR).exists():
        Ydelsesaar.objects.create(
            ydelse=d.fjordhuset_2018.ydelse, aar=OFFENTLIGT_AAR, pladser=Decimal(12), takst=Decimal("2390")
        )
        katalog.offentliggoer(d.syd, OFFENTLIGT_AAR, d.bruger(SA))
    return {"rammeaftale_kode": "syddanmark", "aar": OFFENTLIGT_AAR}


def _syd_gendan(d: Registerdata) -> dict[str, Any]:
    foerste = Tilbud.history.filter(id=d.fjordhuset.pk).order_by("history_id").first()
    assert foerste is not None
    return {"model": "tilbud", "history_id": foerste.history_id}


def _syd_aendring(d: Registerdata) -> dict[str, Any]:
    a = Aendring.objects.filter(tilbud=d.fjordhuset).first()
    if a is None:
        konsekvens = json.loads(
            (Path(__file__).parent / "data" / "lagret" / "konsekvens_v2.json").read_text()
        )
        a = Aendring.objects.create(
            tilbud=d.fjordhuset,
            ydelse=d.fjordhuset_2018.ydelse,
            type=Aendringstype.TAKSTFORHOEJELSE,
            begrundelse="Skærpet tilsyn kræver mere personale",
            ny_takst=Decimal("2600"),
            beslutningsdato=date(UDKAST_AAR, 3, 1),
            ikrafttraedelse=date(UDKAST_AAR, 4, 1),
            oprettet_af=d.bruger(SA),
            konsekvens=konsekvens,
        )
    return {"aendring_id": a.pk}


def _syd_lukning(d: Registerdata) -> dict[str, Any]:
    """A closure statement of Fjordhuset (the worked Syddanmark case's stored result)."""
    o = Lukningsopgoerelse.objects.filter(tilbud=d.fjordhuset).first()
    if o is None:
        case = laes_case(
            Path(__file__).parent / "cases" / "lukning_syddanmark_klyngetilbud_endelig_2019.yaml"
        )
        assert isinstance(case.input, Lukningsgrundlag)
        o = Lukningsopgoerelse.objects.create(
            tilbud=d.fjordhuset,
            opgoerelse="endelig",
            beslutningsdato=date(2019, 3, 12),
            center="Center for Voksenhandicap",
            tilbuddets_resultat=Decimal("-1262450"),
            centrets_resultat=Decimal("-3815000"),
            resultat=beregn_lukning(case.input, regelbog()).til_json(),
        )
    return {"opgoerelse_id": o.pk}


def _syd_ledelsesinfo(d: Registerdata) -> dict[str, Any]:
    return {"rammeaftale_kode": "syddanmark", "forrige": OFFENTLIGT_AAR, "aar": UDKAST_AAR}


@dataclass(frozen=True)
class Fremmed:
    """One URL called with Syddanmark's objects, and what Syddanmark's own secretariat gets
    (so the objects are known to exist: a 404 for the others is not a missing object)."""

    kwargs: Kwargs
    egen: int  # Syddanmark's secretariat: a GET, or a POST for a POST-only URL
    query: str = ""
    postdata: Callable[[Registerdata], dict[str, Any]] = lambda d: {}


FREMMEDE: dict[str, Fremmed] = {
    # Syddanmark's rulebook has no overhead percentages: the rate page says the engine could not
    # compute the rate (409), which still shows the calculation exists for its secretariat
    "takstberegning:takst": Fremmed(_syd_beregning, egen=409),
    "takstberegning:takst_json": Fremmed(_syd_beregning, egen=409),
    "register:tilbud": Fremmed(_syd_tilbud, egen=200),
    "register:tilbud_rediger": Fremmed(_syd_tilbud, egen=200, postdata=_tilbudsdata),
    "kategori:kategori": Fremmed(
        _syd_beregning,
        egen=302,
        postdata=lambda d: {**_kategoridata(d), "k2018-tilsidesat": "klyngetilbud"},  # a Syddanmark category
    ),
    "historik:historik": Fremmed(_syd_tilbud, egen=200),
    "historik:gendan": Fremmed(_syd_gendan, egen=302),
    "indberetning:indberetning_oversigt": Fremmed(
        lambda d: {"aar": UDKAST_AAR}, egen=200, query="?rammeaftale=syddanmark"
    ),
    "indberetning:indberetning": Fremmed(_syd_driftsherre, egen=200),
    "indberetning:indberetning_indsend": Fremmed(_syd_driftsherre, egen=302),
    "indberetning:indberetning_genaabn": Fremmed(_syd_driftsherre, egen=302),
    "indberetning:indberetning_godkend": Fremmed(_syd_driftsherre, egen=302),
    "indberetning:indberetning_paamind": Fremmed(_syd_driftsherre, egen=302),
    "katalog:katalog_offentliggoer": Fremmed(
        lambda d: {"aar": UDKAST_AAR}, egen=200, postdata=lambda d: {"rammeaftale": "syddanmark"}
    ),
    "katalog:katalog": Fremmed(_syd_katalog, egen=200),
    "katalog:katalog_excel": Fremmed(_syd_katalog, egen=200),
    "katalog:katalog_pdf": Fremmed(_syd_katalog, egen=200),
    "katalog:katalog_pdf_job": Fremmed(_syd_katalog, egen=302),
    "aarsafregning:start": Fremmed(lambda d: {"kode": "syddanmark", "aar": 2018}, egen=302),
    "jobber:job": Fremmed(_job(syd=True), egen=200),
    "jobber:resultat": Fremmed(_job(syd=True), egen=200),
    "takstskabelon:excel_skabelon": Fremmed(_syd_driftsherre, egen=200),
    "takstskabelon:excel_import": Fremmed(_syd_driftsherre, egen=200),
    "aendringer:aendring_ny": Fremmed(_syd_tilbud, egen=200),
    "aendringer:aendring": Fremmed(_syd_aendring, egen=200),
    "aendringer:aendring_brev_pdf": Fremmed(_syd_aendring, egen=200),
    "aendringer:aendring_beslut": Fremmed(_syd_aendring, egen=400),
    "takstberegning:budget": Fremmed(_syd_beregning, egen=200),
    "takstberegning:budget_overfoer": Fremmed(_syd_beregning, egen=302),
    "regnskab:resultat": Fremmed(_syd_beregning, egen=200),
    "regnskab:resultat_overfoer": Fremmed(_syd_beregning, egen=302),
    "belaegning:belaegning": Fremmed(lambda d: {**_syd_driftsherre(d), "kvartal": 1}, egen=200),
    "belaegning:forbrug_excel": Fremmed(_syd_driftsherre, egen=200),
    "belaegning:forbrug_import": Fremmed(_syd_driftsherre, egen=200),
    "regnskab:regnskab_oversigt": Fremmed(_syd_driftsherre, egen=200),
    "regnskab:regnskab_excel": Fremmed(_syd_driftsherre, egen=200),
    "regnskab:regnskab_import": Fremmed(_syd_driftsherre, egen=200),
    "lukning:lukning_ny": Fremmed(_syd_tilbud, egen=200),
    "lukning:lukning": Fremmed(_syd_lukning, egen=200),
    "ledelsesinfo:ledelsesinfo": Fremmed(_syd_ledelsesinfo, egen=200),
    "ledelsesinfo:ledelsesinfo_tabel": Fremmed(lambda d: {**_syd_ledelsesinfo(d), "tabel": "A"}, egen=200),
    "ledelsesinfo:ledelsesinfo_json": Fremmed(_syd_ledelsesinfo, egen=200),
    "ledelsesinfo:ledelsesinfo_excel": Fremmed(_syd_ledelsesinfo, egen=200),
    "ledelsesinfo:ledelsesinfo_pdf": Fremmed(_syd_ledelsesinfo, egen=200),
    "ledelsesinfo:ledelsesinfo_kontrol": Fremmed(_syd_ledelsesinfo, egen=200),
    "ledelsesinfo:ledelsesinfo_kontrol_excel": Fremmed(_syd_ledelsesinfo, egen=404),  # no published figures
    "ledelsesinfo:ledelsesinfo_diagram": Fremmed(
        lambda d: {**_syd_ledelsesinfo(d), "navn": "udvikling"}, egen=200
    ),
    "regelbog:lag": Fremmed(lambda d: {"lag": "syddanmark"}, egen=200),
    "regelbog:parameter": Fremmed(lambda d: {"lag": "syddanmark", "navn": "pl.kl_skoen_pct"}, egen=200),
    "regelbog:vaerdi": Fremmed(_regelvaerdi("syddanmark"), egen=200),
    "regelbog:slet": Fremmed(_regelvaerdi("syddanmark"), egen=200),
    "regelbog:historik": Fremmed(lambda d: {"lag": "syddanmark"}, egen=200),
    "regelbog:gendan": Fremmed(_regelhistorik("syddanmark"), egen=200),
    "regelbog:eksport": Fremmed(lambda d: {"lag": "syddanmark"}, egen=200),
    "ophold:ophold": Fremmed(_syd_ophold, egen=403),  # the secretariat sees no citizen
    "ophold:rediger": Fremmed(_syd_ophold, egen=403),
    "refusion:kommune": Fremmed(_refusion(461), egen=403),  # the secretariat sees no citizen
    "refusion:borger_ny": Fremmed(_refusion(461), egen=403),
    "refusionskrav:prognose": Fremmed(_refusion(461), egen=403),
    "refusionskrav:krav": Fremmed(_refusionskvartal(461), egen=403),
    "refusionskrav:krav_excel": Fremmed(_refusionskvartal(461), egen=403),
    "refusionskrav:krav_pdf": Fremmed(_refusionskvartal(461), egen=403),
    "refusion:borger": Fremmed(_refusionsborger_kw(461), egen=403),
    "refusion:borger_rediger": Fremmed(_refusionsborger_kw(461), egen=403),
    "refusion:maaned": Fremmed(_refusionsborger_kw(461, maaned=1), egen=403),
    "refusion:engangsudgift": Fremmed(_refusionsborger_kw(461), egen=403),
    "refusion:engang_slet": Fremmed(_engangsudgift(461), egen=403),
    "refusionskrav:version": Fremmed(_refusionskrav(461), egen=403),
    "refusionskrav:aftale": Fremmed(lambda d: {"kode": "syddanmark", "aar": 2022}, egen=200),
    # a Syddanmark municipality's (Odense's) plan: its own staff only, so 404 for its secretariat too
    "genopretning:plan": Fremmed(_genopretning(461), egen=404),
    "genopretning:diagram": Fremmed(_genopretning(461), egen=404),
    "genopretning:excel": Fremmed(_genopretning(461), egen=404),
    "genopretning:pdf": Fremmed(_genopretning(461), egen=404),
    "genopretning:historik": Fremmed(_genopretning(461), egen=404),
    "genopretning:rediger": Fremmed(_genopretning(461), egen=404),
    "genopretning:initiativ_ny": Fremmed(_genopretning(461), egen=404),
    "genopretning:initiativ": Fremmed(_genopretning(461, initiativ_id="initiativ"), egen=404),
    "genopretning:opfoelgning": Fremmed(_genopretning(461, aar=2021), egen=404),
    "genopretning:initiativ_slet": Fremmed(_genopretning(461, initiativ_id="initiativ"), egen=404),
    "genopretning:aar_ny": Fremmed(_genopretning(461), egen=404),
    "genopretning:initiativ_gendan": Fremmed(_genopretning(461, history_id=1), egen=404),
    "afregning:maaned": Fremmed(_afregningsmaaned(461), egen=403),  # the secretariat sees no citizen
    "afregning:opgoerelse": Fremmed(_afregning(461), egen=403),
    "afregning:sendt": Fremmed(_sendt_afregning(461), egen=403),
    "afregning:sendt_excel": Fremmed(_sendt_afregning(461), egen=403),
    "afregning:sendt_pdf": Fremmed(_sendt_afregning(461), egen=403),
    "afregning:sendt_bogfoering": Fremmed(_sendt_afregning(461), egen=403),
    "afregning:kommune": Fremmed(_afregningskommune(461), egen=403),
    "afregning:aftale": Fremmed(lambda d: {"kode": "syddanmark", "aar": 2018}, egen=200),
    "boernehus:oversigt": Fremmed(_boernehus_id(syd=True), egen=200),
    "boernehus:aar": Fremmed(_boernehus(syd=True), egen=409),  # no Børnehus rules for Syddanmark
    "boernehus:rediger": Fremmed(_boernehus(syd=True), egen=200),
    "boernehus:diagram": Fremmed(_boernehus(syd=True), egen=409),
    "boernehus:excel": Fremmed(_boernehus(syd=True), egen=409),
    "boernehus:pdf": Fremmed(_boernehus(syd=True), egen=409),
    "socialtilsyn:aar": Fremmed(_socialtilsyn(syd=True), egen=409),  # Syddanmark has no overhead % rule
    "socialtilsyn:rediger": Fremmed(_socialtilsyn(syd=True), egen=200),
    "socialtilsyn:takstgrundlag": Fremmed(_socialtilsyn(syd=True), egen=200),
    "socialtilsyn:excel": Fremmed(_socialtilsyn(syd=True), egen=409),
    "socialtilsyn:pdf": Fremmed(_socialtilsyn(syd=True), egen=409),
    "prognose:oversigt": Fremmed(_prognose(461, "kommune"), egen=404),
    "prognose:ny": Fremmed(_prognose(461, "kommune"), egen=404),
    "prognose:side": Fremmed(_prognose(461), egen=404),
    "prognose:rediger": Fremmed(_prognose(461), egen=404),
    "prognose:hent_borgere": Fremmed(_prognose(461), egen=404),
    "prognose:vifte": Fremmed(_prognose(461), egen=404),
    "prognose:excel": Fremmed(_prognose(461), egen=404),
    "prognose:pdf": Fremmed(_prognose(461), egen=404),
    # Syddanmark's rulebook has no overhead percentages: its own set cannot be computed (409)
    "scenarie:saet": Fremmed(_scenarie(syd=True), egen=409),
    "scenarie:rediger": Fremmed(_scenarie(syd=True), egen=200),
    "scenarie:aendring": Fremmed(_scenarie(syd=True), egen=200),
    "scenarie:fjern": Fremmed(_scenarie(syd=True, aendring=True), egen=302),
    "scenarie:finansiering": Fremmed(_scenarie(syd=True), egen=200),
    "scenarie:diagram": Fremmed(_scenarie(syd=True), egen=409),
    "scenarie:excel": Fremmed(_scenarie(syd=True), egen=409),
    "scenarie:pdf": Fremmed(_scenarie(syd=True), egen=409),
    "landsdaekkende:tilbud": Fremmed(_landsdaekkende("syddanmark"), egen=200),
    "landsdaekkende:aar": Fremmed(_landsdaekkende("syddanmark", aar=2017), egen=200),
    "landsdaekkende:excel": Fremmed(_landsdaekkende("syddanmark", aar=2017), egen=200),
    "landsdaekkende:pdf": Fremmed(_landsdaekkende("syddanmark", aar=2017), egen=200),
    "landsdaekkende:rediger": Fremmed(_landsdaekkende("syddanmark", aar=2017), egen=200),
    # Syddanmark's rulebook has no principles for companion purchase: 409 (cannot be calculated)
    "ledsagelse:beregner": Fremmed(lambda d: {"kode": "syddanmark"}, egen=409),
    "ledsagelse:excel": Fremmed(lambda d: {"kode": "syddanmark"}, egen=409),
    "ledsagelse:pdf": Fremmed(lambda d: {"kode": "syddanmark"}, egen=409),
    "benchmark:side": Fremmed(_benchmark(syd=True), egen=200),
    "benchmark:diagram": Fremmed(_benchmark(syd=True), egen=409),
    "benchmark:excel": Fremmed(_benchmark(syd=True), egen=409),
    "benchmark:enhedspriser": Fremmed(lambda d: {"kode": "syddanmark", "aar": OFFENTLIGT_AAR}, egen=200),
}

UDEN_OBJEKT = {
    "login",
    "logout",
    "faelles:forside",
    "register:tilbud_liste",  # ?driftsherre=/?maalgruppe= filter the user's own register
    "aendringer:aendring_liste",  # ?tilbud= goes on to aendring_ny, which is in FREMMEDE
    "belaegning:belaegning_oversigt",  # the secretariat's own agreements
    "regelbog:oversigt",  # the user's own layers
    "lukning:lukninger",  # the user's own operator's or agreements' offers
    "regnskab:regnskab_aftale",  # the secretariat's own agreements
    "ophold:liste",  # the user's own stays
    "ophold:ny",
    "ophold:importer",
    "ophold:optaelling",  # the secretariat's own agreements
    "benchmark:start",  # the user's own municipality or agreement
    "genopretning:start",  # the user's own municipality's plans
    "scenarie:liste",  # the sets of the user's own agreements
    "scenarie:ny",  # a set in the secretariat's own agreement
    "socialtilsyn:liste",  # the units of the user's own agreements
    "jobber:liste",  # the user's own jobs and the secretariat's agreements'
}
"""The URLs that name no object and no agreement."""


def test_hver_url_med_objekt_proeves_med_en_anden_aftales() -> None:
    assert set(FREMMEDE) | UDEN_OBJEKT == set(MATRIX), "tilføj URL'en til FREMMEDE (eller UDEN_OBJEKT)"
    assert not set(FREMMEDE) & UDEN_OBJEKT


def _metoder(navn: str) -> tuple[bool, bool]:
    """(takes GET, takes POST) according to the URL's MATRIX entries."""
    indgange = MATRIX[navn]
    return any(i.get != KUN_POST for i in indgange), any(i.post for i in indgange)


@pytest.mark.parametrize(
    ("navn", "rolle"),
    [pytest.param(navn, rolle, id=f"{navn}-{rolle}") for navn in FREMMEDE for rolle in (S, D, DA, L)],
)
def test_anden_aftales_objekter_giver_404(data: Registerdata, navn: str, rolle: str) -> None:
    f = FREMMEDE[navn]
    url = reverse(navn, kwargs=f.kwargs(data)) + f.query
    get, post = _metoder(navn)
    foer = _data_og_post()
    klient = _klient(data, rolle)
    if get:
        assert klient.get(url).status_code == 404, f"GET {url} som {rolle}"
    if post:
        assert klient.post(url, f.postdata(data)).status_code == 404, f"POST {url} som {rolle}"
    assert _data_og_post() == foer, f"{url} som {rolle} ændrede data"
    assert not mail.outbox

    # Syddanmark's own secretariat reaches the same objects
    egen = _klient(data, SA)
    svar = egen.get(url) if get else egen.post(url, f.postdata(data))
    assert svar.status_code == f.egen, f"{url} som Syddanmarks sekretariat: {svar.status_code}"
