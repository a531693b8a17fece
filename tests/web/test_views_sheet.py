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
