"""The year's billing (namespace `aarsafregning`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.aarsafregning import views as v

app_name = "aarsafregning"

urlpatterns: list[URLPattern] = [
    path("afregning/aftale/<str:kode>/<heltal:aar>/aarsafregning/", v.start, name="start"),
]
