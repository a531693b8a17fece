"""The editor's HTML form, both ways: flat field names ⇄ the nested design document.

Field names are dotted paths into the document, list items by index: ``hosts.0.name``,
``hardware.1.ports.2.vmnic``, ``hosts.0.management.ip``. :func:`parse_form` turns the posted
fields into a nested dict of raw strings (the form's own state, which the editor re-renders as
typed when it is invalid); :func:`validate_design` checks it through the one mapper
(:mod:`app.planner.doc_problems`), whose paths are the field names, so each message sits next to
its field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.planner.design import Design
from app.planner.doc_problems import validate

# Top-level keys of the document; everything else in a post (version, author, message, …) is
# metadata of the request and never reaches the model.
DOCUMENT_KEYS = frozenset(Design.model_fields)

# Fields typed as Literal[int, …]: pydantic does not coerce "10" to 10 for a Literal, so the
# parser does (it is the only place that knows the values came from a form).
_INT_LITERAL_KEYS = frozenset({"schema_version", "speed_gbps"})

# Only ASCII blanks are trimmed: other characters (e.g. U+0085) are the user's text.
_BLANKS = " \t\r\n"
_MAX_DEPTH = 8
_MAX_INDEX = 10_000

Data = dict[str, Any]


@dataclass
class FormErrors:
    """Messages by dotted field path; ``""`` holds messages that belong to no single field."""

    by_path: dict[str, list[str]] = field(default_factory=dict)

    def add(self, path: str, message: str) -> None:
        self.by_path.setdefault(path, []).append(message)

    def at(self, path: str) -> list[str]:
        """Messages of exactly this field."""
        return self.by_path.get(path, [])

    def under(self, prefix: str) -> int:
        """How many messages concern this field or anything inside it (for section badges)."""
        dotted = prefix + "."
        return sum(
            len(msgs) for p, msgs in self.by_path.items() if p == prefix or p.startswith(dotted)
        )

    def __bool__(self) -> bool:
        return bool(self.by_path)

    def __len__(self) -> int:
        return sum(len(msgs) for msgs in self.by_path.values())

    def items(self) -> list[tuple[str, str]]:
        """(path, message) pairs in a stable order, for summaries and the JSON twin."""
        return [(p, m) for p in sorted(self.by_path) for m in self.by_path[p]]


def parse_form(items: Iterable[tuple[str, str]]) -> Data:
    """Build the nested raw document from posted ``(name, value)`` pairs.

    Keys outside the document are ignored. A blank value leaves its key out (so the model's
    default applies, or "Required" is reported) but still creates the list item it belongs to,
    so a half-filled new row keeps its index. When a name appears twice the last value wins:
    checkboxes post a hidden ``false`` followed by ``true`` when ticked.
    """
    root: dict[str, Any] = {}
    for name, raw in items:
        parts = name.split(".")
        if parts[0] not in DOCUMENT_KEYS or len(parts) > _MAX_DEPTH or not all(parts):
            continue
        # isdigit() is also true for "²" and "١"; only ASCII indexes of a few digits are ours
        # (int() of 5,000 digits raises, issue 10 item 8).
        if any(p.isdigit() and not _is_index(p) for p in parts):
            continue
        # Browsers post textarea newlines as CRLF; the document keeps plain LF.
        value = raw.replace("\r\n", "\n").strip(_BLANKS) if isinstance(raw, str) else ""
        node = root
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            if value:
                leaf = parts[-1]
                node[leaf] = int(value) if leaf in _INT_LITERAL_KEYS and value.isdigit() else value
    shaped: Data = _listify(root)
    return shaped


def _is_index(part: str) -> bool:
    """A list index the editor posts: ASCII digits, at most ``_MAX_INDEX``."""
    return part.isascii() and part.isdecimal() and len(part) <= 6 and int(part) <= _MAX_INDEX


def _listify(node: Any) -> Any:
    """Turn dicts keyed by digits into lists in index order (gaps close up)."""
    if not isinstance(node, dict):
        return node
    if node and all(k.isdigit() for k in node):
        return [_listify(node[k]) for k in sorted(node, key=int)]
    return {k: _listify(v) for k, v in node.items()}


def validate_design(data: Data) -> tuple[Design | None, FormErrors]:
    """Validate the raw document; return the design, or the errors by field path.

    The messages come from :mod:`app.planner.doc_problems`, the one mapper the import page, the
    API and the CLI use too (issue 9 §8), so one document gets one answer everywhere.
    """
    errors = FormErrors()
    design, problems = validate(_shape(data))
    for problem in problems:
        errors.add(problem.path, problem.message)
    return design, errors


def _shape(data: Data) -> Data:
    """Fill what a form cannot express: the schema version, and list-valued sections."""
    shaped = dict(data)
    shaped.setdefault("schema_version", 1)
    for key in ("hosts", "hardware", "switches"):
        if isinstance(shaped.get(key), dict) and not shaped[key]:
            shaped[key] = []
    return shaped


def design_to_data(design: Design) -> Data:
    """The form state of a stored design (JSON types; None where a field is not set)."""
    return design.model_dump(mode="json")


def get_path(data: Any, path: str) -> Any:
    """The value at a dotted path, or None when any step is missing."""
    node = data
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def flatten(data: Any, prefix: str = "") -> list[tuple[str, str]]:
    """The form fields that post ``data`` back (the inverse of :func:`parse_form`).

    Used for hidden fields that carry an unsaved document through the conflict page.
    """
    if isinstance(data, dict):
        pairs: list[tuple[str, str]] = []
        for key, value in data.items():
            pairs += flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return pairs
    if isinstance(data, list):
        return [pair for i, item in enumerate(data) for pair in flatten(item, f"{prefix}.{i}")]
    if data is None:
        return []
    if isinstance(data, bool):
        return [(prefix, "true" if data else "false")]
    return [(prefix, str(data))]
