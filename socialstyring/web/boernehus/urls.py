"""The Børnehus pages (namespace `boernehus`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.boernehus import views as v

app_name = "boernehus"

BOERNEHUS = "boernehus/<heltal:boernehus_id>/"
AAR = BOERNEHUS + "<heltal:aar>/"

urlpatterns: list[URLPattern] = [
    path(BOERNEHUS, v.oversigt, name="oversigt"),
    path(AAR, v.aar, name="aar"),
    path(AAR + "rediger/", v.rediger, name="rediger"),
    path(AAR + "foelsomhed.svg", v.diagram, name="diagram"),
    path(AAR + "excel/", v.excel, name="excel"),
    path(AAR + "pdf/", v.pdf, name="pdf"),
]
