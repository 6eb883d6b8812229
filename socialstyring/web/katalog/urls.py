"""The published catalogue (namespace `katalog`; see `views` for who may do what)."""

from django.urls import URLPattern, path

from socialstyring.web.katalog import views as v

app_name = "katalog"

urlpatterns: list[URLPattern] = [
    path("katalog/<heltal:aar>/offentliggoer/", v.katalog_offentliggoer, name="katalog_offentliggoer"),
    path("katalog/<str:rammeaftale_kode>/<heltal:aar>/", v.katalog, name="katalog"),
    path("katalog/<str:rammeaftale_kode>/<heltal:aar>/katalog.xlsx", v.katalog_excel, name="katalog_excel"),
    path("katalog/<str:rammeaftale_kode>/<heltal:aar>/katalog.pdf", v.katalog_pdf, name="katalog_pdf"),
    path("katalog/<str:rammeaftale_kode>/<heltal:aar>/pdf-job/", v.katalog_pdf_job, name="katalog_pdf_job"),
]
