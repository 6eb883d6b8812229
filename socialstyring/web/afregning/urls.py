"""The billing pages (namespace `afregning`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.afregning import views as v

app_name = "afregning"

MAANED = "afregning/driftsherre/<heltal:driftsherre_id>/<heltal:aar>/<heltal:maaned>/"
SENDT = "afregning/sendt/<heltal:afregning_id>/"

urlpatterns: list[URLPattern] = [
    path(MAANED, v.maaned, name="maaned"),
    path(MAANED + "kommune/<heltal:kommune_id>/", v.opgoerelse, name="opgoerelse"),
    path(SENDT, v.sendt, name="sendt"),
    path(SENDT + "excel/", v.sendt_excel, name="sendt_excel"),
    path(SENDT + "pdf/", v.sendt_pdf, name="sendt_pdf"),
    path(SENDT + "bogfoering/", v.sendt_bogfoering, name="sendt_bogfoering"),
    path("afregning/kommune/<heltal:kommune_id>/<heltal:aar>/", v.kommune, name="kommune"),
    path("afregning/aftale/<str:kode>/<heltal:aar>/", v.aftale, name="aftale"),
]
