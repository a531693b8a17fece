"""Designs list (with search and paging), new design from a template, delete."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from app.config import Settings
from app.services.designs import DesignTooLarge, save_new_design
from app.services.examples import BLANK, list_examples, load_template
from app.services.text import NUL, NUL_MESSAGE, NoNul
from app.store import designs as store
from app.web.deps import SessionDep, SettingsDep
from app.web.schemas import DesignList, DesignSummary
from app.web.templating import render

router = APIRouter(include_in_schema=False)

PageQuery = Annotated[int, Query(ge=1, le=1_000_000)]
SearchQuery = Annotated[str, Query(max_length=120), NoNul]


def list_context(session: SessionDep, settings: Settings, q: str, page: int) -> DesignList:
    """The designs list for the page and its JSON twin (one source for both)."""
    size = settings.page_size
    total = store.count_designs(session, query=q)
    pages = max(1, math.ceil(total / size))
    page = min(page, pages)
    rows = store.list_designs(session, query=q, page=page, page_size=size)
    return DesignList(
        items=[DesignSummary.of(r) for r in rows],
        total=total,
        page=page,
        pages=pages,
        page_size=size,
        q=q.strip(),
    )


@router.get("/designs", name="designs_list")
def designs_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    q: SearchQuery = "",
    page: PageQuery = 1,
) -> Response:
    listing = list_context(session, settings, q, page)
    return render(
        request,
        "designs/list.html",
        {"listing": listing, "nav": "designs"},
        partial="designs/_partials/table.html",
    )


@router.get("/designs.json", name="designs_list_json")
def designs_json(
    session: SessionDep, settings: SettingsDep, q: SearchQuery = "", page: PageQuery = 1
) -> JSONResponse:
    return JSONResponse(list_context(session, settings, q, page).model_dump(mode="json"))


def _new_form(
    request: Request,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    context: dict[str, Any] = {
        "examples": list_examples(),
        "blank": BLANK,
        "values": {"name": "", "template": BLANK, "author": "", **(values or {})},
        "errors": errors or {},
        "nav": "new",
    }
    return render(request, "designs/new.html", context, status_code=status_code)


@router.get("/designs/new", name="design_new")
def new_design_page(request: Request) -> Response:
    return _new_form(request)


def _form_errors(name: str, template: str, known: set[str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Give the design a name, for example the cluster name."
    elif len(name.strip()) > 120:
        errors["name"] = "The name can be at most 120 characters long."
    elif NUL in name:
        errors["name"] = NUL_MESSAGE
    if template not in known:
        errors["template"] = "Choose a blank design or one of the examples."
    return errors


@router.post("/designs", name="design_create")
def create_design(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    name: Annotated[str, Form(max_length=500)] = "",
    template: Annotated[str, Form(max_length=200)] = BLANK,
    author: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    values = {"name": name, "template": template, "author": author}
    known = {BLANK, *(e.key for e in list_examples())}
    errors = _form_errors(name, template, known)
    if len(author.strip()) > 80:
        errors["author"] = "The author can be at most 80 characters long."
    elif NUL in author:
        errors["author"] = NUL_MESSAGE
    if errors:
        return _new_form(request, values=values, errors=errors, status_code=422)
    try:
        design = load_template(template, name.strip())
        row = save_new_design(
            session, design, settings, author=author, message=_created_message(template)
        )
    except (ValidationError, DesignTooLarge) as exc:
        return _new_form(request, values=values, errors={"template": str(exc)}, status_code=422)
    return RedirectResponse(f"/designs/{row.id}/edit", status_code=303)


def _created_message(template: str) -> str:
    return (
        "Created from a blank design" if template == BLANK else f"Created from example {template}"
    )


@router.post("/designs/{design_id}/delete", name="design_delete")
def delete_design(session: SessionDep, design_id: int) -> RedirectResponse:
    if not store.delete_design(session, design_id):
        raise HTTPException(404)
    return RedirectResponse("/designs", status_code=303)
