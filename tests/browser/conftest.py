"""A real server and Debian's Chromium for the browser tests.

The app runs in a uvicorn subprocess on 127.0.0.1 and a free port, on a fresh SQLite file
migrated with Alembic (as ``make run`` does). Playwright drives /usr/bin/chromium; it never
downloads a browser.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# The machine is shared with other test runs; a preview can take more than the default 5 s.
expect.set_options(timeout=20_000)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the app did not answer on {url} within {timeout} s")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app under test (fresh database, migrated, served by uvicorn)."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    database = tmp_path_factory.mktemp("browser") / "browser.db"
    env = os.environ | {
        "VMP_ENVIRONMENT": "test",
        "VMP_DATABASE_URL": f"sqlite:///{database}",
        "VMP_CACHE_DIR": str(database.parent / "cache"),
        "VMP_SECRET_KEY": "browser-test-secret-0123456789",
        "VMP_PUBLIC_BASE_URL": base_url,
        "VMP_HOST": "127.0.0.1",
        "VMP_PORT": str(port),
    }
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        _wait_until_up(f"{base_url}/designs", process)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


HTMX_ERROR_PROBE = """
document.addEventListener('htmx:error', function (event) {
  var info = event.detail.errorInfo || {};
  var config = info.requestConfig || {};
  console.warn('htmx error', info.error, config.verb, config.path, info.xhr && info.xhr.status);
});
"""


class ConsoleErrors(list[str]):
    """Console errors and failed requests of a page (CSP violations show up here)."""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    # Test-only probe: say which htmx request failed, not just that one did.
    context.add_init_script(HTMX_ERROR_PROBE)
    new_page = context.new_page()
    errors = ConsoleErrors()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" or message.text.startswith("htmx error"):
            errors.append(f"{message.text} at {message.location}")

    new_page.on("console", on_console)
    new_page.on("pageerror", lambda exc: errors.append(str(exc)))
    new_page.console_errors = errors  # type: ignore[attr-defined]
    yield new_page
    context.close()


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot of the page as tests/artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
