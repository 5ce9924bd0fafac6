"""Is there a Chinese font here? The HTML report brings none of its own.

The report draws every character, in the page and in its SVG charts, with
the reader's fonts (no web fonts: it must open offline). On a Linux server
without a CJK font, a report opened there shows a box for every character.
This asks fontconfig (``fc-list``) once; it never fails a run: no fc-list,
an error or a timeout means "cannot tell".
"""

from __future__ import annotations

import shutil
import subprocess
import sys

#: What to install where a Chinese font is missing (README and `report --help` say the same).
FONT_PACKAGE = "fonts-noto-cjk"


def cjk_font_available(platform: str | None = None) -> bool | None:
    """True when fontconfig knows a font for Chinese, False when it knows none,
    None when that cannot be told (not Linux, no fc-list, fc-list failed)."""
    if (platform or sys.platform) != "linux":
        return None  # Windows and macOS have Chinese fonts built in
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        done = subprocess.run(
            [fc_list, ":lang=zh", "family"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return bool(done.stdout.strip())
