"""TimeML typing of English temporal expressions: DATE, TIME, DURATION or SET, each with its TimeML
value ("2023-10-12", "2023-10-12T22:00", "P3D", "P1W", "PRESENT_REF", "2023-Q3", "2023-SU", "199").

Calendar dates are read by `dates.normalize`; this module adds what is not a calendar date or needs
more than one: durations, sets, vague references, quarters, seasons, decades, "two weeks ago" and
times of day. The vocabularies are the tables below.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources

from .dates import _SHIFT, SEASON_MONTH, SHIFTS, WEEKDAYS, _clean, _week, normalize

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "couple of": 2, "a couple of": 2,
}  # fmt: skip
VAGUE_NUMBERS = ("several", "few", "many", "some", "a few", "the")
UNITS = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M",
         "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}  # fmt: skip
SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
        "annually": "P1Y", "annual": "P1Y", "yearly": "P1Y"}  # fmt: skip
REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "present": "PRESENT_REF",
        "the present": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
        "previously": "PAST_REF", "formerly": "PAST_REF", "once": "PAST_REF", "recent years": "PAST_REF",
        "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF"}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}



def _phrases() -> dict[str, str]:
    """data/timex_phrases.tsv: phrase -> the expression it is read as."""
    table = {}
    with resources.files("eventwire.data").joinpath("timex_phrases.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                phrase, _, meaning = line.rstrip("\n").partition("\t")
                table[phrase] = meaning or phrase  # the finder matches these as written
    return table


PHRASES = _phrases()
READ_AS = {" ".join(k.replace("-", " ").split()): v for k, v in PHRASES.items() if v != k}

_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_VAGUE = "(?P<vague>" + "|".join(sorted(VAGUE_NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>" + "|".join(UNITS) + r")s?"
# Words between the number and the unit that keep the length: "two more weeks", "eight trading days".
_KIND = r"(?:(?:more|additional|full|straight|consecutive|trading|business|working|calendar|fiscal) )?"
DURATION = re.compile(r"(?:(?:the )?(?:past|last|next|previous|coming|first|following|recent|more than|over|"
                      r"about|nearly|almost|at least|at most|no more than|less than|up to|another|some) )*(?:" + _NUM
                      + "|" + _VAGUE + ")?[ -]?" + _KIND + _UNIT + "(?: long)?")
AGO = re.compile("(?:(?:nearly|almost|about|some|more than|over|just|only|at least) )?(?:(?:" + _NUM + "|" + _VAGUE
                 + ") )?" + _UNIT + " (?:ago|earlier|before)")
SET = re.compile(r"(?:every|each|per|a) (?:other )?" + _UNIT)
_DAY_NAMES = "|".join(d for d in WEEKDAYS if d.endswith("day"))
WEEKDAY_SET = re.compile(r"(?:every|each) (?P<wd>" + _DAY_NAMES + ")|(?P<wds>" + _DAY_NAMES + ")s")  # "every Thursday", "on Mondays"
QUARTER = re.compile(r"(?P<det>(?:the |this |latest |last |fiscal |current )*)(?P<ord>" + "|".join(ORDINALS)
                     + r")?(?: fiscal)? ?quarter(?: of (?P<year>\d{4}))?")
# A quarter named by its year: "the 1988 quarter", "the 1989 third quarter", "the year-ago period".
YEAR_QUARTER = re.compile(r"(?:the )?(?:comparable |same |corresponding )?(?:(?P<year>\d{4})|(?P<ago>(?:a )?year (?:ago|"
                          r"earlier)|last year'?s?)) (?:fiscal )?(?:(?P<ord>" + "|".join(ORDINALS) + r") )?(?:quarter|period)")
# A quarter of the current or the coming year: "this year's second quarter", "next year's fourth quarter".
SHIFTED_YEAR_QUARTER = re.compile(r"(?P<shift>this|next) year'?s? (?:fiscal )?(?P<ord>" + "|".join(ORDINALS)
                                  + r") (?:fiscal )?quarter")
# Years read out in broadcast transcripts: "nineteen ninety-six", "two thousand one".
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SPELLED_YEAR = re.compile(r"(?:the year )?(?:(?P<century>eighteen|nineteen|twenty) (?:(?P<teen>" + "|".join(_TEENS)
                          + r")|(?P<tens>" + "|".join(_TENS) + r")(?: (?P<ones>" + "|".join(_ONES) + r"))?|oh (?P<oh>"
                          + "|".join(_ONES) + r"))|two thousand(?: and)?(?: (?P<t_ones>" + "|".join(_ONES) + "|"
                          + "|".join(_TEENS) + r"))?)")
SEASON = re.compile(_SHIFT + "(?P<season>" + "|".join(SEASONS) + r")(?: (?:of )?(?P<year>\d{4}))?")
DECADE = re.compile(r"(?:the )?(?:early |mid |late )?(?P<dec>\d{3})0s")


CLOCK = re.compile(r"(?:at |around |about )?(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))? ?(?P<ap>a\.?m\.?|p\.?m\.?|"
                   r"(?:o'clock )?in the (?:morning|afternoon|evening)|(?:o'clock )?at night)|"
                   r"(?P<noon>noon|midday|midnight))(?: (?:est|edt|gmt|pst|pdt|cst|cdt|et|local time))?")


def _clock(s: str, published: dt.date | None, future: bool | None) -> str | None:
    """A time of day with or without its day: "10 p.m. Wednesday", "noon Thursday", "9:30 a.m."."""
    m = CLOCK.match(s) or next((c for c in CLOCK.finditer(s) if c.end() == len(s)), None)
    if m is None:
        return None
    rest = (s[: m.start()] + " " + s[m.end() :]).strip(" ,")
    day = normalize(rest, published, future) if rest else (published.isoformat() if published else None)
    if day is None or len(day) != 10:
        return None
    if m["noon"]:
        hour, minute = (0 if m["noon"] == "midnight" else 12), 0
    else:
        later = m["ap"].startswith("p") or m["ap"].endswith(("afternoon", "evening", "night"))
        hour, minute = int(m["h"]) % 12 + (12 if later else 0), int(m["mi"] or 0)
    return f"{day}T{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def timex(expr: str, published: dt.date | None, future: bool | None = False,
          quarterly: bool = False) -> tuple[str, str | None]:
    """TimeML type and value of a temporal expression: ("DATE", "2023-10-12"), ("DURATION", "P3D"),
    ("SET", "P1W"), ("DATE", "PRESENT_REF"), ("TIME", "2023-10-12TNI"). The value is None when the
    expression needs a publication date that is not known, or is not understood. `quarterly`: the
    sentence compares quarters, so "a year earlier" is the same quarter a year before."""
    s = " ".join(expr.lower().replace("\u2019", "'").replace("-", " ").split()).strip(" .,;:")
    s = re.sub(r"^(?:for|during|in|within|since|over|of|until|by|from|at|on) ", "", re.sub(r"'s?$", "", s))
    if s in READ_AS:
        return timex(READ_AS[s], published, future, quarterly)
    if s in REFS:
        return "DATE", REFS[s]
    if s in SETS or SET.fullmatch(s):
        m = SET.fullmatch(s)
        return "SET", SETS.get(s) or _period_value(1, m["unit"])
    if (m := WEEKDAY_SET.fullmatch(s)) is not None:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'] or m['wds']] + 1}"
    if (m := AGO.fullmatch(s)) is not None:
        return "DATE", _ago(m, published, quarterly)
    if (m := DECADE.fullmatch(s)) is not None:
        return "DATE", m["dec"]
    if (m := SPELLED_YEAR.fullmatch(s)) is not None:
        return "DATE", _spelled_year(m)
    if (m := YEAR_QUARTER.fullmatch(s)) is not None:
        return "DATE", _year_quarter(m, published)
    if (m := SHIFTED_YEAR_QUARTER.fullmatch(s)) is not None:
        year = published.year + (m["shift"] == "next") if published else None
        return "DATE", f"{year}-Q{ORDINALS[m['ord']]}" if year else None
    if (m := QUARTER.fullmatch(s)) is not None:
        return "DATE", _quarter(m, published)
    if (m := SEASON.fullmatch(_clean(s))) is not None:
        return "DATE", _season(m, published, future)
    if (clock := _clock(s, published, future)) is not None:
        return "TIME", clock
    value = normalize(expr, published, future)
    if value is not None or (published is None and normalize(expr, _PROBE, future) is not None):
        return _with_part(s, value)
    if (m := DURATION.fullmatch(s)) is not None and (m["num"] or m["vague"] or s.startswith(("the ", "past", "next"))
                                                      or s.endswith("s")) and (m["unit"] != "second" or m["num"]):
        return "DURATION", _duration(m)
    return "DATE", None


_PROBE = dt.date(2000, 6, 15)


def _number(m) -> str:
    if m["num"] is None:
        return "X" if m["vague"] and m["vague"] != "the" else "1"
    n = NUMBER_WORDS.get(m["num"]) or float(m["num"])
    return str(int(n)) if float(n).is_integer() else str(n)


def _period_value(n: int | str, unit: str) -> str:
    code = UNITS[unit]
    if code in ("Q", "DE", "CE") and n != "X":  # quarters and decades in months and years, as TimeML does
        return f"P{int(n) * {'Q': 3, 'DE': 10, 'CE': 100}[code]}{'M' if code == 'Q' else 'Y'}"
    if code == "Q":
        return "PXM"
    return f"PT{n}{code[1]}" if code.startswith("T") else f"P{n}{code}"


def _duration(m) -> str:
    n = _number(m)
    if m["num"] is None and m["vague"] in (None, "the") and m.string.rstrip().endswith("s"):
        n = "X"  # "years", "the coming months", "the weeks"
    return _period_value(n, m["unit"])


def _ago(m, pub: dt.date | None, quarterly: bool) -> str | None:
    unit = m["unit"]
    if m["num"] is None and (m["vague"] not in (None, "the") or f"{unit}s " in m.string):
        return "PAST_REF"  # "weeks ago", "a few years ago"
    if pub is None:
        return None
    n = int(float(_number(m)))
    if unit == "year" and quarterly:
        return _last_year_quarter(pub, n)
    if unit == "day":
        return (pub - dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _week(pub - dt.timedelta(weeks=n))
    if unit == "month":
        year, month0 = divmod(pub.year * 12 + pub.month - 1 - n, 12)
        return f"{year:04d}-{month0 + 1:02d}"
    if unit == "year":
        return str(pub.year - n)
    return "PAST_REF"


def _last_year_quarter(pub: dt.date, years: int) -> str:
    """The last quarter reported before `pub`, `years` years earlier."""
    current = (pub.month - 1) // 3 + 1
    year, q = (pub.year - years, current - 1) if current > 1 else (pub.year - years - 1, 4)
    return f"{year}-Q{q}"


def _spelled_year(m) -> str:
    if m["century"] is None:
        return str(2000 + (_ONES.get(m["t_ones"]) or _TEENS.get(m["t_ones"]) or 0))
    tail = (_TEENS.get(m["teen"]) or (_TENS.get(m["tens"], 0) + _ONES.get(m["ones"], 0)) or _ONES[m["oh"]])
    return str({"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[m["century"]] + tail)


def _year_quarter(m, pub: dt.date | None) -> str | None:
    """The quarter of a given year: the one named, or the one of the last quarterly report."""
    if m["ago"] is None and m["ord"]:
        return f"{m['year']}-Q{ORDINALS[m['ord']]}"
    if pub is None:
        return None
    latest = _last_year_quarter(pub, 0 if m["ago"] is None else 1)
    if m["ord"]:
        return f"{latest[:4]}-Q{ORDINALS[m['ord']]}"
    return f"{m['year']}{latest[4:]}" if m["year"] else latest


def _quarter(m, pub: dt.date | None) -> str | None:
    if m["year"]:
        year = int(m["year"])
    elif pub is None:
        return None
    else:
        year = pub.year
    current = (pub.month - 1) // 3 + 1 if pub else 4
    if m["ord"] is None and not m["det"]:
        return None  # "quarter" alone
    if m["ord"] is None:  # "this quarter" is the current one; "the (latest) quarter" the last one reported
        if "this" in m["det"] or "current" in m["det"]:
            return f"{year}-Q{current}"
        return f"{year}-Q{current - 1}" if current > 1 else f"{year - 1}-Q4"
    q = ORDINALS[m["ord"]]
    if not m["year"] and q > current:
        year -= 1
    return f"{year}-Q{q}"


def _season(m, pub: dt.date | None, future: bool) -> str | None:
    code = SEASONS[m["season"]]
    if m["year"]:
        return f"{m['year']}-{code}"
    if pub is None:
        return None
    start, year = SEASON_MONTH[code], pub.year
    if m["shift"] is None:  # the most recent one, or the coming one in the future tense
        year -= (start > pub.month) and not future
    elif SHIFTS[m["shift"]] < 0:  # the last one that is over
        year -= start + 3 > pub.month
    elif SHIFTS[m["shift"]] > 0:  # the next one that has not begun
        year += start <= pub.month
    return f"{year}-{code}"


def _with_part(s: str, value: str | None) -> tuple[str, str | None]:
    for part, code in PART_CODES.items():
        if s.endswith(part) and value and len(value) == 10:
            return "TIME", f"{value}T{code}"
    return "DATE", value
