from django.urls import include, path

from socialstyring.web.takster import views

app_name = "takster"

urlpatterns = [
    path("", views.forside, name="forside"),
    path("tilbud/<int:tilbud_id>/takst/<int:aar>/", views.takst, name="takst"),
    path("tilbud/<int:tilbud_id>/takst/<int:aar>/spor.json", views.takst_json, name="takst_json"),
    path("", include("socialstyring.web.takster.urls_indberetning")),
    path("", include("socialstyring.web.takster.urls_excel")),
    path("", include("socialstyring.web.takster.urls_aendring")),
    path("", include("socialstyring.web.takster.urls_budget")),
    path("", include("socialstyring.web.takster.urls_resultat")),
    path("", include("socialstyring.web.takster.urls_belaegning")),
    path("", include("socialstyring.web.takster.urls_lukning")),
    path("", include("socialstyring.web.takster.urls_ledelsesinfo")),
    path("", include("socialstyring.web.takster.urls_import")),
]
