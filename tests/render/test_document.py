"""Design document export (JSON, YAML) and import: every problem with its path, round trips."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.planner.design import Design
from app.render.document import (
    DOCUMENT_PATH,
    DesignImportError,
    dump_json,
    dump_yaml,
    load_design,
    render_json,
    render_yaml,
)
from tests.examples import example, example_dict
from tests.render.exports_support import GOLDEN_EXAMPLES, check_golden, context

STEMS = ("e1", "e2", "e3", "e4", "e5", "e6", "e7")


def problems(text: str, fmt: str | None = None) -> dict[str, str]:
    with pytest.raises(DesignImportError) as caught:
        load_design(text, fmt)  # type: ignore[arg-type]
    return {p.path: p.message for p in caught.value.problems}


@pytest.mark.parametrize("stem", STEMS)
def test_examples_round_trip_through_both_formats(stem: str) -> None:
    design = example(stem)
    assert load_design(dump_json(design), "json") == design
    assert load_design(dump_yaml(design), "yaml") == design
    assert load_design(dump_yaml(design)) == design  # format guessed


def test_schema_version_comes_first() -> None:
    design = example("e4")
    assert next(iter(json.loads(dump_json(design)))) == "schema_version"
    assert dump_yaml(design).startswith("schema_version: 1\n")


def test_yaml_header_names_design_and_revision() -> None:
    (artifact,) = render_yaml(context("e1"), None)
    assert artifact.filename == "design.yaml" and artifact.media_type == "application/yaml"
    text = str(artifact.content)
    assert text.startswith("# vmotion-planner design document: E1 two hosts back-to-back\n")
    assert "# Revision 3\n" in text
    assert yaml.safe_load(text)["name"] == "E1 two hosts back-to-back"


def test_every_problem_is_reported_with_its_path() -> None:
    data = example_dict("e1")
    data["hosts"][1]["management"]["ip"] = "192.0.2.300/24"
    data["hosts"][0]["name"] = "bad name!"
    data["vmotion"]["mtu"] = 20000
    data["topolgy"] = "direct"
    found = problems(json.dumps(data), "json")
    assert set(found) == {
        "hosts.1.management.ip",
        "hosts.0.name",
        "vmotion.mtu",
        "topolgy",
    }
    assert "IPv4" in found["hosts.1.management.ip"]
    assert "9216" in found["vmotion.mtu"]


def test_model_level_problem_gets_the_path_from_its_message() -> None:
    data = example_dict("e1")
    data["hardware"] = []
    found = problems(yaml.safe_dump(data), "yaml")
    assert set(found) == {"hosts.0.cards"}
    assert "no NICs" in found["hosts.0.cards"]


@pytest.mark.parametrize(
    ("text", "fmt", "fragment"),
    [
        ("{not json", "json", "not valid JSON"),
        ("name: [unclosed", "yaml", "not valid YAML"),
        ("", None, "got empty"),
        ("- a\n- b\n", "yaml", "got a list"),
        ('{"name": "a", "name": "b"}', "json", "duplicate key 'name'"),
        ("name: a\nname: b\n", "yaml", "duplicate key 'name'"),
        ("a: &x [1]\nb: *x\n", "yaml", "aliases"),
    ],
)
def test_unparseable_documents_are_one_clear_problem(
    text: str, fmt: str | None, fragment: str
) -> None:
    found = problems(text, fmt)
    assert list(found) == [DOCUMENT_PATH]
    assert fragment in found[DOCUMENT_PATH]


def test_unquoted_yaml_version_is_reported_not_coerced() -> None:
    text = dump_yaml(example("e1")).replace('esxi_version: "8.0"', "esxi_version: 8.0")
    text = text.replace("esxi_version: '8.0'", "esxi_version: 8.0")
    assert "esxi_version: 8.0\n" in text
    assert "esxi_version" in problems(text, "yaml")


# --- round-trip property -------------------------------------------------------------------

names = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)
free_text = st.text(min_size=0, max_size=60)


@st.composite
def designs(draw: st.DrawFn) -> Design:
    """Small variations of the reference examples: names, texts, counts, MTU, VLAN, settings."""
    data: dict[str, Any] = copy.deepcopy(example_dict(draw(st.sampled_from(STEMS))))
    data["name"] = draw(st.text(min_size=1, max_size=120).filter(lambda s: s.strip() != ""))
    data["description"] = draw(free_text)
    host_names = draw(st.lists(names, min_size=1, max_size=len(data["hosts"]), unique_by=str.lower))
    data["hosts"] = [
        dict(host, name=name) for host, name in zip(data["hosts"], host_names, strict=False)
    ]
    vmotion = data["vmotion"]
    vmotion["mtu"] = draw(st.integers(576, 9216))
    vmotion["vlan"] = draw(st.integers(0, 4094))
    vmotion["rtt_ms"] = draw(st.floats(0, 1000, allow_nan=False))
    vmotion["netstack"] = draw(st.sampled_from(["default", "vmotion"]))
    for card in data["hardware"]:
        card["model"] = draw(free_text)
    data["estimate"] = {
        "vm_active_memory_gb": draw(st.floats(0.5, 24576)),
        "concurrent_migrations": 2,
    }
    return Design.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(designs(), st.sampled_from(["json", "yaml"]))
def test_export_then_import_gives_an_identical_document(design: Design, fmt: str) -> None:
    dump = dump_json if fmt == "json" else dump_yaml
    text = dump(design)
    loaded = load_design(text, fmt)  # type: ignore[arg-type]
    assert loaded == design
    assert dump(loaded) == text


def test_json_artifact() -> None:
    (artifact,) = render_json(context("e1"), None)
    assert artifact.filename == "design.json" and artifact.media_type == "application/json"
    assert load_design(str(artifact.content)) == example("e1")


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    ctx = context(stem)
    check_golden("design", stem, render_json(ctx, None) + render_yaml(ctx, None))


def test_yaml_keeps_line_break_characters_in_free_text() -> None:
    """NEL and the Unicode line separators survive a YAML round trip (found by hypothesis)."""
    design = example("e1").model_copy(update={"description": "a\x85b\u2028c\r\nd"})
    assert load_design(dump_yaml(design), "yaml") == design
