"""Command palette provider: every reader action, searchable by name."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

Command = tuple[str, str, Callable[[], object]]  # (name, keys, run)


class QariCommands(Provider):
    def _commands(self) -> list[Command]:
        from tui.ui.app import QariApp  # the app module imports this one

        app = self.app
        return app.command_list() if isinstance(app, QariApp) else []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
