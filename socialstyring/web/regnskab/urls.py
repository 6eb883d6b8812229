"""The yearly result and accounts (namespace `regnskab`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.regnskab import views as v

app_name = "regnskab"

urlpatterns: list[URLPattern] = [
    path("tilbud/<int:tilbud_id>/resultat/<int:aar>/", v.resultat, name="resultat"),
    path(
        "tilbud/<int:tilbud_id>/resultat/<int:aar>/overfoer/", v.resultat_overfoer, name="resultat_overfoer"
    ),
    path("regnskab/<int:driftsherre_id>/<int:aar>/", v.regnskab_oversigt, name="regnskab_oversigt"),
    path("regnskab/<int:driftsherre_id>/<int:aar>/excel/", v.regnskab_excel, name="regnskab_excel"),
    path("regnskab/<int:driftsherre_id>/<int:aar>/excel/import/", v.regnskab_import, name="regnskab_import"),
]
