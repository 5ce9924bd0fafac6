"""Standard codes as people type them into a search box, and the forms a search matches.

People write ``DB50/T 1056-2020`` as ``DB50T1056``, ``db50/t1056``,
``1056-2020`` or in full-width characters pasted from a PDF. A search
compares *compact* forms: NFKC (full-width to half-width), lower case, every
separator dropped. ``jgsw find`` matches on them, and the site writes the same
forms into each standard's page (hidden) for Pagefind, whose query normaliser
(templates/site/assets/search.js) computes the same compact form in the
browser; tests/model/test_code_match.py keeps the two in step.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jgsw_std.model.codes import ParsedCode

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
#: A query shaped like a code: letters (a prefix), digits, slashes, dashes,
#: dots and spaces only, with at least one digit. ``1056-2020`` and ``1056``
#: qualify too (a number with or without its year).
_CODE_SHAPED = re.compile(r"^[a-z]{0,8}[0-9a-z\s/\-_.]*[0-9][0-9a-z\s/\-_.]*$")


def fold(text: str) -> str:
    """NFKC and lower case: ``ＤＢ５０／Ｔ`` -> ``db50/t``; dashes of every width become ``-``."""
    text = unicodedata.normalize("NFKC", text).lower()
    return text.translate(_DASHES)


_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})


def compact(text: str) -> str:
    """The folded text with every character but ASCII letters and digits dropped."""
    return _NOT_ALNUM.sub("", fold(text))


def looks_like_code(query: str) -> bool:
    """Whether a query is a code (or a code's number) rather than words."""
    folded = fold(query).strip()
    return bool(folded) and bool(_CODE_SHAPED.match(folded))


@dataclass(frozen=True, slots=True)
class CodeForms:
    """The compact forms of one code a search compares with.

    For ``DB50/T 1056-2020``: full ``db50t10562020``, bare ``db50t1056`` (no
    year), number ``1056``, number and year ``10562020``, and the kind with the
    number, ``t1056`` (a browser splits ``db50/t1056`` into ``db50`` and
    ``t1056``).
    """

    full: str
    bare: str
    number: str
    number_year: str
    kind_number: str

    def page_tokens(self) -> str:
        """The hidden words a site page carries for Pagefind, lower case, no hyphens.

        Pagefind indexes ``DB50/T 1056-2020`` as db50, t, db50t, 1056, 2020 and
        10562020 but never the compact code; a hyphenated token would index
        ``db50t1056`` and ``2020`` apart and then match the wrong standard.
        """
        words = [self.bare, self.full]
        if self.kind_number and self.kind_number not in words:
            words.append(self.kind_number)
        return " ".join(dict.fromkeys(w for w in words if w))


def code_forms(parsed: ParsedCode) -> CodeForms:
    prefix = compact(parsed.prefix)
    number = compact(parsed.number)
    year = parsed.code.rsplit("-", 1)[-1]  # as written: a two-digit year stays two digits
    tail = parsed.prefix.rsplit("/", 1)[-1] if "/" in parsed.prefix else ""
    return CodeForms(
        full=prefix + number + year,
        bare=prefix + number,
        number=number,
        number_year=number + year,
        kind_number=compact(tail) + number if tail else "",
    )
