"""The forms' renderer (`socialstyring/web/feltrenderer.py`) writes the plain inputs and text
areas in Python: its markup must be Django's own, character for character. Compared with Django's Jinja2
renderer on generated widgets (names, values and attributes with quotes, ampersands, angle
brackets, safe strings, numbers, True and False) and on a real form of the rate report."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import Jinja2
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from socialstyring.web.feltrenderer import _INPUTS, _TEXTAREA, Feltrenderer
from socialstyring.web.indberetning.forms import YdelsesaarFormSet

DJANGO = Jinja2()
VORES = Feltrenderer()

tekst = st.text(alphabet=st.sampled_from(list("aæ1 _-\"'&<>=;\n")), max_size=12)
vaerdi = st.one_of(st.none(), tekst, tekst.map(mark_safe), st.integers(-5, 5).map(str), st.just(""))
attr = st.one_of(tekst, tekst.map(mark_safe), st.integers(-3, 3), st.booleans())
widget = st.fixed_dictionaries(
    {
        "name": tekst,
        "type": st.sampled_from(["text", "hidden", "number", "email", "date"]),
        "value": vaerdi,
        "attrs": st.dictionaries(
            st.sampled_from(["id", "class", "maxlength", "required", "rows", "aria-x"]), attr
        ),
    }
)


@settings(max_examples=400, deadline=None)
@given(widget, st.sampled_from(sorted(_INPUTS | {_TEXTAREA})))
def test_samme_markup_som_djangos_skabeloner(w: dict[str, Any], skabelon: str) -> None:
    kontekst = {"widget": w}
    assert VORES.render(skabelon, kontekst) == DJANGO.render(skabelon, kontekst)


def test_en_takstindberetnings_formular_er_uaendret() -> None:
    # a bound form with errors (aria-invalid, aria-describedby) and the hidden initial values
    data = {
        "y-TOTAL_FORMS": "2", "y-INITIAL_FORMS": "2",
        "y-0-ydelse": "7", "y-0-version": "3", "y-0-pladser": "12,5", "initial-y-0-pladser": "12",
        "y-0-takst": "abc", "y-0-kilde_tekst": 'Budget "2026" & <ny>', "y-0-begrundelse": "Flere\nmedarbejdere",
        "y-1-ydelse": "8", "y-1-version": "1",
    }  # fmt: skip
    for fs in (YdelsesaarFormSet(data, prefix="y"), YdelsesaarFormSet(prefix="y", initial=[{"ydelse": 7}])):
        fs.is_valid()
        for form in fs.forms:
            for felt in form:
                assert _felt(felt, VORES) == _felt(felt, DJANGO)
        assert "aria-invalid" in _felt(fs.forms[0]["takst"], VORES) or not fs.is_bound


def _felt(felt: Any, renderer: Any) -> str:
    """The field as the page writes it: the widget, and the hidden copy of what the user saw."""
    felt.form.renderer = renderer
    return str(felt) + (felt.as_hidden(only_initial=True) if felt.field.show_hidden_initial else "")
