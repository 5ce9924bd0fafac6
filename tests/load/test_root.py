"""Finding the warehouse: --root, JGSW_ROOT, walking up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jgsw_std.errors import UsageError
from jgsw_std.load.root import find_root


def test_walks_up_from_a_subfolder(mini: Callable[..., object]) -> None:
    wh = mini()
    start = wh.root / "data" / "standards"  # type: ignore[attr-defined]
    assert find_root(start=start) == wh.root  # type: ignore[attr-defined]


def test_explicit_root_and_the_data_folder_itself(mini: Callable[..., object]) -> None:
    wh = mini()
    root: Path = wh.root  # type: ignore[attr-defined]
    assert find_root(root) == root
    assert find_root(root / "data") == root


def test_environment_variable(mini: Callable[..., object], monkeypatch: pytest.MonkeyPatch) -> None:
    wh = mini()
    monkeypatch.setenv("JGSW_ROOT", str(wh.root))  # type: ignore[attr-defined]
    assert find_root() == wh.root  # type: ignore[attr-defined]


def test_no_warehouse_is_a_clear_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        find_root(start=tmp_path)
    assert "data/indicators.yaml" in info.value.zh
    with pytest.raises(UsageError):
        find_root(tmp_path)
