"""Diagrams rendered server-side as standalone SVG: the topology and one vSwitch view per host.

Each diagram is a pure layout function (coordinates in dataclasses, constants at the top of its
module) followed by a serializer that writes SVG with presentation attributes only.
"""

from app.render.diagrams.topology import render_topology, topology_svg
from app.render.diagrams.vswitch import render_vswitches, vswitch_svg

__all__ = ["render_topology", "render_vswitches", "topology_svg", "vswitch_svg"]
