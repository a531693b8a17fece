"""History of a design: its revisions, the diff between any two, restore (as a new revision)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from app.planner.plan_diff import diff_plans
from app.services.designs import restore_design_revision
from app.services.history import diff_documents
from app.services.planning import plan_for
from app.services.text import NoNul
from app.store import designs as store
from app.store.tables import DesignRow, RevisionRow
from app.web.deps import SessionDep
from app.web.routes.views import render_view
from app.web.schemas import Diff, DiffLine, History, PlanChange, PlanSection, RevisionSummary
from app.web.templating import format_iso, format_when, render
from app.web.viewmodels import DesignView, Links, pick_tab, view_json

router = APIRouter(include_in_schema=False)

RevisionQuery = Annotated[int | None, Query(ge=1)]


def _design_or_404(session: Session, design_id: int) -> DesignRow:
    row = store.get_design(session, design_id)
    if row is None:
        raise HTTPException(404)
    return row


def history_context(session: Session, design_id: int) -> tuple[DesignRow, History]:
    """The design and its revisions, newest first (page and JSON twin)."""
    row = _design_or_404(session, design_id)
    revisions = store.list_revisions(session, design_id)
    history = History(
        design_id=row.id,
        name=row.name,
        version=row.version,
        revisions=[RevisionSummary.of(r, row.version) for r in revisions],
    )
    return row, history


def diff_context(
    session: Session, design_id: int, a: int | None, b: int | None
) -> tuple[DesignRow, Diff]:
    """Diff from revision ``a`` to ``b``; defaults: the previous revision to the current one."""
    row = _design_or_404(session, design_id)
    b = row.version if b is None else b
    a = max(b - 1, 1) if a is None else a
    old = store.get_revision(session, design_id, a)
    new = store.get_revision(session, design_id, b)
    if old is None or new is None:
        # Name the revision the user asked for: with only ?b=5, ``a`` is a derived 4.
        missing = b if new is None else a
        raise HTTPException(
            404, f"This design has no revision {missing}; it has 1 to {row.version}."
        )
    lines = diff_documents(old.document, new.document)
    plan_changes = diff_plans(plan_for(old.to_design()), plan_for(new.to_design()))
    diff = Diff(
        design_id=row.id,
        a=a,
        b=b,
        added=sum(1 for line in lines if line.kind == "add"),
        removed=sum(1 for line in lines if line.kind == "remove"),
        lines=[DiffLine(kind=line.kind, text=line.text) for line in lines],
        plan=[
            PlanSection(
                title=section.title,
                changes=[
                    PlanChange(kind=c.kind, subject=c.subject, before=c.before, after=c.after)
                    for c in section.changes
                ],
            )
            for section in plan_changes.sections
        ],
    )
    return row, diff


@router.get("/designs/{design_id}/history", name="design_history")
def history_page(request: Request, session: SessionDep, design_id: int) -> Response:
    row, history = history_context(session, design_id)
    context: dict[str, Any] = {"design": row, "history": history, "nav": "designs"}
    return render(request, "designs/history.html", context)


@router.get("/designs/{design_id}/history.json", name="design_history_json")
def history_json(session: SessionDep, design_id: int) -> JSONResponse:
    _, history = history_context(session, design_id)
    return JSONResponse(history.model_dump(mode="json"))


@router.get("/designs/{design_id}/diff", name="design_diff")
def diff_page(
    request: Request,
    session: SessionDep,
    design_id: int,
    a: RevisionQuery = None,
    b: RevisionQuery = None,
) -> Response:
    row, diff = diff_context(session, design_id, a, b)
    _, history = history_context(session, design_id)
    context: dict[str, Any] = {"design": row, "diff": diff, "history": history, "nav": "designs"}
    return render(request, "designs/diff.html", context, partial="designs/_partials/diff.html")


@router.get("/designs/{design_id}/diff.json", name="design_diff_json")
def diff_json(
    session: SessionDep, design_id: int, a: RevisionQuery = None, b: RevisionQuery = None
) -> JSONResponse:
    _, diff = diff_context(session, design_id, a, b)
    return JSONResponse(diff.model_dump(mode="json"))


@router.post("/designs/{design_id}/restore/{number}", name="design_restore")
def restore(
    session: SessionDep,
    design_id: int,
    number: int,
    author: Annotated[str, Form(max_length=80), NoNul] = "",
) -> RedirectResponse:
    """Restore revision ``number``: it becomes a new revision; nothing is overwritten."""
    try:
        restore_design_revision(session, design_id, number, author=author or None)
    except store.DesignNotFound:
        raise HTTPException(404, f"This design has no revision {number}.") from None
    return RedirectResponse(f"/designs/{design_id}/history", status_code=303)


def _revision_row(session: Session, design_id: int, number: int) -> tuple[DesignRow, RevisionRow]:
    row = _design_or_404(session, design_id)
    revision = store.get_revision(session, design_id, number)
    if revision is None:
        raise HTTPException(
            404, f"This design has no revision {number}; it has 1 to {row.version}."
        )
    return row, revision


def revision_view(row: DesignRow, revision: RevisionRow) -> DesignView:
    """An old revision, read-only, with its own plan (restore is one click away)."""
    design = revision.to_design()
    base = f"/designs/{row.id}/revisions/{revision.number}"
    links = Links(
        base=base,
        sheet=None,
        sheet_pdf=None,
        json=f"{base}.json",
        history=f"/designs/{row.id}/history",
    )
    return DesignView(
        design=design,
        plan=plan_for(design),
        links=links,
        read_only=True,
        design_id=row.id,
        version=revision.number,
        updated_at=format_iso(revision.created_at),
        updated_label=format_when(revision.created_at),
        revision_of=row.version,
    )


@router.get("/designs/{design_id}/revisions/{number}.json", name="design_revision_json")
def revision_json(
    session: SessionDep, design_id: int, number: int, tab: str | None = None
) -> JSONResponse:
    row, revision = _revision_row(session, design_id, number)
    view = revision_view(row, revision)
    view.tab = pick_tab(tab)
    return JSONResponse(view_json(view))


@router.get("/designs/{design_id}/revisions/{number}", name="design_revision")
def revision_page(
    request: Request, session: SessionDep, design_id: int, number: int, tab: str | None = None
) -> Response:
    """Revision ``number`` as it was saved, read-only, with restore and 'changes since'."""
    row, revision = _revision_row(session, design_id, number)

    def make_view() -> DesignView:
        view = revision_view(row, revision)
        view.tab = pick_tab(tab)
        return view

    # Keyed by the current version too, so the banner's "of N" follows later saves.
    return render_view(request, row, "designs/detail.html", make_view)
