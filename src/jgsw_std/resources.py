"""Files the package ships: report templates and the real base data for demos.

A wheel carries them inside the package (pyproject force-include); an editable
install or a source checkout reads them from the repository's top level. One
lookup serves both, so `jgsw report` and `jgsw demo` work from a wheel too.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent  # src/jgsw_std -> repository root


def resource_dir(name: str) -> Path:
    """``templates`` or ``base_data``: the packaged copy, else the repository's."""
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    repo_name = {"base_data": "data"}.get(name, name)
    candidate = _REPO / repo_name
    if candidate.is_dir():
        return candidate
    raise FileNotFoundError(f"jgsw resource {name!r} is missing from this installation")
