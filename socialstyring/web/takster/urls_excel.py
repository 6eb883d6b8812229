"""The rate report's Excel template: download (also the export) and import."""

from django.urls import URLPattern, path

from socialstyring.web.takster import views_excel

urlpatterns: list[URLPattern] = [
    path(
        "indberetning/<int:driftsherre_id>/<int:aar>/excel/",
        views_excel.excel_skabelon,
        name="excel_skabelon",
    ),
    path(
        "indberetning/<int:driftsherre_id>/<int:aar>/excel/import/",
        views_excel.excel_import,
        name="excel_import",
    ),
]
