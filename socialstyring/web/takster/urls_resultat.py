"""The yearly result and its transfer into a later rate (see views_resultat for who may do what)."""

from django.urls import URLPattern, path

from socialstyring.web.takster import views_resultat as v

urlpatterns: list[URLPattern] = [
    path("tilbud/<int:tilbud_id>/resultat/<int:aar>/", v.resultat, name="resultat"),
    path(
        "tilbud/<int:tilbud_id>/resultat/<int:aar>/overfoer/", v.resultat_overfoer, name="resultat_overfoer"
    ),
]
