"""The one mapper from an invalid design document to (field path, message) problems.

The editor, the import page, the API and the CLI all validate the same document; they used to
turn pydantic's errors into messages in three different ways, so one document got three answers
(issue 9 §8). Everything goes through :func:`document_problems` now.

Two sources of problems, merged:

- pydantic's errors, each at its ``loc`` path, in words an admin uses (``_wording``). Messages of
  model validators that name their field ("hosts.0.cards: …") move to that field.
- Checks across list items (duplicate host names, management addresses, switch names and vmnics
  of one host) run here on the raw document. pydantic runs the Design's model validators only when
  every field is valid, so a duplicate vmnic used to show up only on a second upload, and at
  ``hosts.0.cards`` rather than at the port; these checks run in the same pass as the field
  checks and name the second item that repeats a value (``hosts.0.cards.1.ports.2.vmnic``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from app.planner.design import Design

# A model validator reports nested problems as "hosts.0.cards: ..." in its message.
_EMBEDDED_PATH = re.compile(r"^([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*): (.+)$", re.DOTALL)

# Model validator errors of a group belong to its main field (the editor has no group field).
_GROUP_TARGETS = {"management": "management.ip"}

# pydantic messages of the Design-level duplicate checks; the raw checks below replace them.
_DUPLICATE_PREFIXES = (
    "duplicate host name: ",
    "duplicate management address: ",
    "duplicate switch name: ",
    "duplicate vmnic on host ",
)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a document: its dotted field path ("" = the whole document)."""

    path: str
    message: str
    # pydantic's error type ("missing", "value_error", ...) for API clients; not compared.
    kind: str = field(default="value_error", compare=False)

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


def validate(data: Any) -> tuple[Design | None, list[Problem]]:
    """The design, or every problem of ``data`` at once (lax mode, as YAML and forms use)."""
    try:
        return Design.model_validate(data), []
    except ValidationError as exc:
        return None, document_problems(exc.errors(include_url=False), data)


def document_problems(errors: Sequence[Mapping[str, Any]], data: Any) -> list[Problem]:
    """pydantic ``errors`` of validating ``data`` as a Design, plus the checks across items.

    Args:
        errors: ``ValidationError.errors()`` with ``loc`` relative to the document.
        data: the raw document that was validated (dict from JSON, YAML or a form).

    Returns:
        Every problem once, sorted by path, each in words an admin uses.
    """
    found = {_from_error(err) for err in errors}
    found = {p for p in found if not p.message.lower().startswith(_DUPLICATE_PREFIXES)}
    found |= set(duplicate_problems(data))
    return sorted(found, key=lambda p: (_path_key(p.path), p.message))


def _path_key(path: str) -> list[tuple[int, int | str]]:
    # hosts.10 after hosts.9: numeric parts compare as numbers.
    return [(0, int(part)) if part.isdigit() else (1, part) for part in path.split(".")]


def _from_error(err: Mapping[str, Any]) -> Problem:
    path = ".".join(str(part) for part in err.get("loc", ()))
    message = _wording(err)
    embedded = _EMBEDDED_PATH.match(message)
    if embedded:
        inner = embedded.group(1)
        path = f"{path}.{inner}" if path and not inner.startswith(path) else inner
        path, message = path, embedded.group(2)
        message = message[:1].upper() + message[1:]
    for group, target in _GROUP_TARGETS.items():
        if path == group or path.endswith("." + group):
            path = path[: -len(group)] + target
    return Problem(path, message, str(err.get("type", "value_error")))


def _wording(err: Mapping[str, Any]) -> str:
    """pydantic's message for an admin, with the value when short (quoted alike for a form
    string and a JSON number, so the editor and the API give the same message)."""
    kind = str(err.get("type", ""))
    loc = err.get("loc", ())
    last = str(loc[-1]) if loc else ""
    message = str(err.get("msg", "")).removeprefix("Value error, ")
    if last == "hosts" and kind in ("missing", "too_short"):
        return "Add at least one host."
    if kind == "missing":
        return "Required."
    if kind == "extra_forbidden":
        return "Not a field of the design format (a typo, or a field of another version?)."
    if kind == "string_pattern_mismatch":
        if last == "vmnic":
            message = "Write the NIC as ESXi names it: vmnic followed by a number, e.g. vmnic4"
        elif last == "label":
            message = (
                "Write the label as printed on the chassis, e.g. 'Slot 2 Port 1': letters, "
                "digits, spaces and . _ / : # ( ) + -, starting and ending with a letter or digit"
            )
        else:
            message = "Use letters, digits, '.', '_' and '-', starting with a letter or digit"
    elif kind in ("ip_v4_interface", "ip_any_interface"):
        message = "Enter an IPv4 address with its prefix length, e.g. 192.0.2.11/24"
    elif kind in ("ip_v4_address", "ip_any_address"):
        message = "Enter an IPv4 address, e.g. 192.0.2.1"
    elif kind in ("ip_v4_network", "ip_any_network"):
        message = "Enter an IPv4 network with no host bits set, e.g. 198.51.100.0/24"
    if _EMBEDDED_PATH.match(message):
        return message  # the path is split off by the caller, which also capitalises
    message = message[:1].upper() + message[1:]
    message = message if message.endswith(".") else message + "."
    value = err.get("input")
    short = isinstance(value, str | int | float) and len(str(value)) <= 60
    if short and not isinstance(value, bool):
        message = f"{message[:-1]} (got '{value}')."
    return message


# --- checks across list items, on the raw document -------------------------------------------


def duplicate_problems(data: Any) -> list[Problem]:
    """Each value that repeats an earlier one in its list, at the repeating item's field."""
    if not isinstance(data, Mapping):
        return []
    hosts = _items(data.get("hosts"))
    found = _repeats(
        ((f"hosts.{i}.name", _text(h.get("name"))) for i, h in hosts),
        "Another host already has the name {value} (names are compared without case).",
        fold=True,
    )
    found += _repeats(
        ((f"hosts.{i}.management.ip", _address(h.get("management"))) for i, h in hosts),
        "Another host already has the management address {value}.",
    )
    found += _repeats(
        ((f"switches.{i}.name", _text(s.get("name"))) for i, s in _items(data.get("switches"))),
        "Another switch already has the name {value} (names are compared without case).",
        fold=True,
    )
    found += _vmnic_repeats(data, hosts)
    return found


def _vmnic_repeats(
    data: Mapping[str, Any], hosts: list[tuple[int, Mapping[str, Any]]]
) -> list[Problem]:
    """A vmnic named twice among one host's ports (its own cards or the hardware profile)."""
    found: list[Problem] = []
    profile_checked = False
    for index, host in hosts:
        own = host.get("cards")
        if own is None:
            if profile_checked:
                continue  # one message at the profile, not one per host using it
            profile_checked = True
            cards, prefix, whose = data.get("hardware"), "hardware", "the hardware profile"
        else:
            cards, prefix, whose = own, f"hosts.{index}.cards", f"host {_text(host.get('name'))}"
        ports = (
            (f"{prefix}.{c}.ports.{p}.vmnic", _text(port.get("vmnic")))
            for c, card in _items(cards)
            for p, port in _items(card.get("ports"))
        )
        found += _repeats(ports, "{value} is already an earlier port of " + whose + ".")
    return found


def _repeats(
    pairs: Iterator[tuple[str, str]], template: str, *, fold: bool = False
) -> list[Problem]:
    """Problems for values seen before; ``fold`` compares without case (names the first)."""
    first: dict[str, str] = {}
    found = []
    for path, value in pairs:
        key = value.lower() if fold else value
        if not key:
            continue
        if key in first:
            found.append(Problem(path, template.format(value=first[key])))
        first.setdefault(key, value)
    return found


def _items(value: Any) -> list[tuple[int, Mapping[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, Mapping)]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _address(management: Any) -> str:
    if not isinstance(management, Mapping):
        return ""
    return _text(management.get("ip")).split("/")[0]
