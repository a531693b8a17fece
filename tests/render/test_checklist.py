"""Test plan: printable checklist (HTML, Markdown) and vmkping-checks.sh (R39)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.render import checklist, esxcli
from tests.render.scripts_support import (
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


class _Collector(HTMLParser):
    """Collects tags, text and pass/fail boxes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.boxes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("class") == "box":
            self.boxes.append(values.get("aria-label") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("checklist", stem, checklist.render(context(stem), None))


def test_three_artefacts() -> None:
    names = [a.filename for a in checklist.render(context("e1"), None)]
    assert names == ["test-plan.html", "test-plan.md", "vmkping-checks.sh"]


def test_e1_html_has_eight_checks_each_with_pass_and_fail_boxes() -> None:
    """E1: 8 vmkping checks (-d -s 8972, every lane both ways)."""
    ctx = context("e1")
    page = by_name(checklist.render(ctx, None))["test-plan.html"]
    doc = parsed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert "script" not in doc.tags
    assert doc.boxes == ["pass", "fail"] * 8
    text = "".join(doc.text)
    for test in ctx.plan.tests:
        assert test.command in text and test.expected in text
        assert "-d -s 8972" in test.command
    assert "T08" in text and "T09" not in text
    assert "Sign-off" in text


def test_markdown_has_a_box_pair_per_check() -> None:
    ctx = context("e4")
    text = by_name(checklist.render(ctx, None))["test-plan.md"]
    assert text.count("[ ] Pass   [ ] Fail") == len(ctx.plan.tests)
    for test in ctx.plan.tests:
        assert f"`{test.command}`" in text


def test_shell_runs_only_the_named_hosts_checks(tmp_path: Path) -> None:
    ctx = context("e1")
    script = by_name(checklist.render(ctx, None))["vmkping-checks.sh"]
    syntax_check(script, tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "vmkping"
    stub.write_text('#!/bin/sh\nprintf "%s\\n" "$*" >> "$LOG"\n')
    stub.chmod(0o755)
    log = tmp_path / "log"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "LOG": str(log)}
    (tmp_path / "checks.sh").write_text(script)
    result = subprocess.run(
        ["sh", "checks.sh", "esx02"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    expected = [
        t.command.removeprefix("vmkping ") for t in ctx.plan.tests if t.source_host == "esx02"
    ]
    assert log.read_text().splitlines() == expected
    assert "All 4 vmkping checks passed." in result.stdout
    usage = subprocess.run(
        ["sh", "checks.sh"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert usage.returncode == 2 and "esx01 esx02" in usage.stderr
    other = subprocess.run(
        ["sh", "checks.sh", "esx09"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert other.returncode == 2


def test_one_host_only() -> None:
    ctx = context("e4")
    page = by_name(checklist.render(ctx, "esx02"))["test-plan.html"]
    doc = parsed(page)
    assert len(doc.boxes) == 2 * sum(1 for t in ctx.plan.tests if t.source_host == "esx02")


def test_no_address_the_design_did_not_state() -> None:
    for stem in ("e1", "e4", "e5", "e6", "e7"):
        ctx = context(stem)
        for text in by_name(checklist.render(ctx, None)).values():
            assert addresses_in(text) <= plan_addresses(ctx)


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    ctx = evil_context("e6")
    ctx = replace(ctx, share_url='https://planner.test/s/a"><script>x</script>')
    files = by_name(checklist.render(ctx, None))
    doc = parsed(files["test-plan.html"])
    assert "script" not in doc.tags
    assert f"vMotion commissioning checklist: {EVIL_NAME}" in "".join(doc.text)
    assert "x&#x27;; rm -rf / #" in files["test-plan.html"]
    md = files["test-plan.md"]
    assert md.splitlines()[0] == "# vMotion commissioning checklist: x'; rm -rf / \\#"
    script = files["vmkping-checks.sh"]
    syntax_check(script, tmp_path)
    for line in script.splitlines():
        if "rm -rf" in line:
            assert line.startswith("#"), line


def test_e4_groups_by_source_host_then_pair_and_path() -> None:
    ctx = context("e4")
    text = by_name(checklist.render(ctx, None))["test-plan.md"]
    headings = [line for line in text.splitlines() if line.startswith(("## On", "### "))]
    assert headings[:4] == [
        "## On esx01 (6 checks)",
        "### esx01 → esx02",
        "### esx01 → esx02, standby path (vmnic1 down)",
        "### esx01 → esx02, standby path (vmnic3 down)",
    ]
    assert len(headings) == 4 * 4
    assert "First run esxcli network nic down -n vmnic1 on the source host" in text
    assert "**T24**" in text and "**T25**" not in text


def _stub(bin_dir: Path, name: str) -> None:
    stub = bin_dir / name
    stub.write_text(f'#!/bin/sh\nprintf "{name} %s\\n" "$*" >> "$LOG"\n')
    stub.chmod(0o755)


def test_shell_standby_takes_each_uplink_down_and_back_up(tmp_path: Path) -> None:
    ctx = context("e4")
    script = by_name(checklist.render(ctx, None))["vmkping-checks.sh"]
    syntax_check(script, tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _stub(bin_dir, "vmkping")
    _stub(bin_dir, "esxcli")
    log = tmp_path / "log"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "LOG": str(log),
        "FAILOVER_WAIT": "0",
    }
    (tmp_path / "checks.sh").write_text(script)
    result = subprocess.run(
        ["sh", "checks.sh", "esx03", "standby"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    standby = [t for t in ctx.plan.tests if t.source_host == "esx03" and t.path == "standby"]
    expected = []
    for t in standby:
        expected += [
            f"esxcli network nic down -n {t.failed_uplink}",
            t.command,
            f"esxcli network nic up -n {t.failed_uplink}",
        ]
    assert log.read_text().splitlines() == expected
    assert "All 2 vmkping checks passed." in result.stdout
    bad = subprocess.run(
        ["sh", "checks.sh", "esx03", "sideways"], cwd=tmp_path, env=env, capture_output=True
    )
    assert bad.returncode == 2


def test_shell_standby_brings_the_uplink_back_when_a_command_fails(tmp_path: Path) -> None:
    """set -eu stops the script at a failing esxcli; the trap still brings the vmnic up."""
    ctx = context("e4")
    script = by_name(checklist.render(ctx, None))["vmkping-checks.sh"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _stub(bin_dir, "vmkping")
    failing = bin_dir / "esxcli"
    failing.write_text('#!/bin/sh\nprintf "esxcli %s\\n" "$*" >> "$LOG"\n[ "$4" = up ]\n')
    failing.chmod(0o755)
    log = tmp_path / "log"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "LOG": str(log)}
    (tmp_path / "checks.sh").write_text(script)
    result = subprocess.run(
        ["sh", "checks.sh", "esx01", "standby"], cwd=tmp_path, env=env, capture_output=True
    )
    assert result.returncode != 0
    assert log.read_text().splitlines() == [
        "esxcli network nic down -n vmnic1",
        "esxcli network nic up -n vmnic1",
    ]


def test_host_scripts_run_only_the_active_path_checks() -> None:
    """A standby check needs its uplink down first: only vmkping-checks.sh HOST standby does."""
    ctx = context("e4")
    script = str(by_name(esxcli.render(ctx, "esx01"))["esxcli-esx01.sh"])
    active = [t for t in ctx.plan.tests if t.source_host == "esx01" and t.path == "active"]
    assert script.count("\ncheck vmkping ") == len(active) == 4
    assert "fails over to" not in script


# The shape of `esxcli system settings advanced list --option=…` output on ESXi (S-CODE).
_ADVANCED_OUTPUT = """\
#!/bin/sh
printf '%s\\n' "$*" >> "$LOG"
cat <<OUT
   Path: /Migrate/BindToVmknic
   Type: integer
   Int Value: $VALUE
   Default Int Value: 0
   Min Value: 0
   Max Value: 1
   String Value:
   Default String Value:
   Valid Characters:
   Description: Bind the vmotion socket to the vmknic
OUT
"""


def _run_e5_checks(tmp_path: Path, value: int) -> tuple[subprocess.CompletedProcess[str], str]:
    script = by_name(checklist.render(context("e5"), None))["vmkping-checks.sh"]
    syntax_check(script, tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, body in (("vmkping", "#!/bin/sh\nexit 0\n"), ("esxcli", _ADVANCED_OUTPUT)):
        (bin_dir / name).write_text(body)
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "log"
    log.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "LOG": str(log),
        "VALUE": str(value),
    }
    (tmp_path / "checks.sh").write_text(script)
    result = subprocess.run(
        ["sh", "checks.sh", "esx01"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    return result, log.read_text()


def test_e5_vmkping_script_reads_bind_to_vmknic_back_on_each_host(tmp_path: Path) -> None:
    """E5/R9: the script runs the esxcli read-back and passes only on 'Int Value: 1'."""
    passed, log = _run_e5_checks(tmp_path, 1)
    assert passed.returncode == 0, passed.stderr
    assert log.splitlines() == ["system settings advanced list --option=/Migrate/BindToVmknic"]
    tests = context("e5").plan.tests
    pings = sum(t.source_host == "esx01" and t.path == "active" for t in tests)
    assert f"All {pings + 1} vmkping checks passed." in passed.stdout
    # 'Default Int Value: 0' must not be mistaken for the value, nor 1 for 0.
    failed, _ = _run_e5_checks(tmp_path, 0)
    assert failed.returncode == 1
    assert f"1 of {pings + 1} vmkping checks failed." in failed.stderr


def test_e5_checklist_lists_bind_to_vmknic_for_every_host() -> None:
    ctx = context("e5")
    files = by_name(checklist.render(ctx, None))
    command = "esxcli system settings advanced list --option=/Migrate/BindToVmknic"
    doc = parsed(files["test-plan.html"])
    text = "".join(doc.text)
    assert text.count(command) == 2 and "A02" in text and "A03" not in text
    assert doc.boxes == ["pass", "fail"] * (len(ctx.plan.tests) + 2)
    md = files["test-plan.md"]
    assert "- **A01** on esx01: Migrate.BindToVmknic = 1" in md
    assert "- **A02** on esx02: Migrate.BindToVmknic = 1" in md
    assert md.count(f"`{command}`") == 2
    one = by_name(checklist.render(ctx, "esx02"))
    assert "on esx02: Migrate.BindToVmknic" in one["test-plan.md"]
    assert "on esx01: Migrate.BindToVmknic" not in one["test-plan.md"]


def test_no_bind_to_vmknic_check_when_the_plan_does_not_set_it() -> None:
    for stem in ("e1", "e4", "e7"):
        for text in by_name(checklist.render(context(stem), None)).values():
            assert "BindToVmknic" not in text and "advanced_is" not in text
