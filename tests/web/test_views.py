"""The design view: every tab of every example renders, JSON twin, htmx tab fragments."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.planner.design import Design, Role
from app.planner.result import CableKind, plan_json
from app.services.planning import plan_for
from tests.examples import example, example_dict
from tests.web.views_helpers import EXAMPLE_STEMS, HTMX, store

TABS = ("overview", "wiring", "vswitches", "ip", "tests")


@pytest.mark.parametrize("stem", EXAMPLE_STEMS)
def test_every_tab_of_every_example_renders(
    client: TestClient, session: Session, settings: Settings, stem: str
) -> None:
    design = example(stem)
    design_id = store(session, settings, design)
    for tab in TABS:
        response = client.get(f"/designs/{design_id}?tab={tab}")
        assert response.status_code == 200, (stem, tab)
        html = response.text
        assert "<html" in html
        assert f'href="/designs/{design_id}?tab={tab}"' in html
        assert 'aria-current="page">' in html
        assert f'id="tab-{tab}"' in html


@pytest.mark.parametrize("stem", EXAMPLE_STEMS)
def test_tables_show_the_whole_plan(
    client: TestClient, session: Session, settings: Settings, stem: str
) -> None:
    design = example(stem)
    plan = plan_for(design)
    design_id = store(session, settings, design)
    wiring = client.get(f"/designs/{design_id}?tab=wiring").text
    for host in plan.hosts:
        for nic in host.nics:
            assert f"<code>{nic.vmnic}</code>" in wiring
            if nic.address is not None:
                assert f"<code>{nic.address}</code>" in wiring
    # The wiring table is per host NIC; inter-switch links (issue 7) have no host end.
    for cable in plan.cables:
        if cable.kind is not CableKind.INTER_SWITCH:
            assert f"<strong>{cable.id}</strong>" in wiring
    ip_plan = client.get(f"/designs/{design_id}?tab=ip").text
    for subnet in plan.subnets:
        assert f"<code>{subnet.network}</code>" in ip_plan
        for member in subnet.members:
            assert f"<code>{member.address}</code>" in ip_plan
    tests = client.get(f"/designs/{design_id}?tab=tests").text
    for ping in plan.tests:
        assert f'<code class="command">{ping.command}</code>' in tests
    assert tests.count('type="checkbox"') == len(plan.tests)


def test_e1_overview_findings_estimate_and_diagram(
    client: TestClient, session: Session, settings: Settings
) -> None:
    # E1's back-to-back cables only: without the switches of its other teams (issue 7)
    design_id = store(session, settings, example("e1", switches=[]))
    html = client.get(f"/designs/{design_id}").text
    assert 'id="tab-overview"' in html
    assert "<svg" in html  # the topology diagram, inline
    assert "estimate, not a promise" in html
    for cable in ("C01", "C02", "C03", "C04"):
        assert cable in html
    for network in ("198.51.100.0/30", "198.51.100.4/30", "198.51.100.8/30", "198.51.100.12/30"):
        assert network in html


def test_e2_error_is_shown_with_rule_id_and_remedy(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e2")
    plan = plan_for(design)
    errors = [f for f in plan.findings if f.severity.value == "error"]
    assert any(f.rule == "R5" for f in errors)
    design_id = store(session, settings, design)
    html = client.get(f"/designs/{design_id}").text
    assert (
        '<a class="rule-id" href="/rules#R5" title="Rule R5 in the rules reference">R5</a>' in html
    )
    assert "finding-group sev-error" in html
    r5 = next(f for f in errors if f.rule == "R5")
    if r5.remedy:
        assert "What to do:" in html
    # Errors come before warnings and notes.
    assert html.index("sev-error") < html.index("sev-warning") if "sev-warning" in html else True


def test_vswitches_tab_has_one_diagram_per_host(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e4")
    design_id = store(session, settings, design)
    html = client.get(f"/designs/{design_id}?tab=vswitches").text
    assert html.count('class="diagram diagram-vswitch"') == len(design.hosts)
    assert html.count("<svg") >= len(design.hosts)


def test_json_twin_carries_design_plan_and_context(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e3")
    design_id = store(session, settings, design)
    response = client.get(f"/designs/{design_id}.json?tab=ip")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["id"] == design_id
    assert body["version"] == 1
    assert body["tab"] == "ip"
    assert body["design"] == design.model_dump(mode="json")
    assert body["plan"] == plan_json(plan_for(design))
    assert [t["key"] for t in body["tabs"]] == list(TABS)
    assert body["links"]["edit"] == f"/designs/{design_id}/edit"
    assert body["links"]["sheet_pdf"] == f"/designs/{design_id}/sheet.pdf"
    warnings = body["findings_by_severity"].get("warning", [])
    assert any(f["rule"] == "R31" for f in warnings)  # E3: full mesh warning


def test_htmx_tab_switch_returns_only_the_tab_block(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e1"))
    response = client.get(f"/designs/{design_id}?tab=wiring", headers=HTMX)
    assert response.status_code == 200
    html = response.text
    assert "<html" not in html and "<body" not in html
    assert '<nav class="tabs"' in html
    assert 'id="tab-wiring"' in html
    assert "esx01" in html


def test_unknown_tab_falls_back_to_overview(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e1"))
    html = client.get(f"/designs/{design_id}?tab=<script>").text
    assert 'id="tab-overview"' in html
    assert "<script>" not in html.split("<body", 1)[1]


def test_unknown_design_is_404(client: TestClient) -> None:
    assert client.get("/designs/999").status_code == 404
    assert client.get("/designs/999.json").status_code == 404
    assert client.get("/designs/999/edit").status_code == 404


def test_design_without_vmotion_lanes_shows_empty_state(
    client: TestClient, session: Session, settings: Settings
) -> None:
    data = example_dict("e1")
    for card in data["hardware"]:
        for port in card["ports"]:
            if port["role"] == Role.VMOTION.value:
                port["role"] = Role.UNUSED.value
    design_id = store(session, settings, example("e1", hardware=data["hardware"]))
    for tab in ("overview", "wiring", "ip", "tests"):
        html = client.get(f"/designs/{design_id}?tab={tab}").text
        assert "No vMotion lanes yet" in html, tab
        assert f'href="/designs/{design_id}/edit"' in html


def test_wiring_links_each_host_to_its_own_sheet(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    html = client.get(f"/designs/{design_id}?tab=wiring").text
    for host in design.hosts:
        link = f"/designs/{design_id}/sheet?host={host.name}"
        assert f'href="{link}"' in html
        assert client.get(link).status_code == 200


def test_estimate_panel_says_how_mixed_lane_speeds_are_counted(
    client: TestClient, session: Session, settings: Settings
) -> None:
    """R42: the page states the lanes and the assumption, not '4 × 1 GbE' for mixed lanes."""
    data = example_dict("e1")
    for port in data["hardware"][1]["ports"][1:3]:  # vmnic5, vmnic6
        port["speed_gbps"] = 10
    design_id = store(session, settings, Design.model_validate(data))
    html = client.get(f"/designs/{design_id}").text
    assert "4 lanes of 1 and 10 GbE, each counted at 1 GbE" in html
    assert "Every lane is counted at the slowest, 1 GbE" in html
    assert "4 × 1 GbE" not in html
