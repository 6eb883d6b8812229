"""Reimbursement costs from the stays and their statements (`refusion.selectors.maanedernes_udgifter`).

The demo (demo/refusion.py): Randers pays for a citizen in Herning's offer Storkdalen
(Længerevarende botilbud § 108) all of 2018 at Herning's 2018 rate; Herning has sent its
January statement to Randers; the citizen also gets help bought outside the agreement,
60.000 kr. a month in the first quarter, entered as R-301 and linked to the stays' citizen.

Worked by hand (the month's cost = days × the register's rate, SEL § 176 and the refusion
order § 3: 1/12 of the year's threshold, 25 % of the part above it). 2018's adult threshold
is the rulebook's assumption 1.090.000 kr. (the 2020 amount), 1/12 = 90.833,33 kr.:

    January  31 × 1.392 = 43.152 + 60.000 = 103.152 → (103.152 − 90.833,33) × 25 % = 3.079,67
    February 28 × 1.392 = 38.976 + 60.000 =  98.976 → ( 98.976 − 90.833,33) × 25 % = 2.035,67
    March    as January                                                            3.079,67
    First quarter                                                                  8.195,01

Every other citizen Randers pays for is billed at most 31 × 2.806 = 86.986 kr. a month (the
demo's highest rate), under 90.833,33 kr., so the quarter's claim is R-301's alone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from socialstyring.demo.refusion import demoens_opholdsborger
from socialstyring.io.cpr import kort_pseudonym
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.refusion import selectors
from socialstyring.web.refusion.models import Refusionsborger
from socialstyring.web.register.models import Kommune, Ydelsesaar

pytestmark = pytest.mark.usefixtures("demo")

AAR = 2018
TAERSKEL_MAANED = Decimal("90833.33")  # 1.090.000 / 12, rounded to øre (rulebook: afrunding oere)
UDEN_FOR_AFTALEN = Decimal(60000)


def _randers() -> Kommune:
    return Kommune.objects.get(kode=730)


def _stay() -> Ophold:
    o = demoens_opholdsborger()
    assert isinstance(o, Ophold)
    return o


def _rate() -> Decimal:
    return Decimal(Ydelsesaar.objects.get(ydelse=_stay().ydelse, aar=AAR).takst)


def _refusion(brutto: Decimal) -> Decimal:
    return ((brutto - TAERSKEL_MAANED) * Decimal("0.25")).quantize(Decimal("0.01"))


def _helt_aar(driftsherre: str) -> Ophold:
    """Randers' first stay (by id) at `driftsherre` all of 2018 at a full place, in a service
    with a 2018 rate."""
    med_takst = set(
        Ydelsesaar.objects.filter(aar=AAR, takst__isnull=False).values_list("ydelse_id", flat=True)
    )
    return next(
        x
        for x in Ophold.objects.filter(
            betalingskommune__kode=730,
            start__lte=date(2017, 1, 1),
            slut__isnull=True,
            opsagt__isnull=True,
            pakkeskift__isnull=True,
            indskrivning_pct=100,
            tilbud__driftsherre__navn=driftsherre,
        ).order_by("pk")
        if x.ydelse_id in med_takst
    )


def test_demoens_borger_er_i_herning_til_storkdalens_takst() -> None:
    o = _stay()
    assert o.tilbud.driftsherre.navn == "Herning Kommune"
    assert o.tilbud.navn == "Bo- og aktivitetstilbuddet Storkdalen"
    assert _rate() == Decimal("1392.00")


def test_kvartalets_krav_er_haandregnet() -> None:
    _, r = selectors.opgoer(_randers(), AAR, 1)
    rate = _rate()
    forventet = [
        _refusion(31 * rate + UDEN_FOR_AFTALEN),
        _refusion(28 * rate + UDEN_FOR_AFTALEN),
        _refusion(31 * rate + UDEN_FOR_AFTALEN),
    ]
    assert forventet == [Decimal("3079.67"), Decimal("2035.67"), Decimal("3079.67")]
    sag = next(s for s in r.sager if s.navn == "R-301")
    assert [m.refusion for m in sag.maaneder] == forventet
    assert [m.netto for m in sag.maaneder] == [Decimal(103152), Decimal(98976), Decimal(103152)]
    assert r.krav.krav == Decimal("8195.01")
    assert [s.navn for s in r.sager if s.refusion_i_alt] == ["R-301"]


def test_kilden_staar_i_sporet() -> None:
    """January comes from the sent statement, February from the stay (not billed yet)."""
    _, r = selectors.opgoer(_randers(), AAR, 1)
    trin = {t.noegle: t for t in r.spor}
    jan = next(
        t for k, t in trin.items() if k.startswith("borger.") and "r_301" in k and k.endswith("m01.netto")
    )
    feb = next(
        t for k, t in trin.items() if k.startswith("borger.") and "r_301" in k and k.endswith("m02.netto")
    )
    assert "afregning fra Herning Kommune, version 1, sendt 5. februar 2018" in (jan.bemaerkning or "")
    assert "afregnet 43.152,00 kr." in (jan.bemaerkning or "")
    assert "indtastet 60.000,00 kr." in (jan.bemaerkning or "")
    assert "beregnet efter opholdet hos Herning Kommune (ikke afregnet)" in (feb.bemaerkning or "")


def test_den_sendte_afregning_gaelder_frem_for_en_senere_takst() -> None:
    """A rate changed after January's statement was sent: January keeps what was billed,
    February follows the register."""
    Ydelsesaar.objects.filter(ydelse=_stay().ydelse, aar=AAR).update(takst=Decimal("1500.00"))
    g = selectors.grundlag(_randers(), AAR, 1)
    r301 = next(b for b in g.borgere if b.noegle == "R-301")
    assert [m.brutto for m in r301.maaneder] == [
        31 * Decimal("1392") + UDEN_FOR_AFTALEN,
        28 * Decimal("1500") + UDEN_FOR_AFTALEN,
        31 * Decimal("1500") + UDEN_FOR_AFTALEN,
    ]


def test_en_borger_kun_fra_opholdene_har_sin_korte_noegle_og_ordning_efter_alder() -> None:
    """A citizen of the stays not entered: 'Borger XXXX-XXXX', adult (the demo's citizens are
    all over 18), the month's cost = days × rate of its stay."""
    g = selectors.grundlag(_randers(), AAR, 1)
    stays = {b.noegle: b for b in g.borgere}
    o = _helt_aar("Aarhus Kommune")
    b = stays[f"Borger {kort_pseudonym(o.borger)}"]
    assert b.ordning.value == "voksen" and b.foedselsdato == o.foedselsdato
    rate = Ydelsesaar.objects.get(ydelse=o.ydelse, aar=AAR).takst
    assert [m.brutto for m in b.maaneder] == [31 * rate, 28 * rate, 31 * rate]
    assert "beregnet efter opholdet hos Aarhus Kommune" in b.maaneder[0].kilde
    # no CPR number anywhere in the engine's input
    assert not any(c.isdigit() for c in b.noegle)


def test_borgere_under_18_regnes_til_boerneordningen() -> None:
    from socialstyring.beregning.refusion.graenser import ordning_efter_alder
    from socialstyring.web.regelbog.selectors import gaeldende_regelbog

    bog = gaeldende_regelbog()
    # refusion order § 2, stk. 2: under 18 (on 1 January of the year)
    assert ordning_efter_alder(date(2000, 1, 2), bog, "national", date(2018, 1, 1))[0].value == "barn"
    assert ordning_efter_alder(date(2000, 1, 1), bog, "national", date(2018, 1, 1))[0].value == "voksen"


def _klient() -> Client:
    c = Client()
    c.force_login(User.objects.get(username="randers_kommune"))
    return c


def test_siden_viser_afregnet_og_indtastet() -> None:
    c = _klient()
    k = _randers()
    side = c.get(reverse("refusion:kommune", args=[k.pk, AAR]) + "?q=R-301").content.decode()
    assert "Afregnet for opholdene" in side and "R-301" in side
    b = Refusionsborger.objects.get(kommune=k, noegle="R-301")
    side = c.get(reverse("refusion:borger", args=[b.pk, AAR])).content.decode()
    assert 'id="ophold-kobling"' in side
    assert "43.152,00" in side and "103.152,00" in side  # January: billed, and the net
    krav = c.get(reverse("refusionskrav:krav", args=[k.pk, AAR, 1])).content.decode()
    assert "8.195,01" in krav
    assert "antaget" in krav.lower()  # 2018's threshold is an assumption, said plainly


def test_kobling_via_formularen() -> None:
    """Linking a new citizen to a stays' citizen: the birth date must match, a stays' citizen
    is linked once, and after linking the billed cost is added to the entered."""
    c = _klient()
    k = _randers()
    o = _helt_aar("Viborg Kommune")
    kort = kort_pseudonym(o.borger)
    url = reverse("refusion:borger_ny", args=[k.pk, AAR])
    data = {"noegle": "R-900", "ordning": "voksen", "husstand": "", "version": "", "ophold_borger": kort}
    forkert = c.post(url, {**data, "foedselsdato": "1900-01-01"})
    assert forkert.status_code == 400
    assert "efter opholdene" in forkert.content.decode()
    assert not Refusionsborger.objects.filter(noegle="R-900").exists()
    rigtig = c.post(url, {**data, "foedselsdato": o.foedselsdato.isoformat()})
    assert rigtig.status_code == 302, rigtig.content.decode()[:3000]
    b = Refusionsborger.objects.get(kommune=k, noegle="R-900")
    assert b.pseudonym == o.borger
    # the same stays' citizen cannot be linked twice
    igen = c.post(url, {**data, "noegle": "R-901", "foedselsdato": o.foedselsdato.isoformat()})
    assert igen.status_code == 400 and "allerede koblet til borger R-900" in igen.content.decode()
    # the linked citizen now appears under its own key with the billed months
    g = selectors.grundlag(k, AAR, 1)
    noegler = [x.noegle for x in g.borgere]
    assert "R-900" in noegler and f"Borger {kort}" not in noegler


def test_et_ophold_med_slutdato_afgraenser_prognosen() -> None:
    """A stays' citizen whose only stay ends carries the end to the forecast (`ophoerer`);
    one with a stay without an end carries none."""
    k = _randers()
    flere = {
        p
        for p, n in Ophold.objects.filter(betalingskommune=k).values_list("borger").annotate(n=Count("pk"))
        if n > 1
    }
    endt = next(
        o
        for o in Ophold.objects.filter(
            betalingskommune=k, slut__gte=date(2018, 4, 1), slut__lte=date(2018, 12, 31)
        ).order_by("pk")
        if o.borger not in flere
        and Ydelsesaar.objects.filter(ydelse=o.ydelse, aar=AAR, takst__isnull=False).exists()
    )
    g = selectors.grundlag(k, AAR, 1)
    b = next(x for x in g.borgere if x.noegle == f"Borger {kort_pseudonym(endt.borger)}")
    assert b.ophoerer == endt.slut
    r301 = next(x for x in g.borgere if x.noegle == "R-301")
    assert r301.ophoerer is None  # entered costs too: the end of the stays is not the end of the help
