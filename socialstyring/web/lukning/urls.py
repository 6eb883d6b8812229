"""Closure statements (namespace `lukning`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.lukning import views as v

app_name = "lukning"

urlpatterns: list[URLPattern] = [
    path("tilbud/<heltal:tilbud_id>/lukning/ny/", v.lukning_ny, name="lukning_ny"),
    path("lukning/", v.lukninger, name="lukninger"),
    path("lukning/<heltal:opgoerelse_id>/", v.lukning, name="lukning"),
]
