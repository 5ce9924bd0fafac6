"""Fixtures for the edit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture
def repo_root() -> Path:
    return REPO
