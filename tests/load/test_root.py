"""Finding the warehouse: --root, JGSW_ROOT, walking up."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import MiniFactory

from jgsw_std.errors import UsageError
from jgsw_std.load.root import find_root


def test_walks_up_from_a_subfolder(mini: MiniFactory) -> None:
    wh = mini()
    start = wh.root / "data" / "standards"
    assert find_root(start=start) == wh.root


def test_explicit_root_and_the_data_folder_itself(mini: MiniFactory) -> None:
    wh = mini()
    root: Path = wh.root
    assert find_root(root) == root
    assert find_root(root / "data") == root


def test_environment_variable(mini: MiniFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    wh = mini()
    monkeypatch.setenv("JGSW_ROOT", str(wh.root))
    assert find_root() == wh.root


def test_no_warehouse_is_a_clear_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        find_root(start=tmp_path)
    assert "data/indicators.yaml" in info.value.zh
    with pytest.raises(UsageError):
        find_root(tmp_path)
