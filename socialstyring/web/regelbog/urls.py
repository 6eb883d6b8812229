"""The rulebook's pages (namespace `regelbog`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.regelbog import views as v

app_name = "regelbog"

LAG = "regelbog/<str:lag>/"

urlpatterns: list[URLPattern] = [
    path("regelbog/", v.oversigt, name="oversigt"),
    path(LAG, v.lag, name="lag"),
    path(LAG + "parameter/<str:navn>/", v.parameter, name="parameter"),
    path(LAG + "vaerdi/<heltal:aendring_id>/", v.vaerdi, name="vaerdi"),
    path(LAG + "vaerdi/<heltal:aendring_id>/slet/", v.slet, name="slet"),
    path(LAG + "historik/", v.historik, name="historik"),
    path(LAG + "historik/<heltal:history_id>/gendan/", v.gendan, name="gendan"),
    path(LAG + "regelbog.zip", v.eksport, name="eksport"),
]
