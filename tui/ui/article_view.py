"""The article view: a Line-API widget over ``DocumentRows``.

The reading position is a logical offset (the start of the top line), so a resize, a reorder-mode
or harakat change re-lays out the text and scrolls back to the same words. Strips are cached by
(paragraph, line), not by screen row, so a height correction above the viewport invalidates nothing.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.timer import Timer

from tui.analysis.model import ArticleAnalysis, Link
from tui.corpus.model import Article
from tui.reader.highlight import Highlighter, word_spans
from tui.reader.navigation import PassageNavigator, PassageStatus
from tui.reader.rows import DocumentRows, fold_groups
from tui.reader.status_line import MARKS
from tui.text.layout import LayoutOptions, Line
from tui.text.terminals import for_terminal, prereverse_runs, split_cells
from tui.ui.bidi_text import visual_line
from tui.ui.terminal_scroll import TerminalScrollApp, thumb_ends

GUTTER = 2  # cells either side of the column; the current-paragraph bar sits in one of them
MARKER = "▎"
LINK_MARK = MARKS["strong"]  # gutter glyph beside lines of a passage that has a strong link (same event or fact)
RELATED_MARK = MARKS["related"]  # ... that has links of the same topic only
# Characters laid out per background tick: a few milliseconds of work, so keys stay responsive.
BACKGROUND_BUDGET = 6000


ROWS_CACHE_SIZE = 6  # laid-out articles kept for quick returns

class ArticleView(ScrollView, can_focus=True):
    """Shows one article, laid out by the layout engine."""

    COMPONENT_CLASSES = {
        "article-view--text", "article-view--marker", "article-view--current", "article-view--link-mark",
        "article-view--heading",
        "article--person", "article--place", "article--org", "article--event", "article--misc",
        "article--date", "article--emphasis", "article--flash", "article--cursor",
    }

    BINDINGS = [
        Binding("j,down", "line_down", "Line down", show=False, id="scroll_down"),
        Binding("k,up", "line_up", "Line up", show=False, id="scroll_up"),
        Binding("space,pagedown", "page_down", "Page", id="page_down", key_display="space", tooltip="Page down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("g,home", "go_top", "Top", show=False, id="top", tooltip="Top of the article"),
        Binding("G,end", "go_bottom", "End", show=False, id="bottom", tooltip="End of the article"),
        Binding("right_curly_bracket", "next_paragraph", "Next paragraph", show=False, id="next_paragraph"),
        Binding("left_curly_bracket", "previous_paragraph", "Previous paragraph", show=False, id="previous_paragraph"),
        Binding("right_square_bracket", "next_linked", "Next linked passage", show=False, id="next_linked",
                tooltip="Next passage that has links (◆ in the margin)"),
        Binding("left_square_bracket", "previous_linked", "Previous linked passage", show=False, id="previous_linked"),
        Binding("L", "toggle_strong_links", "Strong links only", show=False, id="toggle_strong_links",
                tooltip="] and [ walk passages with strong links only (◆), or all linked passages (◆ ◇)"),
        Binding("enter", "follow_link", "Follow link", show=False, id="follow_link",
                tooltip="Open the article the current passage links to"),
        # w moves on as in vim; b stays page up, as in less (this is a pager first).
        Binding("w", "next_word", "Next word", show=False, id="next_word",
                tooltip="Word cursor to the next word (* and # act on its name)"),
        Binding("W", "previous_word", "Previous word", show=False, id="previous_word",
                tooltip="Word cursor to the previous word"),
        Binding("H", "toggle_highlight", "Highlight", show=False, id="toggle_highlight",
                tooltip="Show or hide names, places and dates highlighting"),
    ]

    class PositionChanged(Message):
        """The reading position (logical offset of the top line) moved."""

        def __init__(self, view: ArticleView, offset: int) -> None:
            super().__init__()
            self.view = view
            self.offset = offset

    class FollowLink(Message):
        """The reader asked to follow ``link`` from the passage at ``offset``."""

        def __init__(self, view: ArticleView, link: Link, offset: int) -> None:
            super().__init__()
            self.view = view
            self.link = link
            self.offset = offset

    class CursorChanged(Message):
        """The selected passage changed (status line)."""

    class WordClicked(Message):
        """A click put the word cursor on ``span``; ``entity_id`` is the name there, if any."""

        def __init__(self, view: ArticleView, span: tuple[int, int], entity_id: str | None) -> None:
            super().__init__()
            self.view = view
            self.span = span
            self.entity_id = entity_id

    max_width: reactive[int] = reactive(100)

    def __init__(self, *, options: LayoutOptions = LayoutOptions(), max_width: int = 100, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.options = options
        self.article: Article | None = None
        self.rows: DocumentRows | None = None
        self.position = 0
        self.current = 0  # paragraph carrying the marker
        self._cache: dict[tuple[int, int, bool], Strip] = {}
        self._rows_cache: dict[tuple, DocumentRows] = {}  # insertion order = least recently shown first
        self.folding = True  # boilerplate (Article.folds) shown as one dim line each
        self._anchoring = False
        self._keep_flash = False
        self._top_is_gap = False  # the top row is the blank after a paragraph (position names the next one)
        self._background: Timer | None = None
        self.analysis: ArticleAnalysis | None = None
        self.navigator: PassageNavigator | None = None
        self.highlight = True
        self._highlighter = Highlighter(None)
        self.strong_links_only = False  # ] and [ walk passages with strong links only
        self.flash: tuple[int, int] | None = None  # passage shown as the target of a followed link
        self.emphasis: list[tuple[int, int]] = []  # mentions of the entity chosen in the Entities panel
        self.cursor: int | None = None  # start of the selected passage; None: the top of the view
        # The word cursor (w/W, a click): the logical span of one word, drawn on its cells; None
        # until used. * and # take the name under it.
        self.word: tuple[int, int] | None = None
        self._words: tuple[str, list[tuple[int, int]]] | None = None
        self.set_reactive(ArticleView.max_width, max(20, max_width))

    # -- public API ---------------------------------------------------------------------------
    def show(self, article: Article | None, position: int = 0, analysis: ArticleAnalysis | None = None) -> None:
        self.article = article
        self.flash = None
        self.emphasis = []  # offsets of another article mean nothing here
        self.cursor = None
        self.word = None
        self._set_analysis(analysis)
        self._top_is_gap = False
        self.position = max(0, min(position, len(article.text) if article else 0))
        self.rows = None
        self._relayout()

    def set_analysis(self, analysis: ArticleAnalysis | None) -> None:
        """Analysis of the shown article arrived (or went): restyle without moving."""
        self._set_analysis(analysis)
        self._cache.clear()
        self.refresh()
        self.post_message(self.CursorChanged())

    def _set_analysis(self, analysis: ArticleAnalysis | None) -> None:
        if analysis is not None and self.article is not None and analysis.article_id != self.article.id:
            analysis = None
        self.analysis = analysis
        self.navigator = PassageNavigator(analysis) if analysis is not None else None
        self._highlighter = Highlighter(analysis)

    def set_emphasis(self, spans: list[tuple[int, int]] | None) -> None:
        """Stress these logical spans of the shown article (``None`` or ``[]``: none)."""
        spans = sorted(spans or [])
        if spans == self.emphasis:
            return
        self.emphasis = spans
        self._cache.clear()
        self.refresh()

    def set_flash(self, span: tuple[int, int] | None) -> None:
        self.flash = span
        self.cursor = span[0] if span else None
        self._cache.clear()
        self.refresh()
        self.post_message(self.CursorChanged())

    @property
    def focus_offset(self) -> int:
        """Where the reader is for passage navigation: the selected passage, else the top line."""
        return self.cursor if self.cursor is not None else self.position

    def passage_status(self) -> PassageStatus | None:
        if self.navigator is None:
            return None
        return self.navigator.status(self.focus_offset)

    def links_here(self) -> list[Link]:
        if self.navigator is None or self.analysis is None:
            return []
        return self.navigator.links_of(self.focus_offset)

    def set_folding(self, on: bool) -> None:
        """Fold or unfold boilerplate; the reading position (a logical offset) stays put."""
        if on != self.folding:
            self.folding = on
            self.rows = None
            self._relayout()

    def set_options(self, options: LayoutOptions) -> None:
        if options != self.options:
            self.options = options
            self.rows = None
            self._relayout()

    @property
    def column_width(self) -> int:
        avail = self.scrollable_content_region.width - 2 * GUTTER
        return max(10, min(self.max_width, avail))

    @property
    def top_row(self) -> int:
        return round(self.scroll_y)

    def finish_layout(self) -> None:
        """Lay out every paragraph now (for the end of the article and for tests)."""
        if self.rows is not None and not self.rows.complete:
            self.rows.ensure_some(len(self.rows.text) + 1)
            self._sync(anchor=True)

    def scroll_to_offset(self, offset: int) -> None:
        if self.rows is None:
            return
        self._scroll_rows(self.rows.row_of_offset(offset))

    # -- layout ---------------------------------------------------------------------------
    def _relayout(self) -> None:
        self._cache.clear()
        if self.article is None or not self.is_mounted or self.scrollable_content_region.width <= 0:
            self.rows = None
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        # Going back to an article laid out moments ago (J then K, back/forward) reuses its rows:
        # laying 002 out down to a remembered position costs ~50 ms, a dictionary hit nothing.
        key = (self.article.id, self.article.text, self.column_width, self.options, self.folding)
        rows = self._rows_cache.pop(key, None)
        if rows is None:
            folds = fold_groups(self.article.text, self.article.folds) if self.folding else ()
            options = self.options
            if self.article.direction == "rtl" and options.fallback != "rtl":
                options = dataclasses.replace(options, fallback="rtl")  # bullets and bare numbers go right
            rows = DocumentRows(self.article.text, self.column_width, options, folds)
        self._rows_cache[key] = rows
        while len(self._rows_cache) > ROWS_CACHE_SIZE:
            self._rows_cache.pop(next(iter(self._rows_cache)))
        self.rows = rows
        self.current = self.rows.paragraph_of_offset(self.position)
        self._sync(anchor=True)
        self._start_background()

    def _sync(self, anchor: bool, repaint: bool = True) -> None:
        """Bring the scroll range up to date; with ``anchor``, keep the reading position on top.

        ``repaint=False`` is for background layout ticks: they only add rows below what is on
        screen, so unless the top row moved, the visible strips are unchanged and repainting them
        would resend the whole view to the terminal every tick (costly over SSH).
        """
        rows = self.rows
        if rows is None:
            return
        self.virtual_size = Size(self.scrollable_content_region.width, rows.total)
        moved = False
        if anchor:
            target = rows.row_of_offset(self.position) - (1 if self._top_is_gap else 0)
            moved = target != round(self.scroll_y)
            self._anchoring = True
            try:
                self.scroll_to(y=target, animate=False, force=True)
            finally:
                self._anchoring = False
        if repaint or moved:
            self.refresh()

    def _start_background(self) -> None:
        if self._background is not None:
            self._background.stop()
            self._background = None
        if self.rows is not None and not self.rows.complete:
            self._background = self.set_interval(0.02, self._layout_more)

    def _layout_more(self) -> None:
        rows = self.rows
        if rows is None or rows.complete:
            if self._background is not None:
                self._background.stop()
                self._background = None
            return
        rows.ensure_some(BACKGROUND_BUDGET)
        self._sync(anchor=True, repaint=False)

    def _layout_stale(self) -> bool:
        """Are the rows laid out for another width than the view has now? (No rows at 0 columns.)"""
        if self.article is None or not self.is_mounted:
            return False
        if self.scrollable_content_region.width <= 0:
            return self.rows is not None
        return self.rows is None or self.rows.width != self.column_width

    def on_resize(self) -> None:
        if self._layout_stale():
            self.rows = None
            self._relayout()

    def _relayout_if_stale(self) -> None:
        if self._layout_stale():
            self.rows = None
            self._relayout()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual does not always send Resize: a panel overlay that hid the view (0 columns) closes,
        # focus() brings the compositor's map up to date first, and the reflow then sees no change.
        # The rows were laid out for the old width (or dropped at 0 columns): painting them would
        # leave the pane blank until the next resize. Catch it here, where every paint passes.
        if self._layout_stale():
            self.call_later(self._relayout_if_stale)
        return super().render_lines(crop)

    def on_mount(self) -> None:
        if self.article is not None and self.rows is None:
            self._relayout()

    def watch_max_width(self) -> None:
        if self.rows is not None and self.rows.width != self.column_width:
            self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # -- scrolling ------------------------------------------------------------------------
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # First the move (before anything below marks rows dirty, in the new coordinates).
        if not self._move_rows(round(new_value) - round(old_value)):
            super().watch_scroll_y(old_value, new_value)
            if self._anchoring or self.rows is None:
                # A relayout: nothing on screen can be moved as it is.
                self._cancel_move()
        if self._anchoring or self.rows is None:
            return
        top = round(new_value)
        row = self.rows.row(top)
        self._top_is_gap = row is not None and row.line < 0
        offset = self.rows.offset_of_row(top)
        if offset != self.position and top >= round(self.max_scroll_y) and self._position_on_screen(top):
            # Near the article's end the view cannot bring the reading position to the top, so the
            # scroll was clamped (a panel narrowed the column, back/forward returned here): the
            # reader did not move, and rewriting the position would land on an earlier passage.
            return
        if offset != self.position:
            self.position = offset
            if self.flash is not None and not self._keep_flash:
                self.flash = None
                self.cursor = None
                self._cache.clear()
                self.refresh()
            self._follow_current()
            self._follow_word()
            self.post_message(self.PositionChanged(self, offset))

    def _position_on_screen(self, top: int) -> bool:
        rows = self.rows
        if rows is None or self.article is None or self.position >= len(self.article.text):
            return False
        row = rows.row_of_offset(self.position)
        return top < row < top + self.scrollable_content_region.height

    def _move_rows(self, delta: int) -> bool:
        """Scroll by letting the terminal move the rows (see tui.ui.terminal_scroll); repaint only
        the rows scrolled in. False: the caller repaints the whole view."""
        app = self.app
        if (delta == 0 or self._anchoring or self.rows is None or not self.is_mounted
                or not isinstance(app, TerminalScrollApp)):
            return False
        if self._repaint_regions and self.outer_size.region in self._repaint_regions:
            # Already repainting everything (the marked paragraph or the flash changed).
            app.cancel_terminal_scroll()
            return False
        total = app.request_terminal_scroll(self, delta)
        if total is None:
            return False
        if self.show_vertical_scrollbar:
            self._move_thumb(self.scroll_y)
        size = self.scrollable_content_region.size
        if total:
            rows = min(abs(total), size.height)
            exposed = Region(0, size.height - rows if total > 0 else 0, size.width, rows)
            app.note_scroll_repaint(exposed)
            self.refresh(exposed)
        # Textual keeps rendered rows by screen row; after a move they belong to other rows.
        self._styles_cache.set_dirty(self.outer_size.region)
        return True

    def _move_thumb(self, position: float) -> None:
        """Set the scrollbar's position repainting only the rows its thumb's ends cross (setting
        ``position`` repaints the whole bar: a row per screen row, every line scrolled)."""
        bar = self.vertical_scrollbar
        new = bar.validate_position(position)
        old_ends, new_ends = thumb_ends(bar, bar.position), thumb_ends(bar, new)
        bar.set_reactive(ScrollBar.position, new)
        if old_ends is None or new_ends is None:
            bar.refresh()
            return
        for a, b in zip(old_ends, new_ends):  # the glyph at an end changes even within its row
            lo, hi = min(a, b), max(a, b)
            bar.refresh(Region(0, lo, bar.size.width, hi - lo + 1))

    def _cancel_move(self) -> None:
        app = self.app
        if isinstance(app, TerminalScrollApp):
            app.cancel_terminal_scroll()

    def _visible_paragraphs(self) -> tuple[int, int]:
        rows = self.rows
        assert rows is not None
        top = self.top_row
        bottom = min(rows.total - 1, top + max(1, self.scrollable_content_region.height) - 1)
        return rows.paragraph_at_row(top), rows.paragraph_at_row(max(top, bottom))

    def _follow_current(self) -> None:
        """Keep the marked paragraph on screen: when it leaves, the top paragraph takes over."""
        if self.rows is None:
            return
        first, last = self._visible_paragraphs()
        if not first <= self.current <= last:
            self.current = self.rows.paragraph_of_offset(self.position)
            # The old one is off screen: only the new one's rows change (marker, current style).
            self._refresh_paragraph(self.current)

    def _refresh_paragraph(self, paragraph: int) -> None:
        rows = self.rows
        if rows is None or not 0 <= paragraph < len(rows.spans):
            return
        first, last = rows.paragraph_rows(paragraph)
        top, height = self.top_row, self.scrollable_content_region.height
        y1, y2 = max(first, top), min(last, top + height - 1)
        if y1 <= y2:
            self.refresh(Region(0, y1 - top, self.scrollable_content_region.width, y2 - y1 + 1))

    def _scroll_rows(self, y: int) -> None:
        if self.rows is None:
            return
        if y >= self.rows.total - self.scrollable_content_region.height and not self.rows.complete:
            self.finish_layout()
        self.scroll_to(y=max(0, y), animate=False, force=True)

    def action_line_down(self) -> None:
        self._scroll_rows(self.top_row + 1)

    def action_line_up(self) -> None:
        self._scroll_rows(self.top_row - 1)

    def action_page_down(self) -> None:
        self._scroll_rows(self.top_row + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._scroll_rows(self.top_row - max(1, self.scrollable_content_region.height - 1))

    def action_go_top(self) -> None:
        self._scroll_rows(0)
        if self.rows is not None and self.rows.spans:
            self._mark(self.rows.paragraph_of_offset(0))

    def action_go_bottom(self) -> None:
        self.finish_layout()
        if self.rows is not None and self.rows.spans:
            self._scroll_rows(self.rows.total)
            last = len(self.rows.spans) - 1
            self._mark(last if not self.rows.blank[last] else (self.rows.previous_paragraph(last) or 0))

    def action_next_paragraph(self) -> None:
        if self.rows is None:
            return
        nxt = self.rows.next_paragraph(self.current)
        if nxt is not None:
            self._mark(nxt)
            self._scroll_rows(self.rows.paragraph_rows(nxt)[0])

    def action_previous_paragraph(self) -> None:
        if self.rows is None:
            return
        prev = self.rows.previous_paragraph(self.current)
        if prev is not None:
            self._mark(prev)
            self._scroll_rows(self.rows.paragraph_rows(prev)[0])

    def _go_passage(self, start: int, end: int) -> None:
        if self.rows is None:
            return
        self._keep_flash = True
        try:
            self.flash = (start, end)
            self.cursor = start
            self._cache.clear()
            self._mark(self.rows.paragraph_of_offset(start))
            self._scroll_rows(self.rows.row_of_offset(start))
        finally:
            self._keep_flash = False
        self.refresh()
        self.post_message(self.CursorChanged())

    def action_next_linked(self) -> None:
        if self.navigator is None:
            self.notify("Analysis is still running" if self.article else "No article", timeout=2)
            return
        found = self.navigator.next_linked(self.focus_offset, strong=self.strong_links_only)
        if found is None:
            self.notify("No further passage with strong links" if self.strong_links_only else "No further passage with links", timeout=2)
            return
        self._go_passage(found[1].start, found[1].end)

    def action_toggle_strong_links(self) -> None:
        self.strong_links_only = not self.strong_links_only
        self.post_message(self.CursorChanged())  # the status line names the mode
        self.notify("] and [ walk strong links only (◆)" if self.strong_links_only else "] and [ walk all links (◆ ◇)", timeout=2)

    def action_previous_linked(self) -> None:
        if self.navigator is None:
            self.notify("Analysis is still running" if self.article else "No article", timeout=2)
            return
        found = self.navigator.prev_linked(self.focus_offset, strong=self.strong_links_only)
        if found is None:
            self.notify("No earlier passage with strong links" if self.strong_links_only else "No earlier passage with links", timeout=2)
            return
        self._go_passage(found[1].start, found[1].end)

    def action_follow_link(self) -> None:
        links = self.links_here()
        if not links:
            self.notify("This passage has no links" if self.analysis else "Analysis is still running", timeout=2)
            return
        self.post_message(self.FollowLink(self, links[0], self.focus_offset))

    # -- the word cursor ------------------------------------------------------------------
    def words(self) -> list[tuple[int, int]]:
        """Every word of the shown article outside folded boilerplate, in logical order."""
        article = self.article
        if article is None:
            return []
        key = f"{article.id}\0{self.folding}\0{len(article.text)}"
        if self._words is None or self._words[0] != key:
            spans = word_spans(article.text)
            if self.folding and article.folds:
                folds = sorted((f.start, f.end) for f in article.folds)
                starts = [a for a, _ in folds]
                spans = [w for w in spans
                         if not ((i := bisect_right(starts, w[0]) - 1) >= 0 and w[0] < folds[i][1])]
            self._words = (key, spans)
        return self._words[1]

    def _first_word_on_screen(self, last: bool = False) -> tuple[int, int] | None:
        words = self.words()
        if not words or self.rows is None:
            return None
        top, height = self.top_row, max(1, self.scrollable_content_region.height)
        if last:
            bottom = self.rows.offset_of_row(min(self.rows.total - 1, top + height))
            i = bisect_left(words, (bottom,)) - 1
            return words[max(0, i)]
        i = bisect_left(words, (self.position,))
        return words[min(i, len(words) - 1)]

    def _word_on_screen(self, span: tuple[int, int]) -> bool:
        if self.rows is None:
            return False
        row = self.rows.row_of_offset(span[0])
        top = self.top_row
        return top <= row < top + max(1, self.scrollable_content_region.height)

    def set_word(self, span: tuple[int, int] | None, scroll: bool = True) -> None:
        """Put the word cursor on ``span`` (logical), scrolling just enough to show it."""
        self.word = span
        self._cache.clear()
        if span is not None and scroll and self.rows is not None and not self._word_on_screen(span):
            row = self.rows.row_of_offset(span[0])
            height = max(1, self.scrollable_content_region.height)
            self._scroll_rows(row if row < self.top_row else row - height + 1)
        self.refresh()

    def _step_word(self, forward: bool) -> None:
        words = self.words()
        if not words:
            return
        if self.word is None or not self._word_on_screen(self.word):
            self.set_word(self._first_word_on_screen(last=not forward))
            return
        if forward:
            i = bisect_right(words, (self.word[0], float("inf")))
            if i >= len(words):
                self.notify("Last word of the article", timeout=2)
                return
        else:
            i = bisect_left(words, (self.word[0],)) - 1
            if i < 0:
                self.notify("First word of the article", timeout=2)
                return
        self.set_word(words[i])

    def action_next_word(self) -> None:
        self._step_word(forward=True)

    def action_previous_word(self) -> None:
        self._step_word(forward=False)

    def _follow_word(self) -> None:
        """A scroll took the word cursor off screen: it moves to the first word now on top (as a
        pager's cursor stays in the window)."""
        if self.word is not None and not self._word_on_screen(self.word):
            self.word = self._first_word_on_screen()
            self._cache.clear()
            self.refresh()

    def offset_at(self, x: int, y: int) -> int | None:
        """The logical offset drawn at content cell (x, y), or None (margin, blank row, fold)."""
        rows = self.rows
        if rows is None:
            return None
        r = rows.row(self.top_row + y)
        if r is None or r.line < 0 or r.paragraph in rows.fold_label:
            return None
        line = rows.layout.paragraph(r.paragraph).lines[r.line]
        width = self.scrollable_content_region.width
        left = max(0, (width - rows.width - 2 * GUTTER) // 2)
        i = line.cluster_at_cell(x - left - GUTTER)
        return line.starts[i] if i is not None else None

    def on_click(self, event) -> None:
        offset = self.offset_at(event.x, event.y)
        if offset is None:
            rows = self.rows
            width = self.scrollable_content_region.width
            if rows is not None and event.x >= 0:
                # A click in the gutter beside a passage with links (◆) follows its best link.
                row = rows.row(self.top_row + event.y)
                if row is not None and row.line >= 0 and row.paragraph not in rows.fold_label:
                    line = rows.layout.paragraph(row.paragraph).lines[row.line]
                    left = max(0, (width - rows.width - 2 * GUTTER) // 2)
                    in_gutter = left <= event.x < left + GUTTER or left + GUTTER + rows.width <= event.x < left + 2 * GUTTER + rows.width
                    if in_gutter and self._highlighter.linked(line.start, line.end):
                        self.cursor = line.start
                        self.action_follow_link()
            return
        word = next(((s, e) for s, e in self.words() if s <= offset < e), None)
        if word is None:
            return
        self.set_word(word, scroll=False)
        entity = None
        if self.analysis is not None:
            entity = next((m.id for m in self.analysis.entities if m.start <= offset < m.end), None)
        self.post_message(self.WordClicked(self, word, entity))

    def action_toggle_highlight(self) -> None:
        self.highlight = not self.highlight
        self._cache.clear()
        self.refresh()
        self.notify(f"Highlighting: {'on' if self.highlight else 'off'}", timeout=2)

    def _mark(self, paragraph: int) -> None:
        if paragraph != self.current:
            self.current = paragraph
            self.refresh()

    # -- rendering ------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        rows = self.rows
        if rows is None:
            return Strip.blank(width, self.rich_style)
        r = rows.row(self.top_row + y)
        if r is None or r.line < 0:
            return Strip.blank(width, self.rich_style)
        current = r.paragraph == self.current
        key = (r.paragraph, r.line, current)
        strip = self._cache.get(key)
        if strip is None or strip.cell_length != width:
            label = rows.fold_label.get(r.paragraph)
            if label is not None:
                strip = self._render_fold(label, width)
            else:
                strip = self._render_row(r.paragraph, r.line, current, width)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _render_row(self, paragraph: int, index: int, current: bool, width: int) -> Strip:
        assert self.rows is not None
        line = self.rows.layout.paragraph(paragraph).lines[index]
        column = self.rows.width
        base = self.rich_style
        text_style = base + self.get_component_rich_style("article-view--text", partial=True)
        if self._in_heading(line.start):
            text_style += self.get_component_rich_style("article-view--heading", partial=True)
        if current:
            text_style += self.get_component_rich_style("article-view--current", partial=True)
        marker_style = base + self.get_component_rich_style("article-view--marker", partial=True)
        link_style = base + self.get_component_rich_style("article-view--link-mark", partial=True)
        left = max(0, (width - column - 2 * GUTTER) // 2)
        used = line.indent + sum(line.widths)
        linked = self._highlighter.link_strength(line.start, line.end)
        # The marker sits at the outer edge, the link glyph between it and the text.
        mark = [Segment(MARKER, marker_style) if current else Segment(" ", base),
                Segment(LINK_MARK if linked == "strong" else RELATED_MARK, link_style) if linked
                else Segment(" ", marker_style if current else base)]
        gutter_l = mark if not line.rtl else [Segment(" " * GUTTER, base)]
        gutter_r = mark[::-1] if line.rtl else [Segment(" " * GUTTER, base)]
        kitty = self.options.prereverse and self.options.mode == "app"
        segments = [
            Segment(" " * left, base),
            *gutter_l,
            Segment(" " * line.indent, base),
            *self._body_segments(line, text_style, prereverse=False if kitty else None),
            Segment(" " * max(0, column - used), base),
            *gutter_r,
        ]
        if kitty:
            # kitty shapes every run of non-blank cells, and the gutter's marks touch the text.
            segments = _prereverse_segments(segments)
        # Merging same-style neighbours (margin, gutter, indent, text, padding) saves a style reset
        # and restatement per join: about a fifth of the bytes of a scroll.
        return Strip(segments).adjust_cell_length(width, base).simplify()

    def _in_heading(self, offset: int) -> bool:
        """Whether the text at ``offset`` is in a headline or heading (a handful per article)."""
        return self.article is not None and any(s <= offset < e for s, e in self.article.headings)

    def _render_fold(self, label: str, width: int) -> Strip:
        assert self.rows is not None and self.article is not None
        column = self.rows.width
        base = self.rich_style
        left = max(0, (width - column - 2 * GUTTER) // 2)
        align = "right" if self.article.direction == "rtl" else "left"
        text = visual_line(f"▸ {label}", column, self.options, style="dim", align=align)
        segments = [Segment(" " * (left + GUTTER), base), *text.render(self.app.console)]
        return Strip(segments).apply_style(base).adjust_cell_length(width, base)

    def _body_segments(self, line: Line, text_style: Style, prereverse: bool | None = None) -> list[Segment]:
        kinds = (
            self._highlighter.cluster_kinds(line, self.flash, self.emphasis, self.word)
            if self.highlight or self.flash or self.emphasis or self.word else None
        )
        options = self.options
        if not kinds or not any(kinds):
            return [Segment("".join(for_terminal(line.glyphs, options, prereverse=prereverse)), text_style)]
        styles: dict[tuple[str, ...], Style] = {}
        out: list[Segment] = []
        run: list[str] = []
        run_kind: tuple[str, ...] = ()
        if not self.highlight:
            kinds = [tuple(k for k in kind if k in ("flash", "emphasis", "cursor")) for kind in kinds]
        faces = None
        if options.prereverse and options.mode == "app" and prereverse is not False:
            # kitty shapes bold cells apart from regular ones: runs end where the face changes.
            faces = []
            for kind in kinds:
                if kind not in styles:
                    styles[kind] = self._kind_style(text_style, kind)
                style = styles[kind]
                faces.append((bool(style.bold), bool(style.italic)))
        glyphs = for_terminal(line.glyphs, options, faces, prereverse=prereverse)
        for glyph, kind in zip(glyphs, kinds):
            if kind != run_kind and run:
                out.append(Segment("".join(run), styles[run_kind]))
                run = []
            if kind not in styles:
                styles[kind] = self._kind_style(text_style, kind)
            run_kind = kind
            run.append(glyph)
        if run:
            out.append(Segment("".join(run), styles[run_kind]))
        return out

    def _kind_style(self, text_style: Style, kind: tuple[str, ...]) -> Style:
        style = text_style
        for k in kind:
            style += self.get_component_rich_style(f"article--{k}", partial=True)
        return style

    @property
    def percent(self) -> int:
        """How far the reading position is into the text: the same figure wherever it is shown
        and whatever the layout (a scroll fraction changed with the width and the folds, and an
        overlay panel that dropped the layout gave the text fraction instead)."""
        length = len(self.article.text) if self.article is not None else 0
        if length == 0:
            return 100
        rows = self.rows
        if rows is not None and rows.complete and round(self.scroll_y) >= round(self.max_scroll_y):
            return 100  # the end is on screen
        return min(99, round(100 * self.position / length))



def _prereverse_segments(segments: list[Segment]) -> list[Segment]:
    """A row's segments with kitty's pre-reversed runs computed over the whole row (runs end at
    blanks and where the face changes; colours stay on their cells)."""
    glyphs: list[str] = []
    styles: list = []
    for seg in segments:
        for cell in split_cells(seg.text):
            glyphs.append(cell)
            styles.append(seg.style)
    faces = [(bool(st and st.bold), bool(st and st.italic)) for st in styles]
    out: list[Segment] = []
    for glyph, style in zip(prereverse_runs(glyphs, faces), styles):
        if out and out[-1].style is style:
            out[-1] = Segment(out[-1].text + glyph, style)
        else:
            out.append(Segment(glyph, style))
    return out
