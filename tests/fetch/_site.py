"""Arabic pages and feeds the fetch tests serve themselves, and the server that serves them.

Nothing here is recorded from a real site: the pages are written below, in the shapes news sites
use (masthead, byline, share row, related links), so trafilatura has real work to do.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate

SENTENCES = [
    "أعلنت وزارة الصحة اليوم عن خطة جديدة لتوسيع شبكة المستشفيات في المحافظات الجنوبية خلال العامين المقبلين.",
    "وقال الوزير في مؤتمر صحفي إن الخطة تشمل بناء عشرة مستشفيات وتجهيزها بأحدث المعدات الطبية.",
    "وأضاف أن التمويل سيأتي من الموازنة العامة ومن قروض ميسرة قدمها البنك الدولي.",
    "ويرى خبراء أن المشروع سيخفف الضغط عن مستشفيات العاصمة التي تعاني من الاكتظاظ منذ سنوات.",
    "وتعهدت الحكومة بنشر تقارير دورية عن تقدم العمل في كل مستشفى على موقعها الرسمي.",
    "وشهدت الأسواق المالية في المنطقة ارتفاعا ملحوظا بعد إعلان نتائج الربع الثالث للشركات الكبرى.",
    "وأكد رئيس البورصة أن حجم التداول بلغ أعلى مستوى له منذ بداية العام الجاري.",
    "وأشار محللون إلى أن أسعار النفط المستقرة دعمت ثقة المستثمرين في أسهم قطاع الطاقة.",
]


def article_html(n: int, *, title: str | None = None, body: list[str] | None = None, charset: str = "utf-8",
                 date: str = "2025-03-14", site: str = "صحيفة الاختبار") -> str:
    title = title if title is not None else f"خبر رقم {n}: الحكومة تعلن خطة جديدة للمستشفيات"
    paras = body if body is not None else [SENTENCES[(n + k) % len(SENTENCES)] + f" (التقرير {n}-{k})" for k in range(5)]
    ps = "\n".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>{title} - {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="author" content="سارة الحربي">
<meta property="article:published_time" content="{date}T09:00:00+03:00">
</head><body>
<header><nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a> | <a href="/sport">رياضة</a></nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">كتبت: سارة الحربي</div>
{ps}
<div class="share">شارك: فيسبوك تويتر واتساب</div>
</article>
<aside><h3>اقرأ أيضا</h3><ul><li><a href="/x/1">ارتفاع أسعار الذهب</a></li></ul></aside></main>
<footer>جميع الحقوق محفوظة © 2025</footer>
</body></html>"""


def rss(items: list[tuple[str, str]], *, title: str = "صحيفة الاختبار - آخر الأخبار") -> str:
    rows = "\n".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>Fri, 14 Mar 2025 09:00:00 +0300</pubDate></item>"
        for t, link in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>http://example.invalid/</link>
<description>أخبار</description>
{rows}
</channel></rss>"""


def atom(items: list[tuple[str, str]], *, title: str = "تغذية أتوم") -> str:
    rows = "\n".join(
        f'<entry><title type="html">{t}</title><link href="{link}"/><id>{link}</id>'
        f"<updated>2025-03-15T10:00:00Z</updated></entry>" for t, link in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><id>urn:x</id>
<updated>2025-03-15T10:00:00Z</updated>
{rows}
</feed>"""


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answered with 304 when the request sends it back
    handler: Callable[[http.server.BaseHTTPRequestHandler], None] | None = None


class Site:
    """A local HTTP server: ``site.route(path, ...)`` sets an answer, ``site.url(path)`` names it,
    ``site.requests`` lists (path, headers) of every request in order."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()  # handlers that hang wait for this
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(self.path)
                if route is None:
                    self._answer(404, b"not found", "text/plain")
                    return
                if route.handler is not None:
                    route.handler(self)
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                extra = dict(route.headers)
                if route.etag:
                    extra["ETag"] = route.etag
                self._answer(route.status, route.body, route.content_type, extra)

            def _answer(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                if "Content-Length" not in (extra or {}):
                    self.send_header("Content-Length", str(len(body)))
                self.send_header("Date", formatdate(usegmt=True))
                self.end_headers()
                self.wfile.write(body)

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # the client hung up on purpose (a refused huge answer): not news

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: str | bytes = b"", **kw) -> str:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **kw)
        return self.url(path)

    def page(self, path: str, n: int = 0, **kw) -> str:
        return self.route(path, article_html(n, **kw))

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)
