"""Objectively financed national offers (namespace `landsdaekkende`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.landsdaekkende import views as v

app_name = "landsdaekkende"

AAR = "landsdaekkende/<heltal:tilbud_id>/<heltal:aar>/"

urlpatterns: list[URLPattern] = [
    path("landsdaekkende/<heltal:tilbud_id>/", v.tilbud, name="tilbud"),
    path(AAR, v.aar, name="aar"),
    path(AAR + "excel/", v.excel, name="excel"),
    path(AAR + "pdf/", v.pdf, name="pdf"),
    path(AAR + "rediger/", v.rediger, name="rediger"),
]
