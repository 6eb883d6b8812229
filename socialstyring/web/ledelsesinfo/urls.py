"""Management information A–E (namespace `ledelsesinfo`; see `views` for who may see what)."""

from django.urls import URLPattern, path

from socialstyring.web.ledelsesinfo import kontrol
from socialstyring.web.ledelsesinfo import views as v

app_name = "ledelsesinfo"

LI = "ledelsesinfo/<str:rammeaftale_kode>/<heltal:forrige>/<heltal:aar>/"

urlpatterns: list[URLPattern] = [
    path(LI, v.oversigt, name="ledelsesinfo"),
    path(LI + "spor.json", v.spor_json, name="ledelsesinfo_json"),
    path(LI + "ledelsesinfo.xlsx", v.excel, name="ledelsesinfo_excel"),
    path(LI + "ledelsesinfo.pdf", v.pdf, name="ledelsesinfo_pdf"),
    path(LI + "diagram/<str:navn>.svg", v.diagram, name="ledelsesinfo_diagram"),
    path(LI + "kontrol/", kontrol.kontrol, name="ledelsesinfo_kontrol"),
    path(LI + "kontrol.xlsx", kontrol.kontrol_excel, name="ledelsesinfo_kontrol_excel"),
    path(LI + "<str:tabel>/", v.tabel, name="ledelsesinfo_tabel"),
]
