"""Who may see an agreement's management information: its secretariat always; its readers and
operator staff once both years are published for every operator with figures in them (the
register's year rule, `register.adgang.Aarsadgang`); another agreement's users get 404
(`register.adgang.hent_rammeaftale`)."""

from __future__ import annotations

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.register.adgang import Aarsadgang, er_sekretariat, profil
from socialstyring.web.register.models import Driftsherre, Katalog, Rammeaftale


def kan_se_ledelsesinfo(
    bruger: Bruger, rammeaftale: Rammeaftale, forrige: int, aar: int, ser: Aarsadgang | None = None
) -> bool:
    """Management information of an agreement (aggregated over all its operators, but
    naming offers and operators with their figures): the agreement's secretariat always;
    its readers and operator staff once the catalogues of both years are published and
    every operator with figures in a year is published in it as it stands (`ser`, the
    register's year rule: an operator missing from a catalogue, or reopened since, keeps
    the whole table a draft, which only the secretariat sees)."""
    if er_sekretariat(bruger, rammeaftale):
        return True
    p = profil(bruger)
    if p is None or p.rammeaftale_id != rammeaftale.pk:
        return False
    aarene = {forrige, aar}
    kataloger = Katalog.objects.filter(rammeaftale=rammeaftale, aar__in=aarene)
    if set(kataloger.values_list("aar", flat=True)) != aarene:
        return False
    ser = ser or Aarsadgang(bruger)
    driftsherrer = Driftsherre.objects.filter(rammeaftale=rammeaftale)
    for a in aarene:
        # the operators with figures in the year: yearly figures, accounts or used days
        med_tal: set[int] = set()
        for sti in ("tilbud__ydelser__aar__aar", "tilbud__regnskaber__aar", "tilbud__ydelser__forbrug__aar"):
            med_tal |= set(driftsherrer.filter(**{sti: a}).values_list("pk", flat=True).order_by().distinct())
        if not all(ser(d, a) for d in driftsherrer if d.pk in med_tal):
            return False
    return True


SE = "ledelsesinfo.se"
"""See the management information (obj: (Rammeaftale, forrige, aar)): `kan_se_ledelsesinfo`,
as a rule other areas ask by name (the JSON API)."""


@predikat
def _kan_se(bruger: Bruger, hvad: tuple[Rammeaftale, int, int]) -> bool:
    return kan_se_ledelsesinfo(bruger, *hvad)


saet_regel(SE, _kan_se)

KONTROLLERE = "ledelsesinfo.kontrollere"
"""The comparison of the computed tables with the agreement's published figures: a check for
the secretariat, not part of the committee's report."""

saet_regel(KONTROLLERE, er_sekretariat)
