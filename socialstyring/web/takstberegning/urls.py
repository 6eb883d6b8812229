"""The rate calculation and the budget editor (namespace `takstberegning`)."""

from django.urls import URLPattern, path

from socialstyring.web.takstberegning import views

app_name = "takstberegning"

urlpatterns: list[URLPattern] = [
    path("tilbud/<int:tilbud_id>/takst/<int:aar>/", views.takst, name="takst"),
    path("tilbud/<int:tilbud_id>/takst/<int:aar>/spor.json", views.takst_json, name="takst_json"),
    path("tilbud/<int:tilbud_id>/budget/<int:aar>/", views.budget, name="budget"),
    path("tilbud/<int:tilbud_id>/budget/<int:aar>/overfoer/", views.budget_overfoer, name="budget_overfoer"),
]
