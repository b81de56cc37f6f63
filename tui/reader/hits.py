"""The hit cursor behind ``n``/``N``: where the reader is among one article's search hits."""

from __future__ import annotations


class HitCursor:
    """Steps through the hit spans of one article with ``n``/``N``.

    ``step`` answers ``None`` at the article's last (first) hit: the host then goes on into the
    next (previous) article that has hits, as ``less`` goes on to the next file.
    """

    def __init__(self, spans: list[tuple[int, int]] | None = None, article_id: str = "", query: str = "") -> None:
        self.spans = list(spans or [])
        self.article_id = article_id
        self.query = query
        self.index = -1  # the hit last stepped to; -1 before the first step

    def step(self, offset: int, forward: bool = True, inclusive: bool = False) -> tuple[int, int] | None:
        """The next (previous) hit: after the current one, or before the first step the first
        hit after ``offset`` (at it too when ``inclusive``: a new query) or the last before it;
        ``None`` past either end."""
        if self.index >= 0:
            k = self.index + (1 if forward else -1)
        elif forward:
            k = next((i for i, (s, _) in enumerate(self.spans) if s > offset or inclusive and s == offset),
                     len(self.spans))
        else:
            k = max((i for i, (s, _) in enumerate(self.spans) if s < offset), default=-1)
        if not 0 <= k < len(self.spans):
            return None
        self.index = k
        return self.spans[k]

    def enter(self, forward: bool = True) -> tuple[int, int] | None:
        """Arrive from another article: its first hit going forward, its last going back."""
        if not self.spans:
            return None
        self.index = 0 if forward else len(self.spans) - 1
        return self.spans[self.index]
