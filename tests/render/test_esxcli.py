"""esxcli script per host (docs/domain.md §3, R39): content, syntax, quoting, golden files."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from app.planner.result import Plan
from app.render import esxcli
from app.render.base import RenderContext
from app.render.quoting import sh_quote
from tests.render.scripts_support import (
    EVIL_DESCRIPTION,
    EVIL_NAME,
    GOLDEN_EXAMPLES,
    addresses_in,
    by_name,
    check_golden,
    context,
    evil_context,
    plan_addresses,
    syntax_check,
)

LIVE = re.compile(r"^run (.*)$", re.MULTILINE)


def live_commands(script: str) -> list[str]:
    """The commands the script runs through ``run`` (comments and echo lines excluded)."""
    return LIVE.findall(script)


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("esxcli", stem, esxcli.render(context(stem), None))


@pytest.mark.parametrize("stem", ["e1", "e2", "e3", "e4", "e5", "e6", "e7"])
def test_every_script_is_valid_posix_sh(stem: str, tmp_path: Path) -> None:
    for artifact in esxcli.render(context(stem), None):
        assert artifact.filename.endswith(".sh")
        syntax_check(str(artifact.content), tmp_path)


def test_one_script_per_host_and_host_filter() -> None:
    ctx = context("e4")
    names = [a.filename for a in esxcli.render(ctx, None)]
    assert names == [f"esxcli-{h.name}.sh" for h in ctx.plan.hosts]
    assert [a.filename for a in esxcli.render(ctx, "esx02")] == ["esxcli-esx02.sh"]
    with pytest.raises(KeyError):
        esxcli.render(ctx, "nosuchhost")


def test_header_names_design_revision_host_and_date() -> None:
    script = by_name(esxcli.render(context("e1"), "esx01"))["esxcli-esx01.sh"]
    head = script.split("set -eu")[0]
    assert "# Design: E1 two hosts back-to-back" in head
    assert "# Revision: 7" in head
    assert "# Host: esx01" in head
    assert "# Generated: 2026-02-02T08:15:00Z" in head
    assert script.startswith("#!/bin/sh\n")


def test_e1_four_vswitches_at_9000_with_one_uplink_each() -> None:
    """E1 (S-YURI): 4 vSwitches at MTU 9000, one uplink each, one vSwitch per lane (R30)."""
    commands = live_commands(esxcli.render(context("e1"), "esx01")[0].content)  # type: ignore[arg-type]
    added = [c for c in commands if c.startswith("esxcli network vswitch standard add ")]
    assert len(added) == 4
    for index in range(1, 5):
        name = f"vSwitch-vMotion-{index}"
        assert f"esxcli network vswitch standard set --vswitch-name={name} --mtu=9000" in commands
        uplinks = [c for c in commands if "uplink add" in c and c.endswith(f"={name}")]
        assert len(uplinks) == 1


def test_e1_four_vmks_with_the_right_30_addresses() -> None:
    ctx = context("e1")
    for host in ctx.plan.hosts:
        script = by_name(esxcli.render(ctx, host.name))[f"esxcli-{host.name}.sh"]
        commands = live_commands(script)
        ipv4 = [c for c in commands if " ipv4 set " in c]
        assert len(ipv4) == 4
        planned = [vmk for vmk in host.vmks if vmk.lane is not None]
        for vmk in planned:
            assert vmk.address.network.prefixlen == 30
            line = (
                f"esxcli network ip interface ipv4 set --interface-name={vmk.name} "
                f"--ipv4={vmk.address.ip} --netmask=255.255.255.252 --type=static"
            )
            assert line in commands
        # Both ends of each cable share its /30 (R6): .1 on esx01, .2 on esx02.
    first = {v.lane: v.address for v in ctx.plan.hosts[0].vmks if v.lane}
    second = {v.lane: v.address for v in ctx.plan.hosts[1].vmks if v.lane}
    for lane, address in first.items():
        assert address.network == second[lane].network
        assert int(address.ip) + 1 == int(second[lane].ip)


def test_e1_failover_names_exactly_one_active_vmnic_and_no_standby() -> None:
    """Back-to-back: one active vmnic per vMotion port group, nothing standby (R1, R2, R39)."""
    commands = live_commands(esxcli.render(context("e1"), "esx01")[0].content)  # type: ignore[arg-type]
    failover = [c for c in commands if "portgroup policy failover set" in c]
    assert len(failover) == 4
    for line in failover:
        active = re.search(r"--active-uplinks=(\S+)", line)
        assert active and re.fullmatch(r"vmnic\d+", active.group(1))
        assert "--standby-uplinks" not in line
        assert "--load-balancing=explicit" in line


def test_e4_sets_a_standby_vmnic_for_each_vmotion_port_group() -> None:
    """Switched: vmk1 active A / standby B, vmk2 the mirror image (R3, S-DENNEMAN-FO)."""
    ctx = context("e4")
    for host in ctx.plan.hosts:
        commands = live_commands(by_name(esxcli.render(ctx, host.name))[f"esxcli-{host.name}.sh"])
        failover = [c for c in commands if "portgroup policy failover set" in c]
        vmotion_pgs = [pg for pg in host.portgroups if pg.lane is not None]
        assert len(failover) == len(vmotion_pgs) == 2
        pairs = []
        for line in failover:
            active = re.search(r"--active-uplinks=(vmnic\d+)(\s|$)", line)
            standby = re.search(r"--standby-uplinks=(vmnic\d+)(\s|$)", line)
            assert active and standby, line
            pairs.append((active.group(1), standby.group(1)))
        assert pairs[0] == pairs[1][::-1]


def test_e5_sets_and_checks_bind_to_vmknic() -> None:
    """vMotion forced into the management subnet: Migrate.BindToVmknic = 1 (R9, S-VHYPER)."""
    ctx = context("e5")
    for host in ctx.plan.hosts:
        commands = live_commands(by_name(esxcli.render(ctx, host.name))[f"esxcli-{host.name}.sh"])
        assert "esxcfg-advcfg -s 1 /Migrate/BindToVmknic" in commands
        assert "esxcfg-advcfg -g /Migrate/BindToVmknic" in commands


def test_e7_vmotion_netstack_no_vmotion_tag_and_stack_ping() -> None:
    """vMotion TCP/IP stack: vmks on --netstack=vmotion, no VMotion tag (R26), vmkping -S."""
    script = esxcli.render(context("e7"), None)[0].content
    assert isinstance(script, str)
    commands = live_commands(script)
    adds = [c for c in commands if c.startswith("esxcli network ip interface add ")]
    assert adds and all(c.endswith("--netstack=vmotion") for c in adds)
    assert "run esxcli network ip netstack add --netstack=vmotion" in script
    assert not [c for c in commands if "tag add" in c]
    assert "check vmkping -S vmotion -I vmk1 -d -s 8972 " in script


def test_no_short_options_in_esxcli_commands() -> None:
    """Long options only: -v and -N change meaning between namespaces (R39)."""
    for stem in ("e1", "e4", "e7"):
        for artifact in esxcli.render(context(stem), None):
            for command in live_commands(str(artifact.content)):
                if command.startswith("esxcli "):
                    assert not re.search(r"\s-[A-Za-z]\b", command), command


def test_unused_is_expressed_by_omission_on_a_shared_direct_vswitch() -> None:
    """A shared vSwitch back-to-back: the other uplinks are unused, i.e. in neither list."""
    ctx = context("e1", vmotion={"pool": "198.51.100.0/24", "vswitch_strategy": "shared"})
    script = by_name(esxcli.render(ctx, "esx01"))["esxcli-esx01.sh"]
    pg = next(p for p in ctx.plan.host("esx01").portgroups if p.lane == 1)
    assert pg.unused, "the plan should leave the other lanes' vmnics unused"
    line = next(c for c in live_commands(script) if "failover set --portgroup-name=vMotion-1" in c)
    for vmnic in pg.unused:
        assert vmnic not in line
    assert f"# Unused by omission (R39): vMotion-1: {', '.join(pg.unused)}" in script


def test_management_network_is_never_run_only_shown() -> None:
    for stem in GOLDEN_EXAMPLES:
        for artifact in esxcli.render(context(stem), None):
            for command in live_commands(str(artifact.content)):
                assert "vSwitch0" not in command
                assert "Management Network" not in command
                assert "vmk0" not in command
            assert "# esxcli network vswitch standard portgroup policy failover set " in str(
                artifact.content
            )


def test_vmkping_words_match_the_plan_commands() -> None:
    for stem in ("e1", "e4", "e7"):
        for test in context(stem).plan.tests:
            assert " ".join(esxcli.vmkping_argv(test)) == test.command


def test_no_address_the_design_did_not_state() -> None:
    for stem in ("e1", "e4", "e5", "e6", "e7"):
        ctx = context(stem)
        known = plan_addresses(ctx)
        for artifact in esxcli.render(ctx, None):
            assert addresses_in(str(artifact.content)) <= known


def test_plan_with_errors_refuses_to_run_without_force() -> None:
    ctx = context("e2")
    assert not ctx.plan.ok
    script = esxcli.render(ctx, None)[0].content
    assert 'if [ "${FORCE:-0}" != 1 ]; then' in str(script)
    assert "R5" in str(script)


def _stub_bin(tmp_path: Path) -> Path:
    """esxcli, esxcfg-advcfg and vmkping stubs that log each call's arguments, one per line."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("esxcli", "esxcfg-advcfg", "vmkping"):
        stub = bin_dir / tool
        stub.write_text(
            "#!/bin/sh\n"
            f'printf "%s\\n" "{tool}" >> "$LOG"\n'
            'for arg in "$@"; do printf "  [%s]\\n" "$arg" >> "$LOG"; done\n'
            # `netstack list` prints nothing: the vmotion stack does not exist yet.
        )
        stub.chmod(0o755)
    return bin_dir


def _run(
    script: str, tmp_path: Path, shell: str = "sh"
) -> tuple[subprocess.CompletedProcess[str], str]:
    (tmp_path / "run.sh").write_text(script)
    log = tmp_path / "calls.log"
    env = {**os.environ, "PATH": f"{_stub_bin(tmp_path)}:{os.environ['PATH']}", "LOG": str(log)}
    result = subprocess.run(
        [shell, str(tmp_path / "run.sh")], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    return result, log.read_text() if log.exists() else ""


def _rename_vmotion_portgroup(plan: Plan, old: str, new: str) -> Plan:
    hosts = []
    for host in plan.hosts:
        pgs = [replace(pg, name=new) if pg.name == old else pg for pg in host.portgroups]
        vmks = [replace(v, portgroup=new) if v.portgroup == old else v for v in host.vmks]
        hosts.append(replace(host, portgroups=pgs, vmks=vmks))
    return replace(plan, hosts=hosts)


def test_hostile_text_stays_text_when_the_script_runs(tmp_path: Path) -> None:
    """Run the script with stub tools: nothing in the design's text may execute, and a hostile
    port group name reaches esxcli as exactly one argument."""
    base = evil_context("e6")
    hostile_pg = "vMo'tion $(touch PWNED) `touch PWNED`; rm -rf /"
    ctx: RenderContext = replace(
        base, plan=_rename_vmotion_portgroup(base.plan, "vMotion-1", hostile_pg)
    )
    host = ctx.plan.hosts[0].name
    script = by_name(esxcli.render(ctx, host))[f"esxcli-{host}.sh"]
    syntax_check(script, tmp_path)
    for shell in ("sh", "bash"):
        result, calls = _run(script, tmp_path, shell)
        assert result.returncode == 0, result.stderr
        assert not (tmp_path / "PWNED").exists()
        assert f"  [--portgroup-name={hostile_pg}]\n" in calls
        assert re.search(r"All \d+ vmkping checks passed.", result.stdout)
        (tmp_path / "calls.log").unlink()
        for path in (tmp_path / "bin").iterdir():
            path.unlink()
        (tmp_path / "bin").rmdir()
    # Hostile text appears only in comments (one line each) or as the one quoted word.
    quoted = sh_quote(hostile_pg)
    for line in script.splitlines():
        if "PWNED" in line or "rm -rf" in line:
            assert line.startswith("#") or quoted in line, line
    assert f"# Design: {EVIL_NAME}" in script
    assert "# Description: " + EVIL_DESCRIPTION.replace("\n", " ") in script


def test_vmkping_checks_count_failures_and_exit_non_zero(tmp_path: Path) -> None:
    ctx = context("e1")
    script = by_name(esxcli.render(ctx, "esx01"))["esxcli-esx01.sh"]
    failing = script.replace("check vmkping", "check false vmkping")
    result, _ = _run(failing, tmp_path)
    assert result.returncode == 1
    assert "4 of 4 vmkping checks failed." in result.stderr


def test_first_failing_command_stops_the_script(tmp_path: Path) -> None:
    script = by_name(esxcli.render(context("e1"), "esx01"))["esxcli-esx01.sh"]
    broken = script.replace(
        "run esxcli network vswitch standard add --vswitch-name=vSwitch-vMotion-2",
        "run false",
        1,
    )
    result, calls = _run(broken, tmp_path)
    assert result.returncode != 0
    assert "FAILED (exit 1): false" in result.stderr
    assert "vSwitch-vMotion-2" not in calls and "vmkping" not in calls
    assert "  [--vswitch-name=vSwitch-vMotion-1]\n" in calls  # lane 1 ran before the failure


@pytest.mark.parametrize(
    "value",
    ["vMotion-1", "Management Network", "it's", "$(reboot)", "`id`", "a\nb", "*", "-n", ""],
)
def test_sh_quote_round_trips_through_a_real_shell(value: str) -> None:
    result = subprocess.run(
        ["sh", "-c", f"printf %s {sh_quote(value)}"], capture_output=True, text=True, check=True
    )
    assert result.stdout == value
