"""The format registry, render_format and the zip of everything."""

from __future__ import annotations

import io
import re
import zipfile
from ipaddress import IPv4Address, IPv4Network

import pytest

from app.render.base import RenderContext
from app.render.formats import (
    FORMATS,
    PlanHasErrorsError,
    UnknownFormatError,
    UnknownHostError,
    available_formats,
    bundle_zip,
    render_format,
)
from tests.examples import example_dict
from tests.render.exports_support import context

ISSUE_FORMATS = {
    "esxcli", "powercli", "ansible", "terraform", "checklist", "switch", "cabling-csv", "netbox",
    "topology-svg", "vswitch-svg", "drawio", "sheet-html", "sheet-pdf", "design-json",
    "design-yaml",
}  # fmt: skip
IPV4 = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")


def test_registry_lists_every_format_of_the_issue() -> None:
    assert set(FORMATS) == ISSUE_FORMATS
    for spec in FORMATS.values():
        assert spec.title and spec.description.endswith(".") and spec.folder


def test_formats_written_in_this_tree_are_available() -> None:
    names = {spec.name for spec in available_formats()}
    assert {"switch", "cabling-csv", "netbox", "drawio", "design-json", "design-yaml"} <= names


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        render_format("visio", context("e1"))
    assert "Unknown export format 'visio'" in str(caught.value)
    assert "cabling-csv" in str(caught.value)


def test_unknown_host_is_refused() -> None:
    with pytest.raises(UnknownHostError, match="Host 'esx09' is not in this design"):
        render_format("cabling-csv", context("e1"), "esx09")


def test_per_host_formats_narrow_and_design_formats_ignore_the_host() -> None:
    ctx = context("e4")
    (one,) = render_format("cabling-csv", ctx, "esx01")
    assert one.filename == "cabling-esx01.csv"
    assert render_format("drawio", ctx, "esx01") == render_format("drawio", ctx)


@pytest.mark.parametrize("stem", ["e1", "e4", "e5", "e6"])
def test_every_available_format_renders_and_says_only_what_the_design_says(stem: str) -> None:
    ctx = context(stem)
    design = ctx.design
    networks = [h.management.ip.network for h in design.hosts] + [design.vmotion.pool]
    for spec in available_formats():
        artifacts = render_format(spec.name, ctx)
        if spec.name != "switch" or ctx.plan.switches:
            assert artifacts, spec.name
        for artifact in artifacts:
            assert artifact.filename and artifact.media_type and artifact.data
            if not isinstance(artifact.content, str):
                continue
            for text in IPV4.findall(artifact.content):
                address = IPv4Address(text)
                is_mask = any(IPv4Network(f"0.0.0.0/{p}").netmask == address for p in range(33))
                assert is_mask or any(address in net for net in networks), (
                    f"{spec.name}/{artifact.filename} mentions {text}, which the design never gave"
                )


def errored_switched_context() -> RenderContext:
    """E4 with the switches left at MTU 1500 under MTU 9000 vMotion: error R12."""
    switches = [dict(sw, mtu=1500) for sw in example_dict("e4")["switches"]]
    ctx = context("e4", switches=switches)
    assert any(f.rule == "R12" and f.severity == "error" for f in ctx.plan.findings)
    return ctx


def test_switch_config_is_refused_while_the_plan_has_errors() -> None:
    ctx = errored_switched_context()
    with pytest.raises(PlanHasErrorsError, match="R12"):
        render_format("switch", ctx)
    assert render_format("switch", ctx, allow_errors=True)
    assert render_format("cabling-csv", ctx)  # documents stay available


def test_bundle_has_everything_in_folders_and_is_deterministic() -> None:
    ctx = context("e4")
    data = bundle_zip(ctx)
    assert data == bundle_zip(ctx)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    root = "e4-four-hosts-switched-r3"
    assert all(name.startswith(f"{root}/") for name in names)
    assert f"{root}/README.txt" in names
    for spec in available_formats():
        for artifact in render_format(spec.name, ctx):
            inside = [n for n in names if n.endswith("/" + artifact.filename.split("/")[-1])]
            assert inside, f"{spec.name}: {artifact.filename} missing from the zip"
            assert archive.read(inside[0]) == artifact.data
    assert f"{root}/switch/switch-sw1-nxos.txt" in names
    assert f"{root}/diagrams/topology.drawio" in names
    assert not any("/ansible/ansible/" in n for n in names)
    for info in archive.infolist():
        assert info.date_time == (2026, 1, 15, 9, 30, 0)
        if info.filename.endswith(".sh"):
            assert (info.external_attr >> 16) & 0o111
    readme = archive.read(f"{root}/README.txt").decode()
    assert "maintenance mode" in readme and "switch/switch-sw2-nxos.txt" in readme


def test_bundle_of_an_errored_plan_explains_the_missing_switch_config() -> None:
    ctx = errored_switched_context()
    archive = zipfile.ZipFile(io.BytesIO(bundle_zip(ctx)))
    assert not any("/switch/" in name for name in archive.namelist())
    readme = archive.read("e4-four-hosts-switched-r3/README.txt").decode()
    assert "not generated: the plan has errors" in readme
    assert "R12" in readme
