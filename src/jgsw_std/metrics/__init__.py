"""The plan's indicators: one pure function per metric name (see registry).

``compute_all`` and ``compute_one`` are the entry points for every view.
"""

from jgsw_std.metrics.registry import REGISTRY, compute_all, compute_one

__all__ = ["REGISTRY", "compute_all", "compute_one"]
