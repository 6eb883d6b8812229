"""The rate calculation and the budget editor (namespace `takstberegning`)."""

from django.urls import URLPattern, path

from socialstyring.web.takstberegning import views

app_name = "takstberegning"

urlpatterns: list[URLPattern] = [
    path("tilbud/<heltal:tilbud_id>/takst/<heltal:aar>/", views.takst, name="takst"),
    path("tilbud/<heltal:tilbud_id>/takst/<heltal:aar>/spor.json", views.takst_json, name="takst_json"),
    path("tilbud/<heltal:tilbud_id>/budget/<heltal:aar>/", views.budget, name="budget"),
    path(
        "tilbud/<heltal:tilbud_id>/budget/<heltal:aar>/overfoer/",
        views.budget_overfoer,
        name="budget_overfoer",
    ),
]
