"""`jgsw check` and `jgsw status` agree on every gap, whatever dates are missing.

Many demo warehouses (`jgsw demo`) are written with dates removed at random
(publication, effective and repeal dates, review dates, activity dates,
attendances, pilot and site dates), and both are run on several dates. For
every pair of a check and the indicator that counts the same thing, a gap is
*certain* in `check` exactly when the indicator counts it against, *possible*
(info, "取决于 …") exactly when the indicator has it open with "against" among
its outcomes, and absent otherwise (lifecycle/known.py is the one model both
read).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from pathlib import Path

import pytest

from jgsw_std.demo.generator import build_demo, write_demo
from jgsw_std.lifecycle.asof import AsOf
from jgsw_std.lifecycle.known import Entry, Outcome
from jgsw_std.load.warehouse import Warehouse, load_worktree
from jgsw_std.metrics.base import MetricResult, RecordRef
from jgsw_std.metrics.registry import compute_all
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks
from tests.conftest import REPO

SEEDS = range(8)
DATES = [
    dt.date(2021, 6, 30),
    dt.date(2022, 6, 30),
    dt.date(2023, 12, 31),
    dt.date(2025, 12, 31),
    dt.date(2026, 6, 30),
]
GROUPS = "collab_groups:\n  - {code: cq-sc-a, name: 川渝协作一组}\n  - {code: cq-sc-b, name: 川渝协作二组}\n"
CODES = ["G501", "G502", "G503", "G504", "L601", "L603", "L609", "U802", "U803", "U804", "U805"]


def _strip(text: str, rng: random.Random, share: float) -> str:
    """The file with some of its dates (and head counts) removed."""
    out = []
    for line in text.splitlines():
        if re.match(r"^(published|effective|repealed): ", line) and rng.random() < share:
            continue
        if line.lstrip().startswith("- {"):
            if rng.random() < share:
                line = re.sub(r"date: [0-9-]+, ", "", line, count=1)
            if rng.random() < share:
                line = re.sub(r", attendees: \d+", "", line)
            if rng.random() < share:
                line = re.sub(r", (accepted|started|established|applied): [0-9-]+", "", line)
        out.append(line)
    return "\n".join(out) + "\n"


def _collab(text: str, rng: random.Random) -> str:
    """A group standard placed in one of the test's collaboration groups."""
    return text.replace(
        "\nstatus:", f"\ncollab_group: {rng.choice(['cq-sc-a', 'cq-sc-b'])}\nstatus:", 1
    )


def stripped_demo(root: Path, seed: int, standards: int = 70, share: float = 0.3) -> Warehouse:
    rng = random.Random(1000 + seed)
    demo = build_demo(standards, seed=seed)
    for file in demo.files:
        if file.rel == "data/framework.yaml":
            file.text = file.text.replace("collab_groups: []\n", GROUPS)
        elif file.rel.startswith("data/standards/") and "\ncode: T/" in file.text:
            file.text = _collab(_strip(file.text, rng, share), rng)
        elif file.rel.startswith(("data/standards/", "data/districts/")):
            file.text = _strip(file.text, rng, share)
    write_demo(root, demo)
    return load_worktree(root)


# -- what each side says -------------------------------------------------------------


def _sides(problems: list[Problem], code: str, key: str) -> tuple[set[str], set[str]]:
    """(certain, possible) findings of ``code``, by the argument or path ``key`` names."""
    certain: set[str] = set()
    possible: set[str] = set()
    for p in problems:
        if p.code != code:
            continue
        name = p.path if key == "path" else str(p.args[key])
        if p.args.get("possible"):
            assert p.severity == Severity.INFO, p
            possible.add(name)
        else:
            assert p.severity != Severity.INFO, p
            certain.add(name)
    return certain, possible


def _entries(result: MetricResult) -> list[Entry[RecordRef]]:
    assert result.basis is not None
    return [e for entries in result.basis.groups.values() for e in entries]


def _against(result: MetricResult, key: str = "path") -> tuple[set[str], set[str]]:
    """(certainly against, open and possibly against) entries of a figure."""
    certain: set[str] = set()
    possible: set[str] = set()
    if result.low is None:  # no data: no entry stands behind the figure
        return certain, possible
    for entry in _entries(result):
        name = str(getattr(entry.ref, key))
        if entry.outcome == Outcome.AGAINST and entry.certain:
            certain.add(name)
        elif Outcome.AGAINST in entry.outcome and not entry.certain:
            possible.add(name)
    return certain, possible


def _units(result: MetricResult) -> tuple[set[str], set[str]]:
    """Units with a unit-year certainly against, and units whose gaps are all open."""
    certain, possible = _against(result, "key")
    slugs_certain = {k.split(":")[0] for k in certain}
    slugs_possible = {k.split(":")[0] for k in possible} - slugs_certain
    return slugs_certain, slugs_possible


def _groups(result: MetricResult) -> tuple[set[str], set[str]]:
    """Groups (areas, 协作组) certainly short of 1, and open ones (from the headline refs)."""
    return {r.key for r in result.counted_against}, {r.key for r in result.unknown}


def _slugs(problems: list[Problem], code: str) -> tuple[set[str], set[str]]:
    certain, possible = _sides(problems, code, "path")

    def slug(path: str) -> str:
        return Path(path).stem

    return {slug(p) for p in certain}, {slug(p) for p in possible}


def _untracked(certain: set[str], possible: set[str]) -> tuple[set[str], set[str]]:
    return set(), certain | possible


@pytest.fixture(scope="module", params=["shipped", *SEEDS], ids=lambda s: f"seed{s}")
def stripped(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    """The shipped warehouse, and demos of two sizes with a third or half their dates gone."""
    if request.param == "shipped":
        return load_worktree(REPO)
    seed = int(request.param)
    root = tmp_path_factory.mktemp(f"agree{seed}") / "wh"
    small = seed % 2 == 0
    return stripped_demo(root, seed, 30 if small else 70, 0.5 if small else 0.3)


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_check_and_status_agree_on_every_gap(stripped: Warehouse, as_of: dt.date) -> None:
    wh = stripped
    problems = run_checks(wh, CheckContext.on(wh, as_of), CheckOptions(select=CODES)).problems
    by_id = {r.indicator_id: r for r in compute_all(AsOf(wh, as_of), wh.indicators, "city")}
    main = {code for area in wh.framework.main_areas for code in area.item_codes}

    # G501 <-> 5 on the main areas' items
    certain, possible = _sides(problems, "G501", "item")
    items_against, items_open = _against(by_id[5], "key")
    assert (certain & main, possible & main) == (items_against, items_open)
    # G502 <-> 7, G503 <-> 8 per main area; G504 <-> 9 per collaboration group
    assert _sides(problems, "G502", "area") == _groups(by_id[7])
    assert _sides(problems, "G503", "area") == _groups(by_id[8])
    assert _sides(problems, "G504", "group") == _groups(by_id[9])
    # L601 <-> 17, L603 <-> 16, L609 <-> 10: standards, by file
    assert _sides(problems, "L601", "path") == _against(by_id[17])
    assert _sides(problems, "L603", "path") == _against(by_id[16])
    assert _sides(problems, "L609", "path") == _against(by_id[10])
    # U802/U804 <-> 3 (meetings, summaries), U803 <-> 15, U805 <-> 1: units
    for code, figure in (
        ("U802", by_id[3]),
        ("U803", by_id[15]),
        ("U804", by_id[3].figures["summaries"]),
    ):
        found = _slugs(problems, code)
        if figure.low is None:  # no unit keeps such records: only possible findings
            assert found[0] == set(), code
        else:
            assert found == _units(figure), code
    found = _slugs(problems, "U805")
    if by_id[1].low is None:
        assert found[0] == set()
    else:
        assert found == ({r.key for r in by_id[1].counted_against}, set())


def test_the_stripped_demos_exercise_every_side() -> None:
    """Guards the agreement above against passing on warehouses with nothing open."""
    import tempfile

    seen: dict[str, set[str]] = defaultdict(set)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in list(SEEDS)[:4]:
            wh = stripped_demo(Path(tmp) / f"s{seed}", seed, 30, 0.6)
            for as_of in DATES:
                ctx = CheckContext.on(wh, as_of)
                for p in run_checks(wh, ctx, CheckOptions(select=CODES)).problems:
                    seen[p.code].add("possible" if p.args.get("possible") else "certain")
                for r in compute_all(AsOf(wh, as_of), wh.indicators, "city"):
                    seen["status"].add(r.status)
    for code in ("G501", "G502", "G503", "L601", "L603", "L609", "U802", "U803"):
        assert seen[code] == {"certain", "possible"}, code
    for code in ("G504", "U804", "U805"):
        assert "certain" in seen[code], code
    assert "unsettled" in seen["status"] and "not-met" in seen["status"]
