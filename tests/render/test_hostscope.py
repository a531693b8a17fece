"""What the host scripts apply (issue 7 output side): storage and service vmks are created where
the vMotion vmks are, iSCSI with port binding; uplinks patched today are left alone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from app.planner.design import Role
from app.render import ansible, esxcli, hostscope, powercli, terraform
from app.render.base import RenderContext
from tests.render.scripts_support import by_name, context, shells, syntax_check
from tests.render.test_error_gates import _run_esxcli
from tests.render.test_terraform import of_type, resources


def kb_context() -> RenderContext:
    """KB 2010877's example: vMotion, iSCSI (port binding) and management in one subnet."""
    return context("kb2010877")


def test_iscsi_vmk_is_applied_with_one_active_uplink_and_its_own_vswitch() -> None:
    ctx = kb_context()
    host = ctx.plan.hosts[0]
    scope = hostscope.scope(ctx.plan, host)
    (iscsi,) = scope.iscsi_vmks
    assert iscsi in scope.vmks and iscsi.role is Role.IP_STORAGE
    (pg,) = [pg for pg in scope.portgroups if pg.name == iscsi.portgroup]
    assert len(pg.active) == 1 and pg.standby == []  # port binding: one active, no standby
    assert iscsi.vswitch in {vs.name for vs in scope.vswitches}  # exists only for storage
    assert "vmk0" in {vmk.name for vmk in scope.review_vmks}  # management stays as it is
    assert all(pg.role is not Role.VM_TRAFFIC for pg in scope.portgroups)


def test_esxcli_creates_the_iscsi_vmk_and_writes_out_the_binding(tmp_path: Path) -> None:
    ctx = kb_context()
    host = ctx.plan.hosts[0]
    scope = hostscope.scope(ctx.plan, host)
    (iscsi,) = scope.iscsi_vmks
    (pg,) = [pg for pg in scope.portgroups if pg.name == iscsi.portgroup]
    script = by_name(esxcli.render(ctx, host.name))[f"esxcli-{host.name}.sh"]
    syntax_check(script, tmp_path)
    for shell in shells():
        # KB 2010877's layout is the anti-pattern (errors R7, R8): past the gate with FORCE=1.
        code, calls = _run_esxcli(script, tmp_path, shell, force=True)
        assert code == 0
        failover = (
            f"esxcli network vswitch standard portgroup policy failover set "
            f"--portgroup-name={pg.name} --active-uplinks={pg.active[0]} --load-balancing="
        )
        assert (
            failover in calls and "--standby-uplinks" not in calls.split(failover)[1].split("\n")[0]
        )
        assert (
            f"esxcli network ip interface add --interface-name={iscsi.name} "
            f"--portgroup-name={pg.name}"
        ) in calls
        assert "--tagname=" not in "".join(
            line
            for line in calls.splitlines()
            if f"--interface-name={iscsi.name}" in line and "tag add" in line
        )
    assert f"# esxcli iscsi networkportal add --adapter=vmhbaNN --nic={iscsi.name}" in script


def test_every_format_creates_the_iscsi_vmk() -> None:
    ctx = kb_context()
    host = ctx.plan.hosts[0]
    (iscsi,) = hostscope.scope(ctx.plan, host).iscsi_vmks
    ps = str(powercli.render(ctx, host.name)[0].content)
    assert f"-IP '{iscsi.address.ip}'" in ps
    inventory = yaml.safe_load(
        by_name(ansible.render(ctx, host.name))["ansible/inventory.yml"].replace("!unsafe", "")
    )
    vmks = inventory["all"]["children"]["esxi_hosts"]["hosts"][host.name]["vmotion_vmkernels"]
    assert any(item["portgroup_name"] == iscsi.portgroup for item in vmks)
    res = resources(by_name(terraform.render(ctx, host.name))["terraform/main.tf"])
    assert str(iscsi.address.ip) in [v["ipv4"][0]["ip"] for v in of_type(res, "vsphere_vnic")]


def with_existing_vmotion_uplinks(ctx: RenderContext) -> RenderContext:
    """The plan with every vMotion vmnic patched today (uplinks.vmotion.existing)."""
    hosts = [
        replace(host, nics=[replace(nic, existing=nic.role is Role.VMOTION) for nic in host.nics])
        for host in ctx.plan.hosts
    ]
    plan = replace(ctx.plan, hosts=hosts)
    return RenderContext(ctx.design, plan, ctx.revision, ctx.generated_at)


def test_existing_uplinks_are_left_alone_by_every_format() -> None:
    ctx = with_existing_vmotion_uplinks(context("e4"))
    host = ctx.plan.hosts[0]
    scope = hostscope.scope(ctx.plan, host)
    assert scope.vswitches == [] and scope.portgroups == [] and scope.vmks == []
    assert "vSwitch-vMotion" in {vs.name for vs in scope.review_vswitches}
    script = by_name(esxcli.render(ctx, host.name))[f"esxcli-{host.name}.sh"]
    commands = [line for line in script.splitlines() if line.startswith("run ")]
    assert not any("vMotion" in line or "vmnic1" in line for line in commands)
    assert "# vSwitch-vMotion (new): uplinks vmnic1, vmnic3" in script  # listed to review
    ps = str(powercli.render(ctx, host.name)[0].content)
    assert "New-VirtualSwitch" not in ps and "New-VMHostNetworkAdapter" not in ps
    inventory = by_name(ansible.render(ctx, host.name))["ansible/inventory.yml"]
    data = yaml.safe_load(inventory.replace("!unsafe", ""))
    host_vars = data["all"]["children"]["esxi_hosts"]["hosts"][host.name]
    assert host_vars["vmotion_vswitches"] == [] and host_vars["vmotion_vmkernels"] == []
    res = resources(by_name(terraform.render(ctx, host.name))["terraform/main.tf"])
    assert res == {}
