"""The rule table: complete, consistent with docs/domain.md's severities, docs/rules.md fresh."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from app.planner import (
    rules_gateway,
    rules_interconnect,
    rules_limits,
    rules_mtu,
    rules_teaming,
    rules_vmotion,
)
from app.planner.catalog import RULES, finding, rules_markdown
from app.planner.result import Severity

ROOT = Path(__file__).resolve().parents[2]

# docs/domain.md section 10 (the rules): default severities (the first level where a rule
# has two). R11 and R35/R36 lower their severity per finding as the table says.
_ERRORS = "R1 R2 R4 R5 R6 R7 R8 R10 R12 R13 R16 R19 R20 R21 R22 R23 R26 R29 R32 R35 R36"
_WARNINGS = "R3 R9 R11 R14 R15 R18 R24 R25 R27 R30 R31 R33 R37 R40 R41 R43"
_INFOS = "R17 R28 R34 R38 R39 R42"
# Issue 7's inter-switch rules: a cut VLAN, an MTU below vMotion's, switches not linked.
_ERRORS += " R44 R45 R46"
DOMAIN_SEVERITY = {
    **dict.fromkeys(_ERRORS.split(" "), Severity.ERROR),
    **dict.fromkeys(_WARNINGS.split(" "), Severity.WARNING),
    **dict.fromkeys(_INFOS.split(" "), Severity.INFO),
}


def test_catalog_has_r1_to_r46_and_p1_to_p13() -> None:
    # R44-R46 (inter-switch links) and P11-P13 (far ends, single points, proposed links): issue 7
    expected = {f"R{n}" for n in range(1, 47)} | {f"P{n}" for n in range(1, 14)}
    assert set(RULES) == expected


@pytest.mark.parametrize("rule_id", sorted(DOMAIN_SEVERITY))
def test_default_severity_matches_domain_table(rule_id: str) -> None:
    assert RULES[rule_id].severity is DOMAIN_SEVERITY[rule_id]


def test_unverified_rules_are_never_errors_by_default() -> None:
    unverified = [r for r in RULES.values() if "UNVERIFIED" in r.sources]
    assert {r.id for r in unverified} >= {"R14", "R37", "R43"}
    # R36 is an error only for the verified 64-host limit of 6.x; its 96 branch is a warning.
    assert all(r.severity is not Severity.ERROR for r in unverified if r.id != "R36")


def test_every_rule_has_title_message_remedy_and_source() -> None:
    for rule in RULES.values():
        assert rule.title and rule.message and rule.remedy and rule.sources, rule.id


def test_only_r28_and_r40_cannot_be_checked_from_a_design() -> None:
    assert {r.id for r in RULES.values() if not r.checkable} == {"R28", "R40"}
    assert all(RULES[r].note for r in ("R28", "R40"))


def test_every_checkable_r_rule_is_emitted_by_some_check() -> None:
    source = "".join(
        inspect.getsource(module)
        for module in (
            rules_vmotion,
            rules_mtu,
            rules_teaming,
            rules_limits,
            rules_gateway,
            rules_interconnect,
        )
    )
    emitted = set(re.findall(r'finding\(\s*"(R\d+)"', source))
    checkable = {r.id for r in RULES.values() if r.checkable and r.id.startswith("R")}
    assert emitted == checkable


def test_finding_fills_from_the_catalog() -> None:
    f = finding("R5", "Cables C01 and C02 share 198.51.100.0/24.", objects=["cable:C01"])
    assert f.severity is Severity.ERROR
    assert f.sources == ["FIELD", "S-KB2010877"]
    assert f.remedy == RULES["R5"].remedy
    plain = finding("R39", objects=["design"])
    assert plain.message == RULES["R39"].message
    lowered = finding("R35", "x", severity=Severity.WARNING, remedy="y", objects=[])
    assert (lowered.severity, lowered.remedy) == (Severity.WARNING, "y")
    with pytest.raises(KeyError):
        finding("R99", objects=[])


def test_docs_rules_md_is_generated_from_the_catalog() -> None:
    text = (ROOT / "docs" / "rules.md").read_text()
    assert text == rules_markdown(), "docs/rules.md is stale: python -m app.planner.catalog"
    assert "| R28 | info | no |" in text
    assert "| P1 | error | yes | Address pool too small |" in text


def test_r40_says_what_docs_domain_md_section_9_says() -> None:
    message = RULES["R40"].message
    assert "even all between the same two hosts" in message
    assert "switch-dependent (static or LACP) team with Address Hash" in message
    assert "a switch-independent team receives on one member" in message
    assert "Hyper-V Port mode sends on one NIC" in message
    assert "different hosts" not in message
