"""Who may see and keep a reduction plan (`rules` permissions).

- A municipality's plan is its own staff's (role `kommune` of that municipality): they see it
  and change it (`SE`, `RETTE`) and create new plans for their municipality (`OPRETTE`).
- No one else sees it: another municipality's staff, the operators, the readers and the
  agreement's secretariat get 404 (`hent_plan`) — a plan is the municipality's internal
  steering, not a figure of the framework agreement. A superuser sees and keeps everything.
"""

from __future__ import annotations

from django.http import Http404

from socialstyring.web.faelles.adgang import Bruger, predikat, saet_regel
from socialstyring.web.genopretning.models import Plan
from socialstyring.web.register.adgang import brugerens_kommune_id, er_kommunemedarbejder, er_superbruger

SE = "genopretning.se"
RETTE = "genopretning.rette"
OPRETTE = "genopretning.oprette"


@predikat
def kommunens_plan(bruger: Bruger, plan: Plan) -> bool:
    """Staff of the plan's municipality (or a superuser)."""
    return bool(er_superbruger(bruger) or brugerens_kommune_id(bruger) == plan.kommune_id)


saet_regel(SE, kommunens_plan)
saet_regel(RETTE, kommunens_plan)
saet_regel(OPRETTE, er_kommunemedarbejder)


def hent_plan(bruger: Bruger, plan_id: int) -> Plan:
    """The plan if it is the user's municipality's (a superuser: any); 404 otherwise."""
    qs = Plan.objects.select_related("kommune").filter(pk=plan_id)
    if not er_superbruger(bruger):
        kommune_id = brugerens_kommune_id(bruger)
        if kommune_id is None:
            raise Http404("Planen findes ikke.")
        qs = qs.filter(kommune_id=kommune_id)
    plan = qs.first()
    if plan is None:
        raise Http404("Planen findes ikke.")
    return plan
