"""Closure statements (namespace `lukning`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.lukning import views as v

app_name = "lukning"

urlpatterns: list[URLPattern] = [
    path("tilbud/<int:tilbud_id>/lukning/ny/", v.lukning_ny, name="lukning_ny"),
    path("lukning/<int:opgoerelse_id>/", v.lukning, name="lukning"),
]
