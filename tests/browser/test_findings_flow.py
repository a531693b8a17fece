"""Findings in Chromium (issue 9 §5, §7): import reports every problem at once, a wrong MTU is
one grouped finding whose rule links to the rules page, and the diagrams mark what it concerns.

Screenshots go to tests/artifacts/screenshots/ (findings-*.png).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot
from tests.examples import example_dict

pytestmark = pytest.mark.browser


def _paste(page: Page, server: str, document: dict[str, Any]) -> None:
    page.goto(f"{server}/designs/import")
    page.fill("#import-text", json.dumps(document, indent=2))
    page.locator("form[action='/designs/import'] button[type=submit]").click()


def test_import_lists_every_problem_at_its_field_in_one_pass(page: Page, server: str) -> None:
    bad = example_dict("e1")
    bad["hardware"][1]["ports"][2]["vmnic"] = "vmnic1"
    bad["hosts"][0]["management"]["ip"] = "192.0.2.11"
    bad["hosts"][1]["name"] = "ESX01"
    _paste(page, server, bad)
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("the document has 3 problems")
    rows = problems.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("hardware.1.ports.2.vmnic")
    expect(rows.nth(0)).to_contain_text("vmnic1 is already an earlier port of the hardware profile")
    expect(rows.nth(1)).to_contain_text("hosts.0.management.ip")
    expect(rows.nth(1)).to_contain_text("Add the prefix length, e.g. 192.0.2.11/24")
    expect(rows.nth(2)).to_contain_text("hosts.1.name")
    screenshot(page, "findings-import-problems")


def test_one_wrong_mtu_is_one_finding_linking_to_its_rule(page: Page, server: str) -> None:
    document = example_dict("e1")
    document["name"] = "E1 with a wrong MTU on esx02"
    document["hosts"][1]["vmotion_mtu"] = 1500
    _paste(page, server, document)
    page.wait_for_url(re.compile(r"/designs/\d+$"))
    findings = page.locator(".finding")
    error = page.locator(".finding-error", has_text="differ on the cables between them")
    expect(error).to_have_count(1)
    # Three findings about the MTU where there used to be nine.
    mtu_rules = page.locator("a.rule-id", has_text=re.compile(r"^R1[015]$"))
    expect(findings.filter(has=mtu_rules)).to_have_count(3)
    error.locator("summary").click()
    expect(error.locator(".finding-details li")).to_have_count(4)
    expect(error.locator(".finding-details")).to_contain_text("Cable C04: esx01 vmk4")
    # The topology marks the four cables the finding concerns.
    expect(page.locator("svg g.finding-mark")).to_have_count(4)
    screenshot(page, "findings-grouped-overview")

    error.locator("a.rule-id").click()
    page.wait_for_url(re.compile(r"/rules#R11$"))
    rule = page.locator("section#R11")
    expect(rule).to_be_in_viewport()
    expect(rule).to_contain_text("Why:")
    expect(rule.locator("a", has_text="S-JUMBO2010")).to_have_attribute(
        "href", "https://blogs.vmware.com/vsphere/2010/03/jumbo-frames-in-vsphere-40.html"
    )
    screenshot(page, "findings-rules-page-r11", full_page=False)
