"""Design document export (JSON, YAML) and import with every problem reported by field path.

Export writes the whole document in the model's field order, so ``schema_version`` comes first
and the same design always gives the same bytes. Import parses (JSON or YAML), refuses what a
parser would silently accept (duplicate keys, YAML aliases that could expand without bound) and
validates against :class:`Design`; a :class:`DesignImportError` carries every problem at once,
each with the path of the field it concerns (``hosts.1.management.ip``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from app.planner.design import Design
from app.planner.doc_problems import validate
from app.render.base import Artifact, RenderContext

Format = Literal["json", "yaml"]
DOCUMENT_PATH = "(document)"


@dataclass(frozen=True)
class ImportProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DesignImportError(ValueError):
    """The uploaded text is not a valid design; ``problems`` lists every reason."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def design_data(design: Design) -> dict[str, Any]:
    """The document as plain JSON types, in field order (``schema_version`` first)."""
    return design.model_dump(mode="json")


def dump_json(design: Design) -> str:
    return json.dumps(design_data(design), indent=2, ensure_ascii=False) + "\n"


class _Dumper(yaml.SafeDumper):
    """Quotes strings with line-break or control characters so they load back unchanged."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML writes NEL (U+0085) raw into single-quoted scalars, where a loader reads it as a
    # line break; escaped double quotes are the one style every such character survives.
    style = None if value.replace("\n", "").isprintable() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(design: Design, header: list[str] | None = None) -> str:
    body = yaml.dump(
        design_data(design),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    comments = "".join(f"# {_comment_text(line)}\n" for line in header or [])
    return comments + body


def _comment_text(text: str) -> str:
    # A YAML reader refuses non-printable characters even in comments, and the design name
    # goes into the header: without this, such an export could not be imported back.
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())


def render_json(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """``design.json``: the document itself, ready to import elsewhere."""
    return [Artifact("design.json", "application/json", dump_json(ctx.design))]


def render_yaml(ctx: RenderContext, host: str | None = None) -> list[Artifact]:
    """``design.yaml`` with a comment naming the design and revision."""
    header = [f"vmotion-planner design document: {ctx.design.name}"]
    if ctx.revision is not None:
        header.append(f"Revision {ctx.revision}")
    if ctx.generated_at:
        header.append(f"Exported {ctx.generated_at}")
    return [Artifact("design.yaml", "application/yaml", dump_yaml(ctx.design, header))]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases (no 'billion laughs') and with duplicate keys as errors."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, "YAML aliases (*name) are not allowed in a design", mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.MarkedYAMLError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _guess_format(text: str) -> Format:
    return "json" if text.lstrip().startswith(("{", "[")) else "yaml"


# Parsers recurse once per nesting level; a crafted file ("[[[[…") exhausts the stack. A design
# document is a few levels deep, so this is always a bad file, never a big design.
TOO_DEEP = "the document is nested far too deeply to be a design document"


def _parse(text: str, fmt: Format) -> Any:
    """Parse JSON or YAML; every failure is a :class:`DesignImportError` (issue 10 item 8)."""
    try:
        return _parse_unguarded(text, fmt)
    except RecursionError:
        raise _one(f"not valid {fmt.upper()}: {TOO_DEEP}") from None


def _parse_unguarded(text: str, fmt: Format) -> Any:
    if fmt == "json":
        try:
            return json.loads(text, object_pairs_hook=_json_pairs)
        except json.JSONDecodeError as exc:
            raise _one(
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
        except ValueError as exc:
            raise _one(f"not valid JSON: {exc}") from None
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise _one(f"not valid YAML: {exc.problem}{where}") from None
    except yaml.YAMLError as exc:
        raise _one(f"not valid YAML: {exc}") from None
    except TypeError:
        # PyYAML builds the mapping before checking keys: a list or mapping as a key ("? [a]").
        raise _one("not valid YAML: a list or mapping is used as a mapping key") from None
    except ValueError as exc:
        # int() of a 5,000-digit literal: Python refuses more than 4,300 digits.
        raise _one(f"not valid YAML: a value cannot be read ({exc})") from None


def _one(message: str) -> DesignImportError:
    return DesignImportError([ImportProblem(DOCUMENT_PATH, message)])


def load_design(text: str, fmt: Format | None = None) -> Design:
    """Parse and validate a design document.

    Args:
        text: the uploaded JSON or YAML text.
        fmt: ``"json"`` or ``"yaml"``; ``None`` guesses from the first character.

    Returns:
        The validated :class:`Design`.

    Raises:
        DesignImportError: with every problem found, each with its field path.
    """
    data = _parse(text, fmt or _guess_format(text))
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise _one(
            f"a design document is a mapping of fields (name, topology, hosts, …); got {kind}"
        )
    design, problems = validate(data)
    if design is None:
        # One mapper for the editor, import, API and CLI (issue 9 §8).
        raise DesignImportError(
            [ImportProblem(p.path or DOCUMENT_PATH, p.message) for p in problems]
        )
    return design
