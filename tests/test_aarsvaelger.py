"""The year picker's template (`faelles/_aarsvaelger.html`) reads the context's `vaelger`; a page
that hands it under another name shows no picker, and its other years are then out of reach by
clicks. This walks every web module and fails for a context key `"aarsvaelger"` (the picker
under the wrong name), as Børnehus and the benchmark once did."""

from __future__ import annotations

from pathlib import Path

WEB = Path(__file__).resolve().parent.parent / "socialstyring" / "web"


def test_aarsvaelgeren_hedder_vaelger_i_konteksten() -> None:
    forkerte = [
        f"{fil.relative_to(WEB)}:{nr}"
        for fil in sorted(WEB.rglob("*.py"))
        for nr, linje in enumerate(fil.read_text(encoding="utf-8").splitlines(), 1)
        if '"aarsvaelger":' in linje
    ]
    assert not forkerte, "brug nøglen 'vaelger' til faelles.aarsvalg.aarsvaelger(...): " + ", ".join(forkerte)
