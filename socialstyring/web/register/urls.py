"""The register's pages (namespace `register`, mounted at /register/)."""

from django.urls import path

from socialstyring.web.register import views

app_name = "register"

urlpatterns = [
    path("", views.tilbud_liste, name="tilbud_liste"),
    path("tilbud/<heltal:tilbud_id>/", views.tilbud, name="tilbud"),
    path("tilbud/<heltal:tilbud_id>/rediger/", views.tilbud_rediger, name="tilbud_rediger"),
]
