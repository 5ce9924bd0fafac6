"""Standard codes: normalize, parse, classify, slug.

A code such as ``DB50/T 1056-2020`` tells the level (local), whether it is
mandatory (no ``/T`` or ``/Z``), the issuing region (50 = Chongqing), the number
and the publication year. People type codes with full-width slashes, em dashes
and stray spaces, so every comparison goes through :func:`normalize_code` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Characters people paste from Word or PDF that mean "/" or "-".
_SLASHES = str.maketrans({"／": "/", "∕": "/", "⁄": "/"})
_DASHES = str.maketrans(
    {"—": "-", "–": "-", "－": "-", "‐": "-", "‑": "-", "‒": "-", "―": "-", "−": "-"}
)
_SPACES = re.compile(r"[\s\u3000]+")

# Prefix, then number, then year. The prefix keeps its own spacing rules below.
_SPLIT = re.compile(
    r"^(?P<prefix>(?:DBJ?\s*\d{2,6}|[A-Z]+)(?:\s*/\s*[A-Z]+(?:\d+(?=\s))?)?)\s*-?\s*"
    r"(?P<number>[0-9A-Z][0-9A-Z.]*?)\s*-\s*(?P<year>\d{4}|\d{2})$",
    re.IGNORECASE,
)
_CANONICAL = re.compile(r"^[A-Z]+[0-9]*(?:/[A-Z]+)? [0-9A-Za-z][0-9A-Za-z.]*-\d{4}$")
_NATIONAL = re.compile(r"^GB(?:/(?P<kind>[TZ]))?$")
_LOCAL = re.compile(r"^DB(?P<region>\d{2}|\d{4}|\d{6})(?:/(?P<kind>[TZ]))?$")
_LOCAL_ENGINEERING = re.compile(r"^DBJ(?P<region>\d{2})(?:/(?P<kind>[TZ]))?$")
_GROUP = re.compile(r"^T/(?P<org>[A-Z][A-Z0-9]*)$")
_ENTERPRISE = re.compile(r"^Q/(?P<org>[A-Z0-9][A-Z0-9]*)$")
_INDUSTRY = re.compile(r"^(?P<org>[A-Z]{2,4})(?:/(?P<kind>[TZ]))?$")
_LONG_ORG = re.compile(r"^[A-Z]{5,}$")
_INTERNAL = re.compile(r"^(?P<org>[A-Z][A-Z0-9]*)/(?P<unit>[A-Z0-9]{2,})$")

#: Longest text read as a code (the longest real ones have about 30 characters);
#: longer text is refused before any pattern is tried on it.
MAX_CODE_CHARS = 80

#: Chongqing and Sichuan region codes; joint local standards carry numbers 1xxxx.
CHONGQING = "50"
SICHUAN = "51"
_JOINT_NUMBER = re.compile(r"^1\d{4}$")


class CodeError(ValueError):
    """The text is not a standard code we can read; says why in English and Chinese."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh


@dataclass(frozen=True, slots=True)
class ParsedCode:
    """What a standard code says about itself."""

    code: str  # canonical form, e.g. "DB50/T 1056-2020"
    prefix: str  # "DB50/T"
    number: str  # "1056"
    year: int  # 2020
    level: str  # national | industry | local | group | enterprise | internal
    mandatory: bool
    region: str | None = None  # "50" for DB50, "5101" for DB5101
    joint: bool = False  # Sichuan-Chongqing joint local standard (DB50/T 1xxxx)

    @property
    def slug(self) -> str:
        return code_slug(self.code)


def normalize_code(text: str) -> str:
    """Full-width slash and dashes to ASCII, spaces collapsed, prefix upper-cased.

    ``"DB 50／T 1056—2020"`` becomes ``"DB50/T 1056-2020"``. Text that does not
    look like a code is returned with only the character fixes applied.
    """
    if len(text) > MAX_CODE_CHARS:  # no code is this long; the split below would backtrack
        return text
    if _CANONICAL.match(text):  # the common case: already canonical
        return text
    cleaned = _SPACES.sub(" ", text.translate(_SLASHES).translate(_DASHES)).strip()
    match = _SPLIT.match(cleaned)
    if not match:
        return cleaned
    prefix = re.sub(r"\s+", "", match["prefix"]).upper()
    return f"{prefix} {match['number']}-{match['year']}"


def joint_twin(code: str) -> str | None:
    """The other province's code of a Sichuan-Chongqing joint local standard.

    DOMAIN.md: ``DB50/T 10004-2023`` (= ``DB51/T 10004-2023``): both provinces
    publish a joint standard under the same number, so either code names it.
    None for any other code.
    """
    try:
        parsed = parse_code(code)
    except CodeError:
        return None
    return joint_twin_of(parsed)


def joint_twin_of(parsed: ParsedCode) -> str | None:
    """:func:`joint_twin` of a code already parsed."""
    if not parsed.joint or parsed.region not in (CHONGQING, SICHUAN):
        return None
    other = SICHUAN if parsed.region == CHONGQING else CHONGQING
    return f"DB{other}{parsed.prefix[2 + len(parsed.region) :]} {parsed.number}-{parsed.year}"


def code_slug(code: str) -> str:
    """The file name stem of a code: ``DB50/T 1056-2020`` -> ``db50-t-1056-2020``."""
    return re.sub(r"[^a-z0-9.]+", "-", normalize_code(code).lower()).strip("-")


def slug_matches(stem: str, code: str) -> bool:
    """True if ``stem`` is the code's slug (dots in numbers may also be dashes)."""
    slug = code_slug(code)
    return stem == slug or stem == slug.replace(".", "-")


#: Levels decided before the internal prefixes are consulted (see _parse_code).
_PREFIX_BLIND = frozenset({"national", "local", "group", "enterprise"})


def parse_code(text: str, internal_prefixes: tuple[str, ...] = ()) -> ParsedCode:
    """Parse a standard code or raise :class:`CodeError` saying why.

    ``internal_prefixes`` are the organization-internal prefixes a warehouse
    declares in ``framework.yaml`` (e.g. ``JGSW``); an ``ORG/UNIT`` form whose
    second part is not T or Z is read as internal even without the declaration.
    """
    if internal_prefixes:
        # The schema parsed every code without the prefixes: reuse that answer
        # (cached) wherever the prefixes cannot change it.
        try:
            plain = _parse_code(text, ())
        except CodeError:
            plain = None
        if plain is not None and plain.level in _PREFIX_BLIND:
            return plain
    return _parse_code(text, internal_prefixes)


@lru_cache(maxsize=65536)
def _parse_code(text: str, internal_prefixes: tuple[str, ...]) -> ParsedCode:
    if len(text) > MAX_CODE_CHARS:
        raise CodeError(
            f"longer than {MAX_CODE_CHARS} characters; no standard code is",
            f"超过 {MAX_CODE_CHARS} 个字符，不可能是标准编号",
        )
    code = normalize_code(text)
    match = _SPLIT.match(code)
    if not match:
        raise CodeError(
            "not of the form PREFIX NUMBER-YEAR (e.g. DB50/T 1056-2020)",
            "不是“前缀 编号-年份”的形式（如 DB50/T 1056-2020）",
        )
    prefix, number, year_text = match["prefix"], match["number"], match["year"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year >= 50 else 2000
    if not 1950 <= year <= 2100:
        raise CodeError(
            f"year {year_text} is not plausible; write PREFIX NUMBER-YEAR (e.g. DB50/T 1056-2020)",
            f"年份 {year_text} 不合理；应写成“前缀 编号-年份”（如 DB50/T 1056-2020）",
        )

    if m := _NATIONAL.match(prefix):
        return ParsedCode(code, prefix, number, year, "national", m["kind"] is None)
    if m := _LOCAL.match(prefix):
        region = m["region"]
        joint = region in (CHONGQING, SICHUAN) and bool(_JOINT_NUMBER.match(number))
        return ParsedCode(code, prefix, number, year, "local", m["kind"] is None, region, joint)
    if m := _LOCAL_ENGINEERING.match(prefix):
        return ParsedCode(code, prefix, number, year, "local", m["kind"] is None, m["region"])
    if _GROUP.match(prefix):
        return ParsedCode(code, prefix, number, year, "group", False)
    if _ENTERPRISE.match(prefix):
        return ParsedCode(code, prefix, number, year, "enterprise", False)
    head = prefix.split("/", 1)[0]
    if head in internal_prefixes:
        return ParsedCode(code, prefix, number, year, "internal", False)
    if m := _INDUSTRY.match(prefix):
        if m["org"] in ("GB", "DB", "T", "Q"):
            raise CodeError(f"prefix {prefix} is incomplete", f"前缀 {prefix} 不完整")
        return ParsedCode(code, prefix, number, year, "industry", m["kind"] is None)
    if _INTERNAL.match(prefix) or _LONG_ORG.match(prefix):
        # ORG/UNIT, or an organization prefix longer than any sector code: an
        # internal standard even where framework.yaml does not declare the prefix.
        return ParsedCode(code, prefix, number, year, "internal", False)
    raise CodeError(f"unknown prefix {prefix}", f"不认识的前缀 {prefix}")
