"""Shared fixtures: small warehouses from dedented text, and the CLI as a person runs it."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jgsw_std.load.warehouse import Warehouse, load_worktree

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never touch the user's cache (nor `find`'s index beside it): one scratch
    cache for the whole session.

    ``JGSW_TEST_CACHE_DIR`` names a folder to use instead, so that the suite can
    run a second time against the cache its first run filled (a warm cache);
    ``JGSW_NO_CACHE=1`` runs it with no cache at all.
    """
    given = os.environ.get("JGSW_TEST_CACHE_DIR")
    folder = Path(given) if given else _session_cache(tmp_path_factory)
    monkeypatch.setenv("JGSW_CACHE_DIR", str(folder))
    return folder


_SESSION_CACHE: list[Path] = []


def _session_cache(factory: pytest.TempPathFactory) -> Path:
    if not _SESSION_CACHE:
        _SESSION_CACHE.append(factory.mktemp("jgsw-cache"))
    return _SESSION_CACHE[0]


#: A framework small enough to reason about by hand: two main areas, one other.
MINI_FRAMEWORK = """\
categories:
  - {code: general, name: 基础通用}
  - {code: operation, name: 运行保障}
  - {code: evaluation, name: 监督评价}
areas:
  - code: vehicles
    name: 公务用车
    main: true
    items:
      - {code: vehicles.quota, name: 编制}
      - {code: vehicles.disposal, name: 处置}
  - code: logistics
    name: 后勤服务
    main: true
    items:
      - {code: logistics.property, name: 物业服务}
      - {code: logistics.catering, name: 餐饮服务}
  - code: reception
    name: 服务接待
    main: false
    items:
      - {code: reception.meeting, name: 会议服务}
collab_groups:
  - {code: cq-sc-logistics, name: 川渝后勤协作组}
review_period_years: 5
evaluation_after_years: 1
review_due_days: 90
low_usage_rate: 0.5
"""

MINI_INDICATORS = """\
plan: {name: 测试规划, document: 测试〔2021〕1号, start: 2021-01-01, end: 2025-12-31}
indicators:
  - {id: 5, group: system, text: 主干业务领域标准覆盖率90%以上。, metric: coverage, target: 0.9}
  - {id: 17, group: implementation, text: 实施满5年的标准，复审率达到100%。, metric: review_rate, target: 1.0}
"""

MINI_DISTRICTS = {
    "data/districts/chongqing.yaml": "slug: chongqing\nname: 重庆市\nkind: city\n",
    "data/districts/shapingba.yaml": (
        "slug: shapingba\nname: 沙坪坝区\nkind: district\nregion: main-urban\nsubregion: central\n"
    ),
    "data/districts/wanzhou.yaml": "slug: wanzhou\nname: 万州区\nkind: district\nregion: northeast\n",
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """Write files given as {relative path: dedented text or raw bytes}."""
    for rel, content in files.items():
        path = root.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8", newline="\n")


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test's own, and a run started on it."""
    from jgsw_std.load import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    cache.reset("zh")
    yield folder
    cache.reset("zh")


@pytest.fixture
def quick_settle(monkeypatch: pytest.MonkeyPatch) -> None:
    """A settling margin of 1 ms instead of 3 s (load/blob_ids.py: "racy git"), so
    that files written by a test are trusted by their stat within it."""
    from jgsw_std.load import blob_ids

    monkeypatch.setattr(blob_ids, "SETTLED_NS", 1_000_000)


@dataclass
class MiniWarehouse:
    root: Path

    def write(self, files: dict[str, str | bytes]) -> MiniWarehouse:
        write_tree(self.root, files)
        return self

    def load(self) -> Warehouse:
        return load_worktree(self.root)


MiniFactory = Callable[..., MiniWarehouse]


@pytest.fixture
def mini(tmp_path: Path) -> Callable[..., MiniWarehouse]:
    """Build a small warehouse: mini({...}) with the mini framework, plan and districts.

    Pass ``framework=``, ``indicators=`` or ``districts=`` to replace the defaults
    (``None`` leaves the file out).
    """

    def build(
        files: dict[str, str | bytes] | None = None,
        *,
        framework: str | None = MINI_FRAMEWORK,
        indicators: str | None = MINI_INDICATORS,
        districts: dict[str, str] | None = None,
    ) -> MiniWarehouse:
        root = tmp_path / "wh"
        base: dict[str, str | bytes] = {}
        if framework is not None:
            base["data/framework.yaml"] = framework
        if indicators is not None:
            base["data/indicators.yaml"] = indicators
        base.update(MINI_DISTRICTS if districts is None else districts)
        (root / "data" / "standards").mkdir(parents=True, exist_ok=True)
        write_tree(root, base)
        if files:
            write_tree(root, files)
        return MiniWarehouse(root)

    return build


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


CliRunner = Callable[..., CliResult]


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run jgsw through its real entry point (the error boundary included)."""
    from jgsw_std.cli.app import run

    def invoke(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.delenv("JGSW_ROOT", raising=False)
        monkeypatch.delenv("JGSW_LANG", raising=False)
        capsys.readouterr()
        code = run(list(args))
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    return invoke


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300-standard demo warehouse shared by the tests that only read it."""
    from jgsw_std.demo.generator import build_demo, write_demo

    root = tmp_path_factory.mktemp("demo") / "wh"
    write_demo(root, build_demo(300, seed=7))
    return root


AS_OF_END = dt.date(2025, 12, 31)
