"""The Danish 400 page (`handler400` in the root URLconf): a parameter the page cannot read
(`parametre.UgyldigParameter`) is explained with the page's navigation; any other bad
request gets Django's own handler with the same template (rendered without the request)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.defaults import bad_request

from socialstyring.web.faelles.parametre import UgyldigParameter


def ugyldig_foresporgsel(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, UgyldigParameter):
        return render(request, "400.html", {"besked": str(exception)}, status=400)
    return bad_request(request, exception)
