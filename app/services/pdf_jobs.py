"""PDFs made outside the web process, cached on disk by content.

Why: WeasyPrint holds the interpreter lock for the whole render (tens of seconds for a 64-host
sheet), so rendering in a web worker stalled every other user of that worker. Here a render runs in
a separate process (one per web worker, started on first use), the web thread only waits on a
future (no lock held), and the result is kept as a file named by the SHA-256 of the exact HTML and
paper size it was made from. The key is content, not a design ID, so every worker (and every
restart) agrees on what is cached, and a saved change is a different file by construction.

A browser that asks for a PDF not made yet gets a progress page that reloads itself (no script:
``<meta http-equiv="refresh">`` is allowed by the strict CSP) until the file is there; other
clients simply wait for it.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from app.render.pdf import Paper, html_to_pdf

# A render another worker started is trusted to be running for this long before we start our own
# (it may have died with its process).
PENDING_STALE_S = 300
# How much lower the PDF process runs than the web workers (nice(2) increment).
PDF_NICENESS = 10


@dataclass(frozen=True)
class PdfState:
    """Where one PDF stands: ``ready`` (file on disk), ``running`` (being made), or ``missing``."""

    status: str
    started_at: float | None = None


def pdf_key(*parts: str) -> str:
    """The cache key of a PDF: the digest of everything it is made from."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _fingerprint(paths: list[Path]) -> str:
    """A digest of the code and templates that shape a PDF: a new release never serves old files."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_ROOT = Path(__file__).resolve().parents[2]
RENDERER_FINGERPRINT = _fingerprint(
    [
        *(_ROOT / "templates" / "print").glob("*.html"),
        _ROOT / "static" / "css" / "print.css",
        *(_ROOT / "app" / "render").glob("sheet*.py"),
        _ROOT / "app" / "render" / "qr.py",
        _ROOT / "app" / "render" / "pdf.py",
    ]
)


def _render_to_file(html: str, paper: Paper, target: str) -> int:
    """In the worker process: render and publish the file atomically; returns its size."""
    data = html_to_pdf(html, paper)
    part = f"{target}.{os.getpid()}.part"
    with open(part, "wb") as handle:
        handle.write(data)
    os.replace(part, target)  # atomic: readers see the whole file or none
    return len(data)


def _lower_priority() -> None:
    """In the worker process: yield the CPU to the web workers (pages before PDFs)."""
    os.nice(PDF_NICENESS)


class PdfJobs:
    """Renders PDFs in a worker process and keeps them in ``cache_dir`` up to ``max_bytes``."""

    def __init__(self, cache_dir: Path, max_bytes: int) -> None:
        self.cache_dir = cache_dir
        self.max_bytes = max_bytes
        self._pool: ProcessPoolExecutor | None = None
        self._running: dict[str, Future[int]] = {}
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        return self.cache_dir / f"{key}.pdf"

    def _pending(self, key: str) -> Path:
        return self.cache_dir / f"{key}.pending"

    def state(self, key: str) -> PdfState:
        if self._path(key).exists():
            return PdfState("ready")
        with self._lock:
            if key in self._running:
                return PdfState("running", self._pending_since(key))
        since = self._pending_since(key)
        if since is not None and time.time() - since < PENDING_STALE_S:
            return PdfState("running", since)  # another worker is making it
        return PdfState("missing")

    def _pending_since(self, key: str) -> float | None:
        try:
            return self._pending(key).stat().st_mtime
        except FileNotFoundError:
            return None

    def start(self, key: str, make_html: Callable[[], str], paper: Paper) -> None:
        """Make sure the PDF ``key`` is ready or being made (``make_html`` runs only if not)."""
        if self.state(key).status != "missing":
            return
        html = make_html()
        with self._lock:
            if key in self._running:
                return
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            self._pending(key).touch()
            future = self._executor().submit(_render_to_file, html, paper, str(self._path(key)))
            self._running[key] = future
        future.add_done_callback(lambda _f: self._finished(key))

    def _finished(self, key: str) -> None:
        with self._lock:
            self._running.pop(key, None)
        self._pending(key).unlink(missing_ok=True)
        self._prune()

    def pdf(self, key: str, make_html: Callable[[], str], paper: Paper) -> bytes:
        """The PDF ``key``, waiting for it (in this thread, without the interpreter lock)."""
        self.start(key, make_html, paper)
        with self._lock:
            future = self._running.get(key)
        if future is not None:
            future.result()  # re-raises a render error here, in the request
        path = self._path(key)
        while not path.exists():  # made by another worker: wait for its file
            if self.state(key).status == "missing":
                self.start(key, make_html, paper)
            time.sleep(0.2)
        return path.read_bytes()

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the web process has threads (fork would copy their locks).
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=get_context("spawn"), initializer=_lower_priority
            )
        return self._pool

    def _prune(self) -> None:
        """Delete the least recently made files until the cache fits ``max_bytes``."""
        files = sorted(self.cache_dir.glob("*.pdf"), key=lambda p: p.stat().st_mtime)
        total = sum(p.stat().st_size for p in files)
        for old in files:
            if total <= self.max_bytes:
                break
            total -= old.stat().st_size
            old.unlink(missing_ok=True)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
