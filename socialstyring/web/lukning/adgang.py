"""Who may write and read closure statements (`rules` permissions on an operator,
`Driftsherre`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import kan_redigere, kan_se_udkast

SE = "lukning.se"
"""Read the operator's closure statements: its staff and the secretariat."""
OPGOERE = "lukning.opgoere"
"""Compute and store a closure statement: its staff and the secretariat."""

saet_regel(SE, kan_se_udkast)
saet_regel(OPGOERE, kan_redigere)
