"""The overview's topology drawings in the design view (issue 9 §2): picker, default, JSON twin."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from tests.examples import example
from tests.render.diagrams_support import large_design
from tests.web.views_helpers import HTMX, store

SVG = "{http://www.w3.org/2000/svg}"


def _svg_titles(html: str) -> list[str]:
    """The accessible titles of the page's top-level SVG drawings, parsed as XML."""
    titles = []
    for markup in re.findall(r'<svg xmlns="http://www.w3.org/2000/svg".*?</svg>', html, re.S):
        root = ET.fromstring(markup)
        title = root.find(f"{SVG}title")
        titles.append(title.text if title is not None and title.text else "")
    return titles


def test_sixteen_hosts_show_the_overview_and_the_first_switch(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = large_design(16, topology="switched", vmotion=2, vm_traffic=2, name="Sixteen")
    design_id = store(session, settings, design)
    html = client.get(f"/designs/{design_id}?tab=overview").text
    assert _svg_titles(html)[:2] == ["Overview of Sixteen", "Topology of Sixteen, Switch sw1"]
    # 48 host cables and the 2 proposed inter-switch links (issue 7)
    assert '<option value="switch-sw2">Switch sw2 (16 hosts, 50 cables)</option>' in html

    picked = client.get(f"/designs/{design_id}?tab=overview&drawing=switch-sw2", headers=HTMX)
    assert picked.status_code == 200
    assert "Topology of Sixteen, Switch sw2" in _svg_titles(picked.text)
    assert '<option value="switch-sw2" selected>' in picked.text


def test_an_unknown_drawing_falls_back_to_the_default(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e1"))
    response = client.get(f"/designs/{design_id}?tab=overview&drawing=switch-none")
    assert response.status_code == 200
    titles = _svg_titles(response.text)
    assert titles[1] == f"Topology of {example('e1').name}"


def test_the_json_twin_lists_the_drawings(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e3"))
    body = client.get(f"/designs/{design_id}.json").json()
    assert body["drawing"] == "all"
    # E3: one drawing per switch (management and VM traffic), then one per back-to-back pair.
    assert [d["key"] for d in body["drawings"]] == [
        "all",
        "switch-sw1",
        "switch-sw2",
        "pair-esx01-esx02",
        "pair-esx01-esx03",
        "pair-esx02-esx03",
    ]
    assert (
        body["drawings"][3]["url"] == f"/designs/{design_id}?tab=overview&drawing=pair-esx01-esx02"
    )
