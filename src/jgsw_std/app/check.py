"""The check use case: load the warehouse, run every rule, settle the findings.

Commands and the report share this, so `check` and `report` never disagree.
On a large warehouse (Linux) the work may be shared with a forked child, when
asked for (``JGSW_FORK=1``); that decision and the split of the rules between
the two processes live here alone, behind :func:`share_work`: the rule runner
never knows.

`check` on the working tree also remembers its finished output
(:func:`finish_check`, app/finished.py): a second run over the same files,
settings, date and options prints it again without loading anything. This
module is imported on that warm path, so the heavy imports (pydantic, the
loader, the rules) happen inside the functions that need them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from jgsw_std.app import finished
from jgsw_std.app.finished import Finished, View
from jgsw_std.errors import UsageError
from jgsw_std.load.files import FileUnreadable, read_regular, read_worktree
from jgsw_std.load.root import find_root
from jgsw_std.progress import SILENT, Progress

if TYPE_CHECKING:
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.load.files import SourceFile
    from jgsw_std.load.warehouse import Warehouse
    from jgsw_std.model.framework import CheckSettings
    from jgsw_std.problems import Problem
    from jgsw_std.problems.result import CheckResult
    from jgsw_std.rules.registry import CheckContext, Rule
    from jgsw_std.rules.runner import CheckOptions


@dataclass
class CheckRequest:
    root: Path | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    #: report only problems in files changed since this git revision, and the
    #: problems elsewhere that those changes cause (`--changed-since`)
    changed_since: str | None = None
    #: check the warehouse as recorded at this git revision instead (`--rev`)
    rev: str | None = None


@dataclass
class CheckOutcome:
    warehouse: Warehouse
    result: CheckResult
    as_of: dt.date

    def exit_code(self, strict: bool) -> int:
        if self.result.errors:
            return 1
        if strict and self.result.warnings:
            return 2
        return 0


def exit_code(finished_: Finished, strict: bool) -> int:
    """The exit code of a finished check: 1 errors, 2 warnings under --strict, else 0."""
    if finished_.errors:
        return 1
    if strict and finished_.warnings:
        return 2
    return 0


CONFIG_FILE = "jgsw.toml"
_LEVELS = ("error", "warning", "info", "off")


def _toml_settings(root: Path | None) -> CheckSettings | None:
    """The ``[check]`` table of ``jgsw.toml`` at the warehouse root, if there is one."""
    if root is None or not (root / CONFIG_FILE).is_file():
        return None
    import tomllib

    from pydantic import ValidationError

    from jgsw_std.model.framework import CheckSettings

    path = root / CONFIG_FILE
    try:
        table = tomllib.loads(read_regular(path).decode("utf-8")).get("check")
    except FileUnreadable as exc:
        raise UsageError(
            "bad_config",
            zh=f"无法读取 {path}：{exc.reason_zh}",
            en=f"cannot read {path}: {exc.reason_en}",
        ) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(
            "bad_config",
            zh=f"无法读取 {path}：{exc}",
            en=f"cannot read {path}: {exc}",
            hint_zh="jgsw.toml 须为 UTF-8 编码的 TOML，检查设置写在 [check] 表中。",
            hint_en="jgsw.toml must be UTF-8 TOML with the checker settings in a [check] table.",
        ) from exc
    if table is None:
        return None
    try:
        return CheckSettings.model_validate(table)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UsageError(
            "bad_config",
            zh=f"{path} 的 [check] 有误：{where}：{first['msg']}",
            en=f"[check] in {path} is not valid: {where}: {first['msg']}",
            hint_zh="可用的键：severity、select、ignore、thresholds（见 docs/rules.md）。",
            hint_en="Keys: severity, select, ignore, thresholds (see docs/rules.md).",
        ) from exc


def _validate(layer: CheckSettings, where_zh: str, where_en: str) -> None:
    """Unknown threshold names and severity levels stop the run: a typo must not pass silently."""
    from jgsw_std.rules.registry import THRESHOLDS, ensure_loaded

    ensure_loaded()
    for name, value in layer.thresholds.items():
        if name not in THRESHOLDS:
            raise UsageError(
                "bad_threshold",
                zh=f"{where_zh}中的阈值 {name} 不存在；可用：{', '.join(sorted(THRESHOLDS))}",
                en=f"{where_en} sets an unknown threshold {name}; "
                f"known: {', '.join(sorted(THRESHOLDS))}",
            )
        if value < 0:
            raise UsageError(
                "bad_threshold",
                zh=f"{where_zh}中的阈值 {name} 不能为负数（{value}）。",
                en=f"{where_en}: threshold {name} cannot be negative ({value}).",
            )
    for code, level in layer.severity.items():
        if level.strip().lower() not in _LEVELS:
            raise UsageError(
                "bad_severity",
                zh=f"{where_zh}中 {code} 的严重级别 {level} 无效；可用：{'、'.join(_LEVELS)}",
                en=f"{where_en}: severity {level} of {code} is not one of {', '.join(_LEVELS)}",
            )


def settings_for(wh: Warehouse) -> tuple[dict[str, str], dict[str, float], list[str], list[str]]:
    """Severity overrides, thresholds, select and ignore for this warehouse.

    framework.yaml's ``check:`` first, then the ``[check]`` table of jgsw.toml at
    the root, which wins for the same code or threshold; a select list replaces,
    ignore lists add up. The command line comes on top (see check_warehouse).
    """
    severity: dict[str, str] = {}
    thresholds: dict[str, float] = {}
    select: list[str] = []
    ignore: list[str] = []
    layers = (
        (wh.framework.check, "framework.yaml 的 check", "framework.yaml check"),
        (_toml_settings(wh.root), f"{CONFIG_FILE} 的 [check]", f"[check] of {CONFIG_FILE}"),
    )
    for layer, where_zh, where_en in layers:
        if layer is None:
            continue
        _validate(layer, where_zh, where_en)
        severity.update(layer.severity)
        thresholds.update(layer.thresholds)
        if layer.select:
            select = list(layer.select)
        ignore.extend(layer.ignore)
    return severity, thresholds, select, ignore


class Share(Enum):
    """Which part of the checks a process runs when two share them (see run_check)."""

    ALL = "all"
    MAIN = "main"  # the loader's problems and every family but the side's
    SIDE = "side"  # the SIDE_FAMILIES rules only


#: The families the second process runs when `check` shares the work. The
#: duties take about 40% of the rule time on a 10,000-standard demo and raise
#: two thirds of its problems, whose placing then happens there too; with the
#: other rules, the merging and the printing left to the main process, the two
#: come out about even (measured: 0.30 s main, 0.29 s side with sending).
SIDE_FAMILIES = ("L", "N")


def _in_share(code: str, share: Share) -> bool:
    if share is Share.ALL:
        return True
    return code.startswith(SIDE_FAMILIES) == (share is Share.SIDE)


def judge_on(wh: Warehouse, as_of: dt.date) -> AsOf:
    """The AsOf a check of this warehouse asks: the date and the warehouse's settings.

    The report builds it once and hands it to both the checks and the indicators.
    """
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.lifecycle.duties import DutySettings

    _, thresholds, _, _ = settings_for(wh)
    return AsOf(wh, as_of, DutySettings.of(wh, thresholds))


def check_warehouse(
    wh: Warehouse,
    as_of: dt.date,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    share: Share = Share.ALL,
    at: AsOf | None = None,
    remember: bool = False,
) -> CheckResult:
    """Every finding about ``wh`` on ``as_of``, settled (see rules.runner.settle).

    ``remember``: keep each rule's findings for the next check of the working
    tree, and find again only what may have changed since the last one
    (rules/reuse.py).
    """
    from jgsw_std.lifecycle.asof import AsOf
    from jgsw_std.lifecycle.duties import DutySettings
    from jgsw_std.rules.registry import CheckContext
    from jgsw_std.rules.runner import CheckOptions, run_rules, select_rules, settle

    severity, thresholds, cfg_select, cfg_ignore = settings_for(wh)
    options = CheckOptions(
        select=select or cfg_select, ignore=[*cfg_ignore, *(ignore or [])], severity=severity
    )
    at = at if at is not None else AsOf(wh, as_of, DutySettings.of(wh, thresholds))
    ctx = CheckContext(at, thresholds)
    rules = [r for r in select_rules(options.select) if _in_share(r.code, share)]
    problems = list(wh.problems) if share is not Share.SIDE else []
    key = _run_key(wh, as_of, options, thresholds) if remember and share is Share.ALL else None
    if key is None:
        problems.extend(run_rules(rules, wh, ctx))
    else:
        problems.extend(_run_remembering(rules, wh, ctx, key))
    return settle(wh, problems, options)


def _run_key(
    wh: Warehouse, as_of: dt.date, options: CheckOptions, thresholds: dict[str, float]
) -> str | None:
    """What the rules' findings kept for the next run are keyed by: all they depend on
    besides the files (load/runs_cache.py). None when nothing is to be kept."""
    import hashlib
    import json

    from jgsw_std.load import cache

    if wh.root is None or wh.revision is not None or not cache.enabled():
        return None
    parts = {
        "jgsw": cache.code_stamp(),
        "root": str(wh.root),
        "as_of": as_of.isoformat(),
        "thresholds": sorted(thresholds.items()),
        "select": list(options.select),
        "ignore": list(options.ignore),
        "severity": sorted(options.severity.items()),
    }
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _run_remembering(
    rules: list[Rule], wh: Warehouse, ctx: CheckContext, key: str
) -> list[Problem]:
    """The rules' findings, re-running only those whose inputs changed since the run
    kept under ``key``; this run's are kept in its place."""
    from jgsw_std.load import runs_cache
    from jgsw_std.rules.reuse import blobs_of, run_reusing

    blobs = blobs_of(wh)
    if blobs is None:
        from jgsw_std.rules.runner import run_rules

        return run_rules(rules, wh, ctx)
    found, findings = run_reusing(rules, wh, ctx, runs_cache.fetch(key))
    runs_cache.save(key, lambda: findings.run(blobs), len(found))
    return found


def run_check(request: CheckRequest, progress: Progress = SILENT) -> CheckOutcome:
    """Check the working tree (or a revision); options that cannot combine stop the run."""
    if request.rev is not None:
        if request.changed_since is not None:
            raise UsageError(
                "rev_and_changed_since",
                zh="--rev 与 --changed-since 不能同时使用：--changed-since 比较的是工作区。",
                en="--rev and --changed-since cannot be combined: --changed-since judges the "
                "working tree.",
            )
        from jgsw_std.app.open import open_warehouse

        with progress.step(f"读取 {request.rev}", f"reading {request.rev}"):
            wh = open_warehouse(request.root, rev=request.rev)
        with progress.step("检查", "checking"):
            result = check_warehouse(wh, request.as_of, request.select, request.ignore)
        return CheckOutcome(wh, result, request.as_of)
    from jgsw_std.load.blob_ids import listing, read_so_far, trusted_so_far
    from jgsw_std.load.files import SourceChanged

    root = find_root(request.root)
    paths = listing(root)
    if share_work(len(paths)):
        with progress.step(f"读取 {len(paths)} 个文件", f"reading {len(paths)} files"):
            sources = read_worktree(root, paths, read_so_far(root))
        wh, result = _check_in_two(sources, root, request, progress)
    else:
        # The files whose stat vouched for their blob (the finished-result
        # lookup looked) are read only if their bytes are wanted after all.
        known, trusted = read_so_far(root), trusted_so_far(root)
        try:
            wh, result = _check_in_one(root, paths, request, progress, known, trusted)
        except SourceChanged:  # one changed meanwhile: read every file now
            wh, result = _check_in_one(root, paths, request, progress, {}, {})
    if request.changed_since is not None:
        with progress.step(
            f"对比 {request.changed_since}", f"comparing with {request.changed_since}"
        ):
            result = changed_since(wh, result, request)
    return CheckOutcome(wh, result, request.as_of)


def _check_in_one(
    root: Path,
    paths: list[str],
    request: CheckRequest,
    progress: Progress,
    known: dict[str, tuple[bytes, str]],
    trusted: dict[str, tuple[str, int]],
) -> tuple[Warehouse, CheckResult]:
    from jgsw_std.load.warehouse import build_warehouse

    with progress.step(f"读取 {len(paths)} 个文件", f"reading {len(paths)} files"):
        wh = build_warehouse(read_worktree(root, paths, known, trusted), root=root)
    with progress.step("检查", "checking"):
        result = check_warehouse(
            wh, request.as_of, request.select, request.ignore, remember=_cacheable(request)
        )
    return wh, result


#: Set to 1 to share a large check with a forked child (off by default).
FORK_SWITCH = "JGSW_FORK"


def share_work(files: int) -> bool:
    """The one switch: whether `check` shares its work with a forked child.

    Off unless ``JGSW_FORK=1``: measured on a shared two-core machine (README,
    performance), two processes cost 28-31% more CPU for at most 5% less wall
    time, lose when the other core is busy, and at 50,000 standards take 590
    MB against 475 MB in one; and with the cache, most runs never get this far.
    Even when asked for: only from ``forking.PARALLEL_FROM`` files, where fork is
    cheap and safe and a second core exists (forking.can_fork, which
    ``JGSW_NO_FORK`` turns off).
    """
    from jgsw_std.forking import PARALLEL_FROM, can_fork  # not on the warm path

    if files < PARALLEL_FROM or not can_fork():
        return False
    return os.environ.get(FORK_SWITCH, "0") == "1"


def _check_in_two(
    sources: list[SourceFile], root: Path, request: CheckRequest, progress: Progress = SILENT
) -> tuple[Warehouse, CheckResult]:
    """Check a large warehouse with both cores: a forked child takes a share of the rules.

    The files are read once, before the fork, so both processes judge the same
    bytes even if someone saves a file meanwhile; so is what the cache holds
    for them (records_cache.prefetch), so both agree on what is left to parse.
    The child builds its own warehouse, because two processes sharing one built
    warehouse fault on copy-on-write pages as they touch its objects. Each
    process parses half of the files still to parse and they swap the results
    (plain values, cheap to send); validation is paid twice, in parallel; the
    rules, the placing of their problems and the suppression comments are split
    (:class:`Share`). Where the child fails, or no fork is to be had, its
    share is computed here, so the result never depends on the fork.
    """
    import marshal

    from jgsw_std.forking import HalfSwap, beside
    from jgsw_std.load import records_cache
    from jgsw_std.load.parse import Parsed, marshal_dumps, parse_serially
    from jgsw_std.load.records import kind_of
    from jgsw_std.load.warehouse import build_warehouse
    from jgsw_std.problems import PlainProblem, Problem
    from jgsw_std.problems.result import CheckResult

    records_cache.prefetch((s.blob, kind_of(s.rel)) for s in sources if s.blob)
    halves: HalfSwap[bytes, Parsed] = HalfSwap(parse_serially, marshal_dumps, marshal.loads)

    def side() -> tuple[list[PlainProblem], int]:
        own = build_warehouse(sources, root=root, parse=halves.in_child)
        found = check_warehouse(own, request.as_of, request.select, request.ignore, Share.SIDE)
        return [p.to_plain() for p in found.problems], found.suppressed

    with beside(side, fork=True) as pending:
        with progress.step("解析", "parsing"):
            wh = build_warehouse(sources, root=root, parse=halves.in_parent)
        with progress.step("检查", "checking"):
            main = check_warehouse(wh, request.as_of, request.select, request.ignore, Share.MAIN)
            plain, suppressed = pending.result()
        side_result = CheckResult([Problem.from_plain(p) for p in plain], suppressed)
        return wh, main.merged(side_result)


# -- the finished output, remembered ------------------------------------------------


def _result_key(request: CheckRequest, view: View, root: Path, tree: str) -> str | None:
    settings = finished.settings_digest(root, CONFIG_FILE)
    if settings is None:
        return None  # jgsw.toml is there but cannot be read: the run says why
    options = {
        "as_of": request.as_of.isoformat(),
        "select": request.select,
        "ignore": request.ignore,
        "settings": settings,
    }
    return finished.result_key("check", root, tree, view, options)


def _cacheable(request: CheckRequest) -> bool:
    """Only a check of the working tree as a whole is remembered (git state is not in the key)."""
    from jgsw_std.load import cache

    return request.rev is None and request.changed_since is None and cache.enabled()


def cached_check(request: CheckRequest, view: View) -> Finished | None:
    """The remembered output of this check, if the files and everything else are unchanged.

    The documents' files it read (outside data/) must also be as they were
    (app/finished.py, ``watch``).
    """
    if not _cacheable(request):
        return None
    root = find_root(request.root)
    tree = finished.worktree_tree(root)
    key = _result_key(request, view, root, tree) if tree is not None else None
    return finished.lookup(key, root) if key is not None else None


def finish_check(
    request: CheckRequest,
    view: View,
    render: Callable[[CheckOutcome], Finished],
    progress: Progress = SILENT,
) -> Finished:
    """The check's output: remembered, or computed, shown with ``render`` and remembered.

    The key it is stored under is made from the bytes that were judged, so a
    file saved during the run is judged again next time; a document's file
    changed during the run (or too recently to tell) keeps it from being stored.
    """
    import time

    found = cached_check(request, view)
    if found is not None:
        return found
    started = time.time_ns()  # before any document's file is read (finished.settled)
    outcome = run_check(request, progress)
    done = render(outcome)
    wh = outcome.warehouse
    if _cacheable(request) and wh.root is not None:
        tree = finished.tree_digest({rel: e.source.blob for rel, e in wh.files.items()})
        watch = finished.watch_of(wh.attachments)
        key = _result_key(request, view, wh.root, tree) if tree is not None else None
        del outcome, wh  # the warehouse goes before the output is copied into the cache
        if key is not None and watch is not None:
            done.watch, done.watched_ns = watch, started
            finished.remember(key, done)
    return done


def changed_since(wh: Warehouse, result: CheckResult, request: CheckRequest) -> CheckResult:
    """Keep problems in files changed since the revision, and those the changes caused.

    A problem in an unchanged file is caused by the change when the same checks
    on the warehouse as recorded at the revision did not report it (same file,
    code, place and arguments): deleting a standard that another one cites, or
    the only standard of a business item, shows up that way.
    """
    from jgsw_std.history.changed import changed_files
    from jgsw_std.history.revision import load_revision
    from jgsw_std.problems.result import CheckResult

    root = wh.root if wh.root is not None else request.root
    assert root is not None  # a working-tree warehouse always has its root
    changed = changed_files(root, request.changed_since or "HEAD")
    before = load_revision(root, request.changed_since or "HEAD")
    baseline = check_warehouse(before, request.as_of, request.select, request.ignore)
    known = {p.fingerprint() for p in baseline.problems}
    kept = [p for p in result.problems if p.path in changed or p.fingerprint() not in known]
    return CheckResult(kept, result.suppressed)
