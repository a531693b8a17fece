"""The command-line front end: a thin layer over the planner and the renderers.

Exit status of ``plan``: 0 no error findings, 1 the design has error findings, 2 the file is
invalid (the message names the field path and the reason, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Literal

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import plan_json_text
from app.render.base import RenderContext
from app.render.summary import summary_text

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


class CliError(Exception):
    """A problem the user can fix; printed without a traceback, exit status 2."""


def load_file(path: Path) -> Design:
    """Read and validate a design document (YAML or JSON, chosen by the file extension)."""
    from app.render.document import DesignImportError, load_design

    try:
        # utf-8-sig: files saved by Windows editors start with a BOM (the web import agrees).
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise CliError(
            f"{path}: not a design document: not UTF-8 text at byte offset {exc.start} "
            "(expected JSON or YAML)"
        ) from None
    fmt: Literal["json", "yaml"] = "json" if path.suffix.lower() == ".json" else "yaml"
    try:
        return load_design(text, fmt)
    except DesignImportError as exc:
        problems = "\n".join(f"  {problem}" for problem in exc.problems)
        raise CliError(f"{path}: invalid design document\n{problems}") from None


def _cmd_plan(args: argparse.Namespace) -> int:
    result = plan(load_file(args.file))
    if args.format == "json":
        sys.stdout.write(plan_json_text(result, indent=2) + "\n")
    else:
        sys.stdout.write(summary_text(result))
    return EXIT_FINDINGS if result.summary.errors else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(Design.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from app.render.formats import (
        PlanHasErrorsError,
        UnknownFormatError,
        UnknownHostError,
        render_format,
    )

    design = load_file(args.file)
    ctx = RenderContext(design=design, plan=plan(design), revision=args.revision)
    try:
        artifacts = render_format(args.format, ctx, args.host, allow_errors=args.allow_errors)
    except (UnknownFormatError, UnknownHostError, PlanHasErrorsError) as exc:
        raise CliError(str(exc)) from None
    if args.output is None:
        if len(artifacts) != 1 or isinstance(artifacts[0].content, bytes):
            names = ", ".join(a.filename for a in artifacts)
            raise CliError(
                f"format {args.format} writes several or binary files ({names}); pass --output DIR"
            )
        sys.stdout.write(str(artifacts[0].content))
        return EXIT_OK
    for artifact in artifacts:
        target = args.output / artifact.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(artifact.data)
        print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vmotion-planner",
        description="Plan multi-NIC vMotion networks for ESXi clusters.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_plan = sub.add_parser("plan", help="plan a design document and print the result")
    p_plan.add_argument("file", type=Path, help="design document (.yaml, .yml or .json)")
    p_plan.add_argument("--format", choices=["text", "json"], default="text")
    p_plan.set_defaults(func=_cmd_plan)
    p_schema = sub.add_parser("schema", help="print the JSON Schema of the design document")
    p_schema.set_defaults(func=_cmd_schema)
    p_export = sub.add_parser("export", help="render an output format (scripts, configs, CSV…)")
    p_export.add_argument("file", type=Path, help="design document (.yaml, .yml or .json)")
    p_export.add_argument(
        "--format", required=True, help="output format name (see docs/outputs.md)"
    )
    p_export.add_argument("--host", help="only this host, for per-host formats")
    p_export.add_argument("--output", type=Path, help="directory to write the files into")
    p_export.add_argument("--revision", type=int, help="revision number for file headers")
    p_export.add_argument(
        "--allow-errors",
        action="store_true",
        help="write scripts and configs even though the plan has error findings",
    )
    p_export.set_defaults(func=_cmd_export)
    # Imported here: app.cli_users builds on CliError above (and on the database layer, which
    # `plan` and `export` do not need).
    from app.cli_users import add_parser as add_users_parser

    add_users_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status: int = args.func(args)
    except CliError as exc:
        print(f"vmotion-planner: {exc}", file=sys.stderr)
        return EXIT_INVALID

    return status


if __name__ == "__main__":
    raise SystemExit(main())
