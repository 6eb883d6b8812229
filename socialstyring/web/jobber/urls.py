"""Background jobs (namespace `jobber`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.jobber import views as v

app_name = "jobber"

urlpatterns: list[URLPattern] = [
    path("jobber/", v.liste, name="liste"),
    path("jobber/<heltal:job_id>/", v.job, name="job"),
    path("jobber/<heltal:job_id>/resultat/", v.resultat, name="resultat"),
]
