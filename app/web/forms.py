"""The editor's HTML form, both ways: flat field names ⇄ the nested design document.

Field names are dotted paths into the document, list items by index: ``hosts.0.name``,
``hardware.1.ports.2.vmnic``, ``hosts.0.management.ip``. :func:`parse_form` turns the posted
fields into a nested dict of raw strings (the form's own state, which the editor re-renders as
typed when it is invalid); :func:`validate_design` checks it with ``Design.model_validate`` and
maps every pydantic error ``loc`` back to a field name, so each message sits next to its field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from app.planner.design import Design

# Top-level keys of the document; everything else in a post (version, author, message, …) is
# metadata of the request and never reaches the model.
DOCUMENT_KEYS = frozenset(Design.model_fields)

# Fields typed as Literal[int, …]: pydantic does not coerce "10" to 10 for a Literal, so the
# parser does (it is the only place that knows the values came from a form).
_INT_LITERAL_KEYS = frozenset({"schema_version", "speed_gbps"})

# Errors raised by a model validator of a group are shown next to its main field.
_GROUP_TARGETS = {"management": "management.ip"}

# Model validators of Design prefix their message with the field path ("hosts.0.cards: …").
_PATH_PREFIX = re.compile(r"^((?:hosts|hardware|switches)\.\d+(?:\.[a-z_]+)?): (.*)$", re.S)

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
        if any(p.isdigit() and int(p) > _MAX_INDEX for p in parts):
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


def _listify(node: Any) -> Any:
    """Turn dicts keyed by digits into lists in index order (gaps close up)."""
    if not isinstance(node, dict):
        return node
    if node and all(k.isdigit() for k in node):
        return [_listify(node[k]) for k in sorted(node, key=int)]
    return {k: _listify(v) for k, v in node.items()}


def validate_design(data: Data) -> tuple[Design | None, FormErrors]:
    """Validate the raw document; return the design, or the errors by field path."""
    errors = FormErrors()
    try:
        return Design.model_validate(_shape(data)), errors
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            path, message = _locate(err["loc"], _friendly(err))
            errors.add(_pin_duplicate(data, path, message), message)
        return None, errors


def _shape(data: Data) -> Data:
    """Fill what a form cannot express: the schema version, and list-valued sections."""
    shaped = dict(data)
    shaped.setdefault("schema_version", 1)
    for key in ("hosts", "hardware", "switches"):
        if isinstance(shaped.get(key), dict) and not shaped[key]:
            shaped[key] = []
    return shaped


def _locate(loc: tuple[int | str, ...], message: str) -> tuple[str, str]:
    path = ".".join(str(p) for p in loc)
    if not path:
        match = _PATH_PREFIX.match(message)
        if match:
            return match.group(1), match.group(2)
        return "", message
    for group, target in _GROUP_TARGETS.items():
        if path.endswith("." + group):
            return path[: -len(group)] + target, message
    return path, message


# Duplicate checks run on whole lists; the message names the value, which finds the field.
_DUPLICATES = {
    "duplicate host name: ": ("hosts", "name"),
    "duplicate management address: ": ("hosts", "management.ip"),
    "duplicate switch name: ": ("switches", "name"),
}


def _pin_duplicate(data: Data, path: str, message: str) -> str:
    """Move a "duplicate …" message from its list to the second item that has the value."""
    for prefix, (list_key, leaf) in _DUPLICATES.items():
        if path != list_key or not message.lower().startswith(prefix):
            continue
        value = message[len(prefix) :].rstrip(".").lower()
        items = data.get(list_key)
        seen = 0
        for index, _item in enumerate(items if isinstance(items, list) else []):
            raw = str(get_path(data, f"{list_key}.{index}.{leaf}") or "").lower()
            if raw == value or raw.split("/")[0] == value:
                seen += 1
                if seen == 2:
                    return f"{list_key}.{index}.{leaf}"
    return path


def _friendly(err: Mapping[str, Any]) -> str:
    """The pydantic message, reworded where the default reads like a programmer's message."""
    kind = err["type"]
    last = str(err["loc"][-1]) if err["loc"] else ""
    message = str(err["msg"]).removeprefix("Value error, ")
    if last == "hosts" and kind in ("missing", "too_short"):
        return "Add at least one host."
    if kind == "missing":
        return "Required."
    if kind == "string_pattern_mismatch":
        if last == "vmnic":
            return "Write the NIC as ESXi names it: vmnic followed by a number, e.g. vmnic4."
        if last == "label":
            return (
                "Write the label as printed on the chassis, e.g. 'Slot 2 Port 1': letters, "
                "digits, spaces and . _ / : # ( ) + -, starting and ending with a letter or digit."
            )
        return "Use letters, digits, '.', '_' and '-', starting with a letter or digit."
    if kind in ("ip_v4_interface", "ip_any_interface"):
        return "Enter an IPv4 address with its prefix length, e.g. 192.0.2.11/24."
    if kind in ("ip_v4_address", "ip_any_address"):
        return "Enter an IPv4 address, e.g. 192.0.2.1."
    if kind in ("ip_v4_network", "ip_any_network"):
        return "Enter an IPv4 network with no host bits set, e.g. 198.51.100.0/24."
    if kind == "extra_forbidden":
        return "This field is not part of the design format."
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


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
