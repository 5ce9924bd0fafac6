"""The new use case: write a valid, commented first version of a standard's or district's file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jgsw_std.app.open import open_warehouse
from jgsw_std.edit.safe import apply_changes
from jgsw_std.edit.scaffold import Scaffold, new_district, new_standard


def create_standard(root: Path | None, **fields: Any) -> Scaffold:
    """Scaffold and write data/standards/<area>/<slug>.yaml (see edit.scaffold.new_standard)."""
    wh = open_warehouse(root)
    scaffold = new_standard(wh, **fields)
    assert wh.root is not None
    apply_changes(wh.root, [scaffold.change])
    return scaffold


def create_district(root: Path | None, **fields: Any) -> Scaffold:
    """Scaffold and write data/districts/<slug>.yaml (see edit.scaffold.new_district)."""
    wh = open_warehouse(root)
    scaffold = new_district(wh, **fields)
    assert wh.root is not None
    apply_changes(wh.root, [scaffold.change])
    return scaffold
