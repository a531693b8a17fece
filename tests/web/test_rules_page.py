"""The rules page and the words of findings (issue 9 §5).

Findings link their rule and sources to /rules, which is generated from the catalog (with each
rule's reason and source URLs from docs/domain.md), and no finding speaks in raw enum values
where the editor shows a label ("One /30 per cable", not per_link_30).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.planner.catalog import RULES
from app.web.formview import CHOICES
from tests.planner.rules_support import design, findings
from tests.web.views_helpers import EXAMPLE_STEMS, store


def test_rules_page_has_an_anchor_reason_remedy_and_linked_sources_per_rule(
    client: TestClient,
) -> None:
    response = client.get("/rules")
    assert response.status_code == 200
    html = response.text
    for rule in RULES.values():
        assert f'id="{rule.id}"' in html, rule.id
    r11 = html[html.index('id="R11"') : html.index('id="R12"')]
    assert "Jumbo frames not end-to-end" in r11
    assert "<strong>Why:</strong> Jumbo frames work only end to end" in r11
    assert "Use one MTU for every vMotion vSwitch and vmk on all hosts." in r11
    assert (
        '<a href="https://blogs.vmware.com/vsphere/2010/03/jumbo-frames-in-vsphere-40.html" '
        'rel="noopener noreferrer">S-JUMBO2010</a>'
    ) in r11
    assert 'id="R11-S-JUMBO2010"' in r11


def test_rules_json_twin_lists_the_catalog(client: TestClient) -> None:
    rules = client.get("/rules.json").json()["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    r5 = next(r for r in rules if r["id"] == "R5")
    assert r5["severity"] == "error"
    assert r5["remedy"] == 'Set Addressing to "One /30 per cable".'
    assert {s["key"] for s in r5["sources"]} == {"FIELD", "S-KB2010877"}


def test_a_finding_links_its_rule_and_sources_to_anchors_of_the_rules_page(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, design("e1", {"hosts.1.vmotion_mtu": 1500}))
    html = client.get(f"/designs/{design_id}").text
    rules_page = client.get("/rules").text
    links = set(re.findall(r'href="/rules#([A-Za-z0-9-]+)"', html))
    assert {"R11", "R15", "R11-S-JUMBO2010"} <= links
    for anchor in links:
        assert f'id="{anchor}"' in rules_page, anchor
    # Grouped: the cable error is one card whose details list each of the four cables.
    assert html.count("The vMotion vmks of esx01 (MTU 9000) and esx02 (MTU 1500) differ") == 1
    assert "4 affected: each one" in html
    for cable in ("C01", "C02", "C03", "C04"):
        assert f"Cable {cable}: esx01 vmk" in html


# Editor choices whose stored value is an identifier rather than a word of prose.
RAW_VALUES = sorted(
    {
        value
        for choices in CHOICES.values()
        for value, label in choices
        if value and value != label and ("_" in value or value in ("portid", "nxos", "iosxe"))
    }
)
RAW = re.compile(r"(?<![\w.])(" + "|".join(RAW_VALUES) + r")(?!\w)")

# Designs that make the teaming, addressing and MTU rules speak.
VARIANTS: list[tuple[str, dict[str, Any]]] = [
    *((stem, {}) for stem in EXAMPLE_STEMS),
    ("e1", {"hosts.1.vmotion_mtu": 1500}),
    ("e1", {"vmotion.addressing": "shared_subnet"}),
    ("e1", {"vmotion.addressing": "per_link_31"}),
    ("e4", {"vmotion.addressing": "per_link_30"}),
    ("e4", {"vmotion.vswitch_mtu": 1500}),
    ("e1", {"teaming.vm_traffic.etherchannel": "static"}),
    ("e1", {"teaming.vm_traffic.etherchannel": "lacp"}),
    (
        "e1",
        {
            "teaming.vm_traffic.load_balancing": "iphash",
            "teaming.vm_traffic.mode": "active_standby",
        },
    ),
]


def test_the_raw_values_are_the_ones_the_editor_labels() -> None:
    assert "per_link_30" in RAW_VALUES and "portid" in RAW_VALUES and "vm_traffic" in RAW_VALUES


@pytest.mark.parametrize("rule", list(RULES))
def test_catalog_texts_use_the_editors_words(rule: str) -> None:
    info = RULES[rule]
    for text in (info.title, info.message, info.remedy, info.note):
        assert not RAW.search(text), (rule, text)


@pytest.mark.parametrize(("stem", "changes"), VARIANTS)
def test_no_finding_text_contains_a_raw_value_the_editor_shows_differently(
    stem: str, changes: dict[str, Any]
) -> None:
    found = findings(stem, changes)
    for item in found:
        for text in (item.message, item.remedy, *item.details):
            match = RAW.search(text)
            assert match is None, (item.rule, match.group(0) if match else "", text)
