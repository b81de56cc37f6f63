"""Boilerplate recognition: site chrome inside an article's text, marked as folds, never deleted.

Works line by line over ``Article.text`` (after repair), so every :class:`Fold` indexes the text the
reader shows. A fold covers a line's characters without its "\\n".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.corpus.model import Fold

# Alef and hamza forms vary by site ("اقرأ ايضا", "إقرأ أيضاً", "اقرا ايضا"); match them as a class.
_A = "[اأإآ]"
_TANWEEN = "[\u064b-\u0652]*"

BREAKING = re.compile(rf"^\s*(?:عاجل|{_A}خبار عاجلة|Breaking(?: News)?)\s*[:!]?\s*$", re.IGNORECASE)
# Alone on its line (the name follows on the next) or "title: name"; "رئيس التحرير يتلقى التهاني" is a headline.
EDITOR = re.compile(
    r"^\s*(?:رئيس التحرير|رئيسة التحرير|رئيس مجلس الإدارة|المدير العام|مدير التحرير|Editor[- ]in[- ]Chief)"
    r"\s*(?:[:：]\s*(\S+(?:\s+\S+){0,4}))?\s*$",
    re.IGNORECASE,
)
READ_ALSO = re.compile(
    rf"^\s*[-–•*]?\s*(?:{_A}?قر{_A}{_TANWEEN}\s+{_A}يض{_TANWEEN}{_A}?{_TANWEEN}|{_A}قر{_A}{_TANWEEN}\s+المزيد|Read (?:also|more))\b.*$",
    re.IGNORECASE,
)
# "تابع موقع تحيا مصر علي", "للمزيد : تابع العاصمة والناس، وللتواصل الاجتماعي تابعنا على فيسبوك"
FOLLOW = re.compile(
    r"^\s*[-–•*]?\s*(?:للمزيد\s*[:：]?\s*تابع|تابع(?:نا|ونا|وا)?\s+(?:موقع|صفحة|قناة|حساب)|تابعونا|تابعنا\s+على|Follow us)\b.*$",
    re.IGNORECASE,
)
_SHARE_WORD = (
    r"(?:شارك(?:\s+(?:المقال|الخبر|على|عبر))?|مشاركة|Share(?:\s+(?:this|on))?|Tweet|طباعة|Print|"
    r"فيسبوك|فيس بوك|تويتر|واتساب|واتس اب|تليجرام|تيليجرام|لينكد إن|Facebook|Twitter|X|WhatsApp|Telegram|"
    r"LinkedIn|Email|E-mail|Copy link|نسخ الرابط|البريد الإلكتروني)"
)
# A line made only of share buttons: "شارك", "فيسبوك | تويتر | واتساب", "Share on Facebook".
SHARE = re.compile(rf"^\s*{_SHARE_WORD}(?:\s*[|/،,•·-]?\s*{_SHARE_WORD}){{0,8}}\s*[:：]?\s*$", re.IGNORECASE)
# Mastheads of news sites and agencies as they appear in credits, bylines and datelines. Names that
# are also ordinary words or places (الرياض، اليوم، الوطن، الجزيرة، المدينة) are a masthead only
# where the text marks them as one (quoted «الرياض», after صحيفة/جريدة), never in a dateline.
MASTHEADS_SAFE = (
    "عين اليوم|سبق|واس|الوئام|عكاظ|الشرق الأوسط|الشرق الاوسط|الاقتصادية|أ ف ب|ا ف ب|د ب أ|أ ش أ|رويترز|فرانس برس|"
    "الأناضول|الاناضول|كونا|وام|بنا|قنا|سانا|أسوشيتد برس|اسوشيتد برس"
)
MASTHEADS_AMBIGUOUS = "الرياض|اليوم|الوطن|الجزيرة|المدينة|الحياة|البلاد|الخليج|الأهرام|الاهرام|الراي|الرأي|النهار"
_DASH = r"\s*[-–—ـ]+\s*"
# "رابط الخبر بصحيفة الوئام: <title>" closes every alweeam article, on its own line or glued to the
# last sentence; " ...المزيد" closes aawsat teasers.
CREDIT_TAIL = re.compile(
    r"(?:رابط\s+الخبر\s+(?:ب|في\s+)?(?:صحيفة|جريدة|موقع)\s+\S+(?:\s+\S+)?\s*[:：]?[^\n]*|\.{3}\s*المزيد\s*$)",
    re.MULTILINE,
)
# "للتواصل أرسل sms إلى 88548 الاتصالات، 636250موبايلي…" (okaz).
CONTACT = re.compile(r"^[^\n]{0,40}?(?:أرسل|ارسل)\s+(?:sms|SMS|رسالة)\b[^\n]*$", re.MULTILINE)
# Datelines: "يوسف سفر- سبق- المدينة المنورة: …", "واس – جدة: …", "عين اليوم – الرياض": the
# reporter and the paper (the place after them is news and stays).
DATELINE = re.compile(rf"^\s*(?:[^\n:：\-–—]{{2,40}}?{_DASH})?(?:{MASTHEADS_SAFE})(?:{_DASH}|\s*[:：]|\s*$)", re.MULTILINE)
# A byline alone on its line: "عمر إبراهيم – عين اليوم".
BYLINE = re.compile(rf"^\s*[^\n:：\-–—]{{2,40}}?{_DASH}(?:{MASTHEADS_SAFE})\s*$", re.MULTILINE)
# A dateline alone on its line: "عين اليوم – الرياض", "عين اليوم – متابعات".
DATELINE_LINE = re.compile(rf"^\s*(?:{MASTHEADS_SAFE}){_DASH}[^\n:：\-–—.،]{{2,30}}\s*$")
PAGE_NUMBER = re.compile(r"^\s*[0-9٠-٩]{1,4}\s*$")
TWEET_SIG = re.compile(r"^\s*[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$")
PIC_LINK = re.compile(r"pic\.twitter\.com/\w+\s*$")


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str


def lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for part in text.split("\n"):
        out.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def _short(s: str, words: int = 6) -> bool:
    w = s.split()
    return 0 < len(w) <= words and len(s) <= 60 and not re.search(r"[.!؟?:،,;؛]\s*$", s.strip())


def find_folds(text: str, *, date_line: int | None = None, ls: list[Line] | None = None) -> list[Fold]:
    """Folds over ``text``; ``date_line`` is the index of a dated header line found by metadata."""
    ls = lines(text) if ls is None else ls
    kinds: dict[int, str] = {}
    nonempty = [i for i, ln in enumerate(ls) if ln.text.strip()]
    head = set(nonempty[:8])  # mastheads live at the top
    for n, i in enumerate(nonempty):
        s = ls[i].text
        if i in head and BREAKING.match(s):
            kinds[i] = "breaking"
        elif i == date_line:
            kinds[i] = "masthead"
        elif i in head and (m := EDITOR.match(s)):
            kinds[i] = "masthead"
            # The editor's name usually sits alone on the next line.
            if not m.group(1) and n + 1 < len(nonempty) and _short(ls[nonempty[n + 1]].text, 4):
                kinds[nonempty[n + 1]] = "masthead"
        elif len(s) > 300:
            continue  # a paragraph: chrome lines are short, and this keeps long files cheap
        elif READ_ALSO.match(s):
            kinds[i] = "read-also"
        elif len(s) < 200 and FOLLOW.match(s):
            kinds[i] = "follow"
        elif SHARE.match(s):
            kinds[i] = "share"
        elif CREDIT_TAIL.match(s.strip()) or CONTACT.match(s):
            kinds[i] = "credit"
        elif len(s) < 80 and (BYLINE.match(s) or DATELINE_LINE.match(s)):
            kinds[i] = "byline"
        elif TWEET_SIG.match(s) or PIC_LINK.search(s):
            kinds[i] = "embed"
    _running_heads(ls, nonempty, kinds)
    _captions(ls, nonempty, kinds)
    return [Fold(ls[i].start, ls[i].end, k) for i, k in sorted(kinds.items())]


def _running_heads(ls: list[Line], nonempty: list[int], kinds: dict[int, str]) -> None:
    # PDF extractions leave a page's foot and the next page's head between paragraphs: a bare page
    # number followed by a few short lines (journal name, author/section). Only past the opening,
    # so a numbered list at the top is not taken for a page break.
    for n, i in enumerate(nonempty):
        if n < 3 or i in kinds or not PAGE_NUMBER.match(ls[i].text):
            continue
        kinds[i] = "page-number"
        for j in nonempty[n + 1 : n + 4]:
            s = ls[j].text.strip()
            if len(s) > 70 or re.search(r"[.!؟?،,:;؛]$", s) or j in kinds:
                break
            kinds[j] = "running-head"


def _captions(ls: list[Line], nonempty: list[int], kinds: dict[int, str]) -> None:
    # An image caption scraped twice (alt text and figcaption) shows up as the same short line twice.
    for a, b in zip(nonempty, nonempty[1:]):
        if b == a + 1 and ls[a].text.strip() == ls[b].text.strip() and _short(ls[a].text) and a not in kinds:
            kinds[a] = kinds[b] = "caption"


def running_head_lines(text: str, folds: list[Fold]) -> list[str]:
    return [text[f.start : f.end].strip() for f in folds if f.kind == "running-head"]
