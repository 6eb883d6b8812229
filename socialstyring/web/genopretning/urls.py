"""The reduction plan pages (namespace `genopretning`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.genopretning import views as v

app_name = "genopretning"

PLAN = "genopretning/<heltal:plan_id>/"

urlpatterns: list[URLPattern] = [
    path("genopretning/", v.start, name="start"),
    path(PLAN, v.plan, name="plan"),
    path(PLAN + "diagram.svg", v.diagram, name="diagram"),
    path(PLAN + "rediger/", v.rediger, name="rediger"),
    path(PLAN + "initiativ/ny/", v.initiativ_ny, name="initiativ_ny"),
    path(PLAN + "initiativ/<heltal:initiativ_id>/", v.initiativ, name="initiativ"),
    path(PLAN + "initiativ/<heltal:initiativ_id>/slet/", v.initiativ_slet, name="initiativ_slet"),
    path(PLAN + "aar/ny/", v.aar_ny, name="aar_ny"),
    path(PLAN + "opfoelgning/<heltal:aar>/", v.opfoelgning, name="opfoelgning"),
    path(PLAN + "historik/", v.historik, name="historik"),
    path(PLAN + "historik/<heltal:history_id>/gendan/", v.initiativ_gendan, name="initiativ_gendan"),
    path(PLAN + "excel/", v.excel, name="excel"),
    path(PLAN + "pdf/", v.pdf, name="pdf"),
]
