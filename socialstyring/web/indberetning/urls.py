"""The yearly rate reporting (namespace `indberetning`; see `views` for who may do what)."""

from django.urls import URLPattern, path

from socialstyring.web.indberetning import views as v

app_name = "indberetning"

IB = "indberetning/<heltal:driftsherre_id>/<heltal:aar>/"

urlpatterns: list[URLPattern] = [
    path("indberetning/<heltal:aar>/", v.oversigt, name="indberetning_oversigt"),
    path(IB, v.indberetning, name="indberetning"),
    path(IB + "indsend/", v.indsend, name="indberetning_indsend"),
    path(IB + "genaabn/", v.genaabn, name="indberetning_genaabn"),
    path(IB + "godkend/", v.godkend, name="indberetning_godkend"),
    path(IB + "paamind/", v.paamind, name="indberetning_paamind"),
]
