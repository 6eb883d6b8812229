"""Børnehus: a unit financed partly objectively (by the agreement's municipalities, by their
0–17-year-olds) and partly by a rate per case — its yearly capacity and budget
(`beregning.boernehus`), compared with the printed figures, the sensitivity, key figures, and
the unit's staff entering and comparing their figures."""
