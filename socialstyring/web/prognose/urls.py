"""The forecast pages (namespace `prognose`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.prognose import views as v

app_name = "prognose"

KOMMUNE = "prognose/kommune/<heltal:kommune_id>/"
PROGNOSE = "prognose/<heltal:prognose_id>/"

urlpatterns: list[URLPattern] = [
    path(KOMMUNE, v.oversigt, name="oversigt"),
    path(KOMMUNE + "ny/", v.ny, name="ny"),
    path(PROGNOSE, v.side, name="side"),
    path(PROGNOSE + "rediger/", v.rediger, name="rediger"),
    path(PROGNOSE + "hent-borgere/", v.hent_borgere, name="hent_borgere"),
    path(PROGNOSE + "vifte.svg", v.vifte, name="vifte"),
    path(PROGNOSE + "excel/", v.excel, name="excel"),
    path(PROGNOSE + "pdf/", v.pdf, name="pdf"),
]
