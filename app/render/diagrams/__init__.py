"""Diagrams rendered server-side as standalone SVG: the topology and one vSwitch view per host.

Each diagram is a pure layout function (coordinates in dataclasses, constants at the top of its
module) followed by a serializer that writes SVG with presentation attributes only. The package
imports nothing itself (import ``app.render.diagrams.topology`` or ``.vswitch``), so a page that
needs one small helper does not load every drawing when the app starts.
"""
