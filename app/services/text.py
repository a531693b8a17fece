"""Text the database can store: no NUL characters.

PostgreSQL refuses U+0000 in every text column ("text fields cannot contain NUL (0x00) bytes"),
and a NUL in a design name, author or search term is never what the user meant (it comes from
pasted binary data or a hand-made request). Every free-text input is checked here before it
reaches the store, so the user gets a message that names the field instead of a server error on
PostgreSQL and a silently different behaviour on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

NUL = "\x00"
NUL_MESSAGE = "Remove the NUL character (U+0000): text cannot contain it."


def no_nul(value: str | None) -> str | None:
    """A pydantic validator (query, form and body fields): refuses text with a NUL."""
    if value is not None and NUL in value:
        # A custom error type, so the message is not prefixed with pydantic's "Value error, ".
        raise PydanticCustomError("nul_character", NUL_MESSAGE)
    return value


# The rule as JSON Schema states it, so API clients and schemathesis know it (issue 10 item 8).
NO_NUL_PATTERN = "^[^\\u0000]*$"


def _state_no_nul(schema: dict[str, Any]) -> None:
    if schema.get("type") == "string":
        schema.setdefault("pattern", NO_NUL_PATTERN)
    for member in schema.get("anyOf", []):
        _state_no_nul(member)


class _NoNul:
    """``Annotated[str, NoNul]``: refuses a NUL (``no_nul``) and says so in the JSON Schema."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(no_nul, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        result = handler(schema)
        _state_no_nul(handler.resolve_ref_schema(result))
        return result


NoNul = _NoNul()


def nul_paths(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """The paths of every string in a JSON-like ``data`` (keys included) that holds a NUL."""
    if isinstance(data, str):
        if NUL in data:
            yield loc
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and NUL in key:
                yield (*loc, key)
            yield from nul_paths(value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from nul_paths(item, (*loc, index))
