"""The reimbursement claims' pages (namespace `refusionskrav`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.refusionskrav import views as v

app_name = "refusionskrav"

KOMMUNE = "refusion/kommune/<heltal:kommune_id>/<heltal:aar>/"
KVARTAL = KOMMUNE + "kvartal/<heltal:kvartal>/"

urlpatterns: list[URLPattern] = [
    path(KOMMUNE + "prognose/", v.prognose, name="prognose"),
    path(KVARTAL, v.krav, name="krav"),
    path(KVARTAL + "excel/", v.krav_excel, name="krav_excel"),
    path(KVARTAL + "pdf/", v.krav_pdf, name="krav_pdf"),
    path("refusion/krav/<heltal:krav_id>/", v.version, name="version"),
    path("refusion/aftale/<str:kode>/<heltal:aar>/", v.aftale, name="aftale"),
]
