"""The national demo's load as a background job (`socialstyring demo national --baggrund`): the
same build and bulk load as the command, run by a worker of the job queue, with its progress on
the job's page. Only into an empty register; run again after a crash, it refuses if the first
run got as far as writing offers (the load is one transaction per group of tables)."""

from __future__ import annotations

from decimal import Decimal

from socialstyring.beregning.kerne.penge import dansk_tal
from socialstyring.demo.national import AlleredeIndlaest, byg_national, indlaes_national
from socialstyring.web.faelles.jobarter import Jobfejl, Jobkontekst, Jobresultat


def indlaes(k: Jobkontekst) -> Jobresultat:
    tilbud, ophold, aar = (int(k.parametre[n]) for n in ("tilbud", "ophold", "aar"))
    k.fremskridt(0, 1, f"Bygger datasættet: {tilbud} tilbud, {ophold} ophold, {aar} år")
    data = byg_national(tilbud, ophold, aar)
    i_alt, skrevet = data.antal_raekker(), 0

    def fremskridt(hvad: str, antal: int) -> None:
        nonlocal skrevet
        skrevet += antal
        k.fremskridt(skrevet, i_alt, f"Indlæser {hvad}")

    try:
        raekker = indlaes_national(data, fremskridt)
    except AlleredeIndlaest as e:
        raise Jobfejl(str(e)) from None
    return Jobresultat(
        resume=[(navn, dansk_tal(Decimal(antal), 0)) for navn, antal in raekker.items()]
        + [("Kontrolsum", data.kontrolsum()[:16])]
    )
