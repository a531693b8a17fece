"""Phone width, 390 px (issue 9 §4): no sideways scrolling on the overview and the shared view
(where the QR code leads), and the editor's selects show their whole text ("1 GbE", not "1 Gl";
"Management", not "Mana").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# Every visible select whose chosen text, measured in the select's own font, is wider than its
# inner width less padding (Chromium draws the arrow inside the right padding), and every
# ports-table text field whose value overflows.
CUT_SELECTS = """
() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const cut = [];
  for (const select of document.querySelectorAll("select")) {
    if (!select.offsetParent || select.selectedIndex < 0) continue;
    const style = getComputedStyle(select);
    canvas.font = style.font;
    const text = select.options[select.selectedIndex].text;
    const room = select.clientWidth - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight);
    if (canvas.measureText(text).width > room) cut.push(select.name + ": " + text);
  }
  // The ports table's text fields too ("vmnic0" read as "vmı" on a phone).
  for (const input of document.querySelectorAll(".ports-table input[type=text]")) {
    if (input.offsetParent && input.scrollWidth > input.clientWidth) {
      cut.push(input.name + ": " + input.value);
    }
  }
  return cut;
}
"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


def _scroll_width(page: Page) -> int:
    width: int = page.evaluate("() => document.scrollingElement.scrollWidth")
    return width


def test_no_sideways_scroll_and_whole_select_text_at_390_px(
    page: Page, phone: Page, server: str
) -> None:
    page.goto(f"{server}/designs/new")
    page.fill("#name", "Phone width")
    page.check('input[name="template"][value="e1-two-hosts-direct"]')
    page.get_by_role("button", name="Create design").click()
    page.wait_for_url(re.compile(r"/designs/\d+/edit$"))
    design_url = page.url.removesuffix("/edit")
    page.goto(f"{design_url}/share")
    page.get_by_role("button", name="Create link").click()
    share_url = page.input_value("#new-link")

    for name, url in (("overview", design_url), ("shared", share_url)):
        phone.goto(url)
        expect(phone.locator("h1")).to_be_visible()
        screenshot(phone, f"phone-390-{name}")
        assert _scroll_width(phone) <= PHONE["width"], name

    phone.goto(f"{design_url}/edit")
    expect(phone.locator("#preview [data-preview-state]")).to_be_visible()
    screenshot(phone, "phone-390-editor")
    assert _scroll_width(phone) <= PHONE["width"], "editor"
    assert phone.evaluate(CUT_SELECTS) == []
