"""HTML to PDF: the one place that calls WeasyPrint.

Every PDF of Socialstyring (the catalogue, the management information report, the letter
on a change) is an HTML page rendered by WeasyPrint. WeasyPrint is heavy to import (it
loads Pango and its fonts), so it is imported inside `html_til_pdf`, when a PDF is made,
never when a module is loaded.

Pure apart from the renderer: takes HTML text, returns the PDF's bytes.
"""

from __future__ import annotations


def html_til_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of `html`.

    `base_url` resolves relative addresses in the page (images, style sheets, links),
    e.g. a directory path or the request's absolute URL; without it only absolute
    addresses and `data:` URIs can be loaded."""
    import weasyprint  # type: ignore[import-untyped]  # heavy: imported only when a PDF is made

    resultat = weasyprint.HTML(string=html, base_url=base_url).write_pdf()
    assert isinstance(resultat, bytes)
    return resultat
