"""Run the rules again only where something they read changed since the last check.

The last check of the same warehouse with the same settings and date left the
blob id of each file and each rule's findings (load/runs_cache.py). When the
same paths are there now and only a few files changed, each valid before and
after and each a record (a standard, district, expert, material or feedback
item), the top-level fields that changed are found by comparing each changed
file's document with the one its old blob held (load/records_cache.py). A rule
that reads none of them (rules/reads.py) finds what it found last time; the
others run. Anything else (a file added, removed or renamed, a file invalid
before or after, framework.yaml or indicators.yaml changed, too many files
changed, nothing kept) runs every rule.

Findings are kept unsettled (before overrides, positions and suppression
comments), so settling them is the same whether they were found now or then.
"""

from __future__ import annotations

import marshal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jgsw_std.load import records_cache, runs_cache
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.problems import Problem
from jgsw_std.rules.reads import BY_AREA, must_rerun
from jgsw_std.rules.registry import CheckContext, Rule

#: The kinds whose files may change without every rule running again.
RECORD_KINDS = frozenset({"standard", "district", "expert", "material", "feedback"})
#: Past this many changed files every rule runs (comparing them costs more than it saves).
MAX_CHANGED = 64


def blobs_of(wh: Warehouse) -> dict[str, str] | None:
    """Each file's blob id by path; None when a file has none (it could not be read)."""
    out: dict[str, str] = {}
    for rel, entry in wh.files.items():
        blob = entry.source.blob
        if blob is None:
            return None
        out[rel] = blob
    return out


def _dumped(value: Any) -> bytes | None:
    """The value in marshal's version 2 form (no back-references: equal values, equal bytes)."""
    try:
        return marshal.dumps(value, 2)
    except ValueError:
        return None


def changed_fields(doc_before: dict[object, object], doc_now: dict[object, object]) -> set[str]:
    """The top-level keys whose values differ (in type, order or value) between two documents.

    A key whose value marshal cannot carry counts as changed; so does a key
    that is not a string (the caller then gives up: no rule declares it).
    """
    out: set[str] = set()
    for key in doc_before.keys() | doc_now.keys():
        if key not in doc_before or key not in doc_now:
            out.add(str(key) if isinstance(key, str) else "\0")
            continue
        was, now = _dumped(doc_before[key]), _dumped(doc_now[key])
        if was is None or now is None or was != now:
            out.add(str(key) if isinstance(key, str) else "\0")
    return out


@dataclass
class Changes:
    """What changed since the last run: fields by kind, and each changed file's old document."""

    fields: dict[str, frozenset[str]]
    before: dict[str, dict[object, object]]


def changes(wh: Warehouse, before: Mapping[str, str]) -> Changes | None:
    """The fields that changed since the run that judged ``before`` (path -> blob id), by kind.

    None when the rules must all run (see the module's docstring).
    """
    now = blobs_of(wh)
    if now is None or now.keys() != before.keys():
        return None
    changed = [rel for rel, blob in now.items() if before[rel] != blob]
    if len(changed) > MAX_CHANGED:
        return None
    for rel in changed:
        entry = wh.files[rel]
        if entry.kind not in RECORD_KINDS or not entry.valid:
            return None
    old = records_cache.fetch([(before[rel], wh.files[rel].kind) for rel in changed])
    fields: dict[str, set[str]] = {}
    docs: dict[str, dict[object, object]] = {}
    for rel in changed:
        entry = wh.files[rel]
        record = old.get((before[rel], entry.kind))
        if record is None or not record[3]:
            return None  # invalid before, or its record is gone
        doc_before, doc_now = record[0], entry.data
        if not isinstance(doc_before, dict) or not isinstance(doc_now, dict):
            return None
        found = changed_fields(doc_before, doc_now)
        if "\0" in found:
            return None
        fields.setdefault(entry.kind, set()).update(found)
        docs[rel] = doc_before
    return Changes({kind: frozenset(names) for kind, names in fields.items()}, docs)


@dataclass
class Findings:
    """Each rule's findings: kept from before, found now, or some of each."""

    kept: dict[str, list[runs_cache.Kept]] = field(default_factory=dict)
    found: dict[str, list[Problem]] = field(default_factory=dict)

    def run(self, blobs: dict[str, str]) -> runs_cache.Run:
        """What is kept for the next run (found findings put in kept form)."""
        out = dict(self.kept)
        for code, problems in self.found.items():
            out[code] = [*out.get(code, ()), *(runs_cache.keep(p.to_plain()) for p in problems)]
        return runs_cache.Run(blobs, out)


def run_reusing(
    rules: Sequence[Rule], wh: Warehouse, ctx: CheckContext, last: runs_cache.Run | None
) -> tuple[list[Problem], Findings]:
    """Every finding of ``rules``, unsettled, re-running only the rules that must.

    Also what each rule found, to be kept for the next run. The order of the
    findings may differ from a full run's only between files (a rule re-run
    on some areas): settling sorts them by file first.
    """
    changed = changes(wh, last.blobs) if last is not None else None
    out: list[Problem] = []
    findings = Findings()
    for rule_ in rules:
        code = rule_.code
        previous = last.findings.get(code) if last is not None and changed is not None else None
        if previous is None or changed is None:
            found = list(rule_(wh, ctx))
        elif not must_rerun(code, changed.fields):
            out.extend(Problem.from_plain(runs_cache.unkeep(k)) for k in previous)
            findings.kept[code] = previous
            continue
        else:
            partly = _by_area(code, wh, ctx, changed, previous)
            if partly is None:
                found = list(rule_(wh, ctx))
            else:
                kept, found = partly
                out.extend(Problem.from_plain(runs_cache.unkeep(k)) for k in kept)
                findings.kept[code] = kept
        out.extend(found)
        findings.found[code] = found
    return out, findings


def _by_area(
    code: str,
    wh: Warehouse,
    ctx: CheckContext,
    changed: Changes,
    previous: list[runs_cache.Kept],
) -> tuple[list[runs_cache.Kept], list[Problem]] | None:
    """A BY_AREA rule re-run on the areas the changed standards were and are in: the
    findings kept elsewhere, and those found there. None: run it on everything."""
    from jgsw_std.model.standard import Standard
    from jgsw_std.rules import quality

    allowed = BY_AREA.get(code)
    runner = {"Q701": quality.likely_duplicates_in}.get(code)
    if allowed is None or runner is None:
        return None
    rest = dict(changed.fields)
    rest["standard"] = rest.get("standard", frozenset()) - allowed
    if must_rerun(code, rest):
        return None
    area_of = {rec.path: rec.model.area or "" for rec in wh.standards}
    areas: set[str] = set()
    for rel, doc in changed.before.items():
        if wh.files[rel].kind != "standard":
            continue
        if rel not in area_of:
            return None
        try:
            was = Standard.model_validate(doc)
        except ValueError:
            return None
        areas.update((was.area or "", area_of[rel]))
    redone = {path for path, area in area_of.items() if area in areas}
    kept = [k for k in previous if k[0][0] not in redone]
    return kept, list(runner(wh, ctx, areas))
