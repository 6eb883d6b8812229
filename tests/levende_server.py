"""A real Socialstyring server for tests that need real concurrency: its own database (a
SQLite file, or a fresh database on the PostgreSQL server of SOCIALSTYRING_DATABASE_URL),
migrated and loaded with the demo by the CLI (`socialstyring demo opsaet`, as `make run`),
served by Django's threaded server in a separate process on loopback — so requests run in
parallel threads against one database, as in production, and the test's own database and
transactions are not involved.

`Browser` is a minimal user agent over urllib: a cookie jar, the CSRF token, and the
forms of a page as a browser would post them (`formulardata`).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from formulardata import formulardata

RODMAPPE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Svar:
    status: int
    html: str
    url: str


class _IngenOmdirigering(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """One user's browser: logs in, reads pages and posts their forms."""

    def __init__(self, adresse: str) -> None:
        self.adresse = adresse
        self.jar = http.cookiejar.CookieJar()
        self._aabner = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _IngenOmdirigering()
        )

    def _kald(self, sti: str, data: dict[str, str] | None = None) -> Svar:
        url = sti if sti.startswith("http") else self.adresse + sti
        krop = urllib.parse.urlencode(data).encode() if data is not None else None
        anmodning = urllib.request.Request(url, data=krop)
        if krop is not None:
            anmodning.add_header("Referer", self.adresse + "/")
        try:
            with self._aabner.open(anmodning, timeout=60) as r:
                return Svar(r.status, r.read().decode(), r.geturl())
        except urllib.error.HTTPError as fejl:
            placering = fejl.headers.get("Location", "")
            return Svar(fejl.code, fejl.read().decode(errors="replace"), placering)

    def hent(self, sti: str) -> Svar:
        """GET, following redirects."""
        svar = self._kald(sti)
        for _ in range(5):
            if svar.status not in (301, 302, 303):
                return svar
            svar = self._kald(svar.url)
        return svar

    def send(self, sti: str, data: dict[str, str]) -> Svar:
        """POST with the CSRF token; a redirect answer is returned as is (not followed)."""
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        return self._kald(sti, {**data, "csrfmiddlewaretoken": token or ""})

    def hent_fil(self, sti: str) -> bytes:
        """GET a download, as bytes."""
        with self._aabner.open(self.adresse + sti, timeout=60) as r:
            return bytes(r.read())

    def send_fil(self, sti: str, felt: str, navn: str, indhold: bytes) -> Svar:
        """POST one file as a form's file field does (multipart), with the CSRF token."""
        token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        graense = "----socialstyring-proeve"
        krop = (
            (
                f'--{graense}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
                f'--{graense}\r\nContent-Disposition: form-data; name="{felt}"; filename="{navn}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + indhold
            + f"\r\n--{graense}--\r\n".encode()
        )
        anmodning = urllib.request.Request(self.adresse + sti, data=krop)
        anmodning.add_header("Content-Type", f"multipart/form-data; boundary={graense}")
        anmodning.add_header("Referer", self.adresse + "/")
        try:
            with self._aabner.open(anmodning, timeout=60) as r:
                return Svar(r.status, r.read().decode(), r.geturl())
        except urllib.error.HTTPError as fejl:
            return Svar(fejl.code, fejl.read().decode(errors="replace"), fejl.headers.get("Location", ""))

    def log_ind(self, brugernavn: str, adgangskode: str = "demo1234") -> None:
        self.hent("/login/")
        svar = self.send("/login/", {"username": brugernavn, "password": adgangskode})
        assert svar.status == 302, f"{brugernavn} kunne ikke logge ind: {svar.status} {svar.html[:500]}"

    def formular(self, sti: str) -> tuple[Svar, dict[str, str]]:
        svar = self.hent(sti)
        assert svar.status == 200, f"{sti}: {svar.status} {svar.html[:500]}"
        return svar, formulardata(svar.html, sti)


def beskeder(html: str) -> list[str]:
    """The page's messages (`messages` framework), as text."""
    return [
        re.sub(r"<[^>]+>", "", b).strip() for b in re.findall(r'class="besked[^"]*">(.*?)</p>', html, re.S)
    ]


def _fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_database(url: str, navn: str) -> str:
    """A fresh database `navn` on the server of `url`; its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as forbindelse:
        forbindelse.execute(f'DROP DATABASE IF EXISTS "{navn}"')
        forbindelse.execute(f'CREATE DATABASE "{navn}"')
    dele = urllib.parse.urlparse(url)
    return urllib.parse.urlunparse(dele._replace(path=f"/{navn}"))


def _pg_slet(url: str, navn: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as forbindelse:
        forbindelse.execute(f'DROP DATABASE IF EXISTS "{navn}" WITH (FORCE)')


@dataclass
class Server:
    """A running server (see the module): its address, its process and its environment."""

    miljoe: dict[str, str]
    log: Path
    adresse: str = ""
    proces: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start a server process on the same database (after `draeb`)."""
        port = _fri_port()
        with self.log.open("a") as log:
            proces = self.proces = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "socialstyring.web.manage",
                    "runserver",
                    "--noreload",
                    f"127.0.0.1:{port}",
                ],
                env=self.miljoe,
                cwd=RODMAPPE,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.adresse = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(self.adresse + "/login/", timeout=2).close()
                return
            except OSError:
                if proces.poll() is not None:
                    raise AssertionError(self.log.read_text()) from None
                time.sleep(0.1)
        raise AssertionError(f"serveren svarede ikke: {self.log.read_text()}")

    def draeb(self) -> None:
        """kill -9: the process ends at once, in the middle of whatever it does."""
        assert self.proces is not None
        self.proces.kill()
        self.proces.wait(timeout=30)

    def stop(self) -> None:
        if self.proces is not None and self.proces.poll() is None:
            self.proces.terminate()
            self.proces.wait(timeout=30)


@contextmanager
def levende_server(mappe: Path) -> Iterator[str]:
    """A server with the demo, on its own database (see the module); its address."""
    with levende_server_proces(mappe) as server:
        yield server.adresse


@contextmanager
def levende_server_proces(mappe: Path) -> Iterator[Server]:
    """A server with the demo, on its own database (see the module)."""
    miljoe = {**os.environ, "SOCIALSTYRING_VAR": str(mappe), "SOCIALSTYRING_DEBUG": "1"}
    pg = os.environ.get("SOCIALSTYRING_DATABASE_URL")
    navn = f"samtidighed_{os.getpid()}"
    if pg:
        miljoe["SOCIALSTYRING_DATABASE_URL"] = _pg_database(pg, navn)
    opsaet = subprocess.run(
        [str(Path(sys.executable).parent / "socialstyring"), "demo", "opsaet"],
        env=miljoe,
        cwd=RODMAPPE,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert opsaet.returncode == 0, opsaet.stdout + opsaet.stderr
    log = mappe / "server.log"
    log.write_text("")
    server = Server(miljoe, log)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        if pg:
            _pg_slet(pg, navn)
