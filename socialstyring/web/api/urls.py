"""The JSON API's URLs (namespace `api`, mounted at /api/v1/ by `apps.ApiConfig.url_praefiks`)."""

from socialstyring.web.api.ruter import api

app_name = "api"

urlpatterns = api.urls[0]
