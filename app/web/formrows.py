"""Rows the editor adds and removes without a page reload (hosts, cards, ports, switches).

Each operation takes the form's current raw document (see :mod:`app.web.forms`) and returns a
changed copy; the route re-renders the whole section from it, so every field index stays dense
and matches the names the next post will use.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from ipaddress import IPv4Interface
from typing import Any, get_args

from app.planner.design import MAX_PORTS_PER_CARD, Role, SpeedGbps
from app.web.forms import Data, get_path

_ROLES = frozenset(r.value for r in Role)
_SPEEDS = frozenset(str(s) for s in get_args(SpeedGbps))
MAX_PORTS = MAX_PORTS_PER_CARD
# Form fields outside the document (parse_form ignores them): the new-card shape, the port
# ticks and the role to give the ticked ports.
NEW_CARD = "new_card"
PICK = "pick"
BULK_ROLE = "bulk_role"


class RowError(ValueError):
    """A row operation that does not fit the posted form (stale page or hand-made request)."""


def _list_at(data: Data, path: str, *, create: bool) -> list[Any]:
    parent_path, _, key = path.rpartition(".")
    parent = get_path(data, parent_path) if parent_path else data
    if not isinstance(parent, dict):
        raise RowError(f"{path} is not a list in this form")
    current = parent.get(key)
    if isinstance(current, list):
        return current
    if current is None and create:
        parent[key] = []
        return parent[key]  # type: ignore[no-any-return]
    raise RowError(f"{path} is not a list in this form")


@dataclass(frozen=True)
class CardShape:
    """What a new card starts with: its port count, one speed and one role for every port.

    A real build adds quad-port 1 GbE cards; setting these once per card instead of per port
    is what keeps seed 000 from blank within the issue 9 §4 click budget.
    """

    ports: int = 2
    speed_gbps: int = 10
    role: str = Role.UNUSED.value


def card_shape(fields: dict[str, str], cards_path: str) -> tuple[CardShape, dict[str, str]]:
    """The new-card fields posted next to "+ Add card" of ``cards_path``, and their problems.

    Fields are named ``new_card.<cards_path>.ports|speed_gbps|role``; a missing field keeps
    the default, a bad one is reported by its field name (nothing is added then).
    """
    prefix = f"{NEW_CARD}.{cards_path}."
    raw = {key: fields.get(prefix + key, "").strip() for key in ("ports", "speed_gbps", "role")}
    errors: dict[str, str] = {}
    default = CardShape()
    ports, speed, role = default.ports, default.speed_gbps, default.role
    if raw["ports"]:
        count = raw["ports"]
        if count.isascii() and count.isdigit() and 1 <= int(count) <= MAX_PORTS:
            ports = int(raw["ports"])
        else:
            errors[prefix + "ports"] = f"Ports must be a whole number from 1 to {MAX_PORTS}."
    if raw["speed_gbps"]:
        if raw["speed_gbps"] in _SPEEDS:
            speed = int(raw["speed_gbps"])
        else:
            errors[prefix + "speed_gbps"] = "Choose one of the listed speeds."
    if raw["role"]:
        if raw["role"] in _ROLES:
            role = raw["role"]
        else:
            errors[prefix + "role"] = "Choose one of the listed roles."
    return CardShape(ports, speed, role), errors


def add_row(data: Data, list_path: str, card: CardShape | None = None) -> Data:
    """A copy of ``data`` with a new, sensibly pre-filled item appended to ``list_path``."""
    result = copy.deepcopy(data)
    kind = list_path.rpartition(".")[2]
    rows = _list_at(result, list_path, create=True)
    if kind == "hosts":
        rows.append(_new_host(rows))
    elif kind in ("hardware", "cards"):
        rows.append(_new_card(result, rows, card or CardShape()))
    elif kind == "ports":
        rows.append(_new_port(result, rows))
    elif kind == "switches":
        rows.append({"name": f"sw{len(rows) + 1}", "platform": "nxos", "mtu": 9216})
    else:
        raise RowError(f"rows cannot be added to {list_path}")
    return result


def remove_row(data: Data, item_path: str) -> Data:
    """A copy of ``data`` without the item at ``item_path`` (e.g. ``hosts.2``)."""
    result = copy.deepcopy(data)
    list_path, _, index = item_path.rpartition(".")
    if not index.isdigit():
        raise RowError(f"{item_path} is not a list item")
    rows = _list_at(result, list_path, create=False)
    if int(index) >= len(rows):
        raise RowError(f"{item_path} does not exist in this form")
    del rows[int(index)]
    if list_path.endswith(".cards") and not rows:
        # A host without own cards uses the profile again (Design.cards_of).
        _drop(result, list_path)
    return result


def use_own_cards(data: Data, host_index: int) -> Data:
    """A copy where host ``host_index`` gets its own cards, starting from the profile."""
    result = copy.deepcopy(data)
    host = get_path(result, f"hosts.{host_index}")
    if not isinstance(host, dict):
        raise RowError(f"hosts.{host_index} does not exist in this form")
    host["cards"] = copy.deepcopy(result.get("hardware") or []) or [
        _new_card(result, [], CardShape())
    ]
    return result


def use_profile_cards(data: Data, host_index: int) -> Data:
    """A copy where host ``host_index`` uses the cluster hardware profile again."""
    result = copy.deepcopy(data)
    if not isinstance(get_path(result, f"hosts.{host_index}"), dict):
        raise RowError(f"hosts.{host_index} does not exist in this form")
    _drop(result, f"hosts.{host_index}.cards")
    return result


def _drop(data: Data, path: str) -> None:
    parent_path, _, key = path.rpartition(".")
    parent = get_path(data, parent_path)
    if isinstance(parent, dict):
        parent.pop(key, None)


def _new_host(hosts: list[Any]) -> Data:
    """Next host: the last host's name and management address, counted up by one."""
    last = hosts[-1] if hosts and isinstance(hosts[-1], dict) else {}
    name = _next_name(str(last.get("name") or ""), len(hosts) + 1)
    management: Data = {"vlan": "0"}
    last_mgmt = last.get("management") if isinstance(last.get("management"), dict) else None
    if last_mgmt:
        try:
            iface = IPv4Interface(str(last_mgmt.get("ip")))
            management["ip"] = f"{iface.ip + 1}/{iface.network.prefixlen}"
        except ValueError:
            pass
        for key in ("gateway", "vlan"):
            if last_mgmt.get(key) not in (None, ""):
                management[key] = last_mgmt[key]
    return {"name": name, "management": management}


def _next_name(previous: str, ordinal: int) -> str:
    match = re.match(r"^(.*?)(\d+)$", previous)
    if not match:
        return f"esx{ordinal:02d}"
    stem, digits = match.groups()
    return f"{stem}{int(digits) + 1:0{len(digits)}d}"


def _all_vmnic_numbers(data: Data) -> list[int]:
    numbers: list[int] = []
    card_lists = [data.get("hardware") or []]
    card_lists += [h.get("cards") or [] for h in data.get("hosts") or [] if isinstance(h, dict)]
    for cards in card_lists:
        for card in cards:
            for port in card.get("ports") or [] if isinstance(card, dict) else []:
                match = re.match(r"^vmnic(\d+)$", str(port.get("vmnic") or ""))
                if match:
                    numbers.append(int(match.group(1)))
    return numbers


def _new_card(data: Data, cards: list[Any], shape: CardShape) -> Data:
    start = max(_all_vmnic_numbers(data), default=-1) + 1
    ports = [
        {"vmnic": f"vmnic{start + i}", "speed_gbps": shape.speed_gbps, "role": shape.role}
        for i in range(shape.ports)
    ]
    return {"slot": f"PCIe {len(cards) + 1}", "model": "", "ports": ports}


def set_roles(data: Data, cards_path: str, port_paths: list[str], role: str) -> Data:
    """A copy where every ticked port under ``cards_path`` carries ``role``.

    Ticks outside ``cards_path`` belong to another card list's bar and are left alone.
    """
    if role not in _ROLES:
        raise RowError(f"{role!r} is not a role")
    result = copy.deepcopy(data)
    _list_at(result, cards_path, create=False)
    prefix = cards_path + "."
    for path in port_paths:
        port = get_path(result, path) if path.startswith(prefix) else None
        if isinstance(port, dict) and path.rpartition(".")[0].endswith(".ports"):
            port["role"] = role
    return result


def move_port(data: Data, port_path: str, step: int) -> Data:
    """A copy where the port at ``port_path`` swaps places with its neighbour (``step`` ±1).

    The vmnic name, speed, role and label move with the port: the order is the card's printed
    port order, which the sheet follows.
    """
    result = copy.deepcopy(data)
    list_path, _, index = port_path.rpartition(".")
    if not list_path.endswith(".ports") or not index.isdigit():
        raise RowError(f"{port_path} is not a port")
    rows = _list_at(result, list_path, create=False)
    here, there = int(index), int(index) + step
    if here >= len(rows) or not 0 <= there < len(rows):
        raise RowError(f"{port_path} cannot move that way")
    rows[here], rows[there] = rows[there], rows[here]
    return result


def _new_port(data: Data, ports: list[Any]) -> Data:
    last = ports[-1] if ports and isinstance(ports[-1], dict) else {}
    speed = last.get("speed_gbps", 10)
    number = max(_all_vmnic_numbers(data), default=-1) + 1
    return {"vmnic": f"vmnic{number}", "speed_gbps": speed, "role": "unused"}
