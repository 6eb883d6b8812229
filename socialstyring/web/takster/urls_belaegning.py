"""Quarterly occupancy (see views_belaegning for who may do what)."""

from django.urls import URLPattern, path

from socialstyring.web.takster import views_belaegning as v

urlpatterns: list[URLPattern] = [
    path("belaegning/<int:driftsherre_id>/<int:aar>/<int:kvartal>/", v.belaegning, name="belaegning"),
    path("belaegning/<int:aar>/<int:kvartal>/", v.belaegning_oversigt, name="belaegning_oversigt"),
]
