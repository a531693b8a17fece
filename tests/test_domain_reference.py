"""docs/domain.md, the domain reference: it explains every rule of the catalog, resolves every
source key the catalog cites, and every citation of it in code, tests and docs points at it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.planner.catalog import RULES

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "docs" / "domain.md"
TEXT = DOMAIN.read_text()
TAGS = {"DERIVED", "FIELD", "UNVERIFIED"}


def _section(title_start: str) -> str:
    """The text of the '## <title_start>…' section, up to the next '## ' heading."""
    start = TEXT.index(f"\n## {title_start}")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start : end if end != -1 else len(TEXT)]


RULES_SECTION = _section("10. Rules")
SOURCES_SECTION = _section("Sources")
SOURCE_ROWS = set(re.findall(r"^\| (S-[A-Z0-9-]+) \|", SOURCES_SECTION, re.MULTILINE))
RULE_ROWS = {
    m.group(1): m.group(2)
    for m in re.finditer(r"^\| ([RP]\d+) \| [^|]+ \| ([a-z /]+) \|", RULES_SECTION, re.MULTILINE)
}


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


ANCHORS = {_slug(h) for h in re.findall(r"^#{2,4} (.+)$", TEXT, re.MULTILINE)}
SECTIONS = set(re.findall(r"^## (\d+(?:\.\d+)?)\.? ", TEXT, re.MULTILINE))


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_catalog_rule_has_its_reason_in_docs_domain_md(rule_id: str) -> None:
    assert rule_id in RULE_ROWS, f"{rule_id} has no row in docs/domain.md section 10"
    # The severity the reference gives is the catalog's default (the first of two levels).
    assert RULE_ROWS[rule_id].split(" / ")[0] == RULES[rule_id].severity.value


def test_every_rule_row_of_docs_domain_md_is_in_the_catalog() -> None:
    assert set(RULE_ROWS) == set(RULES)


def test_every_source_key_the_catalog_cites_is_in_the_sources_table() -> None:
    cited = {key for rule in RULES.values() for key in rule.sources if key not in TAGS}
    assert cited, "the catalog cites no source keys"
    assert cited <= SOURCE_ROWS, sorted(cited - SOURCE_ROWS)


def test_every_source_key_docs_domain_md_cites_is_in_its_sources_table() -> None:
    cited = set(re.findall(r"\[(S-[A-Z0-9-]+)\]", TEXT))
    assert cited - SOURCE_ROWS == set()
    # And the table has no key nobody cites.
    assert SOURCE_ROWS - cited == set()


def test_sources_have_addresses_or_say_why_not() -> None:
    for row in SOURCES_SECTION.splitlines():
        if row.startswith("| S-"):
            where = row.split(" | ", 1)[1]
            assert (
                "http" in where
                or "github.com" in where
                or "no stable URL" in where
                or (row.startswith(("| S-CODE ", "| S-ADMIN-ESX ")))
            ), row


def test_unverified_rules_are_marked_unverified_in_the_reference() -> None:
    for rule in RULES.values():
        if "UNVERIFIED" in rule.sources:
            row = next(r for r in RULES_SECTION.splitlines() if r.startswith(f"| {rule.id} |"))
            assert "UNVERIFIED" in row, rule.id


def _files(*patterns: str) -> list[Path]:
    # This file spells the bare name in its checks, so it is not scanned itself.
    return [
        p
        for pattern in patterns
        for p in sorted(ROOT.glob(pattern))
        if ".venv" not in p.parts and p.name != "test_domain_reference.py"
    ]


@pytest.mark.parametrize(
    "path",
    _files("app/**/*.py", "tests/**/*.py", "examples/*.yaml"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_code_cites_docs_domain_md_with_existing_sections(path: Path) -> None:
    text = path.read_text()
    # A quoted "domain.md" is a path being built (app/web/rule_reference.py), not a citation.
    bare = re.findall(r"(?<![/\w\[\"'])(?<!\]\()domain\.md", text)
    assert not bare, f"{path}: cite docs/domain.md, not domain.md"
    cite = r"docs/domain\.md,? (?:sections?|§)\s*(\d+(?:\.\d+)?(?:(?:, | and )\d+(?:\.\d+)?)*)"
    for numbers in re.findall(cite, text):
        for number in re.split(r", | and ", numbers):
            assert number in SECTIONS, f"{path}: docs/domain.md has no section {number}"


@pytest.mark.parametrize(
    "path", _files("docs/*.md", "README.md"), ids=lambda p: str(p.relative_to(ROOT))
)
def test_links_into_docs_domain_md_hit_a_heading(path: Path) -> None:
    for anchor in re.findall(r"domain\.md#([\w-]+)", path.read_text()):
        assert anchor in ANCHORS, f"{path}: no heading for #{anchor} in docs/domain.md"


def test_readme_and_docs_link_the_reference() -> None:
    assert "(docs/domain.md)" in (ROOT / "README.md").read_text()
    assert "](domain.md" in (ROOT / "docs" / "rules.md").read_text()
    assert "](domain.md" in (ROOT / "docs" / "user-guide.md").read_text()


def test_every_source_key_cited_in_code_and_docs_is_in_the_sources_table() -> None:
    """Code comments and docs cite keys like S-N5K; each must resolve in docs/domain.md."""
    key = re.compile(r"(?<![A-Za-z0-9-])S-[A-Z0-9][A-Z0-9-]*[A-Z0-9]")
    missing = {
        f"{path.relative_to(ROOT)}: {cited}"
        for path in _files("app/**/*.py", "docs/*.md", "README.md")
        for cited in key.findall(path.read_text())
        if cited not in SOURCE_ROWS
    }
    assert missing == set()
