"""Example request bodies for the OpenAPI document (``/docs``).

They are real, valid designs: Swagger UI offers them in "Try it out", and the API fuzz test sends
them first, so every operation is also exercised with a document that plans.
"""

from __future__ import annotations

from typing import Any

from fastapi.openapi.models import Example

from app.services.examples import blank_design

DOCUMENT: dict[str, Any] = blank_design("Cluster A").model_dump(mode="json")

PLAN_EXAMPLES: dict[str, Example] = {
    "two-hosts": {
        "summary": "Two hosts back-to-back, two vMotion ports each",
        "value": DOCUMENT,
    }
}
CREATE_EXAMPLES: dict[str, Example] = {
    "two-hosts": {
        "summary": "A new two-host design",
        "value": {"document": DOCUMENT, "author": "j.doe", "message": "First draft"},
    }
}
UPDATE_EXAMPLES: dict[str, Example] = {
    "two-hosts": {
        "summary": "Save over version 1",
        "value": {"document": DOCUMENT, "version": 1, "message": "Renamed the cluster"},
    }
}
