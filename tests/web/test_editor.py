"""The editor: form round trip, live preview, row fragments, save, validation errors, conflicts."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.store import designs as designs_store
from tests.examples import example, example_dict
from tests.web.views_helpers import EXAMPLE_STEMS, HTMX, field_block, form_of, store

E1_NETWORKS = ("198.51.100.0/30", "198.51.100.4/30", "198.51.100.8/30", "198.51.100.12/30")


def test_editor_page_is_filled_with_the_stored_design(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e1"))
    response = client.get(f"/designs/{design_id}/edit")
    assert response.status_code == 200
    html = response.text
    assert 'name="hosts.0.name" value="esx01"' in html
    assert 'name="hosts.1.management.ip" value="192.0.2.12/24"' in html
    assert 'name="hardware.1.ports.2.vmnic" value="vmnic6"' in html
    assert 'name="vmotion.pool" value="198.51.100.0/24"' in html
    assert '<input type="hidden" name="version" value="1">' in html
    assert f'hx-post="/designs/{design_id}/preview"' in html
    # The initial preview is already there: four /30s, one per cable.
    for network in E1_NETWORKS:
        assert network in html


@pytest.mark.parametrize("stem", EXAMPLE_STEMS)
def test_every_example_edits_previews_and_saves_unchanged(
    client: TestClient, session: Session, settings: Settings, stem: str
) -> None:
    design = example(stem)
    design_id = store(session, settings, design)
    assert client.get(f"/designs/{design_id}/edit").status_code == 200
    preview = client.post(f"/designs/{design_id}/preview", data=form_of(design), headers=HTMX)
    assert preview.status_code == 200
    assert 'data-preview-state="ok"' in preview.text
    response = client.post(
        f"/designs/{design_id}/edit", data=form_of(design, version="1"), follow_redirects=False
    )
    assert response.status_code == 303, response.text[:2000]
    session.expire_all()
    row = designs_store.get_design(session, design_id)
    assert row is not None and row.version == 2
    assert row.to_design() == design


def test_textarea_newlines_and_unicode_survive_the_form(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1", name="Cluster\u00a0Ä\x85", description="line one\nline two")
    design_id = store(session, settings, design)
    form = form_of(design, version="1") | {"description": "line one\r\nline two\r\n"}
    response = client.post(f"/designs/{design_id}/edit", data=form, follow_redirects=False)
    assert response.status_code == 303
    session.expire_all()
    saved = designs_store.get_design(session, design_id).to_design()  # type: ignore[union-attr]
    assert saved.description == "line one\nline two"
    assert saved.name == "Cluster\u00a0Ä\x85"


def test_preview_of_a_valid_form_shows_findings_then_plan(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    response = client.post(f"/designs/{design_id}/preview", data=form_of(design), headers=HTMX)
    assert response.status_code == 200
    html = response.text
    assert "<html" not in html
    assert 'data-preview-state="ok"' in html
    assert html.index("Findings") < html.index("Cables")
    for network in E1_NETWORKS:
        assert network in html
    assert "vmk4" in html  # per-host vmks


def test_preview_follows_unsaved_edits(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    form = form_of(design) | {"hosts.0.name": "esx11", "vmotion.pool": "203.0.113.0/24"}
    html = client.post(f"/designs/{design_id}/preview", data=form).text
    assert "esx11" in html
    assert "203.0.113.0/30" in html
    assert "198.51.100.0/30" not in html
    session.expire_all()
    assert designs_store.get_design(session, design_id).version == 1  # type: ignore[union-attr]


def test_preview_of_invalid_input_lists_field_errors_not_a_500(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    form = form_of(design) | {
        "hosts.0.management.ip": "192.0.2.300/24",
        "hardware.0.ports.1.vmnic": "nic1",
        "vmotion.mtu": "lots",
    }
    response = client.post(f"/designs/{design_id}/preview", data=form)
    assert response.status_code == 200
    html = response.text
    assert 'data-preview-state="invalid"' in html
    assert 'data-field-error="hosts.0.management.ip"' in html
    assert "Enter an IPv4 address with its prefix length" in html
    assert 'data-field-error="hardware.0.ports.1.vmnic"' in html
    assert 'data-field-error="vmotion.mtu"' in html
    assert "Host 1 (esx01) › Management IP / prefix" in html


def test_preview_survives_hand_made_posts(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e1"))
    for form in (
        {},
        {"hosts": "x"},
        {"hosts.x.name": "a", "hosts.0": "b"},
        {"hosts.99999999.name": "a"},
        {"name": "n", "topology": "ring", "hosts.0.management.ip": "::1/64"},
        {"hardware.0.ports.0.speed_gbps": "3"},
    ):
        response = client.post(f"/designs/{design_id}/preview", data=form)
        assert response.status_code == 200, form
        assert 'data-preview-state="invalid"' in response.text


def test_duplicates_are_reported_on_the_second_field(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    form = form_of(design) | {"hosts.1.name": "ESX01"}
    html = client.post(f"/designs/{design_id}/preview", data=form).text
    assert 'data-field-error="hosts.1.name"' in html
    assert "Another host already has the name esx01 (names are compared without case)." in html
    form = form_of(design) | {"hosts.1.management.ip": "192.0.2.11/24"}
    html = client.post(f"/designs/{design_id}/preview", data=form).text
    assert 'data-field-error="hosts.1.management.ip"' in html


def _rows(client: TestClient, design_id: int, action: str, path: str, form: dict[str, str]) -> str:
    response = client.post(
        f"/designs/{design_id}/edit/rows?action={action}&path={path}", data=form, headers=HTMX
    )
    assert response.status_code == 200, response.text[:500]
    assert response.headers["HX-Trigger-After-Swap"] == "designChanged"
    assert "<html" not in response.text
    return response.text


def test_add_and_remove_hosts_keep_indices_dense(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    html = _rows(client, design_id, "add", "hosts", form_of(design))
    assert html.startswith('<section class="form-section" id="section-hosts"')
    assert 'name="hosts.2.name" value="esx03"' in html
    assert 'name="hosts.2.management.ip" value="192.0.2.13/24"' in html
    assert 'name="hosts.2.management.gateway" value="192.0.2.1"' in html

    html = _rows(client, design_id, "remove", "hosts.0", form_of(design))
    assert 'name="hosts.0.name" value="esx02"' in html
    assert "hosts.1.name" not in html


def test_add_and_remove_cards_and_ports(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    html = _rows(client, design_id, "add", "hardware", form_of(design))
    assert 'id="section-hardware"' in html
    assert 'name="hardware.2.slot" value="PCIe 3"' in html
    assert 'name="hardware.2.ports.0.vmnic" value="vmnic8"' in html

    html = _rows(client, design_id, "add", "hardware.0.ports", form_of(design))
    assert 'name="hardware.0.ports.4.vmnic" value="vmnic8"' in html

    html = _rows(client, design_id, "remove", "hardware.0.ports.0", form_of(design))
    assert 'name="hardware.0.ports.0.vmnic" value="vmnic1"' in html
    assert "hardware.0.ports.3.vmnic" not in html

    html = _rows(client, design_id, "remove", "hardware.0", form_of(design))
    assert 'name="hardware.0.slot" value="PCIe 2"' in html
    assert "hardware.1.slot" not in html


def test_host_can_get_its_own_cards_and_go_back_to_the_profile(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    html = _rows(client, design_id, "own", "hosts.1.cards", form_of(design))
    assert html.startswith('<fieldset class="host-form" id="host-1"')
    assert 'name="hosts.1.cards.0.slot" value="PCIe 1"' in html
    assert 'name="hosts.1.cards.1.ports.3.vmnic" value="vmnic7"' in html
    assert 'name="hosts.1.name" value="esx02"' in html

    form = form_of(design) | {
        "hosts.1.cards.0.slot": "LOM",
        "hosts.1.cards.0.ports.0.vmnic": "vmnic0",
    }
    html = _rows(client, design_id, "profile", "hosts.1.cards", form)
    assert 'name="hosts.1.cards.0.slot"' not in html
    assert "Uses the hardware profile." in html


def test_row_changes_that_do_not_fit_the_form_are_400(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    for action, path in (
        ("remove", "hosts.7"),
        ("explode", "hosts"),
        ("add", "vmotion"),
        ("remove", "hosts"),
        ("own", "hosts.9.cards"),
    ):
        response = client.post(
            f"/designs/{design_id}/edit/rows?action={action}&path={path}", data=form_of(design)
        )
        assert response.status_code == 400, (action, path)
    response = client.post(f"/designs/{design_id}/edit/rows?action=add&path=../x", data={})
    assert response.status_code == 422


def test_save_stores_a_revision_with_author_and_message(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    form = form_of(design, version="1", author="Ana", message="renamed esx01") | {
        "hosts.0.name": "esx11"
    }
    response = client.post(f"/designs/{design_id}/edit", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/designs/{design_id}?saved=2"
    session.expire_all()
    row = designs_store.get_design(session, design_id)
    assert row is not None and row.version == 2
    assert row.to_design().hosts[0].name == "esx11"
    revisions = designs_store.list_revisions(session, design_id)
    newest = revisions[0]
    assert (newest.number, newest.author, newest.message) == (2, "Ana", "renamed esx01")


def test_invalid_save_is_422_with_messages_next_to_fields_and_nothing_stored(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    form = form_of(design, version="1") | {
        "hosts.1.management.gateway": "203.0.113.1",
        "hardware.1.ports.0.vmnic": "",
        "name": "",
    }
    response = client.post(f"/designs/{design_id}/edit", data=form)
    assert response.status_code == 422
    html = response.text
    assert "Not saved." in html
    assert "Required." in field_block(html, "name")
    assert "Required." in field_block(html, "hardware.1.ports.0.vmnic")
    # The user's other input is kept as typed.
    assert 'name="hosts.1.management.gateway" value="203.0.113.1"' in html
    assert 'name="version" value="1"' in html

    form = form_of(design, version="1") | {"hosts.1.management.gateway": "203.0.113.1"}
    html = client.post(f"/designs/{design_id}/edit", data=form).text
    assert "is not inside 192.0.2.0/24" in field_block(html, "hosts.1.management.ip")

    session.expire_all()
    assert designs_store.get_design(session, design_id).version == 1  # type: ignore[union-attr]
    assert len(designs_store.list_revisions(session, design_id)) == 1


def test_server_limits_are_field_errors(
    client: TestClient, session: Session, settings: Settings, app: object
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    limited = settings.model_copy(update={"max_nics_per_host": 4})
    app.state.settings = limited  # type: ignore[attr-defined]
    response = client.post(f"/designs/{design_id}/edit", data=form_of(design, version="1"))
    assert response.status_code == 422
    assert "this server accepts at most 4 per host" in response.text


def test_conflict_page_keeps_both_versions_and_can_save_mine(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    theirs = form_of(design, version="1") | {"hosts.0.name": "esx-theirs"}
    assert client.post(f"/designs/{design_id}/edit", data=theirs).status_code == 200

    mine = form_of(design, version="1", author="Bo") | {"hosts.1.name": "esx-mine"}
    response = client.post(f"/designs/{design_id}/edit", data=mine)
    assert response.status_code == 409
    html = response.text
    assert "Your changes are not saved yet" in html
    assert "name: esx-theirs" in html  # their saved document
    assert "esx-mine" in html  # yours, in the diff, the copy box and the hidden fields
    assert '<span class="line add">- name: esx-mine</span>' in html
    assert '<input type="hidden" name="hosts.1.name" value="esx-mine">' in html
    session.expire_all()
    assert designs_store.get_design(session, design_id).version == 2  # type: ignore[union-attr]

    # "Save my version over theirs" posts the hidden fields with the new version.
    carried = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    assert carried["version"] == "2"
    response = client.post(f"/designs/{design_id}/edit", data=carried, follow_redirects=False)
    assert response.status_code == 303
    session.expire_all()
    row = designs_store.get_design(session, design_id)
    assert row is not None and row.version == 3
    assert [h.name for h in row.to_design().hosts] == ["esx01", "esx-mine"]


def test_conflict_page_can_take_my_version_back_into_the_editor(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    mine = form_of(design, version="2") | {"hosts.1.name": "esx-mine"}
    response = client.post(f"/designs/{design_id}/edit/resume", data=mine)
    assert response.status_code == 200
    assert 'name="hosts.1.name" value="esx-mine"' in response.text
    assert 'name="version" value="2"' in response.text


def test_missing_version_never_overwrites(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    response = client.post(f"/designs/{design_id}/edit", data=form_of(design))
    assert response.status_code == 409
    session.expire_all()
    assert designs_store.get_design(session, design_id).version == 1  # type: ignore[union-attr]


def test_checkboxes_post_false_when_unticked(
    client: TestClient, session: Session, settings: Settings
) -> None:
    data = example_dict("e4")
    design = example("e4")
    design_id = store(session, settings, design)
    assert data["switches"], "E4 has switches"
    form = form_of(design, version="1")
    form["switches.0.portfast"] = "false"
    # A ticked box posts the hidden "false" and then "true": the last value wins.
    pairs = [*form.items(), ("switches.1.portfast", "false"), ("switches.1.portfast", "true")]
    body = urlencode(pairs)
    response = client.post(
        f"/designs/{design_id}/edit",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:3000]
    session.expire_all()
    saved = designs_store.get_design(session, design_id).to_design()  # type: ignore[union-attr]
    assert saved.switches[0].portfast is False
    assert saved.switches[1].portfast is True
