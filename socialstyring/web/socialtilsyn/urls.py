"""The social supervision pages (namespace `socialtilsyn`; see `views`)."""

from django.urls import URLPattern, path

from socialstyring.web.socialtilsyn import views as v

app_name = "socialtilsyn"

AAR = "socialtilsyn/<heltal:enhed_id>/<heltal:aar>/"

urlpatterns: list[URLPattern] = [
    path("socialtilsyn/", v.liste, name="liste"),
    path(AAR, v.aar, name="aar"),
    path(AAR + "rediger/", v.rediger, name="rediger"),
    path(AAR + "takstgrundlag/", v.takstgrundlag, name="takstgrundlag"),
    path(AAR + "excel/", v.excel, name="excel"),
    path(AAR + "pdf/", v.pdf, name="pdf"),
]
