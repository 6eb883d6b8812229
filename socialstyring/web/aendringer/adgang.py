"""Who may file in-year changes (`rules` permission on an operator, `Driftsherre`); a filed
change is read by every role of the agreement (`selectors.synlige_aendringer`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import kan_redigere

MELDE = "aendringer.melde"
"""File a change of the operator's offer: its staff and the secretariat."""

saet_regel(MELDE, kan_redigere)
