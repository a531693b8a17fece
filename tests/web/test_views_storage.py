"""The design page shows IP-storage and service vmks like every other vmk (issue 7.4)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.planner.design import Design
from app.services.planning import plan_for
from app.store import designs as designs_store
from app.web.formview import CARRIED_SECTIONS
from tests.examples import example_dict
from tests.web.views_helpers import HTMX, form_of, store


def _design() -> Design:
    data = example_dict("kb2010877")
    data["vmotion"]["pool"] = "198.51.100.0/24"
    data["hardware"][1]["ports"][1]["role"] = "ip_storage"
    data["ip_storage"] = {
        "iscsi": {"pool": "203.0.113.0/28", "vlan": 30},
        "nfs": {"pool": "203.0.113.64/28", "vlan": 31},
    }
    data["service_vmks"] = [
        {
            "portgroup": "Provisioning",
            "netstack": "provisioning",
            "uplinks": "management",
            "pool": "203.0.113.128/26",
            "gateway": "203.0.113.129",
        }
    ]
    return Design.model_validate(data)


def test_every_tab_shows_the_storage_and_service_vmks(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = _design()
    plan = plan_for(design)
    design_id = store(session, settings, design)
    # The editor's live preview lists every vmk with its purpose and service tags.
    preview = client.post(f"/designs/{design_id}/preview", data=form_of(design), headers=HTMX)
    overview = preview.text
    wiring = client.get(f"/designs/{design_id}?tab=wiring").text
    vswitches = client.get(f"/designs/{design_id}?tab=vswitches").text
    ip_plan = client.get(f"/designs/{design_id}?tab=ip").text
    for host in plan.hosts:
        for vmk in host.vmks:
            assert f"<code>{vmk.address}</code>" in overview, vmk.name
            assert f"<code>{vmk.address}</code>" in ip_plan, vmk.name
            assert str(vmk.address) in vswitches, vmk.name
        for pg in host.portgroups:
            assert f"<td>{pg.name}</td>" in vswitches
    # iSCSI vmks are bound to one vmnic each: the wiring table shows them on that vmnic's row.
    assert "<code>203.0.113.1/28</code>" in wiring
    assert "<code>203.0.113.2/28</code>" in wiring
    for purpose in ("iSCSI", "NFS", "Provisioning"):
        assert purpose in overview
    assert "provisioning stack" in overview
    assert '<h2 id="h-ip">Subnets</h2>' in ip_plan
    body = client.get(f"/designs/{design_id}.json").json()
    vmks = body["plan"]["hosts"][0]["vmks"]
    assert [v["purpose"] for v in vmks] == [
        "management",
        "vmotion",
        "iscsi",
        "iscsi",
        "nfs",
        "provisioning",
    ]


def test_editor_keeps_storage_and_service_vmks_it_has_no_inputs_for(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = _design()
    design_id = store(session, settings, design)
    html = client.get(f"/designs/{design_id}/edit").text
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    carried = [(name, value) for name, value in hidden if name.split(".")[0] in CARRIED_SECTIONS]
    assert ("ip_storage.iscsi.vlan", "30") in carried
    assert ("service_vmks.0.netstack", "provisioning") in carried
    # What the form's own inputs post, plus the hidden fields the page carries.
    inputs = {k: v for k, v in form_of(design).items() if k.split(".")[0] not in CARRIED_SECTIONS}
    response = client.post(
        f"/designs/{design_id}/edit",
        data={**inputs, **dict(carried), "version": "1"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:2000]
    session.expire_all()
    row = designs_store.get_design(session, design_id)
    assert row is not None and row.to_design() == design
