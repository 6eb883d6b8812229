"""The benchmark pages (namespace `benchmark`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.benchmark import views as v

app_name = "benchmark"

SIDE = "benchmark/<str:omraade>/<heltal:aar>/<heltal:kommune_id>/"

urlpatterns: list[URLPattern] = [
    path("benchmark/", v.start, name="start"),
    path(SIDE, v.side, name="side"),
    path(SIDE + "diagram.svg", v.diagram, name="diagram"),
    path(SIDE + "excel/", v.excel, name="excel"),
    path("benchmark/enhedspriser/<str:kode>/<heltal:aar>/", v.enhedspriser, name="enhedspriser"),
]
