"""Strict JSON validation of API request bodies.

FastAPI validates a body in pydantic's lax Python mode, where ``false`` passes as the integer 0
and ``"9000"`` as 9000. The design document keeps lax mode for YAML imports and forms, but an API
client that sends ``"vlan": false`` has a bug we should tell it about. Routes add
``dependencies=[strict_json(Model)]``: the body is validated in strict JSON mode first (JSON
strings still become enums and IP addresses there) and any error is the usual 422. FastAPI's own
body parameter stays, so the OpenAPI document still describes the body.

One leniency stays on purpose: JSON has a single number type and JSON Schema counts ``9000.0`` as
an integer, so integral numbers are accepted where an integer belongs (``9000.5`` is not).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.params import Depends
from pydantic import BaseModel, ValidationError

TOO_DEEP = {"type": "json_invalid", "loc": ("body",), "msg": "The JSON is nested too deeply."}


def strict_json(model: type[BaseModel]) -> Depends:
    """A route dependency that refuses bodies ``model`` would accept only in lax mode.

    Error locations start with ``body`` as FastAPI's own do, so clients see one format.
    """

    async def check(request: Request) -> None:
        raw = await request.body()  # cached: FastAPI has read it already
        try:
            body = integral_numbers_as_ints(json.loads(raw))
            text = json.dumps(body)
        except ValueError:
            return  # not JSON at all: FastAPI's own parsing answers that (422 or 400)
        except RecursionError:
            raise RequestValidationError([TOO_DEEP]) from None
        try:
            model.model_validate_json(text, strict=True)
        except ValidationError as exc:
            # The body goes along so duplicates across items are checked too (issue 9 §7).
            raise RequestValidationError(_with_body_prefix(exc.errors()), body=body) from None

    return Depends(check)


def integral_numbers_as_ints(value: Any) -> Any:
    """``value`` (parsed JSON) with every float that is a whole number turned into an int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: integral_numbers_as_ints(item) for key, item in value.items()}
    if isinstance(value, list):
        return [integral_numbers_as_ints(item) for item in value]
    return value


def _with_body_prefix(errors: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "type": err["type"],
            "loc": ("body", *err["loc"]),
            "msg": err["msg"],
            "input": err["input"],
        }
        for err in errors
    ]
