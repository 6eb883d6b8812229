"""Who may see and enter accounts and results (`rules` permissions on an operator,
`Driftsherre`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import kan_redigere, kan_se_udkast

SE = "regnskab.se"
"""See the operator's accounts and results: its staff and the secretariat."""
INDBERETTE = "regnskab.indberette"
"""Enter and import accounts and transfer a result: its staff and the secretariat."""

saet_regel(SE, kan_se_udkast)
saet_regel(INDBERETTE, kan_redigere)
