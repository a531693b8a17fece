"""The sheet carries every cable (issue 7 item 1) and reads at the switch (issue 9 §3).

A page per switch in switch-port order, printed port labels on both ends, cable IDs in order on
each page, existing cables as "existing — verify"; checked in the model, in the HTML (parsed)
and in the PDF on A4 and Letter (text extracted with pypdf, page by page).
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from app.render.diagrams.topology_model import port_sort_key
from app.render.sheet import SheetChrome, sheet_html, sheet_pdf
from app.render.sheet_model import build_sheet
from tests.render.whole_plan_support import ISL_IDS, whole_plan_context

A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)


def _ids_in_order(ids: list[str]) -> bool:
    return ids == sorted(ids, key=port_sort_key)


def test_every_cable_is_on_the_sheet_with_switch_pages_in_port_order() -> None:
    ctx = whole_plan_context()
    sheet = build_sheet(ctx)
    assert {row.id for row in sheet.cables} == {c.id for c in ctx.plan.cables}
    assert _ids_in_order([row.id for row in sheet.cables])
    assert [s.name for s in sheet.switches] == ["sw1", "sw2"]
    for section in sheet.switches:
        ports = [row.port for row in section.rows]
        assert ports == sorted(ports, key=port_sort_key)
        assert ports[-2:] == ["Ethernet1/47", "Ethernet1/48"]  # the inter-switch links
        isl = section.rows[-1]
        assert isl.cable.id == ISL_IDS[1] and isl.cable.far.is_switch
        # The planner sets no native VLAN on an inter-switch trunk (SwitchPort.vlan 0).
        assert isl.vlan == "trunk 10, 20" and isl.channel == "Po100"
    # Every host cable is on its switch's page, once.
    on_switch_pages = [r.cable.id for s in sheet.switches for r in s.rows]
    uplinks = [c.id for c in ctx.plan.cables if c.kind.value == "uplink"]
    assert sorted(on_switch_pages) == sorted(uplinks + list(ISL_IDS) * 2)


def test_host_pages_list_cable_ids_in_order_with_port_labels_and_existing_marks() -> None:
    ctx = whole_plan_context()
    for section in build_sheet(ctx).hosts:
        assert _ids_in_order([row.id for row in section.rows])
        for row in section.rows:
            card, port = row.near.detail.split(" port ")
            assert row.near.label == f"{card} / P{port}"
            cable = next(c for c in ctx.plan.cables if c.id == row.id)
            assert row.existing is cable.existing


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.forms: list[dict[str, str | None]] = []
        self.scripts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form":
            self.forms.append(dict(attrs))
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def test_existing_cables_read_existing_verify_and_labels_show() -> None:
    ctx = whole_plan_context()
    parser = _Text()
    html = sheet_html(ctx)
    parser.feed(html)
    text = " ".join(parser.chunks)
    existing = [c for c in ctx.plan.cables if c.existing]
    # Host page, switch page and all-cables list each mark the cable.
    assert html.count('<div class="existing-tag">existing — verify</div>') == 3 * len(existing)
    assert "PCIe 2 / P1" in text
    assert "16 cables" not in text and "18 cables (8 existing — verify)" in text
    assert parser.forms == [] and parser.scripts == []  # no on-screen controls in a download


def test_switch_sheet_has_that_switch_only() -> None:
    ctx = whole_plan_context()
    sheet = build_sheet(ctx, switch="sw2")
    assert sheet.hosts == () and [s.name for s in sheet.switches] == ["sw2"]
    assert sheet.checks == ()
    assert all("sw2" in (r.near.device, r.far.device) for r in sheet.cables)
    assert sheet.narrowed_to == "switch sw2"
    with pytest.raises(KeyError):
        build_sheet(ctx, switch="sw9")


def test_on_screen_controls_back_print_paper_and_picker() -> None:
    ctx = whole_plan_context()
    chrome = SheetChrome(
        "/designs/7", "/designs/7/sheet", "/designs/7/sheet.pdf", "Letter", None, "sw1"
    )
    parser = _Text()
    html = sheet_html(ctx, switch="sw1", chrome=chrome)
    parser.feed(html)
    text = " ".join(parser.chunks)
    assert "← Back to the design" in text and "Print" in text
    assert 'href="/designs/7/sheet?switch=sw1&amp;paper=A4"' in html
    assert 'href="/designs/7/sheet.pdf?switch=sw1&amp;paper=Letter"' in html
    assert '<link rel="stylesheet" href="/static/css/print-letter.css">' in html
    assert [f["action"] for f in parser.forms] == ["/designs/7/sheet", "/designs/7/sheet"]
    assert parser.scripts == ["/static/js/app.js"]
    assert '<option value="sw1" selected>' in html


@pytest.mark.parametrize(("paper", "size"), [("A4", A4), ("Letter", LETTER)])
def test_pdf_switch_pages_fit_the_paper_and_list_ports_in_order(
    paper: str, size: tuple[float, float]
) -> None:
    ctx = whole_plan_context()
    reader = PdfReader(io.BytesIO(sheet_pdf(ctx, paper=paper)))  # type: ignore[arg-type]
    pages = [p.extract_text() for p in reader.pages]
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - size[0]) < 1
        assert abs(float(page.mediabox.height) - size[1]) < 1
    switch_pages = [t for t in pages if "SWITCH · PORTS IN ORDER" in t.upper()]
    assert len(switch_pages) == 2
    for text in switch_pages:
        positions = [text.index(f"Ethernet1/{n}\n") for n in (1, 2, 3, 4, 5, 6, 7, 8, 47, 48)]
        assert positions == sorted(positions)
    everything = "\n".join(pages)
    assert all(c.id in everything for c in ctx.plan.cables)
    assert everything.count("existing — verify") >= 3 * 8


def _font_sizes_pt(css: str) -> list[tuple[str, float]]:
    """Every absolute font size (pt, px, mm) in ``css``, read with tinycss2, in points."""
    import tinycss2

    factors = {"pt": 1.0, "px": 0.75, "mm": 72 / 25.4}
    found: list[tuple[str, float]] = []

    def walk(rules: list[tinycss2.ast.Node], where: str) -> None:
        for rule in rules:
            if rule.type == "qualified-rule" or rule.type == "at-rule":
                prelude = tinycss2.serialize(rule.prelude).strip()
                content = rule.content or []
                declarations = tinycss2.parse_blocks_contents(content)
                for item in declarations:
                    if item.type == "declaration" and item.lower_name in ("font", "font-size"):
                        for token in item.value:
                            if token.type == "dimension" and token.lower_unit in factors:
                                value = token.value * factors[token.lower_unit]
                                found.append((f"{where}{prelude}", value))
                    elif item.type in ("qualified-rule", "at-rule"):
                        walk([item], f"{where}{prelude} › ")

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), "")
    return found


def test_no_printed_text_below_nine_px() -> None:
    """Issue 9 §2/§3: nothing on paper below 9 px (6.75 pt); the sheet's smallest is 7 pt."""
    from app.render.sheet import PRINT_CSS

    sizes = _font_sizes_pt(PRINT_CSS.read_text())
    assert len(sizes) > 15
    small = [(where, size) for where, size in sizes if size < 6.75]
    assert small == []
