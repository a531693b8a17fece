"""FastAPI dependencies: a database session per request and the app's settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.services.pdf_jobs import PdfJobs


def get_session(request: Request) -> Iterator[Session]:
    """A session from the app's factory, closed when the request is done.

    Store functions commit their own short write transactions, so nothing is left to commit here.
    """
    factory: sessionmaker[Session] = request.app.state.session_factory
    session = factory()
    try:
        yield session
    finally:
        session.close()


def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with (tests pass their own to ``create_app``)."""
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def get_pdf_jobs(request: Request) -> PdfJobs:
    """The app's PDF renderer (a worker process per web worker, a disk cache shared by all)."""
    jobs: PdfJobs = request.app.state.pdf_jobs
    return jobs


PdfJobsDep = Annotated[PdfJobs, Depends(get_pdf_jobs)]
