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
from jgsw_std.rules.reads import must_rerun
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


def changes(wh: Warehouse, before: Mapping[str, str]) -> dict[str, frozenset[str]] | None:
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
    return {kind: frozenset(names) for kind, names in fields.items()}


@dataclass
class Findings:
    """Each rule's findings in the order the rules ran: kept from before, or found now."""

    kept: dict[str, list[runs_cache.Kept]] = field(default_factory=dict)
    found: dict[str, list[Problem]] = field(default_factory=dict)

    def run(self, blobs: dict[str, str]) -> runs_cache.Run:
        """What is kept for the next run (found findings put in kept form)."""
        out = dict(self.kept)
        for code, problems in self.found.items():
            out[code] = [runs_cache.keep(p.to_plain()) for p in problems]
        return runs_cache.Run(blobs, out)


def run_reusing(
    rules: Sequence[Rule], wh: Warehouse, ctx: CheckContext, last: runs_cache.Run | None
) -> tuple[list[Problem], Findings]:
    """Every finding of ``rules``, unsettled, re-running only the rules that must.

    Also what each rule found, to be kept for the next run.
    """
    changed = changes(wh, last.blobs) if last is not None else None
    out: list[Problem] = []
    findings = Findings()
    for rule_ in rules:
        code = rule_.code
        previous = last.findings.get(code) if last is not None and changed is not None else None
        if previous is not None and changed is not None and not must_rerun(code, changed):
            out.extend(Problem.from_plain(runs_cache.unkeep(k)) for k in previous)
            findings.kept[code] = previous
            continue
        found = list(rule_(wh, ctx))
        out.extend(found)
        findings.found[code] = found
    return out, findings
