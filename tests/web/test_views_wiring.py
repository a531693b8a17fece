"""The wiring table names a far end for every cabled vmnic and says when one has none (issue 7)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.planner.design import Role
from app.services.planning import plan_for
from tests.examples import example
from tests.render.whole_plan_support import labelled_e4_data
from tests.web.views_helpers import store


class _Rows(HTMLParser):
    """The text of each cell of each row of the wiring tables, host by host."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and "wiring-table" in (dict(attrs).get("class") or ""):
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _wiring(client: TestClient, design_id: int) -> list[list[str]]:
    parser = _Rows()
    parser.feed(client.get(f"/designs/{design_id}?tab=wiring").text)
    return [row for row in parser.rows if row]


def test_every_cabled_vmnic_shows_its_far_end_and_the_rest_say_none(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    plan = plan_for(design)
    rows = _wiring(client, store(session, settings, design))
    nics = [n for h in plan.hosts for n in h.nics]
    assert len(rows) == len(nics)
    for row, nic in zip(rows, nics, strict=True):
        assert row[0] == nic.vmnic
        peer = row[4]
        if nic.peer:
            assert peer.startswith(nic.peer)
        elif nic.role is Role.UNUSED:
            assert peer == "–"
        else:
            assert peer.startswith("No far end"), (nic.vmnic, peer)


def test_printed_port_labels_show_on_both_ends(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e4", hardware=labelled_e4_data()["hardware"])
    rows = _wiring(client, store(session, settings, design))
    first = rows[0]  # esx01 vmnic0, PCIe 1 port 1, to sw1
    assert first[0] == "vmnic0"
    assert "PCIe 1 / P1" in first[1]
    assert first[4].startswith("sw1 Ethernet1/")


def test_inter_switch_links_are_listed_on_the_wiring_tab() -> None:
    """Rendered from a plan with an ISL (the planner proposes them once issue 7 item 2 lands)."""
    from app.planner.naming import ROLE_LABELS
    from app.web.templating import templates
    from app.web.viewmodels import DesignView, Links
    from tests.render.whole_plan_support import isl_channel, whole_plan_context

    ctx = whole_plan_context()
    links = Links(base="/designs/1", sheet="/designs/1/sheet", sheet_pdf="/p", json="/j")
    view = DesignView(design=ctx.design, plan=ctx.plan, links=links, tab="wiring")
    html = templates.env.get_template("designs/_wiring.html").render(
        view=view, role_labels=ROLE_LABELS
    )
    parser = _Rows()
    parser.feed(html.replace("interconnects", "wiring-table interconnects"))
    row = next(r for r in parser.rows if r and r[0] == "sw1 ⇄ sw2")
    channel = str(isl_channel(ctx.plan))
    assert row[:6] == ["sw1 ⇄ sw2", "ISL", "C17, C18", "10, 20", "9216", channel]
    assert row[6] in ("planned", "proposed by the planner")


def test_a_bad_printed_label_is_a_field_error_in_the_editor_and_nothing_is_saved(
    client: TestClient, session: Session, settings: Settings
) -> None:
    from app.store import designs as designs_store
    from tests.web.views_helpers import field_block, form_of

    design = example("e1")
    design_id = store(session, settings, design)
    form = form_of(design, version="1") | {"hardware.0.ports.1.label": "=cmd|' /C calc'!A0"}
    response = client.post(f"/designs/{design_id}/edit", data=form)
    assert response.status_code == 422
    assert "Write the label as printed on the chassis" in field_block(
        response.text, "hardware.0.ports.1.label"
    )
    session.expire_all()
    assert len(designs_store.list_revisions(session, design_id)) == 1

    good = form_of(design, version="1") | {"hardware.0.ports.1.label": "Slot 1 Port 2"}
    assert client.post(f"/designs/{design_id}/edit", data=good).status_code in (200, 303)
    session.expire_all()
    stored = designs_store.get_design(session, design_id)
    assert stored is not None
    assert stored.to_design().hardware[0].ports[1].label == "Slot 1 Port 2"
