"""The one place that reads htmx request headers: partial or full page?

Routes never look at ``HX-*`` headers themselves; they pass both template names to
``app.web.templating.render`` and this module decides.
"""

from __future__ import annotations

from starlette.requests import Request


def is_htmx(request: Request) -> bool:
    """True for a request htmx made to swap part of the page.

    Boosted navigation and history restores want the whole page, so they count as full requests.
    """
    headers = request.headers
    if headers.get("HX-Request") != "true":
        return False
    return (
        headers.get("HX-Boosted") != "true" and headers.get("HX-History-Restore-Request") != "true"
    )


def choose_template(request: Request, page: str, partial: str | None) -> str:
    """``partial`` for an htmx swap (when there is one), ``page`` otherwise."""
    if partial is not None and is_htmx(request):
        return partial
    return page


def htmx_target(request: Request) -> str | None:
    """The id of the element htmx will swap, when a route serves several partials."""
    return request.headers.get("HX-Target") if is_htmx(request) else None
