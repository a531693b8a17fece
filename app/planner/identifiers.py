"""Syntax of the identifier-like fields of a design (issue 8 item 9).

An identifier ends up as a word in a config line or a script argument: an interface name after
``interface``, a stack label in a file name, a port group name in ``--portgroup-name=``. Quoting
protects a value only where the output format has quoting (sh, PowerShell, HCL, YAML); a Cisco
config has none, and a newline in a port prefix becomes a command of its own (``reload``). So
every identifier gets a syntax here that only admits what the target platform names that way,
and the document is refused (a 422 naming the field) otherwise. Free text (design name and
description, card slot and model labels, messages) is not restricted; every renderer
neutralises it instead (app/render/quoting.py, app/render/switch_common.py).

Host and switch names use :data:`NAME_PATTERN` (letters, digits, '.', '_', '-'); vmnic names are
``vmnicN`` (design.VmnicName).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

# Host, switch, stack and service port group names: safe as a word in every output format.
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"

# ESXi port group (network label) names: the Name characters plus inner spaces and parentheses
# ("VM Network", "Storage (iSCSI)"). No quotes, '$', '`', '{', ';' or control characters, so a
# label is one literal in sh, PowerShell, HCL and YAML even before quoting.
PORTGROUP_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9 ._()-]*[A-Za-z0-9._()-])?$"

PortGroupName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=60,
        pattern=PORTGROUP_PATTERN,
        description="Letters, digits, spaces, '.', '_', '-', '(' and ')'; starts with a letter "
        "or digit, does not end with a space.",
    ),
]

StackName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=NAME_PATTERN,
        description="Letters, digits, '.', '_' and '-'; starts with a letter or digit.",
    ),
]

# The interface types each switch dialect names ports with, full and abbreviated (the CLI accepts
# both). NX-OS: Ethernet (S-N9K interface guide); IOS and IOS-XE: the Catalyst speeds.
_NXOS_TYPES = ("Ethernet", "Eth")
_CATALYST_TYPES = (
    "FastEthernet",
    "GigabitEthernet",
    "TwoGigabitEthernet",
    "FiveGigabitEthernet",
    "TenGigabitEthernet",
    "TwentyFiveGigE",
    "FortyGigabitEthernet",
    "HundredGigE",
    "Fa",
    "Gi",
    "Tw",
    "Fi",
    "Te",
    "Twe",
    "Fo",
    "Hu",
)
INTERFACE_TYPES: dict[str, tuple[str, ...]] = {
    "nxos": _NXOS_TYPES,
    "ios": _CATALYST_TYPES,
    "iosxe": _CATALYST_TYPES,
}
# Slot/module numbers before the port: "1/", "1/0/", "101/1/" (a FEX); up to three levels.
_SLOTS = r"(?:[0-9]{1,4}/){1,3}"


def _types(platform: str) -> str:
    return "|".join(sorted(INTERFACE_TYPES[platform], key=len, reverse=True))


def interface_prefix_problem(platform: str, prefix: str) -> str | None:
    """Why ``prefix`` cannot start this platform's interface names (None when it can)."""
    if re.fullmatch(rf"(?:{_types(platform)}){_SLOTS}", prefix):
        return None
    examples = {
        "nxos": "Ethernet1/",
        "ios": "GigabitEthernet1/0/",
        "iosxe": "TenGigabitEthernet1/0/",
    }
    return (
        f"{prefix!r} is not a {platform} interface prefix: an interface type "
        f"({', '.join(INTERFACE_TYPES[platform])}) followed by slot numbers each ending in "
        f"'/', e.g. {examples[platform]!r}"
    )


def interface_name_problem(platform: str, name: str) -> str | None:
    """Why ``name`` is not a port of this platform (None when it is), e.g. 'Ethernet1/49'."""
    if re.fullmatch(rf"(?:{_types(platform)}){_SLOTS}[0-9]{{1,4}}", name):
        return None
    return (
        f"{name!r} is not a {platform} interface name: an interface type "
        f"({', '.join(INTERFACE_TYPES[platform])}) followed by slot and port numbers, "
        "e.g. 'Ethernet1/49' or 'TenGigabitEthernet1/0/48'"
    )
