"""The yearly result and accounts (namespace `regnskab`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.regnskab import views as v

app_name = "regnskab"

urlpatterns: list[URLPattern] = [
    path("tilbud/<heltal:tilbud_id>/resultat/<heltal:aar>/", v.resultat, name="resultat"),
    path(
        "tilbud/<heltal:tilbud_id>/resultat/<heltal:aar>/overfoer/",
        v.resultat_overfoer,
        name="resultat_overfoer",
    ),
    path("regnskab/<heltal:aar>/", v.regnskab_aftale, name="regnskab_aftale"),
    path("regnskab/<heltal:driftsherre_id>/<heltal:aar>/", v.regnskab_oversigt, name="regnskab_oversigt"),
    path("regnskab/<heltal:driftsherre_id>/<heltal:aar>/excel/", v.regnskab_excel, name="regnskab_excel"),
    path(
        "regnskab/<heltal:driftsherre_id>/<heltal:aar>/excel/import/",
        v.regnskab_import,
        name="regnskab_import",
    ),
]
