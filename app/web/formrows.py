"""Rows the editor adds and removes without a page reload (hosts, cards, ports, switches).

Each operation takes the form's current raw document (see :mod:`app.web.forms`) and returns a
changed copy; the route re-renders the whole section from it, so every field index stays dense
and matches the names the next post will use.
"""

from __future__ import annotations

import copy
import re
from ipaddress import IPv4Interface
from typing import Any

from app.web.forms import Data, get_path


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


def add_row(data: Data, list_path: str) -> Data:
    """A copy of ``data`` with a new, sensibly pre-filled item appended to ``list_path``."""
    result = copy.deepcopy(data)
    kind = list_path.rpartition(".")[2]
    rows = _list_at(result, list_path, create=True)
    if kind == "hosts":
        rows.append(_new_host(rows))
    elif kind in ("hardware", "cards"):
        rows.append(_new_card(result, rows))
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
    host["cards"] = copy.deepcopy(result.get("hardware") or []) or [_new_card(result, [])]
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


def _new_card(data: Data, cards: list[Any]) -> Data:
    start = max(_all_vmnic_numbers(data), default=-1) + 1
    ports = [{"vmnic": f"vmnic{start + i}", "speed_gbps": 10, "role": "unused"} for i in range(2)]
    return {"slot": f"PCIe {len(cards) + 1}", "model": "", "ports": ports}


def _new_port(data: Data, ports: list[Any]) -> Data:
    last = ports[-1] if ports and isinstance(ports[-1], dict) else {}
    speed = last.get("speed_gbps", 10)
    number = max(_all_vmnic_numbers(data), default=-1) + 1
    return {"vmnic": f"vmnic{number}", "speed_gbps": speed, "role": "unused"}
