"""The rules page: every finding's rule with its reason and sources, and its JSON twin."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.responses import Response

from app.web.rule_reference import rule_entries
from app.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/rules", name="rules_page")
def rules_page(request: Request) -> Response:
    return render(request, "rules.html", {"rules": rule_entries(), "nav": "rules"})


@router.get("/rules.json", name="rules_json")
def rules_json() -> JSONResponse:
    return JSONResponse({"rules": [asdict(rule) for rule in rule_entries()]})
