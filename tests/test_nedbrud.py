"""Faults in the middle of a write (issue 13, "the reliability proof"): the web process killed
(kill -9) during an Excel import (an operator's rate report), a billing run (a statement sent to
a paying municipality) and a publication (the agreement's catalogue), and the database
connection cut during a publication — 0 half-written rows (every table's content compared
before and after), the user told in Danish when the connection was cut, and the same write done
again afterwards works whole.

The middle is hit every time, not by timing: the test holds a lock on the history table of what
the write stores (SHARE mode: reads go on, writes wait), so the server's transaction — which has
written its first row — waits at that row's history; the test sees it waiting there
(`pg_stat_activity`), kills, then lets go.

A real server on its own database (tests/levende_server.py: the demo, runserver in a process of
its own). PostgreSQL only: the kill needs the database's view of the waiting transaction; the
suite's PostgreSQL pass runs it."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import psycopg
import pytest
from django.db.models import Model
from django.urls import reverse
from formulardata import formulardata
from levende_server import Browser, Server, Svar, levende_server_proces
from openpyxl import load_workbook

from socialstyring.io.excel.indberetning import ARK_TAKSTER, FOERSTE_DATARAEKKE, KILDE, KOLONNER
from socialstyring.web.afregning.models import Afregning
from socialstyring.web.register.models import Katalog, Ydelsesaar

pytestmark = pytest.mark.skipif(
    not os.environ.get("SOCIALSTYRING_DATABASE_URL"),
    reason="nedbrudsprøven kræver PostgreSQL (kører i testens PostgreSQL-gennemløb)",
)

Forbindelse = psycopg.Connection[tuple[object, ...]]

UDEN_FOR = frozenset({"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"})
"""Tables of the logins, not of the data (each new browser logs in)."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with levende_server_proces(Path(tmp_path_factory.mktemp("nedbrud"))) as s:
        yield s


def _db(server: Server) -> Forbindelse:
    return psycopg.connect(server.miljoe["SOCIALSTYRING_DATABASE_URL"], autocommit=True)


def _en(db: Forbindelse, sql: str, *parametre: object) -> object:
    r = db.execute(sql, parametre).fetchone()
    assert r is not None, sql
    return r[0]


def _indhold(server: Server) -> dict[str, object]:
    """Every table's content (a digest of its rows), the logins' tables left out."""
    with _db(server) as db:
        tabeller = [
            str(r[0])
            for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        ]
        return {
            t: _en(
                db,
                f"SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \"{t}\" t",
            )
            for t in sorted(set(tabeller) - UDEN_FOR)
        }


def _antal(server: Server, model: type[Model]) -> int:
    with _db(server) as db:
        return int(str(_en(db, f'SELECT count(*) FROM "{model._meta.db_table}"')))


def _id(server: Server, sql: str) -> int:
    with _db(server) as db:
        return int(str(_en(db, sql)))


# --- the writes ---------------------------------------------------------------------------------

Afsendelse = Callable[[Browser], Svar]


@dataclass(frozen=True)
class Skrivning:
    """A write through a page: who, what it stores (its history is locked), how to send it
    (`forbered` reads the page and returns the final POST) and how a successful answer looks."""

    bruger: str
    model: type[Model]
    forbered: Callable[[Server, Browser], Afsendelse]
    lykkedes: Callable[[Svar], bool]


def _import(server: Server, b: Browser) -> Afsendelse:
    """Aarhus' 2018 rate report as its template, with a note in the source column of the first
    two services: two rows to save."""
    aarhus = _id(server, "SELECT id FROM register_driftsherre WHERE navn = 'Aarhus Kommune'")
    data = b.hent_fil(reverse("takstskabelon:excel_skabelon", args=[aarhus, 2018]))
    wb = load_workbook(BytesIO(data))
    ark = wb[ARK_TAKSTER]
    kolonne = next(i for i, k in enumerate(KOLONNER, start=1) if k.overskrift == KILDE)
    for raekke in (FOERSTE_DATARAEKKE, FOERSTE_DATARAEKKE + 1):
        ark.cell(raekke, kolonne).value = "Byrådets budget 2018, efter nedbruddet"
    ud = BytesIO()
    wb.save(ud)
    sti = reverse("takstskabelon:excel_import", args=[aarhus, 2018])
    return lambda b: b.send_fil(sti, "fil", "takster_2018.xlsx", ud.getvalue())


def _opgoerelse(server: Server, b: Browser) -> Afsendelse:
    """Herning's statement to Randers for February 2018, sent after its confirmation page."""
    herning = _id(server, "SELECT id FROM register_driftsherre WHERE navn = 'Herning Kommune'")
    randers = _id(server, "SELECT id FROM register_kommune WHERE navn = 'Randers'")
    sti = reverse("afregning:opgoerelse", args=[herning, 2018, 2, randers])
    side = b.hent(sti)
    assert side.status == 200, side.html[:2000]
    bekraeft = b.send(sti, formulardata(side.html, sti))
    assert bekraeft.status == 200, bekraeft.html[:2000]
    return lambda b: b.send(sti, formulardata(bekraeft.html, sti))


def _katalog(server: Server, b: Browser) -> Afsendelse:
    """A new version of Midtjylland's 2017 catalogue, after its confirmation page."""
    sti = reverse("katalog:katalog_offentliggoer", args=[2017])
    bekraeft = b.send(sti, {"rammeaftale": "midtjylland"})
    assert bekraeft.status == 200, bekraeft.html[:2000]
    return lambda b: b.send(sti, formulardata(bekraeft.html, sti))


IMPORT = Skrivning("aarhus", Ydelsesaar, _import, lambda s: s.status == 200 and "2 ydelser ændret" in s.html)
AFREGNING = Skrivning("herning", Afregning, _opgoerelse, lambda s: s.status == 302)
KATALOG = Skrivning("sekretariat", Katalog, _katalog, lambda s: s.status == 302)


# --- the fault ---------------------------------------------------------------------------------


def _i_baggrunden(send: Afsendelse, b: Browser) -> tuple[threading.Thread, list[Svar | BaseException]]:
    ud: list[Svar | BaseException] = []

    def kald() -> None:
        try:
            ud.append(send(b))
        except BaseException as fejl:  # the server died under the request
            ud.append(fejl)

    t = threading.Thread(target=kald)
    t.start()
    return t, ud


def _venter_paa_historikken(server: Server, tabel: str) -> int:
    """The server's database process waiting to write a history row into `tabel`: its pid."""
    with _db(server) as db:
        for _ in range(1200):
            r = db.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND query LIKE %s",
                (f'INSERT INTO "{tabel}"%',),
            ).fetchone()
            if r:
                return int(str(r[0]))
            time.sleep(0.05)
    raise AssertionError(f"serveren nåede ikke til {tabel}")


def _vent_til_slut(server: Server, pid: int) -> None:
    with _db(server) as db:
        for _ in range(1200):
            if not db.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
                return
            time.sleep(0.05)
    raise AssertionError(f"databaseprocessen {pid} sluttede ikke")


def _midt_i(server: Server, s: Skrivning, fejl: Callable[[Forbindelse, int], object]) -> Svar | BaseException:
    """Send the write; when it waits at its first history row, do `fejl`; its answer."""
    b = Browser(server.adresse)
    b.log_ind(s.bruger)
    send = s.forbered(server, b)
    foer = _indhold(server)
    historik = s.model.history.model._meta.db_table  # type: ignore[attr-defined]
    with psycopg.connect(server.miljoe["SOCIALSTYRING_DATABASE_URL"]) as laas:
        laas.execute(f'LOCK TABLE "{historik}" IN SHARE MODE')
        traad, svar = _i_baggrunden(send, b)
        pid = _venter_paa_historikken(server, historik)
        fejl(laas, pid)
        laas.rollback()  # let go: an orphaned transaction goes on, finds its client gone and ends
    _vent_til_slut(server, pid)
    traad.join(timeout=120)
    assert len(svar) == 1, svar
    efter = _indhold(server)
    assert {t for t in foer if foer[t] != efter[t]} == set(), "halvt skrevne rækker"
    return svar[0]


def _igen(server: Server, s: Skrivning) -> None:
    """After the fault the same write is done again, whole: its rows and their history."""
    b = Browser(server.adresse)
    b.log_ind(s.bruger)
    send = s.forbered(server, b)
    foer = (_antal(server, s.model), _antal(server, s.model.history.model))  # type: ignore[attr-defined]
    svar = send(b)
    assert s.lykkedes(svar), f"{svar.status}: {svar.html[:2000]}"
    efter = (_antal(server, s.model), _antal(server, s.model.history.model))  # type: ignore[attr-defined]
    assert efter[1] > foer[1] and efter[0] >= foer[0]


@pytest.mark.parametrize("skrivning", [IMPORT, AFREGNING, KATALOG], ids=["import", "afregning", "katalog"])
def test_webprocessen_draebes_midt_i_en_skrivning(server: Server, skrivning: Skrivning) -> None:
    svar = _midt_i(server, skrivning, lambda _laas, _pid: server.draeb())
    assert not isinstance(svar, Svar), svar  # the request died with the process
    server.start()
    _igen(server, skrivning)


def test_databaseforbindelsen_afbrydes_midt_i_en_offentliggoerelse(server: Server) -> None:
    svar = _midt_i(server, KATALOG, lambda laas, pid: laas.execute("SELECT pg_terminate_backend(%s)", (pid,)))
    assert isinstance(svar, Svar) and svar.status == 503, svar
    assert "Databasen svarede ikke" in svar.html and "Intet af det, du bad om, er gemt" in svar.html
    _igen(server, KATALOG)  # the same server, a new connection


# --- a background job's worker killed -----------------------------------------------------------

JOBTABELLER = ("jobber_", "procrastinate_")
"""The job's own rows and the queue's: what a job may write (its status and result)."""


def _data(server: Server) -> dict[str, object]:
    return {t: v for t, v in _indhold(server).items() if not t.startswith(JOBTABELLER)}


def _kommando(miljoe: dict[str, str], *args: str) -> str:
    import subprocess
    import sys

    r = subprocess.run(
        [str(Path(sys.executable).parent / "socialstyring"), *args],
        env=miljoe,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def _job(server: Server, job_id: int) -> tuple[str, int, str]:
    with _db(server) as db:
        r = db.execute(
            "SELECT status, forsoeg, resultat::text FROM jobber_baggrundsjob WHERE id = %s", (job_id,)
        ).fetchone()
        assert r is not None
        return str(r[0]), int(str(r[1])), str(r[2])


def test_arbejderen_draebes_midt_i_aarets_afregning(server: Server) -> None:
    """kill -9 of the job queue's worker in the middle of Midtjylland's year's billing (the job
    has started and waits to read the stays, which the test holds locked): no data row changes,
    the job is left "Kører", and the next worker — finding the dead worker's job by its missing
    heartbeat — runs it again from the start, to the result of a run that was never cut off."""
    import json
    import subprocess
    import sys

    # the same job run whole in the command itself (no queue), for the result to compare with
    ref = json.loads(
        _kommando(server.miljoe, "jobber", "aarsafregning", "2018", "--rammeaftale", "midtjylland", "--json")
    )
    assert ref["status"] == "faerdig"
    koe = {**server.miljoe, "SOCIALSTYRING_JOBKOE": "procrastinate", "SOCIALSTYRING_JOB_HJERTESLAG": "3"}
    job_id = json.loads(
        _kommando(koe, "jobber", "aarsafregning", "2018", "--rammeaftale", "midtjylland", "--json")
    )["job"]
    assert _job(server, job_id)[:2] == ("venter", 0)
    foer = _data(server)
    with psycopg.connect(server.miljoe["SOCIALSTYRING_DATABASE_URL"]) as laas:
        laas.execute('LOCK TABLE "ophold_ophold" IN ACCESS EXCLUSIVE MODE')
        arbejder = subprocess.Popen(
            [str(Path(sys.executable).parent / "socialstyring"), "jobber", "arbejd"],
            env=koe,
            stdout=subprocess.DEVNULL,
            stderr=(server.log.parent / "arbejder.log").open("w"),
        )
        with _db(server) as db:
            for _ in range(1200):
                r = db.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND query LIKE %s",
                    (
                        'SELECT "ophold_ophold"."id"%',
                    ),  # the stays' query (its FROM is past what the view keeps)
                ).fetchone()
                if r:
                    break
                time.sleep(0.05)
            else:
                venter = db.execute(
                    "SELECT wait_event_type, left(query, 200) FROM pg_stat_activity WHERE datname = current_database()"
                ).fetchall()
                raise AssertionError(
                    f"arbejderen nåede ikke til opholdene: {venter} {(server.log.parent / 'arbejder.log').read_text()}"
                )
        assert _job(server, job_id)[:2] == ("koerer", 1)  # started, and in the middle
        arbejder.kill()
        arbejder.wait(timeout=30)
        laas.rollback()
    _vent_til_slut(server, int(str(r[0])))
    assert _job(server, job_id)[:2] == ("koerer", 1)
    assert _data(server) == foer, "halvt skrevne rækker"
    time.sleep(4)  # the dead worker's last heartbeat is now older than 3 s
    _kommando(koe, "jobber", "arbejd", "--en-gang")
    status, forsoeg, resultat = _job(server, job_id)
    assert (status, forsoeg) == ("faerdig", 2)
    assert dict(json.loads(resultat)["resume"]) == ref["resultat"]
    assert _data(server) == foer
