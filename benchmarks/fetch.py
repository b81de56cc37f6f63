"""Fetching a morning's news: ``qari fetch`` against a local server of N article pages and an RSS feed.

    python benchmarks/fetch.py [--pages 300] [--folder /work/shared/data/saudinewsnet/articles]

The pages are real news texts (SaudiNewsNet, evaluation data, read here and never stored in the
project) wrapped in a news page's HTML (masthead, byline, share row, related links) and served from
memory on 127.0.0.1; without the folder, generated Arabic pages. Each round runs ``qari fetch`` as
its own process with its own data/config/cache folders (rate limit 0: it is one local host):

1. an empty collection: N new pages fetched, extracted, stored, then analysed and linked;
2. again with nothing new (the feed answers 304): the cost of a morning with no news;
3. N more pages in the feed: fetching and linking the new ones into the N already there.

Reported: wall seconds per round, the fetch/link split the command prints, and the process's peak
RSS (its largest child: the analysis may fork workers). Nothing here asserts; run it twice on a
shared machine.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = Path("/work/shared/data/saudinewsnet/articles")


def texts(folder: Path, n: int) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.txt"))[: n * 2]:
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8", errors="replace").split("\n") if ln.strip()]
            if len(lines) >= 2 and sum(len(ln.split()) for ln in lines[1:]) >= 40:
                out.append((lines[0], lines[1:]))
            if len(out) == n:
                return out
    words = ["الحكومة", "الوزير", "المدينة", "الاقتصاد", "الأسواق", "النفط", "المستشفى", "المدرسة", "الطلاب", "المشروع"]
    while len(out) < n:
        k = len(out)
        body = [" ".join(words[(k * 7 + j * 3 + i) % len(words)] for i in range(18)) + "." for j in range(6)]
        out.append((f"خبر تجريبي رقم {k}", body))
    return out


def page(title: str, body: list[str], n: int) -> bytes:
    t = html.escape(title)
    ps = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{t} - صحيفة</title>
<meta property="og:title" content="{t}"><meta property="og:site_name" content="صحيفة محلية">
<meta property="article:published_time" content="2015-08-0{1 + n % 6}T08:00:00+03:00"></head><body>
<header><nav><a href="/">الرئيسية</a> | <a href="/a">محليات</a> | <a href="/b">رياضة</a></nav></header>
<main><article><h1>{t}</h1><div class="byline">كتب: محرر الصحيفة</div>{ps}
<div class="share">شارك: فيسبوك تويتر</div></article>
<aside><h3>اقرأ أيضا</h3><ul><li><a href="/x">خبر آخر</a></li></ul></aside></main>
<footer>جميع الحقوق محفوظة</footer></body></html>""".encode()


def rss(urls: list[str], titles: list[str]) -> bytes:
    items = "".join(f"<item><title>{html.escape(t)}</title><link>{u}</link></item>" for t, u in zip(titles, urls))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>صحيفة</title>'
            f"<link>http://127.0.0.1/</link><description>x</description>{items}</channel></rss>").encode()


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str, str | None]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a) -> None:
                pass

            def do_GET(self) -> None:
                body, ctype, etag = routes.get(self.path, (b"", "", None))
                if not ctype:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()


def run(env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB of the process and its children, what it printed)."""
    code = ("import resource, sys; from tui.__main__ import main; status = main(['fetch']); "
            "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
            "print(f'peak_rss_kb {max(own, kids)}', file=sys.stderr); sys.exit(status)")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    m = re.search(r"peak_rss_kb (\d+)", proc.stderr)
    rss_mb = int(m.group(1)) / 1024 if m else float("nan")
    said = " | ".join(ln for ln in proc.stderr.splitlines() if not ln.startswith("peak_rss_kb"))
    return wall, rss_mb, said


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    args = ap.parse_args()
    n = args.pages
    docs = texts(args.folder, 2 * n)
    source = "SaudiNewsNet texts" if args.folder.is_dir() else "generated texts"
    server = Server()
    base = f"http://127.0.0.1:{server.port}"
    urls = [f"{base}/news/{k}.html" for k in range(2 * n)]
    for k, (title, body) in enumerate(docs):
        server.routes[f"/news/{k}.html"] = (page(title, body, k), "text/html; charset=utf-8", None)

    def publish(count: int, tag: str) -> None:
        server.routes["/rss.xml"] = (rss(urls[:count], [d[0] for d in docs[:count]]), "application/rss+xml", tag)

    with tempfile.TemporaryDirectory(prefix="qari-fetch-bench-") as tmp:
        env = dict(os.environ)
        for name in ("DATA", "CONFIG", "CACHE"):
            Path(tmp, name.lower()).mkdir()
            env[f"QARI_{name}_DIR"] = str(Path(tmp, name.lower()))
        Path(tmp, "config", "feeds.toml").write_text(
            f'[[feed]]\nurl = "{base}/rss.xml"\n[fetch]\nper_host_interval = 0\n', encoding="utf-8")
        print(f"{n} pages per round, {source}, one local host, {os.cpu_count()} CPUs")
        publish(n, '"1"')
        for label, before in (("1. empty collection, N new", None), ("2. nothing new (304)", None),
                              ("3. N more onto N", lambda: publish(2 * n, '"2"'))):
            if before:
                before()
            wall, rss_mb, said = run(env)
            print(f"{label:28} {wall:6.2f} s wall, peak RSS {rss_mb:5.0f} MB   [{said}]")
        # Without the feed's ETag: the feed is read and parsed, every item is known, no page asked.
        server.routes["/rss.xml"] = (server.routes["/rss.xml"][0], "application/rss+xml", None)
        wall, rss_mb, said = run(env)
        print(f"{'4. nothing new (no ETag)':28} {wall:6.2f} s wall, peak RSS {rss_mb:5.0f} MB   [{said}]")
        # Where round 3's linking time goes: reading the collection back, then the analysis with
        # every article already in the cache (the floor of any incremental run).
        code = ("import time; t0 = time.perf_counter(); from tui.fetch.collect import collection_files; "
                "from tui.corpus.load import load_paths; arts = [a for a in load_paths(collection_files()).articles if a.ok]; "
                "t1 = time.perf_counter(); from tui.analysis.pipeline import analyze_corpus; from tui.store.cache import AnalysisCache; "
                "c = AnalysisCache(); ph = {}; analyze_corpus(arts, cache=c, timings=ph); c.close(); t2 = time.perf_counter(); "
                "print(f'{len(arts)} articles: load {t1 - t0:.2f} s, analysis on a warm cache {t2 - t1:.2f} s', "
                "' '.join(f'{k}={v:.2f}' for k, v in ph.items()))")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
        print(f"{'5. re-link, nothing new':28} {out.stdout.strip() or out.stderr.strip()[-200:]}")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import tui.__main__"], cwd=ROOT, env=env, check=True)
        print(f"(python start + import tui.__main__ alone: {time.perf_counter() - t0:.2f} s)")
    server.httpd.shutdown()


if __name__ == "__main__":
    main()
