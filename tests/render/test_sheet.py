"""Printable cabling sheet: HTML structure, escaping, QR code, host narrowing, PDF text and size."""

from __future__ import annotations

import io
import re
import time
from html.parser import HTMLParser

import pytest
import segno
from pypdf import PdfReader

from app.planner.result import CableKind
from app.render.base import RenderContext
from app.render.sheet import PRINT_CSS, render_sheet_html, render_sheet_pdf, sheet_html, sheet_pdf
from app.render.sheet_model import build_sheet, format_generated
from tests.render.diagrams_support import SHARE_URL, context

A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)


class _Sections(HTMLParser):
    """Collects the classes of <section> elements and the text of the document."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.text: list[str] = []
        self.inline_style_attrs = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "section":
            self.sections.append(values.get("class") or "")
        if "style" in values:
            self.inline_style_attrs += 1
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Sections:
    parser = _Sections()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("stem", ["e1", "e3", "e4", "e6"])
def test_html_has_every_cable_and_one_section_per_host(stem: str) -> None:
    ctx = context(stem)
    html = sheet_html(ctx)
    parsed = _parse(html)
    text = " ".join(parsed.text)
    hosts = ["host-section"] * len(ctx.plan.hosts)
    switches = ["switch-section"] * len(ctx.plan.switches)
    assert parsed.sections == hosts + switches + ["summary-section"]
    for cable in ctx.plan.cables:
        # Labels are printed in the host sections; an inter-switch link (issue 7) has no host,
        # so the all-cables table names both of its switch ports instead.
        ends = (
            (cable.a.device, cable.a.port, cable.b.device, cable.b.port)
            if cable.kind is CableKind.INTER_SWITCH
            else ()
        )
        assert cable.id in text and all(end in text for end in ends)
        assert cable.kind is CableKind.INTER_SWITCH or cable.label in text
    for host in ctx.plan.hosts:
        assert host.name in text
    for check in ctx.plan.tests:
        assert check.command in text
    # The page served by the app links its stylesheet and has no inline style or script (CSP).
    assert '<link rel="stylesheet" href="/static/css/print.css">' in html
    assert parsed.inline_style_attrs == 0 and parsed.scripts == 0 and "<style" not in html


def test_each_cable_is_listed_in_the_section_of_both_its_hosts() -> None:
    sheet = build_sheet(context("e1", switches=[]))  # the four back-to-back cables only
    esx01, esx02 = sheet.hosts
    assert [r.id for r in esx01.rows] == [r.id for r in esx02.rows] == ["C01", "C02", "C03", "C04"]
    first = esx01.rows[0]
    assert (first.near.device, first.near.port, first.near.detail) == (
        "esx01",
        "vmnic1",
        "PCIe 1 port 2",
    )
    assert (first.far.device, first.far.port) == ("esx02", "vmnic1")
    assert (first.vmk, first.address) == ("vmk1", "198.51.100.1/30")
    assert esx02.rows[0].address == "198.51.100.2/30"


def test_switch_far_ends_name_the_interface() -> None:
    sheet = build_sheet(context("e4"))
    for section in sheet.hosts:
        for row in section.rows:
            assert row.far.is_switch and row.far.port.startswith("Ethernet1/")


def test_page_breaks_between_hosts_in_the_stylesheet() -> None:
    css = PRINT_CSS.read_text()
    assert re.search(
        r"\.host-section \+ \.host-section,\s*\.summary-section \{ break-before: page; \}", css
    )
    assert "thead { display: table-header-group; }" in css
    assert "break-inside: avoid" in css
    assert "counter(pages)" in css


def test_header_shows_design_revision_date_and_qr() -> None:
    html = sheet_html(context("e4"))
    assert "E4 four hosts switched · Revision 3 · 2026-01-15 09:30 UTC" in html
    assert '<svg viewBox="0 0' in html and 'class="qr-code"' in html
    # The QR code is the one segno makes for the share link, inline (no data: URI, CSP).
    expected = segno.make(SHARE_URL, error="m").svg_inline(
        border=4, omitsize=True, svgclass="qr-code", lineclass=None, title="QR code: open the plan"
    )
    assert expected in html and "data:" not in html


def test_without_share_link_there_is_no_qr_but_a_note() -> None:
    html = sheet_html(context("e1", share_url=None))
    assert "qr-code" not in html
    assert "this design has no share link yet" in html


def test_names_are_escaped() -> None:
    html = sheet_html(context("e1", name="<script>alert(1)</script>"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_host_narrows_to_one_section_and_its_checks() -> None:
    ctx = context("e4")
    html = sheet_html(ctx, "esx03")
    parsed = _parse(html)
    text = " ".join(parsed.text)
    assert parsed.sections == ["host-section", "summary-section"]
    mine = [c for c in ctx.plan.cables if "esx03" in (c.a.device, c.b.device)]
    others = [c for c in ctx.plan.cables if c not in mine]
    assert all(c.label in text for c in mine)
    assert not any(c.label in text for c in others)
    assert all(t.source_host == "esx03" for t in build_sheet(ctx, "esx03").checks)
    with pytest.raises(KeyError):
        sheet_html(ctx, "nope")


def test_generated_date_formats() -> None:
    assert format_generated("2026-01-15T09:30:00Z") == "2026-01-15 09:30 UTC"
    assert format_generated("2026-01-15T09:30:00+02:00") == "2026-01-15 09:30 +0200"
    assert format_generated("yesterday") == "yesterday"
    assert format_generated(None) == ""
    ctx = context("e1")
    html = sheet_html(RenderContext(ctx.design, ctx.plan, None, None, None))
    assert "Unsaved draft" in html


def test_html_download_is_self_contained() -> None:
    (artifact,) = render_sheet_html(context("e1"), None)
    assert artifact.filename == "cabling-sheet.html"
    assert artifact.media_type.startswith("text/html")
    assert isinstance(artifact.content, str)
    assert "<style>" in artifact.content and "print.css" not in artifact.content
    (one,) = render_sheet_html(context("e1"), "esx02")
    assert one.filename == "cabling-sheet-esx02.html"


def _pdf_text(pdf: bytes) -> tuple[str, list[tuple[float, float]]]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return text, sizes


@pytest.mark.parametrize(("paper", "size"), [("A4", A4), ("Letter", LETTER)])
def test_pdf_contains_every_cable_on_the_requested_paper(
    paper: str, size: tuple[float, float]
) -> None:
    ctx = context("e4")
    started = time.perf_counter()
    pdf = sheet_pdf(ctx, paper=paper)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    assert pdf.startswith(b"%PDF-")
    text, sizes = _pdf_text(pdf)
    for cable in ctx.plan.cables:
        assert cable.id in text
    for host in ctx.plan.hosts:
        assert host.name in text
    assert all(abs(w - size[0]) < 1 and abs(h - size[1]) < 1 for w, h in sizes)
    # One page per host (4 cables each fit easily) plus the overview page(s).
    assert len(sizes) >= len(ctx.plan.hosts) + 1
    assert f"Page 1 of {len(sizes)}" in text
    print(f"\nsheet PDF E4 ({paper}, {len(sizes)} pages): {elapsed * 1000:.0f} ms")


def test_pdf_artifact() -> None:
    (artifact,) = render_sheet_pdf(context("e1"), "esx01")
    assert artifact.filename == "cabling-sheet-esx01.pdf"
    assert artifact.media_type == "application/pdf"
    text, sizes = _pdf_text(artifact.data)
    assert all(abs(w - A4[0]) < 1 for w, _ in sizes)
    assert "C01" in text and "C04" in text
