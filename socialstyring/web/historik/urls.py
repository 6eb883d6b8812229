"""An offer's change history and restore (namespace `historik`, mounted under /register/)."""

from django.urls import URLPattern, path

from socialstyring.web.historik import views

app_name = "historik"

urlpatterns: list[URLPattern] = [
    path("tilbud/<heltal:tilbud_id>/historik/", views.historik, name="historik"),
    path("historik/<str:model>/<heltal:history_id>/gendan/", views.gendan, name="gendan"),
]
