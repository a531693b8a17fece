"""Accounts in Chromium (issue 10, Must hold): sign in, see only your designs and those shared
with you, a viewer cannot reach the editor, a share link still opens with no account.

The server here has accounts (made with ``vmotion-planner users create``, as an operator would),
so it is its own uvicorn process, apart from the one-person server of the other browser tests.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import ROOT, _free_port, _wait_until_up, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
PEOPLE = [("olga", ["--admin"]), ("carl", ["--role", "member"]), ("vera", ["--role", "viewer"])]


@pytest.fixture(scope="module")
def team_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    database = tmp_path_factory.mktemp("team") / "team.db"
    env = os.environ | {
        "VMP_ENVIRONMENT": "test",
        "VMP_DATABASE_URL": f"sqlite:///{database}",
        "VMP_CACHE_DIR": str(database.parent / "cache"),
        "VMP_SECRET_KEY": "browser-team-secret-0123456789",
        "VMP_PUBLIC_BASE_URL": base_url,
        "VMP_HOST": "127.0.0.1",
    }
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    for name, options in PEOPLE:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "app.cli",
                "users",
                "create",
                *options,
                name,
                "--password-stdin",
            ],
            input=f"{PASSWORD}\n".encode(),
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    server = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    process = subprocess.Popen(
        [*server, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_until_up(f"{base_url}/signin", process)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _signed_in(browser: Browser, server: str, name: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/designs")
    expect(page).to_have_url(re.compile(r"/signin\?next=%2Fdesigns$"))
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{server}/designs")
    expect(page.locator(".whoami")).to_contain_text(name)
    return context, page


def _create(page: Page, server: str, name: str) -> str:
    page.goto(f"{server}/designs/new")
    page.fill("#name", name)
    page.check('input[name="template"][value="e1-two-hosts-direct"]')
    page.get_by_role("button", name="Create design").click()
    page.wait_for_url(re.compile(r"/designs/\d+/edit$"))
    return page.url.removesuffix("/edit")


def test_team_flow(browser: Browser, team_server: str) -> None:
    olga_ctx, olga = _signed_in(browser, team_server, "olga")
    carl_ctx, carl = _signed_in(browser, team_server, "carl")
    vera_ctx, vera = _signed_in(browser, team_server, "vera")
    try:
        olga_design = _create(olga, team_server, "Olga cluster")
        _create(carl, team_server, "Carl cluster")

        # Each sees only their own designs.
        carl.goto(f"{team_server}/designs")
        expect(carl.get_by_text("Carl cluster")).to_be_visible()
        expect(carl.get_by_text("Olga cluster")).to_have_count(0)
        vera.goto(f"{team_server}/designs")
        expect(vera.get_by_text("Olga cluster")).to_have_count(0)
        response = vera.goto(olga_design)
        assert response is not None and response.status == 404

        # Olga shares her design: Carl may edit, Vera may view.
        olga.goto(f"{olga_design}/access")
        for name, level in (("carl", "edit"), ("vera", "view")):
            olga.fill("#collab-name", name)
            olga.select_option("#collab-level", level)
            olga.get_by_role("button", name="Add").click()
            expect(olga.locator("table")).to_contain_text(name)
        screenshot(olga, "accounts-access")

        carl.goto(f"{team_server}/designs")
        expect(carl.get_by_text("Olga cluster")).to_be_visible()
        vera.goto(f"{team_server}/designs")
        expect(vera.get_by_text("Olga cluster")).to_be_visible()
        expect(vera.get_by_text("Carl cluster")).to_have_count(0)
        screenshot(vera, "accounts-viewer-list")

        # The viewer reads the design but cannot reach the editor.
        vera.goto(olga_design)
        expect(vera.locator("h1")).to_contain_text("Olga cluster")
        response = vera.goto(f"{olga_design}/edit")
        assert response is not None and response.status == 403
        expect(vera.locator("body")).to_contain_text("may view this design but not change it")

        # Carl, an editor, creates a share link; a technician opens it without an account.
        carl.goto(f"{olga_design}/share")
        carl.get_by_role("button", name="Create link").click()
        link = carl.locator("#new-link").input_value()
        technician_ctx = browser.new_context()
        technician = technician_ctx.new_page()
        try:
            technician.goto(link)
            expect(technician.locator("body")).to_contain_text("Olga cluster")
            expect(technician.locator(".whoami")).to_have_count(0)
            screenshot(technician, "accounts-share-link")
            technician.goto(f"{team_server}/designs")
            expect(technician).to_have_url(re.compile(r"/signin"))
        finally:
            technician_ctx.close()

        # Signing out ends it.
        olga.goto(f"{team_server}/designs")
        olga.get_by_role("button", name="Sign out").click()
        expect(olga).to_have_url(f"{team_server}/signin")
        olga.goto(olga_design)
        expect(olga).to_have_url(re.compile(r"/signin\?next="))
    finally:
        for context in (olga_ctx, carl_ctx, vera_ctx):
            context.close()
