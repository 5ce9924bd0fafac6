"""jgsw: the standards warehouse (标准仓) toolkit for government-affairs administration."""

from __future__ import annotations

__version__ = "0.1.0"
