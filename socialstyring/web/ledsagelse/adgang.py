"""Who may use the companion-purchase calculator (`rules` permissions): every role of the
agreement (its secretariat, the operators' staff who run the homes, the municipalities' staff
who buy, its readers); another agreement's calculator does not exist for the user (404 from
`register.adgang.hent_rammeaftale`). It stores nothing, so there is nothing to change."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import saet_regel
from socialstyring.web.register.adgang import i_aftalen

BEREGNE = "ledsagelse.beregne"
"""Calculate a trip's price with the agreement's principles: everyone in the agreement."""

saet_regel(BEREGNE, i_aftalen)
