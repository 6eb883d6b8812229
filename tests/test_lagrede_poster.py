"""Records the web apps keep for years read back through their models, whatever version they
were stored in: the published catalogue (`katalog.indhold.Katalogindhold`), an in-year
change's consequences (`aendringer.konsekvens.Konsekvens`) and published figures
(`ledelsesinfo.publikation.Publikation`). The engine's own stored results (change, closure,
category) are tested in test_lagring.py.

Fixtures in tests/data/lagret/:
- katalog_v1.json: the first three offers of the demo's published 2017 catalogue as the code
  before `schema_version` wrote it (produced with that code; Midtjylland, version 1 of the
  catalogue); katalog_v2.json is the same read and stored again.
- konsekvens_v1.json: a change's consequences in the shape the code before the version wrote
  them (input, resultat, noter, register), with the result of aendring_v1.json (the worked
  Syddanmark case aendring_syddanmark_takstforhoejelse_2019: 2.295 → 2.400 kr. from 14 June
  2019, Odense 2,0 and Svendborg 1,5 årspladser); konsekvens_v2.json the same read and stored.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from socialstyring.beregning.ledelsesinfo import Figurnoegle
from socialstyring.web.aendringer.konsekvens import Konsekvens
from socialstyring.web.katalog.indhold import Katalogindhold
from socialstyring.web.ledelsesinfo.publikation import Publikation

LAGRET = Path(__file__).parent / "data" / "lagret"


def _json(navn: str) -> dict[str, Any]:
    data = json.loads((LAGRET / navn).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_katalog_version_1_og_2_laeses_ens() -> None:
    v1, v2 = _json("katalog_v1.json"), _json("katalog_v2.json")
    assert "schema_version" not in v1 and v2["schema_version"] == 2
    k1, k2 = Katalogindhold.laes(v1), Katalogindhold.laes(v2)
    assert k1 == k2
    assert k1.til_json() == v2
    assert k1.titel == "Tilbud og takster 2017 – Rammeaftale Midtjylland"
    assert (k1.rammeaftale.kode, k1.aar, k1.version) == ("midtjylland", 2017, 1)
    assert k1.tilbud[0].navn == "Bo- og aktivitetstilbuddet Bakkevangen"
    bakkevangen = k1.tilbud[0]
    assert (bakkevangen.driftsherre, bakkevangen.indberetning) == ("Aarhus Kommune", "godkendt")
    beskyttet = bakkevangen.ydelser[0]
    assert (beskyttet.navn, beskyttet.pladser, beskyttet.belaegning_pct) == (
        "Beskyttet beskæftigelse § 103",
        Decimal("54.00"),
        Decimal("98.50"),
    )
    assert beskyttet.takst is None  # 2017 has accounts, not rates, in the demo
    assert len(k1.driftsherrer) == 20 and k1.mangler == ()


def test_ukendt_katalogversion_afvises() -> None:
    with pytest.raises(ValueError, match="ukendt version 3 af et takstkatalog"):
        Katalogindhold.laes({**_json("katalog_v2.json"), "schema_version": 3})


def test_konsekvens_version_1_og_2_laeses_ens() -> None:
    v1, v2 = _json("konsekvens_v1.json"), _json("konsekvens_v2.json")
    assert "schema_version" not in v1 and v2["schema_version"] == 2
    k1, k2 = Konsekvens.laes(v1), Konsekvens.laes(v2)
    assert k1 == k2
    assert k1.til_json() == v2
    r = k1.resultat
    # the worked case: 105 kr. × 201 days × 2,0 and × 1,5 årspladser
    assert r.takst_forskel == Decimal(105) and r.dage == 201
    assert r.merudgift_i_alt == Decimal("73867.50")
    assert {k.navn: k.merudgift for k in r.kommuner if k.merudgift} == {
        "Odense": Decimal("42210.00"),
        "Svendborg": Decimal("31657.50"),
    }
    assert Decimal(str(r.spor["kommune.461.merudgift"].resultat)) == Decimal("42210.00")  # read back as text
    assert k1.registerhandling is not None and "er sat til den nye takst" in k1.registerhandling
    assert k1.input["beslutningsdato"] == "2019-06-14"


def test_ukendt_konsekvensversion_afvises() -> None:
    with pytest.raises(ValueError, match="ukendt version 7"):
        Konsekvens.laes({**_json("konsekvens_v2.json"), "schema_version": 7})


def test_publicerede_tal_gemmes_og_laeses() -> None:
    figurer = {
        Figurnoegle("A", "", "Hovedtotal", "omkostninger_tkr_2016"): Decimal(4645131),
        Figurnoegle("D", "", "I alt", "samlet_2017"): None,
    }
    gemt = json.loads(json.dumps(Publikation.fra_figurer(figurer).til_json()))
    assert gemt["schema_version"] == 1
    assert Publikation.laes(gemt).som_figurer() == figurer
    with pytest.raises(ValueError, match="ukendt version None af publicerede tal"):
        Publikation.laes({"figurer": []})
