"""Who may see an agreement's management information: its secretariat always; its readers and
operator staff once both years' catalogues are published; another agreement's users get 404
(`register.adgang.hent_rammeaftale`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import Bruger
from socialstyring.web.register.adgang import er_sekretariat, profil
from socialstyring.web.register.models import Katalog, Rammeaftale


def kan_se_ledelsesinfo(bruger: Bruger, rammeaftale: Rammeaftale, forrige: int, aar: int) -> bool:
    """Management information of an agreement (aggregated over all its operators, but
    naming offers and operators with their figures): the agreement's secretariat always;
    its readers and operator staff once the catalogues of both years are published (until
    then a year's figures are drafts, which only the secretariat sees of every operator)."""
    if er_sekretariat(bruger, rammeaftale):
        return True
    p = profil(bruger)
    if p is None or p.rammeaftale_id != rammeaftale.pk:
        return False
    aarene = {forrige, aar}
    kataloger = Katalog.objects.filter(rammeaftale=rammeaftale, aar__in=aarene)
    return set(kataloger.values_list("aar", flat=True)) == aarene
