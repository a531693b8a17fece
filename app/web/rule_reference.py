"""The in-app rules page (issue 9 §5): each rule from the catalog, its reason and its sources.

Text, severity and remedy come from :data:`app.planner.catalog.RULES`. The reason ("why") and the
source URLs live in docs/domain.md (section 10 and the sources table); they are read from there
rather than copied, so the page and the domain reference cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.planner.catalog import RULES

DOMAIN_MD = Path(__file__).resolve().parents[2] / "docs/domain.md"

_RULE_ROW = re.compile(r"^\| (?P<id>[RP]\d+) \|(?P<cells>.*)\|\s*$")
_SOURCE_ROW = re.compile(r"^\| (?P<key>S-[A-Z0-9-]+) \| (?P<text>.*) \|\s*$")
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class SourceRef:
    key: str
    text: str  # what the source is, without its URL
    url: str  # "" for FIELD, DERIVED, UNVERIFIED and other markers


@dataclass(frozen=True)
class RuleEntry:
    id: str
    severity: str
    title: str
    message: str
    why: str
    remedy: str
    checkable: bool
    note: str
    sources: tuple[SourceRef, ...]


@lru_cache(maxsize=1)
def rule_entries() -> tuple[RuleEntry, ...]:
    """Every rule of the catalog in catalog order, with its reason and linked sources."""
    text = DOMAIN_MD.read_text(encoding="utf-8")
    reasons = _reasons(text)
    sources = _sources(text)
    return tuple(
        RuleEntry(
            id=rule.id,
            severity=rule.severity.value,
            title=rule.title,
            message=rule.message,
            why=reasons.get(rule.id, ""),
            remedy=rule.remedy,
            checkable=rule.checkable,
            note=rule.note,
            sources=tuple(sources.get(key, SourceRef(key, "", "")) for key in rule.sources),
        )
        for rule in RULES.values()
    )


def _reasons(text: str) -> dict[str, str]:
    """Rule ID → the Reason column of docs/domain.md section 10 (R rules and P rules)."""
    reasons: dict[str, str] = {}
    for line in text.splitlines():
        match = _RULE_ROW.match(line)
        if match:
            cells = [c.strip() for c in match.group("cells").split(" | ")]
            if len(cells) >= 3:
                reasons.setdefault(match.group("id"), cells[2])
    return reasons


def _sources(text: str) -> dict[str, SourceRef]:
    found: dict[str, SourceRef] = {}
    for line in text.splitlines():
        match = _SOURCE_ROW.match(line)
        if match:
            where = match.group("text")
            url = _URL.search(where)
            plain = _URL.sub("", where).strip(" ;,")
            found[match.group("key")] = SourceRef(
                match.group("key"), plain, url.group(0) if url else ""
            )
    return found
