"""Stage two of loading: parsed documents to models, or to problems. Never raises.

Results are cached by git blob id: in memory for the run (history reads the
same blob in many revisions) and, when the cache is on, between runs
(load/records_cache.py), for the working tree and git alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from jgsw_std.load import cache, models_cache, records_cache
from jgsw_std.load import file_codes as file_rules
from jgsw_std.load.decode import guess_encoding, line_col_of_byte
from jgsw_std.load.files import SourceFile
from jgsw_std.load.outline import Outline
from jgsw_std.load.parse import Parsed, parse_bytes, parse_many
from jgsw_std.load.records import FileEntry, Kind, kind_of
from jgsw_std.load.schema_problems import problems_from_validation
from jgsw_std.load.yamlread import MAX_EXPANDED
from jgsw_std.model.codes import ParsedCode
from jgsw_std.model.district import District
from jgsw_std.model.expert import Expert
from jgsw_std.model.feedback import Feedback
from jgsw_std.model.framework import Framework
from jgsw_std.model.indicators import IndicatorSet
from jgsw_std.model.material import Material
from jgsw_std.model.standard import Standard
from jgsw_std.problems import Problem

# This run's parsed and validated results keyed by (git blob id, kind): history
# builds many revisions that share most of their blobs.
_BLOB_CACHE: dict[tuple[str, str], tuple[Any, BaseModel | None, list[Problem], Outline | None]] = {}
cache.forget_each_run(_BLOB_CACHE)

_MODELS: dict[Kind, type[BaseModel]] = {
    "framework": Framework,
    "indicators": IndicatorSet,
    "standard": Standard,
    "district": District,
    "expert": Expert,
    "material": Material,
    "feedback": Feedback,
}


def _describe(value: Any) -> dict[str, str]:
    if value is None:
        return {"found_zh": "空文件", "found_en": "nothing (empty file)"}
    if isinstance(value, list):
        return {"found_zh": "列表", "found_en": "a list"}
    return {"found_zh": f"单个值 {value!r}", "found_en": f"a single value {value!r}"}


def validate_entry(entry: FileEntry, parsed: Parsed) -> tuple[Any, BaseModel | None, list[Problem]]:
    """Stage two: turn a parsed document into a model or problems. Never raises."""
    rel, raw = entry.rel, entry.source.data
    data, dups, syntax, bad, _ = parsed
    if bad >= 0:
        guess = guess_encoding(raw)
        line, col = line_col_of_byte(raw, bad)
        return (
            None,
            None,
            [
                file_rules.NOT_UTF8.problem(
                    rel,
                    line=line,
                    col=col,
                    byte=bad,
                    encoding=guess or "GBK",
                    guess_zh=f"，看起来是 {guess}" if guess else "",
                    guess_en=f"; it looks like {guess}" if guess else "",
                )
            ],
        )
    if syntax is not None:
        message, line, col, code = syntax
        if code == file_rules.TOO_MANY_VALUES.code:
            return (
                None,
                None,
                [file_rules.TOO_MANY_VALUES.problem(rel, line=line, col=col, limit=MAX_EXPANDED)],
            )
        detail = file_rules.syntax_detail(message)
        return (
            None,
            None,
            [
                file_rules.YAML_SYNTAX.problem(
                    rel,
                    line=line,
                    col=col,
                    detail_zh=detail["detail_zh"],
                    detail_en=detail["detail_en"],
                )
            ],
        )
    problems = [
        file_rules.DUPLICATE_KEY.problem(rel, line=line, col=col, name=key, first_line=first or "?")
        for key, line, col, first in dups
    ]
    if not isinstance(data, dict):
        found = _describe(data)
        problems.append(
            file_rules.NOT_MAPPING.problem(
                rel, found_zh=found["found_zh"], found_en=found["found_en"]
            )
        )
        return data, None, problems
    model_cls = _MODELS.get(entry.kind)
    if model_cls is None:
        return data, None, problems
    try:
        model = model_cls.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(rel, exc, model_cls, data))
        return data, None, problems
    return data, model, problems


def read_entry(entry: FileEntry) -> tuple[Any, BaseModel | None, list[Problem]]:
    return validate_entry(entry, parse_bytes(entry.source.data))


class Unparsed:
    """What stands for the document of a file whose model came from the models cache:
    its top-level keys (placing a problem needs them) and a standard's parsed code.
    The loader keeps only the keys (FileEntry.keep_keys_only); the document is parsed
    again if asked for."""

    __slots__ = ("keys", "parsed")

    def __init__(self, keys: tuple[Any, ...] | None, parsed: ParsedCode | None) -> None:
        self.keys, self.parsed = keys, parsed


def read_entries(
    entries: list[FileEntry],
    parse: Callable[[Sequence[bytes]], list[Parsed]] = parse_many,
    recalled: dict[tuple[str, str], models_cache.Kept] | None = None,
) -> list[tuple[Any, BaseModel | None, list[Problem]]]:
    """Read every entry, from the blob caches where possible, parsing the rest in bulk.

    First this run's memory of git blobs, then ``recalled`` (the models the last
    load of this working tree built: the document is then an :class:`Unparsed`),
    then the persistent cache (when on), then parsing. Each entry also gets the
    positions its parse recorded (``entry.outline``). ``parse`` does the bulk
    parse (check shares it between two processes, which then must agree on what
    is left to parse: see records_cache.prefetch).

    A recalled model is taken once (popped): two files with the same bytes get
    a model each, as a load without the cache gives them (lifecycle/state.py
    tells a standard from its successors by the model's identity).
    """
    results: list[tuple[Any, BaseModel | None, list[Problem]] | None] = [None] * len(entries)
    todo: list[int] = []
    for index, entry in enumerate(entries):
        blob = entry.source.blob
        key = (blob, entry.kind) if blob else None
        cached = _BLOB_CACHE.get(key) if key else None
        if cached is not None:
            data, model, problems, entry.outline = cached
            results[index] = (data, model, _moved(problems, entry.rel))
            continue
        kept = recalled.pop(key, None) if recalled and key else None
        if kept is None or not _whole(kept[2], entry.kind):
            todo.append(index)
            continue
        _, _, model, plain, entry.outline, keys, code = kept
        problems = [Problem.from_plain(p) for p in plain] if plain else []
        results[index] = (Unparsed(keys, code), model, _moved(problems, entry.rel))
    todo = _from_store(entries, todo, results)
    parsed = parse([entries[i].source.data for i in todo])
    fresh: dict[tuple[str, str], records_cache.Record] = {}
    for index, one in zip(todo, parsed, strict=True):
        entry = entries[index]
        entry.outline = one[4]
        result = validate_entry(entry, one)
        blob = entry.source.blob
        if blob:
            if not entry.source.worktree:
                _BLOB_CACHE[(blob, entry.kind)] = (*result, entry.outline)
            data, model, problems = result
            plain = [p.to_plain() for p in problems]
            fresh[(blob, entry.kind)] = (data, plain, entry.outline, model is not None)
        results[index] = result
    records_cache.save(list(fresh.items()))
    return [r for r in results if r is not None]


#: Each kind's model fields: a recalled model must have every one set.
_FIELDS: dict[str, frozenset[str]] = {
    kind: frozenset(cls.model_fields) for kind, cls in _MODELS.items()
}


def _whole(model: BaseModel, kind: Kind) -> bool:
    """Whether a recalled model is of the file's kind and has all its fields."""
    return type(model) is _MODELS.get(kind) and model.__dict__.keys() == _FIELDS[kind]


def _moved(problems: list[Problem], rel: str) -> list[Problem]:
    """A blob's problems, for the same blob found under another path."""
    if problems and problems[0].path != rel:
        return [
            Problem(rel, p.code, p.severity, p.args, p.line, p.col, p.loc, p.key) for p in problems
        ]
    return problems


def _from_store(
    entries: list[FileEntry],
    todo: list[int],
    results: list[tuple[Any, BaseModel | None, list[Problem]] | None],
) -> list[int]:
    """Fill ``results`` from the persistent cache; the indexes still to parse."""
    keys = {(entries[i].source.blob, entries[i].kind) for i in todo if entries[i].source.blob}
    stored = records_cache.fetch(sorted(keys))  # type: ignore[arg-type]  # blobs are set
    if not stored:
        return todo
    left: list[int] = []
    for index in todo:
        entry = entries[index]
        key = (entry.source.blob or "", entry.kind)
        record = stored.get(key)
        revived = _revive(entry, record) if record is not None else None
        if revived is None:
            left.append(index)
            continue
        results[index] = revived
        if not entry.source.worktree:
            _BLOB_CACHE[key] = (*revived, entry.outline)
    return left


def _revive(
    entry: FileEntry, record: records_cache.Record
) -> tuple[Any, BaseModel | None, list[Problem]] | None:
    """A stored record as the loader's result (None: parse the file again after all)."""
    data, plain, outline, valid = record
    model: BaseModel | None = None
    if valid:
        model_cls = _MODELS.get(entry.kind)
        if model_cls is None:
            return None
        try:
            model = model_cls.model_validate(data)
        except ValidationError:  # the same code validated it before: not the record we want
            return None
    entry.outline = outline
    return data, model, _moved([Problem.from_plain(p) for p in plain], entry.rel)


def warm_blob_cache(sources: Iterable[SourceFile]) -> None:
    """Parse and validate, in one bulk pass, every git blob not yet in the cache.

    History reads many revisions that share most of their blobs; reading the
    distinct ones together lets ``parse_many`` use its parallel path, and each
    later ``build_warehouse`` of those revisions only assembles cached results.
    """
    entries: list[FileEntry] = []
    seen: set[tuple[str, str]] = set()
    for source in sources:
        kind = kind_of(source.rel)
        key = (source.blob or "", kind)
        if source.blob is None or kind == "unknown" or key in seen or key in _BLOB_CACHE:
            continue
        seen.add(key)
        entries.append(FileEntry(source.rel, kind, source))
    read_entries(entries)
