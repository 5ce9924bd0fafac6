"""How `jgsw find` decides that a standard matches a query, and how well.

A query that looks like a code (``DB50T1056``, ``db50/t1056``, ``1056-2020``,
full-width or with an em dash) is compared in compact form with the code's
forms (model/code_match.py): the whole code first, then the code without its
year, the number with its year, the number, a prefix, a substring. Any other
query is split at spaces into terms; every term must be found in one of the
fields searched (code, titles, business items, lead unit, document titles),
and a term counts for the best field it is found in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from jgsw_std.model.code_match import CodeForms, compact, fold, looks_like_code
from jgsw_std.reports.searchable import SearchDoc

#: Points for each way a code-shaped query can match a code.
CODE_SCORES = {"full": 100, "bare": 95, "number_year": 90, "kind_number": 88, "number": 85}
CODE_PREFIX, CODE_PART = 70, 50
#: Points for a term found in each field; a title that starts with the term gets more.
FIELD_SCORES = {"code": 50, "title": 40, "title_en": 30, "items": 20, "owner": 15, "documents": 15}
TITLE_START_BONUS = 5


@dataclass(frozen=True)
class Query:
    text: str

    @cached_property
    def code(self) -> str:
        """The compact code form when the whole query looks like a code, else ""."""
        return compact(self.text) if looks_like_code(self.text) else ""

    @cached_property
    def terms(self) -> list[str]:
        return [fold(t) for t in fold(self.text).split() if t]


class Fields:
    """A record's searched fields, folded once."""

    def __init__(self, doc: SearchDoc) -> None:
        self.doc = doc
        f = doc.forms
        self.forms = {
            "full": f.full,
            "bare": f.bare,
            "number_year": f.number_year,
            "kind_number": f.kind_number,
            "number": f.number,
        }
        self.texts = {
            "code": " ".join(v for v in self.forms.values() if v) + " " + fold(doc.code),
            "title": fold(doc.title),
            "title_en": fold(doc.title_en),
            "items": "\n".join(fold(p.zh) + "\n" + fold(p.en) for p in doc.items),
            "owner": "\n".join((doc.owner, fold(doc.owner_name.zh), fold(doc.owner_name.en))),
            "documents": "\n".join(fold(t) for t in doc.documents),
        }


def folded_text(doc: SearchDoc) -> str:
    """Every searched field in one folded text (what the index's FTS table holds)."""
    return "\n".join(Fields(doc).texts.values())


def code_text(doc: SearchDoc) -> str:
    """The record's compact code forms, space-separated (the index's code column)."""
    return " ".join(v for v in Fields(doc).forms.values() if v)


def code_score(code: str, fields: Fields) -> int:
    for name, points in CODE_SCORES.items():
        if fields.forms[name] and fields.forms[name] == code:
            return points
    if fields.forms["full"].startswith(code):
        return CODE_PREFIX
    if code in fields.forms["full"]:
        return CODE_PART
    return 0


def term_score(term: str, fields: Fields) -> tuple[int, str]:
    """The best field a term is found in, and its points; (0, "") when it is nowhere."""
    best, where = 0, ""
    term_code = compact(term)
    for name, text in fields.texts.items():
        probe = term_code if name == "code" else term
        if not probe or probe not in text:
            continue
        points = FIELD_SCORES[name]
        if name == "title" and text.startswith(term):
            points += TITLE_START_BONUS
        if points > best:
            best, where = points, name
    return best, where


def score(query: Query, fields: Fields) -> tuple[int, str]:
    """How well a record matches (0: not at all) and the field that matched best."""
    if query.code:
        points = code_score(query.code, fields)
        if points:
            return points, "code"
    total, first = 0, ""
    for term in query.terms:
        points, where = term_score(term, fields)
        if not points:
            return 0, ""
        total += points
        first = first or where
    return total, first


@dataclass(frozen=True)
class Near:
    """What "nearest" needs of a record: its code's forms and its titles."""

    code: str
    title: str
    title_en: str
    path: str
    forms: CodeForms

    @classmethod
    def of(cls, doc: SearchDoc) -> Near:
        return cls(doc.code, doc.title, doc.title_en, doc.path, doc.forms)


_DIGITS = re.compile(r"\d+")
#: The letters (and a region number followed by letters) before a code's number:
#: db50t in db50t1057, gbt in gbt41568, tcsus in tcsus15.
_HEAD = re.compile(r"^[a-z]+(?:\d+[a-z]+)?")


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _typed_number(query: Query, head: str) -> int | None:
    """The number typed after the code's head: 1057 in DB50/T 1057-2020, 1056 in 1056-2020."""
    runs = _DIGITS.findall(fold(query.text))
    skip = len(_DIGITS.findall(head))
    rest = runs[skip:]
    return int(rest[0][:12]) if rest else None


def _pairs(text: str) -> set[str]:
    """Two-character pieces of a folded text (one-character ones for a single character)."""
    words = fold(text).split()
    pieces = {w[i : i + 2] for w in words for i in range(len(w) - 1)}
    return pieces or set("".join(words))


def nearest(query: Query, records: list[Near], count: int = 5) -> list[Near]:
    """The records closest to a query that matched nothing.

    A code: those with the same head (db50t) and the number nearest the one
    typed (DB50T1057 is next to DB50/T 1056 and DB50/T 1058), then the longest
    part typed right. Words: the titles sharing the most two-character pieces
    with the query. One pass over the records, no pairwise comparison.
    """
    if query.code:
        typed = query.code
        found = _HEAD.match(typed)
        head = found.group(0) if found else ""
        wanted = _typed_number(query, head)

        def code_key(r: Near) -> tuple[bool, int, int, str]:
            number = int(r.forms.number[:12]) if r.forms.number.isdigit() else None
            gap = abs(number - wanted) if number is not None and wanted is not None else 10**12
            other_head = bool(head) and not r.forms.bare.startswith(head)
            return (other_head, gap, -_common_prefix(typed, r.forms.full), r.code)

        return sorted(records, key=code_key)[:count]
    pieces = _pairs(query.text)

    def shared(r: Near) -> int:
        return len(pieces & _pairs(r.title)) + len(pieces & _pairs(r.title_en))

    ranked = sorted(((shared(r), r) for r in records), key=lambda x: (-x[0], x[1].code))
    return [r for n, r in ranked[:count] if n]
