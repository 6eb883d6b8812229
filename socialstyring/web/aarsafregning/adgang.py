"""Who may start the year's billing of an agreement (`rules`): its secretariat. The result is
the job's (`jobber.adgang`: who started it and the agreement's secretariat)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import er_sekretariat

STARTE = "aarsafregning.starte"

saet_regel(STARTE, er_sekretariat)
