"""The site's search index: Pagefind's extended build, run once over the written pages.

Pagefind (https://pagefind.app) indexes the standards' and the materials' pages at build time
and answers queries in the browser from static files; its extended build
segments Chinese, so 物业 finds 党政机关物业管理服务规范. It is called as one
program run over the site (its Python API costs 0.1 s a page), with the
whole site indexed as one Chinese index (``--force-language zh-cn``: an
English site still holds Chinese titles).

Pagefind names its files after their content and keeps what is already
there, but never deletes a file it no longer needs. After each run the files
its metadata no longer names are removed, so a rebuild rewrites only what
changed and the folder does not grow; if the metadata cannot be read, the
index is built afresh.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from jgsw_std.errors import JgswError

BUNDLE = "pagefind"
#: Pagefind's chunk folders: a file there is live only when the metadata names it.
CHUNK_FOLDERS = ("fragment", "index", "filter", "sort")


def pagefind_binary() -> str:
    """The extended Pagefind program: PAGEFIND_BINARY_PATH, else the installed wheel's."""
    explicit = os.environ.get("PAGEFIND_BINARY_PATH")
    if explicit:
        return explicit
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]
    except ImportError as exc:
        from jgsw_std.app.site import pagefind_missing

        raise pagefind_missing() from exc
    return str(get_executable())


def _command(out: Path, source: Path) -> list[str]:
    return [
        pagefind_binary(),
        "--site", str(source),
        "--output-path", str(out / BUNDLE),
        "--glob", "{standards,materials}/**/*.html",
        "--force-language", "zh-cn",
        "--silent",
    ]  # fmt: skip


class Stubs:
    """The search stubs of a site: each standard's searched header alone, at its page's path.

    Pagefind reads all the pages it indexes on every run; the stubs are a fifth
    of a page's size, which halves its time. They live in the user's cache
    (``JGSW_CACHE_DIR``), not in the published folder; where the cache cannot
    be written, Pagefind reads the pages themselves (``usable`` is False).
    """

    def __init__(self, out: Path) -> None:
        import hashlib

        from jgsw_std.load.cache import cache_dir

        name = hashlib.sha256(str(out.resolve()).encode("utf-8")).hexdigest()[:24]
        self.root = cache_dir() / "site-search" / name
        self.wanted: set[str] = set()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.usable = True
        except OSError:
            self.usable = False

    def offer(self, rel: str, changed: bool, produce: Callable[[], bytes]) -> None:
        """Keep the stub of page ``rel``: write it when it changed or is missing."""
        self.wanted.add(rel)
        if not self.usable:
            return
        path = self.root.joinpath(*rel.split("/"))
        if changed or not path.is_file():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(produce())
            except OSError:
                self.usable = False

    def source(self, out: Path) -> Path:
        """What Pagefind reads: the stubs (the stale ones deleted first), else the site."""
        if not self.usable:
            return out
        for path in self.root.rglob("*.html"):
            if path.relative_to(self.root).as_posix() not in self.wanted:
                path.unlink()
        return self.root


def _cannot_run(command: list[str], exc: OSError) -> JgswError:
    return JgswError(
        "pagefind_failed",
        zh=f"无法运行 Pagefind（{command[0]}）：{exc}",
        en=f"cannot run Pagefind ({command[0]}): {exc}",
        hint_zh='重新安装：python -m pip install --force-reinstall "pagefind[extended]"。',
        hint_en='Reinstall it: python -m pip install --force-reinstall "pagefind[extended]".',
    )


def _failed(code: int, output: bytes) -> JgswError:
    detail = output.decode("utf-8", "replace").strip()[-800:]
    return JgswError(
        "pagefind_failed",
        zh=f"Pagefind 建立检索索引失败（退出码 {code}）：{detail}",
        en=f"Pagefind could not build the search index (exit {code}): {detail}",
    )


class SearchBuild:
    """One Pagefind run over the site, started now and finished by :meth:`wait`.

    It runs beside jgsw's own remaining work (the downloads), on the other core.
    """

    def __init__(self, out: Path, source: Path) -> None:
        self.out = out
        self.source = source  # the search stubs (or the site itself)
        self.proc = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        command = _command(self.out, self.source)
        try:
            return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        except OSError as exc:
            raise _cannot_run(command, exc) from exc

    def _finish(self) -> None:
        output, _ = self.proc.communicate()
        if self.proc.returncode != 0:
            raise _failed(self.proc.returncode, output)

    def stop(self) -> None:
        """End the run (the build failed or was interrupted); the next build redoes it."""
        self.proc.kill()
        self.proc.wait()

    def wait(self) -> None:
        """Wait for the index, then delete what it no longer uses (or build it afresh)."""
        self._finish()
        bundle = self.out / BUNDLE
        if prune(bundle) is None:  # an index we cannot read: build it afresh
            shutil.rmtree(bundle, ignore_errors=True)
            self.proc = self._start()
            self._finish()


def live_chunks(bundle: Path) -> set[str] | None:
    """The chunk names (``zh-cn_3f2a9c1``) the current index uses, or None if unreadable."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        names: set[str] = set()
        for language, info in entry["languages"].items():
            meta = gzip.decompress((bundle / f"pagefind.{info['hash']}.pf_meta").read_bytes())
            pattern = re.escape(language).encode() + rb"_[0-9a-f]+"
            names.update(m.decode() for m in re.findall(pattern, meta))
            names.add(info["hash"])
        return names
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def prune(bundle: Path) -> int | None:
    """Delete the chunks and metadata the index no longer names; None if it cannot tell."""
    live = live_chunks(bundle)
    if live is None:
        return None
    removed = 0
    for folder in CHUNK_FOLDERS:
        for path in (bundle / folder).glob("*") if (bundle / folder).is_dir() else ():
            if path.is_file() and path.stem not in live:
                path.unlink()
                removed += 1
    for path in bundle.glob("pagefind.*.pf_meta"):
        if path.name.removeprefix("pagefind.").removesuffix(".pf_meta") not in live:
            path.unlink()
            removed += 1
    return removed


def drop_search(out: Path) -> None:
    shutil.rmtree(out / BUNDLE, ignore_errors=True)
