"""The menu item Besparelsesscenarier: every user of an agreement reads its sets (the list);
a user without an agreement does not see it."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from socialstyring.web.faelles import omraader
from socialstyring.web.faelles.adgang import bruger
from socialstyring.web.faelles.omraader import Menupunkt
from socialstyring.web.register.adgang import synlige_rammeaftaler


def _url(request: HttpRequest) -> str | None:
    return reverse("scenarie:liste") if synlige_rammeaftaler(bruger(request)).exists() else None


def registrer() -> None:
    omraader.menupunkt(
        Menupunkt(
            "scenarie",
            "Besparelsesscenarier",
            41,
            _url,
            lambda r: "Scenarier for besparelser: effekt pr. driftsherre og kommune",
            ("scenarie:",),
        )
    )
