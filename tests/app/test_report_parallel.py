"""The checks may run in a forked child on large warehouses: the report must not change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.reports.conftest import context_of

from jgsw_std import forking as parallel
from jgsw_std.app import report as context_module
from jgsw_std.forking import beside
from jgsw_std.load.warehouse import load_worktree

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="fork is Linux-only here")


@needs_fork
def test_forked_checks_give_the_same_report(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wh = load_worktree(demo_root)
    here = context_of(wh)
    monkeypatch.setattr(context_module, "PARALLEL_FROM", 0)
    started: list[bool] = []
    real = parallel.Pending.__init__

    def spy(self: parallel.Pending[object], fn: object, forked: bool) -> None:
        started.append(forked)
        real(self, fn, forked)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel.Pending, "__init__", spy)
    forked = context_of(wh)
    assert started == [True]
    assert forked == here


@needs_fork
def test_a_failing_child_is_recomputed_here() -> None:
    calls: list[int] = []

    def work() -> int:
        calls.append(os.getpid())
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return 42

    parent = os.getpid()
    with beside(work, fork=True) as pending:
        assert pending.forked
        assert pending.result() == 42
    assert calls == [parent]  # the child's attempt happened in its own memory


@needs_fork
def test_an_unread_child_is_reaped() -> None:
    with pytest.raises(ValueError), beside(lambda: "x" * 200_000, fork=True) as pending:
        pid = pending._pid
        raise ValueError("the parent fails before asking for the result")
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_without_fork_the_value_is_computed_in_place() -> None:
    with beside(lambda: os.getpid(), fork=False) as pending:
        assert not pending.forked
        assert pending.result() == os.getpid()
