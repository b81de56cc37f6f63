"""Command palette provider: every reader action, searchable by name."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider


class QariCommands(Provider):
    def _commands(self):
        return getattr(self.app, "command_list", lambda: [])()

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
