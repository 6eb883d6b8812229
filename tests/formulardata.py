"""A page's form as a browser would post it: every named input with its value (hidden
ones too: the record versions and the values the user saw), text areas, the chosen
option of each select and the checked boxes — so tests post what a user's browser posts.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _Formular(HTMLParser):
    def __init__(self, handling: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.handling = handling
        self.i_formular = False
        self.data: dict[str, str] = {}
        self.navne: set[str] = set()
        self._tekstomraade: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            # a form without an action posts to its own page
            self.i_formular = self.handling is None or a.get("action", "") in (self.handling, "")
            return
        if not self.i_formular or not a.get("name"):
            return
        navn = a["name"]
        self.navne.add(navn)
        if tag == "input":
            art = a.get("type", "text")
            if art in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[navn] = a.get("value", "on")
            elif art not in ("submit", "button", "file", "image", "reset"):
                self.data[navn] = a.get("value", "")
        elif tag == "textarea":
            self._tekstomraade = navn
            self.data[navn] = ""

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._tekstomraade is not None:
            self.data[self._tekstomraade] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.i_formular = False
        elif tag == "textarea" and self._tekstomraade is not None:
            v = self.data[self._tekstomraade]
            self.data[self._tekstomraade] = v[1:] if v.startswith("\n") else v
            self._tekstomraade = None


class _Valg(HTMLParser):
    """The chosen option of each select (the first when none is marked selected)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.valg: dict[str, str] = {}
        self._navn: str | None = None
        self._fundet = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "select" and a.get("name"):
            self._navn, self._fundet = a["name"], False
        elif tag == "option" and self._navn is not None:
            if "selected" in a:
                self.valg[self._navn] = a.get("value", "")
                self._fundet = True
            elif not self._fundet and self._navn not in self.valg:
                self.valg[self._navn] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._navn = None


def formulardata(html: str, handling: str | None = None) -> dict[str, str]:
    """The fields of the page's forms (or only the form posting to `handling`) with the
    values a browser would post unchanged. The CSRF token is left out (the test client
    does not check it)."""
    f = _Formular(handling)
    f.feed(html)
    v = _Valg()
    v.feed(html)
    data = {**f.data, **{k: w for k, w in v.valg.items() if handling is None or k in f.navne}}
    data.pop("csrfmiddlewaretoken", None)
    return data
