"""The CI recipes in docs/ci/ and this repository's own workflows agree with the CLI."""

from __future__ import annotations

import re
import shlex
from typing import Any

import yaml
from tests.conftest import REPO, CliRunner


def _load(path: str) -> Any:
    return yaml.safe_load((REPO / path).read_text("utf-8"))


def _shell_texts() -> list[str]:
    """The shell scripts of the recipes: GitHub `run:` steps and GitLab `script:` items."""
    github = _load("docs/ci/github-actions.yml")["jobs"]["check"]["steps"]
    github += _load("docs/ci/github-pages.yml")["jobs"]["build"]["steps"]
    gitlab = _load("docs/ci/gitlab-ci.yml")["jgsw"]["script"]
    gitlab += _load("docs/ci/gitlab-pages.yml")["pages"]["script"]
    return [step["run"] for step in github if "run" in step] + list(gitlab)


def _jgsw_commands() -> list[list[str]]:
    """Every `jgsw ...` command in the recipes' scripts, split as a shell would."""
    out: list[list[str]] = []
    for script in _shell_texts():
        for line in script.splitlines():
            command = line.strip().split("||")[0].split(" #")[0].strip()
            if command.startswith("jgsw "):
                out.append(shlex.split(command.replace("${{", "X").replace("}}", "X")))
    return out


def test_recipes_check_and_post_the_diff() -> None:
    commands = {" ".join(c[:4]) for c in _jgsw_commands()}
    assert "jgsw check --format github" in commands
    assert "jgsw check --format gitlab" in commands
    gitlab = next(c for c in _jgsw_commands() if "gitlab" in c)
    assert gitlab[-2:] == ["--output", "gl-code-quality-report.json"]
    report = _load("docs/ci/gitlab-ci.yml")["jgsw"]["artifacts"]["reports"]
    assert report == {"codequality": "gl-code-quality-report.json"}
    assert sum(1 for c in _jgsw_commands() if c[:2] == ["jgsw", "diff"] and "md" in c) == 2


def test_every_option_the_recipes_use_exists(cli: CliRunner) -> None:
    commands = _jgsw_commands()
    assert len(commands) >= 5
    for command in commands:
        help_text = cli(command[1], "--help").stdout
        for option in (arg for arg in command[2:] if arg.startswith("--")):
            assert option in help_text, f"{' '.join(command)}: {option} is not an option"


def test_this_repository_uses_the_github_recipe() -> None:
    recipe = _load("docs/ci/github-actions.yml")["jobs"]["check"]["steps"]
    ours = _load(".github/workflows/warehouse.yml")["jobs"]["check"]["steps"]
    install = [s for s in ours if s.get("name") == "Install jgsw"]
    assert install == [{"name": "Install jgsw", "run": "python -m pip install ."}]
    assert [s for s in ours if s.get("name") != "Install jgsw"] == [
        s for s in recipe if s.get("name") != "Install jgsw"
    ]


def test_the_test_workflow_runs_what_ci_runs() -> None:
    steps = _load(".github/workflows/tests.yml")["jobs"]["tests"]["steps"]
    assert {
        "name": 'python -m pip install -e ".[test]" && python -m pytest',
        "run": "bash .ci/run",
    } in steps
    assert 'python -m pip install -e ".[test]" && python -m pytest' in (REPO / ".ci/run").read_text(
        "utf-8"
    )


def test_github_annotations_on_this_repository(cli: CliRunner) -> None:
    result = cli("check", "--format", "github", "--root", str(REPO))
    assert result.exit_code == 0
    lines = [x for x in result.stdout.splitlines() if x.startswith("::")]
    assert all(re.match(r"::(error|warning|notice) file=data/", x) for x in lines), lines[:3]


def _site_extra() -> str:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    (requirement,) = project["optional-dependencies"]["site"]
    return str(requirement)


def test_pages_recipes_build_the_site_and_publish_it() -> None:
    commands = [c for c in _jgsw_commands() if c[:2] == ["jgsw", "site"]]
    assert [c[2] for c in commands] == ["_site", "public"]
    github = _load("docs/ci/github-pages.yml")
    assert github["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = github["jobs"]["build"]["steps"]
    assert build[0]["with"]["fetch-depth"] == 0  # the history pages need git
    upload = next(s for s in build if str(s.get("uses", "")).startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "_site"
    deploy = github["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith(
        "actions/deploy-pages@"
    )
    gitlab = _load("docs/ci/gitlab-pages.yml")
    assert list(gitlab) == ["pages"]  # GitLab publishes only a job of this name
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert gitlab["pages"]["variables"]["GIT_DEPTH"] == "0"
    # both install Pagefind as jgsw's site extra pins it
    extra = _site_extra()
    installs = [s["run"] for s in build if "pip install" in str(s.get("run", ""))]
    installs += [line for line in gitlab["pages"]["script"] if "pip install" in line]
    assert len(installs) == 2 and all(f'"{extra}"' in line for line in installs)
