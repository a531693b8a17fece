"""The whole planning session in Chromium: template → live preview → save → share → print.

Screenshots of every main page land in tests/artifacts/screenshots/ (git-ignored) for people
to look at.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

E1_NETWORKS = ("198.51.100.0/30", "198.51.100.4/30", "198.51.100.8/30", "198.51.100.12/30")
MARKER = "window.__vmotionPlannerMarker"


def _new_design_from_e1(page: Page, server: str, name: str) -> str:
    """Create a design from the E1 template; returns the design's URL (/designs/<id>)."""
    page.goto(f"{server}/designs/new")
    page.fill("#name", name)
    page.check('input[name="template"][value="e1-two-hosts-direct"]')
    page.get_by_role("button", name="Create design").click()
    page.wait_for_url(re.compile(r"/designs/\d+/edit$"))
    return page.url.removesuffix("/edit")


def _set_marker(page: Page) -> None:
    page.evaluate(f"{MARKER} = 'same document'")


def _assert_no_reload(page: Page) -> None:
    assert page.evaluate(MARKER) == "same document", "the page was reloaded"


def _settle(page: Page) -> None:
    """Wait until htmx has no request in flight (leaving the page would abort it)."""
    page.wait_for_function("document.querySelector('.htmx-request') === null")


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _plan(page: Page, url: str) -> dict[str, Any]:
    response = page.request.get(url)
    assert response.ok, url
    plan: dict[str, Any] = response.json()["plan"]
    return plan


def test_live_preview_follows_edits_without_a_reload(page: Page, server: str) -> None:
    _new_design_from_e1(page, server, "Browser preview E1")
    preview = page.locator("#preview")
    for network in E1_NETWORKS:
        expect(preview).to_contain_text(network)
    expect(preview.locator(".ip-summary tbody tr")).to_have_count(4)
    _set_marker(page)

    page.fill('[name="hosts.0.name"]', "esx-a01")
    expect(preview).to_contain_text("esx-a01")
    expect(preview).not_to_contain_text("esx01 vmk")
    _assert_no_reload(page)

    # Invalid input: the message appears next to the field, the preview says what to fix.
    page.fill('[name="hosts.1.management.ip"]', "192.0.2.999/24")
    field = page.locator('[data-field="hosts.1.management.ip"]')
    expect(field.locator(".field-errors")).to_contain_text("IPv4 address with its prefix")
    expect(page.locator('[name="hosts.1.management.ip"]')).to_have_attribute("aria-invalid", "true")
    expect(preview).to_contain_text("Host 2 (esx02) › Management IP / prefix")
    page.fill('[name="hosts.1.management.ip"]', "192.0.2.12/24")
    expect(field.locator(".field-errors")).to_have_count(0)
    expect(preview.locator(".ip-summary tbody tr")).to_have_count(4)
    _assert_no_reload(page)
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_rows_are_added_and_removed_in_place(page: Page, server: str) -> None:
    _new_design_from_e1(page, server, "Browser rows E1")
    _set_marker(page)
    preview = page.locator("#preview")

    page.locator("#section-hosts").get_by_role("button", name="+ Add host").click()
    expect(page.locator('[name="hosts.2.name"]')).to_have_value("esx03")
    expect(page.locator('[name="hosts.2.management.ip"]')).to_have_value("192.0.2.13/24")
    expect(preview).to_contain_text("esx03")  # the preview re-planned after the row change

    page.locator("#host-2").get_by_role("button", name="Remove host").click()
    expect(page.locator('[name="hosts.2.name"]')).to_have_count(0)

    card = page.locator("#section-hardware fieldset.card-form").first
    card.get_by_role("button", name="+ Add port").click()
    expect(page.locator('[name="hardware.0.ports.4.vmnic"]')).to_have_value("vmnic8")
    page.select_option('[name="hardware.0.ports.4.role"]', "vmotion")
    expect(preview.locator(".ip-summary tbody tr")).to_have_count(5)

    page.locator("#host-1").get_by_role("button", name="Give this host its own cards").click()
    expect(page.locator('[name="hosts.1.cards.0.slot"]')).to_have_value("PCIe 1")
    _assert_no_reload(page)
    screenshot(page, "editor-rows")
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_save_share_and_print(page: Page, browser: Browser, server: str) -> None:
    design_url = _new_design_from_e1(page, server, "Browser flow E1")
    page.fill('[name="hosts.0.name"]', "esx-a01")
    expect(page.locator("#preview")).to_contain_text("esx-a01")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "editor", full_page=False)
    page.fill("#f-author", "Browser test")
    page.fill("#f-message", "Renamed the first host")
    _settle(page)
    page.get_by_role("button", name="Save revision").click()
    page.wait_for_url(re.compile(r"/designs/\d+\?saved=2$"))
    expect(page.locator("h1")).to_have_text("Browser flow E1")
    expect(page.locator(".design-meta")).to_contain_text("Revision 2")
    owner_plan = _plan(page, f"{design_url}.json")
    assert "esx-a01" in [host["name"] for host in owner_plan["hosts"]]

    # Tabs swap in place and push their URL.
    _set_marker(page)
    for key, title in (
        ("wiring", "Wiring"),
        ("vswitches", "vSwitches"),
        ("ip", "IP plan"),
        ("tests", "Test plan"),
        ("overview", "Overview"),
    ):
        page.locator("nav.tabs").get_by_role("link", name=re.compile(f"^{title}")).click()
        expect(page.locator(f"#tab-{key}")).to_be_visible()
        expect(page).to_have_url(f"{design_url}?tab={key}")
        screenshot(page, f"design-{key}")
    _assert_no_reload(page)

    # A share link opens the same plan in a fresh browser context, read-only.
    page.goto(f"{design_url}/share")
    page.get_by_role("button", name="Create link").click()
    share_url = page.input_value("#new-link")
    assert share_url.startswith(f"{server}/s/")
    colleague = browser.new_context(viewport={"width": 1440, "height": 1000})
    shared = colleague.new_page()
    shared_errors: list[str] = []
    shared.on("console", lambda m: shared_errors.append(m.text) if m.type == "error" else None)
    shared.goto(share_url)
    expect(shared.locator(".banner-readonly")).to_be_visible()
    # Only the topology drawing picker, a GET form that changes nothing.
    expect(shared.locator('form:not([method="get"])')).to_have_count(0)
    for network in E1_NETWORKS:
        expect(shared.locator("body")).to_contain_text(network)
    assert _plan(shared, f"{share_url}.json") == owner_plan
    screenshot(shared, "shared")
    assert shared_errors == []  # no CSP violation or failed request on the shared view

    # The cabling sheet: print to PDF in the browser, and the server's PDF download.
    cable_ids = [cable["id"] for cable in owner_plan["cables"]]
    # E1: the four back-to-back vMotion cables first, then its 8 uplinks to sw1/sw2 and the
    # two cables of the inter-switch link the planner proposes (issue 7).
    assert cable_ids == [f"C{n:02d}" for n in range(1, 15)]
    shared.goto(f"{share_url}/sheet")
    screenshot(shared, "sheet")
    printed = _pdf_text(shared.pdf(format="A4", print_background=True))
    download = shared.request.get(f"{share_url}/sheet.pdf")
    assert download.headers["content-type"] == "application/pdf"
    served = _pdf_text(download.body())
    for cable_id in cable_ids:
        assert cable_id in printed
        assert cable_id in served
    colleague.close()

    page.goto(f"{server}/designs")
    screenshot(page, "list")
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_concurrent_saves_end_on_the_conflict_page_and_lose_nothing(
    page: Page, browser: Browser, server: str
) -> None:
    design_url = _new_design_from_e1(page, server, "Browser conflict E1")
    other_context = browser.new_context(viewport={"width": 1440, "height": 1000})
    other = other_context.new_page()
    other.goto(f"{design_url}/edit")

    page.fill('[name="hosts.0.name"]', "esx-first")
    _settle(page)
    page.get_by_role("button", name="Save revision").click()
    page.wait_for_url(re.compile(r"\?saved=2$"))

    other.fill('[name="hosts.1.name"]', "esx-second")
    _settle(other)
    other.get_by_role("button", name="Save revision").click()
    expect(other.locator("h1")).to_have_text("Your changes are not saved yet")
    expect(other.locator("pre.diff")).to_contain_text("esx-second")
    expect(other.locator("#mine-yaml")).to_contain_text("name: esx-second")
    screenshot(other, "conflict")
    other.get_by_role("button", name="Save my version over theirs").click()
    other.wait_for_url(re.compile(r"\?saved=3$"))
    plan = _plan(other, f"{design_url}.json")
    assert sorted(host["name"] for host in plan["hosts"]) == ["esx-second", "esx01"]
    other_context.close()


def test_empty_state_and_small_screens(page: Page, server: str) -> None:
    design_url = _new_design_from_e1(page, server, "Browser no vMotion")
    for card, port in ((0, 1), (0, 2), (1, 1), (1, 2)):
        page.select_option(f'[name="hardware.{card}.ports.{port}.role"]', "unused")
    expect(page.locator("#preview")).to_contain_text("No vMotion lanes yet")
    _settle(page)
    page.get_by_role("button", name="Save revision").click()
    page.wait_for_url(re.compile(r"\?saved=2$"))
    expect(page.locator(".empty-state")).to_contain_text("No vMotion lanes yet")
    screenshot(page, "design-empty-state")

    _settle(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{design_url}?tab=wiring")
    screenshot(page, "mobile-wiring", full_page=False)
    page.goto(f"{design_url}/edit")
    screenshot(page, "mobile-editor", full_page=False)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the editor scrolls sideways on a phone ({width}px)"
    assert page.console_errors == []  # type: ignore[attr-defined]
