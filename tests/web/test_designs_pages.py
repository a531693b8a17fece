"""Designs list (search, paging, empty state, htmx partial), new design, delete."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.planner.design import Design
from app.services.examples import list_examples
from tests.web.helpers import create

HTMX = {"HX-Request": "true"}


def test_root_redirects_to_designs(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/designs"


def test_empty_list_invites_to_start(client: TestClient) -> None:
    response = client.get("/designs")
    assert response.status_code == 200
    assert "Plan your first vMotion network" in response.text
    assert 'href="/designs/new"' in response.text
    assert client.get("/designs.json").json() == {
        "items": [],
        "total": 0,
        "page": 1,
        "pages": 1,
        "page_size": 20,
        "q": "",
    }


def test_list_shows_counts_and_badges(client: TestClient, e1: Design) -> None:
    record = create(client, e1)
    html = client.get("/designs").text
    assert e1.name in html and f'href="/designs/{record["id"]}"' in html
    item = client.get("/designs.json").json()["items"][0]
    assert (item["hosts"], item["lanes"], item["topology"]) == (2, 4, "direct")
    assert item["errors"] == 0
    row_html = html[html.index("<tbody>") : html.index("</tbody>")]
    cells = re.findall(r'<td class="num">(\d+)</td>', row_html)
    assert cells == ["2", "4"]


def test_search_page_and_json_twin_agree(client: TestClient, e1: Design) -> None:
    for name in ("PROD-CL01", "PROD-CL02", "Lab"):
        create(client, e1, name=name)
    page = client.get("/designs", params={"q": "prod"}).text
    assert "PROD-CL01" in page and "PROD-CL02" in page and ">Lab<" not in page
    twin = client.get("/designs.json", params={"q": "prod"}).json()
    assert sorted(i["name"] for i in twin["items"]) == ["PROD-CL01", "PROD-CL02"]
    assert twin["q"] == "prod" and twin["total"] == 2
    none = client.get("/designs", params={"q": "nothing-like-this"}).text
    assert "No design matches" in none


def test_paging(client: TestClient, e1: Design) -> None:
    for n in range(23):
        create(client, e1, name=f"cluster-{n:02d}")
    first = client.get("/designs.json").json()
    assert (first["total"], first["pages"], len(first["items"])) == (23, 2, 20)
    second = client.get("/designs.json", params={"page": 2}).json()
    assert [i["name"] for i in second["items"]] == ["cluster-02", "cluster-01", "cluster-00"]
    html = client.get("/designs", params={"page": 2}).text
    assert "page 2 of 2" in html and 'rel="prev"' in html
    beyond = client.get("/designs.json", params={"page": 9}).json()
    assert beyond["page"] == 2  # clamped to the last page
    assert client.get("/designs.json", params={"page": 0}).status_code == 422


def test_htmx_search_gets_only_the_table(client: TestClient, e1: Design) -> None:
    create(client, e1)
    partial = client.get("/designs", params={"q": "E1"}, headers=HTMX)
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<div id="design-table">')
    assert "<html" not in partial.text and e1.name in partial.text
    assert "HX-Request" in partial.headers["vary"]
    boosted = client.get("/designs", headers={**HTMX, "HX-Boosted": "true"})
    assert "<html" in boosted.text


def test_new_page_offers_blank_and_every_example(client: TestClient) -> None:
    html = client.get("/designs/new").text
    assert 'value="blank"' in html
    examples = list_examples()
    assert len(examples) >= 1
    for example in examples:
        assert f'value="{example.key}"' in html


@pytest.mark.parametrize("template", ["blank", *(e.key for e in list_examples())])
def test_create_from_each_template(client: TestClient, template: str) -> None:
    response = client.post(
        "/designs",
        data={"name": "PROD-CL01", "template": template, "author": "Ana"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    listing = client.get("/designs.json").json()
    (item,) = listing["items"]
    assert item["name"] == "PROD-CL01"
    assert item["hosts"] >= 1
    history = client.get(f"/designs/{item['id']}/history.json").json()
    assert history["revisions"][0]["author"] == "Ana"


def test_create_redirects_to_editor(client: TestClient) -> None:
    response = client.post(
        "/designs", data={"name": "x", "template": "blank"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert re.fullmatch(r"/designs/\d+/edit", response.headers["location"])


def test_blank_design_plans_without_errors(client: TestClient) -> None:
    client.post("/designs", data={"name": "Blank", "template": "blank"})
    item = client.get("/designs.json").json()["items"][0]
    assert (item["hosts"], item["lanes"], item["errors"]) == (2, 2, 0)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "  ", "template": "blank"}, "Give the design a name"),
        ({"name": "x" * 121, "template": "blank"}, "at most 120 characters"),
        (
            {"name": "ok", "template": "../../etc/passwd"},
            "Choose a blank design or one of the examples",
        ),
    ],
)
def test_invalid_new_form_is_shown_again_with_message(
    client: TestClient, form: dict[str, str], message: str
) -> None:
    response = client.post("/designs", data=form)
    assert response.status_code == 422
    assert message in response.text
    assert "<form" in response.text
    assert client.get("/designs.json").json()["total"] == 0


def test_delete(client: TestClient, e1: Design) -> None:
    record = create(client, e1)
    response = client.post(f"/designs/{record['id']}/delete", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/designs"
    assert client.get("/designs.json").json()["total"] == 0
    assert client.post(f"/designs/{record['id']}/delete").status_code == 404


def test_list_page_links_to_import(client: TestClient) -> None:
    page = client.get("/designs")
    assert 'href="/designs/import"' in page.text
    assert client.get("/designs/import").status_code == 200
