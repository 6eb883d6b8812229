"""Stays (namespace `ophold`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.ophold import views as v

app_name = "ophold"

urlpatterns: list[URLPattern] = [
    path("ophold/", v.liste, name="liste"),
    path("ophold/ny/", v.ny, name="ny"),
    path("ophold/import/", v.importer, name="importer"),
    path("ophold/optaelling/", v.optaelling, name="optaelling"),
    path("ophold/<heltal:ophold_id>/", v.ophold, name="ophold"),
    path("ophold/<heltal:ophold_id>/rediger/", v.rediger, name="rediger"),
]
