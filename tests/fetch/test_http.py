"""The client's answers and its one-line refusals, against a local server."""

from __future__ import annotations

import socket

import pytest

from tests.fetch._site import article_html
from tui.fetch.http import (
    USER_AGENT,
    Client,
    FetchError,
    Response,
    check_url,
    decode_page,
)
from tui.fetch.ratelimit import RateLimiter


def _reason(client: Client, url: str, **kw) -> str:
    with pytest.raises(FetchError) as info:
        client.get(url, **kw)
    text = str(info.value)
    assert "\n" not in text and text
    return text


def test_user_agent_names_qari_and_the_page_comes_back(site) -> None:
    url = site.page("/a.html", 1)
    resp = Client().get(url)
    assert resp.status == 200 and "خبر رقم 1" in decode_page(resp)
    assert site.requests[-1][1]["user-agent"] == USER_AGENT and USER_AGENT.startswith("Qari/")


@pytest.mark.parametrize("url, words", [
    ("ftp://127.0.0.1/x", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("http:///nohost", "without a host"),
    ("http://127.0.0.1:notaport/", "not a web address"),
])
def test_addresses_that_are_not_fetched(url: str, words: str) -> None:
    with pytest.raises(FetchError, match=words):
        check_url(url)


def test_http_errors_are_one_line(site) -> None:
    assert _reason(Client(), site.url("/missing")) == "HTTP 404 Not Found"
    site.route("/boom", "oops", status=500, content_type="text/plain")
    assert _reason(Client(), site.url("/boom")).startswith("HTTP 500")


def test_connection_refused() -> None:
    with socket.socket() as s:  # a port nobody listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        assert _reason(Client(), f"http://127.0.0.1:{port}/") == "connection refused"


def test_timeout_is_reported_and_nothing_is_returned(site) -> None:
    def hang(handler) -> None:
        site.release.wait(10)  # released when the test ends (the fixture's stop)

    site.route("/slow", handler=hang)
    assert _reason(Client(timeout=0.2), site.url("/slow")).startswith("timed out after 0.2 s")


def test_redirect_within_the_host_is_followed(site) -> None:
    site.page("/new.html", 2)
    site.route("/old", status=301, headers={"Location": "/new.html"})
    resp = Client().get(site.url("/old"))
    assert resp.url.endswith("/new.html") and "خبر رقم 2" in decode_page(resp)


def test_redirect_to_another_host_is_refused(site) -> None:
    site.route("/away", status=302, headers={"Location": "http://ads.example.invalid/landing"})
    assert _reason(Client(), site.url("/away")) == "redirected to another host (ads.example.invalid); not followed"
    # localhost is another host name than 127.0.0.1, even if it is the same machine.
    site.route("/alias", status=302, headers={"Location": f"http://localhost:{site.port}/x"})
    assert "another host (localhost)" in _reason(Client(), site.url("/alias"))


def test_www_is_the_same_site() -> None:
    from tui.fetch.http import _site

    assert _site("www.Example.com") == _site("example.com") != _site("news.example.com")


def test_redirect_loops_end(site) -> None:
    site.route("/loop", status=302, headers={"Location": "/loop"})
    assert "redirect" in _reason(Client(), site.url("/loop")).lower()


def test_non_html_answers_are_refused_for_pages(site) -> None:
    site.route("/doc.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    assert _reason(Client(), site.url("/doc.pdf")) == "not an HTML page (application/pdf)"
    site.route("/img", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    assert _reason(Client(), site.url("/img"), kind="feed") == "not a feed (image/png)"


def test_huge_answers_are_refused_by_length_and_by_count(site) -> None:
    big = b"<p>" + "ن".encode() * 40_000 + b"</p>"
    site.route("/big", big)
    assert _reason(Client(max_bytes=10_000), site.url("/big")).startswith("answer too large (0.1 MB > 0.0 MB")

    def no_length(handler) -> None:  # no Content-Length: the body is counted as it comes
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(20):
            handler.wfile.write(b"x" * 1000)

    site.route("/stream", handler=no_length)
    assert "answer too large (more than" in _reason(Client(max_bytes=10_000), site.url("/stream"))


def test_body_cut_short(site) -> None:
    def short(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "5000")
        handler.end_headers()
        handler.wfile.write(b"<p>half")
        handler.close_connection = True

    site.route("/short", handler=short)
    assert _reason(Client(), site.url("/short")).startswith("answer cut short")


def test_conditional_get_answers_not_modified(site) -> None:
    site.route("/e.html", article_html(3), etag='"abc"')
    first = Client().get(site.url("/e.html"))
    assert first.etag == '"abc"'
    again = Client().get(site.url("/e.html"), etag=first.etag, last_modified="Fri, 14 Mar 2025 09:00:00 GMT")
    assert again.not_modified and again.body == b""
    sent = site.requests[-1][1]
    assert sent["if-none-match"] == '"abc"' and sent["if-modified-since"].startswith("Fri, 14 Mar")


def _resp(body: bytes, charset: str | None = None) -> Response:
    return Response("http://127.0.0.1/x", 200, body, "text/html", charset)


def test_encodings_declared_wrongly_or_not_at_all() -> None:
    page = article_html(4, charset="windows-1256")
    cp = page.encode("cp1256")
    assert "الحكومة" in decode_page(_resp(cp, "windows-1256"))
    # Declared UTF-8 by the server, written in Windows-1256: the bytes decide.
    assert "الحكومة" in decode_page(_resp(cp, "utf-8"))
    assert "الحكومة" in decode_page(_resp(page.encode("utf-8"), "no-such-charset"))
    assert "الحكومة" in decode_page(_resp(article_html(4).encode("utf-8")))  # meta charset only


def test_binary_bytes_are_not_text() -> None:
    with pytest.raises(FetchError, match="^not text: binary"):
        decode_page(_resp(b"\x00\x01\x02\x03" * 200 + b"\xff\xfe\x00", None))


def test_rate_limit_spaces_one_host_not_others() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    limiter = RateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    assert [limiter.wait("a"), limiter.wait("b"), limiter.wait("a"), limiter.wait("a")] == [0.0, 0.0, 2.0, 2.0]
    now[0] += 10
    assert limiter.wait("a") == 0.0 and slept == [2.0, 2.0]
    assert RateLimiter(0).wait("a") == 0.0
