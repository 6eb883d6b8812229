"""The command line: `socialstyring …` for every calculation and for demo/admin tasks."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from socialstyring.beregning.kategori import Kategoriresultat
from socialstyring.beregning.kerne.model import Caseberegning
from socialstyring.beregning.kerne.penge import dansk_tal, kr
from socialstyring.beregning.kerne.regelbrug import vist_vaerdi
from socialstyring.beregning.takst import Takstresultat
from socialstyring.io.cases import BEREGNINGER, CaseFejl, afvigelser, koer_case, laes_case
from socialstyring.regler import LAG, RegelbogFejl, regelbog

app = typer.Typer(help="Socialstyring: takster, belægning og styring af det specialiserede socialområde.")
regler_app = typer.Typer(help="Regelbogen: parametre pr. rammeaftale og år med kilder.")
beregn_app = typer.Typer(help="Beregninger fra en case-fil (YAML med input og forventet resultat).")
demo_app = typer.Typer(help="Demodata og opsætning.")
rapport_app = typer.Typer(help="Rapporter (Excel og PDF) fra en case-fil.")
befolkning_app = typer.Typer(help="Befolkningstal fra Danmarks Statistik (FOLK1A).")
drift_app = typer.Typer(help="Drift: backup af hele databasen og gendannelse i en tom database.")
benchmark_app = typer.Typer(help="Kommunernes regnskaber på funktioner (Danmarks Statistik, REGK31).")
historik_app = typer.Typer(
    help="Historik: hvem ændrede hvad og hvornår, og gendannelse af en tidligere version."
)
app.add_typer(regler_app, name="regler")
app.add_typer(beregn_app, name="beregn")
app.add_typer(demo_app, name="demo")
app.add_typer(rapport_app, name="rapport")
app.add_typer(befolkning_app, name="befolkning")
app.add_typer(benchmark_app, name="benchmark")
app.add_typer(drift_app, name="drift")
app.add_typer(historik_app, name="historik")
api_app = typer.Typer(help="JSON-API'et (/api/v1/): brugernes API-nøgler.")
api_noegle_app = typer.Typer(help="API-nøgler: opret (vises én gang), list og tilbagekald.")
api_app.add_typer(api_noegle_app, name="noegle")
app.add_typer(api_app, name="api")
jobber_app = typer.Typer(
    help="Baggrundsjob: arbejderen, der kører køen i PostgreSQL, og de lange kørsler (årets afregning)."
)
app.add_typer(jobber_app, name="jobber")

ud = Console()
fejl_ud = Console(stderr=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON.")]


@regler_app.command("vis")
def regler_vis(
    region: Annotated[str, typer.Argument(help=f"Et af: {', '.join(LAG)}")],
    dato: Annotated[str | None, typer.Argument(help="Dato (ÅÅÅÅ-MM-DD); standard er i dag.")] = None,
    som_json: JsonFlag = False,
) -> None:
    """Vis hver værdi i kraft for REGION på DATO med kilde."""
    try:
        paa = date.fromisoformat(dato) if dato else date.today()
        opslag = regelbog().alle_i_kraft(region, paa)
    except (ValueError, KeyError, RegelbogFejl) as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {fejl}")
        raise typer.Exit(2) from None
    if som_json:
        ud.print_json(
            json.dumps(
                [
                    {
                        "parameter": o.navn,
                        "vaerdi": vist_vaerdi(o),
                        "lag": o.lag,
                        "fra": o.fra.isoformat(),
                        "kilde": o.kildetekst,
                        "url": o.kilde.url if o.kilde else None,
                        "antaget": o.er_antaget,
                        "advarsel": o.advarsel,
                    }
                    for o in opslag
                ],
                ensure_ascii=False,
            )
        )
        return
    tabel = Table(title=f"Regler i kraft for {region} den {paa.isoformat()}", show_lines=True)
    for kolonne in ("Parameter", "Værdi", "Lag", "Fra", "Kilde"):
        tabel.add_column(kolonne, overflow="fold")
    for o in opslag:
        kilde = f"[yellow]ANTAGET:[/yellow] {o.kildetekst}" if o.er_antaget else o.kildetekst
        if o.kilde and o.kilde.url:
            kilde += f"\n{o.kilde.url}"
        if o.advarsel:
            kilde += f"\n[red]{o.advarsel}[/red]"
        tabel.add_row(o.navn, vist_vaerdi(o), o.lag, o.fra.isoformat(), kilde)
    ud.print(tabel)


@regler_app.command("tjek")
def regler_tjek() -> None:
    """Indlæs og valider hele regelbogen."""
    try:
        bog = regelbog()
    except RegelbogFejl as fejl:
        fejl_ud.print(f"[red]Regelbogen er ugyldig:[/red]\n{fejl}")
        raise typer.Exit(2) from None
    for lag in LAG:
        ud.print(f"{lag}: {len(bog.navne(lag))} parametre")
    ud.print("[green]Regelbogen er gyldig.[/green]")


@regler_app.command("eksporter")
def regler_eksporter(
    aftale: Annotated[str, typer.Argument(help=f"Laget: et af {', '.join(LAG)}")],
    fil: Annotated[
        Path | None, typer.Option("--fil", help="Skriv regelfilerne i en zip-fil, som når de hentes i appen.")
    ] = None,
    mappe: Annotated[
        Path | None,
        typer.Option("--mappe", help="Skriv regelfilerne i MAPPE/<aftale>/ (som regelbogens egen mappe)."),
    ] = None,
    som_json: JsonFlag = False,
) -> None:
    """Skriv rammeaftalens regler (regelbogen med de værdier, der er indtastet i appen) som
    regelfiler i regelbogens eget format (YAML), der kan indlæses som regelbogen.
    Beregninger fra case-filer bruger altid regelbogen, som den følger med programmet."""
    if aftale not in LAG:
        fejl_ud.print(f"[red]Fejl:[/red] ukendt lag '{escape(aftale)}'; kendte er {', '.join(LAG)}")
        raise typer.Exit(2)
    _django()
    from django.db import DatabaseError

    from socialstyring.web.regelbog.selectors import eksport, eksport_zip

    try:
        filer = eksport(aftale)
        if fil is not None:
            fil.write_bytes(eksport_zip(aftale))
    except DatabaseError as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] databasen kan ikke læses ({escape(str(fejl))}); kør migrate.")
        raise typer.Exit(2) from None
    if mappe is not None:
        (mappe / aftale).mkdir(parents=True, exist_ok=True)
        for navn, tekst in filer.items():
            (mappe / aftale / navn).write_text(tekst, encoding="utf-8")
    if som_json:
        ud.print_json(json.dumps({"aftale": aftale, "filer": filer}, ensure_ascii=False))
    elif fil is None and mappe is None:
        for navn, tekst in filer.items():
            typer.echo(f"# --- {aftale}/{navn}\n{tekst}")
    else:
        steder = [str(s) for s in (fil, mappe / aftale if mappe else None) if s is not None]
        ud.print(f"{len(filer)} regelfiler for {aftale} er skrevet til {' og '.join(steder)}.")


def _beregn_case(case: Path, som_json: bool, kommando: str, vis: Callable[[str, Any], None]) -> None:
    """Run a case file of calculation `kommando`: print result and trace (or JSON), check
    the expected figures; exit 1 on a deviation and 2 on bad input."""
    try:
        c = laes_case(case)
        if c.beregning != kommando:
            _forkert_beregning(case, c.beregning, kommando)
        resultat = koer_case(c, regelbog())
    except (CaseFejl, RegelbogFejl, ValueError, KeyError) as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {fejl}")
        raise typer.Exit(2) from None
    afvig = afvigelser(c, resultat)
    if som_json:
        data = resultat.til_json()
        data["case"] = {"fil": str(case), "navn": c.navn, "afvigelser": afvig}
        ud.print_json(json.dumps(data, ensure_ascii=False))
    else:
        vis(c.navn, resultat)
        if c.forventet:
            if afvig:
                fejl_ud.print("[red]Afviger fra det forventede:[/red]")
                for a in afvig:
                    fejl_ud.print(f"  {a}")
            else:
                ud.print("[green]Resultatet svarer til det forventede.[/green]")
    if afvig:
        raise typer.Exit(1)


CaseArg = Annotated[Path, typer.Argument(help="Case-fil (YAML) med input og evt. forventet.")]


@beregn_app.command("takst")
def beregn_takst_cmd(case: CaseArg, som_json: JsonFlag = False) -> None:
    """Beregn takster fra en case-fil; vis resultat og spor, og tjek det forventede."""
    _beregn_case(case, som_json, "takst", _vis_takst)


@beregn_app.command("kategori")
def beregn_kategori_cmd(case: CaseArg, som_json: JsonFlag = False) -> None:
    """Beregn et tilbuds kategori fra en case-fil; vis resultat og spor, og tjek det forventede."""
    _beregn_case(case, som_json, "kategori", _vis_kategori)


def _vis_generelt(navn: str, r: Any) -> None:
    """The result's top-level figures, its warnings and its trace."""
    ud.rule(navn)
    tabel = Table()
    tabel.add_column("Felt")
    tabel.add_column("Værdi", overflow="fold")
    for noegle, vaerdi in r.til_json().items():
        if noegle != "spor" and not isinstance(vaerdi, (dict, list)) and vaerdi is not None:
            tabel.add_row(noegle, str(vaerdi))
    ud.print(tabel)
    for a in getattr(r, "advarsler", ()):
        ud.print(f"[yellow]Advarsel:[/yellow] {a}")
    ud.rule("Spor")
    ud.print(r.spor.som_tekst(), markup=False, highlight=False)


def _vis_takst(navn: str, r: Takstresultat) -> None:
    ud.rule(f"{navn} — {r.tilbud}, {r.region} {r.aar}")
    for y in r.ydelser:
        tabel = Table(title=f"{y.navn} ({y.pladser} {y.pladstype.value}spladser)")
        tabel.add_column("Figur")
        tabel.add_column("Værdi", justify="right")
        for label, vaerdi in (
            ("Direkte omkostninger", kr(y.direkte)),
            ("Overhead", kr(y.overhead)),
            ("Efterregulering", kr(y.regulering)),
            ("Takstberegningsgrundlag", kr(y.grundlag)),
            ("Budgetteret belægning", f"{y.belaegning_pct} %"),
            ("Takst pr. dag" if not y.pakker else "Grundtakst pr. dag", kr(y.takst_pr_dag)),
            ("Årspris pr. plads", kr(y.aarspris)),
        ):
            tabel.add_row(label, vaerdi)
        for p in y.pakker:
            tabel.add_row(f"Pakke {p.navn}: samlet takst pr. dag", kr(p.takst_pr_dag))
        ud.print(tabel)
    for t in r.tillaeg:
        ud.print(f"Tillægsydelse {t.navn}: {kr(t.loen_pr_time)} + administration = {kr(t.timepris)}/time")
    for a in r.advarsler:
        ud.print(f"[yellow]Advarsel:[/yellow] {a}")
    ud.rule("Spor")
    ud.print(r.spor.som_tekst(), markup=False, highlight=False)


def _forkert_beregning(case: Path, beregning: str, kommando: str) -> NoReturn:
    fejl_ud.print(
        f"[red]Fejl:[/red] {case} er en '{beregning}'-beregning, ikke '{kommando}'; "
        f"brug 'socialstyring beregn {beregning}'"
    )
    raise typer.Exit(2)


def _vis_kategori(navn: str, r: Kategoriresultat) -> None:
    ud.rule(f"{navn} — {r.tilbud}, {r.region} {r.aar}")
    tabel = Table(title=f"Kategori ({r.regel.label})")
    tabel.add_column("Figur")
    tabel.add_column("Værdi", justify="right")
    driftsherre = "region" if r.driftsherre == "region" else f"kommune {r.driftsherre}"
    for label, vaerdi in (
        ("Driftsherre", driftsherre),
        ("Takst", kr(r.takst)),
        ("Pladser", dansk_tal(r.pladser)),
        ("Årspladser brugt i alt", dansk_tal(r.forbrug_i_alt)),
        ("Årspladser brugt af andre kommuner", dansk_tal(r.forbrug_andre)),
        ("Antal andre købekommuner", str(r.antal_andre_koeberkommuner)),
        ("Andel brugt af andre kommuner", f"{dansk_tal(r.andel_solgt_pct, 2)} %"),
        ("Beregnet kategori (regelens forslag)", r.beregnet_kategori_tekst),
        ("Kategori", r.kategori_tekst + (" (tilsidesat manuelt)" if r.tilsidesat else "")),
    ):
        tabel.add_row(label, vaerdi)
    ud.print(tabel)
    if r.begrundelse:
        ud.print(f"Begrundelse for den manuelle kategori: {r.begrundelse}", markup=False)
    ud.print(f"Forbehold: {r.forbehold}", markup=False)
    for a in r.advarsler:
        ud.print(f"[yellow]Advarsel:[/yellow] {a}")
    ud.rule("Spor")
    ud.print(r.spor.som_tekst(), markup=False, highlight=False)


def _vis_scenarie(navn: str, r: Any) -> None:
    """Each scenario: net budget before and after, each change, and the effects per municipality
    (agreement / others), operator and unit; then the warnings and the trace."""
    ud.rule(f"{navn} — {r.region} {r.aar}" + (" (stablede scenarier)" if r.stablet else ""))
    ud.print(f"Nettodriftsbudget {kr(r.nettobudget)}, overhead {dansk_tal(r.overhead_pct)} %, {r.dage} dage")
    for s in r.scenarier:
        tabel = Table(title=s.navn)
        tabel.add_column("Figur")
        tabel.add_column("Ændring", justify="right")
        for label, vaerdi in (
            ("Nettodriftsbudget før", kr(s.nettobudget_foer)),
            (
                "Ændring i nettodriftsbudget",
                f"{kr(s.nettobudget_aendring)} ({dansk_tal(s.nettobudget_aendring_pct)} %)",
            ),
            ("Nettodriftsbudget efter", kr(s.nettobudget_efter)),
            ("Objektiv finansiering", kr(s.objektiv_aendring)),
            ("Aftalens kommuner", kr(s.aftalens_kommuner)),
            ("Andre kommuner", kr(s.andre_kommuner)),
        ):
            tabel.add_row(label, vaerdi)
        for a in s.aendringer:
            tabel.add_row(f"Ændring {a.navn}", kr(a.nettobudget))
        for hvad, effekter in (
            ("Kommune", s.kommuner),
            ("Driftsherre (indtægt)", s.driftsherrer),
            ("Enhed", s.enheder),
        ):
            for e in effekter:
                gruppe = f" ({'aftalen' if e.gruppe == 'aftale' else 'andre'})" if e.gruppe else ""
                tabel.add_row(f"{hvad}: {e.navn}{gruppe}", kr(e.beloeb))
        ud.print(tabel)
    for a in r.advarsler:
        ud.print(f"[yellow]Advarsel:[/yellow] {a}")
    ud.rule("Spor")
    ud.print(r.spor.som_tekst(), markup=False, highlight=False)


@beregn_app.command("scenarie")
def beregn_scenarie_cmd(case: CaseArg, som_json: JsonFlag = False) -> None:
    """Besparelsesscenarier fra en case-fil: effekt pr. tilbud, driftsherre, enhed og kommune; spor."""
    _beregn_case(case, som_json, "scenarie", _vis_scenarie)


def _generisk_kommando(c: Caseberegning) -> None:
    """`socialstyring beregn <navn> CASE.yaml` for a calculation without its own display."""

    def kommando(case: CaseArg, som_json: JsonFlag = False) -> None:
        _beregn_case(case, som_json, c.navn, _vis_generelt)

    kommando.__doc__ = f"{c.beskrivelse} fra en case-fil; vis resultat og spor, og tjek det forventede."
    beregn_app.command(c.navn)(kommando)


for _c in BEREGNINGER.values():
    if _c.navn not in ("takst", "kategori", "scenarie"):
        _generisk_kommando(_c)


@rapport_app.command("ledelsesinfo")
def rapport_ledelsesinfo(
    case: CaseArg,
    excel: Annotated[Path | None, typer.Option("--excel", help="Skriv Excel-projektmappen hertil.")] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Skriv PDF-rapporten hertil.")] = None,
) -> None:
    """Ledelsesinformation A–E fra en case-fil som Excel (ét ark pr. tabel) og/eller PDF."""
    if excel is None and pdf is None:
        fejl_ud.print("[red]Fejl:[/red] angiv --excel og/eller --pdf")
        raise typer.Exit(2)
    from socialstyring.beregning.ledelsesinfo import Ledelsesinfo

    try:
        c = laes_case(case)
        if c.beregning != "ledelsesinfo":
            _forkert_beregning(case, c.beregning, "ledelsesinfo")
        li = koer_case(c, regelbog())
    except (CaseFejl, RegelbogFejl, ValueError, KeyError) as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {fejl}")
        raise typer.Exit(2) from None
    assert isinstance(li, Ledelsesinfo)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    os.environ.setdefault("SOCIALSTYRING_DEBUG", "1")  # files only: serves nothing, needs no secret
    import django

    django.setup()  # the PDF's template and the agreement's name; no database is used
    from socialstyring.io.excel.ledelsesinfo import byg_excel
    from socialstyring.io.kilder.kommuner import rammeaftalenavn
    from socialstyring.web.ledelsesinfo import rapport as ledelsesinfo_rapport

    titel = ledelsesinfo_rapport.titel(rammeaftalenavn(li.region), li.forrige_aar, li.aar)
    if excel is not None:
        excel.write_bytes(byg_excel(li, titel=titel))
        ud.print(f"Skrev {excel}")
    if pdf is not None:
        pdf.write_bytes(ledelsesinfo_rapport.pdf(li, titel=titel))
        ud.print(f"Skrev {pdf}")


@demo_app.command("opsaet")
def demo_opsaet() -> None:
    """Migrér databasen og indlæs demodata (Region Midtjylland); skriv demo-logins."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    os.environ.setdefault("SOCIALSTYRING_DEBUG", "1")  # the demo is the development configuration
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    ud.print("Migrerer databasen …")
    call_command("migrate", verbosity=0)
    ud.print("Indlæser demodata for Region Midtjylland …")
    from socialstyring.demo import demo_logins, indlaes_demo  # the demo command, and only it, loads the demo

    indlaes_demo()

    tabel = Table(title="Demo-logins")
    for kolonne in ("Bruger", "Adgangskode", "Rolle"):
        tabel.add_column(kolonne)
    for bruger, kode, rolle in demo_logins():
        tabel.add_row(bruger, kode, rolle)
    ud.print(tabel)


@demo_app.command("national")
def demo_national(
    tilbud: Annotated[int, typer.Option("--tilbud", help="Antal tilbud.", min=1)] = 6000,
    ophold: Annotated[int, typer.Option("--ophold", help="Antal ophold.", min=0)] = 100_000,
    aar: Annotated[int, typer.Option("--aar", help="Antal år (til og med 2025).", min=2, max=18)] = 10,
    som_json: JsonFlag = False,
    baggrund: Annotated[
        bool, typer.Option("--baggrund", help="Kør indlæsningen som baggrundsjob i køen (PostgreSQL).")
    ] = False,
) -> None:
    """Migrér databasen og indlæs et syntetisk landsdækkende datasæt: 5 rammeaftaler, 98 kommuner
    og 5 regioner som driftsherrer, tilbud, ydelser, takster, regnskaber og ophold (fast frø; de
    samme tal hver gang). Indlæses med masseindsættelser uden historik; kun i et tomt register.
    Med --baggrund lægges indlæsningen i jobkøen, og kommandoen slutter straks; en arbejder
    (`socialstyring jobber arbejd`) kører den, og dens fremskridt står på jobbets side."""
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    os.environ.setdefault("SOCIALSTYRING_DEBUG", "1")  # the demo is the development configuration
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    from socialstyring.demo.national import (
        ALLEREDE_INDLAEST,
        AlleredeIndlaest,
        byg_national,
        indlaes_national,
    )
    from socialstyring.web.register.models import Tilbud

    if not som_json:
        ud.print("Migrerer databasen …")
    call_command("migrate", verbosity=0)
    if Tilbud.objects.exists():
        fejl_ud.print(f"[red]Fejl:[/red] {ALLEREDE_INDLAEST}")
        raise typer.Exit(2)
    if baggrund:
        _kraev_jobkoe()
        from socialstyring.web.jobber.services import start_job

        job = start_job(
            None, "demo_national", "Landsdækkende demodata", {"tilbud": tilbud, "ophold": ophold, "aar": aar}
        )
        _vis_job_startet(job.pk, som_json)
        return
    start = time.perf_counter()
    if not som_json:
        ud.print(f"Bygger datasættet: {tilbud} tilbud, {ophold} ophold, {aar} år …")
    data = byg_national(tilbud, ophold, aar)
    bygget = time.perf_counter()
    i_alt = data.antal_raekker()
    try:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=ud, disable=som_json,
        ) as fremdrift:  # fmt: skip
            opgave = fremdrift.add_task("Indlæser", total=i_alt)

            def fremskridt(hvad: str, antal: int) -> None:
                fremdrift.update(opgave, advance=antal, description=f"Indlæser {hvad}")

            skrevet = indlaes_national(data, fremskridt)
    except AlleredeIndlaest as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {fejl}")
        raise typer.Exit(2) from None
    slut = time.perf_counter()
    kontrolsum = data.kontrolsum()
    bygget_s, indlaest_s = Decimal(f"{bygget - start:.1f}"), Decimal(f"{slut - bygget:.1f}")
    if som_json:
        resultat = {
            "raekker": skrevet,
            "kontrolsum": kontrolsum,
            "bygget_s": bygget_s,
            "indlaest_s": indlaest_s,
        }
        ud.print_json(json.dumps(resultat, default=str))
        return
    tabel = Table(title="Indlæst")
    tabel.add_column("Tabel")
    tabel.add_column("Rækker", justify="right")
    for navn, antal in skrevet.items():
        tabel.add_row(navn, dansk_tal(antal))
    ud.print(tabel)
    ud.print(
        f"Bygget på {dansk_tal(bygget_s)} s, indlæst på {dansk_tal(indlaest_s)} s; "
        f"kontrolsum {kontrolsum[:16]}. Sekretariaterne logger ind som sekretariat_<rammeaftale> "
        "(fx sekretariat_nordjylland), adgangskode demo1234."
    )


@befolkning_app.command("indlaes")
def befolkning_indlaes(
    fil: Annotated[Path, typer.Argument(help="FOLK1A-udtræk (CSV, semikolon-adskilt).")],
    som_json: JsonFlag = False,
) -> None:
    """Indlæs befolkningstal (0–17, 18–64 og 65+ år pr. kommune og år) fra et FOLK1A-udtræk.
    Alt eller intet: en fejl i filen (med fil, række og felt) indlæser intet (exit 2)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {fejl}")
        raise typer.Exit(2) from None
    from socialstyring.io.kilder.folk1a import Folk1aFejl
    from socialstyring.web.befolkning.services import indlaes_befolkning

    try:
        r = indlaes_befolkning(fil)
    except Folk1aFejl as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {escape(str(fejl))}\nIntet er indlæst.", highlight=False)
        raise typer.Exit(2) from None
    if som_json:
        ud.print_json(
            json.dumps({"kommuner": r.kommuner, "aar": list(r.aar), "nye": r.nye, "aendrede": r.aendrede})
        )
    else:
        aar = ", ".join(str(a) for a in r.aar)
        ud.print(
            f"Befolkningstal for {r.kommuner} kommuner ({aar}): {r.nye} nye og {r.aendrede} ændrede rækker."
        )


@benchmark_app.command("indlaes")
def benchmark_indlaes(
    fil: Annotated[Path, typer.Argument(help="REGK31-udtræk (CSV, semikolon-adskilt, 1.000 kr.).")],
    som_json: JsonFlag = False,
) -> None:
    """Indlæs kommunernes regnskaber på funktioner fra et REGK31-udtræk (til benchmark).
    Alt eller intet: en fejl i filen (med fil, række og kolonne) indlæser intet (exit 2)."""
    _django()
    from socialstyring.io.kilder.regk31 import Regk31Fejl
    from socialstyring.web.benchmark.services import indlaes_regnskab

    try:
        r = indlaes_regnskab(fil)
    except Regk31Fejl as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {escape(str(fejl))}\nIntet er indlæst.", highlight=False)
        raise typer.Exit(2) from None
    tal = {"kommuner": r.kommuner, "aar": list(r.aar), "nye": r.nye, "aendrede": r.aendrede,
           "ikke_offentliggjort": r.ikke_offentliggjort}  # fmt: skip
    if som_json:
        ud.print_json(json.dumps(tal))
    else:
        aar = ", ".join(str(a) for a in r.aar)
        ud.print(
            f"Regnskaber for {r.kommuner} kommuner ({aar}): {r.nye} nye og {r.aendrede} ændrede rækker"
            + (f"; {r.ikke_offentliggjort} celler uden offentliggjort beløb" if r.ikke_offentliggjort else "")
            + "."
        )


BackupArg = Annotated[Path, typer.Argument(help="Backupfilen (.json.gz).")]


def _backupsvar(hvad: str, fil: Path, raekker: int, bytes_: int, som_json: bool) -> None:
    if som_json:
        ud.print_json(json.dumps({"fil": str(fil), "raekker": raekker, "bytes": bytes_}))
    else:
        from socialstyring.beregning.kerne.penge import dansk_tal

        mb = dansk_tal(Decimal(bytes_) / 1_000_000, 1)
        ud.print(f"{hvad} {fil}: {dansk_tal(raekker)} rækker, {mb} MB.")


@drift_app.command("backup")
def drift_backup(fil: BackupArg, som_json: JsonFlag = False) -> None:
    """Skriv hele databasen i ét konsistent øjebliksbillede til FIL (gzip-komprimeret JSON)."""
    _django()
    from socialstyring.web.drift.services import Backupfejl, skriv_backup

    try:
        with fejl_ud.status("Skriver backup …"):
            info = skriv_backup(fil)
    except Backupfejl as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {escape(str(fejl))}", highlight=False)
        raise typer.Exit(2) from None
    _backupsvar("Backup skrevet til", info.fil, info.raekker, info.bytes, som_json)


@drift_app.command("gendan")
def drift_gendan(fil: BackupArg, som_json: JsonFlag = False) -> None:
    """Gendan en backup i en tom, migreret database (alt eller intet; en database med data afvises)."""
    _django()
    from socialstyring.web.drift.services import Backupfejl, gendan_backup

    try:
        with fejl_ud.status("Gendanner backup …"):
            info = gendan_backup(fil)
    except Backupfejl as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {escape(str(fejl))}", highlight=False)
        raise typer.Exit(2) from None
    _backupsvar("Gendannet fra", info.fil, info.raekker, info.bytes, som_json)


BrugerArg = Annotated[str, typer.Argument(help="Brugernavnet.")]


def _api_bruger(navn: str) -> Any:
    from django.contrib.auth.models import User

    bruger = User.objects.filter(username=navn).first()
    if bruger is None:
        fejl_ud.print(f"[red]Fejl:[/red] ukendt bruger '{escape(navn)}'")
        raise typer.Exit(2)
    return bruger


@api_noegle_app.command("opret")
def api_noegle_opret(
    bruger: BrugerArg,
    navn: Annotated[str, typer.Option("--navn", help="Hvad nøglen bruges til.")] = "",
    som_json: JsonFlag = False,
) -> None:
    """Opret en API-nøgle til BRUGER. Nøglen vises kun nu (kun dens SHA-256 gemmes)."""
    _django()
    from django.core.exceptions import ValidationError

    from socialstyring.web.api.services import opret_noegle

    try:
        ny = opret_noegle(_api_bruger(bruger), navn)
    except ValidationError as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {escape(' '.join(fejl.messages))}")
        raise typer.Exit(2) from None
    if som_json:
        ud.print_json(json.dumps({"id": ny.noegle.pk, "bruger": bruger, "noegle": ny.token}))
    else:
        ud.print(f"API-nøgle {ny.noegle.pk} til {escape(bruger)} (vises kun denne ene gang):")
        ud.print(ny.token, highlight=False, soft_wrap=True)


@api_noegle_app.command("list")
def api_noegle_list(bruger: BrugerArg, som_json: JsonFlag = False) -> None:
    """Vis BRUGERs API-nøgler: id, navn, oprettet, sidst brugt og tilbagekaldt."""
    _django()
    from socialstyring.web.api.services import brugerens_noegler

    rk = [
        {
            "id": n.pk,
            "navn": n.navn,
            "oprettet": n.oprettet.isoformat(),
            "sidst_brugt": n.sidst_brugt.isoformat() if n.sidst_brugt else None,
            "tilbagekaldt": n.tilbagekaldt.isoformat() if n.tilbagekaldt else None,
        }
        for n in brugerens_noegler(_api_bruger(bruger))
    ]
    if som_json:
        ud.print_json(json.dumps(rk, ensure_ascii=False))
        return
    tabel = Table(title=f"API-nøgler for {bruger}")
    for kolonne in ("Id", "Navn", "Oprettet", "Sidst brugt", "Tilbagekaldt"):
        tabel.add_column(kolonne)
    for r in rk:
        tabel.add_row(*(str(r[k] or "–") for k in ("id", "navn", "oprettet", "sidst_brugt", "tilbagekaldt")))
    ud.print(tabel)


@api_noegle_app.command("slet")
def api_noegle_slet(
    noegle_id: Annotated[int, typer.Argument(help="Nøglens id (se `socialstyring api noegle list`).")],
    som_json: JsonFlag = False,
) -> None:
    """Tilbagekald en API-nøgle: den virker ikke længere (den bevares med sin historik)."""
    _django()
    from socialstyring.web.api.services import UkendtNoegle, tilbagekald

    try:
        n = tilbagekald(noegle_id)
    except UkendtNoegle as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {escape(str(fejl))}")
        raise typer.Exit(2) from None
    if som_json:
        ud.print_json(
            json.dumps({"id": n.pk, "tilbagekaldt": n.tilbagekaldt.isoformat() if n.tilbagekaldt else None})
        )
    else:
        ud.print(f"API-nøgle {n.pk} ({escape(n.bruger.get_username())}) er tilbagekaldt.")


# --- background jobs ------------------------------------------------------------------------


def _kraev_jobkoe() -> None:
    from django.conf import settings

    if settings.JOBKOE != "procrastinate":
        fejl_ud.print(
            "[red]Fejl:[/red] jobkøen findes kun på PostgreSQL (SOCIALSTYRING_DATABASE_URL); "
            "på den indbyggede database køres jobbet i web-processen"
        )
        raise typer.Exit(2)


def _vis_job_startet(job_id: int, som_json: bool) -> None:
    if som_json:
        ud.print_json(json.dumps({"job": job_id, "status": "venter"}))
    else:
        ud.print(
            f"Job {job_id} står i kø; se det med `socialstyring jobber vis {job_id}` eller /jobber/{job_id}/."
        )


@jobber_app.command("arbejd")
def jobber_arbejd(
    en_gang: Annotated[bool, typer.Option("--en-gang", help="Stop, når køen er tom.")] = False,
) -> None:
    """Kør en arbejder på jobkøen i PostgreSQL, til den stoppes (SIGTERM), eller med --en-gang til
    køen er tom. Start en eller flere (fx som systemd-tjeneste, se docs/drift.md); et job, hvis
    arbejder døde midt i det, startes forfra af den næste."""
    _django()
    _kraev_jobkoe()
    from socialstyring.web.jobber.koe import arbejd

    arbejd(en_gang)


@jobber_app.command("aarsafregning")
def jobber_aarsafregning(
    aar: Annotated[int, typer.Argument(help="Året.", min=2000, max=2100)],
    rammeaftale: Annotated[
        list[str] | None,
        typer.Option("--rammeaftale", help="Rammeaftalens kode (flere: gentag); uden: alle."),
    ] = None,
    vent: Annotated[bool, typer.Option("--vent", help="Vent på jobbet og vis resultatet.")] = False,
    som_json: JsonFlag = False,
) -> None:
    """Beregn årets afregning for hele rammeaftaler som baggrundsjob: alle driftsherrers opgørelser
    for alle årets måneder til alle betalingskommuner, ud fra opholdene og taksterne (intet sendes).
    På den indbyggede database køres jobbet straks i kommandoen."""
    _django()
    from django.conf import settings

    from socialstyring.web.aarsafregning.services import start
    from socialstyring.web.jobber.services import udfoer
    from socialstyring.web.register.models import Rammeaftale

    aftaler = list(Rammeaftale.objects.order_by("navn"))
    if rammeaftale:
        aftaler = [a for a in aftaler if a.kode in rammeaftale]
        ukendte = sorted(set(rammeaftale) - {a.kode for a in aftaler})
        if ukendte:
            fejl_ud.print(f"[red]Fejl:[/red] ukendt rammeaftale: {', '.join(ukendte)}")
            raise typer.Exit(2)
    if not aftaler:
        fejl_ud.print("[red]Fejl:[/red] der er ingen rammeaftaler i registret")
        raise typer.Exit(2)
    koe, foer = settings.JOBKOE == "procrastinate", settings.JOBKOE
    if not koe:
        settings.JOBKOE = "ingen"  # no worker and no web process here: this command runs it
    try:
        job_id = start(None, aftaler, aar)
    finally:
        settings.JOBKOE = foer
    if not koe:
        udfoer(job_id)
    if vent or not koe:
        _vent_paa_job(job_id, som_json)
    else:
        _vis_job_startet(job_id, som_json)


def _vent_paa_job(job_id: int, som_json: bool) -> None:
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from socialstyring.web.jobber.models import Baggrundsjob

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=ud, disable=som_json,
    ) as fremdrift:  # fmt: skip
        opgave = fremdrift.add_task("Venter", total=None)
        while True:
            j = Baggrundsjob.objects.defer("fil").get(pk=job_id)
            fremdrift.update(
                opgave, completed=j.fremskridt_udfoert, total=j.fremskridt_i_alt or None,
                description=j.fremskridt_tekst or j.get_status_display(),
            )  # fmt: skip
            if j.afsluttet_status:
                break
            time.sleep(0.5)
    _vis_job(job_id, som_json, None)


def _vis_job(job_id: int, som_json: bool, gem: Path | None) -> None:
    from socialstyring.web.jobber.models import Baggrundsjob, Jobstatus

    j = Baggrundsjob.objects.filter(pk=job_id).first()
    if j is None:
        fejl_ud.print(f"[red]Fejl:[/red] job {job_id} findes ikke")
        raise typer.Exit(2)
    if gem is not None and j.fil is not None:
        gem.write_bytes(bytes(j.fil))
    if som_json:
        ud.print_json(
            json.dumps(
                {
                    "job": j.pk,
                    "titel": j.titel,
                    "status": j.status,
                    "forsoeg": j.forsoeg,
                    "udfoert": j.fremskridt_udfoert,
                    "i_alt": j.fremskridt_i_alt,
                    "besked": j.besked,
                    "resultat": dict(j.resultat.get("resume", [])),
                    "fil": j.filnavn or None,
                }
            )
        )
    else:
        ud.print(f"Job {j.pk}: {escape(j.titel)} — {j.get_status_display()}")
        for etiket, vaerdi in j.resultat.get("resume", []):
            ud.print(f"  {escape(etiket)}: {escape(vaerdi)}")
        if j.besked:
            fejl_ud.print(escape(j.besked))
        if gem is not None and j.fil is not None:
            ud.print(f"Resultatet er gemt i {gem}")
    if j.status == Jobstatus.FEJLET:
        raise typer.Exit(1)


@jobber_app.command("vis")
def jobber_vis(
    job_id: Annotated[int, typer.Argument(help="Jobbets nummer.")],
    gem: Annotated[Path | None, typer.Option("--gem", help="Gem resultatfilen her.")] = None,
    som_json: JsonFlag = False,
) -> None:
    """Vis et baggrundsjobs status, fremskridt og resultat (og gem dets fil med --gem)."""
    _django()
    _vis_job(job_id, som_json, gem)


def main() -> None:
    app()


def _django() -> None:
    """Set up Django for a command that uses the database; a configuration error exits 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialstyring.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {fejl}")
        raise typer.Exit(2) from None


ModelArg = Annotated[str, typer.Argument(help="Modellen som app.Model, fx register.Maalgruppe.")]


@historik_app.command("vis")
def historik_vis(
    model: ModelArg,
    id: Annotated[int, typer.Argument(help="Postens id.")],
    som_json: JsonFlag = False,
) -> None:
    """Vis en posts versioner: nummer, tidspunkt, bruger, handling og begrundelse."""
    _django()
    from socialstyring.web.historik.services import KanIkkeGendannes, historisk_model

    try:
        klasse = historisk_model(model)
    except KanIkkeGendannes as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {escape(str(fejl))}")
        raise typer.Exit(2) from None
    poster = [
        {
            "version": p.history_id,
            "tidspunkt": p.history_date.isoformat(),
            "bruger": p.history_user.get_username() if p.history_user else None,
            "handling": {"+": "oprettet", "~": "ændret", "-": "slettet"}[p.history_type],
            "begrundelse": p.history_change_reason,
        }
        for p in klasse.history.filter(id=id).select_related("history_user").order_by("history_id")  # type: ignore[attr-defined]
    ]
    if som_json:
        ud.print_json(json.dumps(poster, ensure_ascii=False))
        return
    tabel = Table(title=f"{klasse._meta.verbose_name} {id}")
    for kolonne in ("Version", "Tidspunkt", "Bruger", "Handling", "Begrundelse"):
        tabel.add_column(kolonne)
    for p in poster:
        tabel.add_row(
            str(p["version"]),
            str(p["tidspunkt"]),
            p["bruger"] or "–",
            str(p["handling"]),
            p["begrundelse"] or "",
        )
    ud.print(tabel)


@historik_app.command("gendan")
def historik_gendan(
    model: ModelArg,
    version: Annotated[int, typer.Argument(help="Versionens nummer (se `socialstyring historik vis`).")],
    bruger: Annotated[
        str | None, typer.Option("--bruger", help="Brugernavnet, der står som ansvarlig i historikken.")
    ] = None,
    som_json: JsonFlag = False,
) -> None:
    """Gendan en post til en tidligere version. Gendannelsen er selv en ny version; et års tal
    gendannes kun, mens året ikke er låst af takstindberetningen (exit 2 med årsagen)."""
    _django()
    from django.contrib.auth.models import User

    from socialstyring.web.historik.services import KanIkkeGendannes, gendan_version

    ansvarlig = None
    if bruger is not None:
        ansvarlig = User.objects.filter(username=bruger).first()
        if ansvarlig is None:
            fejl_ud.print(f"[red]Fejl:[/red] ukendt bruger '{escape(bruger)}'")
            raise typer.Exit(2)
    try:
        obj = gendan_version(model, version, ansvarlig)
    except KanIkkeGendannes as fejl:
        fejl_ud.print(f"[red]Fejl:[/red] {escape(str(fejl))}")
        raise typer.Exit(2) from None
    if som_json:
        ud.print_json(json.dumps({"model": model, "id": obj.pk, "gendannet_fra": version}))
    else:
        ud.print(f"{escape(str(obj))} er gendannet fra version {version}.")
