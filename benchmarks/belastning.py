"""Benchmark: the web app under load — 20 concurrent users doing each role's journeys against
gunicorn and PostgreSQL with the national dataset (issue 13, "Benchmarks").

    .venv/bin/python benchmarks/belastning.py [--tilbud 1500] [--ophold 25000] [--aar 5]
        [--brugere 20] [--tid 120] [--workers 4] [--vent 1-3]

It starts a throwaway PostgreSQL (`scripts/pg-throwaway`, re-running itself under it), then

1. migrates and loads the national demo (`socialstyring demo national`, scaled by --tilbud,
   --ophold and --aar) with the production settings (DEBUG off, keys, allowed host 127.0.0.1,
   HTTPS behind a proxy), collects the static files and checks `check --deploy`;
2. adds logins the dataset lacks: per agreement one operator user (the operator with most
   offers), one municipality user (the municipality paying most stays) and one reader, beside
   the dataset's `sekretariat_<agreement>`;
3. starts gunicorn as docs/drift.md does (`--bind 127.0.0.1`, --workers, production settings);
4. the baseline: each role's journey by 1 user alone, no think time (locust, one run per role);
5. the load: --brugere locust users at once (5 per second; 5 secretariat, 6 operator,
   6 municipality, 3 reader of 20), each logging in through the login form and walking its
   role's pages with --vent seconds before each page, for --tid seconds, headless, against
   127.0.0.1 only (`benchmarks/locustfile.py`). The pages' times count from when every user
   has started (the steady state); those asked for while users are still starting and
   logging in (the first seconds) are reported on a line of their own.

It prints per page (URL name) the requests, failures and p50/p95/p99 in ms under load, the p95
alone and the ratio, the server's own median and p95 wall time and median CPU time per request
(gunicorn hooks), the most database queries a request of the page made, and the totals. Exits
1 if any page's p95 under load is over 200 ms or any request failed. Times are locust's (the
client's wall clock, on the same machine as the server).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROD = Path(__file__).resolve().parent.parent
PY = sys.executable
GRAENSE_MS = 200.0
LOGIN_SIDER = ("login", "login (POST)")  # listed last


def _fri_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


def _percentil(tider: list[float], p: float) -> float:
    """The nearest-rank percentile."""
    s = sorted(tider)
    return s[max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))]


def _produktionsmiljoe(var: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SOCIALSTYRING_DEBUG="0",
        SOCIALSTYRING_VAR=str(var),
        SOCIALSTYRING_SECRET_KEY=secrets.token_urlsafe(50),
        SOCIALSTYRING_CPR_NOEGLE=secrets.token_urlsafe(50),
        SOCIALSTYRING_ALLOWED_HOSTS="127.0.0.1",
        SOCIALSTYRING_SECURE_PROXY_SSL_HEADER="1",
        SOCIALSTYRING_SECURE_HSTS_SECONDS="3600",
        DJANGO_SETTINGS_MODULE="socialstyring.web.settings",
    )
    return env


_GUNICORN_KROGE = r"""
# gunicorn hooks: each request's CPU time and database queries in its worker (a sync worker
# runs one request at a time, in one thread, on one database connection)
import json, os, time
from django.db import connection
from django.urls import Resolver404, resolve

def _taeller(execute, sql, params, many, context):
    _taeller.antal += 1
    return execute(sql, params, many, context)

def pre_request(worker, req):
    _taeller.antal = 0
    if _taeller not in connection.execute_wrappers:
        connection.execute_wrappers.append(_taeller)
    req.cpu0, req.tid0 = time.thread_time(), time.perf_counter()

def post_request(worker, req, environ, resp):
    ms = (time.thread_time() - req.cpu0) * 1000
    vaeg = (time.perf_counter() - req.tid0) * 1000
    try:
        navn = resolve(req.path).view_name
    except Resolver404:
        navn = req.path
    if navn == "login" and req.method == "POST":
        navn = "login (POST)"
    with open(os.path.join(os.environ["BELASTNING_CPU"], f"cpu-{os.getpid()}.jsonl"), "a") as f:
        f.write(json.dumps([navn, ms, vaeg, _taeller.antal]) + "\n")
"""


_PLAN_KODE = r"""
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db.models import Count
from socialstyring.demo.indlaes import DEMO_ADGANGSKODE
from socialstyring.demo.national import SIDSTE_AAR
from socialstyring.web.ophold.models import Ophold
from socialstyring.web.register.models import (
    Brugerprofil, Driftsherre, Rammeaftale, Rolle, Takstberegning, Tilbud,
)
User = get_user_model()
konti = {"sekretariat": [], "driftsherre": [], "kommune": [], "laeser": []}
from socialstyring.web.katalog.services import offentliggoer
kataloger = {}
for aftale in Rammeaftale.objects.order_by("kode"):
    try:  # the catalogue of the last accounts year, whose rate reports are approved
        offentliggoer(aftale, SIDSTE_AAR - 1, None)
        kataloger[aftale.kode] = SIDSTE_AAR - 1
    except Exception as fejl:
        print(f"{aftale.kode}: intet katalog ({fejl})"[:300])
    tilbud = list(Tilbud.objects.filter(driftsherre__rammeaftale=aftale).values_list("id", flat=True)[:200])
    if not tilbud:
        continue
    takster = list(Takstberegning.objects.filter(tilbud__driftsherre__rammeaftale=aftale, aar=SIDSTE_AAR)
                   .values_list("tilbud_id", flat=True)[:200])
    konti["sekretariat"].append({"bruger": f"sekretariat_{aftale.kode}", "kode": DEMO_ADGANGSKODE,
                                 "aftale": aftale.kode, "tilbud": tilbud, "takster": takster})
    d = (Driftsherre.objects.filter(rammeaftale=aftale).annotate(n=Count("tilbud"))
         .order_by("-n", "id").first())
    egne = list(Tilbud.objects.filter(driftsherre=d).values_list("id", flat=True))
    egne_takster = list(Takstberegning.objects.filter(tilbud__driftsherre=d, aar=SIDSTE_AAR)
                        .values_list("tilbud_id", flat=True))
    kommune = (Ophold.objects.filter(betalingskommune__rammeaftale=aftale).values("betalingskommune")
               .annotate(n=Count("id")).order_by("-n", "betalingskommune").first()["betalingskommune"])
    for rolle, ekstra in (("driftsherre", {"driftsherre": d}), ("kommune", {"kommune_id": kommune}),
                          ("laeser", {})):
        navn = f"{rolle}_{aftale.kode}"
        b = User.objects.create_user(navn, password=DEMO_ADGANGSKODE)
        Brugerprofil.objects.create(bruger=b, rolle=rolle, rammeaftale=aftale, **ekstra)
        konto = {"bruger": navn, "kode": DEMO_ADGANGSKODE, "aftale": aftale.kode, "tilbud": tilbud,
                 "takster": takster}
        if rolle == "driftsherre":
            konto.update(driftsherre=d.id, tilbud=egne, takster=egne_takster)
        if rolle == "kommune":
            konto["kommune"] = kommune
        konti[rolle].append(konto)
plan = {"aar": SIDSTE_AAR, "regnskabsaar": SIDSTE_AAR - 1, "konti": konti, "kataloger": kataloger}
with open(sys.argv[1], "w") as f:
    json.dump(plan, f)
"""


def _locust(
    env: dict[str, str], host: str, plan: Path, ud: Path, brugere: int, tid: int, vent: str,
    klasser: list[str],
) -> dict[str, Any]:  # fmt: skip
    env = dict(env, BELASTNING_PLAN=str(plan), BELASTNING_UD=str(ud), BELASTNING_VENT=vent)
    kommando = [
        PY, "-m", "locust", "-f", str(ROD / "benchmarks" / "locustfile.py"), "--headless",
        "--host", host, "-u", str(brugere), "-r", "5", "--run-time", f"{tid}s", "--stop-timeout", "10",
        "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0", *klasser,
    ]  # fmt: skip
    with open(ud.with_suffix(".log"), "w") as log:
        subprocess.run(kommando, env=env, check=True, stdout=log, stderr=subprocess.STDOUT)
    return dict(json.loads(ud.read_text(encoding="utf-8")))


def _under_pg(args: argparse.Namespace) -> int:
    var = Path(tempfile.mkdtemp(prefix="belastning-"))
    try:
        return _koer(args, var)
    finally:
        shutil.rmtree(var, ignore_errors=True)


def _koer(args: argparse.Namespace, var: Path) -> int:
    env = _produktionsmiljoe(var)
    manage = [PY, "-m", "socialstyring.web.manage"]
    t0 = time.perf_counter()
    ud = subprocess.run(
        [str(Path(PY).parent / "socialstyring"), "demo", "national", "--tilbud", str(args.tilbud),
         "--ophold", str(args.ophold), "--aar", str(args.aar), "--json"],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    raekker = sum(json.loads(ud.stdout)["raekker"].values())
    print(
        f"Nationalt datasæt: {args.tilbud} tilbud, {args.ophold} ophold, {args.aar} år, {raekker} rækker; "
        f"migreret og indlæst i PostgreSQL på {time.perf_counter() - t0:.0f} s"
    )
    with open(var / "manage.log", "w") as log:  # the rulebook's reminders go to the log
        subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True, stderr=log)
        subprocess.run([*manage, "check", "--deploy", "--fail-level", "WARNING"], env=env, check=True,
                       stdout=log, stderr=log)  # fmt: skip
    plan = var / "plan.json"
    with open(var / "plan.log", "w") as log:  # the rulebook's reminders go to the log
        subprocess.run([PY, "-c", _PLAN_KODE, str(plan)], env=env, check=True, stderr=log)
    konti = json.loads(plan.read_text(encoding="utf-8"))["konti"]
    print("Logins: " + ", ".join(f"{len(v)} {k}" for k, v in konti.items()))

    (var / "gunicorn_kroge.py").write_text(_GUNICORN_KROGE, encoding="utf-8")
    port = _fri_port()
    gunicorn_log = open(var / "gunicorn.out", "w")  # noqa: SIM115 (open while gunicorn runs; the rulebook's reminders)
    host = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [PY, "-m", "gunicorn", "socialstyring.web.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--timeout", "60", "--control-socket", str(var / "gunicorn.ctl"),
         "--error-logfile", str(var / "gunicorn.log"), "--config", str(var / "gunicorn_kroge.py")],
        env=dict(env, BELASTNING_CPU=str(var)), stdout=gunicorn_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        print(f"gunicorn på 127.0.0.1:{port}, {args.workers} workers")
        # warm-up, not counted: every worker has served every page once (imports, templates)
        _locust(env, host, plan, var / "opvarmning.json", 8, args.alene_tid, "0", [])
        alene: dict[str, list[float]] = {}
        fejl_alene = 0
        for klasse in ("Sekretariat", "Driftsherre", "Kommune", "Laeser"):
            r = _locust(env, host, plan, var / f"alene_{klasse}.json", 1, args.alene_tid, "0", [klasse])
            for navn, tider in r["tider"].items():
                alene.setdefault(navn, []).extend(tider)
            if r["fejl"]:
                fejl_alene += sum(len(v) for v in r["fejl"].values())
                print(f"FEJL alene ({klasse}): {r['fejl']}")
        print(f"Grundlinje: hver rolles rejse af 1 bruger alene, uden pauser, {args.alene_tid} s pr. rolle")
        for f in var.glob("cpu-*.jsonl"):  # the server's CPU times of the load only
            f.unlink()
        last = _locust(env, host, plan, var / "last.json", args.brugere, args.tid, args.vent, [])
        print(f"Last: {args.brugere} samtidige brugere (5/s), {args.vent} s før hver side, {args.tid} s")
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(30)
        gunicorn_log.close()
    cpu: dict[str, list[float]] = {}
    server: dict[str, list[float]] = {}
    forespoergsler: dict[str, list[float]] = {}
    for f in var.glob("cpu-*.jsonl"):
        for linje in f.read_text(encoding="utf-8").splitlines():
            navn, ms, vaeg, antal = json.loads(linje)
            cpu.setdefault(navn, []).append(ms)
            server.setdefault(navn, []).append(vaeg)
            forespoergsler.setdefault(navn, []).append(antal)
    return max(_rapport(last, alene, cpu, server, forespoergsler), 1 if fejl_alene else 0)


def _rapport(
    last: dict[str, Any],
    alene: dict[str, list[float]],
    cpu: dict[str, list[float]],
    server: dict[str, list[float]],
    forespoergsler: dict[str, list[float]],
) -> int:
    tider: dict[str, list[float]] = last["tider"]
    fejl: dict[str, list[str]] = last["fejl"]
    print()
    print(
        f"{'side':34} {'kald':>6} {'fejl':>5} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'alene p95':>9} {'forhold':>7} {'server p50':>10} {'server p95':>10} {'CPU p50':>7} {'SQL':>4}"
    )
    ialt: list[float] = []
    over: list[str] = []
    for navn in sorted(tider, key=lambda n: (n in LOGIN_SIDER, n)):
        t = tider[navn]
        ialt.extend(t)
        p95 = _percentil(t, 95)
        a95 = _percentil(alene[navn], 95) if alene.get(navn) else None
        forhold = f"{p95 / a95:.1f}×" if a95 else "–"
        print(
            f"{navn:34} {len(t):6} {len(fejl.get(navn, [])):5} {_percentil(t, 50):6.0f} {p95:6.0f} "
            f"{_percentil(t, 99):6.0f} {(f'{a95:.0f}' if a95 else '–'):>9} {forhold:>7} "
            f"{(f'{_percentil(server[navn], 50):.0f}' if server.get(navn) else '–'):>10} "
            f"{(f'{_percentil(server[navn], 95):.0f}' if server.get(navn) else '–'):>10} "
            f"{(f'{_percentil(cpu[navn], 50):.0f}' if cpu.get(navn) else '–'):>7} "
            f"{(f'{max(forespoergsler[navn]):.0f}' if forespoergsler.get(navn) else '–'):>4}"
        )
        if p95 > GRAENSE_MS and navn != "login (POST)":  # the password hash is slow on purpose
            over.append(f"{navn} ({p95:.0f} ms)")
    n_fejl = sum(len(v) for v in fejl.values())
    alle_alene = [x for v in alene.values() for x in v]
    print(
        f"{'i alt':34} {len(ialt):6} {n_fejl:5} {_percentil(ialt, 50):6.0f} {_percentil(ialt, 95):6.0f} "
        f"{_percentil(ialt, 99):6.0f} {_percentil(alle_alene, 95):9.0f} "
        f"{_percentil(ialt, 95) / _percentil(alle_alene, 95):6.1f}×"
    )
    opstart = [x for v in last.get("opstart", {}).values() for x in v]
    if opstart:
        print(
            f"{'(under opstarten, ikke med ovenfor)':34} {len(opstart):6} {'':5} "
            f"{_percentil(opstart, 50):6.0f} {_percentil(opstart, 95):6.0f} {_percentil(opstart, 99):6.0f}"
        )
    for navn, beskeder in fejl.items():
        print(f"FEJL {navn}: {len(beskeder)}, fx {beskeder[0]}")
    if over:
        print(f"p95 over {GRAENSE_MS:.0f} ms: " + ", ".join(over))
    return 1 if over or n_fejl else 0


def main() -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--tilbud", type=int, default=1500)
    p.add_argument("--ophold", type=int, default=25_000)
    p.add_argument("--aar", type=int, default=5)
    p.add_argument("--brugere", type=int, default=20)
    p.add_argument("--tid", type=int, default=120, help="sekunder under last")
    p.add_argument("--alene-tid", type=int, default=10, help="sekunder pr. rolle for grundlinjen")
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--vent", default="1-3", help='sekunder mellem siderne, "a-b" eller "0"')
    args = p.parse_args()
    if os.environ.get("BELASTNING_I_PG") != "1":
        os.environ["BELASTNING_I_PG"] = "1"
        return subprocess.run([str(ROD / "scripts" / "pg-throwaway"), PY, *sys.argv]).returncode
    return _under_pg(args)


if __name__ == "__main__":
    sys.exit(main())
