"""Who sees and changes what (issue 10 items 2, 5, 6 and the trash of item 8)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.planner.design import Design
from app.store import shares
from app.store.tables import DesignRow, RevisionRow, ShareLinkRow, utcnow
from tests.auth.conftest import MakeClient, MakeUser
from tests.web.helpers import document


def _create(client: TestClient, design: Design, name: str) -> int:
    response = client.post("/api/designs", json={"document": document(design, name=name)})
    assert response.status_code == 201, response.text
    design_id: int = response.json()["id"]
    return design_id


def _names(client: TestClient, query: str = "") -> list[str]:
    listing: dict[str, Any] = client.get(f"/designs.json?q={query}").json()
    names = [item["name"] for item in listing["items"]]
    assert listing["total"] == len(names)
    return sorted(names)


def test_lists_and_search_show_only_what_each_person_may_see(
    make_user: MakeUser, make_client: MakeClient, e1: Design
) -> None:
    make_user("ada", "admin")
    make_user("olga")
    make_user("carl")
    make_user("vera", "viewer")
    olga, carl, vera = make_client("olga"), make_client("carl"), make_client("vera")
    cluster_a = _create(olga, e1, "Cluster A")
    _create(olga, e1, "Cluster B")
    _create(carl, e1, "Cluster C")
    assert _names(olga) == ["Cluster A", "Cluster B"]
    assert _names(carl, "cluster") == ["Cluster C"]
    assert _names(vera) == []
    assert _names(make_client("ada")) == ["Cluster A", "Cluster B", "Cluster C"]
    # Olga shares A with Vera (view) and Carl (edit).
    olga.post(f"/designs/{cluster_a}/access", data={"name": "vera", "level": "view"})
    olga.post(f"/designs/{cluster_a}/access", data={"name": "carl", "level": "edit"})
    assert _names(vera) == ["Cluster A"]
    assert _names(carl) == ["Cluster A", "Cluster C"]
    assert [i["name"] for i in carl.get("/api/designs").json()["items"]] == [
        "Cluster C",
        "Cluster A",
    ]


def test_invisible_designs_are_404_everywhere_never_403(
    make_user: MakeUser, make_client: MakeClient, e1: Design
) -> None:
    make_user("olga")
    make_user("max")
    design_id = _create(make_client("olga"), e1, "Private")
    mallory = make_client("max")
    for url in (
        f"/designs/{design_id}",
        f"/designs/{design_id}.json",
        f"/designs/{design_id}/history.json",
        f"/designs/{design_id}/export/esxcli",
        f"/designs/{design_id}/share",
        f"/api/designs/{design_id}",
    ):
        assert mallory.get(url).status_code == 404, url
    unknown = mallory.get("/api/designs/999").json()
    assert mallory.get(f"/api/designs/{design_id}").json() == {
        "detail": f"There is no design {design_id}."
    }
    assert unknown == {"detail": "There is no design 999."}
    assert mallory.delete(f"/api/designs/{design_id}").status_code == 404


def test_visible_to_every_member_is_read_only_for_them(
    make_user: MakeUser, make_client: MakeClient, e1: Design
) -> None:
    make_user("olga")
    make_user("max")
    olga, other = make_client("olga"), make_client("max")
    design_id = _create(olga, e1, "Shared cluster")
    assert other.get(f"/designs/{design_id}").status_code == 404
    olga.post(f"/designs/{design_id}/access/members", data={"visible": "on"})
    assert other.get(f"/designs/{design_id}").status_code == 200
    assert other.get(f"/designs/{design_id}/edit").status_code == 403
    record = other.get(f"/api/designs/{design_id}").json()
    update = {"document": record["document"], "version": record["version"]}
    assert other.put(f"/api/designs/{design_id}", json=update).status_code == 403
    assert other.get(f"/designs/{design_id}/access").status_code == 403


def test_revisions_name_the_account_not_a_typed_author(
    make_user: MakeUser, make_client: MakeClient, session: Session, e1: Design
) -> None:
    carl_user = make_user("carl")
    make_user("olga")
    olga, carl = make_client("olga"), make_client("carl")
    design_id = _create(olga, e1, "Authored")
    olga.post(f"/designs/{design_id}/access", data={"name": "carl", "level": "edit"})
    record = carl.get(f"/api/designs/{design_id}").json()
    body = {"document": record["document"], "version": 1, "author": "Someone Else"}
    assert carl.put(f"/api/designs/{design_id}", json=body).status_code == 200
    history = carl.get(f"/designs/{design_id}/history.json").json()["revisions"]
    assert [r["author"] for r in history] == ["carl", "olga"]
    latest = session.scalars(select(RevisionRow).where(RevisionRow.number == 2)).one()
    assert latest.author_id == carl_user.id
    row = session.get(DesignRow, design_id)
    assert row is not None and row.owner_id != carl_user.id  # editing does not take ownership


def test_collaborators_are_managed_by_the_owner_only(
    make_user: MakeUser, make_client: MakeClient, e1: Design
) -> None:
    make_user("olga")
    make_user("carl")
    olga, carl = make_client("olga"), make_client("carl")
    design_id = _create(olga, e1, "Team cluster")
    bad = olga.post(f"/designs/{design_id}/access", data={"name": "nobody", "level": "edit"})
    assert bad.status_code == 422 and "name:" in bad.text
    bad = olga.post(f"/designs/{design_id}/access", data={"name": "carl", "level": "admin"})
    assert bad.status_code == 422 and "level:" in bad.text
    olga.post(f"/designs/{design_id}/access", data={"name": "carl", "level": "edit"})
    assert carl.get(f"/designs/{design_id}/edit").status_code == 200
    assert (
        carl.post(f"/designs/{design_id}/access/members", data={"visible": "on"}).status_code == 403
    )
    assert carl.post(f"/designs/{design_id}/delete").status_code == 403
    access = olga.get(f"/designs/{design_id}/access.json").json()
    assert access["owner"] == "olga"
    assert [(c["name"], c["level"]) for c in access["collaborators"]] == [("carl", "edit")]
    carl_id = access["collaborators"][0]["user_id"]
    olga.post(f"/designs/{design_id}/access/{carl_id}/revoke")
    assert carl.get(f"/designs/{design_id}").status_code == 404


def test_viewers_never_edit_or_create(
    make_user: MakeUser, make_client: MakeClient, e1: Design
) -> None:
    make_user("olga")
    make_user("vera", "viewer")
    olga, vera = make_client("olga"), make_client("vera")
    design_id = _create(olga, e1, "Read me")
    # Even "edit" access is capped at view for the viewer role.
    olga.post(f"/designs/{design_id}/access", data={"name": "vera", "level": "edit"})
    assert vera.get(f"/designs/{design_id}").status_code == 200
    assert vera.get(f"/designs/{design_id}/edit").status_code == 403
    assert vera.get(f"/designs/{design_id}/share").status_code == 403
    assert vera.get("/designs/new").status_code == 403
    refused = vera.post("/api/designs", json={"document": document(e1)})
    assert refused.status_code == 403 and "Viewers cannot create" in refused.json()["detail"]


def test_share_links_for_editors_only_and_they_expire(
    make_user: MakeUser, make_client: MakeClient, session: Session, e1: Design
) -> None:
    make_user("olga")
    make_user("vera", "viewer")
    olga = make_client("olga")
    design_id = _create(olga, e1, "Floor plan")
    olga.post(f"/designs/{design_id}/access", data={"name": "vera", "level": "view"})
    assert make_client("vera").post(f"/designs/{design_id}/share").status_code == 403
    live = shares.create_share_link(session, design_id, label="floor")
    old = shares.create_share_link(session, design_id, expires_at=utcnow() - timedelta(minutes=1))
    technician = make_client()  # no account
    assert technician.get(f"/s/{live.token}").status_code == 200
    assert technician.get(f"/s/{live.token}.json").status_code == 200
    assert technician.get(f"/s/{old.token}").status_code == 404
    # The technician cannot go from the shared view into the design.
    assert technician.get(f"/designs/{design_id}", follow_redirects=False).status_code == 303


def test_trash_keeps_everything_until_an_administrator_purges(
    make_user: MakeUser, make_client: MakeClient, session: Session, e1: Design
) -> None:
    make_user("ada", "admin")
    make_user("olga")
    olga, ada = make_client("olga"), make_client("ada")
    design_id = _create(olga, e1, "Oops")
    link = shares.create_share_link(session, design_id)
    assert olga.post(f"/designs/{design_id}/delete").status_code == 200
    assert olga.get(f"/designs/{design_id}").status_code == 404
    assert make_client().get(f"/s/{link.token}").status_code == 404  # links stop working
    assert [d["name"] for d in ada.get("/admin/trash.json").json()["designs"]] == ["Oops"]
    assert olga.get("/admin/trash").status_code == 403
    restored = ada.post(f"/admin/trash/{design_id}/restore", follow_redirects=False)
    assert restored.status_code == 303
    assert olga.get(f"/designs/{design_id}").status_code == 200
    assert make_client().get(f"/s/{link.token}").status_code == 200
    olga.post(f"/designs/{design_id}/delete")
    assert ada.post(f"/admin/trash/{design_id}/purge").status_code == 200
    session.expire_all()
    assert session.get(DesignRow, design_id) is None
    assert session.scalars(select(ShareLinkRow)).all() == []
    actions = [e["action"] for e in ada.get("/admin/audit.json").json()["events"]]
    assert actions[:5] == [
        "design.purge",
        "design.delete",
        "design.undelete",
        "design.delete",
        "share.create",
    ]


def test_forms_ask_for_a_name_only_without_accounts(
    client: TestClient, make_user: MakeUser, make_client: MakeClient, e1: Design
) -> None:
    design_id = _create(client, e1, "Before accounts")
    for url in ("/designs/new", "/designs/import", f"/designs/{design_id}/edit"):
        assert 'name="author"' in client.get(url).text, url
    make_user("ada", "admin")
    admin = make_client("ada")
    for url in ("/designs/new", "/designs/import", f"/designs/{design_id}/edit"):
        page = admin.get(url)
        assert page.status_code == 200 and 'name="author"' not in page.text, url


def test_share_links_can_be_made_to_expire(client: TestClient, e1: Design) -> None:
    design_id = _create(client, e1, "Expiring")
    page = client.post(f"/designs/{design_id}/share", data={"label": "week", "days": "7"})
    assert page.status_code == 201
    (link,) = client.get(f"/designs/{design_id}/share.json").json()["links"]
    assert link["active"] is True and link["expires_at"] is not None
    for bad in ("0", "366", "soon"):
        refused = client.post(f"/designs/{design_id}/share", data={"days": bad})
        assert refused.status_code == 422 and "Expires after" in refused.text
    assert len(client.get(f"/designs/{design_id}/share.json").json()["links"]) == 1
