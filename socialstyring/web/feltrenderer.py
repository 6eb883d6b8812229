"""The forms' renderer (settings.FORM_RENDERER): Django's Jinja2 renderer, with the plain
inputs and text areas written in Python.

A rate report or an occupancy quarter is one form row per service, each with several inputs
and the hidden copies of what the user saw (`faelles.samtidighed`): over a thousand widgets on
an operator's page. Rendered by templates, each costs a template lookup, a new context and an
include; written here, the same markup costs a few string joins. The markup is character for
character that of Django's own templates `django/forms/widgets/input.html`, `attrs.html` and
`textarea.html` (tests/test_feltrenderer.py compares them on generated widgets); every other
widget (selects, check boxes, files, the forms' and fields' layouts) goes to the templates.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import Jinja2
from markupsafe import escape

_WIDGETS = "django/forms/widgets/"
_INPUTS = frozenset(
    _WIDGETS + navn
    for navn in (
        "input.html",
        "text.html",
        "hidden.html",
        "number.html",
        "email.html",
        "url.html",
        "password.html",
        "search.html",
        "tel.html",
        "color.html",
        "date.html",
        "datetime.html",
        "time.html",
    )
)
_TEXTAREA = _WIDGETS + "textarea.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """`attrs.html`: ` name="value"` for each; a True attribute by its name alone, a False one left out."""
    ud = []
    for navn, vaerdi in attrs.items():
        if vaerdi is False:
            continue
        ud.append(f" {escape(navn)}" if vaerdi is True else f' {escape(navn)}="{escape(vaerdi)}"')
    return "".join(ud)


def input_html(widget: dict[str, Any]) -> str:
    """`input.html`: type, name, the value unless None, the attributes."""
    navn = escape(widget["name"])
    vaerdi = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return f'<input type="{escape(widget["type"])}" name="{navn}"{vaerdi}{_attrs(widget["attrs"])}>'


def textarea_html(widget: dict[str, Any]) -> str:
    """`textarea.html`: name and attributes, a line break, the value if any."""
    vaerdi = escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{vaerdi}</textarea>'


class Feltrenderer(Jinja2):
    """Django's Jinja2 form renderer, the plain inputs and text areas written in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in _INPUTS:
            return input_html(context["widget"])
        if template_name == _TEXTAREA:
            return textarea_html(context["widget"])
        return str(super().render(template_name, context, request))
