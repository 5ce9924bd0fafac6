"""Read blobs in bulk through one long-lived ``git cat-file --batch``.

GitPython's object database (``repo.odb``) also keeps a ``cat-file --batch``
alive, but it asks for one object and waits for the answer before asking for
the next: about 55 µs a blob, 0.2 s for the 3,500 blobs of a five-year trend.
Writing every request at once from a second thread while this one reads the
answers costs about a tenth of that. The process is started through GitPython
(``as_process``), so it uses the same git executable and environment, and it
lives as long as the :class:`BlobReader`.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from jgsw_std.errors import JgswError

if TYPE_CHECKING:
    import git


class BlobReader:
    """Blob contents by id, each read from git at most once per run."""

    def __init__(self, repo: git.Repo) -> None:
        self._repo = repo
        self._proc: Any = None
        self.cache: dict[str, bytes] = {}

    def _process(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._proc is None:
            self._proc = self._repo.git.cat_file(
                "--batch", as_process=True, istream=subprocess.PIPE
            )
        stdin, stdout = self._proc.proc.stdin, self._proc.proc.stdout
        assert stdin is not None and stdout is not None  # both are pipes by construction
        return stdin, stdout

    def read_many(self, shas: Iterable[str]) -> dict[str, bytes]:
        """Every blob of ``shas`` (cached ones from memory, the rest in one batch)."""
        wanted = list(dict.fromkeys(s for s in shas if s not in self.cache))
        if wanted:
            self._fetch(wanted)
        return self.cache

    def read(self, sha: str) -> bytes:
        return self.read_many([sha])[sha]

    def _fetch(self, wanted: list[str]) -> None:
        stdin, stdout = self._process()
        request = ("\n".join(wanted) + "\n").encode("ascii")
        failure: list[BaseException] = []

        def write() -> None:
            # A separate writer: git answers while we are still asking, and with
            # both pipe buffers full a single thread would deadlock.
            try:
                stdin.write(request)
                stdin.flush()
            except OSError as exc:  # git died; the reader reports it
                failure.append(exc)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        try:
            self._answers(stdout, wanted)
        except BaseException:
            # Unread answers would be taken for the next request's: start afresh.
            self.close(kill=True)
            writer.join(timeout=1)
            raise
        writer.join()
        if failure:
            raise _unreadable(wanted[0], b"") from failure[0]

    def _answers(self, stdout: IO[bytes], wanted: list[str]) -> None:
        for sha in wanted:
            header = stdout.readline()
            parts = header.split()
            if len(parts) != 3:
                raise _unreadable(sha, header)
            size = int(parts[2])
            data = stdout.read(size)
            stdout.read(1)  # the newline after each object
            if len(data) != size:
                raise _unreadable(sha, header)
            self.cache[sha] = data

    def close(self, kill: bool = False) -> None:
        if self._proc is None:
            return
        proc, self._proc = self._proc, None
        if kill and proc.proc is not None:
            proc.proc.kill()
        stdin = proc.proc.stdin if proc.proc is not None else None
        if stdin is not None:
            with contextlib.suppress(OSError):
                stdin.close()
        # Already gone or stuck: GitPython's finalizer kills it either way.
        with contextlib.suppress(Exception):
            proc.proc.wait(timeout=5)


def _unreadable(sha: str, header: bytes) -> JgswError:
    what = header.decode("ascii", errors="replace").strip() or "no answer"
    return JgswError(
        "blob_unreadable",
        zh=f"无法从 git 读取对象 {sha}（{what}）；仓库可能不完整（部分克隆或已损坏）。",
        en=f"Cannot read object {sha} from git ({what}); the repository may be partial or damaged.",
        hint_zh="运行 `git fsck` 检查仓库；部分克隆可运行 `git fetch --refetch` 补全对象。",
        hint_en="Run `git fsck`; for a partial clone, `git fetch --refetch` fetches the objects.",
    )
