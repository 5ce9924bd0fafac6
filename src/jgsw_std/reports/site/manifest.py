"""The site's manifest: what each file of a built site was made from.

``OUT/.jgsw-site.json`` maps every file jgsw wrote to the digest of its
inputs (for a page, its template and context; for a download, its rows).
A rebuild rewrites a file only when its digest changed, deletes the files
the new build no longer has, and rebuilds the search index only when a
searched page changed. Its presence also marks the folder as jgsw's own:
`jgsw site` refuses to write into a non-empty folder without it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = ".jgsw-site.json"
VERSION = 1


@dataclass
class Manifest:
    #: path -> {key, indexed, search}: the digest of the file's inputs, whether the search
    #: index reads it, and the digest of what it reads
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    lang: str = ""
    search: str = "none"  # none | pending | done: the state of the Pagefind index

    def key(self, path: str) -> str | None:
        entry = self.files.get(path)
        return entry.get("key") if entry else None

    def to_bytes(self) -> bytes:
        doc = {"version": VERSION, "lang": self.lang, "search": self.search, "files": self.files}
        return (json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode()


def read_manifest(out: Path) -> Manifest:
    """The manifest of a site built before, or an empty one (a damaged file counts as none)."""
    try:
        doc = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        return Manifest()
    files = doc.get("files")
    if not isinstance(files, dict):
        return Manifest()
    return Manifest(
        {k: v for k, v in files.items() if isinstance(v, dict)},
        str(doc.get("lang", "")),
        str(doc.get("search", "none")),
    )
