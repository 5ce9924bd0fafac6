"""Allow ``python -m jgsw_std``."""

from __future__ import annotations

from jgsw_std.cli.app import main

if __name__ == "__main__":
    main()
