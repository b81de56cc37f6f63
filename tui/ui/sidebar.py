"""The article list. Titles and sources go through the layout engine before Textual sees them.

Its cost follows what is on screen, not the size of the collection. ``OptionList`` asks every option
for its height whenever the width changes, and draws only the rows in view (caching them), so an
entry is an ``Entry`` visual that knows its height without laying its title out: the title takes one
line when its natural width fits, else two. The natural width (cells of the title on one line,
lam-alef ligatures counted as one cell) is computed once per title from the text alone (odd titles,
with controls or invisible characters, ask the layout engine), so a resize is a pass of integer
comparisons, and only the entries scrolled into view are shaped and reordered.
Sorting and filtering reorder cached ``Option`` objects and compare cached matching forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.corpus.model import Article
from tui.text.layout import DocumentLayout, LayoutOptions
from tui.text.normalize import normalize
from tui.text.sanitize import sanitize_text
from tui.ui.bidi_text import visual_line, visual_lines

SORTS = ("corpus", "date", "title", "source")
TITLE_LINES = 2
_SPACE = re.compile(r"\s+")
# Characters whose cells ``cell_len`` counts as the layout engine draws them: printable Latin and
# Arabic letters, digits, punctuation and harakat.
_ORDINARY = re.compile("[ -~\u00a0-\u00ac\u00ae-\u02ff\u060c-\u061b\u061f-\u065f\u0660-\u06dc\u06de-\u06ff"
                       "\u2010-\u2027\u2030-\u205e\u20ac]*")
# One cell for the pair: the shaper turns lam + alef (harakat between them allowed) into a ligature.
_LAM_ALEF = re.compile("\u0644[\u064b-\u0652\u0670]*[\u0622\u0623\u0625\u0627]")


# A date the article does not state itself carries a two-cell mark saying where it came from
# (~n the file name, ~p its folders, ~m a manifest): a sidebar entry has no room for more.
_DATE_FROM = {"file name": "~n", "path": "~p", "manifest": "~m"}


def _meta(article: Article) -> str:
    words = f"{len(article.text.split()):,} words"
    # The author first: front matter and HTML metadata name one the text may not show. The line
    # stays left to right as it was (an LRM first; the name and the source isolated), so an Arabic
    # name does not turn it around ("words 4,572").
    date = article.date
    source = article.date_source
    if date and source is not None and source in _DATE_FROM:
        date += _DATE_FROM[source]
    fields = [f"\u2068{article.author}\u2069" if article.author else None, date, words,
              f"\u2068{article.source}\u2069" if article.source else None]
    return "\u200e" + " · ".join(x for x in fields if x)


def _neg(date: str) -> tuple[int, ...]:
    parts = [int(p) for p in date.split("-") if p.isdigit()]
    parts += [0] * (3 - len(parts))
    return tuple(-p for p in parts)


@dataclass(slots=True)
class Facts:
    """What the list needs of an article without laying it out, computed once per article."""

    title: str  # whitespace collapsed
    cells: int  # cells on one line, unshaped; -1 when only the layout engine can tell
    ligatures: int  # lam-alef pairs the shaper draws in one cell
    folded_title: str  # matching forms, for filtering and sorting
    folded_source: str
    _fits: dict[tuple[str, int], bool] | None = None  # for the odd titles: (mode, width) -> one line?

    def fits(self, width: int, options: LayoutOptions) -> bool:
        """Whether the title takes one line at ``width`` cells."""
        if self.cells >= 0:
            return self.cells - (self.ligatures if options.mode != "off" else 0) <= width
        if self._fits is None:
            self._fits = {}
        key = (options.mode, width)
        one = self._fits.get(key)
        if one is None:
            one = self._fits[key] = len(DocumentLayout(self.title, width, options).paragraph(0).lines) == 1
        return one


def title_facts(title: str, source: str | None = None) -> Facts:
    flat = _SPACE.sub(" ", title).strip()
    shown = sanitize_text(flat)  # controls are drawn as one-cell pictures, overrides get a marker cell
    # Controls, invisible characters (they take no cell and can hang at a line's end) or a mark with
    # no letter before it (drawn on a dotted circle): rare enough to ask the layout engine.
    # A mark after a space is the same case: hidden with the harakat, it leaves a blank that hangs.
    odd = not _ORDINARY.fullmatch(shown) or any(
        unicodedata.category(c) in ("Mn", "Me") and (i == 0 or shown[i - 1] == " ") for i, c in enumerate(shown)
    )
    # Blanks at the end hang past the width (a bidi mark after them is gone once sanitized).
    cells = -1 if odd else cell_len(shown.rstrip(" "))
    return Facts(flat, cells, len(_LAM_ALEF.findall(shown)), normalize(flat), normalize(source or ""))


def title_height(facts: Facts, width: int, options: LayoutOptions) -> int:
    """Lines the title gets at ``width`` cells: one when it fits on one line, else ``TITLE_LINES``."""
    return 1 if facts.fits(width, options) else TITLE_LINES


class Entry(Visual):
    """One sidebar entry, laid out only when drawn: its height comes from ``title_height``.

    The title is laid out at the height promised (cut with an ellipsis, or padded), so the rows
    OptionList reserved always match what is drawn.
    """

    def __init__(self, facts: Facts, options: LayoutOptions, article: Article | None = None, *,
                 align: str | None = None, style: str = "bold") -> None:
        self.facts = facts
        self.options = options
        self.article = article  # with an article, a line of metadata under the title
        self.align = align
        self.style = style
        self._width = 30  # the width last asked for: what ``str()`` shows
        self._height = -1
        self._lines: tuple[int, list[tuple[str, RichStyle]]] | None = None

    def lines(self, width: int) -> list[tuple[str, RichStyle]]:
        if self._lines is None or self._lines[0] != width:
            n = title_height(self.facts, width, self.options)
            texts = visual_lines(self.facts.title, width, self.options, max_lines=n, style=self.style,
                                 align=self.align)
            texts += [Text(" " * width)] * (n - len(texts))
            if self.article is not None:
                # Not dim: on the highlighted row a dim line fell to 3.6-4.3:1 (tests/ui/test_contrast.py);
                # the bold title above it is what sets it apart.
                texts.append(visual_line(_meta(self.article), width, self.options, style=""))
            self._lines = (width, [(t.plain, RichStyle.parse(t.style) if isinstance(t.style, str) else t.style)
                                   for t in texts])
        return self._lines[1]

    def __str__(self) -> str:
        return "\n".join(plain for plain, _ in self.lines(self._width))

    def render_strips(self, width, height, style, options) -> list[Strip]:
        base = style.rich_style
        return [Strip([Segment(plain, base + st)]).adjust_cell_length(width, base) for plain, st in self.lines(width)]

    def get_optimal_width(self, rules, container_width: int) -> int:
        return max(self.facts.cells, 8)

    def get_minimal_width(self, rules) -> int:
        return 8

    def get_height(self, rules, width: int) -> int:
        # Asked of every entry each time the list is refilled: answered from the last width.
        width = max(2, width)
        if width != self._width or self._height < 0:
            self._width = width
            self._height = title_height(self.facts, width, self.options) + (self.article is not None)
        return self._height


class Sidebar(OptionList):
    """Lists the articles (and, marked, the files that could not be loaded)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar_down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar_up"),
        Binding("enter", "select", "Open", id="open_article", tooltip="Open the highlighted article"),
    ]

    class OpenArticle(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, articles: list[Article], skipped: list[tuple[str, str]], options: LayoutOptions,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles = articles  # shared with the app, which appends while a folder loads
        self.skipped = skipped
        self.layout_options = options
        self.sort = "corpus"
        self.filter_text = ""
        self.order: list[int] = []  # article indices in display order
        self.current = 0
        self._facts: list[Facts] = []  # per article index
        self._prompts: dict[int, Option] = {}
        self._skip_prompts: list[Option] = []
        self._sort_keys: dict[str, list[tuple]] = {}
        self._shown_skips = 0
        self._filled = False

    # -- public API -----------------------------------------------------------------------
    def set_layout_options(self, options: LayoutOptions) -> None:
        self.layout_options = options
        self._prompts.clear()
        self._skip_prompts.clear()
        self._refill()

    def set_sort(self, sort: str) -> None:
        self.sort = sort if sort in SORTS else "corpus"
        self._refill()

    def cycle_sort(self) -> str:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])
        return self.sort

    def set_filter(self, text: str) -> None:
        self.filter_text = normalize(text).strip()
        self._refill()

    def articles_added(self) -> None:
        """The app appended to ``articles`` (and maybe ``skipped``): show the new entries."""
        if not self._filled:
            return
        first_new = len(self._facts)
        self._learn()
        if self._plain() and self._shown_skips == 0 and not self.skipped:
            # Corpus order, no filter: only the new options are added.
            new = range(first_new, len(self.articles))
            self.order.extend(new)
            self.add_options([self._option(i) for i in new])
        else:
            self._refill()

    def articles_reset(self, current: int) -> None:
        """The app reordered or replaced ``articles`` (fetched ones put first): rebuild every entry."""
        self._facts.clear()
        self._prompts.clear()
        self._sort_keys.clear()
        self.current = current
        self._refill()

    def show_current(self, index: int) -> None:
        self.current = index
        try:
            self.highlighted = self.get_option_index(f"a{index}")
        except OptionDoesNotExist:
            pass

    def matches(self, index: int) -> bool:
        if not self.filter_text:
            return True
        f = self._facts[index] if index < len(self._facts) else self._fact(self.articles[index])
        return self.filter_text in f.folded_title or self.filter_text in f.folded_source

    # -- building -------------------------------------------------------------------------
    def on_mount(self) -> None:
        self._filled = True
        self._refill()

    def on_resize(self) -> None:
        # Entries change height with the width: keep the highlighted one in view, once the new
        # size has reached the scroll limits.
        self.call_after_refresh(self.scroll_to_highlight)

    def _plain(self) -> bool:
        return self.sort == "corpus" and not self.filter_text

    @staticmethod
    def _fact(article: Article) -> Facts:
        return title_facts(article.title or article.id, article.source)

    def _learn(self) -> None:
        """Facts and sort keys of the articles appended since the last call (a batch at a time)."""
        start = len(self._facts)
        new = self.articles[start:]
        self._facts.extend(self._fact(a) for a in new)
        for sort, keys in self._sort_keys.items():
            keys.extend(self._sort_key(sort, i) for i in range(start, len(self.articles)))

    def _sort_key(self, sort: str, i: int) -> tuple:
        article = self.articles[i]
        if sort == "date":
            # Newest first; undated articles last, in corpus order.
            return (0, _neg(article.date), i) if article.date else (1, (), i)
        f = self._facts[i]
        if sort == "title":
            return (f.folded_title, i)
        return (article.source is None, f.folded_source, i)

    def _option(self, i: int) -> Option:
        option = self._prompts.get(i)
        if option is None:
            entry = Entry(self._facts[i], self.layout_options, self.articles[i])
            option = self._prompts[i] = Option(entry, id=f"a{i}")
        return option

    def _skip_option(self) -> Option:
        # One row for them all: a path cut to the list's width said nothing, and the reasons
        # need the room of their own list (``s``).
        n = len(self.skipped)
        if not self._skip_prompts or self._shown_skips != n:
            label = f"⚠ {n:,} file{'s' if n != 1 else ''} skipped — s lists them"
            entry = Entry(title_facts(label), self.layout_options, align="left", style="")
            self._skip_prompts[:] = [Option(entry, id=None, disabled=True)]
        return self._skip_prompts[0]

    def _refill(self) -> None:
        if not self._filled:
            return
        self._learn()
        if self.filter_text:
            indices = [i for i in range(len(self.articles)) if self.matches(i)]
        else:
            indices = list(range(len(self.articles)))
        if self.sort != "corpus":
            keys = self._sort_keys.get(self.sort)
            if keys is None:
                keys = self._sort_keys[self.sort] = [self._sort_key(self.sort, i) for i in range(len(self.articles))]
            indices.sort(key=keys.__getitem__)
        self.order = indices
        items = [self._option(i) for i in indices]
        if self.skipped:
            items.append(self._skip_option())
        self._shown_skips = len(self.skipped)
        self.set_options(items)
        self.show_current(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id and option_id.startswith("a"):
            self.post_message(self.OpenArticle(int(option_id[1:])))
