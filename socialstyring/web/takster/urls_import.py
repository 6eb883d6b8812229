"""A year's used days and accounts of an operator in Excel, and its accounts overview
(see views_import for who may do what)."""

from django.urls import URLPattern, path

from socialstyring.web.takster import views_import as v

urlpatterns: list[URLPattern] = [
    path("belaegning/<int:driftsherre_id>/<int:aar>/excel/", v.forbrug_excel, name="forbrug_excel"),
    path("belaegning/<int:driftsherre_id>/<int:aar>/excel/import/", v.forbrug_import, name="forbrug_import"),
    path("regnskab/<int:driftsherre_id>/<int:aar>/", v.regnskab_oversigt, name="regnskab_oversigt"),
    path("regnskab/<int:driftsherre_id>/<int:aar>/excel/", v.regnskab_excel, name="regnskab_excel"),
    path("regnskab/<int:driftsherre_id>/<int:aar>/excel/import/", v.regnskab_import, name="regnskab_import"),
]
