"""The yearly rate reporting and the published catalogue (see views_indberetning for who may do what)."""

from django.urls import URLPattern, path

from socialstyring.web.takster import views_indberetning as v

urlpatterns: list[URLPattern] = [
    path("indberetning/<int:aar>/", v.oversigt, name="indberetning_oversigt"),
    path("indberetning/<int:driftsherre_id>/<int:aar>/", v.indberetning, name="indberetning"),
    path("indberetning/<int:driftsherre_id>/<int:aar>/indsend/", v.indsend, name="indberetning_indsend"),
    path("indberetning/<int:driftsherre_id>/<int:aar>/genaabn/", v.genaabn, name="indberetning_genaabn"),
    path("indberetning/<int:driftsherre_id>/<int:aar>/godkend/", v.godkend, name="indberetning_godkend"),
    path("indberetning/<int:driftsherre_id>/<int:aar>/paamind/", v.paamind, name="indberetning_paamind"),
    path("katalog/<int:aar>/offentliggoer/", v.katalog_offentliggoer, name="katalog_offentliggoer"),
    path("katalog/<str:rammeaftale_kode>/<int:aar>/", v.katalog, name="katalog"),
    path("katalog/<str:rammeaftale_kode>/<int:aar>/katalog.xlsx", v.katalog_excel, name="katalog_excel"),
    path("katalog/<str:rammeaftale_kode>/<int:aar>/katalog.pdf", v.katalog_pdf, name="katalog_pdf"),
]
