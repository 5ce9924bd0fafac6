"""The README shows what the tool really does: its set-up lines and its sample output."""

from __future__ import annotations

import re
import shlex

from tests.conftest import REPO, CliRunner

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_test_command_is_what_ci_runs() -> None:
    first_block = README.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block[0] == "python -m pip install . && jgsw check"
    assert first_block[1] == 'python -m pip install -e ".[test]" && python -m pytest'
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert first_block[1] in ci.splitlines()


def test_the_venv_lines_are_there_for_both_systems() -> None:
    assert "python3 -m venv .venv && . .venv/bin/activate" in README
    assert "py -m venv .venv && .venv\\Scripts\\activate" in README
    assert "externally-managed-environment" in README
    assert "fonts-noto-cjk" in README


def test_the_sample_output_is_the_real_output(cli: CliRunner) -> None:
    block = re.search(r"```text\n\$ (jgsw [^\n]*)\n(.*?)```", README, re.S)
    assert block is not None, "the README's sample starts with '$ jgsw ...'"
    command, shown = block.group(1), block.group(2)
    result = cli(*shlex.split(command)[1:], "--root", str(REPO))
    assert result.stdout == shown
