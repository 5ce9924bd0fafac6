"""A check that re-runs only some rules (rules/reuse.py) prints what a full check prints.

On a demo warehouse: check once (the cache keeps each rule's findings), edit
one or a few files, check again with the cache and compare its output (text
and JSON, and the exit code) with ``--no-cache`` on the same tree. The edits
cover every top-level field of each kind of record (a value taken from
another record, the field removed), edits that change what other files'
findings say, edits that make a file invalid, and files renamed, added and
removed; each is undone (and checked) before the next.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from jgsw_std.demo.generator import build_demo, write_demo
from jgsw_std.load import cache
from jgsw_std.rules import quality
from jgsw_std.rules.registry import RULES, Rule
from tests.conftest import CliResult

AS_OF = "2025-12-31"
Edit = Callable[[Path], None]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reuse") / "wh"
    write_demo(root, build_demo(300, 1))
    return root


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DOCS: dict[Path, dict[str, Any]] = {}  # the demo's documents, read once (by path)


def _load(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    assert isinstance(data, dict)
    return data


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _files(root: Path, folder: str) -> list[Path]:
    return sorted((root / "data" / folder).rglob("*.yaml"))


def _docs(root: Path, folder: str) -> list[tuple[Path, dict[str, Any]]]:
    """The folder's files and their documents as the demo wrote them."""
    out = []
    for path in _files(root, folder):
        if path not in _DOCS:
            _DOCS[path] = _load(path)
        out.append((path, _DOCS[path]))
    return out


def _richest(root: Path, folder: str) -> Path:
    """The file of ``folder`` with the most top-level fields (ties: the first by path)."""
    docs = _docs(root, folder)
    return max(docs, key=lambda pair: (len(pair[1]), -docs.index(pair)))[0]


def _fields(root: Path, folder: str) -> list[str]:
    names: dict[str, None] = {}
    for _, data in _docs(root, folder):
        names.update(dict.fromkeys(data))
    return list(names)


def _swap(folder: str, name: str) -> Edit:
    """The field's value in the richest record replaced by another record's (differing) one."""

    def edit(root: Path) -> None:
        target = _richest(root, folder)
        data = _load(target)
        for _, other in _docs(root, folder):
            value = other.get(name)
            if value is not None and value != data.get(name):
                data[name] = value
                break
        else:
            data[name] = "x"  # nobody else has another value: an odd one
        _dump(target, data)

    return edit


def _drop(folder: str, name: str) -> Edit:
    def edit(root: Path) -> None:
        target = _richest(root, folder)
        data = _load(target)
        data.pop(name, None)
        _dump(target, data)

    return edit


def _set(folder: str, pick: Callable[[list[Path]], Path], **values: Any) -> Edit:
    def edit(root: Path) -> None:
        target = pick(_files(root, folder))
        data = _load(target)
        data.update(values)
        _dump(target, data)

    return edit


def _first(paths: list[Path]) -> Path:
    return paths[0]


def _copy_field(folder: str, source_key: str, target_key: str, same_area: bool = False) -> Edit:
    """The second file's ``target_key`` set to the first one's ``source_key`` (a duplicate
    title, a code another cites...)."""

    def edit(root: Path) -> None:
        paths = _files(root, folder)
        first = _load(paths[0])
        target = next(p for p in paths[1:] if not same_area or p.parent == paths[0].parent)
        data = _load(target)
        value = first[source_key]
        data[target_key] = [value] if isinstance(data.get(target_key), list) else value
        _dump(target, data)

    return edit


def _cited_code_changed(root: Path) -> None:
    """A standard that another one cites (references/supersedes) gets another code."""
    cited: set[str] = set()
    for _, data in _docs(root, "standards"):
        cited.update(data.get("references") or [])
        cited.update(data.get("supersedes") or [])
    target = next(p for p, d in _docs(root, "standards") if d["code"] in cited)
    data = _load(target)
    data["code"] = data["code"].replace("DB50", "DB51")
    _dump(target, data)


def _link_superseded(root: Path) -> None:
    paths = _files(root, "standards")
    old, new = _load(paths[3]), _load(paths[4])
    old["superseded_by"] = new["code"]
    _dump(paths[3], old)


def _text(root: Path, folder: str, change: Callable[[str], str]) -> Edit:
    def edit(root: Path) -> None:
        target = _richest(root, folder)
        target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")

    return edit


def _rename(root: Path) -> None:
    path = _files(root, "standards")[5]
    path.rename(path.with_name("renamed-" + path.name))


def _add(root: Path) -> None:
    path = _files(root, "standards")[6]
    data = _load(path)
    data["code"] = "DB50/T 9999-2024"
    _dump(path.with_name("db50-t-9999-2024.yaml"), data)


def _remove(root: Path) -> None:
    _files(root, "standards")[7].unlink()


def _two(first: Edit, second: Edit) -> Edit:
    def edit(root: Path) -> None:
        first(root)
        second(root)

    return edit


REGISTRIES = ("districts", "experts", "materials", "feedback")


def _cases(root: Path) -> Iterator[tuple[str, Edit]]:
    for folder in ("standards", *REGISTRIES):
        for name in _fields(root, folder):
            yield f"{folder}-swap-{name}", _swap(folder, name)
            yield f"{folder}-drop-{name}", _drop(folder, name)
    yield "title-duplicate", _copy_field("standards", "title", "title", same_area=True)
    yield "code-duplicate", _copy_field("standards", "code", "code")
    yield "references-other", _copy_field("standards", "code", "references")
    yield "supersedes-other", _copy_field("standards", "code", "supersedes")
    yield "cited-code-changed", _cited_code_changed
    yield "superseded-by-link", _link_superseded
    yield "status-invalid", _set("standards", _first, status="half-done")
    yield "effective-invalid", _set("standards", _first, effective="2022-13-45")
    yield "reviews-added", _set("standards", _first, reviews=[{"date": "2025-06-01"}])
    yield "syntax-error", _text(root, "standards", lambda t: t + "\n  : : [\n")
    yield "comment-only", _text(root, "standards", lambda t: t + "# a comment\n")
    yield "district-slug-owner", _copy_field("districts", "slug", "slug")
    yield "feedback-unknown-standard", _set("feedback", _first, standard="DB50/T 1-1999")
    yield "expert-left", _set("experts", _first, left="2020-01-01")
    yield "framework-changed", _text(root, "..", lambda t: t)  # replaced below
    yield "renamed", _rename
    yield "added", _add
    yield "removed", _remove
    yield "two-files", _two(_swap("standards", "title"), _swap("districts", "name"))


def _framework(root: Path) -> None:
    path = root / "data" / "framework.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The codes of the rules that run from now on."""
    seen: list[str] = []
    real = Rule.__call__

    def spy(self: Rule, wh: Any, ctx: Any) -> Any:
        seen.append(self.code)
        return real(self, wh, ctx)

    monkeypatch.setattr(Rule, "__call__", spy)
    return seen


def _check(cli: Callable[..., CliResult], root: Path, *extra: str) -> tuple[int, str]:
    result = cli("check", "--root", str(root), "--as-of", AS_OF, *extra)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout


def _forget_outputs() -> None:
    """Empty the finished outputs (app/finished.py): a tree seen before (an edit undone)
    would print its remembered output, and the next check compare with an older run."""
    with contextlib.closing(sqlite3.connect(cache.cache_path())) as conn:
        conn.execute("DELETE FROM results")
        conn.commit()


def _same_as_full(
    cli: Callable[..., CliResult],
    root: Path,
    case: str,
    ran: list[str] | None = None,
    formats: tuple[str, ...] = ("json", "text"),
    lang: str = "zh",
) -> int:
    """Check with the cache, then without, in each format; how many rules the first run ran."""
    count = 0
    for fmt in formats:
        if ran is not None:
            ran.clear()
        _forget_outputs()
        cached = _check(cli, root, "--format", fmt, "--lang", lang)
        if ran is not None and fmt == "json":
            count = len(ran)
        full = _check(cli, root, "--format", fmt, "--lang", lang, "--no-cache")
        assert cached == full, f"{case}: {fmt} output differs from a full check"
    return count


def test_every_edit_prints_what_a_full_check_prints(
    demo: Path, tmp_path: Path, cli: Callable[..., CliResult], ran: list[str]
) -> None:
    root = tmp_path / "wh"
    shutil.copytree(demo, root)
    cases = list(_cases(root))
    cases = [(n, _framework if n == "framework-changed" else e) for n, e in cases]
    assert len(cases) > 60
    _check(cli, root)  # fills the cache
    reused = 0
    for number, (case, edit) in enumerate(cases):
        saved = {p: p.read_bytes() for p in (root / "data").rglob("*.yaml")}
        edit(root)
        # JSON says all a text says and more: text every third case (a full check costs)
        formats = ("json", "text") if number % 3 == 0 else ("json",)
        reused += _same_as_full(cli, root, case, ran, formats) < len(RULES)
        # undo, and check that too (every fourth time: a check in full costs most)
        for path in (root / "data").rglob("*.yaml"):
            if path not in saved:
                path.unlink()
        for path, data in saved.items():
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
        if number % 4 == 0:
            _same_as_full(cli, root, f"{case}, undone", formats=("json",))
        else:  # the next case starts from the demo again
            _forget_outputs()
            _check(cli, root, "--format", "json")
    assert reused > len(cases) // 2  # most edits re-ran only some rules


def test_a_title_edit_reruns_only_what_reads_titles(
    demo: Path,
    tmp_path: Path,
    cli: Callable[..., CliResult],
    ran: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "wh"
    shutil.copytree(demo, root)
    _check(cli, root)
    _swap("standards", "title")(root)
    ran.clear()
    areas: list[set[str]] = []
    real = quality.likely_duplicates_in

    def spy(wh: Any, ctx: Any, only: set[str]) -> Any:
        areas.append(only)
        return real(wh, ctx, only)

    monkeypatch.setattr(quality, "likely_duplicates_in", spy)
    cached = _check(cli, root)
    assert "M901" in ran  # reads files outside data/
    assert len(areas) == 1 and len(areas[0]) == 1  # Q701 on the edited standard's area only
    assert not {"L601", "G501", "N201", "U801", "E901", "F907"} & set(ran)
    assert cached == _check(cli, root, "--no-cache")


def test_likely_duplicates_follow_title_and_area_edits(
    demo: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    """Q701 re-run on some areas only: a pair made, moved to another area, its earlier
    standard's titles edited, then undone, each compared with a full check."""
    root = tmp_path / "wh"
    shutil.copytree(demo, root)
    _check(cli, root)
    paths = _files(root, "standards")
    first = paths[0]
    twin = next(p for p in paths[1:] if p.parent == first.parent)
    elsewhere = next(p for p in paths if p.parent != first.parent)
    original = {p: p.read_bytes() for p in (first, twin)}

    def update(path: Path, **values: Any) -> None:
        data = _load(path)
        data.update(values)
        _dump(path, data)

    steps: list[tuple[str, Callable[[], None]]] = [
        ("pair made", lambda: update(twin, title=_load(first)["title"])),
        ("earlier's English title", lambda: update(first, title_en="Same Thing")),
        ("earlier moved", lambda: update(first, area=_load(elsewhere)["area"])),
        ("earlier back", lambda: update(first, area=_load(twin)["area"])),
        ("pair moved", lambda: update(twin, area=_load(elsewhere)["area"])),
        ("pair back", lambda: update(twin, area=_load(first)["area"])),
        ("earlier retitled", lambda: update(first, title=_load(first)["title"] + "（修订）")),
        ("undone", lambda: [p.write_bytes(b) for p, b in original.items()]),
    ]
    for index, (name, step) in enumerate(steps):
        step()
        # each step in another language: a tree seen before then still re-runs the rules
        # (the finished output is remembered by language too; the findings are not)
        _same_as_full(cli, root, name, lang=("zh", "en")[index % 2])
