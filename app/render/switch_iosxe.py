"""Cisco IOS-XE (Catalyst 9000) interface configuration for the ESXi-facing ports.

The interface and port-channel blocks are those of :mod:`app.render.switch_ios`; the global MTU
and the PortFast notes are IOS-XE's own:

* MTU: ``system mtu <bytes>`` sets the MTU of every interface; 1500-9198 bytes on Catalyst
  9200/9300/9500 (9216 on 9500 High Performance and 9600), per the Catalyst 9500 IOS-XE 17.5
  interface configuration guide, "Configuring System MTU". The 3750/3560 form
  ``system mtu jumbo`` is not accepted there (issue 8 item 10).
* PortFast: ``spanning-tree portfast`` and ``spanning-tree portfast trunk`` (IOS-XE command
  reference); the 'edge' spelling that C9500 High Performance models use is UNVERIFIED and noted.
* Port-channels: ``channel-group N mode on|active`` and ``interface Port-channelN`` as on IOS;
  Catalyst 9000 trunks are 802.1Q only, so no ``switchport trunk encapsulation`` line.
"""

from __future__ import annotations

from app.render.base import Artifact, RenderContext
from app.render.switch_common import SwitchFile, comment
from app.render.switch_ios import Catalyst, bpduguard_note, portfast_off_note, render_catalyst

PLATFORM = "iosxe"
# Highest `system mtu` of Catalyst 9200/9300/9500 (9500 High Performance and 9600: 9216).
SYSTEM_MTU_MAX = 9198


def render(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """One IOS-XE config file per Catalyst 9000 switch or stack; ``host`` is ignored."""
    return render_catalyst(ctx, IOS_XE)


def system_mtu(file: SwitchFile) -> int:
    """The ``system mtu`` value: the design's switch MTU, at most what every C9000 accepts."""
    return min(file.mtu, SYSTEM_MTU_MAX)


def _mtu_lines(file: SwitchFile) -> list[str]:
    if file.mtu <= 1500:
        return []
    lines = [
        comment(f"Jumbo frames (R12): 'system mtu {system_mtu(file)}' sets every interface; the"),
        comment("Catalyst 3750/3560 form 'system mtu jumbo' is rejected on IOS-XE."),
        comment("Check with 'show system mtu'."),
    ]
    if file.mtu > SYSTEM_MTU_MAX:
        lines += [
            comment(f"The design says MTU {file.mtu}; Catalyst 9200/9300/9500 accept at most"),
            comment(
                f"{SYSTEM_MTU_MAX} (9500 High Performance and 9600: 9216), which still carries"
            ),
            comment("a 9000-byte vMotion frame with its headers."),
        ]
    return [*lines, f"system mtu {system_mtu(file)}", "!"]


def _portfast_notes(file: SwitchFile) -> list[str]:
    if not file.portfast:
        return portfast_off_note()
    return [
        comment("PortFast (R25): 'spanning-tree portfast [trunk]' on each ESXi-facing port."),
        comment("Catalyst 9500 High Performance models spell it 'spanning-tree portfast edge"),
        comment("[trunk]' (UNVERIFIED on other models: use the one your release accepts)."),
        *bpduguard_note(),
    ]


IOS_XE = Catalyst(PLATFORM, "Cisco IOS-XE (Catalyst 9000)", _mtu_lines, _portfast_notes)
