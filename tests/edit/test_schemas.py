"""The generated JSON Schemas: committed, up to date, and in agreement with `jgsw check`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from jgsw_std.app.check import check_warehouse
from jgsw_std.edit.canonical import MODELINE
from jgsw_std.edit.schemas import KINDS, all_schemas
from jgsw_std.load.warehouse import kind_of, load_worktree
from jgsw_std.load.yamlread import load
from tests.conftest import AS_OF_END, REPO


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _field_path(steps: list[Any]) -> str:
    """The notation `jgsw check` uses: reviews[0].date."""
    out = ""
    for step in steps:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _schema_paths(validator: jsonschema.Draft202012Validator, data: Any) -> set[str]:
    """Field paths of every schema error; unexpected and missing keys named as check names them."""
    out: set[str] = set()
    for error in validator.iter_errors(data):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties":
            known = set(error.schema.get("properties", {}))
            out.update(_field_path([*path, key]) for key in error.instance if key not in known)
        elif error.validator == "required":
            missing = [key for key in error.validator_value if key not in error.instance]
            out.update(_field_path([*path, key]) for key in missing)
        else:
            out.add(_field_path(path))
    return out


def _data_files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted((root / "data").rglob("*.yaml")):
        yield path.relative_to(root).as_posix(), path


def test_committed_schemas_are_what_jgsw_schema_generates() -> None:
    framework = load_worktree(REPO).framework
    for name, text in all_schemas(framework).items():
        assert (REPO / "schemas" / name).read_text("utf-8") == text, f"run jgsw schema: {name}"


def test_schemas_describe_fields_in_both_languages_with_enums_and_formats() -> None:
    schema = json.loads((REPO / "schemas" / "standard.schema.json").read_text("utf-8"))
    props = schema["properties"]
    assert props["title"]["description"] == "标准名称（必填） / title (required)"
    assert schema["required"] == ["code", "title"]
    level = next(s for s in props["level"]["anyOf"] if "enum" in s)
    assert "local" in level["enum"]
    assert "地方标准 / local" in level["enumDescriptions"]
    assert props["published"]["anyOf"][0]["format"] == "date"
    assert "DB50/T 1056-2020" in props["code"]["examples"]
    area = next(s for s in props["area"]["anyOf"] if "enum" in s)
    assert "logistics" in area["enum"]  # from this warehouse's framework.yaml


def test_every_shipped_data_file_has_a_modeline_that_resolves() -> None:
    for rel, path in _data_files(REPO):
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith(MODELINE), rel
        target = (path.parent / first[len(MODELINE) :]).resolve()
        assert target == (REPO / "schemas" / f"{kind_of(rel)}.schema.json").resolve(), rel
        assert target.is_file(), rel


def test_every_shipped_data_file_validates_against_its_schema() -> None:
    validators = {kind: _validator(kind) for kind in KINDS}
    count = 0
    for rel, path in _data_files(REPO):
        data, _ = load(path.read_text("utf-8"))
        errors = [e.message for e in validators[kind_of(rel)].iter_errors(data)]
        assert errors == [], rel
        count += 1
    assert count >= 45


def test_a_demo_warehouse_validates_too(demo_root: Path) -> None:
    validators = {kind: _validator(kind) for kind in KINDS}
    for rel, path in _data_files(demo_root):
        data, _ = load(path.read_text("utf-8"))
        assert not list(validators[kind_of(rel)].iter_errors(data)), rel


BROKEN = """\
# yaml-language-server: $schema=../../../schemas/standard.schema.json
code: DB50/T 1058-2020
title: 机关健康食堂管理规范
level: locale
area: logistics
status: published
efective: 2021-02-01
reviews:
  - {date: 2021-02-30, conclusion: continue}
  - {date: 2022-01-01, conclusion: keep}
usage:
  - {year: 2024, applying: -1, applicable: 42}
"""


@pytest.mark.parametrize("broken", [BROKEN, "code: DB50/T 1058-2020\n"])
def test_a_broken_file_is_rejected_with_the_field_paths_check_reports(
    tmp_path: Path, broken: str
) -> None:
    root = tmp_path / "wh"
    shutil.copytree(REPO / "data", root / "data")
    rel = "data/standards/logistics/db50-t-1058-2020.yaml"
    (root / rel).write_text(broken, encoding="utf-8")

    data, _ = load(broken)
    from_schema = _schema_paths(_validator("standard"), data)

    wh = load_worktree(root)
    result = check_warehouse(wh, AS_OF_END)
    from_check = {
        p.args["field"]
        for p in result.problems
        if p.path == rel and p.code.startswith("S") and "field" in p.args
    }
    assert from_schema
    assert from_schema == from_check
