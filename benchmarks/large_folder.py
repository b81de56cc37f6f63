"""A large folder in the reader: time to first paint, time until every article is listed, and the
cost of sorting, filtering and re-rendering the sidebar at that size.

    python benchmarks/large_folder.py [FOLDER]   (default: /work/shared/data/saudinewsnet/articles)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.store.state import StateStore  # noqa: E402
from tui.ui.app import QariApp  # noqa: E402
from tui.ui.corpus_source import start  # noqa: E402
from tui.ui.sidebar import Sidebar  # noqa: E402

DEFAULT = "/work/shared/data/saudinewsnet/articles"


async def main(folder: str) -> None:
    t0 = time.perf_counter()
    started = start([folder])
    t_start = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        app = QariApp(started.articles, started.skipped, store=StateStore(Path(tmp) / "state.json"),
                      keymap_path=Path(tmp) / "none.toml")
        if started.pending is not None:
            app.pending_load = (started.pending, started.expected)
        async with app.run_test(size=(120, 40)) as pilot:
            # run_test hands over once the app is mounted and its first frame composed.
            t_ready = time.perf_counter() - t0
            await pilot.pause()
            t_paint = time.perf_counter() - t0
            await app.workers.wait_for_complete()
            await pilot.pause()
            t_all = time.perf_counter() - t0
            sidebar = app.query_one(Sidebar)
            print(f"articles: {len(app.articles):,} listed, {len(app.skipped):,} skipped")
            print(f"first batch loaded (start):   {t_start * 1000:8.0f} ms")
            print(f"app ready, first frame:       {t_ready * 1000:8.0f} ms")
            print(f"event queue settled:          {t_paint * 1000:8.0f} ms  (loading thread running)")
            print(f"all listed:                   {t_all * 1000:8.0f} ms")
            for label, step in (("sort by date", lambda: pilot.press("o")),
                                ("sort by title", lambda: pilot.press("o")),
                                ("resize (re-render all)", lambda: pilot.resize_terminal(100, 40))):
                t = time.perf_counter()
                await step()
                await pilot.pause()
                print(f"{label + ':':30s}{(time.perf_counter() - t) * 1000:8.0f} ms")
            t = time.perf_counter()
            sidebar.set_filter("السعودية")
            await pilot.pause()
            print(f"{'filter (one keystroke):':30s}{(time.perf_counter() - t) * 1000:8.0f} ms  -> {len(sidebar.order):,} shown")


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    if not Path(target).exists():
        sys.exit(f"large_folder: {target} not found")
    asyncio.run(main(target))
