"""Generate docs/design-format.md from the design document models.

The reference cannot drift from the code: a test regenerates it and compares. Run
``python -m app.docgen > docs/design-format.md`` after changing app/planner/design.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.planner.design import Design

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "e1-two-hosts-direct.yaml"

INTRO = """\
# Design document format

A design document describes one ESXi cluster network for multi-NIC vMotion. It is what the app
stores (every revision), what share links show, what import/export moves and what the CLI reads
(`vmotion-planner plan FILE`). YAML and JSON carry the same fields. Unknown fields are errors,
so a typo never passes silently. The machine-readable JSON Schema comes from the same models:
`vmotion-planner schema`.

This page is generated from `app/planner/design.py` by `python -m app.docgen`; do not edit it by
hand.

VMware rules (R1-R46, see `docs/rules.md`; their reasons in `docs/domain.md`) are not validation
errors: a design that breaks them still plans, and they come back as findings. Validation errors
are for documents that cannot be read: wrong types, out-of-range values, duplicate names, a
gateway outside its subnet.
"""


def _type_text(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in spec:
        return " or ".join(_type_text(option) for option in spec["anyOf"])
    if "enum" in spec:
        return " \\| ".join(f"`{value}`" for value in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type_text(spec.get('items', {}))}"
    fmt = spec.get("format")
    return f"{kind} ({fmt})" if fmt else str(kind)


def _limits(spec: dict[str, Any]) -> str:
    parts = []
    for key, label in (
        ("minimum", "≥"),
        ("maximum", "≤"),
        ("minLength", "min length"),
        ("maxLength", "max length"),
        ("minItems", "min items"),
        ("maxItems", "max items"),
        ("pattern", "pattern"),
    ):
        for source in (spec, *spec.get("anyOf", [])):
            if key in source:
                value = f"`{source[key]}`" if key == "pattern" else source[key]
                parts.append(f"{label} {value}")
    return ", ".join(parts)


def _default_text(spec: dict[str, Any]) -> str:
    if "default" not in spec:
        return "`[]`" if spec.get("type") == "array" else ""
    value = spec["default"]
    if isinstance(value, dict):
        return "see its section"
    return f"`{json.dumps(value)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _model_section(name: str, schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    lines = [f"## {name}", ""]
    if schema.get("description"):
        lines += [schema["description"].strip(), ""]
    if "enum" in schema:
        values = ", ".join(f"`{v}`" for v in schema["enum"])
        return [*lines, f"One of: {values}.", ""]
    lines += [
        "| field | type | required | default | limits | description |",
        "|---|---|---|---|---|---|",
    ]
    for field, spec in schema.get("properties", {}).items():
        default = "" if field in required else _default_text(spec)
        lines.append(
            "| `{}` | {} | {} | {} | {} | {} |".format(
                field,
                _cell(_type_text(spec)),
                "yes" if field in required else "no",
                _cell(default),
                _cell(_limits(spec)),
                _cell(spec.get("description", "")),
            )
        )
    return [*lines, ""]


def design_format_markdown() -> str:
    schema = Design.model_json_schema()
    defs: dict[str, Any] = schema.pop("$defs", {})
    lines = [
        INTRO,
        "## Example (scenario E1)",
        "",
        "```yaml",
        EXAMPLE.read_text().rstrip(),
        "```",
        "",
    ]
    lines += _model_section("Design", schema)
    for name in sorted(defs):
        lines += _model_section(name, defs[name])
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(design_format_markdown(), end="")
