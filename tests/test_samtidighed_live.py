"""Concurrent saves against a real server (threads, one database): no lost update, no
server error — on SQLite and on PostgreSQL (the PostgreSQL pass runs this file too).

Each trial: two users (the operator and the secretariat) open the same page, type
different values into the same field, and save at the same moment. Exactly one save must
be kept and reported as saved; the other must be refused as stale, and the page must then
show the kept value. A lost update is a trial where both are told their save was kept, or
the page shows another value than the one reported kept.

- 60 trials on the rate report (Aarhus Kommune's 2018 draft in the demo), one row each;
- 40 trials on used days: the first save of a service's quarter (no row yet), where the
  database's unique constraint decides who creates it.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from formulardata import formulardata
from levende_server import Browser, Svar, beskeder, levende_server

GEMT_UDKAST = "Udkastet er gemt."
AFVIST = "Intet er gemt: en anden har gemt ændringer, efter du åbnede siden."
RAPPORT_FORSOEG, FORBRUG_FORSOEG = 60, 40
AAR = 2018


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with levende_server(Path(tmp_path_factory.mktemp("samtidighed"))) as adresse:
        yield adresse


def _brugere(adresse: str) -> tuple[Browser, Browser]:
    a, b = Browser(adresse), Browser(adresse)
    a.log_ind("aarhus")
    b.log_ind("sekretariat")
    return a, b


def _samtidigt(
    a: Browser, b: Browser, sti: str, data_a: dict[str, str], data_b: dict[str, str]
) -> tuple[Svar, Svar]:
    """Both post at the same moment (a barrier releases the two threads together)."""
    start = threading.Barrier(2)
    svar: dict[str, Svar] = {}

    def send(navn: str, browser: Browser, data: dict[str, str]) -> None:
        start.wait()
        svar[navn] = browser.send(sti, data)

    traade = [
        threading.Thread(target=send, args=("a", a, data_a)),
        threading.Thread(target=send, args=("b", b, data_b)),
    ]
    for t in traade:
        t.start()
    for t in traade:
        t.join(timeout=120)
    return svar["a"], svar["b"]


class Optaelling:
    def __init__(self) -> None:
        self.forsoeg = 0
        self.tabte = 0
        self.serverfejl = 0
        self.udfald: Counter[str] = Counter()

    def __str__(self) -> str:
        return (
            f"{self.forsoeg} forsøg, {self.tabte} tabte opdateringer, {self.serverfejl} serverfejl; "
            f"udfald: {dict(self.udfald)}"
        )


def _udfald(tekster: list[str], gemt: str) -> str:
    if any(t.startswith(gemt) for t in tekster):
        return "gemt"
    if any(t.startswith(AFVIST) for t in tekster):
        return "afvist"
    return "ukendt: " + " | ".join(tekster)


def _forsoeg(
    o: Optaelling,
    a: Browser,
    b: Browser,
    sti: str,
    felt: str,
    vaerdier: tuple[str, str],
    gemt: str,
    vist: str,
) -> None:
    """One trial on field `felt` of the form at `sti`; `vist` reads the field's value back."""
    o.forsoeg += 1
    fa, fb = formulardata(a.hent(sti).html, sti), formulardata(b.hent(sti).html, sti)
    svar = _samtidigt(a, b, sti, {**fa, felt: vaerdier[0]}, {**fb, felt: vaerdier[1]})
    o.serverfejl += sum(s.status >= 500 for s in svar)
    sider = [a.hent(sti), b.hent(sti)]  # the pages shown after the save, with their messages
    o.serverfejl += sum(s.status >= 500 for s in sider)
    udfald = [_udfald(beskeder(s.html), gemt) for s in sider]
    o.udfald[" + ".join(sorted(udfald))] += 1
    kept = [v for v, u in zip(vaerdier, udfald, strict=True) if u == "gemt"]
    stored = formulardata(sider[0].html, sti).get(felt, "")
    if len(kept) != 1 or stored != vist.format(kept[0]):
        o.tabte += 1


def test_samtidige_gemninger_taber_intet_og_giver_ingen_serverfejl(server: str) -> None:
    a, b = _brugere(server)
    o = Optaelling()

    # the rate report: the same row's places, saved by both at once
    rapport = "/indberetning/{}/{}/"
    aarhus = _driftsherre_id(a)
    sti = rapport.format(aarhus, AAR)
    felter = formulardata(a.hent(sti).html, sti)
    raekker = sorted(
        k.removesuffix("-pladser") for k in felter if k.endswith("-pladser") and not k.startswith("initial-")
    )
    assert raekker, "Aarhus' rapport har ingen rækker"
    for i in range(RAPPORT_FORSOEG):
        r = raekker[i % len(raekker)]
        _forsoeg(o, a, b, sti, f"{r}-pladser", (f"{100 + i}", f"{500 + i}"), GEMT_UDKAST, "{}")

    # used days: the first save of a quarter of a service, by both at once
    nye = 0
    for kvartal in (1, 2, 3, 4):
        sti = f"/belaegning/{aarhus}/{AAR}/{kvartal}/"
        felter = formulardata(a.hent(sti).html, sti)
        tomme = sorted(k for k, v in felter.items() if k.startswith("dage-") and v == "")
        for felt in tomme:
            if nye == FORBRUG_FORSOEG:
                break
            nye += 1
            _forsoeg(o, a, b, sti, felt, (f"{100 + nye}", f"{200 + nye}"), f"Forbruget for Q{kvartal}", "{}")
    assert nye == FORBRUG_FORSOEG, f"kun {nye} kvartaler uden forbrug i demoen"

    print(f"\nSamtidighed ({_database()}): {o}")
    assert o.forsoeg >= 100
    assert (o.tabte, o.serverfejl) == (0, 0), str(o)
    assert o.udfald == Counter({"afvist + gemt": o.forsoeg}), str(o)


def _driftsherre_id(a: Browser) -> int:
    """Aarhus Kommune's id, from the link on the operator's front page."""
    import re

    svar = a.hent("/")
    m = re.search(r'href="/indberetning/(\d+)/\d+/"', svar.html)
    assert m, svar.html[:3000]
    return int(m.group(1))


def _database() -> str:
    import os

    return "PostgreSQL" if os.environ.get("SOCIALSTYRING_DATABASE_URL") else "SQLite"
