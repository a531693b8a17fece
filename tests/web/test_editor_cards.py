"""The editor's card tools (issue 9 §4): a new card's shape, roles of ticked ports, port order."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.planner.design import Design
from app.web.forms import parse_form
from tests.examples import example
from tests.web.views_helpers import HTMX, form_of, store

ROWS = "/designs/{id}/edit/rows?{query}"


def _rows(
    client: TestClient, design_id: int, action: str, path: str, form: list[tuple[str, str]]
) -> str:
    url = ROWS.format(id=design_id, query=urlencode({"action": action, "path": path}))
    response = client.post(url, content=urlencode(form), headers=HTMX | _FORM)
    assert response.status_code == 200, response.text[:500]
    return response.text


_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _posted_back(html: str) -> dict[str, str]:
    """name → value of every text input and selected option in a re-rendered fragment."""
    fields = dict(
        re.findall(r'<input type="(?:text|number)" id="[^"]+" name="([^"]+)" value="([^"]*)"', html)
    )
    for name, body in re.findall(
        r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', html, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        fields[name] = chosen.group(1) if chosen else ""
    return fields


def _blank(session: Session, settings: Settings) -> tuple[int, Design]:
    design = example("e1")
    return store(session, settings, design), design


def test_a_new_card_gets_the_chosen_port_count_speed_and_role(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, design = _blank(session, settings)
    form = [
        *form_of(design).items(),
        ("new_card.hardware.ports", "4"),
        ("new_card.hardware.speed_gbps", "25"),
        ("new_card.hardware.role", "vmotion"),
    ]
    fields = _posted_back(_rows(client, design_id, "add", "hardware", form))
    # E1 uses vmnic0–7, so the new card's four ports are vmnic8–11, all 25 GbE vMotion.
    for i in range(4):
        assert fields[f"hardware.2.ports.{i}.vmnic"] == f"vmnic{8 + i}"
        assert fields[f"hardware.2.ports.{i}.speed_gbps"] == "25"
        assert fields[f"hardware.2.ports.{i}.role"] == "vmotion"
    assert "hardware.2.ports.4.vmnic" not in fields
    # The chosen shape stays in the new-card fields for the next card.
    assert fields["new_card.hardware.ports"] == "4"
    assert fields["new_card.hardware.speed_gbps"] == "25"
    assert fields["new_card.hardware.role"] == "vmotion"


def test_without_a_chosen_shape_a_new_card_copies_the_last_cards_ports_and_speed(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, _ = _blank(session, settings)
    html = client.get(f"/designs/{design_id}/edit").text
    fields = _posted_back(html)
    # E1's cards are quad-port 1 GbE: the new-card fields start there, ports unused.
    assert fields["new_card.hardware.ports"] == "4"
    assert fields["new_card.hardware.speed_gbps"] == "1"
    assert fields["new_card.hardware.role"] == "unused"


def test_a_bad_port_count_is_shown_at_its_field_and_nothing_is_added(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, design = _blank(session, settings)
    form = [*form_of(design).items(), ("new_card.hardware.ports", "9")]
    html = _rows(client, design_id, "add", "hardware", form)
    assert "Ports must be a whole number from 1 to 8." in html
    assert 'aria-describedby="f-new-card-hardware-ports-errors"' in html
    assert "hardware.2.slot" not in html


def test_ticked_ports_get_one_role_at_once(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, design = _blank(session, settings)
    form = [
        *form_of(design).items(),
        ("pick", "hardware.0.ports.0"),
        ("pick", "hardware.1.ports.3"),
        # A tick of another card list is not this bar's business.
        ("pick", "hosts.0.cards.0.ports.0"),
        ("bulk_role.hardware", "ip_storage"),
    ]
    fields = _posted_back(_rows(client, design_id, "roles", "hardware", form))
    assert fields["hardware.0.ports.0.role"] == "ip_storage"
    assert fields["hardware.1.ports.3.role"] == "ip_storage"
    # Unticked ports keep their roles.
    assert fields["hardware.0.ports.1.role"] == "vmotion"
    assert fields["hardware.1.ports.0.role"] == "management"
    # The whole re-rendered section parses back to a valid document.
    assert parse_form(fields.items())["hardware"][0]["ports"][0]["role"] == "ip_storage"


def test_an_unknown_bulk_role_is_a_clear_400(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, design = _blank(session, settings)
    form = [
        *form_of(design).items(),
        ("pick", "hardware.0.ports.0"),
        ("bulk_role.hardware", "storage"),
    ]
    url = ROWS.format(id=design_id, query=urlencode({"action": "roles", "path": "hardware"}))
    response = client.post(url, content=urlencode(form), headers=HTMX | _FORM)
    assert response.status_code == 400
    assert "storage&#39; is not a role" in response.text


def test_ports_move_up_and_down_with_their_vmnic_and_label(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id, design = _blank(session, settings)
    form = list((form_of(design) | {"hardware.0.ports.1.label": "Slot 1 Port 2"}).items())
    fields = _posted_back(_rows(client, design_id, "up", "hardware.0.ports.1", form))
    assert fields["hardware.0.ports.0.vmnic"] == "vmnic1"
    assert fields["hardware.0.ports.0.label"] == "Slot 1 Port 2"
    assert fields["hardware.0.ports.1.vmnic"] == "vmnic0"
    assert fields["hardware.0.ports.1.role"] == "management"
    fields = _posted_back(_rows(client, design_id, "down", "hardware.1.ports.2", form))
    assert [fields[f"hardware.1.ports.{i}.vmnic"] for i in range(4)] == [
        "vmnic4",
        "vmnic5",
        "vmnic7",
        "vmnic6",
    ]
    url = ROWS.format(id=design_id, query=urlencode({"action": "up", "path": "hardware.0.ports.0"}))
    response = client.post(url, content=urlencode(form), headers=HTMX | _FORM)
    assert response.status_code == 400
    assert "cannot move that way" in response.text


def test_a_name_another_design_uses_is_a_warning_not_an_error(
    client: TestClient, session: Session, settings: Settings
) -> None:
    store(session, settings, example("e1", name="PROD-CL01"))
    design = example("e1", name="Lab")
    design_id = store(session, settings, design)
    assert "data-name-taken" not in client.get(f"/designs/{design_id}/edit").text
    form = form_of(design) | {"name": " prod-cl01 "}
    html = client.post(f"/designs/{design_id}/preview", data=form, headers=HTMX).text
    assert "Another design is already called “prod-cl01”" in html
    assert 'data-preview-state="ok"' in html
    # Its own name is no clash, and saving under a used name still works.
    saved = client.post(
        f"/designs/{design_id}/edit", data=form | {"version": "1"}, follow_redirects=False
    )
    assert saved.status_code == 303
    html = client.get(f"/designs/{design_id}/edit").text
    assert "Another design is already called “prod-cl01”" in html


def test_a_form_shown_again_after_a_failed_save_counts_as_unsaved(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    assert "data-unsaved" not in client.get(f"/designs/{design_id}/edit").text
    form = form_of(design, version="1") | {"vmotion.mtu": "lots"}
    response = client.post(f"/designs/{design_id}/edit", data=form)
    assert response.status_code == 422
    assert "data-unsaved" in response.text
    assert 'data-confirm-unsaved="Leave the editor? Your changes are not saved."' in response.text
