"""The production profile, started as docs/drift.md shows it: `scripts/drift-proeve` runs
gunicorn with the production settings (DEBUG off, real keys, HTTPS behind a proxy, WhiteNoise),
after migrate, collectstatic and `check --deploy`, logs in, fetches the front page and a static
file, and stops. It uses its own temporary directory and SQLite database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROD = Path(__file__).resolve().parent.parent


def test_produktionsprofilen_starter_svarer_og_stopper() -> None:
    # production's environment: none of the suite's settings (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which `check --deploy` rightly refuses)
    miljoe = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALSTYRING_", "DJANGO_"))}
    miljoe["PYTHON"] = sys.executable
    svar = subprocess.run(
        [str(ROD / "scripts" / "drift-proeve")], env=miljoe, capture_output=True, text=True, timeout=300
    )
    assert svar.returncode == 0, svar.stdout[-3000:] + svar.stderr[-3000:]
    assert "login, forside og statisk fil svarede" in svar.stdout
    assert '"GET /static/faelles/faelles.css HTTP/1.1" 200' in svar.stdout + svar.stderr


def test_webprocessen_fryser_det_langlivede_foer_den_svarer() -> None:
    """A web process builds the URL patterns and the rulebook and freezes them out of the
    garbage collector's reach when it loads (socialstyring/web/wsgi.py); the objects a full
    collection would otherwise walk every few requests are over 100.000 (the API's schemas)."""
    miljoe = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    miljoe["SOCIALSTYRING_DEBUG"] = "1"
    kode = (
        "import gc, socialstyring.web.wsgi as w; from django.urls import get_resolver; "
        "print(gc.get_freeze_count(), get_resolver()._populated)"
    )
    svar = subprocess.run(
        [sys.executable, "-c", kode], env=miljoe, capture_output=True, text=True, timeout=120, cwd=ROD
    )
    assert svar.returncode == 0, svar.stderr[-3000:]
    frosne, bygget = svar.stdout.split()[-2:]
    assert int(frosne) > 100_000 and bygget == "True"
