"""Downloads of every output format, the zip of everything, and design import.

* ``GET /designs/{id}/export`` (+ ``.json``): the downloads page, a table of formats with per-host
  links.
* ``GET /designs/{id}/export/{format}[?host=]``: one file, or a zip when the format yields several.
* ``GET /designs/{id}/export.zip``: everything, in folders, with a README.
* ``GET/POST /designs/import``: upload (or paste) a JSON/YAML design document; every problem is
  listed with its field path and nothing is stored until the document is valid.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.responses import Response

from app.render import formats
from app.render.base import RenderContext
from app.render.document import (
    DOCUMENT_PATH,
    DesignImportError,
    Format,
    ImportProblem,
    load_design,
)
from app.services.designs import DesignTooLarge, save_new_design
from app.services.text import NoNul
from app.store.tables import DesignRow
from app.web.deps import PublicBaseDep, SessionDep, SettingsDep
from app.web.errors import error_page, field_path, wants_json
from app.web.public_urls import public_url
from app.web.rendering import HostQuery, render_context, safe_filename
from app.web.routes.views import load_row
from app.web.templating import render

router = APIRouter(include_in_schema=False)

_IMPORT_FORMATS: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def _context(row: DesignRow, base_url: str) -> RenderContext:
    """The owner's render context: QR codes open the design page (see routes/sheet.py)."""
    return render_context(row, public_url(base_url, f"/designs/{row.id}"))


def _download(data: bytes, filename: str, media_type: str) -> Response:
    safe = safe_filename(filename) or "download"
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{safe}"'},
    )


@router.get("/designs/{design_id:int}/export.zip", name="design_export_zip")
def export_zip(session: SessionDep, public: PublicBaseDep, design_id: int) -> Response:
    """Every format in one zip, in folders, with a README on applying it safely."""
    ctx = _context(load_row(session, design_id), public)
    return _download(formats.bundle_zip(ctx), f"{formats.bundle_name(ctx)}.zip", "application/zip")


@router.get("/designs/{design_id:int}/export/{fmt}", name="design_export")
def export_format(
    request: Request,
    session: SessionDep,
    public: PublicBaseDep,
    design_id: int,
    fmt: str,
    host: HostQuery = None,
) -> Response:
    """One format: the file itself, or a zip of its files when it yields several."""
    ctx = _context(load_row(session, design_id), public)
    try:
        artifacts = formats.render_format(fmt, ctx, host or None)
    except (formats.UnknownFormatError, formats.UnknownHostError) as exc:
        return error_page(request, 404, str(exc))
    except formats.PlanHasErrorsError as exc:
        return error_page(request, 409, str(exc))
    if not artifacts:
        title = formats.get_format(fmt).title
        return error_page(request, 404, f"This design has nothing to export as {title}.")
    if len(artifacts) == 1:
        (artifact,) = artifacts
        return _download(artifact.data, artifact.filename, artifact.media_type)
    suffix = f"-{host}" if host else ""
    name = f"{formats.bundle_name(ctx)}-{fmt}{suffix}.zip"
    return _download(formats.artifacts_zip(ctx, artifacts), name, "application/zip")


# --- the downloads page ----------------------------------------------------------------------


@dataclass
class FormatRow:
    name: str
    title: str
    description: str
    url: str
    available: bool
    reason: str = ""
    hosts: list[dict[str, str]] = field(default_factory=list)


def _reason(spec: formats.FormatSpec, ctx: RenderContext) -> str:
    if spec.name == "switch" and not ctx.plan.switches:
        return "No physical switches in this design."
    if formats.blocked(spec, ctx):
        return "Not offered while the plan has errors (see above)."
    return ""


def exports_view(row: DesignRow, ctx: RenderContext) -> dict[str, Any]:
    """The downloads page context and its JSON twin (one source for both)."""
    base = f"/designs/{row.id}/export"
    rows = []
    for spec in formats.available_formats():
        reason = _reason(spec, ctx)
        hosts = [
            {"name": h.name, "url": f"{base}/{spec.name}?host={h.name}"} for h in ctx.plan.hosts
        ]
        rows.append(
            FormatRow(
                name=spec.name,
                title=spec.title,
                description=spec.description,
                url=f"{base}/{spec.name}",
                available=not reason,
                reason=reason,
                hosts=hosts if spec.per_host and not reason else [],
            )
        )
    return {
        "design_id": row.id,
        "version": row.version,
        "zip_url": f"{base}.zip",
        "errors": formats.plan_errors(ctx),
        "formats": [asdict(r) for r in rows],
    }


@router.get("/designs/{design_id:int}/export", name="design_exports")
def exports_page(
    request: Request, session: SessionDep, public: PublicBaseDep, design_id: int
) -> Response:
    row = load_row(session, design_id)
    view = exports_view(row, _context(row, public))
    context = {"design": row, "exports": view, "nav": "designs"}
    return render(request, "designs/exports.html", context)


@router.get("/designs/{design_id:int}/export.json", name="design_exports_json")
def exports_json(session: SessionDep, public: PublicBaseDep, design_id: int) -> JSONResponse:
    row = load_row(session, design_id)
    return JSONResponse(exports_view(row, _context(row, public)))


# --- import ----------------------------------------------------------------------------------


def _import_form(
    request: Request,
    *,
    problems: list[ImportProblem] | None = None,
    text: str = "",
    author: str = "",
    status_code: int = 200,
) -> Response:
    if problems and wants_json(request):
        detail = [{"field": p.path, "msg": p.message} for p in problems]
        return JSONResponse({"detail": detail}, status_code=status_code)
    context = {"problems": problems or [], "text": text, "author": author, "nav": "designs"}
    return render(request, "designs/import.html", context, status_code=status_code)


@router.get("/designs/import", name="design_import_form")
def import_page(request: Request) -> Response:
    return _import_form(request)


async def _uploaded_text(upload: UploadFile | None, pasted: str) -> tuple[str, Format | None, str]:
    """The document text, its format from the file extension (None: guess), and its source."""
    if upload is not None and upload.filename:
        raw = await upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DesignImportError(
                [ImportProblem(DOCUMENT_PATH, "the file is not UTF-8 text (JSON or YAML)")]
            ) from None
        fmt = _IMPORT_FORMATS.get(PurePosixPath(upload.filename).suffix.lower())
        return text, fmt, PurePosixPath(upload.filename).name
    if not pasted.strip():
        raise DesignImportError(
            [ImportProblem(DOCUMENT_PATH, "choose a .json or .yaml file, or paste the document")]
        )
    return pasted, None, "pasted text"


@router.post("/designs/import", name="design_import")
async def import_design(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    file: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    author: Annotated[str, Form(max_length=80), NoNul] = "",
) -> Response:
    """Validate the uploaded document; store it as a new design only when it is valid."""
    try:
        content, fmt, source = await _uploaded_text(file, text)
        design = load_design(content, fmt)
        row = save_new_design(
            session, design, settings, author=author, message=f"Imported from {source}"
        )
    except DesignImportError as exc:
        return _import_form(
            request, problems=exc.problems, text=text, author=author, status_code=422
        )
    except DesignTooLarge as exc:
        problems = [ImportProblem(field_path(e.loc), e.msg) for e in exc.errors]
        return _import_form(request, problems=problems, text=text, author=author, status_code=422)
    if wants_json(request):
        return JSONResponse({"id": row.id, "url": f"/designs/{row.id}"}, status_code=201)
    return RedirectResponse(f"/designs/{row.id}", status_code=303)
