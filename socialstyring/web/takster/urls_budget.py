"""The budget editor and the transfer of its rates (see views_budget for who may do what)."""

from django.urls import URLPattern, path

from socialstyring.web.takster import views_budget as v

urlpatterns: list[URLPattern] = [
    path("tilbud/<int:tilbud_id>/budget/<int:aar>/", v.budget, name="budget"),
    path("tilbud/<int:tilbud_id>/budget/<int:aar>/overfoer/", v.budget_overfoer, name="budget_overfoer"),
]
