"""The management information as an Excel workbook, declared with the report framework
(`io.excel.rapport`).

One sheet per table A–E with the Danish headings of `ledelsesinfo_tabeller`, every figure
a number with a number format (an empty cell where the engine has no figure; "ingen belægning"
for a development where a year has no occupancy), each total
row in bold; table E lists its target groups one after the other, each with its total. A
sheet "Observationer" holds the generated text, the P/L factor with its rule, the offers
that deviate from their budgeted occupancy and the warnings.

The comparison with the published figures is the secretariat's check, not part of the report:
its own workbook (`byg_kontrol`, one sheet "Kontrol") lists every inconsistency with its
explanation.

Pure: takes the engine's result, returns the file's bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from socialstyring.beregning.ledelsesinfo import Ledelsesinfo, Uoverensstemmelse
from socialstyring.io.excel.rapport import (
    Afsnit,
    Ark,
    Rapportark,
    Rapportkolonne,
    Rapportraekke,
    Tal,
    Tekstark,
    Vaerdi,
    byg_rapport,
)
from socialstyring.io.ledelsesinfo_tabeller import (
    ARTTEKST,
    INGEN_BELAEGNING,
    RAEKKEOVERSKRIFT,
    TABELFORKLARING,
    er_total,
    grupper,
    kolonne,
    kolonner,
    pl_tekst,
    regeltekst,
    tabeltitel,
    uden_belaegning,
)

ARKNAVNE = {
    "A": "A Takstudvikling",
    "B": "B Over- og underskud",
    "C": "C Tillægsydelser",
    "D": "D Belægning",
    "E": "E Pladser",
}
HOVED = 4
"""The header row of a table sheet (title, explanation and a blank row above it)."""
KONSISTENSKOLONNER = (
    Rapportkolonne("Tabel", 7),
    Rapportkolonne("Målgruppe", 30),
    Rapportkolonne("Række", 26),
    Rapportkolonne("Kolonne", 30),
    Rapportkolonne("Art", 30),
    Rapportkolonne("Trykt", 13, "decimal"),
    Rapportkolonne("Beregnet", 13, "decimal"),
    Rapportkolonne("Forskel", 11, "decimal"),
    Rapportkolonne("Forklaring", 100, ombryd=True),
)


def _tabelark(li: Ledelsesinfo, tabel: str, undertitel: str) -> Rapportark:
    kol = kolonner(li, tabel)
    med_gruppe = tabel == "E"
    etiketter = ((Rapportkolonne("Målgruppe", 34),) if med_gruppe else ()) + (
        Rapportkolonne(RAEKKEOVERSKRIFT.get(tabel, ""), 44 if tabel == "D" else 28),
    )
    raekker = tuple(
        Rapportraekke(
            (
                *((g.titel,) if med_gruppe else ()),
                r.navn,
                *(
                    INGEN_BELAEGNING if uden_belaegning(li, tabel, r, k.noegle) else r.vaerdier.get(k.noegle)
                    for k in kol
                ),
            ),
            total=er_total(r),
        )
        for g in grupper(li.tabeller[tabel])
        for r in (*g.raekker, *g.total)
    )
    ark = Rapportark(
        navn=ARKNAVNE.get(tabel, tabel),
        titel=f"{tabeltitel(li, tabel)} – {undertitel}",
        undertitler=(TABELFORKLARING.get(tabel, ""),),
        kolonner=etiketter + tuple(Rapportkolonne(k.overskrift, 16, k.excelart, k.decimaler) for k in kol),
        raekker=raekker,
        frys_kolonner=len(etiketter),
        autofilter=False,  # a filter would sort the totals in among the rows
        hoved_hoejde=45,
    )
    assert ark.hovedraekke == HOVED
    return ark


def _observationer(li: Ledelsesinfo, titel: str, advarsler: Sequence[str]) -> Tekstark:
    regler = tuple(regeltekst(r) for r in li.spor["pl_faktor"].regler)
    afsnit = [
        Afsnit(None, (pl_tekst(li), *regler)),
        Afsnit("Observationer", tuple(li.observationer) or ("Ingen særlige observationer.",)),
    ]
    if li.flagede_tilbud:
        afsnit.append(
            Afsnit(
                f"Tilbud med belægning {li.aar}, der afviger fra den budgetterede (største afvigelse først)",
                tuple(li.flagede_tilbud),
            )
        )
    alle_advarsler = (*li.advarsler, *advarsler)
    if alle_advarsler:
        afsnit.append(Afsnit("Advarsler", alle_advarsler))
    return Tekstark("Observationer", titel, tuple(afsnit))


def _konsistens(li: Ledelsesinfo, fund: Sequence[Uoverensstemmelse], kilde: str) -> Rapportark:
    raekker = []
    for u in fund:
        k = kolonne(li, u.figur.tabel, u.figur.kolonne) if u.figur.tabel in li.tabeller else None
        decimaler = 1 if k and k.decimaler else 0
        vaerdier: tuple[Vaerdi, ...] = (
            u.figur.tabel,
            u.figur.gruppe or None,
            u.figur.raekke,
            k.overskrift if k else u.figur.kolonne,
            ARTTEKST.get(u.art, u.art),
            Tal(u.publiceret, decimaler),
            Tal(u.beregnet, decimaler),
            Tal(u.forskel, decimaler),
            u.forklaring,
        )
        raekker.append(Rapportraekke(vaerdier))
    return Rapportark(
        navn="Kontrol",
        titel="Sammenligning med offentliggjorte tal" + (f" ({kilde})" if kilde else ""),
        undertitler=(
            f"{len(fund)} uoverensstemmelser mellem de trykte tal og de beregnede eller de trykte "
            "tabellers egne totaler."
            if fund
            else "De trykte tal stemmer med de beregnede.",
        ),
        kolonner=KONSISTENSKOLONNER,
        raekker=tuple(raekker),
    )


def byg_excel(li: Ledelsesinfo, *, titel: str, advarsler: Sequence[str] = ()) -> bytes:
    """The report's workbook (see the module's docstring): observations and tables A–E."""
    ark: list[Ark] = [_observationer(li, titel, advarsler)]
    ark += [_tabelark(li, tabel, titel) for tabel in li.tabeller]
    return byg_rapport(titel, ark)


def byg_kontrol(li: Ledelsesinfo, fund: Sequence[Uoverensstemmelse], *, titel: str, kilde: str) -> bytes:
    """The secretariat's check against the published figures: one sheet "Kontrol" with every
    inconsistency; `kilde` names the published document in its title (e.g. "Ledelsesinformation
    vedr. takster 2017")."""
    return byg_rapport(titel, [_konsistens(li, fund, kilde)])
