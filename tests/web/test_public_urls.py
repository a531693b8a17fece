"""Share links and QR codes open where the app really is (issue 9 §1).

With no VMP_PUBLIC_BASE_URL they are built from the request; X-Forwarded-* only counts from a
configured proxy; a hostile Host header never reaches a link.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.store.tables import Base
from tests.conftest import TEST_SECRET
from tests.examples import example

ROOT = Path(__file__).resolve().parents[2]
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def _app(tmp_path: Path, **settings: object) -> FastAPI:
    app = create_app(
        Settings(
            environment="test",
            database_url=f"sqlite:///{tmp_path / 'urls.db'}",
            secret_key=TEST_SECRET,
            cache_dir=str(tmp_path / "cache"),
            _env_file=None,
            **settings,  # type: ignore[arg-type]
        )
    )
    Base.metadata.create_all(app.state.engine)
    return app


def _share_link(client: TestClient, headers: dict[str, str] | None = None) -> str:
    design = client.post("/api/designs", json={"document": example("e1").model_dump(mode="json")})
    design_id = design.json()["id"]
    page = client.post(
        f"/designs/{design_id}/share", data={"label": "rack"}, headers=SAME_ORIGIN | (headers or {})
    )
    assert page.status_code == 201, page.text[:300]
    found = re.search(r'(https?://[^"<\s]+/s/[A-Za-z0-9_-]+)', page.text)
    assert found, "the page shows no share link"
    return found.group(1)


def test_link_is_built_from_the_request_when_no_base_url_is_set(tmp_path: Path) -> None:
    with TestClient(_app(tmp_path), base_url="http://planner.test:8101") as client:
        assert _share_link(client).startswith("http://planner.test:8101/s/")


def test_configured_base_url_wins(tmp_path: Path) -> None:
    app = _app(tmp_path, public_base_url="https://planner.example.net/")
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert _share_link(client).startswith("https://planner.example.net/s/")


@pytest.mark.parametrize(
    ("peer", "expected"),
    [
        ("203.0.113.7", "https://planner.example.org/s/"),  # the configured proxy
        ("198.51.100.9", "http://10.1.2.3:8000/s/"),  # anyone else: headers ignored
    ],
)
def test_forwarded_headers_only_from_trusted_proxies(
    tmp_path: Path, peer: str, expected: str
) -> None:
    app = _app(tmp_path, trusted_proxies=["203.0.113.0/28"])
    forwarded = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "planner.example.org",
        "X-Forwarded-Port": "443",
    }
    with TestClient(app, base_url="http://10.1.2.3:8000", client=(peer, 40000)) as client:
        assert _share_link(client, forwarded).startswith(expected)


def test_a_hostile_host_header_never_reaches_a_link(tmp_path: Path) -> None:
    with TestClient(_app(tmp_path), base_url="http://127.0.0.1:8000") as client:
        link = _share_link(client, {"Host": 'evil"><script>x</script>'})
    assert link.startswith("http://") and "<" not in link and '"' not in link


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_share_link_shown_by_a_server_on_another_port_opens(tmp_path: Path) -> None:
    """As `make run PORT=…` would serve it, with no VMP_PUBLIC_BASE_URL: the link it shows opens."""
    port = _free_port()
    env = os.environ | {
        "VMP_ENVIRONMENT": "development",
        "VMP_DATABASE_URL": f"sqlite:///{tmp_path / 'port.db'}",
        "VMP_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("VMP_PUBLIC_BASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env, check=True
    )
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/designs", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=30) as client:
            created = client.post(
                "/api/designs", json={"document": example("e1").model_dump(mode="json")}
            )
            assert created.status_code == 201, created.text
            design_id = created.json()["id"]
            page = client.post(
                f"/designs/{design_id}/share", data={"label": "rack 4"}, headers=SAME_ORIGIN
            )
            assert page.status_code == 201, page.text[:300]
            link = re.search(r'(https?://[^"<\s]+/s/[A-Za-z0-9_-]+)', page.text)
            assert link and link.group(1).startswith(f"{base}/s/")
            shared = httpx.get(link.group(1), timeout=30)
            assert shared.status_code == 200 and "E1" in shared.text
            sheet = client.get(f"/designs/{design_id}/sheet")
            assert f"{base}/designs/{design_id}" in sheet.text  # the QR code's URL
    finally:
        server.terminate()
        server.wait(timeout=30)
