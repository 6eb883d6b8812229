"""Who may see and report used days and occupancy (`rules` permissions on an operator,
`Driftsherre`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import kan_redigere, kan_se_udkast

SE = "belaegning.se"
"""See the operator's used days and occupancy: its staff and the secretariat."""
INDBERETTE = "belaegning.indberette"
"""Enter and import the operator's used days: its staff and the secretariat."""

saet_regel(SE, kan_se_udkast)
saet_regel(INDBERETTE, kan_redigere)
