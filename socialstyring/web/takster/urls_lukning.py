"""The settlement when a tilbud closes (see views_lukning for who may do what)."""

from django.urls import URLPattern, path

from socialstyring.web.takster import views_lukning as v

urlpatterns: list[URLPattern] = [
    path("tilbud/<int:tilbud_id>/lukning/ny/", v.lukning_ny, name="lukning_ny"),
    path("lukning/<int:opgoerelse_id>/", v.lukning, name="lukning"),
]
