"""Topology and cabling sheet at 2, 16 and 64 hosts in Chromium (issue 9 §2 and §3).

Measured in the browser, as a person sees them: the rendered size of every SVG text (font size
times the drawing's on-screen scale) is at least 9 px at 100 % zoom; the overview tab of a
64-host design stays under 6,000 px tall; zoom buttons change the scale; the switch page of the
sheet lists its ports in port order, the picker and Back work, and the browser's PDF is A4 or
Letter. Screenshots go to tests/artifacts/screenshots/.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from app.render.diagrams.topology_model import port_sort_key
from tests.browser.conftest import screenshot
from tests.render.diagrams_support import large_design

pytestmark = pytest.mark.browser

SIZES = (2, 16, 64)
A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)

# Rendered font size of every <text> in the page's drawings: font-size × on-screen scale.
SMALLEST_TEXT_JS = """
() => {
  let smallest = Infinity, count = 0;
  for (const svg of document.querySelectorAll('.zoom-viewport > svg')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      smallest = Math.min(smallest, px);
      count += 1;
    }
  }
  return [smallest, count];
}
"""


def _store(page: Page, server: str, hosts: int) -> str:
    design = large_design(
        hosts, topology="switched", vmotion=2, vm_traffic=2, name=f"Cluster of {hosts}"
    )
    body: dict[str, Any] = {"document": design.model_dump(mode="json")}
    response = page.request.post(f"{server}/api/designs", data=body)
    assert response.status == 201, response.text()
    return f"{server}/designs/{response.json()['id']}"


def _svg_width(page: Page, selector: str) -> float:
    width: float = page.evaluate(
        f"document.querySelector('{selector} .zoom-viewport > svg').getBoundingClientRect().width"
    )
    return width


@pytest.mark.parametrize("hosts", SIZES)
def test_topology_reads_at_any_size(page: Page, server: str, hosts: int) -> None:
    url = _store(page, server, hosts)
    page.goto(f"{url}?tab=overview")
    expect(page.locator(".diagram-overview svg")).to_be_visible()
    smallest, count = page.evaluate(SMALLEST_TEXT_JS)
    assert count > 20 and smallest >= 9, f"{hosts} hosts: text at {smallest:.1f} px"
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, f"{hosts} hosts: overview tab is {height} px tall"
    screenshot(page, f"topology-{hosts}-hosts")

    # The picker shows the other switch (htmx swap, URL pushed); zoom buttons scale it.
    page.select_option("#drawing-pick", "switch-sw2")
    page.locator(".drawing-picker").get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"drawing=switch-sw2"))
    expect(page.locator("#drawing svg title").first).to_have_text(
        f"Topology of Cluster of {hosts}, Switch sw2"
    )
    natural = _svg_width(page, "#drawing")
    page.locator("#drawing").get_by_role("button", name="Zoom in").click()
    assert _svg_width(page, "#drawing") == pytest.approx(natural * 1.25, rel=0.01)
    expect(page.locator("#drawing .zoom-level")).to_have_text("125 %")
    page.locator("#drawing").get_by_role("button", name="100 %").click()
    assert _svg_width(page, "#drawing") == pytest.approx(natural, rel=0.01)
    page.locator("#drawing").scroll_into_view_if_needed()
    screenshot(page, f"topology-{hosts}-hosts-switch", full_page=False)
    assert page.console_errors == []  # type: ignore[attr-defined]


def _pdf_pages(data: bytes) -> tuple[list[str], list[tuple[float, float]]]:
    reader = PdfReader(io.BytesIO(data))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return [p.extract_text() for p in reader.pages], sizes


@pytest.mark.parametrize("hosts", SIZES)
def test_switch_sheet_in_port_order_with_controls(page: Page, server: str, hosts: int) -> None:
    url = _store(page, server, hosts)
    page.goto(f"{url}/sheet?switch=sw1")
    ports = page.locator(".switch-section tbody tr td:first-child strong").all_inner_texts()
    # Management, vMotion and VM traffic of each host, then the two ports of the inter-switch
    # link the planner proposes (issue 7 item 2).
    assert len(ports) == 3 * hosts + 2
    assert ports == sorted(ports, key=port_sort_key)
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    screenshot(page, f"sheet-{hosts}-hosts-switch", full_page=hosts < 64)

    # Printed by the browser on both papers: every page that size, every port on the paper.
    for paper, size in (("A4", A4), ("Letter", LETTER)):
        texts, sizes = _pdf_pages(page.pdf(format=paper, print_background=True))
        assert all(abs(w - size[0]) < 1 and abs(h - size[1]) < 1 for w, h in sizes)
        printed = "\n".join(texts)
        assert "Back to the design" not in printed  # the on-screen controls stay off paper
        assert all(port in printed for port in ports)

    # Letter on screen: the link keeps the switch and asks the browser for Letter.
    page.get_by_role("link", name="Letter", exact=True).click()
    expect(page).to_have_url(re.compile(r"switch=sw1&paper=Letter$"))
    # The host picker narrows the sheet to one host; Back returns to the design.
    page.select_option("#sheet-host", "esx02")
    page.locator("form").filter(has=page.locator("#sheet-host")).get_by_role(
        "button", name="Show"
    ).click()
    expect(page).to_have_url(re.compile(r"host=esx02"))
    expect(page.locator(".host-section")).to_have_count(1)
    expect(page.locator(".host-section h2")).to_contain_text("esx02")
    screenshot(page, f"sheet-{hosts}-hosts-host", full_page=True)
    page.get_by_role("link", name="← Back to the design").click()
    expect(page).to_have_url(url)
    assert page.console_errors == []  # type: ignore[attr-defined]
