"""Terraform (vSphere provider) for teams that keep host networking as code.

Resources, checked against the provider documentation (terraform-provider-vsphere,
website/docs/r/host_virtual_switch, host_port_group, vnic):

* ``vsphere_host_virtual_switch``: name, host_system_id, network_adapters, active_nics,
  standby_nics (both required), mtu, teaming_policy.
* ``vsphere_host_port_group``: name, host_system_id, virtual_switch_name, vlan_id, and the
  failover override (active_nics/standby_nics: a NIC in neither list is unused, R39),
  teaming_policy, check_beacon, notify_switches, failback.
* ``vsphere_vnic``: host, portgroup, mtu, netstack (``defaultTcpipStack`` | ``vmotion``), an
  ``ipv4`` block (ip, netmask, gw) and ``services`` (added in provider 2.4.0, CHANGELOG: "r/vnic:
  Support services for vmkernel adapter/vnic", #1855; only on the default stack).

The provider has no resource for host advanced settings, so BindToVmknic (R9) is written as a
warning comment and an output to apply with the esxcli script, PowerCLI or Ansible. What is
applied follows :mod:`app.render.hostscope`. Credentials are variables, never values.

A plan with errors stops ``terraform plan`` and ``terraform apply`` before anything is read or
changed: the datacenter lookup that every resource depends on carries a ``precondition`` on the
plan's errors, which only ``-var apply_despite_plan_errors=true`` lifts (the same behaviour as
the other host scripts, see :func:`app.render.hostscope.error_findings`).
"""

from __future__ import annotations

from app.planner.design import FailureDetection, Netstack
from app.planner.result import PortGroup, Vmk, VSwitch
from app.render.base import Artifact, RenderContext
from app.render.hostscope import (
    API_LOAD_BALANCING,
    NETSTACK_KEYS,
    HostScope,
    error_findings,
    header_facts,
    scopes,
)
from app.render.quoting import hcl_comment, hcl_identifier, hcl_list, hcl_string

MEDIA_TYPE = "text/plain"
PROVIDER = """\
terraform {
  required_providers {
    vsphere = {
      source  = "vmware/vsphere"
      version = ">= 2.4.0" # vsphere_vnic "services" was added in 2.4.0
    }
  }
}

provider "vsphere" {
  vsphere_server       = var.vsphere_server
  user                 = var.vsphere_user
  password             = var.vsphere_password
  allow_unverified_ssl = var.allow_unverified_ssl
}
"""

OVERRIDE_VARIABLE = "apply_despite_plan_errors"


def render(ctx: RenderContext, host: str | None) -> list[Artifact]:
    """``terraform/main.tf`` and ``terraform/variables.tf`` (all hosts, or only ``host``)."""
    host_scopes = scopes(ctx.plan, host)
    return [
        Artifact("terraform/main.tf", MEDIA_TYPE, main_tf(ctx, host_scopes)),
        Artifact("terraform/variables.tf", MEDIA_TYPE, variables_tf(ctx, host_scopes)),
    ]


def _header(ctx: RenderContext, what: str) -> list[str]:
    facts = header_facts(ctx.design.name, ctx.revision, ctx.generated_at)
    return [hcl_comment(what), *(hcl_comment(fact) for fact in facts)]


def main_tf(ctx: RenderContext, host_scopes: list[HostScope]) -> str:
    lines = _header(ctx, "Terraform: multi-NIC vMotion network (vSphere provider)")
    lines += [
        "#",
        "# Creates the vMotion, IP-storage and service VMkernel adapters of each host with their",
        "# port groups and vSwitches. It does not manage vSwitch0, the management port group or",
        "# vmk0, the VM-traffic team, nor anything on uplinks patched today (listed per host).",
        "# Apply one host at a time, each in maintenance mode, and check it with the test plan:",
        "# resource names start with the host name, so `terraform apply` with one -target per",
        "# resource of that host does it.",
    ]
    errors = error_findings(ctx.plan)
    blocks = ["\n".join(lines) + "\n", PROVIDER, datacenter_block(errors)]
    labels = host_labels(host_scopes)
    blocks += [_host(scope, labels[scope.name]) for scope in host_scopes]
    blocks.append(_advanced_output(host_scopes))
    return "\n".join(block for block in blocks if block)


def datacenter_block(errors: list[str]) -> str:
    """The datacenter lookup; with plan errors, a precondition that stops plan and apply.

    Every host resource depends on this data source, so a failed precondition stops
    ``terraform plan``, ``terraform apply`` and each ``-target`` run before anything changes.
    """
    if not errors:
        return 'data "vsphere_datacenter" "dc" {\n  name = var.datacenter\n}\n'
    message = (
        f"The plan has {len(errors)} error(s) (listed in local.plan_errors); fix the design "
        f"first, or set {OVERRIDE_VARIABLE} = true to apply it anyway."
    )
    lines = [
        "# The plan has errors; plan and apply stop here unless",
        f"# -var {OVERRIDE_VARIABLE}=true is given.",
        "locals {",
        "  plan_errors = [",
        *(f"    {hcl_string(error)}," for error in errors),
        "  ]",
        "}",
        "",
        'data "vsphere_datacenter" "dc" {',
        "  name = var.datacenter",
        "",
        "  lifecycle {",
        "    precondition {",
        f"      condition     = length(local.plan_errors) == 0 || var.{OVERRIDE_VARIABLE}",
        f"      error_message = {hcl_string(message)}",
        "    }",
        "  }",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _ident(*parts: str) -> str:
    return hcl_identifier("_".join(parts))


def host_labels(host_scopes: list[HostScope]) -> dict[str, str]:
    """A distinct Terraform label per host ('esx.01' and 'esx_01' both map to 'esx_01')."""
    labels: dict[str, str] = {}
    for scope in host_scopes:
        label = base = _ident(scope.name)
        counter = 2
        while label in labels.values():
            label, counter = f"{base}_{counter}", counter + 1
        labels[scope.name] = label
    return labels


def _host(scope: HostScope, host: str) -> str:
    blocks = [
        "\n".join(
            [
                f"# ==== {scope.name}",
                f'data "vsphere_host" "{host}" {{',
                f"  name          = var.esxi_host_names[{hcl_string(scope.name)}]",
                "  datacenter_id = data.vsphere_datacenter.dc.id",
                "}",
            ]
        )
    ]
    blocks += [vswitch_block(host, vs) for vs in scope.vswitches]
    blocks += [portgroup_block(scope, host, pg) for pg in scope.portgroups]
    blocks += [vnic_block(host, vmk) for vmk in scope.vmks]
    blocks.append(_review(scope))
    return "\n\n".join(block for block in blocks if block) + "\n"


def vswitch_block(host: str, vs: VSwitch) -> str:
    """The vSwitch with all uplinks active; each port group overrides the order."""
    return "\n".join(
        [
            f'resource "vsphere_host_virtual_switch" "{_ident(host, vs.name)}" {{',
            f"  name             = {hcl_string(vs.name)}",
            f"  host_system_id   = data.vsphere_host.{host}.id",
            f"  mtu              = {vs.mtu}",
            f"  network_adapters = {hcl_list(vs.uplinks)}",
            f"  active_nics      = {hcl_list(vs.uplinks)}",
            "  standby_nics     = []",
            "}",
        ]
    )


def _vswitch_name_ref(scope: HostScope, host: str, vswitch: str) -> str:
    if scope.vswitch_created(vswitch):
        return f"vsphere_host_virtual_switch.{_ident(host, vswitch)}.name"
    return hcl_string(vswitch)


def portgroup_block(scope: HostScope, host: str, pg: PortGroup) -> str:
    """Port group with VLAN and the complete failover override (unused = in neither list)."""
    unused = f"  # unused (in neither list, R39): {', '.join(pg.unused)}" if pg.unused else ""
    lines = [
        f'resource "vsphere_host_port_group" "{_ident(host, pg.name)}" {{',
        f"  name                = {hcl_string(pg.name)}",
        f"  host_system_id      = data.vsphere_host.{host}.id",
        f"  virtual_switch_name = {_vswitch_name_ref(scope, host, pg.vswitch)}",
        f"  vlan_id             = {pg.vlan}",
        f"  active_nics         = {hcl_list(pg.active)}",
        f"  standby_nics        = {hcl_list(pg.standby)}",
        unused,
        f"  teaming_policy      = {hcl_string(API_LOAD_BALANCING[pg.load_balancing])}",
        f"  check_beacon        = {_bool(pg.failure_detection is FailureDetection.BEACON)}",
        f"  notify_switches     = {_bool(pg.notify_switches)}",
        f"  failback            = {_bool(pg.failback)}",
        "}",
    ]
    return "\n".join(line for line in lines if line)


def vnic_block(host: str, vmk: Vmk) -> str:
    """The vmk on its port group and netstack with a static IPv4 (and gateway when routed)."""
    services = ""
    if vmk.netstack is Netstack.DEFAULT and "VMotion" in vmk.services:
        services = '  services  = ["vmotion"]'
    gateway = f"    gw      = {hcl_string(str(vmk.gateway))}" if vmk.gateway is not None else ""
    lines = [
        f"# planned as {vmk.name}; ESXi numbers new VMkernel adapters itself",
        f'resource "vsphere_vnic" "{_ident(host, vmk.name)}" {{',
        f"  host      = data.vsphere_host.{host}.id",
        f"  portgroup = vsphere_host_port_group.{_ident(host, vmk.portgroup)}.name",
        f"  mtu       = {vmk.mtu}",
        f"  netstack  = {hcl_string(NETSTACK_KEYS[vmk.netstack])}",
        services,
        "  ipv4 {",
        f"    ip      = {hcl_string(str(vmk.address.ip))}",
        f"    netmask = {hcl_string(str(vmk.address.netmask))}",
        gateway,
        "  }",
        "}",
    ]
    return "\n".join(line for line in lines if line)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _review(scope: HostScope) -> str:
    if not (scope.review_vswitches or scope.review_portgroups):
        return ""
    lines = ["# Not managed here, for review (management and team networks):"]
    lines += [
        hcl_comment(f"  {vs.name}: uplinks {', '.join(vs.uplinks) or 'none'}, MTU {vs.mtu}")
        for vs in scope.review_vswitches
    ]
    for pg in scope.review_portgroups:
        text = f"  {pg.name} on {pg.vswitch}, VLAN {pg.vlan}: active {', '.join(pg.active)}"
        if pg.standby:
            text += f"; standby {', '.join(pg.standby)}"
        lines.append(hcl_comment(text + f"; {API_LOAD_BALANCING[pg.load_balancing]}"))
    return "\n".join(lines)


def _advanced_output(host_scopes: list[HostScope]) -> str:
    wanted = {s.name: s.advanced for s in host_scopes if s.advanced}
    if not wanted:
        return ""
    lines = [
        "# WARNING: the vSphere provider cannot set host advanced settings. vMotion shares the",
        "# management subnet (R9), so set Migrate.BindToVmknic = 1 on these hosts with the esxcli",
        "# script (esxcfg-advcfg -s 1 /Migrate/BindToVmknic), PowerCLI or Ansible.",
        'output "advanced_settings_to_apply" {',
        "  description = "
        + hcl_string("Host advanced settings this plan needs (apply outside Terraform, R9)."),
        "  value = {",
    ]
    for host, settings in wanted.items():
        pairs = ", ".join(f"{hcl_string(k)} = {int(v)}" for k, v in sorted(settings.items()))
        lines.append(f"    {hcl_string(host)} = {{ {pairs} }}")
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def variables_tf(ctx: RenderContext, host_scopes: list[HostScope]) -> str:
    """Connection variables (no defaults for secrets) and the host name map."""
    names = "\n".join(f"    {hcl_string(s.name)} = {hcl_string(s.name)}" for s in host_scopes)
    lines = _header(ctx, "Terraform variables: set them in a *.tfvars file or TF_VAR_* env")
    override = ""
    if error_findings(ctx.plan):
        override = f"""
variable "{OVERRIDE_VARIABLE}" {{
  description = "The plan has errors: true applies it anyway (see local.plan_errors in main.tf)."
  type        = bool
  default     = false
}}
"""
    body = f"""
variable "vsphere_server" {{
  description = "vCenter Server address."
  type        = string
}}

variable "vsphere_user" {{
  description = "vCenter user with rights to change host networking."
  type        = string
}}

variable "vsphere_password" {{
  description = "Password of vsphere_user."
  type        = string
  sensitive   = true
}}

variable "allow_unverified_ssl" {{
  description = "Accept a self-signed vCenter certificate."
  type        = bool
  default     = false
}}

variable "datacenter" {{
  description = "vCenter datacenter that holds the hosts."
  type        = string
}}

variable "esxi_host_names" {{
  description = "Name vCenter knows each planned host by (change if vCenter uses FQDNs or IPs)."
  type        = map(string)
  default = {{
{names}
  }}
}}
"""
    return "\n".join(lines) + "\n" + body + override
