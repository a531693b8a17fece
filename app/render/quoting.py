"""Safe quoting of design text for every script and config format the renderers write.

Design text (the design name and description, port group names) is free text: a design called
``x'; rm -rf / #`` must stay a name in every output and never become a command. Each format gets
two helpers: one for values inside code (quoted so the interpreter reads them as one literal) and
one for comments (a comment ends at a line break, so line breaks are folded into spaces).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

# Line breaks and other control characters end a comment or confuse a terminal; PowerShell and
# YAML also treat NEL and the Unicode line/paragraph separators as line breaks, and a YAML reader
# refuses a file with a non-character such as U+FFFE even inside a comment. str.isprintable()
# covers all of these (categories Cc, Cf, Cs, Co, Cn, Zl, Zp and the non-ASCII spaces).
_FOLDED = re.compile(r"\x00+")
_SH_SAFE = re.compile(r"^[A-Za-z0-9@%+=:,./_-]+$")
# PowerShell reads the typographic single quotes as quote characters too (CodeGeneration
# .EscapeSingleQuotedStringContent doubles all four).
_PS_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


# Characters XML 1.0 does not allow at all, not even escaped as &#x7; (Char production, §2.2).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(document: str) -> str:
    """``document`` with every character XML 1.0 forbids replaced by U+FFFD.

    Escaping cannot help here (``&#x7;`` is as ill-formed as the raw byte), and a single one in
    a design name makes a whole SVG or draw.io file fail to open; U+FFFD shows where it was.
    """
    return _NOT_XML.sub("\ufffd", document)


def one_line(text: str) -> str:
    """``text`` with every run of non-printable characters (line breaks, tabs, ESC, U+FFFE …)
    folded to a space."""
    marked = "".join(ch if ch == " " or ch.isprintable() else "\x00" for ch in text)
    return _FOLDED.sub(" ", marked).strip()


# --- POSIX sh -------------------------------------------------------------------------------


def sh_quote(value: str) -> str:
    """One sh word that expands to exactly ``value`` (left bare when it has no special chars)."""
    if _SH_SAFE.match(value):
        return value
    return "'" + value.replace("'", "'\"'\"'") + "'"


def sh_option(name: str, value: str) -> str:
    """A long option ``--name=value`` with the value quoted for sh."""
    return f"--{name}={sh_quote(value)}"


def sh_comment(text: str) -> str:
    """A ``#`` comment line holding ``text`` on one line."""
    return f"# {one_line(text)}".rstrip()


# --- PowerShell -----------------------------------------------------------------------------


def ps_quote(value: str) -> str:
    """A single-quoted PowerShell string literal (no variable or subexpression expansion)."""
    escaped = "".join(ch * 2 if ch in _PS_SINGLE_QUOTES else ch for ch in value)
    return f"'{escaped}'"


def ps_array(values: list[str]) -> str:
    """A PowerShell array literal of single-quoted strings, ``@('a','b')``."""
    return "@(" + ",".join(ps_quote(v) for v in values) + ")"


def ps_comment(text: str) -> str:
    """A ``#`` comment line; ``<#``/``#>`` are harmless inside a line comment."""
    return f"# {one_line(text)}".rstrip()


# --- YAML (Ansible) -------------------------------------------------------------------------


class Unsafe(str):
    """A string Ansible must never template: dumped with the ``!unsafe`` tag.

    Ansible evaluates ``{{ … }}`` in inventory values and task arguments; a port group name such
    as ``{{ lookup('pipe', 'reboot') }}`` would run on the control node without this tag.
    """


class _Dumper(yaml.SafeDumper):
    pass


def _represent_unsafe(dumper: yaml.SafeDumper, data: Unsafe) -> yaml.ScalarNode:
    return dumper.represent_scalar("!unsafe", str(data), style="'")


_Dumper.add_representer(Unsafe, _represent_unsafe)


def yaml_dump(data: Any) -> str:
    """YAML text for ``data``: block style, keys in the given order, no aliases."""
    _Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]
    return yaml.dump(
        data,
        Dumper=_Dumper,
        default_flow_style=False,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )


def yaml_comment(text: str) -> str:
    return f"# {one_line(text)}".rstrip()


def mark_unsafe(data: Any) -> Any:
    """A copy of ``data`` with string values that could hold a Jinja template tagged unsafe.

    Jinja needs ``{`` to open ``{{``, ``{%`` or ``{#``; strings without one are left untagged so
    the inventory stays easy to read.
    """
    if isinstance(data, str):
        return Unsafe(data) if "{" in data else data
    if isinstance(data, Mapping):
        return {key: mark_unsafe(value) for key, value in data.items()}
    if isinstance(data, list):
        return [mark_unsafe(value) for value in data]
    return data


# --- HCL (Terraform) ------------------------------------------------------------------------

_HCL_IDENT_BAD = re.compile(r"[^A-Za-z0-9_-]")


def hcl_string(value: str) -> str:
    """A double-quoted HCL string literal: escapes, and no ``${``/``%{`` interpolation."""
    # json.dumps gives the escapes HCL shares with JSON (\\ \" \n \t \uXXXX); template
    # sequences are then doubled so Terraform reads them literally.
    body = json.dumps(value, ensure_ascii=False)[1:-1]
    body = body.replace("${", "$${").replace("%{", "%%{")
    return f'"{body}"'


def hcl_list(values: list[str]) -> str:
    return "[" + ", ".join(hcl_string(v) for v in values) + "]"


def hcl_identifier(text: str) -> str:
    """A Terraform block label / identifier made from ``text`` (letters, digits, _ and -)."""
    ident = _HCL_IDENT_BAD.sub("_", text)
    if not ident or not (ident[0].isalpha() or ident[0] == "_"):
        ident = f"_{ident}"
    return ident


def hcl_comment(text: str) -> str:
    return f"# {one_line(text)}".rstrip()


# --- Markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_text(value: str) -> str:
    """Markdown text that renders literally: one line, punctuation backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(value))
