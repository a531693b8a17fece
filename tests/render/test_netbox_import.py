"""The NetBox file set against a model of NetBox 4.4.6's import rules (tests/render/netbox_model).

Empty NetBox: every file imports in order. A NetBox that holds what exists today: the planned
files import alone, the existing ones would fail (which is why they are apart). Host by host:
the per-host files import one host after another and never hold a row of another host.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.planner.design import Design, Role
from app.planner.plan import plan
from app.planner.result import Cable, CableEnd, CableKind, EndKind, SwitchPort
from app.render import netbox
from app.render.base import Artifact, RenderContext
from tests.planner.test_properties import designs
from tests.render.exports_support import context
from tests.render.netbox_model import Device, ImportError_, NetBox, kind_of

EXAMPLES = ("e1", "e2", "e3", "e4", "e5", "e6", "e7", "kb2010877")


def files(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    return [a for a in netbox.render(ctx, host) if a.filename != netbox.ORDER_FILE]


def import_all(box: NetBox, artifacts: list[Artifact]) -> None:
    for artifact in artifacts:
        assert isinstance(artifact.content, str)
        box.import_file(artifact.filename, artifact.content)


def is_setup(name: str) -> bool:
    return name.startswith("netbox-prereq-") or kind_of(name) in ("tags", "vlan-groups")


def check_empty_netbox(ctx: RenderContext) -> NetBox:
    box = NetBox()
    import_all(box, files(ctx))
    hosts = {h.name for h in ctx.plan.hosts}
    assert {d.name for d in box.devices} == hosts | {s.name for s in ctx.plan.switches}
    assert len(box.cables) == len(ctx.plan.cables)
    assert len(box.addresses) == sum(len(h.vmks) for h in ctx.plan.hosts)
    return box


def check_source_of_truth(ctx: RenderContext) -> None:
    """What exists today is in NetBox: the planned files import; the existing ones would not."""
    artifacts = files(ctx)
    box = NetBox()
    import_all(box, [a for a in artifacts if is_setup(a.filename)])
    # The switches' ports are in NetBox already (with whatever VLANs they have today).
    for artifact in artifacts:
        if kind_of(artifact.filename) == "interfaces" and "switch-ports" in artifact.filename:
            for row in csv.DictReader(io.StringIO(str(artifact.content), newline="")):
                port = {"type": row["type"], "cabled": False}
                box.device(0, row["device"]).interfaces[row["name"]] = port
    existing = [
        a
        for a in artifacts
        if a.filename.startswith("netbox-existing-") and "switch-ports" not in a.filename
    ]
    import_all(box, existing)
    planned = [
        a
        for a in artifacts
        if not is_setup(a.filename)
        and not a.filename.startswith(("netbox-existing-", "netbox-switch-ports"))
    ]
    import_all(box, planned)
    for artifact in existing:
        assert isinstance(artifact.content, str)
        with pytest.raises(ImportError_):
            box.import_file(artifact.filename, artifact.content)


def check_host_by_host(ctx: RenderContext) -> None:
    """Each host's set imports after the previous hosts' (shared files once, first)."""
    box, done = NetBox(), set[str]()
    for host in ctx.plan.hosts:
        artifacts = [a for a in files(ctx, host.name) if a.filename not in done]
        import_all(box, artifacts)
        done |= {a.filename for a in artifacts if not a.filename.endswith(f"-{host.name}.csv")}
    whole = NetBox()
    import_all(whole, files(ctx))
    assert box.cables == whole.cables or sorted(box.cables) == sorted(whole.cables)
    assert box.prefixes == whole.prefixes and box.addresses == whole.addresses
    assert box.vlans == whole.vlans


def with_existing_and_isl(ctx: RenderContext, roles: set[Role], isl: bool) -> RenderContext:
    """``ctx`` with the uplinks of ``roles`` patched today and an inter-switch link sw1–sw2.

    Stands in for the planner's issue 7 output (Cable.existing, SwitchPort.existing, inter-
    switch cables and ports), so the renderer is checked on plans that have them.
    """
    p = ctx.plan
    cables = [replace(c, existing=c.role in roles and c.kind is CableKind.UPLINK) for c in p.cables]
    existing = {c.id for c in cables if c.existing}
    switches = [
        replace(s, ports=[replace(x, existing=x.cable in existing) for x in s.ports])
        for s in p.switches
    ]
    if isl and len(switches) >= 2:
        a, b = switches[0], switches[1]
        vids = sorted({v for s in (a, b) for port in s.ports for v in port.vlans} | {0})
        cables.append(
            Cable(
                id="C99", label="C99 ISL", kind=CableKind.INTER_SWITCH, role=None,
                a=CableEnd(kind=EndKind.SWITCH, device=a.name, port="Ethernet2/1"),
                b=CableEnd(kind=EndKind.SWITCH, device=b.name, port="Ethernet2/1"),
                speed_gbps=10, color="#000000", vlans=vids, mtu=min(a.mtu, b.mtu),
            )
        )  # fmt: skip

        def isl_port(me: str, peer: str) -> SwitchPort:
            return SwitchPort(
                interface="Ethernet2/1", kind="inter_switch", peer_switch=peer,
                peer_interface="Ethernet2/1", role=None, cable="C99", vlan=0, vlans=vids,
                mtu=9216, mode="trunk",
            )  # fmt: skip

        switches[0] = replace(a, ports=[*a.ports, isl_port(a.name, b.name)])
        switches[1] = replace(b, ports=[*b.ports, isl_port(b.name, a.name)])
    changed = replace(p, cables=cables, switches=switches)
    return RenderContext(design=ctx.design, plan=changed)


def rows(artifact: Artifact) -> list[tuple[str, ...]]:
    assert isinstance(artifact.content, str)
    return [tuple(r) for r in csv.reader(io.StringIO(artifact.content, newline=""))][1:]


def check_hosts_never_overlap(ctx: RenderContext) -> None:
    """Issue 8 item 15: no row in two host files; host rows + shared rows = the whole file."""
    whole = {a.filename: Counter(rows(a)) for a in files(ctx) if a.filename.endswith(".csv")}
    per_kind: dict[str, Counter[tuple[str, ...]]] = {}
    for host in ctx.plan.hosts:
        for artifact in files(ctx, host.name):
            if artifact.filename.endswith(f"-{host.name}.csv"):
                stem = artifact.filename.removesuffix(f"-{host.name}.csv") + ".csv"
                seen = per_kind.setdefault(stem, Counter())
                mine = Counter(rows(artifact))
                assert not set(mine) & set(seen), f"{artifact.filename} repeats another host's row"
                seen.update(mine)
    shared = {
        a.filename.removesuffix("-shared.csv") + ".csv": Counter(rows(a))
        for a in files(ctx, ctx.plan.hosts[0].name)
        if a.filename.endswith("-shared.csv")
    }
    for stem in set(per_kind) | set(shared):
        assert per_kind.get(stem, Counter()) + shared.get(stem, Counter()) == whole[stem], stem


@pytest.mark.parametrize("stem", EXAMPLES)
def test_examples_import_into_an_empty_netbox(stem: str) -> None:
    check_empty_netbox(context(stem))


@pytest.mark.parametrize("stem", EXAMPLES)
def test_examples_import_into_a_netbox_that_holds_what_exists(stem: str) -> None:
    check_source_of_truth(context(stem))


@pytest.mark.parametrize("stem", EXAMPLES)
def test_examples_import_host_by_host_without_overlap(stem: str) -> None:
    ctx = context(stem)
    check_host_by_host(ctx)
    check_hosts_never_overlap(ctx)


@pytest.mark.parametrize("stem", ["e4", "e6", "e7"])
def test_existing_uplinks_and_an_inter_switch_link(stem: str) -> None:
    ctx = with_existing_and_isl(context(stem), {Role.MANAGEMENT}, isl=True)
    check_empty_netbox(ctx)
    check_source_of_truth(ctx)
    check_host_by_host(ctx)
    check_hosts_never_overlap(ctx)


def test_a_second_import_of_the_planned_files_is_refused_whole() -> None:
    """Re-import after a revision: NetBox rejects the file at the first row that exists."""
    ctx = context("e4")
    box = check_empty_netbox(ctx)
    cables = next(a for a in files(ctx) if a.filename == "netbox-cables.csv")
    assert isinstance(cables.content, str)
    before = list(box.cables)
    with pytest.raises(ImportError_, match="already connected"):
        box.import_file(cables.filename, cables.content)
    assert box.cables == before  # nothing of the file was kept


def test_device_names_repeated_in_another_site_resolve_for_cables_only() -> None:
    """Cables name the site of each end; NetBox's interface and IP import forms cannot."""
    ctx = context("e1", switches=[])
    box = NetBox()
    ports = {f"vmnic{i}": {"type": "other", "cabled": False} for i in range(8)}
    other = Device("esx01", "Another site", dict(ports))
    box.devices.append(other)
    artifacts = files(ctx)
    skipped = ("interfaces", "ip-addresses", "cables")
    import_all(box, [a for a in artifacts if kind_of(a.filename) not in skipped])
    import_all(box, [a for a in artifacts if kind_of(a.filename) == "cables"])
    assert not any(i["cabled"] for i in other.interfaces.values())
    vmks = next(a for a in artifacts if a.filename == "netbox-existing-interfaces.csv")
    assert isinstance(vmks.content, str)
    with pytest.raises(ImportError_, match="not a unique value"):
        box.import_file(vmks.filename, vmks.content)


@st.composite
def netbox_designs(draw: st.DrawFn) -> dict[str, Any]:
    """The planner's property designs, with VLANs and stacks that NetBox has to name."""
    doc = draw(designs())
    vid = st.integers(0, 4094)
    doc["vmotion"]["vlan"] = draw(vid)
    vm_traffic: dict[str, Any] = {"vlan": draw(vid)}
    if draw(st.booleans()):  # IP hash over a static EtherChannel: LAGs on the switches
        vm_traffic |= {
            "load_balancing": "iphash",
            "mode": "active_active",
            "etherchannel": "static",
        }
    doc["teaming"] = {"management": {"vlan": draw(vid)}, "vm_traffic": vm_traffic}
    if doc["switches"] and draw(st.booleans()):
        for switch in doc["switches"]:
            switch["stack"] = "stack-a"
    return doc


@settings(max_examples=40, deadline=None)
@given(netbox_designs(), st.data())
def test_generated_designs_import_and_never_overlap(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    design = Design.model_validate(doc)
    roles = data.draw(st.sets(st.sampled_from(list(Role))))
    ctx = with_existing_and_isl(
        RenderContext(design=design, plan=plan(design)), roles, data.draw(st.booleans())
    )
    check_empty_netbox(ctx)
    check_source_of_truth(ctx)
    check_host_by_host(ctx)
    check_hosts_never_overlap(ctx)
