"""The JSON API's URLs (namespace `api`, mounted at /api/v1/ by `apps.ApiConfig.url_praefiks`);
any other path below it is a 404 problem detail, never the pages' HTML."""

from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt

from socialstyring.web.api.fejl import problem
from socialstyring.web.api.ruter import api

app_name = "api"


@csrf_exempt  # a token API: no cookies, so no CSRF (as django-ninja's own views)
def ikke_fundet(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problem(request, 404, "Der findes ingen sådan adresse i API'et; se /api/v1/openapi.json.")


urlpatterns = [*api.urls[0], re_path(r"^(?P<rest>[\s\S]*)\Z", ikke_fundet, name="ikke_fundet")]
