"""A small, polite HTTP client on ``urllib.request``: one GET, bounded in time and size.

Every failure is a :class:`FetchError` whose text is one line a person can act on ("timed out after
10 s", "redirected to another host (b.example)", "not an HTML page (application/pdf)"). Nothing is
written here; callers store only complete answers.
"""

from __future__ import annotations

import email.message
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

import tui

if TYPE_CHECKING:
    from http.client import HTTPMessage, HTTPResponse

    from tui.fetch.ratelimit import RateLimiter

USER_AGENT = f"Qari/{tui.__version__} (terminal reader for Arabic articles)"
# The token robots.txt rules name: "User-agent: Qari".
ROBOTS_TOKEN = "Qari"
TIMEOUT = 15.0
MAX_BYTES = 5 * 1024 * 1024  # a news page is rarely over 1 MB; an answer past this is refused
MAX_REDIRECTS = 5

PAGE_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+xml", "text/html", "text/plain"}
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The answer was not usable; ``str(exc)`` is the one-line reason."""


@dataclass(slots=True)
class Response:
    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # a 304 to a conditional GET: ``body`` is empty
    headers: dict[str, str] = field(default_factory=dict)


def host_of(url: str) -> str:
    """``host`` or ``host:port`` of an address, lower case: the unit of rate limits and redirects."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def check_url(url: str) -> str:
    """The address, if Qari will fetch it (http or https with a host); else a FetchError."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise FetchError(f"not a web address ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses are fetched, not {parts.scheme or 'a bare name'}")
    if not parts.hostname:
        raise FetchError("web address without a host")
    return urllib.parse.urlunsplit(parts._replace(fragment=""))


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects within the host the address named (http → https and a ``www.`` added or
    dropped included); another host is refused: a news link that lands elsewhere is an advert, a login wall or a parked domain."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        new = urllib.parse.urljoin(req.full_url, newurl)
        old_host = urllib.parse.urlsplit(req.full_url).hostname
        new_parts = urllib.parse.urlsplit(new)
        if new_parts.scheme not in ("http", "https"):
            raise FetchError(f"redirected to a {new_parts.scheme or 'strange'} address; not followed")
        if _site(new_parts.hostname) != _site(old_host):
            raise FetchError(f"redirected to another host ({new_parts.hostname}); not followed")
        return super().redirect_request(req, fp, code, msg, headers, new)


def _site(host: str | None) -> str:
    # example.com → www.example.com (and back) is the same site moving its front door.
    host = (host or "").lower()
    return host.removeprefix("www.")


def _media_type(headers: email.message.Message) -> tuple[str, str | None]:
    ctype = headers.get("Content-Type") or ""
    msg = email.message.Message()
    msg["Content-Type"] = ctype
    charset = msg.get_param("charset")
    return (msg.get_content_type() if ctype else "", charset if isinstance(charset, str) else None)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


class Client:
    """``get(url)`` with a User-Agent naming Qari, a timeout, a size limit and same-host redirects.

    ``limiter`` (a :class:`tui.fetch.ratelimit.RateLimiter`) is asked before every request; once
    ``stop`` is set, requests fail with "cancelled" instead of starting."""

    def __init__(self, *, user_agent: str = USER_AGENT, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
                 limiter: RateLimiter | None = None, stop: threading.Event | None = None) -> None:
        self.user_agent = user_agent
        self.stop = stop  # once set, no new request starts
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.limiter = limiter
        self._opener = urllib.request.build_opener(_SameHostRedirects())

    def get(self, url: str, *, kind: str = "page", etag: str | None = None,
            last_modified: str | None = None, limited: bool = True) -> Response:
        """``kind``: "page" (HTML only), "feed" (XML or text) or "any". ``limited=False`` skips the
        rate limit (robots.txt: read once per host and run, just before the host's first page)."""
        url = check_url(url)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        headers["Accept"] = {"page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                             "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1"}.get(kind, "*/*")
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if self.limiter is not None and limited:
            self.limiter.wait(host_of(url))
        if self.stop is not None and self.stop.is_set():
            raise FetchError("cancelled")
        request = urllib.request.Request(url, headers=headers)
        try:
            answer = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 304:
                return Response(url, 304, etag=etag, last_modified=last_modified, not_modified=True)
            reason = " ".join(str(exc.reason or "").split())[:60]
            raise FetchError(f"HTTP {exc.code}{' ' + reason if reason else ''}") from None
        except FetchError:
            raise
        except urllib.error.URLError as exc:
            raise FetchError(_network_reason(exc.reason, self.timeout)) from None
        except TimeoutError:
            raise FetchError(f"timed out after {self.timeout:g} s") from None
        except (OSError, ValueError) as exc:  # http.client's own errors (bad status line, …) included
            raise FetchError(_network_reason(exc, self.timeout)) from None
        with answer:
            final = answer.geturl()
            mtype, charset = _media_type(answer.headers)
            allowed = PAGE_TYPES if kind == "page" else FEED_TYPES if kind == "feed" else None
            if allowed is not None and mtype and mtype not in allowed:
                what = "an HTML page" if kind == "page" else "a feed"
                raise FetchError(f"not {what} ({mtype})")
            length = answer.headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > self.max_bytes:
                raise FetchError(f"answer too large ({_mb(int(length))} > {_mb(self.max_bytes)} limit)")
            body = self._read(answer)
            if length and length.strip().isdigit() and len(body) < int(length):
                # http.client returns what came when the server hangs up early, without a word.
                raise FetchError(f"answer cut short ({len(body):,} of {int(length):,} bytes)")
            return Response(final, answer.status, body, mtype, charset,
                            etag=answer.headers.get("ETag"), last_modified=answer.headers.get("Last-Modified"),
                            headers={k.lower(): v for k, v in answer.headers.items()})

    def _read(self, answer: HTTPResponse) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                chunk = answer.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.max_bytes:
                    # Without (or despite) a Content-Length: stop reading, keep nothing.
                    raise FetchError(f"answer too large (more than {_mb(self.max_bytes)} limit)")
                chunks.append(chunk)
        except FetchError:
            raise
        except TimeoutError:
            raise FetchError(f"timed out after {self.timeout:g} s while reading") from None
        except Exception as exc:  # http.client.IncompleteRead, connection reset mid-body
            raise FetchError(f"answer cut short ({_network_reason(exc, self.timeout)})") from None
        return b"".join(chunks)


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    text = " ".join(str(reason).split())[:80]
    return text or type(reason).__name__


def decode_page(resp: Response) -> str:
    """The page's text: the charset the server or the page declares when the bytes are that,
    else what the corpus decoder finds (strict UTF-8, then detection); FetchError when not text."""
    from tui.corpus import encoding

    declared = resp.charset or _meta_charset(resp.body)
    if declared:
        try:
            return encoding.normalise_newlines(resp.body.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: the bytes decide
    try:
        return encoding.decode(resp.body).text
    except encoding.NotText as exc:
        raise FetchError(f"not text: {exc}") from None


def _meta_charset(body: bytes) -> str | None:
    import re

    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]{1,40})", body[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else None
