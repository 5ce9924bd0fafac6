"""The rules' kept findings (load/runs_cache.py) are found again only under all their inputs.

Besides the files (compared blob by blob, rules/reuse.py), a rule's findings
depend on jgsw's code, the as-of date and the thresholds: each is part of the
key (app/check._run_key), and each test here changes one of them between two
checks and expects what a check without the cache prints. Were a part left
out of the key, the second check would find the first one's findings and
keep those of every rule whose fields did not change. Select, ignore and
severity overrides act after the rules (settling), and the language only when
the findings are printed: a finding is kept in both languages; they are in
the key all the same, and so is the root (one entry per warehouse).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from jgsw_std.app import check as app_check
from jgsw_std.demo.generator import build_demo, write_demo
from jgsw_std.load import cache
from jgsw_std.rules.registry import RULES, ensure_loaded
from jgsw_std.rules.runner import CheckOptions
from tests.conftest import CliResult

Cli = Callable[..., CliResult]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("keys") / "wh"
    write_demo(root, build_demo(120, 3))
    return root


@pytest.fixture
def root(demo: Path, tmp_path: Path) -> Path:
    out = tmp_path / "wh"
    shutil.copytree(demo, out)
    return out


def _out(cli: Cli, root: Path, *args: str) -> tuple[int, str]:
    result = cli("check", "--root", str(root), "--format", "json", *args)
    return result.exit_code, result.stdout


def _edit_usage(root: Path) -> None:
    """A change no rule of Q, D40x but D410, or G reads: most rules keep their findings."""
    path = next(
        p
        for p in sorted((root / "data" / "standards").rglob("*.yaml"))
        if "usage:" in p.read_text(encoding="utf-8")
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("applicable: ", "applicable: 1", 1), encoding="utf-8")


def _same_as_full(cli: Cli, root: Path, *args: str) -> None:
    cached = _out(cli, root, *args)
    assert cached == _out(cli, root, *args, "--no-cache")


def test_the_as_of_date_is_in_the_key(cli: Cli, root: Path) -> None:
    _out(cli, root, "--as-of", "2025-12-31")
    _edit_usage(root)
    _same_as_full(cli, root, "--as-of", "2023-06-30")


def test_the_thresholds_are_in_the_key(cli: Cli, root: Path) -> None:
    toml = root / "jgsw.toml"
    toml.write_text("[check.thresholds]\nduplicate_similarity = 0.9\n", encoding="utf-8")
    _out(cli, root, "--as-of", "2025-12-31")
    _edit_usage(root)
    toml.write_text("[check.thresholds]\nduplicate_similarity = 0.3\n", encoding="utf-8")
    _same_as_full(cli, root, "--as-of", "2025-12-31")


def test_jgsw_s_code_is_in_the_key(cli: Cli, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _out(cli, root, "--as-of", "2025-12-31")
    # another jgsw, on the same files (which would otherwise keep every finding): its D401 reports every standard, and its code stamp differs
    ensure_loaded()
    real = RULES["D401"]

    def everywhere(wh: Any, ctx: Any) -> Iterator[Any]:
        for rec in wh.standards:
            yield real.problem(rec.path, ("code",), effective="-", published="-")

    monkeypatch.setitem(RULES, "D401", dataclasses.replace(real, check=everywhere))
    monkeypatch.setattr(cache, "_STAMP", ["another jgsw"])
    cached = _out(cli, root, "--as-of", "2025-12-31")
    assert cached[1].count('"D401"') >= 100
    assert cached == _out(cli, root, "--as-of", "2025-12-31", "--no-cache")


def test_the_language_needs_no_key(cli: Cli, root: Path) -> None:
    """Findings are kept in both languages: a check in English after one in Chinese."""
    _out(cli, root, "--as-of", "2025-12-31")
    _edit_usage(root)
    _same_as_full(cli, root, "--as-of", "2025-12-31", "--lang", "en")
    result = cli("check", "--root", str(root), "--as-of", "2025-12-31", "--lang", "en")
    assert (
        result.stdout
        == cli(
            "check", "--root", str(root), "--as-of", "2025-12-31", "--lang", "en", "--no-cache"
        ).stdout
    )


KEY_PARTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "as_of": lambda a: a.update(as_of=dt.date(2024, 1, 1)),
    "thresholds": lambda a: a.update(thresholds={"duplicate_similarity": 0.5}),
    "select": lambda a: a.update(options=CheckOptions(select=["L"])),
    "ignore": lambda a: a.update(options=CheckOptions(ignore=["Q701"])),
    "severity": lambda a: a.update(options=CheckOptions(severity={"L601": "error"})),
    "root": lambda a: a.update(root=Path("/elsewhere")),
}


@pytest.mark.parametrize("part", list(KEY_PARTS))
def test_each_part_changes_the_key(part: str, demo: Path) -> None:
    class Wh:
        revision = None

    def key(args: dict[str, Any]) -> str | None:
        wh = Wh()
        wh.root = args["root"]  # type: ignore[attr-defined]
        return app_check._run_key(
            wh,  # type: ignore[arg-type]
            args["as_of"],
            args["options"],
            args["thresholds"],
        )

    base: dict[str, Any] = {
        "root": demo,
        "as_of": dt.date(2025, 12, 31),
        "options": CheckOptions(),
        "thresholds": {},
    }
    changed = dict(base)
    KEY_PARTS[part](changed)
    cache.reset("zh")
    assert key(base) is not None
    assert key(base) != key(changed)
