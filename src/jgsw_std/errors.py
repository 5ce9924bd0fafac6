"""Exceptions that stop a run. Problems in the data are values, never these."""

from __future__ import annotations


class JgswError(Exception):
    """Base of errors shown to the user as one clear message (no traceback)."""

    exit_code = 1

    def __init__(self, key: str, *, zh: str, en: str, hint_zh: str = "", hint_en: str = "") -> None:
        super().__init__(en)
        self.key = key
        self.zh = zh
        self.en = en
        self.hint_zh = hint_zh
        self.hint_en = hint_en

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def hint(self, lang: str) -> str:
        return self.hint_en if lang == "en" else self.hint_zh


class UsageError(JgswError):
    """A bad option or a missing warehouse."""


class DataError(JgswError):
    """A file the command needs cannot be read at all."""
