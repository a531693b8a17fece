"""Switch configuration (NX-OS, IOS): parsed with ciscoconfparse2 and checked against the plan.

E4 (two Nexus, trunks in the vMotion and management VLANs, jumbo 9216, PortFast: R12, R25) and
E6 (IP-hash team to a Catalyst stack: static EtherChannel of exactly the team's ports, R20).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from ciscoconfparse2 import CiscoConfParse
from pydantic import ValidationError

from app.planner.design import Design, InterconnectKind
from app.planner.result import InterconnectPlan, SwitchPlan, SwitchPort
from app.render import switch_ios, switch_iosxe, switch_nxos
from app.render.base import Artifact, RenderContext
from app.render.switch_common import one_line
from tests.examples import example_dict
from tests.render.exports_support import GOLDEN_EXAMPLES, check_golden, context


def parse(artifact: Artifact, syntax: str) -> CiscoConfParse:
    assert isinstance(artifact.content, str)
    return CiscoConfParse(artifact.content.splitlines(), syntax=syntax)


def children(conf: CiscoConfParse, interface: str) -> list[str]:
    (parent,) = conf.find_parent_objects([rf"^interface {interface}$"])
    return [child.text.strip() for child in parent.children]


def assert_port_matches(conf: CiscoConfParse, port: SwitchPort) -> list[str]:
    lines = children(conf, port.interface)
    (description,) = [line for line in lines if line.startswith("description ")]
    for word in (port.host, port.vmnic, port.cable):
        assert word in description.split()
    assert f"switchport mode {port.mode}" in lines
    if port.mode == "trunk":
        assert f"switchport trunk allowed vlan {port.vlan}" in lines
    elif port.vlan:
        assert f"switchport access vlan {port.vlan}" in lines
    return lines


def test_e4_nxos_one_file_per_switch_with_every_planned_port() -> None:
    ctx = context("e4")
    files = {a.filename: a for a in switch_nxos.render(ctx, None)}
    assert sorted(files) == ["switch-sw1-nxos.txt", "switch-sw2-nxos.txt"]
    for switch in ctx.plan.switches:
        conf = parse(files[f"switch-{switch.name}-nxos.txt"], "nxos")
        interfaces = [o.text for o in conf.find_objects(r"^interface ")]
        # Host-facing ports first; inter-switch ports (issue 7) and their port-channel after.
        facing = [p for p in switch.ports if p.kind == "host"]
        isl = [p for p in switch.ports if p.kind == "inter_switch"]
        channels = sorted({p.channel_group for p in isl if p.channel_group is not None})
        assert interfaces == [f"interface {p.interface}" for p in facing + isl] + [
            f"interface port-channel{n}" for n in channels
        ]
        for port in facing:
            lines = assert_port_matches(conf, port)
            assert "mtu 9216" in lines  # R12: 9216 on Nexus
            assert "spanning-tree port type edge trunk" in lines  # R25
            assert not any(line.startswith("channel-group") for line in lines)
        vlans = {int(o.text.split()[1]) for o in conf.find_objects(r"^vlan \d+$")}
        assert vlans == {p.vlan for p in facing} == {10, 20}
    assert switch_ios.render(ctx, None) == []  # no Catalyst in E4


def test_e4_nxos_notes_network_qos_and_unverified_portfast() -> None:
    text = str(switch_nxos.render(context("e4"), None)[0].content)
    assert "network-qos" in text
    assert "UNVERIFIED" in text
    assert "spanning-tree bpduguard enable" in text
    assert "port-channel load-balance" not in text  # no IP-hash team in E4


def test_e6_ios_stack_is_one_file_with_static_etherchannels() -> None:
    ctx = context("e6")
    (artifact,) = switch_ios.render(ctx, None)
    assert artifact.filename == "switch-stack1-ios.txt"
    conf = parse(artifact, "ios")
    ports = [port for switch in ctx.plan.switches for port in switch.ports]
    for port in ports:
        lines = assert_port_matches(conf, port)
        if port.mode == "trunk":
            assert "switchport nonegotiate" in lines
            assert "spanning-tree portfast trunk" in lines
        else:
            assert "spanning-tree portfast" in lines
    assert ctx.plan.etherchannels, "E6 plans a static EtherChannel per host"
    for channel in ctx.plan.etherchannels:
        members = [m.split(" ", 1)[1] for m in channel.members]
        grouped = [
            o.text.split(" ", 1)[1]
            for o in conf.find_parent_objects(
                [r"^interface ", rf"^\s+channel-group {channel.channel_group} mode on$"]
            )
        ]
        assert grouped == members  # exactly the team's ports (R20)
        lines = children(conf, f"Port-channel{channel.channel_group}")
        assert "switchport mode trunk" in lines
        assert "switchport trunk allowed vlan 100" in lines
    assert conf.find_objects(r"^port-channel load-balance src-dst-ip$")
    assert conf.find_objects(r"^system mtu jumbo 9000$")


def test_e6_ios_jumbo_note_says_reload_and_not_in_running_config() -> None:
    text = str(switch_ios.render(context("e6"), None)[0].content)
    assert "RELOAD" in text
    assert "never shows in running-config" in text


def e6_on(platform: str, mtu: int = 9000) -> RenderContext:
    """E6 with its Catalyst stack on ``platform`` at switch MTU ``mtu`` (Nexus port names)."""
    switches = [dict(sw, platform=platform, mtu=mtu) for sw in example_dict("e6")["switches"]]
    if platform == "nxos":
        for number, switch in enumerate(switches, start=1):
            switch["port_prefix"] = f"Ethernet{number}/"
    return context("e6", switches=switches)


def test_e6_iosxe_catalyst_9000_system_mtu_portfast_and_etherchannels() -> None:
    """Issue 8 item 10: Catalyst 9000 takes 'system mtu N' (1500-9198), not 'system mtu jumbo'."""
    ctx = e6_on("iosxe", mtu=9216)
    assert switch_ios.render(ctx, None) == []
    (artifact,) = switch_iosxe.render(ctx, None)
    assert artifact.filename == "switch-stack1-iosxe.txt"
    conf = parse(artifact, "ios")
    assert [o.text for o in conf.find_objects(r"^system mtu")] == ["system mtu 9198"]
    assert "9216" in str(artifact.content)  # the comment says why 9198, not the design's 9216
    for port in (port for switch in ctx.plan.switches for port in switch.ports):
        lines = assert_port_matches(conf, port)
        portfast = (
            "spanning-tree portfast trunk" if port.mode == "trunk" else "spanning-tree portfast"
        )
        assert portfast in lines
        assert not any(line.startswith("mtu") for line in lines)  # the MTU is global
    for channel in ctx.plan.etherchannels:
        grouped = conf.find_parent_objects(
            [r"^interface ", rf"^\s+channel-group {channel.channel_group} mode on$"]
        )
        assert [o.text.split(" ", 1)[1] for o in grouped] == [
            m.split(" ", 1)[1] for m in channel.members
        ]
        assert "switchport trunk allowed vlan 100" in children(
            conf, f"Port-channel{channel.channel_group}"
        )
    assert conf.find_objects(r"^port-channel load-balance src-dst-ip$")


def test_iosxe_keeps_a_lower_design_mtu_and_writes_none_at_1500() -> None:
    (artifact,) = switch_iosxe.render(e6_on("iosxe", mtu=9000), None)
    assert parse(artifact, "ios").find_objects(r"^system mtu 9000$")
    (plain,) = switch_iosxe.render(e6_on("iosxe", mtu=1500), None)
    assert not parse(plain, "ios").find_objects(r"^system mtu")


@pytest.mark.parametrize(
    ("platform", "module", "syntax", "global_mtu", "port_mtu"),
    [
        ("ios", switch_ios, "ios", "system mtu jumbo 9000", None),
        ("iosxe", switch_iosxe, "ios", "system mtu 9000", None),
        ("nxos", switch_nxos, "nxos", None, "mtu 9000"),
    ],
)
def test_each_dialect_has_its_own_mtu_syntax(
    platform: str, module: Any, syntax: str, global_mtu: str | None, port_mtu: str | None
) -> None:
    ctx = e6_on(platform)
    artifacts = module.render(ctx, None)
    assert artifacts
    for artifact in artifacts:
        conf = parse(artifact, syntax)
        found = [o.text for o in conf.find_objects(r"^system mtu")]
        assert found == ([] if global_mtu is None else [global_mtu])
        for parent in conf.find_objects(r"^interface (?!Vlan)"):
            lines = [child.text.strip() for child in parent.children]
            assert (
                (port_mtu in lines)
                if port_mtu
                else not any(line.startswith("mtu ") for line in lines)
            )


def test_nexus_vpc_pair_gets_a_file_per_switch_with_local_members() -> None:
    ctx = e6_on("nxos")
    files = {a.filename: a for a in switch_nxos.render(ctx, None)}
    assert sorted(files) == ["switch-stack1-a-nxos.txt", "switch-stack1-b-nxos.txt"]
    for switch in ctx.plan.switches:
        conf = parse(files[f"switch-{switch.name}-nxos.txt"], "nxos")
        for channel in ctx.plan.etherchannels:
            local = [m.split(" ", 1)[1] for m in channel.members if m.startswith(f"{switch.name} ")]
            grouped = [
                o.text.split(" ", 1)[1]
                for o in conf.find_parent_objects(
                    [r"^interface ", rf"^\s+channel-group {channel.channel_group} mode on$"]
                )
            ]
            assert grouped == local
            assert conf.find_objects(rf"^interface port-channel{channel.channel_group}$")
        assert "vpc" in str(files[f"switch-{switch.name}-nxos.txt"].content)


def test_direct_design_has_no_switch_config() -> None:
    ctx = context("e1", switches=[])  # E1 without the switches of its other teams (issue 7)
    assert switch_nxos.render(ctx, None) == [] and switch_ios.render(ctx, None) == []
    assert switch_iosxe.render(ctx, None) == []


def test_design_text_never_breaks_a_config_line() -> None:
    data = example_dict("e6")
    data["hardware"][0]["model"] = "X710\ninterface Vlan1\n shutdown"
    ctx = context("e6", hardware=data["hardware"], name="Lab\r\nno feature lacp")
    (artifact,) = switch_ios.render(ctx, None)
    text = str(artifact.content)
    assert "\nno feature lacp" not in text
    assert "\ninterface Vlan1" not in text and "\n shutdown" not in text
    assert "\r" not in text
    assert all(c.isalnum() or c in "-_." for c in artifact.filename)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("stack", "core\ninterface Vlan1\n shutdown"),
        ("port_prefix", "Ethernet1/\nreload\n"),
        ("port_prefix", "Ethernet1/"),  # an NX-OS name on a Catalyst
        ("name", "sw1 reload"),
    ],
)
def test_identifiers_that_would_become_config_lines_are_refused(field: str, value: str) -> None:
    """Issue 8 item 9: a Cisco config has no quoting, so identifiers get a syntax per platform."""
    data = example_dict("e6")
    data["switches"][0][field] = value
    with pytest.raises(ValidationError) as caught:
        Design.model_validate(data)
    assert [e["loc"] for e in caught.value.errors()] == [("switches", 0, field)]


@pytest.mark.parametrize(
    ("platform", "prefix"),
    [
        ("nxos", "Ethernet1/"),
        ("nxos", "Eth101/1/"),
        ("ios", "GigabitEthernet1/0/"),
        ("ios", "Gi1/0/"),
        ("iosxe", "TwentyFiveGigE1/0/"),
        ("iosxe", "HundredGigE2/0/"),
    ],
)
def test_interface_prefixes_of_each_platform_are_accepted(platform: str, prefix: str) -> None:
    data = example_dict("e6")
    data["switches"] = [dict(sw, platform=platform, port_prefix=prefix) for sw in data["switches"]]
    ctx = context("e6", switches=data["switches"])
    ports = [port.interface for switch in ctx.plan.switches for port in switch.ports]
    assert ports and all(name.startswith(prefix) for name in ports)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("esx01 vmnic1\nC01", "esx01 vmnic1 C01"),
        ("  tabs\tand\r\nbreaks  ", "tabs and breaks"),
        ("Zürich rack", "Zurich rack"),
        ("bell\x07", "bell?"),
    ],
)
def test_one_line_makes_printable_ascii(text: str, expected: str) -> None:
    assert one_line(text) == expected


def test_one_line_limits_length() -> None:
    assert len(one_line("x" * 500, 200)) == 200


def test_portfast_off_is_explained_not_configured() -> None:
    data = example_dict("e4")
    switches = [dict(sw, portfast=False) for sw in data["switches"]]
    text = str(switch_nxos.render(context("e4", switches=switches), None)[0].content)
    assert "spanning-tree port type edge" not in text
    assert "R25" in text


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    ctx = context(stem)
    artifacts = switch_nxos.render(ctx, None) + switch_ios.render(ctx, None)
    check_golden("switch", stem, artifacts)


# --- issue 7: inter-switch links and existing uplinks -----------------------------------------


def with_link(ctx: RenderContext, kind: InterconnectKind, ports: tuple[str, str]) -> RenderContext:
    """``ctx`` with a two-cable port-channel between its two switches on ``ports`` (the plan
    shape i7-core produces: both ends in each switch's ports, one InterconnectPlan), and the
    first host port of the first switch marked as patched today."""
    first, second = ctx.plan.switches
    link = InterconnectPlan(
        a=first.name,
        b=second.name,
        kind=kind,
        cables=["C90", "C91"],
        vlans=[10, 20],
        mtu=9216,
        channel_group=100,
        proposed=True,
        existing=False,
    )

    def isl(switch: SwitchPlan, peer: SwitchPlan) -> list[SwitchPort]:
        return [
            SwitchPort(
                interface=f"{port}",
                kind="inter_switch",
                peer_switch=peer.name,
                peer_interface=port,
                role=None,
                cable=cable,
                vlan=0,
                vlans=[10, 20],
                mtu=9216,
                mode="trunk",
                channel_group=100,
            )
            for port, cable in zip(ports, link.cables, strict=True)
        ]

    # Only the host ports of the plan are kept: a link the planner proposed is replaced.
    hosts_a = [port for port in first.ports if port.kind == "host"]
    hosts_b = [port for port in second.ports if port.kind == "host"]
    existing = replace(hosts_a[0], existing=True)
    switches = [
        replace(first, ports=[existing, *hosts_a[1:], *isl(first, second)]),
        replace(second, ports=[*hosts_b, *isl(second, first)]),
    ]
    plan = replace(ctx.plan, switches=switches, interconnects=[link])
    return RenderContext(ctx.design, plan, ctx.revision, ctx.generated_at)


@pytest.mark.parametrize("kind", list(InterconnectKind))
def test_nxos_inter_switch_link_is_an_lacp_trunk_with_vlans_and_mtu(kind: InterconnectKind) -> None:
    ctx = with_link(context("e4"), kind, ("Ethernet1/47", "Ethernet1/48"))
    files = {a.filename: a for a in switch_nxos.render(ctx, None)}
    for switch in ctx.plan.switches:
        conf = parse(files[f"switch-{switch.name}-nxos.txt"], "nxos")
        for interface in ("Ethernet1/47", "Ethernet1/48"):
            lines = children(conf, interface)
            assert "switchport mode trunk" in lines
            assert "switchport trunk allowed vlan 10,20" in lines
            assert "mtu 9216" in lines and "channel-group 100 mode active" in lines
            assert not any(line.startswith("spanning-tree port type edge") for line in lines)
        channel = children(conf, "port-channel100")
        assert "switchport trunk allowed vlan 10,20" in channel and "mtu 9216" in channel
        assert ("vpc peer-link" in channel) is (kind is InterconnectKind.VPC_PEER_LINK)
        assert conf.find_objects(r"^feature lacp$")
        assert bool(conf.find_objects(r"^feature vpc$")) is (kind is InterconnectKind.VPC_PEER_LINK)


def test_existing_uplinks_are_listed_to_verify_and_not_configured() -> None:
    ctx = with_link(context("e4"), InterconnectKind.ISL, ("Ethernet1/47", "Ethernet1/48"))
    patched = ctx.plan.switches[0].ports[0]
    assert patched.existing
    text = str(switch_nxos.render(ctx, None)[0].content)
    conf = CiscoConfParse(text.splitlines(), syntax="nxos")
    assert not conf.find_objects(rf"^interface {patched.interface}$")
    assert f"! - {patched.interface}: {patched.host} {patched.vmnic} {patched.cable}" in text


def test_catalyst_inter_switch_link_has_no_portfast_and_says_vpc_is_nxos_only() -> None:
    data = example_dict("e4")
    for number, switch in enumerate(data["switches"], start=1):
        switch.update(platform="iosxe", port_prefix=f"TenGigabitEthernet{number}/0/")
    ctx = context("e4", switches=data["switches"])
    ctx = with_link(ctx, InterconnectKind.VPC_PEER_LINK, ("TenGigabitEthernet1/1/1", "Te1/1/2"))
    for artifact in switch_iosxe.render(ctx, None):
        conf = parse(artifact, "ios")
        for interface in ("TenGigabitEthernet1/1/1", "Te1/1/2"):
            lines = children(conf, interface)
            assert "switchport trunk allowed vlan 10,20" in lines
            assert "channel-group 100 mode active" in lines
            assert not any(line.startswith("spanning-tree portfast") for line in lines)
        assert "switchport trunk allowed vlan 10,20" in children(conf, "Port-channel100")
        assert "vPC is NX-OS only" in str(artifact.content)
