"""`jgsw check --format gitlab|sarif`: the fields GitLab reads and SARIF 2.1.0's structure.

SARIF is checked twice, with no network: against the SARIF object model that
sarif-om generates from the official 2.1.0 schema (every property name known,
every required property present), and against the constraints on values that
the model does not carry (version, levels, positions, message text).
"""

from __future__ import annotations

import json
from typing import Any

import attr
import jsonschema
import sarif_om
from tests.conftest import CliRunner, MiniFactory

# An error (S103 level), a warning (L601) and a note (L602), positioned.
FILES = {
    "data/standards/general/db50-t-7-2020.yaml": (
        "code: DB50/T 7-2020\ntitle: 测试\nlevel: provincial\nstatus: planned\n"
    ),
    "data/standards/vehicles/db50-t-1-2019.yaml": (
        "code: DB50/T 1-2019\ntitle: 公务用车规范\nlevel: local\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: published\npublished: 2019-01-01\n"
        "effective: 2019-05-01\n"
    ),
    "data/standards/vehicles/db50-t-2-2021.yaml": (
        "code: DB50/T 2-2021\ntitle: 车辆处置规范\nlevel: local\narea: vehicles\n"
        "items: [vehicles.disposal]\nstatus: published\npublished: 2020-12-01\n"
        "effective: 2021-02-01\n"
    ),
}
ARGS = ("--as-of", "2025-12-31", "--select", "S,L601,L602")

# -- SARIF against the object model of sarif-om ---------------------------------

#: (class, JSON property) -> class of the value (a list of them, or a map of them)
CHILDREN: dict[tuple[type, str], type] = {
    (sarif_om.SarifLog, "runs"): sarif_om.Run,
    (sarif_om.Run, "tool"): sarif_om.Tool,
    (sarif_om.Run, "results"): sarif_om.Result,
    (sarif_om.Run, "originalUriBaseIds"): sarif_om.ArtifactLocation,
    (sarif_om.Tool, "driver"): sarif_om.ToolComponent,
    (sarif_om.ToolComponent, "rules"): sarif_om.ReportingDescriptor,
    (sarif_om.ReportingDescriptor, "shortDescription"): sarif_om.MultiformatMessageString,
    (sarif_om.ReportingDescriptor, "fullDescription"): sarif_om.MultiformatMessageString,
    (sarif_om.ReportingDescriptor, "help"): sarif_om.MultiformatMessageString,
    (sarif_om.ReportingDescriptor, "defaultConfiguration"): sarif_om.ReportingConfiguration,
    (sarif_om.Result, "message"): sarif_om.Message,
    (sarif_om.Result, "locations"): sarif_om.Location,
    (sarif_om.Location, "physicalLocation"): sarif_om.PhysicalLocation,
    (sarif_om.PhysicalLocation, "artifactLocation"): sarif_om.ArtifactLocation,
    (sarif_om.PhysicalLocation, "region"): sarif_om.Region,
}
OPAQUE = {"properties", "partialFingerprints", "$schema"}  # property bags and string maps


def build(cls: type, data: dict[str, Any]) -> Any:
    """Instantiate ``cls`` from JSON, failing on unknown or missing required properties."""
    fields = {f.metadata["schema_property_name"]: f for f in attr.fields(cls)}
    unknown = set(data) - set(fields)
    assert not unknown, f"{cls.__name__} has no properties {unknown}"
    required = {name for name, f in fields.items() if f.default is attr.NOTHING}
    assert required <= set(data), f"{cls.__name__} lacks {required - set(data)}"
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        child = CHILDREN.get((cls, name))
        if child is not None and name not in OPAQUE:
            if isinstance(value, list):
                value = [build(child, v) for v in value]
            elif name == "originalUriBaseIds":
                value = {k: build(child, v) for k, v in value.items()}
            else:
                value = build(child, value)
        kwargs[fields[name].name] = value
    return cls(**kwargs)


# Constraints of the 2.1.0 schema on the values jgsw writes.
SARIF_VALUES = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string", "minLength": 1},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "defaultConfiguration": {
                                                    "properties": {
                                                        "level": {
                                                            "enum": [
                                                                "none",
                                                                "note",
                                                                "warning",
                                                                "error",
                                                            ]
                                                        }
                                                    }
                                                }
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {
                                    "type": "object",
                                    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
                                },
                                "partialFingerprints": {
                                    "type": "object",
                                    "additionalProperties": {"type": "string"},
                                },
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "properties": {
                                            "physicalLocation": {
                                                "anyOf": [
                                                    {"required": ["address"]},
                                                    {"required": ["artifactLocation"]},
                                                ],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "required": ["uri"],
                                                        "properties": {
                                                            "uri": {
                                                                "type": "string",
                                                                "format": "uri-reference",
                                                            }
                                                        },
                                                    },
                                                    "region": {
                                                        "properties": {
                                                            "startLine": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                            "startColumn": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                        }
                                                    },
                                                },
                                            }
                                        }
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_sarif_follows_the_2_1_0_structure(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(FILES)
    result = cli("check", "--root", str(wh.root), "--format", "sarif", *ARGS)
    assert result.exit_code == 1  # the S103 error
    log = json.loads(result.stdout)
    build(sarif_om.SarifLog, log)
    jsonschema.validate(log, SARIF_VALUES)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["S103", "L601", "L602"]
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    where = results[0]["locations"][0]["physicalLocation"]
    assert where["artifactLocation"] == {
        "uri": "data/standards/general/db50-t-7-2020.yaml",
        "uriBaseId": "ROOT",
    }
    assert where["region"] == {"startLine": 3, "startColumn": 8}
    assert run["originalUriBaseIds"]["ROOT"]["uri"].startswith("file:///")
    assert run["originalUriBaseIds"]["ROOT"]["uri"].endswith("/")
    assert "复审" in results[1]["message"]["text"]
    assert len({r["partialFingerprints"]["jgsw/v1"] for r in results}) == 3


def test_sarif_in_english(mini: MiniFactory, cli: CliRunner) -> None:
    result = cli("check", "--root", str(mini(FILES).root), "-f", "sarif", "--lang", "en", *ARGS)
    run = json.loads(result.stdout)["runs"][0]
    assert run["language"] == "en-US"
    assert run["results"][1]["message"]["text"].startswith("in force for 5 years or more")


# -- GitLab Code Quality ----------------------------------------------------------

GITLAB = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def test_gitlab_code_quality_fields(mini: MiniFactory, cli: CliRunner) -> None:
    result = cli("check", "--root", str(mini(FILES).root), "--format", "gitlab", *ARGS)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, GITLAB)
    assert [r["severity"] for r in report] == ["major", "minor", "info"]
    first = report[0]
    assert first["check_name"] == "S103 " + first["check_name"].split(" ", 1)[1]
    assert first["location"] == {
        "path": "data/standards/general/db50-t-7-2020.yaml",
        "lines": {"begin": 3},
    }
    assert first["description"].startswith("S103 ")
    assert len({r["fingerprint"] for r in report}) == len(report)


def test_gitlab_fingerprints_stay_put_when_lines_move(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(FILES)
    before = json.loads(cli("check", "--root", str(wh.root), "-f", "gitlab", *ARGS).stdout)
    path = "data/standards/vehicles/db50-t-1-2019.yaml"
    wh.write({path: "# a comment that moves every line down\n" + FILES[path]})
    after = json.loads(cli("check", "--root", str(wh.root), "-f", "gitlab", *ARGS).stdout)
    assert [r["fingerprint"] for r in before] == [r["fingerprint"] for r in after]
    assert before[1]["location"]["lines"]["begin"] + 1 == after[1]["location"]["lines"]["begin"]


def test_identical_problems_get_distinct_fingerprints() -> None:
    from jgsw_std.output.check import unique_fingerprints
    from jgsw_std.problems import Problem, Severity

    same = Problem("data/x.yaml", "Y002", Severity.ERROR, {"key": "a"}, 3, 1)
    prints = unique_fingerprints([same, same, same])
    assert len(set(prints)) == 3 and prints[0] == same.fingerprint()


def test_unknown_format_lists_the_new_ones(mini: MiniFactory, cli: CliRunner) -> None:
    result = cli("check", "--root", str(mini().root), "--format", "xml")
    assert result.exit_code == 1
    assert "gitlab" in result.stderr and "sarif" in result.stderr
