"""Open the git repository that holds a warehouse, and say clearly when it cannot.

Every git failure a person can meet in practice (no git, not a repository, no
commits yet, a shallow clone, a revision that does not exist) becomes a
:class:`~jgsw_std.errors.JgswError` with Chinese and English text and, where
there is one, the command that fixes it. Nothing here raises a traceback at a
user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jgsw_std.errors import JgswError, UsageError
from jgsw_std.history.blobs import BlobReader

if TYPE_CHECKING:
    import git

DEEPEN_HINT_ZH = (
    "运行 `git fetch --unshallow` 取回完整历史"
    "（GitHub Actions 中可在 actions/checkout 设置 fetch-depth: 0）。"
)
DEEPEN_HINT_EN = (
    "Run `git fetch --unshallow` to fetch the full history "
    "(in GitHub Actions, set fetch-depth: 0 on actions/checkout)."
)


class ShallowError(UsageError):
    """The command needs history that a shallow clone does not have."""


def shallow_error(what_zh: str, what_en: str) -> ShallowError:
    """``what`` needs more history than this shallow clone holds."""
    return ShallowError(
        "shallow_clone",
        zh=f"{what_zh}：这是浅克隆（shallow clone），缺少更早的 git 历史。",
        en=f"{what_en}: this is a shallow clone without the older git history.",
        hint_zh=DEEPEN_HINT_ZH,
        hint_en=DEEPEN_HINT_EN,
    )


def _git_missing() -> JgswError:
    return JgswError(
        "git_missing",
        zh="找不到 git 程序，无法读取历史。",
        en="git is not installed or not on PATH; the history cannot be read.",
        hint_zh="安装 git（https://git-scm.com）并确认 `git --version` 可以运行。",
        hint_en="Install git (https://git-scm.com) and check that `git --version` runs.",
    )


class GitFailed(JgswError):
    """A git command failed for a reason jgsw did not expect (a damaged repository...)."""

    def __init__(self, args: tuple[str, ...], stderr: object) -> None:
        detail = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else str(stderr)
        detail = detail.strip().replace("stderr: ", "").strip("'\" \n") or "?"
        # the subcommand and its revisions; config overrides and formats are noise here
        shown, skip = [], False
        for arg in args:
            if skip or arg == "-c":
                skip = arg == "-c"
                continue
            if not arg.startswith("-"):
                shown.append(arg)
        command = " ".join(shown)
        super().__init__(
            "git_failed",
            zh=f"git 命令失败（git {command}）：{detail}",
            en=f"git failed (git {command}): {detail}",
            hint_zh="运行 `git status` 和 `git fsck` 检查仓库。",
            hint_en="Check the repository with `git status` and `git fsck`.",
        )


def _import_git() -> object:
    try:
        import git
    except Exception as exc:  # GitPython refuses to import when no git executable exists
        raise _git_missing() from exc
    return git


@dataclass(frozen=True, slots=True)
class Commit:
    """What a person wants to know about a commit (dates keep their own time zone)."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    authored: dt.datetime
    committed: dt.datetime
    message: str

    @property
    def short(self) -> str:
        return self.sha[:10]

    @property
    def subject(self) -> str:
        return self.message.strip().split("\n", 1)[0]


class GitRepo:
    """A warehouse's repository: revisions, bulk blob reads, and the path prefix.

    ``prefix`` is where the warehouse root sits inside the repository ("" when
    they coincide, else e.g. "warehouse/"); warehouse paths never carry it.
    """

    def __init__(self, repo: git.Repo, root: Path) -> None:
        self.repo = repo
        self.root = root
        top = Path(repo.working_tree_dir or root).resolve()
        try:
            rel = root.resolve().relative_to(top).as_posix()
        except ValueError:
            rel = "."
        self.prefix = "" if rel in ("", ".") else rel + "/"
        self._blobs: BlobReader | None = None
        self._shallow: bool | None = None

    # -- lifetime ---------------------------------------------------------------
    def __enter__(self) -> GitRepo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._blobs is not None:
            self._blobs.close()
            self._blobs = None
        self.repo.close()

    # -- plain facts --------------------------------------------------------------
    @property
    def blobs(self) -> BlobReader:
        """The one long-lived `git cat-file --batch` of this run."""
        if self._blobs is None:
            self._blobs = BlobReader(self.repo)
        return self._blobs

    @property
    def is_shallow(self) -> bool:
        if self._shallow is None:
            self._shallow = self.git("rev-parse", "--is-shallow-repository").strip() == "true"
        return self._shallow

    def has_commits(self) -> bool:
        return self.try_resolve("HEAD") is not None

    def git(self, *args: str) -> str:
        """Run one git command and return its output (text, decoded leniently)."""
        return self.git_bytes(*args).decode("utf-8", errors="replace").rstrip("\n")

    def git_bytes(self, *args: str) -> bytes:
        """Run one git command; a failure is a clear JgswError, never a traceback."""
        from git.exc import GitCommandError, GitCommandNotFound

        try:
            raw: bytes = self.repo.git.execute(
                [self.repo.git.GIT_PYTHON_GIT_EXECUTABLE or "git", *args],
                stdout_as_string=False,
                strip_newline_in_stdout=False,
            )
        except GitCommandNotFound as exc:
            raise _git_missing() from exc
        except GitCommandError as exc:
            raise GitFailed(args, exc.stderr) from exc
        return raw

    def try_git(self, *args: str) -> str | None:
        """Output of a git command that may fail for an expected reason, else None."""
        try:
            return self.git(*args)
        except GitFailed:
            return None

    def to_repo_path(self, rel: str) -> str:
        return self.prefix + rel

    def from_repo_path(self, path: str) -> str | None:
        """The warehouse-relative form of a repository path, or None if outside it."""
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix) :]

    # -- revisions ----------------------------------------------------------------
    def try_resolve(self, rev: str) -> str | None:
        out = self.try_git(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
        )
        return (out or "").strip() or None

    def resolve(self, rev: str) -> str:
        """The commit a revision names, or a clear error saying why there is none."""
        sha = self.try_resolve(rev)
        if sha is not None:
            return sha
        if not self.has_commits():
            raise UsageError(
                "no_commits",
                zh="这个 git 仓库还没有任何提交，没有可读取的历史版本。",
                en="This git repository has no commits yet; there is no revision to read.",
                hint_zh="先提交一次（git add data && git commit），或去掉 --rev 读取工作区。",
                hint_en="Commit first (git add data && git commit), "
                "or drop --rev to read the working tree.",
            )
        if self.is_shallow:
            raise shallow_error(f"找不到版本 {rev}", f"revision {rev} not found")
        raise UsageError(
            "bad_rev",
            zh=f"git 中没有版本 {rev}。",
            en=f"git has no revision {rev}.",
            hint_zh="写提交号、分支、标签或 HEAD~2 这样的表达式；`git log --oneline` 可列出提交。",
            hint_en="Give a commit, branch, tag or an expression like HEAD~2; "
            "`git log --oneline` lists commits.",
        )

    def commit(self, sha: str) -> Commit:
        """One commit's metadata (used for single revisions; walks read it in bulk)."""
        out = self.git(
            *NEUTRAL_CONFIG,
            "log",
            "-1",
            "--no-walk",
            "--encoding=UTF-8",
            "--format=" + COMMIT_FORMAT,
            sha,
        )
        return parse_commit_header(out.lstrip("\x1e").rstrip("\n").rstrip("\x1f"))

    def first_parent(self, sha: str) -> str | None:
        return self.try_resolve(f"{sha}^1")

    def merge_base(self, a: str, b: str) -> str | None:
        return (self.try_git("merge-base", a, b) or "").strip() or None


# Settings a user's git config could set that would change what git log prints.
NEUTRAL_CONFIG = ("-c", "log.follow=false", "-c", "log.showSignature=false")

# Fields of a commit header in `git log --format`, separated by US (0x1f); a
# record starts with RS (0x1e). Neither appears in commit messages in practice.
COMMIT_FORMAT = "%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%B%x1f"


def parse_commit_header(header: str) -> Commit:
    sha, parents, author, email, authored, committed, message = header.split("\x1f", 6)
    return Commit(
        sha=sha,
        parents=tuple(parents.split()),
        author=author,
        email=email,
        authored=dt.datetime.fromisoformat(authored),
        committed=dt.datetime.fromisoformat(committed),
        message=message.rstrip("\n"),
    )


def commit_id(where: Path, rev: str) -> str | None:
    """The commit ``rev`` names in the repository around ``where``, or None on any failure.

    One plain ``git rev-parse``, without GitPython: a cached result is looked up
    by it before anything heavy is imported. Failures are for the full path to
    explain (it opens the repository properly and says what is wrong).
    """
    import os
    import subprocess

    if rev.startswith("-"):
        return None
    git = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"
    try:
        done = subprocess.run(
            [git, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            cwd=where,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    sha = done.stdout.decode("ascii", errors="replace").strip()
    return sha if done.returncode == 0 and len(sha) in (40, 64) else None


def open_repo(root: Path) -> GitRepo:
    """The repository that holds the warehouse at ``root``, or a clear error."""
    _import_git()
    import git

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise UsageError(
            "not_git",
            zh=f"{root} 不在 git 仓库中，没有历史可读。",
            en=f"{root} is not inside a git repository; there is no history to read.",
            hint_zh="在标准仓目录运行 `git init` 并提交，"
            "或用 `jgsw demo DIR --history` 生成带历史的示例仓。",
            hint_en="Run `git init` in the warehouse and commit, or try `jgsw demo DIR --history`.",
        ) from exc
    if repo.bare or repo.working_tree_dir is None:
        repo.close()
        raise UsageError(
            "bare_repo",
            zh=f"{root} 是裸仓库（没有工作区），请在克隆出的工作目录中运行。",
            en=f"{root} is a bare repository; run jgsw in a clone with a working tree.",
        )
    return GitRepo(repo, root)
