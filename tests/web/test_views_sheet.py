"""The owner's cabling sheet routes: HTML with print CSS and the server-side PDF."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy.orm import Session

from app.config import Settings
from app.services.planning import plan_for
from tests.examples import example
from tests.web.views_helpers import EXAMPLE_STEMS, store


@pytest.mark.parametrize("stem", EXAMPLE_STEMS)
def test_sheet_html_lists_every_cable(
    client: TestClient, session: Session, settings: Settings, stem: str
) -> None:
    design = example(stem)
    design_id = store(session, settings, design)
    response = client.get(f"/designs/{design_id}/sheet")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "@media print" in html or "print" in html
    for cable in plan_for(design).cables:
        assert cable.id in html


def test_sheet_pdf_is_a_download_with_every_cable_id(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e4")
    design_id = store(session, settings, design)
    response = client.get(f"/designs/{design_id}/sheet.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith('-r1-cabling-sheet.pdf"')
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for cable in plan_for(design).cables:
        assert cable.id in text


def test_sheet_of_unknown_design_is_404(client: TestClient) -> None:
    assert client.get("/designs/404/sheet").status_code == 404
    assert client.get("/designs/404/sheet.pdf").status_code == 404


def test_sheet_qr_opens_the_design_under_the_public_base_url(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e1"))
    html = client.get(f"/designs/{design_id}/sheet").text
    assert f"https://planner.example.net/designs/{design_id}" in html
    assert "Revision 1" in html or "r1" in html


def test_sheet_for_one_host_and_letter_paper(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e4")
    design_id = store(session, settings, design)
    host = design.hosts[0].name
    html = client.get(f"/designs/{design_id}/sheet?host={host}").text
    others = [h.name for h in design.hosts[1:]]
    assert f">{host}<" in html
    assert not any(f">{name}</h2>" in html for name in others)

    response = client.get(f"/designs/{design_id}/sheet.pdf?paper=Letter&host={host}")
    assert response.status_code == 200
    assert response.headers["content-disposition"].endswith(f'-cabling-sheet-{host}.pdf"')
    box = PdfReader(io.BytesIO(response.content)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter
    a4 = PdfReader(io.BytesIO(client.get(f"/designs/{design_id}/sheet.pdf").content))
    assert round(float(a4.pages[0].mediabox.width)) == 595

    assert client.get(f"/designs/{design_id}/sheet?host=nohost").status_code == 404
    assert client.get(f"/designs/{design_id}/sheet.pdf?paper=A3").status_code == 422
