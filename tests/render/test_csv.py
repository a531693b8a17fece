"""Cabling sheet CSV: one row per cable with both ends, and safe cells (CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from app.render import cabling_csv
from app.render.cabling_csv import HEADER, csv_cell
from tests.examples import example_dict
from tests.render.exports_support import GOLDEN_EXAMPLES, check_golden, context
from tests.render.whole_plan_support import isl_channel, whole_plan_context


def rows(text: str | bytes) -> list[dict[str, str]]:
    assert isinstance(text, str)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_e1_has_the_four_back_to_back_cables_with_their_subnets() -> None:
    ctx = context("e1", switches=[])
    (artifact,) = cabling_csv.render(ctx, None)
    assert artifact.filename == "cabling.csv"
    assert artifact.media_type == "text/csv"
    table = rows(artifact.content)
    assert [r["Cable ID"] for r in table] == ["C01", "C02", "C03", "C04"]
    first = table[0]
    assert first["A device"] == "esx01" and first["B device"] == "esx02"
    assert first["A port"] == first["B port"] == "vmnic1"
    assert first["A card"] == "PCIe 1" and first["A card port"] == "2"
    assert first["Subnet"] == "198.51.100.0/30"
    assert first["Role"] == "vMotion" and first["Lane"] == "1"
    assert first["Speed (Gbit/s)"] == "1"
    assert first["Colour"] == ctx.plan.cables[0].color
    assert list(first) == list(HEADER)


def test_per_host_file_keeps_only_that_hosts_cables() -> None:
    ctx = context("e4")
    (artifact,) = cabling_csv.render(ctx, "esx02")
    assert artifact.filename == "cabling-esx02.csv"
    table = rows(artifact.content)
    expected = [c.id for c in ctx.plan.cables if "esx02" in (c.a.device, c.b.device)]
    assert [r["Cable ID"] for r in table] == expected and len(expected) == 4


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)"])
def test_formula_cells_are_defused(dangerous: str) -> None:
    assert csv_cell(dangerous) == "'" + dangerous
    data = example_dict("e1")
    data["hardware"][0]["slot"] = dangerous
    (artifact,) = cabling_csv.render(context("e1", switches=[], hardware=data["hardware"]), None)
    assert rows(artifact.content)[0]["A card"] == "'" + dangerous


def test_commas_quotes_and_newlines_stay_inside_their_cell() -> None:
    data = example_dict("e1")
    data["hardware"][0]["slot"] = 'Slot "1", left\nside'
    (artifact,) = cabling_csv.render(context("e1", switches=[], hardware=data["hardware"]), None)
    table = rows(artifact.content)
    assert len(table) == 4
    assert table[0]["A card"] == 'Slot "1", left\nside'


def test_numbers_are_not_guarded() -> None:
    assert csv_cell(-1) == "-1"
    assert csv_cell(None) == ""


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("cabling-csv", stem, cabling_csv.render(context(stem), None))


def test_every_cable_kind_with_status_labels_vlans_and_existing_last() -> None:
    """Issue 7 item 1: uplinks, inter-switch links and existing cables, each kept apart."""
    ctx = whole_plan_context()
    table = rows(cabling_csv.render(ctx, None)[0].content)
    assert sorted(r["Cable ID"] for r in table) == sorted(c.id for c in ctx.plan.cables)
    statuses = [r["Status"] for r in table]
    # Planned rows first, then the existing ones (the management uplinks, patched today).
    assert statuses == ["planned"] * 10 + ["existing"] * 8
    existing = {r["Cable ID"] for r in table if r["Status"] == "existing"}
    assert existing == {c.id for c in ctx.plan.cables if c.existing}
    isl = next(r for r in table if r["Cable ID"] == "C17")
    assert (isl["Kind"], isl["Role"]) == ("inter_switch", "Inter-switch link")
    assert (isl["A device"], isl["A port"], isl["B device"], isl["B port"]) == (
        "sw1",
        "Ethernet1/47",
        "sw2",
        "Ethernet1/47",
    )
    assert (isl["VLANs"], isl["MTU"]) == ("10 20", "9216")
    assert isl["Port-channel"] == str(isl_channel(ctx.plan))
    uplink = next(r for r in table if r["Cable ID"] == "C01")
    assert (uplink["Kind"], uplink["A port label"], uplink["B port label"]) == (
        "uplink",
        "PCIe 1 / P2",
        "",
    )
