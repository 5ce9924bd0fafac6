"""Nested fields the contract shows but does not mark required, as the checks see them
(DOMAIN.md: "Every field not marked required may be absent"). A record omitting one
used to be an S101 that dropped the whole file; it is now kept, and a check that
reads the field reports only what the record shows, naming the field to add.
"""

from __future__ import annotations

import datetime as dt

from jgsw_std.problems import Severity
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks
from tests.conftest import MiniFactory
from tests.reports.conftest import context_of
from tests.rules.helpers import END, messages
from tests.rules.test_documents import docs, standard

# -- Document.kind ---------------------------------------------------------------------


def test_document_without_kind_may_be_the_text(mini: MiniFactory) -> None:
    wh = mini(standard(docs("title: 标准全文, url: https://example.org/a.pdf"))).load()
    assert wh.problems == []  # no S101: the standard is kept
    found = run_checks(wh, CheckContext.on(wh, END), CheckOptions(select=["M905"])).problems
    assert [(p.severity, p.line) for p in found] == [(Severity.INFO, 10)]  # the document itself
    (zh,) = messages(wh, "M905")
    assert zh == "现行地方标准可能没有标准文本：取决于 DB50/T 7-2020「标准全文」的资料类型（kind）"
    (en,) = messages(wh, "M905", lang="en")
    assert en == (
        "a current local standard may lack its text: it depends on "
        "the document kind of DB50/T 7-2020「标准全文」"
    )
    # published 2020-01-01: the day before it is not a current standard at all
    assert messages(wh, "M905", as_of=dt.date(2019, 12, 31)) == []
    assert len(messages(wh, "M905", as_of=dt.date(2020, 1, 1))) == 1


def test_a_recorded_text_settles_it_whatever_the_unknown_kind(mini: MiniFactory) -> None:
    both = docs("title: 附件, url: https://example.org/b.pdf", "kind: text, url: https://e.org")
    assert messages(mini(standard(both)).load(), "M905") == []
    # an announcement only, and no document of unknown kind: certainly no text
    (certain,) = messages(
        mini(standard(docs("kind: announcement, url: https://e.org"))).load(), "M905"
    )
    assert certain.startswith("现行地方标准没有标准文本")


def test_catalogue_and_site_show_a_document_without_kind(mini: MiniFactory) -> None:
    wh = mini(standard(docs("url: https://example.org/c.pdf"))).load()
    ctx = context_of(wh)
    rows = [r for a in ctx["catalogue"]["areas"] for b in a["levels"] for r in b["rows"]]
    (doc,) = [d for r in rows for d in r["documents"]]
    assert (doc["kind"], doc["title"]) == (None, "资料（未记类型）")
