"""Standard codes: normalization, classification, slugs."""

from __future__ import annotations

import pytest

from jgsw_std.model.codes import CodeError, code_slug, normalize_code, parse_code, slug_matches


@pytest.mark.parametrize(
    ("text", "canonical", "level", "mandatory"),
    [
        ("GB/T 41568-2022", "GB/T 41568-2022", "national", False),
        ("GB 2762-2022", "GB 2762-2022", "national", True),
        ("GB/Z 1.2-2020", "GB/Z 1.2-2020", "national", False),
        ("JGJ/T 229-2010", "JGJ/T 229-2010", "industry", False),
        ("DA/T 28-2018", "DA/T 28-2018", "industry", False),
        ("DB50/T 1056-2020", "DB50/T 1056-2020", "local", False),
        ("DB5101/T 21-2020", "DB5101/T 21-2020", "local", False),
        ("DB500101/T 3-2021", "DB500101/T 3-2021", "local", False),
        ("DB50 123-2019", "DB50 123-2019", "local", True),
        ("T/CSUS 15-2021", "T/CSUS 15-2021", "group", False),
        ("Q/ABC 0001S-2020", "Q/ABC 0001S-2020", "enterprise", False),
        ("JGSW/SPB 001-2022", "JGSW/SPB 001-2022", "internal", False),
        # what people paste from Word and PDF
        ("DB 50／T 1054—2020", "DB50/T 1054-2020", "local", False),
        ("DB50/T 1056–2020", "DB50/T 1056-2020", "local", False),
        ("gb/t41568-2022", "GB/T 41568-2022", "national", False),
        ("  GB/T   41568 - 2022 ", "GB/T 41568-2022", "national", False),
    ],
)
def test_parse_and_classify(text: str, canonical: str, level: str, mandatory: bool) -> None:
    parsed = parse_code(text)
    assert parsed.code == canonical
    assert parsed.level == level
    assert parsed.mandatory is mandatory


def test_number_and_year() -> None:
    parsed = parse_code("DB50/T 1056-2020")
    assert (parsed.prefix, parsed.number, parsed.year, parsed.region) == (
        "DB50/T",
        "1056",
        2020,
        "50",
    )


def test_joint_sichuan_chongqing_codes() -> None:
    assert parse_code("DB50/T 10004-2023").joint
    assert parse_code("DB51/T 10004-2023").joint
    assert not parse_code("DB50/T 1004-2023").joint
    assert not parse_code("DB52/T 10004-2023").joint  # only Chongqing and Sichuan


def test_configured_internal_prefix() -> None:
    # Without configuration an ORG/UNIT form is read as internal; a bare org is industry.
    assert parse_code("JGSW 12-2023").level == "industry"
    assert parse_code("JGSW 12-2023", ("JGSW",)).level == "internal"


@pytest.mark.parametrize("text", ["DB50/T", "XX 1", "T/ 1-2020", "DB50-T-9015", "物业管理条例", ""])
def test_malformed_codes_raise_with_a_reason(text: str) -> None:
    with pytest.raises(CodeError) as info:
        parse_code(text)
    assert info.value.zh  # a Chinese reason for the user


def test_slugs() -> None:
    assert code_slug("DB50/T 1056-2020") == "db50-t-1056-2020"
    assert code_slug("DB 50／T 1056—2020") == "db50-t-1056-2020"
    assert code_slug("GB/Z 1.2-2020") == "gb-z-1.2-2020"
    assert code_slug("T/CSUS 15-2021") == "t-csus-15-2021"
    assert code_slug("Q/ABC 0001S-2020") == "q-abc-0001s-2020"
    assert slug_matches("gb-z-1-2-2020", "GB/Z 1.2-2020")  # dots may be written as dashes
    assert not slug_matches("db50-t-1056-2021", "DB50/T 1056-2020")


def test_normalize_leaves_non_codes_readable() -> None:
    assert normalize_code("物业管理条例") == "物业管理条例"
