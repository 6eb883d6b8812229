"""The area's access rule: only a secretariat sees it."""

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import er_et_sekretariat

SE = "omraade_eksempel.se"

saet_regel(SE, er_et_sekretariat)
