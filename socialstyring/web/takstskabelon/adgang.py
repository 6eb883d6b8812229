"""Who may fetch and import an operator's Excel template (`rules` permissions on a
`Driftsherre`; the same people as for its rate report, `indberetning.adgang`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import kan_redigere, kan_se_udkast

HENTE = "takstskabelon.hente"
"""Fetch the template with the report's figures: the operator's staff and the secretariat."""
INDLAESE = "takstskabelon.indlaese"
"""Import a filled template into the report's draft: the operator's staff and the secretariat."""

saet_regel(HENTE, kan_se_udkast)
saet_regel(INDLAESE, kan_redigere)
