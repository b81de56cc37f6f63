"""The header's "where am I" text: article n/N, scroll %, passage n/N and its links; then the
search hit, a guessed encoding and the count of skipped files."""

from __future__ import annotations

from tui.corpus.model import Article
from tui.reader.navigation import PassageStatus

# A link's strength as a glyph and a word, wherever it is shown: the glyph for the eye (gutter,
# panel column), the word so it reads without colour and without knowing the glyphs.
MARKS = {"strong": "◆", "related": "◇"}
STRONG_ONLY = "] strong only"  # the status line while ] and [ skip topic links


def strength_label(strength: str) -> str:
    return f"{MARKS.get(strength, MARKS['related'])} {strength}"


def status_text(index: int, total: int, percent: int, passage: PassageStatus | None, strong_only: bool = False) -> str:
    text = f"{index + 1}/{total} {percent}%"
    if passage is not None and passage.total:
        links = {0: "no links", 1: "1 link"}.get(passage.links, f"{passage.links} links")
        if passage.strong:
            links += f" ({passage.strong} strong)"
        text += f" · ¶{passage.index}/{passage.total} · {links}"
    if strong_only:
        text += f" · {STRONG_ONLY}"
    return text


# Python's codec names, as people and the README name them.
ENCODING_NAMES = {
    "cp1256": "windows-1256", "iso8859_6": "ISO-8859-6", "cp720": "DOS-720", "cp864": "IBM864",
    "mac_arabic": "MacArabic", "cp1252": "windows-1252", "latin_1": "ISO-8859-1", "iso8859_15": "ISO-8859-15",
    "utf_16": "UTF-16", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE", "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE", "ascii": "ASCII",
}


def encoding_name(codec: str) -> str:
    return ENCODING_NAMES.get(codec.lower(), codec)


def status_extras(article: Article | None, hit: str | None, skipped: int) -> list[str]:
    """What follows the position in the status line: the search hit the reader is at, a guessed
    encoding (the README's promise: "a guessed encoding is shown as such"), and how many files
    were skipped (``s`` lists them)."""
    out = [hit] if hit else []
    if article is not None and article.encoding_guessed:
        out.append(f"{encoding_name(article.encoding)} (guessed)")
    if skipped:
        out.append(f"{skipped:,} skipped")
    return out
