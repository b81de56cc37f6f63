"""Month and weekday names, gathered from CLDR (babel) and hijridate: the one source for the date
extractor, the header-date finder (tui.corpus.metadata) and the link scorer's month words.

Names are returned *normalised* (see :func:`normalise`), so that matching is done on normalised
text: alef variants fold to bare alef, ta marbuta to ha, alef maqsura to ya, Arabic-Indic digits
to ASCII. Every fold is one character to one character, so offsets found in the normalised text
are offsets in the original.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from tui.text.normalize import DIGIT_FOLDS, LETTER_FOLDS, fold_table

# One-to-one folds only: the date matcher relies on len(normalise(s)) == len(s).
_FOLD = {
    **fold_table(LETTER_FOLDS, DIGIT_FOLDS),
    0x00A0: " ",  # no-break space (CLDR itself uses it inside تشرين الأول)
    0x200E: " ",  # LRM / RLM / ALM: invisible marks that PDF and web text leave between words
    0x200F: " ",
    0x061C: " ",
    0x202F: " ",
    0x066B: ".",  # Arabic decimal separator
    0x066C: ",",  # Arabic thousands separator
    0x066A: "%",  # Arabic percent sign
}


def normalise(text: str) -> str:
    return text.translate(_FOLD)


# The Gregorian months as the Egyptian/Gulf press writes them, and their Levantine names.
MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
LEVANTINE_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)
HAMZALESS_MONTHS = {"ابريل": 4, "اغسطس": 8, "اكتوبر": 10}
# Written name -> month number for matchers that do not fold hamza (the link evidence).
PRESS_MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(MONTHS_AR, 1)},
    **{name: i for i, name in enumerate(LEVANTINE_MONTHS, 1)},
    **HAMZALESS_MONTHS,
}

# CLDR locales whose month names we accept: the Arabic core plus the regional variants that
# carry Levantine (كانون الثاني، شباط…) and Maghrebi (جانفي، فيفري، ماي، يوليوز، غشت، شتنبر…) names.
ARABIC_LOCALES = (
    "ar", "ar_EG", "ar_SA", "ar_AE", "ar_KW", "ar_QA", "ar_BH", "ar_OM", "ar_YE", "ar_SD",
    "ar_SY", "ar_LB", "ar_JO", "ar_IQ", "ar_PS",
    "ar_MA", "ar_DZ", "ar_TN", "ar_LY", "ar_MR",
)

# Small documented additions: spellings common in the press that CLDR does not list.
# (Hamza-less forms such as اغسطس/ابريل need no entry: normalisation folds them.)
EXTRA_GREGORIAN = {
    "يونيه": 6,  # Egyptian press spelling
    "يوليه": 7,  # Egyptian press spelling
    "كانون ثاني": 1,
    "تشرين اول": 10,
    "تشرين ثاني": 11,
    "كانون اول": 12,
    "نوفمير": 11,  # frequent typo in wire copy
    "سبتمير": 9,
}

# Usual Hijri aliases beside hijridate's own names.
EXTRA_HIJRI = {
    "المحرم": 1,
    "ربيع الاولي": 3,
    "ربيع اول": 3,
    "ربيع الاخر": 4,
    "ربيع ثاني": 4,
    "جمادي الاول": 5,
    "جمادي اولي": 5,
    "جمادي الثانيه": 6,
    "جمادي الثاني": 6,
    "جمادي الاخر": 6,
    "ذي القعده": 11,
    "ذا القعده": 11,
    "ذي الحجه": 12,
    "ذا الحجه": 12,
}

# Hijri names that are also everyday words ("zero", "forbidden"); they count as months only when
# a year follows, never in year-less dates such as "5 صفر".
AMBIGUOUS_HIJRI = {"صفر", "محرم", "المحرم"}


@lru_cache(maxsize=1)
def gregorian_months() -> dict[str, int]:
    """Normalised Arabic Gregorian month name -> month number, from CLDR."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in ARABIC_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    names[" ".join(normalise(name).split())] = number
    for name, number in EXTRA_GREGORIAN.items():
        names.setdefault(normalise(name), number)
    return names


@lru_cache(maxsize=1)
def hijri_months() -> dict[str, int]:
    """Normalised Hijri month name -> month number, from hijridate plus common aliases."""
    from hijridate import Hijri

    names = {normalise(Hijri(1447, m, 1).month_name(language="ar")): m for m in range(1, 13)}
    for name, number in EXTRA_HIJRI.items():
        names.setdefault(normalise(name), number)
    # "ذو"/"ذي"/"ذا" are case forms of the same word.
    for name, number in list(names.items()):
        if name.startswith("ذو "):
            names.setdefault("ذي " + name[3:], number)
            names.setdefault("ذا " + name[3:], number)
    return names


def _cldr_names(kind: str, locale: str, key: Callable[[str], str]) -> dict[str, int]:
    """CLDR's wide and abbreviated month (``kind="month"``) or day names of ``locale``, each
    turned into a lookup key by ``key``, mapped to babel's number (months 1-12, Monday = 0)."""
    from babel.dates import get_day_names, get_month_names

    get = get_month_names if kind == "month" else get_day_names
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get(width, "format", locale=locale).items():
            names[key(name)] = number
    return names


def _english_key(name: str) -> str:
    return name.lower().rstrip(".")


@lru_cache(maxsize=1)
def english_months() -> dict[str, int]:
    """Lower-case English month name or abbreviation -> month number, from CLDR."""
    names = _cldr_names("month", "en", _english_key)
    names["sept"] = 9
    return names


@lru_cache(maxsize=1)
def arabic_weekdays() -> dict[str, int]:
    """Normalised Arabic weekday -> Python weekday (Monday = 0), from CLDR."""
    return _cldr_names("day", "ar", normalise)


@lru_cache(maxsize=1)
def english_weekdays() -> dict[str, int]:
    """Lower-case English weekday name or abbreviation -> Python weekday (Monday = 0), from CLDR."""
    return _cldr_names("day", "en", _english_key)


def arabic_weekday_name(weekday: int) -> str:
    from babel.dates import get_day_names

    return str(get_day_names("wide", "format", locale="ar")[weekday])


@lru_cache(maxsize=1)
def ordinal_days() -> dict[str, int]:
    """Normalised ordinal day words -> day number (الأول … الحادي والثلاثين).

    The words come from pyarabic's Arabic number words, masculine and feminine; each is also
    given in the genitive that dates use (``الحادي والعشرين من``) and with both spellings of
    عشر/عشرة, since the press writes either.
    """
    from pyarabic.number import number2ordinal

    out: dict[str, int] = {}
    for n in range(1, 32):
        for fem in (False, True):
            variants: list[list[str]] = [[]]
            for tok in normalise(number2ordinal(str(n), feminin=fem)).replace("و ", "و").split():
                alts = {tok}
                if tok in ("عشر", "عشره"):
                    alts = {"عشر", "عشره"}
                elif tok.endswith("ون"):
                    alts = {tok, tok[:-2] + "ين"}
                variants = [v + [a] for v in variants for a in sorted(alts)]
            for v in variants:
                out.setdefault(" ".join(v), n)
    out.setdefault("غره", 1)  # "غرة شهر رمضان": the first day of a (Hijri) month
    return out
