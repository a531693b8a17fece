"""The editor: forms for the whole design, a live preview, row buttons, save with a version check.

The form posts flat dotted names (``hosts.0.name``); :mod:`app.web.forms` turns them into the
document. Nothing here reads htmx headers: the preview and row routes always answer with a
fragment, and the page routes always with a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from app.planner.naming import ROLE_LABELS
from app.planner.result import Plan
from app.services.designs import limit_errors, save_design
from app.services.planning import plan_for
from app.services.text import NUL, NUL_MESSAGE
from app.store.designs import VersionConflict, name_in_use
from app.store.tables import DesignRow
from app.web import formrows
from app.web.deps import SessionDep, SettingsDep
from app.web.forms import Data, FormErrors, design_to_data, parse_form, validate_design
from app.web.formview import FormView, field_label
from app.web.routes.conflict import render_conflict
from app.web.routes.views import load_row
from app.web.templating import render
from app.web.viewmodels import FindingGroup, group_findings

router = APIRouter(include_in_schema=False)

# A 128-host design with per-host cards has a few thousand fields; the body size limit
# (Settings.max_request_bytes) is what really bounds a request.
MAX_FORM_FIELDS = 20_000

FormItems = list[tuple[str, str]]


async def form_items(request: Request) -> FormItems:
    """The posted fields in order (repeated names kept: checkboxes rely on it)."""
    form = await request.form(max_fields=MAX_FORM_FIELDS, max_files=0)
    return [(key, value) for key, value in form.multi_items() if isinstance(value, str)]


PostedForm = Annotated[FormItems, Depends(form_items)]


@dataclass(frozen=True)
class PreviewError:
    path: str
    label: str
    message: str
    anchor: str


@dataclass
class Preview:
    """The live preview: the plan of a valid form, or the form's errors."""

    plan: Plan | None = None
    groups: list[FindingGroup] = field(default_factory=list)
    errors: list[PreviewError] = field(default_factory=list)
    # Another design already has this name: a warning, not an error (two teams may well
    # call a cluster the same), so saving still works (issue 9 §4).
    name_taken: str = ""


def make_preview(
    data: Data, errors: FormErrors, plan: Plan | None, name_taken: str = ""
) -> Preview:
    if plan is not None and not errors:
        return Preview(plan=plan, groups=group_findings(plan.findings), name_taken=name_taken)
    items = [
        PreviewError(path, field_label(path, data) if path else "", msg, FormView.id(path))
        for path, msg in errors.items()
    ]
    return Preview(errors=items, name_taken=name_taken)


def taken_name(session: SessionDep, data: Data, design_id: int) -> str:
    """The form's design name when another design already uses it, else ''."""
    name = data.get("name")
    if isinstance(name, str) and name_in_use(session, name, other_than=design_id):
        return name.strip()
    return ""


def check_form(data: Data, settings: SettingsDep) -> tuple[Plan | None, FormErrors]:
    """Validate the raw document and plan it; server limits count as field errors."""
    design, errors = validate_design(data)
    if design is None:
        return None, errors
    for limit in limit_errors(design, settings):
        errors.add(".".join(str(p) for p in limit.loc), limit.msg)
    if errors:
        return None, errors
    # A preview is a one-shot document: planning it must not evict the stored designs' plans.
    return plan_for(design, cached=False), errors


def editor_context(
    row: DesignRow, form: FormView, *, version: int, preview: Preview, **extra: Any
) -> dict[str, Any]:
    base = f"/designs/{row.id}"
    urls = {
        "save": f"{base}/edit",
        "preview": f"{base}/preview",
        "rows": f"{base}/edit/rows",
        "view": base,
        "list": "/designs",
    }
    return {
        "f": form,
        "urls": urls,
        "rows_url": urls["rows"],
        "version": version,
        "title": row.name,
        "preview": preview,
        "role_labels": ROLE_LABELS,
        "nav": "designs",
        **extra,
    }


@router.get("/designs/{design_id:int}/edit", name="design_edit")
def edit_page(request: Request, session: SessionDep, design_id: int) -> Response:
    """The editor, filled with the stored design."""
    row = load_row(session, design_id)
    design = row.to_design()
    plan = plan_for(design)
    form = FormView(design_to_data(design))
    preview = make_preview(form.data, form.errors, plan, taken_name(session, form.data, row.id))
    context = editor_context(row, form, version=row.version, preview=preview)
    return render(request, "designs/edit.html", context)


@router.post("/designs/{design_id:int}/preview", name="design_preview")
def preview(
    request: Request, session: SessionDep, settings: SettingsDep, design_id: int, items: PostedForm
) -> Response:
    """Plan the unsaved form; answers with the preview fragment, errors included (200)."""
    load_row(session, design_id)
    data = parse_form(items)
    plan, errors = check_form(data, settings)
    preview = make_preview(data, errors, plan, taken_name(session, data, design_id))
    context = {"preview": preview, "role_labels": ROLE_LABELS}
    return render(request, "designs/_preview.html", context)


def _section(path: str) -> tuple[str, dict[str, Any]]:
    """The fragment a row change re-renders, and what it needs besides the form."""
    parts = path.split(".")
    if parts[0] == "hardware":
        return "designs/_hardware.html", {}
    if parts[0] == "hosts" and len(parts) >= 3 and parts[2] == "cards" and parts[1].isdigit():
        return "designs/_host_form.html", {"hi": int(parts[1])}
    if parts[0] == "hosts":
        return "designs/_hosts.html", {}
    if parts[0] == "switches":
        return "designs/_switches.html", {}
    raise formrows.RowError(f"{path} is not a list of the editor")


def _change_rows(data: Data, action: str, path: str, fields: dict[str, str]) -> Data:
    if action == "add":
        return formrows.add_row(data, path, formrows.card_shape(fields, path)[0])
    if action == "remove":
        return formrows.remove_row(data, path)
    if action in ("up", "down"):
        return formrows.move_port(data, path, -1 if action == "up" else 1)
    if action == "roles":
        role = fields.get(f"{formrows.BULK_ROLE}.{path}", "")
        return formrows.set_roles(data, path, fields.get(formrows.PICK, "").split(), role)
    host = path.split(".")
    if action in ("own", "profile") and len(host) == 3 and host[1].isdigit():
        change = formrows.use_own_cards if action == "own" else formrows.use_profile_cards
        return change(data, int(host[1]))
    raise formrows.RowError(f"unknown row action {action!r} for {path}")


def _row_fields(items: FormItems) -> dict[str, str]:
    """The row controls' own fields (new-card shape, bulk role); ticks joined by spaces."""
    fields = {k: v for k, v in items if k.startswith((formrows.NEW_CARD, formrows.BULK_ROLE))}
    fields[formrows.PICK] = " ".join(v for k, v in items if k == formrows.PICK)
    return fields


@router.post("/designs/{design_id:int}/edit/rows", name="design_edit_rows")
def change_rows(
    request: Request,
    session: SessionDep,
    design_id: int,
    items: PostedForm,
    action: Annotated[str, Query(max_length=16)],
    path: Annotated[str, Query(max_length=80, pattern=r"^[a-z_]+(\.[a-z_0-9]+)*$")],
) -> Response:
    """Add, remove or move a host, card, port or switch, or set the role of ticked ports.

    Answers with the re-rendered section; a bad new-card field is shown next to that field
    and nothing is added.
    """
    row = load_row(session, design_id)
    data, fields = parse_form(items), _row_fields(items)
    errors = FormErrors()
    try:
        template, extra = _section(path)
        problems = formrows.card_shape(fields, path)[1] if action == "add" else {}
        for name, message in problems.items():
            errors.add(name, message)
        if not problems:
            data = _change_rows(data, action, path, fields)
    except formrows.RowError as exc:
        raise HTTPException(400, f"{exc}. Reload the editor and try again.") from None
    form = FormView(data, errors, extras=fields)
    context = {"f": form, "rows_url": f"/designs/{row.id}/edit/rows", **extra}
    # After the swap (so the new rows are posted) the form refreshes the preview: rows changed
    # without an input event. htmx fires it on <body> when the clicked button was replaced.
    return render(request, template, context, headers={"HX-Trigger-After-Swap": "designChanged"})


def _meta(items: FormItems) -> dict[str, str]:
    """The request's own fields (version, author, message): last value of each name."""
    return {k: v for k, v in items if k in ("version", "author", "message")}


# The same limits as the API's DesignCreate (author is a String(80) column).
_META_LIMITS = {"author": ("Your name", 80), "message": ("What changed", 2000)}


def _meta_errors(meta: dict[str, str], errors: FormErrors) -> None:
    """Check author and message as the store needs them (the browser's maxlength is no guard)."""
    for key, (label, limit) in _META_LIMITS.items():
        value = meta.get(key, "").strip()
        if len(value) > limit:
            errors.add(key, f"{label} can be at most {limit} characters long.")
        elif NUL in value:
            errors.add(key, NUL_MESSAGE)


def _echo(meta: dict[str, str]) -> dict[str, str]:
    """Author and message as typed, to show them again on a re-rendered editor."""
    return {"author": meta.get("author", ""), "message": meta.get("message", "")}


def _version(meta: dict[str, str]) -> int:
    # A missing or mangled version can never match, so the save goes to the conflict page
    # (which keeps the user's document) instead of overwriting anything.
    value = meta.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else 0


@router.post("/designs/{design_id:int}/edit", name="design_save")
def save(
    request: Request, session: SessionDep, settings: SettingsDep, design_id: int, items: PostedForm
) -> Response:
    """Store the form as a new revision; 422 with messages when invalid, conflict page on 409."""
    row = load_row(session, design_id)
    data, meta = parse_form(items), _meta(items)
    design, errors = validate_design(data)
    _meta_errors(meta, errors)
    if design is not None:
        for limit in limit_errors(design, settings):
            errors.add(".".join(str(p) for p in limit.loc), limit.msg)
    if design is None or errors:
        form = FormView(data, errors)
        preview = make_preview(data, errors, None)
        context = editor_context(
            row, form, version=_version(meta), preview=preview, unsaved=True, **_echo(meta)
        )
        return render(request, "designs/edit.html", context, status_code=422)
    try:
        saved = save_design(
            session,
            design_id,
            design,
            settings,
            expected_version=_version(meta),
            author=meta.get("author"),
            message=meta.get("message"),
        )
    except VersionConflict as exc:
        return render_conflict(request, exc.current, design, meta)
    return RedirectResponse(f"/designs/{saved.id}?saved={saved.version}", status_code=303)


@router.post("/designs/{design_id:int}/edit/resume", name="design_edit_resume")
def resume(request: Request, session: SessionDep, design_id: int, items: PostedForm) -> Response:
    """Back to the editor with a document carried by the conflict page (nothing is saved)."""
    row = load_row(session, design_id)
    data, meta = parse_form(items), _meta(items)
    design, errors = validate_design(data)
    plan = plan_for(design) if design is not None else None
    form = FormView(data, errors)
    preview = make_preview(data, errors, plan)
    context = editor_context(
        row, form, version=_version(meta), preview=preview, unsaved=True, **_echo(meta)
    )
    return render(request, "designs/edit.html", context)
