"""Jinja templates for every page: one environment, autoescape always on.

``render`` is the only way routes produce HTML. It picks the partial template for htmx swaps
(see ``app.web.htmx``) and the full page otherwise, from the same context.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, pass_context
from starlette.requests import Request
from starlette.responses import HTMLResponse

from app.planner.naming import VMK_PURPOSE_LABELS
from app.web.formview import CARRIED_SECTIONS
from app.web.htmx import choose_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"
PRODUCT_NAME = "vMotion Planner"


def format_when(value: datetime | None) -> str:
    """A timestamp as admins read it in logs: ``2025-11-21 19:40 UTC``."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def format_iso(value: datetime | None) -> str:
    """Machine-readable timestamp for ``<time datetime=…>``."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 host``, ``2 hosts``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def principal_of(request: Any) -> Any:
    """Who is signed in (``app.auth.principal.Principal``), or None; the top bar shows it.

    Error pages rendered outside a request (middleware) have no ``request``: None then.
    """
    return getattr(request.state, "principal", None) if isinstance(request, Request) else None


@pass_context
def app_url_for(context: Mapping[str, Any], name: str, /, **path_params: Any) -> str:
    """``url_for`` for templates, as a path (``/static/css/views.css``), never an absolute URL.

    Starlette's own ``url_for`` builds ``http://host/…`` from the request; behind a TLS proxy
    that does not forward the scheme, an https page then loads ``http://`` assets, which
    browsers block (issue 10 item 8). A path works whatever the scheme and host.
    """
    request = context["request"]
    path = str(request.app.url_path_for(name, **path_params))
    return str(request.scope.get("root_path", "")).rstrip("/") + path


def asks_for_author(request: Any) -> bool:
    """Forms ask "your name" only in one-person mode; signed in, the account is the author."""
    principal = principal_of(request)
    return principal is None or bool(principal.is_local)


def _environment() -> Environment:
    # autoescape=True (not select_autoescape): every template, whatever its extension, escapes.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = format_when
    env.filters["iso"] = format_iso
    env.filters["plural"] = plural
    env.globals["product_name"] = PRODUCT_NAME
    env.globals["vmk_purposes"] = VMK_PURPOSE_LABELS
    env.globals["CARRIED_SECTIONS"] = CARRIED_SECTIONS
    env.globals["principal_of"] = principal_of
    env.globals["asks_for_author"] = asks_for_author
    # Set before Jinja2Templates adds Starlette's absolute-URL url_for (it only sets a default).
    env.globals["url_for"] = app_url_for
    return env


templates = Jinja2Templates(env=_environment())


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    partial: str | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template`` (or ``partial`` for an htmx swap) with ``context``.

    The context always has ``request``; templates get ``url_for`` from Starlette and the filters
    ``when``, ``iso`` and ``plural`` from here.
    """
    name = choose_template(request, template, partial)
    response = templates.TemplateResponse(
        request, name, dict(context or {}), status_code=status_code, headers=headers
    )
    # Partials and pages share one URL; caches must keep them apart.
    response.headers.setdefault("Vary", "HX-Request")
    return response


def render_standalone(template: str, context: Mapping[str, Any]) -> str:
    """Render a template outside a request (error pages from middleware); no ``url_for``."""
    return templates.env.get_template(template).render(**context)
