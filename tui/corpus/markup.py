"""Markdown and HTML articles → the plain text the reader shows, one paragraph per block.

The reader's text is logical text with ``\\n`` between paragraphs, and every offset (highlights,
search, links, reading positions) indexes it. For a Markdown or HTML file that text is the
*rendered* text: headings, paragraphs, list items and quotes each become a paragraph; markup
(``#``, ``**``, ``[text](url)``, tags) is dropped, never shown literally; link text stays, the
address goes. The file as it is stays available (``Article.raw``, the reader's ``R``).

Markdown is parsed with markdown-it-py (CommonMark, plus tables and strikethrough); HTML with
trafilatura, whose XML keeps the page's structure (``head``, ``p``, ``list``/``item``, ``quote``,
``table``, ``lb``) where its plain-text output runs a paragraph's ``<br>`` lines together and drops the
byline (it becomes metadata). The byline is put back as the page wrote it, under the headline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SPACES = re.compile(r"[ \t\r\f\v]+")
# "بقلم:", "كتب -", "كتبت" before a name in a byline (trafilatura keeps them in ``author``).
BYLINE_CUE = re.compile(r"^\s*(?:بقلم|كتبت?|إعداد|اعداد|تقرير|by)\s*[:：\-–—]?\s*", re.I)
BYLINE_SLACK = 30  # characters a byline may hold beyond the author's name (a cue word, a role)


def _flat(text: str) -> str:
    """One paragraph's text: runs of blanks as one space, lines trimmed, no blank lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# -- Markdown ----------------------------------------------------------------------------------


@functools.cache
def _markdown_parser() -> MarkdownIt:
    # Building the parser (rule chains, compiled patterns) cost about 40 % of a short article's
    # rendering when it was made per call; parse() keeps no state between documents.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def render_markdown(source: str, headings: list[str] | None = None) -> str:
    """The text of a Markdown document: a paragraph per block, markup gone. The text of each
    heading (``#``, setext) is appended to ``headings`` when one is given."""
    tokens = _markdown_parser().parse(source)
    blocks: list[str] = []
    in_heading = False
    prefixes: list[str] = []  # list markers waiting for their item's first paragraph
    ordinals: list[int] = []  # the next number of each open ordered list (0 for bullets)
    row: list[str] | None = None
    for tok in tokens:
        kind = tok.type
        if kind == "bullet_list_open":
            ordinals.append(0)
        elif kind == "ordered_list_open":
            ordinals.append(int(tok.attrGet("start") or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordinals.pop()
        elif kind == "list_item_open":
            if ordinals and ordinals[-1]:
                prefixes.append(f"{ordinals[-1]}. ")
                ordinals[-1] += 1
            else:
                prefixes.append("• ")
        elif kind == "list_item_close" and prefixes:
            prefixes.pop()
        elif kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif kind == "inline":
            text = _soft_lines(_inline(tok.children or []))
            if row is not None:
                row.append(_SPACES.sub(" ", text).strip())
                continue
            text = _flat(text)
            if not text:
                continue
            if prefixes and prefixes[-1]:
                text = prefixes[-1] + text
                prefixes[-1] = ""  # an item's later paragraphs carry no marker
            blocks.append(text)
            if in_heading and headings is not None:
                headings.extend(text.split("\n"))
        elif kind in ("fence", "code_block"):
            code = "\n".join(line.rstrip() for line in tok.content.split("\n") if line.strip())
            if code:
                blocks.append(code)
        elif kind == "html_block":
            text = _flat(_strip_tags(tok.content))
            if text:
                blocks.append(text)
    return "\n\n".join(blocks)


_SOFTBREAK = "\x00"  # decided per line once the paragraph's text is known (see ``_soft_lines``)
WRAPPED = 60  # a line at least this long, not ending a sentence, was wrapped by its writer
_SENTENCE_END = tuple(".؟?!:؛…\"»)")


def _soft_lines(text: str) -> str:
    """CommonMark joins a paragraph's lines; articles (as Qari's .txt files) often put one
    paragraph on each line, titles and bylines included. A line break stays a paragraph break,
    except after a long line that does not end a sentence: a hard-wrapped paragraph."""
    parts = text.split(_SOFTBREAK)
    out = parts[0]
    for part in parts[1:]:
        last = out.rsplit("\n", 1)[-1].rstrip()
        out += (" " if len(last) >= WRAPPED and not last.endswith(_SENTENCE_END) else "\n") + part
    return out


def _inline(children: Sequence[Token]) -> str:
    out: list[str] = []
    for tok in children:
        kind = tok.type
        if kind in ("text", "code_inline"):
            out.append(tok.content)
        elif kind == "softbreak":
            out.append(_SOFTBREAK)
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "image":
            out.append(_inline(tok.children or []) or tok.content)
        # link_open/close, em/strong/s open/close, html_inline: the markup goes, the text stays.
    return "".join(out)


_TAG = re.compile(r"<[^>]*>")


def _strip_tags(html: str) -> str:
    import html as _html

    return _html.unescape(_TAG.sub(" ", html))


# -- HTML ------------------------------------------------------------------------------------


def html_paragraphs(body: Any, headings: list[str] | None = None) -> list[str]:  # an lxml element
    """Paragraphs of trafilatura's XML body (an lxml element, untyped): one per block element, a
    line break inside a paragraph (``<br>``, which pages use between paragraphs) splitting it too.
    The text of each heading (``head``) is appended to ``headings`` when one is given."""
    out: list[str] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "list":
            for item in el.iter("item"):
                text = _flat(_element_text(item, skip_lists=True))
                if text:
                    out.extend(("• " + text).split("\n"))
        elif tag == "table":
            for tr in el.iter("row"):
                cells = [_SPACES.sub(" ", _element_text(c)).strip() for c in tr.iter("cell")]
                if any(cells):
                    out.append(" | ".join(cells))
        elif tag in ("graphic",):
            continue
        else:
            text = _flat(_element_text(el))
            if text:
                out.extend(text.split("\n"))
                if tag == "head" and headings is not None:
                    headings.extend(text.split("\n"))
    return out


def _element_text(el: Any, skip_lists: bool = False) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "lb":
            parts.append("\n")
        elif skip_lists and tag == "list" and node is not el:
            pass  # a nested list's items come as items of their own
        else:
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return "".join(parts)


def match_key(text: str) -> str:
    """``text``'s words only, one space between them: how a block of the markup is found again
    in the shown text (or a byline in a page), whatever punctuation and spacing came between."""
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def find_byline(html: str, author: str) -> str | None:
    """The page's own byline for ``author`` ("كتبت: سارة الحربي"), from a short element of the
    page's body that holds the name; None when the name is only in the page's metadata."""
    name = match_key(BYLINE_CUE.sub("", author))
    if not name:
        return None
    try:
        import lxml.html

        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml refuses some documents (empty, only a comment): no byline then
        return None
    found: list[str] = []
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "title", "meta", "head", "noscript"):
            continue
        text = " ".join(el.text_content().split())
        if name in match_key(text) and len(text) <= len(name) + BYLINE_SLACK:
            found.append(text)
    # The shortest that starts with a cue word ("بقلم: ليلى منصور", not the whole meta box with
    # the date), else the shortest that names the author.
    cued = [t for t in found if BYLINE_CUE.match(t)]
    return min(cued or found, key=len, default=None)


def html_text(doc: Any, html: str, headings: list[str] | None = None) -> str:  # a trafilatura Document
    """The article text of a page trafilatura extracted: its blocks as paragraphs, with the
    byline back under the headline when trafilatura moved it into the metadata. Headings' texts
    go to ``headings`` when one is given."""
    body = getattr(doc, "body", None)
    paragraphs = html_paragraphs(body, headings) if body is not None and len(body) else []
    if not paragraphs:
        plain = getattr(doc, "text", None) or ""
        paragraphs = [p for p in (_flat(x) for x in plain.split("\n")) if p]
    if not paragraphs:
        return ""
    author = getattr(doc, "author", None)
    if author:
        byline = find_byline(html, author)
        text_keys = match_key(" ".join(paragraphs))
        if byline and match_key(byline) not in text_keys:
            first_is_heading = body is not None and len(body) and body[0].tag == "head"
            paragraphs.insert(1 if first_is_heading else 0, byline)
    return "\n".join(paragraphs)
