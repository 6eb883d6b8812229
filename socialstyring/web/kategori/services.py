"""A year's manual category: set with its reason, or removed — one transaction each; a page
opened before another save of the category is refused (`faelles.samtidighed`). The computed
category is the engine's (`beregning.kategori`), stored with its trace by the register's
loaders; this is only the secretariat's or the operator's override."""

from __future__ import annotations

from django.db import transaction

from socialstyring.web.faelles.samtidighed import Foraeldet, konflikt
from socialstyring.web.register.models import Kategorisering


def _kategorisering(kategorisering: Kategorisering, set_v: int | None) -> Kategorisering:
    """The year's category, locked; `Foraeldet` when it is not the version the user saw
    (`set_v`; None: no page was shown, as for a script)."""
    nu = Kategorisering.objects.select_for_update().get(pk=kategorisering.pk)
    k = konflikt(f"Kategorien for {nu.aar}", nu, set_v, {}) if set_v is not None else None
    if k is not None:
        raise Foraeldet([k])
    return nu


@transaction.atomic
def saet_kategori(
    kategorisering: Kategorisering, kategori: str, begrundelse: str, set_v: int | None = None
) -> Kategorisering:
    """A year's manual category with its reason (the form checked the reason's length).
    `Foraeldet` when the category changed after the page was opened (`set_v`)."""
    nu = _kategorisering(kategorisering, set_v)
    nu.tilsidesat = kategori
    nu.begrundelse = begrundelse
    nu.clean_fields()  # the reason's own checks (no CPR number)
    nu._change_reason = "Manuel kategori"  # type: ignore[attr-defined]
    nu.save()
    return nu


@transaction.atomic
def fjern_kategori(kategorisering: Kategorisering, set_v: int | None = None) -> bool:
    """Remove a year's manual category; False when there was none. `Foraeldet` when the
    category changed after the page was opened (`set_v`)."""
    nu = _kategorisering(kategorisering, set_v)
    if not (nu.tilsidesat or nu.begrundelse):
        return False
    nu.tilsidesat, nu.begrundelse = "", ""
    nu._change_reason = "Manuel kategori fjernet"  # type: ignore[attr-defined]
    nu.save()
    return True
