"""No text from the document can become a config line (issue 8 item 9).

Two halves:

* Every string field of a document either refuses hostile text (a validation error naming that
  field: identifiers have a syntax, app/planner/identifiers.py) or is free text. The set of
  free-text fields is pinned here, so a new string field has to choose.
* A hypothesis property puts hostile text (line breaks of every kind, quotes, shell and template
  syntax, Cisco commands, markup, control characters) into each free-text field and renders every
  output format. Each file must still pass its validator (sh -n and dash -n, ciscoconfparse2,
  python-hcl2, YAML, CSV, XML, an HTML parser, the PowerShell literal tokenizer of
  test_powercli) and contain no line the design did not intend: compared with the same design
  carrying a plain marker in that field, the line-oriented files have the same lines except
  those that carried the marker, data files the same records, markup files no new element kind.

The PDF sheet is left out (binary; its HTML source, sheet-html, is checked).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import hcl2
import pytest
import yaml
from ciscoconfparse2 import CiscoConfParse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from app.planner.design import Design
from app.planner.plan import plan
from app.render import formats
from app.render.base import RenderContext
from app.render.document import load_design
from tests.examples import example_dict
from tests.render.scripts_support import shells
from tests.render.test_powercli import code_and_literals

STEMS = ("e1", "e4", "e6")
MARKER = "Qmarker7"
# Free text: shown and neutralised, never a word of a command (card slot and model). Everything
# else is an identifier (the printed label of a card port included: one line, letters, digits and
# a few separators), an enum, an address or a number and refuses hostile text at validation.
FREE_TEXT = re.compile(r"^(name|description|(hardware|hosts\.\d+\.cards)\.\d+\.(slot|model))$")

PIECES = [
    "\n",
    "\r\n",
    "\r",
    "\x0b",
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\u0085",
    "\ufffe",
    "\u202e",
    "'",
    '"',
    "`",
    "\\",
    "\t",
    "$(reboot)",
    "${x}",
    "%{y}",
    "{{ lookup('pipe','id') }}",
    "{% raw %}",
    "#",
    "!",
    ";",
    "&&",
    "|",
    "<script>alert(1)</script>",
    "]]>",
    "&amp;",
    "\nreload\n",
    "\ninterface Vlan1\n shutdown",
    "\nend\n",
    "=HYPERLINK(1)",
    "@SUM(1)",
    "-- ",
    "*/",
    "Zürich 日本",
]
HOSTILE = st.lists(
    st.sampled_from(PIECES) | st.text(min_size=1, max_size=3), min_size=1, max_size=6
).map(lambda parts: "".join(parts)[:40])


def base_document(stem: str) -> dict[str, Any]:
    """The example with every optional identifier set, so each one is covered."""
    data = example_dict(stem)
    data["vm_networks"] = [{"portgroup": "Web", "vlan": 100}]
    for index, switch in enumerate(data.get("switches", [])):
        switch.setdefault("stack", f"pair{index // 2}")
    return data


def string_paths(data: Any, prefix: str = "") -> list[str]:
    """Dotted paths of every string value in a JSON-like document."""
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in string_paths(v, f"{prefix}{k}.")]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in string_paths(v, f"{prefix}{i}.")]
    return [prefix[:-1]] if isinstance(data, str) else []


def with_value(data: dict[str, Any], path: str, value: str) -> dict[str, Any]:
    copy: Any = yaml.safe_load(yaml.safe_dump(data))
    target = copy
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return dict(copy)


@pytest.mark.parametrize("stem", STEMS)
def test_every_string_field_is_free_text_or_refuses_hostile_text(stem: str) -> None:
    data = base_document(stem)
    document = Design.model_validate(data).model_dump(mode="json")
    paths = string_paths(document)
    assert any(p.endswith("portgroup") for p in paths) and "name" in paths
    free = []
    for path in paths:
        try:
            Design.model_validate(with_value(document, path, "x\nreload\n"))
        except ValidationError as exc:
            locs = [".".join(str(part) for part in e["loc"]) for e in exc.errors()]
            assert path in locs, f"{path}: error names {locs}"
            continue
        free.append(path)
    assert free and all(FREE_TEXT.match(p) for p in free), free
    assert {"name", "description"} <= set(free)


# --- the property --------------------------------------------------------------------------


def render_all(design: Design) -> dict[str, tuple[str, str]]:
    """``{format#n: (format/file name, text)}``; keyed by position because the PowerCLI file
    name is made from the design name."""
    ctx = RenderContext(design=design, plan=plan(design), revision=3, generated_at="2026-02-02")
    files: dict[str, tuple[str, str]] = {}
    for spec in formats.available_formats():
        if spec.name == "sheet-pdf":
            continue
        for index, artifact in enumerate(formats.render_format(spec.name, ctx, allow_errors=True)):
            assert isinstance(artifact.content, str), artifact.filename
            files[f"{spec.name}#{index}"] = (f"{spec.name}/{artifact.filename}", artifact.content)
    return files


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def html_tags(text: str) -> set[str]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def xml_tags(text: str) -> set[str]:
    return {element.tag for element in ET.fromstring(text.encode()).iter()}


def csv_shape(text: str) -> list[int]:
    return [len(row) for row in csv.reader(io.StringIO(text))]


class _Unsafe(yaml.SafeLoader):
    pass


_Unsafe.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]


def check_sh(text: str, tmp: Path) -> None:
    path = tmp / "script.sh"
    path.write_text(text)
    for shell in shells():
        result = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{shell} -n: {result.stderr}"


def same_lines_but_the_marked(name: str, marked: str, hostile: str) -> None:
    """Line for line equal, except lines that carried the marker in the plain rendering."""
    before, after = marked.splitlines(), hostile.splitlines()
    assert len(before) == len(after), f"{name}: {len(before)} lines became {len(after)}"
    for old, new in zip(before, after, strict=True):
        assert old == new or MARKER in old, f"{name}: {old!r} became {new!r}"


def check_file(name: str, marked: str, hostile: str, design: Design, tmp: Path) -> None:
    if name.endswith(".sh"):
        check_sh(hostile, tmp)
        same_lines_but_the_marked(name, marked, hostile)
    elif name.startswith("switch/"):
        syntax = "nxos" if name.endswith("-nxos.txt") else "ios"
        conf = CiscoConfParse(hostile.splitlines(), syntax=syntax)
        plain = CiscoConfParse(marked.splitlines(), syntax=syntax)
        commands = [o.text for o in conf.objs if not o.text.lstrip().startswith("!")]
        assert commands == [o.text for o in plain.objs if not o.text.lstrip().startswith("!")]
        same_lines_but_the_marked(name, marked, hostile)
    elif name.endswith(".tf"):
        hcl2.load(io.StringIO(hostile))
        same_lines_but_the_marked(name, marked, hostile)
    elif name.endswith(".ps1"):
        for line in hostile.splitlines():
            code, _ = code_and_literals(line)  # raises on an unterminated literal
            assert MARKER not in code
        same_lines_but_the_marked(name, marked, hostile)
    elif name.startswith("design-"):
        assert load_design(hostile) == design  # the document itself round-trips
    elif name.endswith((".yml", ".yaml")):
        assert list(yaml.load_all(hostile, Loader=_Unsafe))  # NetBox device types: several
        same_lines_but_the_marked(name, marked, hostile)
    elif name.endswith(".csv"):
        assert csv_shape(hostile) == csv_shape(marked)
    elif name.endswith((".svg", ".drawio")):
        assert xml_tags(hostile) <= xml_tags(marked)
    elif name.endswith(".html"):
        assert html_tags(hostile) <= html_tags(marked)
    elif name.endswith((".md", ".txt")):
        same_lines_but_the_marked(name, marked, hostile)
    else:
        raise AssertionError(f"{name}: no validator for this kind of file")


def free_paths(stem: str) -> list[str]:
    document = Design.model_validate(base_document(stem)).model_dump(mode="json")
    return [p for p in string_paths(document) if FREE_TEXT.match(p)]


CASES = [(stem, path) for stem in STEMS for path in free_paths(stem)]


@settings(
    max_examples=25,
    deadline=None,
    # Every example renders every format twice; shrinking would take minutes, and the failing
    # example (field and text) is reported as generated.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=st.sampled_from(CASES), text=HOSTILE)
def test_hostile_free_text_never_becomes_a_line_of_any_output(
    case: tuple[str, str], text: str, tmp_path: Path
) -> None:
    stem, path = case
    data = base_document(stem)
    marked_design = Design.model_validate(with_value(data, path, MARKER))
    hostile_design = Design.model_validate(with_value(data, path, text))
    marked, hostile = render_all(marked_design), render_all(hostile_design)
    assert set(marked) == set(hostile)
    for key, (_, plain_text) in marked.items():
        name, text_out = hostile[key]
        check_file(name, plain_text, text_out, hostile_design, tmp_path)
