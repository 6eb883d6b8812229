"""In-year changes of rate and capacity (namespace `aendringer`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.aendringer import views as v

app_name = "aendringer"

urlpatterns: list[URLPattern] = [
    path("tilbud/<heltal:tilbud_id>/aendring/ny/", v.aendring_ny, name="aendring_ny"),
    path("aendring/<heltal:aendring_id>/", v.aendring, name="aendring"),
    path("aendring/<heltal:aendring_id>/beslut/", v.aendring_beslut, name="aendring_beslut"),
    path("aendring/<heltal:aendring_id>/underretning.pdf", v.aendring_brev_pdf, name="aendring_brev_pdf"),
    path("aendringer/", v.aendring_liste, name="aendring_liste"),
]
