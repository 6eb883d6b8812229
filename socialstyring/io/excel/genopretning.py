"""A reduction plan as an Excel workbook (`io.excel.rapport`): the plan's table (years across)
on expected and, when any quarter is realised, on realised figures; the follow-up by quarter."""

from __future__ import annotations

from socialstyring.beregning.genopretning import Genopretningsresultat, Planberegning, tabel
from socialstyring.io.excel.rapport import Rapportark, Rapportkolonne, Rapportraekke, byg_rapport


def _planark(r: Genopretningsresultat, plan: Planberegning, navn: str, titel: str) -> Rapportark:
    return Rapportark(
        navn,
        titel,
        (Rapportkolonne(f"({r.enhed})", 44), *(Rapportkolonne(str(a.aar), 14, "tal") for a in plan.aarene)),
        tuple(Rapportraekke((t.tekst, *t.vaerdier), total=t.total) for t in tabel(r, plan)),
        (
            "Netto-udestående = reduktionsmål − effekt i alt (som planens tabel). "
            + (
                "Et års manko lægges oveni næste års reduktionsmål; "
                "overskydende effekt går til den øvrige økonomi."
                if r.overfoer_manko
                else "Planen overfører ikke manko til næste år."
            ),
        ),
        frys_kolonner=1,
        autofilter=False,
    )


def genopretningsfil(r: Genopretningsresultat, titel: str) -> bytes:
    ark = [_planark(r, r.forventet, "Plan", titel)]
    if r.realiseret is not None:
        ark.append(_planark(r, r.realiseret, "Realiseret", f"{titel} – på realiserede tal"))
    ark.append(
        Rapportark(
            "Kvartaler",
            "Opfølgning pr. kvartal: forventet (årets effekt ÷ 4) og realiseret",
            (
                Rapportkolonne("Initiativ", 36),
                Rapportkolonne("År", 8, "heltal"),
                Rapportkolonne("Kvartal", 8, "heltal"),
                Rapportkolonne("Forventet", 14, "tal"),
                Rapportkolonne("Realiseret", 14, "tal"),
                Rapportkolonne("Afvigelse", 14, "tal"),
            ),
            tuple(
                Rapportraekke((k.initiativ, k.aar, k.kvartal, k.forventet, k.realiseret, k.afvigelse))
                for k in r.opfoelgning
            ),
        )
    )
    return byg_rapport(titel, ark)
