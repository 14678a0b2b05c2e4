"""Shared base of the keyword components: library state access, logging and HTML tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from robot.api import logger

from .core.html import html_table, key_value_table

if TYPE_CHECKING:
    from . import ScoringLibrary


class LibraryComponent:
    """A group of keywords of one area; state lives on the library instance (``self.library``)."""

    def __init__(self, library: ScoringLibrary) -> None:
        self.library = library

    @staticmethod
    def info(message: str) -> None:
        logger.info(message)

    @staticmethod
    def debug(message: str) -> None:
        logger.debug(message)

    @staticmethod
    def warn(message: str) -> None:
        logger.warn(message)

    @staticmethod
    def log_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: str | None = None) -> None:
        logger.info(html_table(headers, rows, caption), html=True)

    @staticmethod
    def log_summary(items: Iterable[tuple[str, Any]], caption: str | None = None) -> None:
        logger.info(key_value_table(items, caption), html=True)

    @staticmethod
    def log_html(html: str) -> None:
        logger.info(html, html=True)

    @staticmethod
    def fail(message: str) -> None:
        raise AssertionError(message)

    @staticmethod
    def split_list(value: str | Sequence[str] | None) -> list[str]:
        """``"a,b,c"`` or a list -> ``["a", "b", "c"]`` (empty items dropped)."""
        if value is None:
            return []
        items = value.split(",") if isinstance(value, str) else list(value)
        return [str(item).strip() for item in items if str(item).strip()]
