"""The journeys of `benchmarks/belastning.py` for locust: one user class per role, each logging
in through the login form (CSRF, behind a TLS-terminating proxy: `X-Forwarded-Proto: https`)
and walking that role's pages. Run by `belastning.py`, not by hand.

Environment: BELASTNING_PLAN (the JSON written by belastning.py: logins and the ids of the
pages), BELASTNING_UD (where to write every request's time in ms per page, as JSON),
BELASTNING_VENT ("0" for no think time, or "a-b" seconds between pages: the user's pause before
each page, and between one journey and the next).

Every request is named by its page's URL name, so the statistics come out per page. Pages asked
for while users are still being started (and logging in) are kept apart (`opstart`). A page
fails unless it answers 200 with the logged-in layout (a redirect to the login, a 403/404/500
or a page without "Log ud" counts as an error)."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from typing import Any

from locust import HttpUser, between, constant, events, task

with open(os.environ["BELASTNING_PLAN"], encoding="utf-8") as _f:
    PLAN: dict[str, Any] = json.load(_f)
_vent = os.environ.get("BELASTNING_VENT", "1-3")
VENT = constant(0) if _vent == "0" else between(*(float(x) for x in _vent.split("-")))
TIDER: dict[str, list[float]] = {}
OPSTART: dict[str, list[float]] = {}
FEJL: dict[str, list[str]] = {}
_konti = {rolle: itertools.cycle(konti) for rolle, konti in PLAN["konti"].items()}
_alle_startet = False


def _maal(name: str, response_time: float, exception: Any, **_: Any) -> None:
    # A page's time counts once every user has started (locust's --reset-stats: the steady
    # state); before, while users still log in, it is kept apart. The logins count always.
    lager = TIDER if _alle_startet or name.startswith("login") else OPSTART
    lager.setdefault(name, []).append(response_time)
    if exception is not None:
        FEJL.setdefault(name, []).append(str(exception)[:200])


def _startet(**_: Any) -> None:
    global _alle_startet
    _alle_startet = True


def _skriv(**_: Any) -> None:
    with open(os.environ["BELASTNING_UD"], "w", encoding="utf-8") as f:
        json.dump({"tider": TIDER, "opstart": OPSTART, "fejl": FEJL}, f)


events.request.add_listener(_maal)  # type: ignore[no-untyped-call]
events.spawning_complete.add_listener(_startet)  # type: ignore[no-untyped-call]
events.quitting.add_listener(_skriv)  # type: ignore[no-untyped-call]


class Rolle(HttpUser):
    abstract = True
    wait_time = VENT
    rolle = ""

    def on_start(self) -> None:
        self.konto: dict[str, Any] = next(_konti[self.rolle])
        self.ny_rejse = True
        oprindelse = (self.host or "").replace("http://", "https://")
        self.hoveder = {"X-Forwarded-Proto": "https", "Origin": oprindelse, "Referer": oprindelse + "/login/"}
        svar = self.client.get("/login/", name="login", headers=self._med_kager())
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', svar.text)
        data = {
            "csrfmiddlewaretoken": m[1] if m else "",
            "username": self.konto["bruger"],
            "password": self.konto["kode"],
        }
        with self.client.post(
            "/login/", data=data, name="login (POST)", headers=self._med_kager(),
            allow_redirects=False, catch_response=True,
        ) as svar:  # fmt: skip
            if svar.status_code != 302 or "sessionid" not in {c.name for c in self.client.cookies}:
                svar.failure(f"login gav {svar.status_code} uden session")

    def _med_kager(self) -> dict[str, str]:
        # Django's cookies are Secure (HTTPS behind the proxy); requests will not send them over
        # plain HTTP by itself, so they go in the Cookie header as the proxy would forward them.
        hoveder = dict(self.hoveder) if hasattr(self, "hoveder") else {"X-Forwarded-Proto": "https"}
        kager = "; ".join(f"{c.name}={c.value}" for c in self.client.cookies)
        if kager:
            hoveder["Cookie"] = kager
        return hoveder

    def side(self, navn: str, sti: str, json_svar: bool = False) -> None:
        """One page of the journey, after the user's pause (`VENT`) since the page before; the
        journey's first page comes after the pause between journeys (locust's own wait)."""
        if self.ny_rejse:
            self.ny_rejse = False
        else:
            self.wait()  # type: ignore[no-untyped-call]
        with self.client.get(
            sti, name=navn, headers=self._med_kager(), allow_redirects=False, catch_response=True
        ) as svar:
            if svar.status_code != 200:
                svar.failure(f"{svar.status_code} {sti}")
            elif not json_svar and "Log ud" not in svar.text:
                svar.failure(f"ikke logget ind: {sti}")

    def katalog(self) -> None:
        aar = PLAN["kataloger"].get(self.konto["aftale"])
        if aar is not None:
            self.side("katalog:katalog", f"/katalog/{self.konto['aftale']}/{aar}/")

    def tilbud(self) -> int:
        return int(random.choice(self.konto["tilbud"]))


class Sekretariat(Rolle):
    rolle = "sekretariat"
    weight = 5

    @task
    def rejse(self) -> None:
        self.ny_rejse = True
        k, p = self.konto, PLAN
        self.side("faelles:forside", "/")
        self.side("register:tilbud_liste", "/register/")
        self.side("register:tilbud", f"/register/tilbud/{self.tilbud()}/")
        if k["takster"]:
            t = random.choice(k["takster"])
            self.side("takstberegning:takst", f"/tilbud/{t}/takst/{p['aar']}/")
            self.side("takstberegning:takst_json", f"/tilbud/{t}/takst/{p['aar']}/spor.json", json_svar=True)
        self.side("belaegning:belaegning_oversigt", f"/belaegning/{p['regnskabsaar']}/4/")
        self.side("regnskab:regnskab_aftale", f"/regnskab/{p['regnskabsaar']}/")
        self.side(
            "ledelsesinfo:ledelsesinfo",
            f"/ledelsesinfo/{k['aftale']}/{p['regnskabsaar'] - 1}/{p['regnskabsaar']}/",
        )
        self.katalog()


class Driftsherre(Rolle):
    rolle = "driftsherre"
    weight = 6

    @task
    def rejse(self) -> None:
        self.ny_rejse = True
        k, p = self.konto, PLAN
        d = k["driftsherre"]
        self.side("faelles:forside", "/")
        self.side("register:tilbud_liste", "/register/")
        t = self.tilbud()
        self.side("register:tilbud", f"/register/tilbud/{t}/")
        if k["takster"]:
            tt = random.choice(k["takster"])
            self.side("takstberegning:takst", f"/tilbud/{tt}/takst/{p['aar']}/")
            self.side("takstberegning:takst_json", f"/tilbud/{tt}/takst/{p['aar']}/spor.json", json_svar=True)
        self.side("indberetning:indberetning", f"/indberetning/{d}/{p['aar']}/")
        self.side("belaegning:belaegning", f"/belaegning/{d}/{p['regnskabsaar']}/4/")
        self.side("regnskab:regnskab_oversigt", f"/regnskab/{d}/{p['regnskabsaar']}/")
        self.side("regnskab:resultat", f"/tilbud/{t}/resultat/{p['regnskabsaar']}/")


class Kommune(Rolle):
    rolle = "kommune"
    weight = 6

    @task
    def rejse(self) -> None:
        self.ny_rejse = True
        k, p = self.konto, PLAN
        self.side("faelles:forside", "/")
        self.side("ophold:liste", "/ophold/")
        self.side("afregning:kommune", f"/afregning/kommune/{k['kommune']}/{p['aar']}/")
        self.side("refusion:kommune", f"/refusion/kommune/{k['kommune']}/{p['aar']}/")
        self.side("register:tilbud_liste", "/register/")
        self.side("register:tilbud", f"/register/tilbud/{self.tilbud()}/")
        self.katalog()


class Laeser(Rolle):
    rolle = "laeser"
    weight = 3

    @task
    def rejse(self) -> None:
        self.ny_rejse = True
        self.side("faelles:forside", "/")
        self.side("register:tilbud_liste", "/register/")
        self.side("register:tilbud", f"/register/tilbud/{self.tilbud()}/")
        self.katalog()
