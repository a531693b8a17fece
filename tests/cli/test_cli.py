"""The console script: summary, JSON, schema, exit codes and error messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from app.cli import main
from app.docgen import design_format_markdown
from tests.examples import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def test_plan_prints_summary_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(EXAMPLES / "e1-two-hosts-direct.yaml")]) == 0
    out = capsys.readouterr().out
    # 4 back-to-back vMotion cables, 8 to the two switches, 2 proposed between them (issue 7)
    assert "2 hosts, 4 vMotion lanes, 14 cables, 4 subnets; 0 errors" in out
    assert "C01    vmotion       1     esx01 vmnic1               esx02 vmnic1" in out
    assert "C13    inter_switch        sw1 GigabitEthernet1/0/47  sw2 GigabitEthernet1/0/47" in out
    assert "vmkping -I vmk1 -d -s 8972 198.51.100.2" in out
    assert "ESTIMATE (arithmetic on stated assumptions, not a measurement)" in out


def test_plan_with_error_findings_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(EXAMPLES / "e2-direct-shared-subnet.yaml")]) == 1
    assert "ERROR R5" in capsys.readouterr().out


def test_plan_json_is_the_full_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--format", "json", str(EXAMPLES / "e4-four-hosts-switched.yaml")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["cables"] == 18  # 16 host cables + 2 proposed inter-switch links
    assert data["hosts"][0]["portgroups"][1]["standby"] == ["vmnic3"]


def test_invalid_file_names_field_path_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (EXAMPLES / "e1-two-hosts-direct.yaml")
        .read_text()
        .replace("ip: 192.0.2.12/24", "ip: 192.0.2.300/24")
    )
    assert main(["plan", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "hosts.1.management.ip" in err
    assert "Traceback" not in err


def test_missing_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_json_input_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["plan", "--format", "json", str(EXAMPLES / "e7-vmotion-netstack.yaml")])
    capsys.readouterr()
    import yaml

    doc = yaml.safe_load((EXAMPLES / "e7-vmotion-netstack.yaml").read_text())
    path = tmp_path / "e7.json"
    path.write_text(json.dumps(doc))
    assert main(["plan", str(path)]) == 0


def test_schema_is_generated_from_the_models(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Design"
    assert {"hosts", "vmotion", "topology"} <= set(schema["required"])
    assert "VMotionSettings" in schema["$defs"]


def test_design_format_doc_is_current() -> None:
    """docs/design-format.md is generated; regenerate with `python -m app.docgen`."""
    assert (ROOT / "docs" / "design-format.md").read_text() == design_format_markdown()


def test_every_design_field_is_documented() -> None:
    text = design_format_markdown()
    for model in ("Design", "Host", "Card", "Port", "VMotionSettings", "Switch", "TeamPolicy"):
        assert f"## {model}" in text
    assert "| `allow_management_subnet` |" in text
    assert "| `vmotion_mtu` |" in text


def test_export_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    e1 = str(EXAMPLES / "e1-two-hosts-direct.yaml")
    assert main(["export", e1, "--format", "cabling-csv"]) == 0
    rows = {r["Cable ID"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["C04"]["Label"] == "C04 esx01 vmnic6 / esx02 vmnic6"
    assert (rows["C04"]["Status"], rows["C04"]["Kind"]) == ("planned", "direct")
    assert main(["export", e1, "--format", "design-yaml", "--output", str(tmp_path)]) == 0
    assert any(tmp_path.iterdir())


def test_export_unknown_format_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    e1 = str(EXAMPLES / "e1-two-hosts-direct.yaml")
    assert main(["export", e1, "--format", "nope"]) == 2
    assert "Unknown export format 'nope'" in capsys.readouterr().err


def test_binary_file_is_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Binary junk raised UnicodeDecodeError with a traceback (found by QA)."""
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"name: x\n\xe3\x28\xa1\x00\xff")
    assert main(["plan", str(junk)]) == 2
    err = capsys.readouterr().err
    assert "not a design document: not UTF-8 text at byte offset 8" in err
    assert "Traceback" not in err


def test_utf8_bom_is_read_like_the_web_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = next(EXAMPLES.glob("e1*.yaml"))
    with_bom = tmp_path / "e1-bom.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    assert main(["plan", str(with_bom)]) == 0
    assert "C01" in capsys.readouterr().out


def test_plan_prints_one_grouped_finding_with_a_line_per_cable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 9 §5: the CLI counts the planner's grouped findings, like the pages and the JSON.
    document = yaml.safe_load((EXAMPLES / "e1-two-hosts-direct.yaml").read_text())
    document["hosts"][1]["vmotion_mtu"] = 1500
    path = tmp_path / "e1-mtu.json"
    path.write_text(json.dumps(document))
    assert main(["plan", str(path)]) == 1
    out = capsys.readouterr().out
    assert "1 errors, 2 warnings" in out
    assert out.count("ERROR R11") == 1
    for n in (1, 2, 3, 4):
        assert f"- Cable C0{n}: esx01 vmk{n} has MTU 9000 but esx02 vmk{n} has MTU 1500" in out
