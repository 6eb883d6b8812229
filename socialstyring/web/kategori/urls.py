"""A year's manual category (namespace `kategori`, mounted below /register/ with the offer)."""

from django.urls import URLPattern, path

from socialstyring.web.kategori import views

app_name = "kategori"

urlpatterns: list[URLPattern] = [
    path("tilbud/<heltal:tilbud_id>/kategori/<heltal:aar>/", views.kategori, name="kategori"),
]
