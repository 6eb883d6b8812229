"""The savings-scenario pages (namespace `scenarie`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.scenarie import views as v

app_name = "scenarie"

SAET = "scenarier/<heltal:saet_id>/"

urlpatterns: list[URLPattern] = [
    path("scenarier/", v.liste, name="liste"),
    path("scenarier/ny/", v.ny, name="ny"),
    path(SAET, v.saet, name="saet"),
    path(SAET + "rediger/", v.rediger, name="rediger"),
    path(SAET + "aendring/", v.aendring, name="aendring"),
    path(SAET + "aendring/<heltal:aendring_id>/fjern/", v.fjern, name="fjern"),
    path(SAET + "finansiering/", v.finansiering, name="finansiering"),
    path(SAET + "effekter.svg", v.diagram, name="diagram"),
    path(SAET + "excel/", v.excel, name="excel"),
    path(SAET + "pdf/", v.pdf, name="pdf"),
]
