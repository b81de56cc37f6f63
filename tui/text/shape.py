"""Arabic contextual shaping with a logical map.

Implemented here rather than through arabic-reshaper because the layout must know, for every shaped glyph,
which logical characters it came from, and because shaping dominates layout time. Joining types come from
Unicode's ArabicShaping.txt (15.0, embedded below); presentation forms are read from the Unicode
decompositions of U+FB50–U+FEFF (``<initial> 0628`` etc.), so no table is copied from another project.

Policy (the same as arabic-reshaper configured with ``delete_harakat=False``, ``support_ligatures=True`` and
the ALLAH ligature off): contextual forms for every letter that has them, the four lam-alef ligatures
(lam + alef / alef-madda / alef-hamza-above / alef-hamza-below, harakat between them allowed), no other
ligature, hamza U+0621 and every non-joining character unchanged, ZWJ joins, ZWNJ breaks joining, harakat
and other transparent characters are skipped when looking for neighbours.
"""

from __future__ import annotations

import re
import unicodedata

# ArabicShaping.txt joining types as ranges "FIRST[-LAST]TYPE" (hex); everything else is U, or T when its
# general category is Mn, Me or Cf (the file's own default rule).
_JOINING_RANGES = """
600-605U 608U 60BU 620D 621U 622-625R 626D 627R 628D 629R 62A-62ED 62F-632R 633-63FD 640C 641-647D
648R 649-64AD 66E-66FD 671-673R 674U 675-677R 678-687D 688-699R 69A-6BFD 6C0R 6C1-6C2D 6C3-6CBR 6CCD
6CDR 6CED 6CFR 6D0-6D1D 6D2-6D3R 6D5R 6DDU 6EE-6EFR 6FA-6FCD 6FFD 70FT 710R 712-714D 715-719R
71A-71DD 71ER 71F-727D 728R 729D 72AR 72BD 72CR 72D-72ED 72FR 74DR 74E-758D 759-75BR 75C-76AD
76B-76CR 76D-770D 771R 772D 773-774R 775-777D 778-779R 77A-77FD 7CA-7EAD 7FAC 840R 841-845D 846-847R
848D 849R 84A-853D 854R 855D 856-858R 860D 861U 862-865D 866U 867R 868D 869-86AR 870-882R 883-885C
886D 887-888U 889-88DD 88ER 890-891U 8A0-8A9D 8AA-8ACR 8ADU 8AER 8AF-8B0D 8B1-8B2R 8B3-8B8D 8B9R
8BA-8C8D 8E2U 1806U 1807D 180AC 180EU 1820-1878D 1880-1884U 1885-1886T 1887-18A8D 18AAD 200CU 200DC
202FU 2066-2069U A840-A871D A872L A873U 10AC0-10AC4D 10AC5R 10AC6U 10AC7R 10AC8U 10AC9-10ACAR
10ACB-10ACCU 10ACDL 10ACE-10AD2R 10AD3-10AD6D 10AD7L 10AD8-10ADCD 10ADDR 10ADE-10AE0D 10AE1R
10AE2-10AE3U 10AE4R 10AEB-10AEED 10AEFR 10B80D 10B81R 10B82D 10B83-10B85R 10B86-10B88D 10B89R
10B8A-10B8BD 10B8CR 10B8DD 10B8E-10B8FR 10B90D 10B91R 10BA9-10BACR 10BAD-10BAED 10BAFU 10D00L
10D01-10D21D 10D22R 10D23D 10F30-10F32D 10F33R 10F34-10F44D 10F45U 10F51-10F53D 10F54R 10F70-10F73D
10F74-10F75R 10F76-10F81D 10FB0D 10FB1U 10FB2-10FB3D 10FB4-10FB6R 10FB7U 10FB8D 10FB9-10FBAR
10FBB-10FBCD 10FBDR 10FBE-10FBFD 10FC0U 10FC1D 10FC2-10FC3R 10FC4D 10FC5-10FC8U 10FC9R 10FCAD 10FCBL
110BDU 110CDU 1E900-1E943D 1E94BT
"""

LAM = "\u0644"
ABSORBED = ""  # shape() result for an alef swallowed by a lam-alef ligature

_JT: dict[str, str] = {}
for _item in _JOINING_RANGES.split():
    _span, _type = _item[:-1], _item[-1]
    _a, _, _b = _span.partition("-")
    for _cp in range(int(_a, 16), int(_b or _a, 16) + 1):
        _JT[chr(_cp)] = _type
_JT["\u200d"] = "C"
_JT["\u200c"] = "U"

_TAGS = {"<isolated>": 0, "<final>": 1, "<initial>": 2, "<medial>": 3}
_RAW_FORMS: dict[str, list[str | None]] = {}
_RAW_LAM_ALEF: dict[str, list[str | None]] = {}
for _cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
    _parts = unicodedata.decomposition(chr(_cp)).split()
    if not _parts or _parts[0] not in _TAGS:
        continue
    _slot = _TAGS[_parts[0]]
    _codes = [chr(int(x, 16)) for x in _parts[1:]]
    if len(_codes) == 1:
        _forms = _RAW_FORMS.setdefault(_codes[0], [None, None, None, None])
        if _forms[_slot] is None:
            _forms[_slot] = chr(_cp)
    elif len(_codes) == 2 and _codes[0] == LAM and _JT.get(_codes[1]) == "R" and _slot < 2:
        _RAW_LAM_ALEF.setdefault(_codes[1], [None, None])[_slot] = chr(_cp)
# Only joining letters are shaped: the hamza's "isolated form" U+FE80 is the hamza itself.
_FORMS: dict[str, tuple[str | None, ...]] = {k: tuple(v) for k, v in _RAW_FORMS.items() if _JT.get(k) in ("D", "R", "L")}
# (isolated, final) lam-alef for each alef, where Unicode has both.
_LAM_ALEF: dict[str, tuple[str, str]] = {
    k: (iso, fin) for k, (iso, fin) in _RAW_LAM_ALEF.items() if iso is not None and fin is not None
}

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff]")


def joining_type(ch: str) -> str:
    """Unicode joining type of ``ch``: one of D R L C U T."""
    t = _JT.get(ch)
    if t is None:
        t = "T" if unicodedata.category(ch) in ("Mn", "Me", "Cf") else "U"
        _JT[ch] = t
    return t


def shape(text: str, ligatures: bool = True) -> list[str]:
    """Shaped glyph for each character of ``text`` (same length, same indices).

    A joining letter becomes its contextual presentation form; in a lam-alef ligature the lam's entry is
    the ligature and the alef's is ``ABSORBED`` (""); every other entry is the character itself.
    """
    out = list(text)
    if not _ARABIC.search(text):
        return out
    jt = _JT
    forms = _FORMS
    prev_i = -1
    prev_t = "U"
    prev_jp = False  # does the pending character join its predecessor?
    for i, ch in enumerate(text):
        t = jt.get(ch) or joining_type(ch)
        if t == "T":
            continue
        joins = (prev_t == "D" or prev_t == "L" or prev_t == "C") and (t == "D" or t == "R" or t == "C")
        if ligatures and t == "R" and prev_i >= 0 and text[prev_i] == LAM:
            lig = _LAM_ALEF.get(ch)
            if lig is not None:
                out[prev_i] = lig[1 if prev_jp else 0]
                out[i] = ABSORBED
                prev_i, prev_t, prev_jp = -1, "R", True
                continue
        if prev_i >= 0:
            f = forms.get(text[prev_i])
            if f is not None:
                g = f[(3 if joins else 1) if prev_jp else (2 if joins else 0)]
                if g is not None:
                    out[prev_i] = g
        prev_i, prev_t, prev_jp = i, t, joins
    if prev_i >= 0:
        f = forms.get(text[prev_i])
        if f is not None:
            g = f[1 if prev_jp else 0]
            if g is not None:
                out[prev_i] = g
    return out


def is_harakah(ch: str) -> bool:
    """An Arabic combining mark (tashkeel, Quranic marks, superscript alef)."""
    return ("\u0610" <= ch <= "\u061a" or "\u064b" <= ch <= "\u065f" or ch == "\u0670"
            or "\u06d6" <= ch <= "\u06ed" or "\u08d3" <= ch <= "\u08ff") and unicodedata.category(ch) == "Mn"


def shape_with_map(text: str, harakat: bool = True, ligatures: bool = True) -> list[tuple[str, int, int]]:
    """Shaped output as ``(glyph, start, end)`` pieces in logical order covering ``text`` exactly.

    A lam-alef ligature is one piece covering both letters (and any harakat between them, which follow the
    ligature in its glyph); with ``harakat=False`` harakat leave the glyphs but stay inside the range of the
    piece before them.
    """
    shaped = shape(text, ligatures)
    pieces: list[tuple[str, int, int]] = []
    for i, g in enumerate(shaped):
        ch = text[i]
        attach = g == ABSORBED or (unicodedata.category(ch) in ("Mn", "Me") and pieces)
        if attach:
            glyph, s, _ = pieces[-1]
            if g and (harakat or not is_harakah(ch)):
                glyph += g
            pieces[-1] = (glyph, s, i + 1)
        else:
            pieces.append((g if harakat or not is_harakah(ch) else "", i, i + 1))
    return pieces


def reshape(text: str, harakat: bool = True) -> str:
    """The shaped string (logical order), e.g. for comparing with arabic-reshaper."""
    return "".join(g for g, _, _ in shape_with_map(text, harakat))
