"""HalfSwap: two processes each do half of the jobs and both end with every result."""

from __future__ import annotations

import os

import pytest

from jgsw_std.forking import HalfSwap, beside, can_fork

JOBS = list(range(11))


def _squares(jobs: list[int]) -> list[int]:
    return [job * job for job in jobs]


def _child_pid_marks(jobs: list[int]) -> list[tuple[int, int]]:
    return [(job, os.getpid()) for job in jobs]


@pytest.mark.skipif(not can_fork(), reason="needs fork and a second core (Linux)")
def test_both_sides_get_every_result_and_share_the_work() -> None:
    swap: HalfSwap[int, tuple[int, int]] = HalfSwap(_child_pid_marks)
    with beside(lambda: swap.in_child(JOBS), fork=True) as pending:
        mine = swap.in_parent(JOBS)
        theirs = pending.result()
    assert mine == theirs
    assert [job for job, _ in mine] == JOBS
    here = os.getpid()
    assert {pid for job, pid in mine if job % 2 == 0} == {here}  # even jobs: this process
    assert here not in {pid for job, pid in mine if job % 2 == 1}  # odd ones: the child


@pytest.mark.skipif(not can_fork(), reason="needs fork and a second core (Linux)")
def test_a_child_that_dies_before_sending_leaves_its_half_to_the_parent() -> None:
    swap: HalfSwap[int, int] = HalfSwap(_squares)
    parent = os.getpid()

    def dies() -> list[int]:
        if os.getpid() != parent:
            os._exit(5)
        return swap.in_child(JOBS)  # recomputed here: does every job

    with beside(dies, fork=True) as pending:
        assert swap.in_parent(JOBS) == _squares(JOBS)
        assert pending.result() == _squares(JOBS)


def test_without_a_fork_each_side_does_everything_and_nothing_hangs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    swap: HalfSwap[int, int] = HalfSwap(_squares)
    monkeypatch.setenv("JGSW_NO_FORK", "1")
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    with beside(lambda: swap.in_child(JOBS), fork=True) as pending:  # runs here, at once
        assert swap.in_parent(JOBS) == _squares(JOBS)
        assert pending.result() == _squares(JOBS)
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before - 4  # the swap's pipes are closed


def _big(jobs: list[int]) -> list[str]:
    return [str(job) * 50_000 for job in jobs]  # far more than a pipe holds


@pytest.mark.skipif(not can_fork(), reason="needs fork and a second core (Linux)")
def test_results_larger_than_a_pipe_buffer_do_not_deadlock() -> None:
    swap: HalfSwap[int, str] = HalfSwap(_big)
    with beside(lambda: swap.in_child(JOBS), fork=True) as pending:
        mine = swap.in_parent(JOBS)
        theirs = pending.result()
    assert mine == theirs == _big(JOBS)
