"""Bytes → text: BOMs, strict UTF-8 first, detection only when that fails, binary refusal.

The result is always a ``str`` with "\\n" line ends, or a one-line reason why the bytes are not text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

# Magic numbers of formats people drop into article folders by mistake; naming the format makes
# the refusal reason useful ("binary file (PDF)" rather than "binary file").
_MAGIC = [
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "old office document"),
    (b"SQLite format 3\x00", "SQLite database"),
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

# Encodings a guess may land on for Arabic news; anything else from the detector (cp1252, cp949, …)
# on bytes that are not UTF-8 is far more often mojibake than truth, so it is reported as such.
_PLAUSIBLE = {
    "utf_8", "cp1256", "iso8859_6", "utf_16", "utf_16_le", "utf_16_be", "ascii",
    "cp720", "cp864", "mac_arabic", "latin_1", "cp1252", "iso8859_15",
}

_CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
_SAMPLE = 64 * 1024


class NotText(Exception):
    """The bytes are not a text document; ``str(exc)`` is the one-line reason."""


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool = False
    problems: list[str] = field(default_factory=list)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary_reason(data: bytes) -> str | None:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({name}), not text"
    sample = data[:_SAMPLE]
    nuls = sample.count(0)
    # A text file may carry a stray NUL or two (bad exports); a binary one has them everywhere.
    if nuls > 16 and nuls > len(sample) // 100:
        return f"binary file ({nuls} NUL bytes in the first {len(sample):,} bytes), not text"
    controls = len(_CONTROL.findall(sample)) if _CONTROL.search(sample) else 0
    if sample and controls > 32 and controls > len(sample) // 20:
        return "binary file (many control bytes), not text"
    return None


def decode(data: bytes) -> Decoded:
    """Decode file bytes to text with "\\n" line ends; raise :class:`NotText` for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(name)
            except UnicodeDecodeError:
                text = data[len(bom):].decode(name, errors="replace")
                return _finish(Decoded(text, name, problems=[f"invalid {name} bytes replaced with \ufffd"]))
            return _finish(Decoded(text, name))
    reason = _binary_reason(data)
    if reason:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise NotText(reason)
        return _finish(utf16)
    try:
        return _finish(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    return _finish(_detect(data))


def _bomless_utf16(data: bytes) -> Decoded | None:
    # UTF-16 saved without a BOM looks NUL-heavy, but its NULs all fall on one byte parity (the high
    # byte of ASCII spaces and digits) and the whole decodes to letters, not control soup.
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even and odd:
        return None
    name = "utf-16-le" if odd else "utf-16-be"
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    head = text[:4000]
    letters = sum(ch.isalpha() or ch.isspace() for ch in head)
    if letters < len(head) * 0.7:
        return None
    return Decoded(text, name, guessed=True, problems=[f"no byte-order mark; encoding guessed as {name}"])


def _detect(data: bytes) -> Decoded:
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for b in data[:_SAMPLE] if b >= 0xC2 and b <= 0xF4)
    # Mostly-valid UTF-8 with a few broken sequences (a truncated copy, one bad byte) is UTF-8:
    # a detector would happily call it cp1252 and garble every Arabic letter.
    if multibyte and bad * 50 <= multibyte:
        return Decoded(lenient, "utf-8", problems=[f"invalid UTF-8: {bad} broken byte sequence(s) replaced with \ufffd"])
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        best = None
    else:
        best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is not None and best.encoding in _PLAUSIBLE:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = data.decode(best.encoding, errors="replace")
        label = codecs.lookup(best.encoding).name
        return Decoded(text, label, guessed=True, problems=[f"not UTF-8; encoding guessed as {label}"])
    return Decoded(lenient, "utf-8", problems=[f"encoding unknown: decoded as UTF-8 with {bad} invalid sequence(s) replaced"])


def _finish(dec: Decoded) -> Decoded:
    text = dec.text
    if "\x00" in text:
        n = text.count("\x00")
        text = text.replace("\x00", "")
        dec.problems.append(f"{n} NUL character(s) removed from the view")
    dec.text = normalise_newlines(text)
    return dec
