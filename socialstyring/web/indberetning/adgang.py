"""Who may do what with the rate reports (`rules` permissions on an operator, `Driftsherre`;
predicates from `register.adgang`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import er_sekretariat, kan_redigere, kan_se_udkast

SE = "indberetning.se"
"""See the operator's report: its staff and the secretariat."""
INDSENDE = "indberetning.indsende"
"""Save and submit the operator's report: its staff and the secretariat."""
BEHANDLE = "indberetning.behandle"
"""Approve, reopen and remind: the operator's agreement's secretariat."""

saet_regel(SE, kan_se_udkast)
saet_regel(INDSENDE, kan_redigere)
saet_regel(BEHANDLE, er_sekretariat)
