"""The test-plan tab groups checks by source host, then peer and path (issue 7), and its JSON
twin carries the same groups."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.services.planning import plan_for
from tests.examples import example
from tests.web.views_helpers import store


def test_e4_tab_has_a_section_per_host_and_a_table_per_group(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e4")
    plan = plan_for(design)
    design_id = store(session, settings, design)
    html = client.get(f"/designs/{design_id}?tab=tests").text
    hosts = re.findall(r'<h2 id="h-tests-\d+">On (esx\d+)', html)
    assert hosts == ["esx01", "esx02", "esx03", "esx04"]
    assert (
        html.count("<details") == 4 and html.count('<details class="panel check-host" open>') == 1
    )
    groups = re.findall(r'<h3 id="h-group-[^"]+">([^<]+)', html)
    assert groups[:3] == [
        "esx01 → esx02",
        "esx01 → esx02, standby path (vmnic1 down)",
        "esx01 → esx02, standby path (vmnic3 down)",
    ]
    assert "<code>esxcli network nic down -n vmnic1</code>" in html
    assert "via sw1 → sw2" in html
    numbers = re.findall(r"<td>(T\d+)</td>", html)
    assert numbers == [f"T{i:02d}" for i in range(1, len(plan.tests) + 1)]

    twin = client.get(f"/designs/{design_id}.json").json()
    first = twin["test_groups"][0]
    assert (first["host"], first["title"], first["path"]) == ("esx01", "esx01 → esx02", "active")
    standby = twin["test_groups"][1]
    assert (standby["path"], standby["failed_uplink"]) == ("standby", "vmnic1")
    assert sum(len(g["commands"]) for g in twin["test_groups"]) == len(plan.tests)
