"""Test plan: printable checklist (HTML, Markdown) and vmkping-checks.sh (R39)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.render import checklist
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
    assert headings[:5] == [
        "## On esx01 (10 checks)",
        "### esx01 → esx02",
        "### esx01 → esx04",
        "### esx01 → esx02, standby path (vmnic1 down)",
        "### esx01 → esx02, standby path (vmnic3 down)",
    ]
    assert len(headings) == 4 * 5
    assert "First run esxcli network nic down -n vmnic1 on the source host" in text
    assert "**T40**" in text and "**T41**" not in text


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
