"""Compact code forms: what a typed code is compared with."""

from __future__ import annotations

import pytest

from jgsw_std.model.code_match import code_forms, compact, looks_like_code
from jgsw_std.model.codes import parse_code


@pytest.mark.parametrize(
    ("code", "tokens"),
    [
        ("DB50/T 1056-2020", "db50t1056 db50t10562020 t1056"),
        ("GB/T 41568-2022", "gbt41568 gbt415682022 t41568"),
        ("GB 2762-2022", "gb2762 gb27622022"),
        ("T/CSUS 15-2021", "tcsus15 tcsus152021 csus15"),
        ("DB50/T 10004-2023", "db50t10004 db50t100042023 t10004"),
    ],
)
def test_page_tokens(code: str, tokens: str) -> None:
    forms = code_forms(parse_code(code))
    assert forms.page_tokens() == tokens
    assert "-" not in forms.page_tokens()  # Pagefind would split a hyphenated token


@pytest.mark.parametrize(
    "typed",
    [
        "DB50/T 1056-2020",
        "db50t1056-2020",
        "ＤＢ５０／Ｔ　１０５６－２０２０",
        "DB50/T1056—2020",
        "db50 t 1056 2020",
    ],
)
def test_spellings_compact_to_the_full_form(typed: str) -> None:
    assert looks_like_code(typed)
    assert compact(typed) == code_forms(parse_code("DB50/T 1056-2020")).full


@pytest.mark.parametrize("words", ["物业", "公务用车 管理", "property management", ""])
def test_words_are_not_codes(words: str) -> None:
    assert not looks_like_code(words)


def test_numbers_alone_are_code_shaped() -> None:
    assert looks_like_code("1056") and looks_like_code("1056-2020")
    forms = code_forms(parse_code("DB50/T 1056-2020"))
    assert (forms.number, forms.number_year, forms.bare) == ("1056", "10562020", "db50t1056")
