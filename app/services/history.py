"""Readable differences between two revisions: a unified diff of their YAML documents."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Literal

import yaml

LineKind = Literal["add", "remove", "context", "hunk"]
CONTEXT_LINES = 3


@dataclass(frozen=True)
class DiffLine:
    kind: LineKind
    text: str


def _without_nulls(value: Any) -> Any:
    # Unset optional fields (null) are noise in a diff; a field that gets a value shows as added.
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def document_yaml(document: dict[str, Any]) -> str:
    """The stored document as YAML in its own field order (as users write it), nulls left out."""
    return yaml.safe_dump(
        _without_nulls(document), sort_keys=False, allow_unicode=True, default_flow_style=False
    )


def diff_text(old: str, new: str, *, context: int = CONTEXT_LINES) -> list[DiffLine]:
    """Unified diff from ``old`` to ``new`` text, as classified lines; empty when they are equal.

    The ``---``/``+++`` file headers are dropped (the page says what it compares); hunk headers
    (``@@ -a,b +c,d @@``) stay so readers can find their place. The one diff of the app: the
    history page and the conflict page both use it.
    """
    result: list[DiffLine] = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=context):
        if line.startswith(("---", "+++")) and not result:
            continue
        if line.startswith("@@"):
            result.append(DiffLine("hunk", line))
        elif line.startswith("+"):
            result.append(DiffLine("add", line[1:]))
        elif line.startswith("-"):
            result.append(DiffLine("remove", line[1:]))
        else:
            result.append(DiffLine("context", line[1:]))
    return result


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[DiffLine]:
    """Unified diff of two stored documents as YAML; empty when they are the same document."""
    return diff_text(document_yaml(old), document_yaml(new))
