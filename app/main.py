"""The FastAPI application factory: ``uvicorn app.main:create_app --factory``.

Other web modules add their router with one ``app.include_router(...)`` line in ``_routers``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from app.config import Settings, get_settings
from app.services.pdf_jobs import PdfJobs
from app.store.db import make_engine, make_session_factory
from app.web import deleted, log_redaction
from app.web.deps import require_access
from app.web.errors import install_error_handlers
from app.web.pagecache import PAGE_CACHE_BYTES, FragmentCache
from app.web.routes import (
    access,
    account,
    admin,
    api,
    designs,
    editor,
    exports,
    history,
    rules,
    share_admin,
    shared,
    sheet,
    views,
)
from app.web.security import BodySizeLimitMiddleware, CSRFMiddleware, SecurityHeadersMiddleware
from app.web.templating import PRODUCT_NAME, STATIC_DIR

home = APIRouter(include_in_schema=False)


@home.get("/", name="home")
def go_to_designs() -> RedirectResponse:
    return RedirectResponse("/designs", status_code=303)


def _routers(app: FastAPI) -> None:
    app.include_router(home)
    app.include_router(api.router)
    app.include_router(api.docs_router)
    app.include_router(designs.router)
    app.include_router(history.router)
    app.include_router(share_admin.router)
    app.include_router(views.router)
    app.include_router(editor.router)
    app.include_router(sheet.router)
    app.include_router(shared.router)
    app.include_router(exports.router)
    app.include_router(account.router)
    app.include_router(access.router)
    app.include_router(admin.router)
    app.include_router(rules.router)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (default: from the environment, see docs/configuration.md)."""
    settings = settings or get_settings()
    engine = make_engine(settings.database_url)
    pdf_jobs = PdfJobs(Path(settings.cache_dir) / "pdf", settings.pdf_cache_bytes)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pdf_jobs.shutdown()
        engine.dispose()

    app = FastAPI(
        title=f"{PRODUCT_NAME} API",
        summary="Design multi-NIC vMotion networks for ESXi clusters and get the plan back.",
        version="1",
        docs_url=None,  # served by app.web.routes.api with local assets (no CDN, strict CSP)
        redoc_url=None,
        lifespan=lifespan,
        # The one access check (issue 10): every route, so a new route cannot be forgotten.
        dependencies=[Depends(require_access)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.pdf_jobs = pdf_jobs
    app.state.page_bodies = FragmentCache(PAGE_CACHE_BYTES)
    app.state.session_factory = make_session_factory(engine)

    # Starlette runs the last-added middleware first: size limit, then CSRF, headers outermost.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(
        CSRFMiddleware,
        trusted_origins=[o for o in (settings.public_base_url, *settings.trusted_origins) if o],
    )
    app.add_middleware(SecurityHeadersMiddleware)

    log_redaction.install()
    install_error_handlers(app)
    deleted.install(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _routers(app)
    return app
