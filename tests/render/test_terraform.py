"""Terraform renderer: parsed with python-hcl2 and checked resource by resource.

Argument names are checked against the provider documentation (terraform-provider-vsphere,
website/docs/r/host_virtual_switch, host_port_group and vnic; ``services`` from provider 2.7).
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import hcl2
import pytest

from app.render import hostscope, terraform
from app.render.quoting import hcl_string
from tests.render.scripts_support import (
    EVIL_DESCRIPTION,
    EVIL_MGMT_PG,
    EVIL_NAME,
    GOLDEN_EXAMPLES,
    addresses_in,
    by_name,
    check_golden,
    context,
    evil_context,
    plan_addresses,
)

POLICY = {
    "active_nics",
    "standby_nics",
    "check_beacon",
    "teaming_policy",
    "notify_switches",
    "failback",
    "allow_promiscuous",
    "allow_forged_transmits",
    "allow_mac_changes",
    "shaping_enabled",
    "shaping_average_bandwidth",
    "shaping_peak_bandwidth",
    "shaping_burst_size",
}
ARGUMENTS = {
    "vsphere_host_virtual_switch": {
        "name",
        "host_system_id",
        "mtu",
        "number_of_ports",
        "network_adapters",
        "beacon_interval",
        "link_discovery_operation",
        "link_discovery_protocol",
    }
    | POLICY,
    "vsphere_host_port_group": {"name", "host_system_id", "virtual_switch_name", "vlan_id"}
    | POLICY,
    "vsphere_vnic": {
        "host",
        "portgroup",
        "distributed_switch_port",
        "distributed_port_group",
        "ipv4",
        "ipv6",
        "mac",
        "mtu",
        "netstack",
        "services",
    },
}
TEAMING = {"loadbalance_ip", "loadbalance_srcmac", "loadbalance_srcid", "failover_explicit"}
NETSTACKS = {"defaultTcpipStack", "vmotion", "vSphereProvisioning"}


def unquote(value: Any) -> Any:
    """python-hcl2 keeps the quotes of string literals; drop them (recursively)."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    if isinstance(value, list):
        return [unquote(v) for v in value]
    if isinstance(value, dict):
        return {unquote(k): unquote(v) for k, v in value.items() if not k.startswith("__")}
    return value


def parse(text: str) -> dict[str, Any]:
    data: dict[str, Any] = hcl2.load(io.StringIO(text))
    return data


def resources(text: str) -> dict[tuple[str, str], dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for block in parse(text).get("resource", []):
        for rtype, labelled in unquote(block).items():
            for label, body in labelled.items():
                assert (rtype, label) not in found, f"duplicate {rtype}.{label}"
                found[(rtype, label)] = body
    return found


def of_type(res: dict[tuple[str, str], dict[str, Any]], rtype: str) -> list[dict[str, Any]]:
    return [body for (kind, _), body in res.items() if kind == rtype]


def main_of(stem: str) -> str:
    return by_name(terraform.render(context(stem), None))["terraform/main.tf"]


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("terraform", stem, terraform.render(context(stem), None))


@pytest.mark.parametrize("stem", ["e1", "e4", "e5", "e6", "e7"])
def test_parses_and_uses_only_documented_arguments(stem: str) -> None:
    files = by_name(terraform.render(context(stem), None))
    assert set(files) == {"terraform/main.tf", "terraform/variables.tf"}
    parse(files["terraform/variables.tf"])
    res = resources(files["terraform/main.tf"])
    assert res
    for (rtype, label), body in res.items():
        assert set(body) <= ARGUMENTS[rtype], f"{rtype}.{label}: {set(body) - ARGUMENTS[rtype]}"
        if "teaming_policy" in body:
            assert body["teaming_policy"] in TEAMING
        if rtype == "vsphere_vnic":
            assert body["netstack"] in NETSTACKS
            assert set(body["ipv4"][0]) <= {"dhcp", "ip", "netmask", "gw"}
        if rtype == "vsphere_host_virtual_switch":
            assert {"active_nics", "standby_nics", "network_adapters"} <= set(body)  # required


def test_e1_four_switches_port_groups_and_vnics_per_host() -> None:
    ctx = context("e1")
    res = resources(main_of("e1"))
    switches = of_type(res, "vsphere_host_virtual_switch")
    assert len(switches) == 8
    for switch in switches:
        assert switch["mtu"] == 9000
        assert len(switch["network_adapters"]) == 1
        assert switch["active_nics"] == switch["network_adapters"]
    for pg in of_type(res, "vsphere_host_port_group"):
        assert len(pg["active_nics"]) == 1 and pg["standby_nics"] == []
        assert pg["teaming_policy"] == "failover_explicit"
        assert pg["virtual_switch_name"].startswith("${vsphere_host_virtual_switch.")
    vnics = res[("vsphere_vnic", "esx01_vmk1")]
    vmk1 = next(v for v in ctx.plan.host("esx01").vmks if v.name == "vmk1")
    assert vnics["ipv4"][0] == {"ip": str(vmk1.address.ip), "netmask": "255.255.255.252"}
    assert vnics["mtu"] == 9000 and vnics["netstack"] == "defaultTcpipStack"
    assert vnics["services"] == ["vmotion"]
    assert vnics["portgroup"] == "${vsphere_host_port_group.esx01_vMotion-1.name}"
    assert vnics["host"] == "${data.vsphere_host.esx01.id}"


def test_e4_every_vmotion_port_group_has_a_standby_nic() -> None:
    pgs = of_type(resources(main_of("e4")), "vsphere_host_port_group")
    assert len(pgs) == 8
    for pg in pgs:
        assert len(pg["active_nics"]) == 1 and len(pg["standby_nics"]) == 1


def test_e5_bind_to_vmknic_is_an_output_with_a_warning() -> None:
    """The provider cannot set advanced settings, so the file says so and lists them (R9)."""
    text = main_of("e5")
    outputs = unquote(parse(text)["output"])
    value = outputs[0]["advanced_settings_to_apply"]["value"]
    assert value == {"esx01": {"Migrate.BindToVmknic": 1}, "esx02": {"Migrate.BindToVmknic": 1}}
    assert "# WARNING: the vSphere provider cannot set host advanced settings." in text
    assert "esxcfg-advcfg -s 1 /Migrate/BindToVmknic" in text


def test_e7_vnics_on_the_vmotion_stack_with_gateway_and_no_services() -> None:
    for vnic in of_type(resources(main_of("e7")), "vsphere_vnic"):
        assert vnic["netstack"] == "vmotion"
        assert "services" not in vnic
        assert vnic["ipv4"][0]["gw"] == "203.0.113.1"


def test_credentials_are_variables_without_defaults() -> None:
    files = by_name(terraform.render(context("e1"), None))
    variables = {
        k: v
        for block in unquote(parse(files["terraform/variables.tf"])["variable"])
        for k, v in block.items()
    }
    assert "default" not in variables["vsphere_password"]
    assert variables["vsphere_password"]["sensitive"] is True
    assert variables["esxi_host_names"]["default"] == {"esx01": "esx01", "esx02": "esx02"}
    provider = unquote(parse(files["terraform/main.tf"])["provider"])[0]["vsphere"]
    assert provider["password"] == "${var.vsphere_password}"


def test_no_address_the_design_did_not_state() -> None:
    for stem in ("e1", "e4", "e5", "e6", "e7"):
        ctx = context(stem)
        for text in by_name(terraform.render(ctx, None)).values():
            assert addresses_in(text) <= plan_addresses(ctx)


def test_hostile_text_stays_in_comments() -> None:
    files = by_name(terraform.render(evil_context("e6"), None))
    text = files["terraform/main.tf"]
    parse(text)
    for line in text.splitlines():
        if "PWNED" in line or "rm -rf" in line:
            assert line.startswith("#"), line
    assert f"# Design: {EVIL_NAME}" in text
    assert f"# {EVIL_MGMT_PG} on vSwitch0" in text
    assert EVIL_DESCRIPTION not in text


def test_duplicate_host_labels_get_a_suffix() -> None:
    ctx = context("e1")
    scopes = hostscope.scopes(ctx.plan)
    renamed = [
        replace(scope, host=replace(scope.host, name=name))
        for scope, name in zip(scopes, ["esx.01", "esx_01"], strict=True)
    ]
    assert terraform.host_labels(renamed) == {"esx.01": "esx_01", "esx_01": "esx_01_2"}


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        'say "hi"',
        "back\\slash",
        "${var.x}",
        "%{ if true }x%{ endif }",
        "a\nb\tc",
        "ümlaut",
    ],
)
def test_hcl_string_is_read_back_literally(value: str) -> None:
    data = parse(f"x = {hcl_string(value)}\n")
    raw = data["x"]
    # python-hcl2 returns the literal as written (quotes, escapes and $${ kept); decode it the
    # way Terraform does.
    inner = raw[1:-1]
    decoded = inner.encode().decode("unicode_escape").encode("latin-1").decode()
    decoded = decoded.replace("$${", "${").replace("%%{", "%{")
    assert decoded == value
