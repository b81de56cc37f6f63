"""A folder of real-looking news named by day: the sidebar sorts it by date and marks where each
date came from (issue 12)."""

from __future__ import annotations

from pathlib import Path

from tui.corpus.load import load_paths
from tui.store.state import StateStore
from tui.text.layout import LayoutOptions
from tui.ui.app import QariApp
from tui.ui.sidebar import Entry, Sidebar, _meta, title_facts

NAMES = ["2015-08-03_okaz_01158", "2015-08-01_alriyadh_00544", "2015-08-04_sabq_01330", "2015-08-02_alyaum_00965"]


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    for n in NAMES:
        (d / f"{n}.txt").write_text(f"خبر {n[-5:]}\n\nقال المتحدث أمس إن الاجتماع انتهى.\n", encoding="utf-8")
    # The last file is listed in a manifest with another day: the manifest wins and is marked.
    (d / "manifest.tsv").write_text("id\tsource\tdate_extracted\n2015-08-02_alyaum_00965\talyaum\t2015-07-30 10:00:00\n",
                                    encoding="utf-8")
    return d


def test_entry_marks_dates_from_outside_the_article(tmp_path: Path) -> None:
    arts = {a.id: a for a in load_paths([_folder(tmp_path)]).articles}
    # The metadata line starts with an LRM (it is kept left to right whatever its first word).
    okaz, alyaum = (_meta(arts[k]).lstrip("\u200e") for k in ("2015-08-03_okaz_01158", "2015-08-02_alyaum_00965"))
    assert okaz.startswith("2015-08-03~n · ")
    assert alyaum.startswith("2015-07-30~m · ")
    assert alyaum.replace("\u2068", "").replace("\u2069", "").endswith(" · alyaum")  # the source is isolated (FSI…PDI)
    entry = Entry(title_facts("خبر"), LayoutOptions(), arts["2015-08-03_okaz_01158"])
    assert "2015-08-03~n" in entry.lines(36)[-1][0]


async def test_o_sorts_the_folder_by_date(tmp_path: Path) -> None:
    res = load_paths([_folder(tmp_path)])
    app = QariApp(res.articles, res.skipped, store=StateStore(tmp_path / "state.json"), keymap_path=tmp_path / "k.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        await pilot.press("o")
        await pilot.pause()
        assert sidebar.sort == "date"
        shown = [res.articles[i].date for i in sidebar.order]
        assert shown == ["2015-08-04", "2015-08-03", "2015-08-01", "2015-07-30"]  # newest first
