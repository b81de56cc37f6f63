"""robots.txt, read once per host and run, through the same polite client (urllib.robotparser rules).

A missing robots.txt (404 and other 4xx) allows everything; 401/403 forbids everything, as
``urllib.robotparser`` does; a server that cannot answer it (5xx, network) is asked again next run
and, meanwhile, pages on that host are not fetched (RFC 9309, "unreachable"); a host that does not
answer at all fails its pages with the network's reason.
"""

from __future__ import annotations

import threading
import urllib.parse
import urllib.robotparser

from tui.fetch.http import ROBOTS_TOKEN, Client, FetchError


class Robots:
    def __init__(self, client: Client) -> None:
        self.client = client
        self._parsers: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or None when robots.txt allows it. Raises FetchError
        when the host cannot be reached at all (asked again for the next page)."""
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            host_lock = self._host_locks.setdefault(origin, threading.Lock())
        with host_lock:  # one read of robots.txt per host, even with several threads asking
            parser = self._parsers.get(origin)
            if parser is None:
                parser = self._read(origin)  # raises for an unreachable host: not remembered
                self._parsers[origin] = parser
        if isinstance(parser, str):
            return parser
        if not parser.can_fetch(ROBOTS_TOKEN, url):
            return "robots.txt does not allow Qari to fetch this page"
        return None

    def _read(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            resp = self.client.get(origin + "/robots.txt", kind="any", limited=False)
        except FetchError as exc:
            text = str(exc)
            if text.startswith(("HTTP 401", "HTTP 403")):
                parser.parse(["User-agent: *", "Disallow: /"])
            elif text.startswith("HTTP 4"):
                parser.parse([])
            elif text.startswith("HTTP "):
                return f"robots.txt could not be read ({text}); the host's pages are left alone"
            else:
                # The host does not answer at all: its pages would fail the same way.
                raise
            return parser
        text = resp.body.decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
        return parser
