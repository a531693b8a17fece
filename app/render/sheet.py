"""The printable cabling sheet: HTML with print CSS, and the same sheet as PDF (WeasyPrint).

One header (design, revision, date, QR code of the share link), one section per host with a page
break between hosts, then a page with every cable and the vmkping checks. The stylesheet
``static/css/print.css`` fits A4 and Letter: the content is at most 180 mm wide.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from app.render.base import Artifact, RenderContext
from app.render.pdf import Paper, html_to_pdf
from app.render.qr import qr_svg
from app.render.sheet_model import build_sheet

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"


# Its own environment: the sheet renders outside a request (PDF, CLI, zip export) too.
_env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def sheet_html(
    ctx: RenderContext,
    host: str | None = None,
    *,
    static_url: str = "/static",
    inline_css: bool = False,
) -> str:
    """The sheet as a complete HTML document.

    Args:
        ctx: the plan and the revision, date and share link printed in the header.
        host: only this host's section, cables and checks.
        static_url: where the page loads ``css/print.css`` from (the app serves ``/static``).
        inline_css: embed the stylesheet instead of linking it, for a self-contained download
            (never for pages the app serves: their CSP forbids inline styles).

    Raises:
        KeyError: ``host`` is not a host of the plan.
    """
    sheet = build_sheet(ctx, host)
    qr = qr_svg(sheet.share_url, "QR code: open the plan") if sheet.share_url else ""
    css = PRINT_CSS.read_text(encoding="utf-8") if inline_css else ""
    template = _env.get_template("print/sheet.html")
    return template.render(s=sheet, qr=qr, static_url=static_url.rstrip("/"), inline_css=css)


def sheet_pdf_html(ctx: RenderContext, host: str | None = None) -> str:
    """The sheet's HTML as WeasyPrint reads it (assets from the ``static/`` folder on disk)."""
    return sheet_html(ctx, host, static_url=STATIC_DIR.as_uri())


def sheet_pdf(ctx: RenderContext, host: str | None = None, *, paper: Paper = "A4") -> bytes:
    """The same sheet rendered to PDF on ``paper`` (A4 or Letter), fonts embedded."""
    return html_to_pdf(sheet_pdf_html(ctx, host), paper)


def _stem(host: str | None) -> str:
    return f"cabling-sheet-{host}" if host else "cabling-sheet"


def render_sheet_html(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """Renderer contract: a self-contained ``cabling-sheet[-<host>].html`` (stylesheet inline)."""
    html = sheet_html(ctx, host, inline_css=True)
    return [Artifact(f"{_stem(host)}.html", "text/html; charset=utf-8", html)]


def render_sheet_pdf(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """Renderer contract: ``cabling-sheet[-<host>].pdf`` on A4."""
    return [Artifact(f"{_stem(host)}.pdf", "application/pdf", sheet_pdf(ctx, host))]
