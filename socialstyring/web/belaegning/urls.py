"""Quarterly occupancy and the year's used days in Excel (namespace `belaegning`)."""

from django.urls import URLPattern, path

from socialstyring.web.belaegning import views as v

app_name = "belaegning"

urlpatterns: list[URLPattern] = [
    path(
        "belaegning/<heltal:driftsherre_id>/<heltal:aar>/<heltal:kvartal>/", v.belaegning, name="belaegning"
    ),
    path("belaegning/<heltal:aar>/<heltal:kvartal>/", v.belaegning_oversigt, name="belaegning_oversigt"),
    path("belaegning/<heltal:driftsherre_id>/<heltal:aar>/excel/", v.forbrug_excel, name="forbrug_excel"),
    path(
        "belaegning/<heltal:driftsherre_id>/<heltal:aar>/excel/import/",
        v.forbrug_import,
        name="forbrug_import",
    ),
]
