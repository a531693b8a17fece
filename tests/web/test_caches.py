"""The caches of issue 11, and that they never serve a stale plan.

PDFs are made in a worker process and cached by content: a browser gets a self-reloading progress
page until the file exists, scripts wait for the file, and a saved change is a new PDF. Design-view
bodies are rendered once per revision and query; a save through another worker shows at once.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy.orm import Session

from app.config import Settings
from app.main import create_app
from app.planner.design import Design
from app.services.designs import save_design
from app.services.pdf_jobs import PdfJobs, pdf_key
from tests.examples import example
from tests.web.views_helpers import store

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _wait_for_pdf(client: TestClient, url: str, timeout: float = 120) -> bytes:
    """Reload like the progress page does until the PDF arrives."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get(url, headers=BROWSER)
        if response.status_code == 200:
            assert response.headers["content-type"] == "application/pdf"
            return response.content
        assert response.status_code == 202
        time.sleep(0.3)
    raise AssertionError(f"{url} gave no PDF within {timeout} s")


def test_browser_sees_progress_then_the_pdf(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design_id = store(session, settings, example("e4"))
    url = f"/designs/{design_id}/sheet.pdf?paper=Letter"
    first = client.get(url, headers=BROWSER)
    assert first.status_code == 202
    assert first.headers["cache-control"] == "no-store"
    assert '<meta http-equiv="refresh" content="1">' in first.text
    assert "Preparing the PDF" in first.text and "Letter" in first.text
    data = _wait_for_pdf(client, url)
    assert "esx04" in _pdf_text(data)
    # Made once: the next request is answered from the cache at once, byte for byte.
    again = client.get(url, headers=BROWSER)
    assert again.status_code == 200 and again.content == data
    assert len(list((Path(settings.cache_dir) / "pdf").glob("*.pdf"))) == 1


def test_a_saved_change_is_a_new_pdf(
    client: TestClient, session: Session, settings: Settings
) -> None:
    design = example("e1")
    design_id = store(session, settings, design)
    url = f"/designs/{design_id}/sheet.pdf"
    before = client.get(url).content  # a script waits for the file
    renamed = design.model_copy(
        update={"hosts": [h.model_copy(update={"name": f"{h.name}-new"}) for h in design.hosts]}
    )
    save_design(
        session,
        design_id,
        Design.model_validate(renamed.model_dump()),
        settings,
        expected_version=1,
    )
    after = client.get(url).content
    assert "esx01-new" in _pdf_text(after) and "esx01-new" not in _pdf_text(before)


def test_two_workers_see_each_others_saves(settings: Settings, session: Session) -> None:
    """Two app instances on one database (two workers): a plan cached by one never hides a save
    made through the other, because caches are keyed by the document's content."""
    worker_a: FastAPI = create_app(settings)
    worker_b: FastAPI = create_app(settings)
    from app.store.tables import Base

    Base.metadata.create_all(worker_a.state.engine)
    headers = {"Sec-Fetch-Site": "same-origin"}
    with TestClient(worker_a, headers=headers) as a, TestClient(worker_b, headers=headers) as b:
        created = a.post("/api/designs", json={"document": example("e1").model_dump(mode="json")})
        assert created.status_code == 201, created.text
        design_id = created.json()["id"]
        assert "esx01" in a.get(f"/designs/{design_id}?tab=wiring").text  # cached in worker A
        document = example("e1").model_dump(mode="json")
        document["hosts"][0]["name"] = "esx01-renamed"
        saved = b.put(f"/api/designs/{design_id}", json={"document": document, "version": 1})
        assert saved.status_code == 200, saved.text
        page = a.get(f"/designs/{design_id}?tab=wiring").text
        assert "esx01-renamed" in page


def test_pdf_key_depends_on_paper_and_content() -> None:
    assert pdf_key("<p>x</p>", "A4") != pdf_key("<p>x</p>", "Letter")
    assert pdf_key("<p>x</p>", "A4") != pdf_key("<p>y</p>", "A4")
    assert pdf_key("<p>x</p>", "A4") == pdf_key("<p>x</p>", "A4")


def test_cache_is_pruned_to_its_byte_limit(tmp_path: Path) -> None:
    jobs = PdfJobs(tmp_path, max_bytes=2500)
    for index in range(4):
        (tmp_path / f"{index:064x}.pdf").write_bytes(b"%" * 1000)
        time.sleep(0.01)
    jobs._prune()
    left = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert left == [f"{2:064x}.pdf", f"{3:064x}.pdf"]  # the newest two fit, oldest went first


def test_a_design_page_is_rendered_once_per_revision_and_query(
    client: TestClient, session: Session, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    design_id = store(session, settings, example("e4"))
    first = client.get(f"/designs/{design_id}?tab=wiring")
    tab = client.get(f"/designs/{design_id}?tab=wiring", headers={"HX-Request": "true"})

    def no_planning(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the cached body must not be planned again")

    monkeypatch.setattr("app.web.routes.views.build_view", no_planning)
    again = client.get(f"/designs/{design_id}?tab=wiring")
    assert again.status_code == 200 and again.text == first.text
    assert client.get(f"/designs/{design_id}?tab=wiring", headers={"HX-Request": "true"}).text == (
        tab.text
    )
    assert "<!doctype html>" not in tab.text.lower()  # the htmx swap gets the tab block only
    with pytest.raises(AssertionError, match="planned again"):
        client.get(f"/designs/{design_id}?tab=ip")  # another query is another body
