"""The rate report's Excel template (namespace `takstskabelon`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.takstskabelon import views as v

app_name = "takstskabelon"

IB = "indberetning/<heltal:driftsherre_id>/<heltal:aar>/"

urlpatterns: list[URLPattern] = [
    path(IB + "excel/", v.excel_skabelon, name="excel_skabelon"),
    path(IB + "excel/import/", v.excel_import, name="excel_import"),
]
