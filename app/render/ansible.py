"""Ansible playbook and inventory using the community.vmware modules (through vCenter).

Style: the playbook is generic — a few tasks that loop over host variables — and the inventory
carries the data, one host entry per ESXi host. A team can keep the playbook as it is, review the
inventory diff when the design changes, and run the same playbook for every revision. Each item
in the host variables uses the module's own option names (``switch``, ``nics``, ``teaming``,
``network``, …), so the inventory reads like the module documentation.

Safety: the play runs one host at a time (``serial: 1``) and stops on the first failure. vCenter
credentials are variables (``vcenter_hostname``, ``vcenter_username``, ``vcenter_password``)
supplied at run time (vault or ``-e``), never written here. Every string from the plan is tagged
``!unsafe`` so Ansible never evaluates ``{{ … }}`` in a port group name. Design text appears only
in comments. What is applied and what is only listed follows :mod:`app.render.hostscope`.
"""

from __future__ import annotations

from typing import Any

from app.planner.design import Netstack
from app.planner.result import PortGroup, Vmk, VSwitch
from app.render.base import Artifact, RenderContext
from app.render.hostscope import (
    API_FAILURE_DETECTION,
    API_LOAD_BALANCING,
    HostScope,
    error_findings,
    header_facts,
    scopes,
)
from app.render.quoting import mark_unsafe, yaml_comment, yaml_dump

MEDIA_TYPE = "application/yaml"
GROUP = "esxi_hosts"
PREFIX = "community.vmware."


def render(ctx: RenderContext, host: str | None) -> list[Artifact]:
    """``ansible/playbook.yml`` and ``ansible/inventory.yml`` (the inventory only for ``host``)."""
    host_scopes = scopes(ctx.plan, host)
    return [
        Artifact("ansible/playbook.yml", MEDIA_TYPE, playbook(ctx)),
        Artifact("ansible/inventory.yml", MEDIA_TYPE, inventory(ctx, host_scopes)),
    ]


def _header(ctx: RenderContext, what: str) -> str:
    facts = header_facts(ctx.design.name, ctx.revision, ctx.generated_at)
    lines = [yaml_comment(what), *(yaml_comment(fact) for fact in facts)]
    return "\n".join(lines) + "\n"


# --- inventory ------------------------------------------------------------------------------


def inventory(ctx: RenderContext, host_scopes: list[HostScope]) -> str:
    """The inventory: connection defaults for the group and the plan data per host."""
    hosts = {scope.name: mark_unsafe(host_vars(scope)) for scope in host_scopes}
    errors = error_findings(ctx.plan)
    data = {
        "all": {
            "children": {
                GROUP: {
                    "vars": {
                        "vcenter_validate_certs": True,
                        "plan_errors": mark_unsafe(errors),
                    },
                    "hosts": hosts,
                }
            }
        }
    }
    usage = [
        "#",
        "# Host variables hold the plan; vCenter credentials are NOT stored here. Run with:",
        "#   ansible-playbook -i inventory.yml playbook.yml -e @vcenter.yml --ask-vault-pass",
        "# where vcenter.yml (ansible-vault encrypted) sets vcenter_hostname, vcenter_username",
        "# and vcenter_password. esxi_hostname is the name vCenter knows the host by: change it",
        "# if vCenter uses an FQDN or IP address.",
    ]
    return (
        _header(ctx, "Ansible inventory: multi-NIC vMotion network")
        + "\n".join(usage)
        + ("\n" + yaml_dump(data))
    )


def host_vars(scope: HostScope) -> dict[str, Any]:
    """One host's variables; item keys are the community.vmware option names."""
    data: dict[str, Any] = {
        "esxi_hostname": scope.name,
        "vmotion_vswitches": [vswitch_item(vs) for vs in scope.vswitches],
        "vmotion_portgroups": [portgroup_item(pg) for pg in scope.portgroups],
        "vmotion_vmkernels": [vmkernel_item(vmk) for vmk in scope.vmks],
        "advanced_settings": dict(sorted(scope.advanced.items())),
    }
    gateways = {
        name: {"gateway": str(gw)} for name, gw in sorted(scope.host.netstack_gateways.items())
    }
    if gateways:
        data["tcpip_stacks"] = gateways
    data["vmkping_checks"] = [test.command for test in scope.tests]
    data["not_applied_review"] = _review(scope)
    return data


def vswitch_item(vs: VSwitch) -> dict[str, Any]:
    return {"switch": vs.name, "nics": list(vs.uplinks), "mtu": vs.mtu}


def portgroup_item(pg: PortGroup) -> dict[str, Any]:
    """vmware_portgroup options; the complete active and standby lists (unused = neither, R39)."""
    return {
        "switch": pg.vswitch,
        "portgroup": pg.name,
        "vlan_id": pg.vlan,
        "teaming": {
            "load_balancing": API_LOAD_BALANCING[pg.load_balancing],
            "network_failure_detection": API_FAILURE_DETECTION[pg.failure_detection],
            "notify_switches": pg.notify_switches,
            "failback": pg.failback,
            "active_adapters": list(pg.active),
            "standby_adapters": list(pg.standby),
        },
    }


def vmkernel_item(vmk: Vmk) -> dict[str, Any]:
    """vmware_vmkernel options. ``planned_vmk`` is for reading only: passing ``device`` would
    make the module reconfigure whatever vmk already has that number, so the module finds the
    vmk by its (new, unique) port group instead."""
    network: dict[str, Any] = {
        "type": "static",
        "ip_address": str(vmk.address.ip),
        "subnet_mask": str(vmk.address.netmask),
        "tcpip_stack": vmk.netstack.value,
    }
    if vmk.gateway is not None:
        network["default_gateway"] = str(vmk.gateway)
    item: dict[str, Any] = {
        "planned_vmk": vmk.name,
        "vswitch_name": vmk.vswitch,
        "portgroup_name": vmk.portgroup,
        "mtu": vmk.mtu,
        "network": network,
    }
    # Service flags are only allowed on the default stack; the vMotion and provisioning stacks
    # imply their service (R26, S-ANS).
    if vmk.netstack is Netstack.DEFAULT:
        item["enable_vmotion"] = "VMotion" in vmk.services
        for tag, option in SERVICE_OPTIONS.items():
            if tag in vmk.services:
                item[option] = True
    return item


# esxcli tag (Vmk.services) -> vmware_vmkernel option, besides enable_vmotion.
SERVICE_OPTIONS = {
    "vSphereProvisioning": "enable_provisioning",
    "vSphereReplication": "enable_replication",
    "vSphereReplicationNFC": "enable_replication_nfc",
    "faultToleranceLogging": "enable_ft",
}


def _review(scope: HostScope) -> dict[str, Any]:
    return {
        "vswitches": [vswitch_item(vs) for vs in scope.review_vswitches],
        "portgroups": [portgroup_item(pg) for pg in scope.review_portgroups],
    }


# --- playbook -------------------------------------------------------------------------------


def _jinja(expression: str) -> str:
    return "{{ " + expression + " }}"


def _loop_task(
    name: str, module: str, var: str, args: dict[str, Any], label: str
) -> dict[str, Any]:
    return {
        "name": name,
        PREFIX + module: args,
        "loop": _jinja(var),
        "loop_control": {"label": f"{_jinja('inventory_hostname')} {_jinja('item.' + label)}"},
    }


def _tasks() -> list[dict[str, Any]]:
    return [
        {
            "name": "vCenter connection variables are set (never stored in the inventory)",
            "ansible.builtin.assert": {
                "that": [
                    "vcenter_hostname is defined",
                    "vcenter_username is defined",
                    "vcenter_password is defined",
                ],
                "fail_msg": "Set vcenter_hostname, vcenter_username and vcenter_password "
                "(ansible-vault file or -e).",
                "quiet": True,
            },
        },
        {
            "name": "The plan has no errors (set force=true to apply anyway)",
            "ansible.builtin.assert": {
                "that": ["plan_errors | length == 0 or (force | default(false) | bool)"],
                "fail_msg": "{{ plan_errors }}",
                "quiet": True,
            },
        },
        _loop_task(
            "vSwitches with MTU and uplinks",
            "vmware_vswitch",
            "vmotion_vswitches",
            {
                "esxi_hostname": "{{ esxi_hostname }}",
                "switch": "{{ item.switch }}",
                "nics": "{{ item.nics }}",
                "mtu": "{{ item.mtu }}",
                "state": "present",
            },
            "switch",
        ),
        _loop_task(
            "Port groups with VLAN and failover order (R39)",
            "vmware_portgroup",
            "vmotion_portgroups",
            {
                "hosts": ["{{ esxi_hostname }}"],
                "switch": "{{ item.switch }}",
                "portgroup": "{{ item.portgroup }}",
                "vlan_id": "{{ item.vlan_id }}",
                "teaming": "{{ item.teaming }}",
                "state": "present",
            },
            "portgroup",
        ),
        _loop_task(
            "VMkernel adapters (vMotion, IP storage, services)",
            "vmware_vmkernel",
            "vmotion_vmkernels",
            {
                "esxi_hostname": "{{ esxi_hostname }}",
                "vswitch_name": "{{ item.vswitch_name }}",
                "portgroup_name": "{{ item.portgroup_name }}",
                "mtu": "{{ item.mtu }}",
                "network": "{{ item.network }}",
                "enable_vmotion": "{{ item.enable_vmotion | default(omit) }}",
                **{
                    option: "{{ item." + option + " | default(omit) }}"
                    for option in SERVICE_OPTIONS.values()
                },
                "state": "present",
            },
            "planned_vmk",
        ),
        {
            "name": "TCP/IP stack gateways (routed vMotion)",
            PREFIX + "vmware_host_tcpip_stacks": {
                "esxi_hostname": "{{ esxi_hostname }}",
                "vmotion": "{{ tcpip_stacks.vmotion }}",
            },
            "when": "tcpip_stacks is defined and tcpip_stacks.vmotion is defined",
        },
        {
            "name": "Advanced settings (Migrate.BindToVmknic when vMotion shares management, R9)",
            PREFIX + "vmware_host_config_manager": {
                "esxi_hostname": "{{ esxi_hostname }}",
                "options": "{{ advanced_settings }}",
            },
            "when": "advanced_settings | length > 0",
        },
        {
            "name": "Check with the test plan: run these in the ESXi Shell of this host (R39)",
            "ansible.builtin.debug": {"var": "vmkping_checks"},
        },
    ]


def playbook(ctx: RenderContext) -> str:
    """The generic playbook; all data comes from the inventory."""
    play = {
        "name": "Multi-NIC vMotion network",
        "hosts": GROUP,
        "gather_facts": False,
        # The modules talk to vCenter from the control node, not to the ESXi hosts over SSH.
        "connection": "local",
        # One host at a time, stop at the first failure: check each host before the next.
        "serial": 1,
        "any_errors_fatal": True,
        "module_defaults": {
            "group/community.vmware.vmware": {
                "hostname": "{{ vcenter_hostname }}",
                "username": "{{ vcenter_username }}",
                "password": "{{ vcenter_password }}",
                "validate_certs": "{{ vcenter_validate_certs }}",
            }
        },
        "tasks": _tasks(),
    }
    notes = [
        "#",
        "# Applies the vMotion vSwitches, port groups, VMkernel adapters and advanced settings",
        "# of each host in inventory.yml, one host at a time. Put each host in maintenance mode",
        "# first and check it with the test plan before the next. It does not touch vSwitch0,",
        "# the management port group or vmk0, nor the VM-traffic and storage teams (listed under",
        "# not_applied_review in the inventory).",
        "# Check first:  ansible-playbook -i inventory.yml playbook.yml --check --diff",
    ]
    head = _header(ctx, "Ansible playbook: multi-NIC vMotion network (community.vmware)")
    return head + "\n".join(notes) + "\n" + yaml_dump([play])
