"""The new use case: a valid, commented first file of a standard, district or registry record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jgsw_std.app.open import open_warehouse
from jgsw_std.edit.safe import apply_changes
from jgsw_std.edit.scaffold import Scaffold, new_district, new_standard
from jgsw_std.edit.scaffold_registries import new_expert, new_feedback, new_material


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


def create_expert(root: Path | None, **fields: Any) -> Scaffold:
    """Scaffold and write data/experts/<slug>.yaml (see edit.scaffold_registries)."""
    wh = open_warehouse(root)
    scaffold = new_expert(wh, **fields)
    assert wh.root is not None
    apply_changes(wh.root, [scaffold.change])
    return scaffold


def create_material(root: Path | None, **fields: Any) -> Scaffold:
    """Scaffold and write data/materials/<slug>.yaml (see edit.scaffold_registries)."""
    wh = open_warehouse(root)
    scaffold = new_material(wh, **fields)
    assert wh.root is not None
    apply_changes(wh.root, [scaffold.change])
    return scaffold


def create_feedback(root: Path | None, **fields: Any) -> Scaffold:
    """Scaffold and write data/feedback/<year>/<id>.yaml with the year's next free id."""
    wh = open_warehouse(root)
    scaffold = new_feedback(wh, **fields)
    assert wh.root is not None
    apply_changes(wh.root, [scaffold.change])
    return scaffold
