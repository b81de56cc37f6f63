"""Keeping a link index in the analysis cache: chunks written once and named by the index
image, so that saving after an update writes kilobytes (``save_index``/``load_index``);
and choosing, per run, the kept index to reuse or update (``linked``)."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import uuid
import zipfile
from typing import Any, Callable

import numpy as np

from tui.analysis.links.index import LinkIndex, LinkStats, candidates_for
from tui.analysis.model import Link

# Per cache file, the index the last run linked: a second run in the same process (the
# reader analyses the first articles at mount, then the whole collection) starts from it.
_INDEX: dict[str, tuple[str, LinkIndex]] = {}
KEEP_INDEXES = 2  # link indexes kept in the cache (e.g. two collections read in turn)


def _get(cache: Any, key: tuple[str, str]) -> Any:
    if hasattr(cache, "get_many"):
        return cache.get_many([key]).get(key)
    return cache.get(key)

_ARRAYS = ("ptr", "starts", "ends", "selfs", "cand", "cval")
_CSR = ("d_ptr", "d_idx", "d_val", "q_ptr", "q_idx", "q_val")


# An article's links, as a chunk holds them: "L2", the count n, nine int32 columns (start,
# end, target, target start, target end, reason, conflict, strength, own) and one float64
# column (score), then a JSON list of the distinct strings the columns point into (null
# for no conflict). Reading SaudiNewsNet's 110 000 links at every start: 0.21 s as one JSON
# row per link, 0.18 s so (GC paused, as analyze_corpus runs); parsing is now 0.04 s of it,
# the rest is building the Link objects, which only reading them lazily would save.
# Chunks written as JSON rows (b"[" first) are still read.
_LINKS_MAGIC = b"L2"


def _table_at(n: int) -> int:
    """Where the string table of a record of ``n`` links starts: magic, count, then 9 int32
    and 1 float64 per link."""
    return 6 + 44 * n


def _encode_links(ls: list[Link], directed: list[Link]) -> bytes:
    own = {id(l) for l in directed}
    table: dict[str | None, int] = {}

    def at(x: str | None) -> int:
        return table.setdefault(x, len(table))

    cols: list[list[int]] = [[] for _ in range(9)]
    for l in ls:
        for col, v in zip(cols, (l.start, l.end, at(l.target), l.target_start, l.target_end, at(l.reason), at(l.conflict), at(l.strength), id(l) in own)):
            col.append(int(v))
    n = len(ls)
    nums = struct.pack(f"<I{9 * n}i{n}d", n, *(v for col in cols for v in col), *(l.score for l in ls))
    return _LINKS_MAGIC + nums + json.dumps(list(table), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _decode_links(data: bytes | memoryview) -> tuple[list[Link], list[Link]]:
    if data[:1] == b"[":
        return _decode_json_links(bytes(data))
    if data[:2] != _LINKS_MAGIC:
        raise ValueError("not a links record")
    (n,) = struct.unpack_from("<I", data, 2)
    end = _table_at(n)
    nums = struct.unpack_from(f"<{9 * n}i{n}d", data, 6)
    tab = json.loads(bytes(data[end:]).decode("utf-8", "surrogatepass"))
    s, e, t, ts, te, r, c, st, own = (nums[i * n : (i + 1) * n] for i in range(9))
    links = [
        Link(a, b, tab[ti], x, y, sc, tab[ri], tab[ci], tab[si])
        for a, b, ti, x, y, ri, ci, si, sc in zip(s, e, t, ts, te, r, c, st, nums[9 * n :])
    ]
    return links, [l for l, o in zip(links, own) if o]


class _Packed:
    """One article's links as a chunk holds them, decoded only when asked for: a start reads
    110 000 links of SaudiNewsNet, and building their objects (0.15 s) was most of reading
    them, for a reader that shows one article's at a time."""

    __slots__ = ("blob", "off", "ln")

    def __init__(self, blob: bytes, off: int, ln: int) -> None:
        self.blob, self.off, self.ln = blob, off, ln

    def framed(self) -> bool:
        """Whether the record's frame is whole: in its chunk, and as long as its count says
        (what ``load_index`` checks of every record without decoding it)."""
        off, ln, blob = self.off, self.ln, self.blob
        if off < 0 or ln < 2 or off + ln > len(blob):
            return False
        if blob[off : off + 1] == b"[":
            return True
        if blob[off : off + 2] != _LINKS_MAGIC or ln < 6:
            return False
        (n,) = struct.unpack_from("<I", blob, off + 2)
        return _table_at(n) <= ln

    def decode(self) -> tuple[list[Link], list[Link]]:
        """(links, own links); none for a record damaged inside its frame (checked when the
        index was read), which only costs that article its links until it is linked again."""
        try:
            return _decode_links(memoryview(self.blob)[self.off : self.off + self.ln])
        except (ValueError, TypeError, IndexError, KeyError, struct.error, UnicodeDecodeError):
            return [], []


def _decode_json_links(data: bytes) -> tuple[list[Link], list[Link]]:
    links, directed = [], []
    for r in json.loads(data.decode("utf-8", "surrogatepass")):
        l = Link(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[9])  # positional: 20% faster
        links.append(l)
        if r[8]:
            directed.append(l)
    return links, directed


def _npz(arrays: dict[str, np.ndarray], meta: dict) -> bytes:
    arrays = dict(arrays, meta=np.frombuffer(json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"), dtype=np.uint8))
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _unnpz(data: bytes) -> tuple[dict[str, np.ndarray], dict]:
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        a = {k: z[k] for k in z.files}
    return a, json.loads(a.pop("meta").tobytes().decode("utf-8", "surrogatepass"))


def save_index(idx: LinkIndex, put_chunk: Callable[[str, bytes], None]) -> bytes:
    """Write what ``idx`` has that no chunk holds yet (the BM25 rows of new passages, the
    links of articles whose links changed; the statistics too for a new epoch) as one new
    chunk through ``put_chunk(id, data)``; return the image of the index itself, which
    names its chunks. After an update that is kilobytes, not the whole corpus again."""
    rows = np.flatnonzero(idx._store_rows() < 0)
    dirty = [aid for aid in idx.links if aid not in idx.link_at]
    if len(rows) or dirty or not idx.chunks:
        pieces = [_encode_links(idx.links[aid], idx.directed.get(aid, [])) for aid in dirty]
        arrays: dict[str, np.ndarray] = {
            "links": np.frombuffer(b"".join(pieces), dtype=np.uint8),
            "link_ptr": np.concatenate([[0], np.cumsum([len(b) for b in pieces], dtype=np.int64)]).astype(np.int64),
        }
        meta: dict[str, Any] = {"linked": dirty}
        if len(rows):
            idx._matrices()
            d = idx.dmat[rows]
            q = idx.qmat[rows]
            arrays.update(d_ptr=d.indptr, d_idx=d.indices, d_val=d.data, q_ptr=q.indptr, q_idx=q.indices, q_val=q.data)
        if not idx.chunks:
            arrays["df"] = idx.stats.df
            meta["stats"] = {
                "terms": idx.stats.terms, "n": idx.stats.n, "avgdl": idx.stats.avgdl, "common": sorted(idx.stats.common),
                "cuts": list(idx.stats.cuts) if idx.stats.cuts else None,
            }
        cid = f"{idx.epoch}.{uuid.uuid4().hex[:12]}"
        put_chunk(cid, _npz(arrays, meta))
        store = idx._store_rows().copy()
        store[rows] = idx.n_store + np.arange(len(rows))
        idx.store_row, idx.n_store = store, idx.n_store + len(rows)
        off = np.cumsum([0] + [len(b) for b in pieces]).tolist()
        for i, aid in enumerate(dirty):
            idx.link_at[aid] = (cid, off[i], off[i + 1] - off[i])
        idx.chunks.append(cid)
    where = {cid: i for i, cid in enumerate(idx.chunks)}
    meta = {
        "articles": idx.articles,
        "keys": idx.keys,
        "drift": idx.drift,
        "epoch": idx.epoch,
        "chunks": idx.chunks,
        "n_store": idx.n_store,
        "links": [[aid, where[c], o, n] for aid, (c, o, n) in idx.link_at.items()],
    }
    return _npz({**{name: getattr(idx, name) for name in _ARRAYS}, "store_row": idx._store_rows()}, meta)


def load_index(data: bytes, get_chunk: Callable[[str], bytes | None]) -> LinkIndex | None:
    """The index ``save_index`` wrote, with its chunks from ``get_chunk``; None if any part
    is missing or damaged (a cache entry is only ever a reason to compute again)."""
    try:
        a, meta = _unnpz(data)
        parts = []
        for cid in meta["chunks"]:
            got = get_chunk(cid)
            if got is None:
                return None
            parts.append(_unnpz(got))
        ca, cm = parts[0]
        st = cm["stats"]
        stats = LinkStats(list(st["terms"]), ca["df"], int(st["n"]), float(st["avgdl"]), frozenset(st["common"]))
        stats.cuts = tuple(float(x) for x in st["cuts"]) if st.get("cuts") else None
        store: dict[str, list[np.ndarray]] = {k: [] for k in _CSR}
        d_base = q_base = 0
        for pa, _ in parts:
            if "d_ptr" not in pa:
                continue
            store["d_ptr"].append(pa["d_ptr"][:-1].astype(np.int64) + d_base)
            store["q_ptr"].append(pa["q_ptr"][:-1].astype(np.int64) + q_base)
            d_base += int(pa["d_ptr"][-1])
            q_base += int(pa["q_ptr"][-1])
            for k in ("d_idx", "d_val", "q_idx", "q_val"):
                store[k].append(pa[k])
        raw = {
            "d_ptr": np.concatenate(store["d_ptr"] + [np.array([d_base], dtype=np.int64)]),
            "q_ptr": np.concatenate(store["q_ptr"] + [np.array([q_base], dtype=np.int64)]),
            "d_idx": np.concatenate(store["d_idx"]) if store["d_idx"] else np.zeros(0, dtype=np.int32),
            "d_val": np.concatenate(store["d_val"]) if store["d_val"] else np.zeros(0, dtype=np.float32),
            "q_idx": np.concatenate(store["q_idx"]) if store["q_idx"] else np.zeros(0, dtype=np.int32),
            "q_val": np.concatenate(store["q_val"]) if store["q_val"] else np.zeros(0, dtype=np.float32),
        }
        packed: dict[str, _Packed] = {}
        link_at: dict[str, tuple[str, int, int]] = {}
        blobs = [pa["links"].tobytes() for pa, _ in parts]
        for aid, ci, off, ln in meta["links"]:
            rec = _Packed(blobs[ci], int(off), int(ln))
            if not rec.framed():
                return None
            packed[aid] = rec
            link_at[aid] = (meta["chunks"][ci], off, ln)
        n = len(a["starts"])
        idx = LinkIndex(
            stats, list(meta["articles"]), list(meta["keys"]), a["ptr"], a["starts"], a["ends"], a["selfs"], None, None,
            a["cand"], a["cval"], {}, {}, int(meta["drift"]), str(meta["epoch"]), list(meta["chunks"]),
            a["store_row"].astype(np.int64), int(meta["n_store"]), link_at, raw, packed,
        )
        ok = (
            len(idx.ptr) == len(idx.articles) + 1
            and int(idx.ptr[-1]) == n
            and idx.cand.shape == (n, candidates_for(stats.n))
            and len(idx.store_row) == n
            and len(raw["d_ptr"]) == idx.n_store + 1
            and len(raw["q_ptr"]) == idx.n_store + 1
            and (n == 0 or (0 <= int(idx.store_row.min()) and int(idx.store_row.max()) < idx.n_store))
            and int(raw["d_idx"].max(initial=0)) < max(len(stats.terms), 1)
        )
        return idx if ok else None
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, zipfile.BadZipFile, struct.error):
        return None


def _members(link_keys) -> list[str]:
    # Short digests of (article, key): enough to tell which kept index shares most articles.
    return [hashlib.blake2b(f"{aid}\0{key}".encode("utf-8", "surrogatepass"), digest_size=8).hexdigest() for aid, key in link_keys]


def linked(cache: Any, where: str | None, sig: str, version: str, link_keys, infos_for, texts, procs: int = 1) -> LinkIndex:
    """The link index of this corpus: as kept (memory, then cache), else updated from the
    kept index sharing most articles with it (the reader analyses the first articles at
    start, then the whole collection: two indexes, each the other's poor base), else built
    (in ``procs`` processes when large, see ``LinkIndex.build``)."""
    kind = "linkindex-" + version
    raw = cache is not None and hasattr(cache, "get_bytes") and hasattr(cache, "put_bytes")
    manifest: dict = {}
    if raw:
        got = _get(cache, ("recent", kind))
        manifest = got if isinstance(got, dict) else {}
    recent = [x for x in manifest.get("sigs", []) if isinstance(x, str)]
    members = manifest.get("members") if isinstance(manifest.get("members"), dict) else {}
    mine = _members(link_keys)
    held = _INDEX.get(where) if where else None

    chunk_kind = kind + "/chunk"

    def load(s: str) -> LinkIndex | None:
        if held is not None and held[0] == s:
            return held[1]
        data = cache.get_bytes((s, kind)) if raw else None
        return load_index(data, lambda cid: cache.get_bytes((cid, chunk_kind))) if data else None

    index = None
    stored = False
    prev = load(sig) if sig in recent or (held is not None and held[0] == sig) else None
    if prev is not None and dict(zip(prev.articles, prev.keys)) == dict(link_keys):
        index, stored = prev, sig in recent
    else:
        mine_set = set(mine)
        shared = {x: len(mine_set.intersection(members.get(x) or ())) for x in recent if x != sig}
        if held is not None:
            shared[held[0]] = len(mine_set.intersection(_members(zip(held[1].articles, held[1].keys))))
        # The index in memory costs nothing to read: it wins over one that shares only a
        # few more articles (reading one is worth re-linking about a hundred articles).
        bonus = {held[0]: max(1, len(mine) // 50)} if held is not None else {}
        for base in sorted((x for x in shared if shared[x]), key=lambda x: -(shared[x] + bonus.get(x, 0))):
            prev = load(base)
            if prev is not None:
                index = prev.update(link_keys, infos_for, texts, procs)
                break
    if index is None:
        index = LinkIndex.build(link_keys, infos_for, texts, procs=procs)
    if where:
        _INDEX[where] = (sig, index)
    if raw and not (stored and recent[:1] == [sig]):
        chunks = manifest.get("chunks") if isinstance(manifest.get("chunks"), dict) else {}
        if not stored:
            image = save_index(index, lambda cid, data: cache.put_bytes((cid, chunk_kind), data))
            cache.put_bytes((sig, kind), image)
        keep = [sig] + [x for x in recent if x != sig]
        for old in keep[KEEP_INDEXES:]:
            cache.delete_bytes((old, kind))
        keep = keep[:KEEP_INDEXES]
        # Chunks no kept index names any more (a refreshed epoch, an index dropped) go.
        known = {c for cs in chunks.values() if isinstance(cs, list) for c in cs}
        chunks = {x: chunks.get(x) for x in keep if x != sig and isinstance(chunks.get(x), list)}
        chunks[sig] = list(index.chunks)
        live = {c for cs in chunks.values() for c in cs}
        for c in sorted(known - live):
            cache.delete_bytes((c, chunk_kind))
        members = {x: members.get(x) for x in keep if x != sig and members.get(x)}
        members[sig] = mine
        cache.put(("recent", kind), {"sigs": keep, "members": members, "chunks": chunks})
    return index


def corpus_signature(keys: dict[str, tuple[str, str]], version: str) -> str:
    h = hashlib.sha256(version.encode())
    for aid in sorted(keys):
        h.update(f"{aid}\0{keys[aid][0]}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()
