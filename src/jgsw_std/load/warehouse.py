"""Build one Warehouse from the files under data/, collecting every problem.

One bad file never stops the load: each file is decoded, parsed and validated
on its own, and what fails becomes a Problem. Cross-file checks run later on
the records that did validate (rules/).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jgsw_std.load import cache, models_cache, records_cache
from jgsw_std.load import file_codes as file_rules
from jgsw_std.load.attachments import AttachmentReader, WorktreeFiles
from jgsw_std.load.compact import LARGE, SHARE_FROM, Sharer
from jgsw_std.load.decode import decode_utf8
from jgsw_std.load.files import (
    FileUnreadable,
    SourceFile,
    Unread,
    max_file_bytes,
    read_regular,
    read_worktree,
)
from jgsw_std.load.outline import from_outline
from jgsw_std.load.parse import Parsed, parse_many
from jgsw_std.load.records import (
    FRAMEWORK_PATH,
    INDICATORS_PATH,
    DistrictRecord,
    ExpertRecord,
    FeedbackRecord,
    FileEntry,
    Kind,
    MaterialRecord,
    StandardRecord,
    kind_of,
)
from jgsw_std.load.textpos import TextPositions
from jgsw_std.load.validate import Unparsed, read_entries, read_entry, warm_blob_cache
from jgsw_std.model.base import SYNTHETIC
from jgsw_std.model.codes import ParsedCode, joint_twin_of, normalize_code, parse_code
from jgsw_std.model.district import District
from jgsw_std.model.expert import Expert
from jgsw_std.model.feedback import Feedback
from jgsw_std.model.framework import Framework
from jgsw_std.model.indicators import IndicatorSet
from jgsw_std.model.material import Material
from jgsw_std.model.standard import Standard
from jgsw_std.problems import Problem

# Re-exported: the rest of jgsw imports the loader's types from here.
__all__ = [
    "FRAMEWORK_PATH",
    "INDICATORS_PATH",
    "DistrictRecord",
    "ExpertRecord",
    "FeedbackRecord",
    "FileEntry",
    "Kind",
    "MaterialRecord",
    "StandardRecord",
    "Warehouse",
    "build_warehouse",
    "kind_of",
    "load_indicator_file",
    "load_worktree",
    "warm_blob_cache",
]


@dataclass
class Warehouse:
    """Everything the warehouse holds, as validated records plus file problems."""

    root: Path | None
    framework: Framework
    indicators: IndicatorSet | None
    standards: list[StandardRecord]
    districts: list[DistrictRecord]
    files: dict[str, FileEntry]
    problems: list[Problem]
    revision: str | None = None
    #: codes of standard files that failed validation (known, but not usable)
    broken_codes: set[str] = field(default_factory=set)
    #: the registries (专家库, 资料库, 信息反馈); empty in a warehouse that keeps none
    experts: list[ExpertRecord] = field(default_factory=list)
    materials: list[MaterialRecord] = field(default_factory=list)
    feedback: list[FeedbackRecord] = field(default_factory=list)
    #: where documents' files are read from (None: nowhere, e.g. a single file being edited)
    attachments: AttachmentReader | None = field(default=None, repr=False)
    _texts: dict[str, str | None] = field(default_factory=dict, repr=False)

    @cached_property
    def by_code(self) -> dict[str, list[StandardRecord]]:
        out: dict[str, list[StandardRecord]] = defaultdict(list)
        for rec in self.standards:
            out[rec.code].append(rec)
        return dict(out)

    @cached_property
    def code_aliases(self) -> dict[str, str]:
        """Sichuan's code of a joint standard -> the code its file holds (and back).

        DOMAIN.md: ``DB50/T 10004-2023`` (= ``DB51/T 10004-2023``). Only a code no
        file holds becomes an alias, so two files never merge into one.
        """
        out: dict[str, str] = {}
        by_code = self.by_code
        for code, records in by_code.items():
            twin = joint_twin_of(records[0].parsed)  # parsed already: 10,000 parses spared
            if twin is not None and twin not in by_code:
                out[twin] = code
        return out

    def canonical(self, code: str) -> str:
        """The code as the warehouse files it: normalized, a joint twin resolved."""
        code = normalize_code(code)
        return self.code_aliases.get(code, code)

    @cached_property
    def replaced_by(self) -> dict[str, list[StandardRecord]]:
        """Old code -> the standards whose ``supersedes`` lists it."""
        out: dict[str, list[StandardRecord]] = defaultdict(list)
        for rec in self.standards:
            for old in rec.model.supersedes:
                out[self.canonical(old)].append(rec)
        return dict(out)

    def standard(self, code: str) -> StandardRecord | None:
        found = self.by_code.get(self.canonical(code))
        return found[0] if found else None

    @cached_property
    def district_by_slug(self) -> dict[str, DistrictRecord]:
        out: dict[str, DistrictRecord] = {}
        for rec in self.districts:
            out.setdefault(rec.slug, rec)
        return out

    @cached_property
    def expert_by_slug(self) -> dict[str, ExpertRecord]:
        out: dict[str, ExpertRecord] = {}
        for rec in self.experts:
            out.setdefault(rec.slug, rec)
        return out

    @cached_property
    def material_by_slug(self) -> dict[str, MaterialRecord]:
        out: dict[str, MaterialRecord] = {}
        for rec in self.materials:
            out.setdefault(rec.slug, rec)
        return out

    @cached_property
    def feedback_by_id(self) -> dict[str, FeedbackRecord]:
        out: dict[str, FeedbackRecord] = {}
        for rec in self.feedback:
            out.setdefault(rec.id, rec)
        return out

    @cached_property
    def feedback_by_code(self) -> dict[str, list[FeedbackRecord]]:
        """Standard code (normalized) -> the feedback items about it, in file order."""
        out: dict[str, list[FeedbackRecord]] = defaultdict(list)
        for rec in self.feedback:
            out[self.canonical(rec.code)].append(rec)
        return dict(out)

    def keeps(self, kind: Kind) -> bool:
        """Whether the warehouse has any file of ``kind`` (valid or not).

        Older warehouses keep no experts, materials or feedback; checks that
        would report the absence of a whole registry ask this first.
        """
        return kind in self._kinds

    def unusable(self, kind: Kind, key: str) -> set[str]:
        """Identifiers (``key``: slug or id, else the file name) of the files of ``kind``
        that failed validation: known to exist, so a reference to one is not "unknown"."""
        out: set[str] = set()
        for entry in self.files.values():
            if entry.kind != kind or entry.valid:
                continue
            data = entry.data
            value = data.get(key) if isinstance(data, dict) else None
            out.add(value if isinstance(value, str) else entry.rel.rsplit("/", 1)[-1].split(".")[0])
        return out

    @cached_property
    def _kinds(self) -> frozenset[str]:
        return frozenset(entry.kind for entry in self.files.values())

    @cached_property
    def synthetic(self) -> bool:
        """Whether the records were written by `jgsw demo` (each says so in its source)."""
        sources = [s.model.source for s in self.standards] + [
            d.model.source for d in self.districts
        ]
        return any(source == SYNTHETIC for source in sources)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "standards": len(self.standards),
            "districts": len(self.districts),
        }

    def _text_positions(self, entry: FileEntry) -> TextPositions | None:
        text = self.text_of(entry.rel)
        return None if text is None or entry.keys is None else TextPositions(text, entry.keys)

    def text_of(self, rel: str) -> str | None:
        """The file's text (decoded once: placing and suppression comments both read it)."""
        if rel in self._texts:
            return self._texts[rel]
        entry = self.files.get(rel)
        if entry is None:
            return None
        text, _ = decode_utf8(entry.source.data)
        self._texts[rel] = text
        return text

    def forget_texts(self) -> None:
        """Let the decoded texts go once problems are placed and suppressions read.

        They are kept meanwhile because placing and suppression comments both
        read them; a 50,000-standard warehouse's take about 40 MB.
        """
        self._texts.clear()

    def place(self, problems: list[Problem]) -> list[Problem]:
        """Give every problem that has a key path its line and column.

        Paths up to two levels deep are answered from the positions kept while
        parsing, or for a file the fast reader read, from its text (textpos.py);
        the rest re-read their file once, whatever its number of problems.
        Problems that already have a line pass through.
        """
        placed = list(problems)
        deeper: dict[str, list[int]] = defaultdict(list)
        texts: dict[str, TextPositions | None] = {}
        for index, problem in enumerate(placed):
            if problem.line != 0:
                continue
            entry = self.files.get(problem.path)
            where = None
            if entry is not None and entry.outline is not None:
                where = from_outline(entry.outline, problem.loc, problem.key)
            elif entry is not None and entry.keys is not None:
                # a dict without an outline was read by the fast reader (see parse.py)
                if problem.path not in texts:
                    texts[problem.path] = self._text_positions(entry)
                finder = texts[problem.path]
                if finder is not None:
                    where = finder.locate(problem.loc, problem.key)
            if where is not None:
                placed[index] = problem.with_position(*where)
            else:
                deeper[problem.path].append(index)
        if deeper:
            from jgsw_std.load.positions import Locator  # libyaml, only when needed
        for rel, indexes in deeper.items():
            text = self.text_of(rel)
            if text is None:
                continue
            locator = Locator(text)  # one parse per file, however many problems it has
            for index in indexes:
                problem = placed[index]
                line, col = locator.locate(problem.loc, problem.key)
                placed[index] = problem.with_position(line, col)
        for index, problem in enumerate(placed):
            if problem.line == 0 and problem.path in self.files:
                placed[index] = problem.with_position(1, 1)
        return placed


def build_warehouse(
    sources: list[SourceFile],
    root: Path | None = None,
    revision: str | None = None,
    parse: Callable[[Sequence[bytes]], list[Parsed]] = parse_many,
) -> Warehouse:
    """Validate every file and assemble the warehouse. Never raises for bad data.

    ``parse`` turns the files' bytes into parse results, in order (the default
    parses them here; `check` shares the parsing between two processes).
    """
    files: dict[str, FileEntry] = {}
    problems: list[Problem] = []
    framework: Framework | None = None
    indicators: IndicatorSet | None = None
    standard_models: list[tuple[Standard, str]] = []
    districts: list[DistrictRecord] = []
    experts: list[ExpertRecord] = []
    materials: list[MaterialRecord] = []
    feedback: list[FeedbackRecord] = []
    broken: set[str] = set()

    readable: list[FileEntry] = []
    limit = max_file_bytes()
    for source in sources:
        entry = FileEntry(source.rel, kind_of(source.rel), source)
        files[source.rel] = entry
        unread = source.unread
        if unread is None and source.size > limit:  # a git blob: read, but not judged
            unread = Unread("too_large", *_too_large_words(source.size, limit))
        if unread is not None:
            problems.append(_unread_problem(source.rel, unread))
        elif entry.kind == "unknown":
            problems.append(
                file_rules.UNEXPECTED_FILE.problem(source.rel, line=1, col=1, file=source.rel)
            )
        else:
            readable.append(entry)

    large = len(readable) >= LARGE  # memory, not time, is short: see load/compact.py
    # each standard as it comes, so the next files' models reuse what sharing frees
    share = Sharer() if len(readable) >= SHARE_FROM else None
    last = _LastLoad.of(root, revision, parse, sources)
    parsed_of: dict[int, ParsedCode] = {}  # id(model) -> parsed code, from the models cache
    for entry, (data, model, file_problems) in _read_in_chunks(readable, parse, last.recalled):
        if type(data) is Unparsed:
            entry.keep_keys_only(data.keys)
            last.used += 1
            if data.parsed is not None and model is not None:
                parsed_of[id(model)] = data.parsed
        else:
            entry.data = data
            if model is not None and (entry.source.blob, entry.kind) not in last.kept:
                last.new += 1
        entry.valid = model is not None
        if model is not None and file_problems and last.root is not None:
            last.problems[entry.rel] = file_problems
        problems.extend(file_problems)
        if large and entry.source.worktree:
            entry.drop_data()  # git blobs keep theirs: revisions are compared field by field
        if model is None:
            if entry.kind == "standard" and isinstance(data, dict):
                code = data.get("code")
                if isinstance(code, str):
                    broken.add(normalize_code(code))
            continue
        if isinstance(model, Framework):
            framework = model
        elif isinstance(model, IndicatorSet):
            indicators = model
        elif isinstance(model, Standard):
            if share is not None:
                share(model)
            standard_models.append((model, entry.rel))
        elif isinstance(model, District):
            districts.append(DistrictRecord(model, entry.rel))
        elif isinstance(model, Expert):
            experts.append(ExpertRecord(model, entry.rel))
        elif isinstance(model, Material):
            materials.append(MaterialRecord(model, entry.rel))
        elif isinstance(model, Feedback):
            feedback.append(FeedbackRecord(model, entry.rel))

    for required in (FRAMEWORK_PATH, INDICATORS_PATH):
        if required not in files:
            problems.append(file_rules.MISSING_FILE.problem(required, file=required))

    framework = framework or Framework()
    prefixes = tuple(framework.internal_prefixes)
    known_items = framework.item_area
    if last.prefixes != prefixes:
        parsed_of.clear()  # read with other internal prefixes: parse again
    standards = [
        StandardRecord(
            model,
            rel,
            parsed_of.get(id(model))
            # parse_code is cached per argument tuple: call it as the validator did
            or (parse_code(model.code, prefixes) if prefixes else parse_code(model.code)),
            model.code,
            _full_items(model, known_items),
        )
        for model, rel in standard_models
    ]
    wh = Warehouse(
        root=root,
        framework=framework,
        indicators=indicators,
        standards=standards,
        districts=districts,
        files=files,
        problems=problems,
        revision=revision,
        broken_codes=broken,
        experts=experts,
        materials=materials,
        feedback=feedback,
        # a revision's files are read from git by whoever built it (history/)
        attachments=WorktreeFiles(root) if root is not None and revision is None else None,
    )
    last.remember(prefixes, wh)
    return wh


class _LastLoad:
    """The models cache for one load (load/models_cache.py): what the last load of
    this working tree built, and, once this load is done, what it built for the next.

    Only a load of the working tree in one process takes part: a revision's
    files come from git (the records cache serves those), and check's two
    processes must agree on what is left to parse.
    """

    def __init__(
        self, root: Path | None, recalled: models_cache.Recalled, written: str | None
    ) -> None:
        self.root = root
        self.recalled = recalled  # taken from as the load goes (validate.read_entries)
        self.kept = frozenset(recalled)  # what the last load kept: (blob id, kind)
        self.prefixes = models_cache.prefixes_of(written)
        self.used = 0  # files whose model came from ``recalled``
        self.new = 0  # valid files read otherwise, of a (blob id, kind) not kept
        #: the loader's problems of the valid files that have some (most have none)
        self.problems: dict[str, list[Problem]] = {}

    @classmethod
    def of(
        cls,
        root: Path | None,
        revision: str | None,
        parse: Callable[[Sequence[bytes]], list[Parsed]],
        sources: list[SourceFile],
    ) -> _LastLoad:
        if (
            root is None
            or revision is not None
            or parse is not parse_many
            or not cache.enabled()
            or not all(source.worktree for source in sources)
        ):
            return cls(None, {}, None)
        return cls(root, *models_cache.recall(root))

    def remember(self, prefixes: tuple[str, ...], wh: Warehouse) -> None:
        """Keep this load's models for the next, unless they are the ones recalled.

        What is kept is gathered from ``wh`` when it is written (after the
        output): the load itself holds nothing more for it.
        """
        # Nothing to keep that is not kept: no new valid file, and every kept one met
        # (an invalid file is never kept; a second file of the same bytes needs no row).
        if self.root is None or (
            self.new == 0 and self.used == len(self.kept) and self.prefixes == prefixes
        ):
            return
        self.recalled = {}
        problems = self.problems

        def make() -> list[models_cache.Kept]:
            found: dict[str, tuple[BaseModel, ParsedCode | None]] = {
                rec.path: (rec.model, rec.parsed) for rec in wh.standards
            }
            for records in (wh.districts, wh.experts, wh.materials, wh.feedback):
                found.update((rec.path, (rec.model, None)) for rec in records)
            if wh.indicators is not None:
                found[INDICATORS_PATH] = (wh.indicators, None)
            if wh.files.get(FRAMEWORK_PATH) is not None:
                found[FRAMEWORK_PATH] = (wh.framework, None)
            return [
                (
                    entry.source.blob,
                    entry.kind,
                    found[rel][0],
                    [p.to_plain() for p in problems.get(rel, ())],
                    entry.outline,
                    entry.keys,
                    found[rel][1],
                )
                for rel, entry in wh.files.items()
                if entry.valid and entry.source.blob and rel in found
            ]

        models_cache.remember(self.root, prefixes, make, len(wh.files))


#: Files parsed and validated together: the parsed documents of one chunk at a
#: time are alive, not a whole warehouse's (about 150 MB at 50,000 standards).
CHUNK = 4096


def _read_in_chunks(
    entries: list[FileEntry],
    parse: Callable[[Sequence[bytes]], list[Parsed]],
    recalled: models_cache.Recalled,
) -> Iterator[tuple[FileEntry, tuple[Any, BaseModel | None, list[Problem]]]]:
    """Each entry with what reading it gave, chunk by chunk.

    A parse function other than the default (check's two processes swap parse
    results once) gets every entry at once.
    """
    size = CHUNK if parse is parse_many else max(len(entries), 1)
    records_cache.expect(len(entries))
    for start in range(0, len(entries), size):
        chunk = entries[start : start + size]
        results: list[Any] = read_entries(chunk, parse, recalled)
        for index, entry in enumerate(chunk):
            found, results[index] = results[index], None  # each document goes once used
            yield entry, found


def _too_large_words(size: int, limit: int) -> tuple[str, str]:
    return f"{size} 字节，超过上限 {limit} 字节", f"{size} bytes, over the limit of {limit}"


def _unread_problem(rel: str, unread: Unread) -> Problem:
    code = {
        "special": file_rules.NOT_REGULAR,
        "too_large": file_rules.TOO_LARGE,
        "bad_name": file_rules.BAD_NAME,
    }.get(unread.kind, file_rules.UNREADABLE)
    return code.problem(rel, line=0, col=0, reason_zh=unread.zh, reason_en=unread.en)


def _full_items(model: Standard, known: dict[str, str]) -> tuple[str, ...]:
    """Item codes as ``area.item``: a short code is read in the standard's own area."""
    area = model.area
    return tuple(
        f"{area}.{item}" if area and item not in known and f"{area}.{item}" in known else item
        for item in model.items
    )


def load_worktree(root: Path) -> Warehouse:
    """The warehouse as it is on disk now."""
    from jgsw_std.load.blob_ids import listing, read_so_far

    return build_warehouse(read_worktree(root, listing(root), read_so_far(root)), root=root)


def load_indicator_file(path: Path) -> tuple[IndicatorSet | None, list[Problem]]:
    """Read another plan's indicators (``--indicators PATH``) with the same checks."""
    rel = path.as_posix()
    try:
        raw = read_regular(path)
    except FileUnreadable as exc:
        if exc.reason.kind == "unreadable" and not path.exists():
            return None, [file_rules.MISSING_FILE.problem(rel, file=rel)]
        return None, [_unread_problem(rel, exc.reason)]
    entry = FileEntry(rel, "indicators", SourceFile(rel, raw))
    _, model, problems = read_entry(entry)
    return (model if isinstance(model, IndicatorSet) else None), problems


def today() -> dt.date:
    return dt.date.today()
