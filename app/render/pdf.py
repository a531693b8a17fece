"""HTML to PDF with WeasyPrint: the one place that calls it.

WeasyPrint holds the interpreter lock for the whole render (seconds for a big sheet), so the web
app never calls this in its own process: :mod:`app.services.pdf_jobs` runs it in a worker process.
The CLI and the zip writer may call it directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Paper = Literal["A4", "Letter"]
PAGE_SIZES: dict[Paper, str] = {"A4": "A4", "Letter": "letter"}
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"


def html_to_pdf(html: str, paper: Paper = "A4") -> bytes:
    """Render a complete HTML document (its assets under ``static/``) to PDF on ``paper``."""
    from weasyprint import CSS, HTML  # heavy import, only where a PDF is made

    size = CSS(string=f"@page {{ size: {PAGE_SIZES[paper]} !important; }}")
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/")
    pdf: bytes = document.write_pdf(stylesheets=[size])
    return pdf
