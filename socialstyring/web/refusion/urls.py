"""The reimbursement pages (namespace `refusion`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.refusion import views as v

app_name = "refusion"

KOMMUNE = "refusion/kommune/<heltal:kommune_id>/<heltal:aar>/"
BORGER = "refusion/borger/<heltal:borger_id>/<heltal:aar>/"
KVARTAL = KOMMUNE + "kvartal/<heltal:kvartal>/"

urlpatterns: list[URLPattern] = [
    path(KOMMUNE, v.kommune, name="kommune"),
    path(KOMMUNE + "borger/ny/", v.borger_ny, name="borger_ny"),
    path(KOMMUNE + "prognose/", v.prognose, name="prognose"),
    path(KVARTAL, v.krav, name="krav"),
    path(KVARTAL + "excel/", v.krav_excel, name="krav_excel"),
    path(KVARTAL + "pdf/", v.krav_pdf, name="krav_pdf"),
    path(BORGER, v.borger, name="borger"),
    path(BORGER + "rediger/", v.borger_rediger, name="borger_rediger"),
    path(BORGER + "maaned/<heltal:maaned>/", v.maaned, name="maaned"),
    path(BORGER + "engangsudgift/", v.engangsudgift, name="engangsudgift"),
    path("refusion/engangsudgift/<heltal:engangsudgift_id>/slet/", v.engang_slet, name="engang_slet"),
    path("refusion/krav/<heltal:krav_id>/", v.version, name="version"),
    path("refusion/aftale/<str:kode>/<heltal:aar>/", v.aftale, name="aftale"),
]
