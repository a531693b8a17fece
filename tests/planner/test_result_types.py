"""The plan's result objects are plain dataclasses (no validation when the planner builds them),
so this checks what pydantic used to: every field of every object holds exactly its declared
type, for every example and for generated designs, and the JSON edge reads back to an equal plan.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, Literal, Union

from hypothesis import given, settings

from app.planner.design import Design
from app.planner.plan import plan
from app.planner.result import Plan, plan_from_json, plan_json, plan_json_text
from tests.examples import EXAMPLES, example
from tests.planner.test_properties import designs


@cache
def _hints(kind: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(kind, include_extras=False)


def type_errors(value: Any, annotation: Any, path: str) -> list[str]:
    """Where ``value`` is not of ``annotation`` (recursing into dataclasses and containers)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (Union, types.UnionType):
        candidates = [type_errors(value, arg, path) for arg in args]
        # No candidate fits: report the closest one's errors (fewest), not just "none of".
        return [] if [] in candidates else min(candidates, key=len)
    if origin is Literal:
        return [] if value in args else [f"{path}: {value!r} not in {args}"]
    if annotation is type(None):
        return [] if value is None else [f"{path}: {value!r} is not None"]
    if origin is list:
        if type(value) is not list:
            return [f"{path}: {type(value).__name__} is not a list"]
        return [
            e for i, item in enumerate(value) for e in type_errors(item, args[0], f"{path}.{i}")
        ]
    if origin is dict:
        if type(value) is not dict:
            return [f"{path}: {type(value).__name__} is not a dict"]
        return [
            e
            for key, item in value.items()
            for e in [*type_errors(key, args[0], path), *type_errors(item, args[1], path)]
        ]
    if dataclasses.is_dataclass(annotation):
        if type(value) is not annotation:
            return [f"{path}: {type(value).__name__} is not {annotation.__name__}"]
        return [
            e
            for name, hint in _hints(annotation).items()
            for e in type_errors(getattr(value, name), hint, f"{path}.{name}")
        ]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [] if isinstance(value, annotation) else [f"{path}: {value!r} not {annotation}"]
    # bool is an int subclass, and an int in a float field serialises differently: exact types.
    if type(value) is not annotation:
        return [f"{path}: {type(value).__name__} is not {annotation.__name__}"]
    return []


def test_every_example_plan_holds_its_declared_types_and_reads_back_equal() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        name = path.name
        result = plan(example(path.stem))
        assert type_errors(result, Plan, name) == []
        assert plan_from_json(plan_json(result)) == result
        assert plan_json_text(plan_from_json(plan_json(result))) == plan_json_text(result)


@settings(max_examples=40, deadline=None)
@given(designs())
def test_generated_plans_hold_their_declared_types(doc: dict[str, Any]) -> None:
    assert type_errors(plan(Design.model_validate(doc)), Plan, "plan") == []


def test_the_checker_sees_a_wrong_type() -> None:
    result = plan(example("e1"))
    broken = dataclasses.replace(result, cables=tuple(result.cables))  # type: ignore[arg-type]
    assert type_errors(broken, Plan, "p") == ["p.cables: tuple is not a list"]
