from django.urls import URLPattern, path

from omraade_eksempel import views

app_name = "omraade_eksempel"

urlpatterns: list[URLPattern] = [path("eksempel/", views.side, name="side")]
