"""The printable cabling sheet: HTML with print CSS, and the same sheet as PDF (WeasyPrint).

One header (design, revision, date, QR code of the share link), one section per host with a page
break between hosts, then a page with every cable and the vmkping checks. The stylesheet
``static/css/print.css`` fits A4 and Letter: the content is at most 180 mm wide.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

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


@dataclass(frozen=True)
class SheetChrome:
    """The on-screen controls of a sheet the app serves (issue 9 §3); never printed.

    ``sheet_url`` and ``pdf_url`` are the sheet's own routes, without a query; the picker and
    the paper links add ``host``, ``switch`` and ``paper`` to them.
    """

    back_url: str
    sheet_url: str
    pdf_url: str
    paper: Paper = "A4"
    host: str | None = None
    switch: str | None = None

    def query(self, **changes: str | None) -> str:
        """``?host=…&switch=…&paper=…`` with ``changes`` applied (None drops a key)."""
        values = {"host": self.host, "switch": self.switch, "paper": self.paper} | changes
        pairs = {k: v for k, v in values.items() if v}
        return f"?{urlencode(pairs)}" if pairs else ""


def sheet_html(
    ctx: RenderContext,
    host: str | None = None,
    *,
    switch: str | None = None,
    static_url: str = "/static",
    inline_css: bool = False,
    chrome: SheetChrome | None = None,
) -> str:
    """The sheet as a complete HTML document.

    Args:
        ctx: the plan and the revision, date and share link printed in the header.
        host: only this host's section, cables and checks.
        switch: only this switch's page (port order) and its cables.
        static_url: where the page loads ``css/print.css`` from (the app serves ``/static``).
        inline_css: embed the stylesheet instead of linking it, for a self-contained download
            (never for pages the app serves: their CSP forbids inline styles).
        chrome: the on-screen controls (Back, Print, paper, host/switch picker) of a sheet the
            app serves; None for downloads and PDFs.

    Raises:
        KeyError: ``host`` is not a host of the plan, or ``switch`` not one of its switches.
    """
    sheet = build_sheet(ctx, host, switch)
    qr = qr_svg(sheet.share_url, "QR code: open the plan") if sheet.share_url else ""
    css = PRINT_CSS.read_text(encoding="utf-8") if inline_css else ""
    template = _env.get_template("print/sheet.html")
    return template.render(
        s=sheet,
        qr=qr,
        static_url=static_url.rstrip("/"),
        inline_css=css,
        chrome=chrome,
        host_names=[h.name for h in ctx.plan.hosts],
        switch_names=[sw.name for sw in ctx.plan.switches],
    )


def sheet_pdf_html(ctx: RenderContext, host: str | None = None, switch: str | None = None) -> str:
    """The sheet's HTML as WeasyPrint reads it (assets from the ``static/`` folder on disk)."""
    return sheet_html(ctx, host, switch=switch, static_url=STATIC_DIR.as_uri())


def sheet_pdf(
    ctx: RenderContext,
    host: str | None = None,
    *,
    switch: str | None = None,
    paper: Paper = "A4",
) -> bytes:
    """The same sheet rendered to PDF on ``paper`` (A4 or Letter), fonts embedded."""
    return html_to_pdf(sheet_pdf_html(ctx, host, switch), paper)


def _stem(host: str | None) -> str:
    return f"cabling-sheet-{host}" if host else "cabling-sheet"


def render_sheet_html(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """Renderer contract: a self-contained ``cabling-sheet[-<host>].html`` (stylesheet inline)."""
    html = sheet_html(ctx, host, inline_css=True)
    return [Artifact(f"{_stem(host)}.html", "text/html; charset=utf-8", html)]


def render_sheet_pdf(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """Renderer contract: ``cabling-sheet[-<host>].pdf`` on A4."""
    return [Artifact(f"{_stem(host)}.pdf", "application/pdf", sheet_pdf(ctx, host))]
