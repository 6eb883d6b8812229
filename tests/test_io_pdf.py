"""HTML to PDF (`io.pdf.html_til_pdf`): a small Danish page with a table becomes a PDF."""

from __future__ import annotations

import re
import subprocess
import sys
import zlib

from socialstyring.io.pdf import html_til_pdf

SIDE = """<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>Takster for Ærø – bøger og å</title>
<style>table { border-collapse: collapse } td, th { border: 1px solid #999; padding: 2pt 4pt }</style>
</head>
<body>
<h1>Tilbud og takster på Ærø</h1>
<p>Særlige døgntilbud, årspladser og belægning.</p>
<table>
  <tr><th>Tilbud</th><th>Pladser</th><th>Takst</th></tr>
  <tr><td>Solbakken Ø</td><td>24</td><td>2.295,50 kr.</td></tr>
  <tr><td>Åbo Bæk</td><td>12,5</td><td>950,00 kr.</td></tr>
</table>
</body>
</html>"""


def _sider_og_titler(pdf: bytes) -> tuple[int, list[str]]:
    """The page count (/Count of the page tree) and the /Title strings of a PDF, read from
    the file with its compressed streams inflated."""
    alt = pdf
    for m in re.finditer(rb"stream\r?\n", pdf):
        try:
            alt += zlib.decompressobj().decompress(pdf[m.end() :])
        except zlib.error:
            continue
    sider = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", alt)]
    titler = []
    for t in re.findall(rb"/Title\s*(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]+>)", alt):
        if t.startswith(b"<"):
            titler.append(bytes.fromhex(t[1:-1].decode()).decode("utf-16"))
        else:
            titler.append(re.sub(rb"\\(.)", rb"\1", t[1:-1]).decode("latin-1"))
    return max(sider, default=0), titler


def test_dansk_side_med_tabel_bliver_pdf() -> None:
    pdf = html_til_pdf(SIDE)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000
    sider, titler = _sider_og_titler(pdf)
    assert sider >= 1
    assert "Takster for Ærø – bøger og å" in titler  # the document title, with æ, ø and å


def test_base_url_og_flere_sider() -> None:
    lang = "<html><body>" + "".join(f"<p style='break-after: page'>Side {i} – æøå</p>" for i in range(3))
    pdf = html_til_pdf(lang + "</body></html>", base_url="/")
    assert _sider_og_titler(pdf)[0] == 3


def test_weasyprint_indlaeses_foerst_naar_der_laves_en_pdf() -> None:
    """Importing the module is cheap: WeasyPrint is loaded inside `html_til_pdf`."""
    kode = "import sys, socialstyring.io.pdf; sys.exit('weasyprint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", kode], check=False).returncode == 0
