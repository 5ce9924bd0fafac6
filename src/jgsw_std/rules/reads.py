"""What each rule reads of the records: the fields, by kind, its findings depend on.

A check in which a few files changed finds again only what may have changed
(rules/reuse.py): a rule re-runs when a changed file of a kind it reads
changed a field it reads; otherwise its findings are the last run's. So a
declaration here must name every top-level field (as written in the files)
whose value can change the rule's findings, read directly or through what it
asks (``ctx.at``'s states and duties, ``wh.by_code``, a record's ``items``...).
A kind left out is one the rule does not read at all; ``ALL`` stands for
every field of a kind. A rule not declared here always re-runs: the safe
default, kept by the rules that read more than the records (M901-M903 read
the documents' files outside data/, which may change while data/ does not).

Whatever else a rule reads is the same whenever this is asked: which files
exist and which of them are valid (a changed file must be valid before and
after), framework.yaml and indicators.yaml (a change to either re-runs every
rule), the date and the settings (part of the key of what is kept).

tests/rules/test_reads.py holds each declaration to account: changing every
field a rule does not declare, in every record of a demo warehouse, must
leave its findings as they were.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Every field of a kind.
ALL: frozenset[str] | None = None

Reads = Mapping[str, frozenset[str] | None]

#: The links between standards: ``wh.by_code``, ``wh.standard()``, ``wh.replaced_by``.
LINKS = frozenset({"code", "supersedes", "superseded_by"})
#: A standard's state on a date (lifecycle/state.py: its dates, its status, its
#: code's year and level, and its successors' dates and status).
STATE = LINKS | {"status", "published", "effective", "repealed"}
#: The duty scan (lifecycle/duties.py) and the AsOf questions the L rules ask.
DUTIES = STATE | {"reviews", "evaluations", "plan", "usage"}


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


READS: dict[str, Reads] = {
    # dates
    "D401": {"standard": _f("published", "effective")},
    "D402": {"standard": _f("effective", "reviews")},
    "D403": {"standard": _f("effective", "evaluations")},
    "D404": {"standard": _f("repealed", "published")},
    "D405": {"standard": _f("status", "published", "effective")},
    "D406": {"standard": _f("status", "repealed")},
    "D407": {"standard": _f("status", "published", "effective", "repealed")},
    "D408": {"standard": _f("status", "repealed")},
    "D409": {"district": _f("pilots", "summaries")},
    "D410": {"standard": _f("usage")},
    # names and places
    "N201": {
        "standard": _f("code"),
        "district": _f("slug"),
        "expert": _f("slug"),
        "material": _f("slug"),
        "feedback": _f("id"),
    },
    "N202": {"standard": _f("area")},
    "N203": {"standard": _f("code")},
    "N204": {"district": _f("slug")},
    "N205": {"standard": _f("code", "level")},
    "N206": {"feedback": _f("id")},
    # references
    "R301": {"standard": _f("owner"), "district": _f("slug")},
    "R302": {"standard": _f("area")},
    "R303": {"standard": _f("area", "items")},
    "R304": {"standard": _f("collab_group")},
    "R305": {"standard": LINKS},
    "R306": {"standard": LINKS},
    "R307": {"standard": LINKS},
    "R311": {"standard": LINKS},
    "R308": {"standard": LINKS},
    "R309": {"district": _f("subregion", "region")},
    "R310": {"district": _f("region", "kind", "name")},
    # framework gaps
    "G501": {"standard": STATE | {"area", "items"}},
    "G502": {"standard": STATE | {"area"}},
    "G503": {"standard": STATE | {"area", "category"}},
    "G504": {"standard": STATE | {"collab_group"}},
    "G505": {"standard": STATE | {"area", "items"}},
    # lifecycle duties
    "L601": {"standard": DUTIES},
    "L602": {"standard": DUTIES},
    "L603": {"standard": DUTIES},
    "L604": {"standard": DUTIES},
    "L605": {"standard": DUTIES},
    "L606": {"standard": DUTIES},
    "L607": {"standard": DUTIES},
    "L608": {"standard": DUTIES},
    "L609": {"standard": DUTIES},
    # quality
    "Q701": {"standard": STATE | {"area", "title", "title_en"}},
    "Q702": {"standard": STATE | {"references"}},
    "Q703": {"standard": STATE | {"evaluations"}},
    # documents (M901-M903 also read the files on disk: not declared, always re-run)
    "M904": {"standard": _f("code", "documents"), "material": ALL},
    "M905": {"standard": STATE | {"documents"}, "material": ALL},
    "M906": {"standard": _f("code", "documents"), "material": ALL},
    "M907": {"material": _f("areas")},
    # districts
    "U801": {"district": ALL},
    "U802": {"district": ALL},
    "U803": {"district": ALL},
    "U804": {"district": ALL},
    "U805": {"district": ALL},
    # experts
    "E901": {"standard": _f("reviews", "evaluations"), "expert": ALL},
    "E902": {"standard": _f("reviews", "evaluations"), "expert": ALL},
    "E903": {"standard": _f("reviews", "evaluations", "drafters"), "expert": ALL},
    "E904": {"expert": ALL},
    "E905": {"expert": ALL},
    "E906": {"expert": ALL},
    # feedback
    "F901": {"standard": _f("code"), "feedback": ALL},
    "F902": {"district": _f("slug"), "feedback": ALL},
    "F903": {"feedback": ALL},
    "F904": {"feedback": ALL},
    "F905": {"standard": _f("code", "owner"), "feedback": ALL},
    "F906": {"standard": LINKS | {"owner"}, "feedback": ALL},
    "F907": {"standard": DUTIES, "feedback": ALL},
}


#: Rules whose findings about a standard depend only on the standards of its area,
#: as long as no field but these changed: then they run again on the areas the
#: changed standards were and are in, and keep their findings elsewhere (Q701:
#: the states and supersession links it also reads are the same as before).
BY_AREA: dict[str, frozenset[str]] = {"Q701": frozenset({"title", "title_en", "area"})}


def must_rerun(code: str, changed: Mapping[str, frozenset[str]]) -> bool:
    """Whether rule ``code`` may find otherwise now that ``changed`` (kind -> fields) changed."""
    reads = READS.get(code)
    if reads is None:
        return True  # it may read what no record holds (the documents' files)
    for kind, fields in changed.items():
        if not fields or kind not in reads:
            continue
        declared = reads[kind]
        if declared is None or not declared.isdisjoint(fields):
            return True
    return False
