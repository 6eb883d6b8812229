from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from omraade_eksempel.adgang import SE
from socialstyring.web.faelles.adgang import kraev


@login_required
def side(request: HttpRequest) -> HttpResponse:
    kraev(request, SE)
    return render(request, "omraade_eksempel/side.html")
