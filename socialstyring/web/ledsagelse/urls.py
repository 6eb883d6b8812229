"""The companion-purchase calculator (namespace `ledsagelse`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.ledsagelse import views as v

app_name = "ledsagelse"

urlpatterns: list[URLPattern] = [
    path("ledsagelse/<str:kode>/", v.beregner, name="beregner"),
    path("ledsagelse/<str:kode>/excel/", v.excel, name="excel"),
    path("ledsagelse/<str:kode>/pdf/", v.pdf, name="pdf"),
]
