"""Bad input never stops loading: each bad file gets a one-line reason, every other article loads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.load import LoadResult, load_file, load_paths

GOOD = "عنوان الخبر\nهذا نص عربي سليم عن العلاقات بين البلدين.\n"


def _by_name(res: LoadResult) -> dict[str, object]:
    out: dict[str, object] = {Path(a.path).name: a for a in res.articles}
    out.update({Path(p).name: reason for p, reason in res.skipped})
    return out


def _one_line(reason: str) -> bool:
    return bool(reason) and "\n" not in reason and "Traceback" not in reason and len(reason) < 160


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (d / "pdf.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    with open(d / "huge.txt", "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no disk, no time
    (d / "nulheavy.txt").write_bytes(b"\x00\x01ab" * 4000)
    (d / "fewnuls.txt").write_bytes(GOOD.encode() + b"\x00\x00" + "تتمة".encode())
    (d / "longline.txt").write_text("كلمة " * 210_000, encoding="utf-8")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (d / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (d / "z_good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(d / "nowhere.txt", d / "broken.txt")
    loop = d / "loop"
    loop.mkdir()
    os.symlink(loop, loop / "again")
    os.symlink(d / "selfa.txt", d / "selfb.txt")
    os.symlink(d / "selfb.txt", d / "selfa.txt")
    return d


def test_every_good_article_loads_beside_bad_ones(messy: Path) -> None:
    res = load_paths([messy])
    good = [a for a in res.articles if a.ok and a.title == "عنوان الخبر"]
    assert sorted(Path(a.path).name for a in good) == ["a_good.txt", "fewnuls.txt", "z_good.txt"]
    for a in res.articles:
        assert a.ok or _one_line(a.error)
    for _, reason in res.skipped:
        assert _one_line(reason)


def test_each_bad_file_has_its_reason(messy: Path) -> None:
    got = _by_name(load_paths([messy]))
    assert "binary file" in got["binary.txt"].error
    assert got["pdf.txt"].error == "binary file (PDF), not text"
    assert got["empty.txt"].error == "empty file"
    assert got["blank.txt"].error == "no text (only blank space)"
    assert got["huge.txt"].error == "file too large (200 MB > 4 MB limit for one article)"
    assert "NUL bytes" in got["nulheavy.txt"].error
    assert got["image.png"] == "unsupported file type .png"
    assert got["broken.txt"] == "broken symlink (target missing)"
    assert "symlink loop" in got["again"]
    assert "symlink loop" in got["selfa.txt"] and "symlink loop" in got["selfb.txt"]
    assert ".hidden.txt" not in got


def test_error_articles_have_no_text(messy: Path) -> None:
    for a in load_paths([messy]).articles:
        if not a.ok:
            assert a.text == "" and a.title


def test_a_few_nuls_are_removed_with_a_note(messy: Path) -> None:
    (a,) = load_file(messy / "fewnuls.txt")
    assert a.ok and "\x00" not in a.text and a.text.endswith("تتمة")
    assert a.problems == ["2 NUL character(s) removed from the view"]


def test_a_megabyte_line_loads_with_a_note(messy: Path) -> None:
    (a,) = load_file(messy / "longline.txt")
    assert a.ok and len(a.text) == 5 * 210_000
    assert any(p.startswith("very long line (1,050,000 characters") for p in a.problems)
    assert a.title.endswith("…") and len(a.title) <= 121


def test_invalid_utf8_is_decoded_with_a_note(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(GOOD.encode() + b"\xff\xfe\xc3(" + "ثم نص سليم".encode() * 20)
    (a,) = load_file(f)
    assert a.ok and a.title == "عنوان الخبر" and "ثم نص سليم" in a.text
    assert any("invalid UTF-8" in p for p in a.problems)


def test_missing_path_is_skipped(tmp_path: Path) -> None:
    res = load_paths([tmp_path / "missing.txt", tmp_path / "missing_dir"])
    assert res.articles == []
    assert [r for _, r in res.skipped] == ["no such file or folder"] * 2


def test_explicit_symlink_loop_is_skipped(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    res = load_paths([tmp_path / "a"])
    assert res.skipped and "symlink loop" in res.skipped[0][1]


def _chmod_bites(path: Path) -> bool:
    return not os.access(path, os.R_OK)


def test_permission_denied_file_and_folder(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(GOOD, encoding="utf-8")
    d = tmp_path / "closed"
    d.mkdir()
    (d / "inner.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "open.txt").write_text(GOOD, encoding="utf-8")
    f.chmod(0)
    d.chmod(0)
    try:
        if not _chmod_bites(f):
            pytest.skip("running with privileges that ignore file modes")
        got = _by_name(load_paths([tmp_path]))
        assert got["secret.txt"].error == "permission denied"
        assert got["closed"] == "folder not readable: permission denied"
        assert got["open.txt"].ok
    finally:
        d.chmod(0o755)
        f.chmod(0o644)


def test_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    got = _by_name(load_paths([tmp_path]))
    assert "not a regular file" in got["pipe.txt"]
    assert got["ok.txt"].ok
    # Named explicitly too: reading it would block forever.
    (a,) = load_file(tmp_path / "pipe.txt")
    assert "not a regular file" in a.error


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_any_bytes_load_or_explain_themselves(tmp_path: Path, data: bytes) -> None:
    f = tmp_path / "fuzz.txt"
    f.write_bytes(data)
    (a,) = load_file(f)
    if a.ok:
        assert "\r" not in a.text and "\x00" not in a.text
        for fold in a.folds:
            assert 0 <= fold.start < fold.end <= len(a.text)
    else:
        assert _one_line(a.error)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["x.json", "x.jsonl", "x.md", "x.html", "x.txt"]), body=st.text(max_size=400))
def test_any_text_in_any_format_loads_or_explains_itself(tmp_path: Path, name: str, body: str) -> None:
    f = tmp_path / name
    f.write_text(body, encoding="utf-8", errors="surrogatepass")
    for a in load_file(f):
        assert a.ok or _one_line(a.error)


def test_permission_denied_reason_even_when_running_as_root(tmp_path: Path, monkeypatch) -> None:
    # Root ignores file modes, so the OS error is injected where the loader meets it.
    import builtins
    import errno

    from tui.corpus import load as load_mod

    (tmp_path / "secret.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    (tmp_path / "open.txt").write_text(GOOD, encoding="utf-8")
    real_open, real_scandir = builtins.open, os.scandir

    def fake_open(path, *args, **kwargs):
        if str(path).endswith("secret.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def fake_scandir(path="."):
        if str(path).endswith("closed"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(load_mod, "open", fake_open, raising=False)
    monkeypatch.setattr(load_mod.os, "scandir", fake_scandir)
    got = _by_name(load_paths([tmp_path]))
    assert got["secret.txt"].error == "permission denied"
    assert got["closed"] == "folder not readable: permission denied"
    assert got["open.txt"].ok


def test_a_folder_given_to_load_file(tmp_path: Path) -> None:
    (a,) = load_file(tmp_path)
    assert a.error == "is a folder, not a file"


# -- resource bombs ---------------------------------------------------------------------------------

def _alias_bomb(levels: int, key: str = "title") -> str:
    names = "abcdefghij"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * 9) + "]")
    lines.append(f"{key}: *{names[levels - 1]}")
    return "---\n" + "\n".join(lines) + "\n---\nعنوان\n\nنص المقال بعد الترويسة.\n"


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_yaml_alias_bomb_in_front_matter_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    libyaml: bool) -> None:
    """Five levels of aliases are cheap enough to show the old behaviour fail fast (a title of
    59,049 strings); the real bomb is below. Both loaders refuse it: libyaml's, and the pure
    Python one PyYAML falls back to when it was built without libyaml."""
    import yaml

    if not libyaml:
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml here")
    f = tmp_path / "bomb.md"
    f.write_text(_alias_bomb(5), encoding="utf-8")
    (a,) = load_file(f)
    assert a.ok and len(a.title) < 200
    assert any("YAML aliases" in p for p in a.problems)
    assert "نص المقال" in a.text  # the article is still read, front matter shown as text


BOMB_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a regression fails, not the machine
from tui.corpus.load import load_file
(a,) = load_file(sys.argv[1])
print(a.author, len(a.title), a.problems)
"""


def test_nine_level_alias_bomb_costs_nothing(tmp_path: Path) -> None:
    """~500 bytes standing for 9**9 strings: walking the metadata took GBs and minutes. In a child
    process with 1 GB of address space and a time limit, so a regression cannot take the machine."""
    import subprocess
    import sys

    f = tmp_path / "bomb.md"
    f.write_text(_alias_bomb(9, key="author"), encoding="utf-8")
    assert f.stat().st_size < 600
    out = subprocess.run([sys.executable, "-c", BOMB_CHILD, str(f)], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.startswith("None ") and "YAML aliases" in out.stdout


def test_front_matter_without_aliases_still_reads(tmp_path: Path) -> None:
    f = tmp_path / "ok.md"
    f.write_text("---\ntitle: عنوان\nauthor: [أ, ب]\ndate: 2025-02-18\n---\nنص\n", encoding="utf-8")
    (a,) = load_file(f)
    assert (a.title, a.author, a.date, a.problems) == ("عنوان", "أ، ب", "2025-02-18", [])


def test_deeply_nested_json_is_one_line_reason(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text('{"text": "نص"}\n' + "[" * 100_000 + "]" * 100_000 + "\n")
    (a,) = load_file(tmp_path / "deep.json")
    assert a.error == "JSON nested too deeply to be an article"
    good, bad = load_file(tmp_path / "deep.jsonl")
    assert good.ok and bad.error == "line 2: JSON nested too deeply"


def test_a_tree_a_thousand_folders_deep_loads_what_it_can(tmp_path: Path) -> None:
    """The recursive walk raised RecursionError at ~990 levels and the whole load failed."""
    from tui.corpus.load import MAX_DEPTH

    (tmp_path / "top.txt").write_text(GOOD, encoding="utf-8")
    chain = [tmp_path]
    for _ in range(1100):  # one level at a time: Path.mkdir(parents=True) recurses too
        chain.append(chain[-1] / "d")
        chain[-1].mkdir()
    try:
        (chain[-1] / "bottom.txt").write_text(GOOD, encoding="utf-8")
        (chain[10] / "ten.txt").write_text(GOOD, encoding="utf-8")
        res = load_paths([tmp_path])
        assert sorted(Path(a.path).name for a in res.articles) == ["ten.txt", "top.txt"]
        assert res.skipped == [(str(chain[MAX_DEPTH + 1]), f"folder more than {MAX_DEPTH} levels deep; not read")]
    finally:
        (chain[-1] / "bottom.txt").unlink()
        for folder in reversed(chain[1:]):  # shutil.rmtree recurses as well
            for f in folder.iterdir():
                f.unlink()
            folder.rmdir()


def test_walk_order_is_unchanged_by_the_iterative_walk(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "a/z/1.txt", "a/0.txt", "c.txt", "a/y.txt", "0.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(GOOD, encoding="utf-8")
    names = [str(Path(a.path).relative_to(tmp_path)) for a in load_paths([tmp_path]).articles]
    assert names == ["0.txt", "a/0.txt", "a/y.txt", "a/z/1.txt", "b/2.txt", "c.txt"]


def test_an_article_over_the_text_limit_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    """15 MB of text took ~1.5 GB and a minute of CPU in the reader; it is refused by its size."""
    import builtins

    from tui.corpus import load as load_mod

    with open(tmp_path / "long.txt", "wb") as f:
        f.truncate(15 * 1024 * 1024)
    real_open = builtins.open

    def no_read(path, *a, **k):
        assert not str(path).endswith("long.txt"), "read a file its size already refused"
        return real_open(path, *a, **k)

    monkeypatch.setattr(load_mod, "open", no_read, raising=False)
    (a,) = load_file(tmp_path / "long.txt")
    assert a.error == "file too large (15 MB > 4 MB limit for one article)"


def test_a_collection_may_be_larger_but_not_one_record(tmp_path: Path) -> None:
    import json as _json

    small = _json.dumps({"title": "خبر", "text": "نص قصير عن الخبر. " * 40}, ensure_ascii=False)
    huge = _json.dumps({"title": "طويل", "text": "كلمة " * 500_000}, ensure_ascii=False)  # 4.3 MB
    f = tmp_path / "many.jsonl"
    f.write_text("\n".join([small] * 3000 + [huge]) + "\n", encoding="utf-8")
    assert f.stat().st_size > 6 * 1024 * 1024
    arts = load_file(f)
    assert len(arts) == 3001 and all(a.ok for a in arts[:3000])
    assert arts[-1].error == "article too long (4.3 MB of text > 4 MB limit for one article)"
