"""`jgsw schema`: write the editor schemas, or say they are out of date."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, CliRunner, MiniFactory


def test_writes_every_schema_into_the_warehouse(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini()
    result = cli("schema", "--root", str(wh.root))
    assert result.exit_code == 0
    names = sorted(p.name for p in (wh.root / "schemas").iterdir())
    assert names == [
        "district.schema.json",
        "expert.schema.json",
        "feedback.schema.json",
        "framework.schema.json",
        "indicators.schema.json",
        "material.schema.json",
        "standard.schema.json",
    ]
    standard = json.loads((wh.root / "schemas" / "standard.schema.json").read_text("utf-8"))
    area = next(s for s in standard["properties"]["area"]["anyOf"] if "enum" in s)
    assert area["enum"] == ["general", "vehicles", "logistics", "reception"]  # mini framework
    expert = json.loads((wh.root / "schemas" / "expert.schema.json").read_text("utf-8"))
    assert expert["properties"]["fields"]["items"]["enum"] == area["enum"]


def test_check_reports_stale_schemas(mini: MiniFactory, cli: CliRunner, tmp_path: Path) -> None:
    wh = mini()
    assert cli("schema", "--root", str(wh.root)).exit_code == 0
    assert cli("schema", "--check", "--root", str(wh.root)).exit_code == 0
    (wh.root / "schemas" / "district.schema.json").write_text("{}\n", encoding="utf-8")
    stale = cli("schema", "--check", "--root", str(wh.root), "--lang", "en")
    assert stale.exit_code == 1
    assert "out of date" in stale.stdout and "district.schema.json" in stale.stdout


def test_output_folder_without_a_warehouse(cli: CliRunner, tmp_path: Path) -> None:
    result = cli("schema", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.exit_code == 0
    standard = json.loads((tmp_path / "out" / "standard.schema.json").read_text("utf-8"))
    assert standard["properties"]["area"]["anyOf"][0] == {"type": "string"}


def test_repository_schemas_are_current(cli: CliRunner) -> None:
    assert cli("schema", "--check", "--root", str(REPO)).exit_code == 0
