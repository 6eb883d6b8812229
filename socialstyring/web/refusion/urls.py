"""The reimbursement pages (namespace `refusion`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.refusion import views as v

app_name = "refusion"

KOMMUNE = "refusion/kommune/<heltal:kommune_id>/<heltal:aar>/"
BORGER = "refusion/borger/<heltal:borger_id>/<heltal:aar>/"

urlpatterns: list[URLPattern] = [
    path(KOMMUNE, v.kommune, name="kommune"),
    path(KOMMUNE + "borger/ny/", v.borger_ny, name="borger_ny"),
    path(BORGER, v.borger, name="borger"),
    path(BORGER + "rediger/", v.borger_rediger, name="borger_rediger"),
    path(BORGER + "maaned/<heltal:maaned>/", v.maaned, name="maaned"),
    path(BORGER + "engangsudgift/", v.engangsudgift, name="engangsudgift"),
    path("refusion/engangsudgift/<heltal:engangsudgift_id>/slet/", v.engang_slet, name="engang_slet"),
]
