"""The probe of `scripts/drift-proeve`: wait for the server, log in as a browser does (behind a
proxy that terminates TLS: `X-Forwarded-Proto: https`), fetch the front page and a static file.

    python scripts/drift_proeve.py URL USERNAME PASSWORD

Standard library only (it runs before anything else is known to work). Exits 1 with the reason
when a step fails."""

from __future__ import annotations

import http.client
import re
import sys
import time
from urllib.parse import urlencode, urlsplit

VENT_SEKUNDER = 60


class Klient:
    """A cookie-keeping client over plain HTTP that says the request came in over HTTPS."""

    def __init__(self, url: str) -> None:
        dele = urlsplit(url)
        self.vaert = dele.hostname or "127.0.0.1"
        self.port = dele.port or 80
        self.cookies: dict[str, str] = {}

    def hent(
        self, metode: str, sti: str, krop: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        forbindelse = http.client.HTTPConnection(self.vaert, self.port, timeout=30)
        oprindelse = f"https://{self.vaert}:{self.port}"
        hoveder = {
            "Host": f"{self.vaert}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Referer": oprindelse + sti,
            "Origin": oprindelse,
        }
        if self.cookies:
            hoveder["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if krop is not None:
            data = urlencode(krop)
            hoveder["Content-Type"] = "application/x-www-form-urlencoded"
        forbindelse.request(metode, sti, body=data, headers=hoveder)
        svar = forbindelse.getresponse()
        indhold = svar.read()
        for navn, vaerdi in svar.getheaders():
            if navn.lower() == "set-cookie":
                cookie = vaerdi.split(";", 1)[0]
                k, _, v = cookie.partition("=")
                self.cookies[k.strip()] = v.strip()
        hoveder_ud = {k.lower(): v for k, v in svar.getheaders()}
        forbindelse.close()
        return svar.status, hoveder_ud, indhold


def fejl(besked: str) -> None:
    print(f"[drift-proeve] FEJL: {besked}", file=sys.stderr)
    sys.exit(1)


def main(url: str, brugernavn: str, adgangskode: str) -> None:
    k = Klient(url)
    start = time.monotonic()
    while True:
        try:
            status, _, side = k.hent("GET", "/login/")
            break
        except OSError:
            if time.monotonic() - start > VENT_SEKUNDER:
                fejl(f"serveren svarede ikke på {url} inden {VENT_SEKUNDER} sekunder")
            time.sleep(0.3)
    if status != 200:
        fejl(f"GET /login/ gav {status}")
    m = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', side)
    if m is None:
        fejl("login-siden har ingen CSRF-nøgle")
        return
    status, hoveder, _ = k.hent(
        "POST",
        "/login/",
        {"csrfmiddlewaretoken": m[1].decode(), "username": brugernavn, "password": adgangskode},
    )
    if status != 302 or "sessionid" not in k.cookies:
        fejl(f"login gav {status} uden session")
    status, _, forside = k.hent("GET", "/")
    if status != 200 or b"Log ud" not in forside:
        fejl(f"forsiden gav {status} (eller viste ikke en logget ind bruger)")
    status, hoveder, css = k.hent("GET", "/static/faelles/faelles.css")
    if status != 200 or not hoveder.get("content-type", "").startswith("text/css") or not css:
        fejl(f"/static/faelles/faelles.css gav {status} ({hoveder.get('content-type')})")
    print(f"[drift-proeve] login, forside og statisk fil svarede på {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        fejl("brug: drift_proeve.py URL BRUGERNAVN ADGANGSKODE")
    main(*sys.argv[1:4])
