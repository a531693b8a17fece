"""Cabling sheet CSV: one row per cable with both ends, and safe cells (CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from app.render import cabling_csv
from app.render.cabling_csv import HEADER, csv_cell
from tests.examples import example_dict
from tests.render.exports_support import GOLDEN_EXAMPLES, check_golden, context


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
