"""First-level normalization of English temporal expressions (spaCy DATE entities).

`normalize` maps one expression to a value relative to the article's publication
date: ``YYYY-MM-DD`` (day), ``YYYY-MM`` (month), ``YYYY`` (year), ``YYYY-Www``
(ISO week) or ``YYYY-Www-WE`` (the weekend of an ISO week, TimeML style).
Durations, ranges, decades, vague periods and anything else it does not
recognise give None. The vocabulary lives in the tables below so that a fuller
normalizer can extend it without touching the logic.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "wed": 2, "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
# Leading words dropped (repeatedly) before matching: prepositions, determiners and
# vague positions inside a period ("by the end of next year" -> "next year",
# "late on Thursday" -> "thursday", "mid-October" -> "october").
PREFIXES = (
    "as of", "on", "since", "by", "until", "till", "in", "from", "at", "over",
    "during", "the", "early", "earlier", "late", "later", "mid",
    "end of", "start of", "beginning of", "middle of",
)  # fmt: skip
# Trailing parts of a day: "Thursday night", "yesterday morning".
DAY_PARTS = ("morning", "afternoon", "evening", "night")
# Days given as an offset from publication (after PREFIXES are dropped).
DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
    "day before yesterday": -2, "day after tomorrow": 2,
}  # fmt: skip
# Shift before a weekday or a period. 0 is the current one (for weekdays and the
# weekend: the most recent, or the upcoming one when future=True); -1 / +1 are the
# nearest one strictly before / after publication.
SHIFTS = {
    "this": 0, "last": -1, "this past": -1,
    "next": 1, "coming": 1, "this coming": 1,
}  # fmt: skip
PERIODS = ("weekend", "week", "month", "year")
YEARS = range(1800, 2101)  # accepted 4-digit years
HALF_YEAR = 183  # days: a year-less date further than this from publication flips year
HALF_YEAR_MONTHS = 6


def _alt(name: str, words) -> str:
    return f"(?P<{name}>" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_M = _alt("month", MONTHS)
_SHIFT = "(?:" + _alt("shift", SHIFTS) + " )?"
_Y = r"(?P<year>\d{4})"
ABSOLUTE = [
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),  # 2023-10-12
    re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/" + _Y),  # 10/12/2023 (US)
    re.compile(_M + r" (?P<day>\d{1,2})(?: " + _Y + ")?"),  # october 12 2023
    re.compile(r"(?P<day>\d{1,2})(?: of)? " + _M + "(?: " + _Y + ")?"),  # 12 oct
    re.compile(_M + "(?: (?:of )?" + _Y + ")?"),  # october 2023, october
    re.compile(_Y),  # 2019
]
WEEKDAY = re.compile(_SHIFT + _alt("wd", WEEKDAYS))
# "last May", "this September", "June last year", "March next year"
SHIFTED_MONTH = re.compile(r"(?:(?P<pre>last|this|next) " + _M + "|" + _alt("month2", MONTHS)
                           + r" (?P<post>last|this|next) year)")
PERIOD = re.compile(_SHIFT + _alt("unit", PERIODS))


def normalize(expr: str, published: dt.date | None, future: bool | None = False) -> str | None:
    """Normalize one English temporal expression (the text of a spaCy DATE entity,
    e.g. "Thursday", "on Thursday", "October 12, 2023", "12 Oct", "last week") to an
    ISO value relative to the article's publication date. Returns None when it is
    not a date we can resolve (durations, "the past 10 years", "75-year", or a
    relative expression without a `published` date).

    `future` says the sentence is in the future tense (None: the tense is not known, then a
    year-less date or month is the nearest one, a weekday the past one): a bare weekday then means
    the next one on or after `published`, and a year-less date may roll forward.
    """
    text = _clean(expr)
    if not text:
        return None
    value = _absolute(text, published, future)
    if value is not None or published is None:
        return value
    return _relative(text, published, future)


def _clean(expr: str) -> str:
    s = expr.lower().replace("\u2019", "'")
    s = re.sub(r"'s?(?=\s|$)", "", s)  # Thursday's
    s = re.sub(r"(?<=[a-z])\.", "", s)  # Oct. / Sept.
    s = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", s)  # 12th
    s = re.sub(r"(?<=[a-z])-(?=[a-z0-9])", " ", s)  # mid-October
    s = re.sub(r"[\s,]+", " ", s).strip(" .;:")
    stripped = True
    while stripped:
        stripped = False
        for prefix in PREFIXES:
            if s.startswith(prefix + " "):
                s, stripped = s[len(prefix) + 1 :], True
    return s


def _absolute(s: str, pub: dt.date | None, future: bool) -> str | None:
    head, _, rest = s.partition(" ")
    if head in WEEKDAYS and rest:  # "Thursday, October 12"
        value = _absolute(rest, pub, future)
        if value is not None:
            return value
    for pattern in ABSOLUTE:
        m = pattern.fullmatch(s)
        if m:
            return _build(m.groupdict(), pub, future)
    return None


def _build(g: dict, pub: dt.date | None, future: bool) -> str | None:
    year = int(g["year"]) if g.get("year") else None
    if year is not None and year not in YEARS:
        return None
    if g.get("month") is None:
        return str(year)
    month = int(g["month"]) if g["month"].isdigit() else MONTHS[g["month"]]
    if not 1 <= month <= 12:
        return None
    if g.get("day") is None:
        if year is None:
            if pub is None:
                return None
            diff = month - pub.month
            if future is None:  # tense unknown: the nearest one
                year = pub.year + (diff < -HALF_YEAR_MONTHS) - (diff > HALF_YEAR_MONTHS)
            elif future:
                year = pub.year + (diff < -HALF_YEAR_MONTHS)
            else:
                year = pub.year - (diff > HALF_YEAR_MONTHS)
        return f"{year:04d}-{month:02d}"
    day = int(g["day"])
    if year is not None:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return _near(pub, month, day, future) if pub is not None else None


def _near(pub: dt.date, month: int, day: int, future: bool) -> str | None:
    """Year-less date: the publication year, unless that date lies more than ~6
    months after (past) / before (future) publication: then the previous / next year.
    """
    if future is None:  # tense unknown: the nearest one
        cands = []
        for year in (pub.year - 1, pub.year, pub.year + 1):
            try:
                cands.append(dt.date(year, month, day))
            except ValueError:
                continue
        return min(cands, key=lambda c: abs((c - pub).days)).isoformat() if cands else None
    for year in (pub.year, pub.year + (1 if future else -1)):
        try:
            cand = dt.date(year, month, day)
        except ValueError:  # February 29 / 30, ...
            continue
        ahead = (cand - pub).days
        if (ahead >= -HALF_YEAR) if future else (ahead <= HALF_YEAR):
            return cand.isoformat()
    return None


def _relative(s: str, pub: dt.date, future: bool) -> str | None:
    if s not in DAYS:
        for part in DAY_PARTS:
            if s.endswith(" " + part):
                s = s[: -len(part) - 1]
                break
    if s in DAYS:
        return (pub + dt.timedelta(days=DAYS[s])).isoformat()
    m = SHIFTED_MONTH.fullmatch(s)
    if m:
        month = MONTHS[m["month"] or m["month2"]]
        shift = SHIFTS[m["pre"] or m["post"]]
        if m["pre"] == "next":  # the next one to come
            shift = int(month <= pub.month)
        elif m["pre"] == "last":  # the last one before the current month
            shift = -int(month >= pub.month)
        return f"{pub.year + shift:04d}-{month:02d}"
    m = WEEKDAY.fullmatch(s)
    if m:
        shift = SHIFTS[m["shift"]] if m["shift"] else 0
        return _weekday(pub, WEEKDAYS[m["wd"]], shift, future).isoformat()
    m = PERIOD.fullmatch(s)
    if not m:
        return None
    unit = m["unit"]
    shift = SHIFTS[m["shift"]] if m["shift"] else 0
    if unit == "weekend":
        return _week(_weekend_anchor(pub, shift, future)) + "-WE"
    if m["shift"] is None:  # bare "week", "month", "year": not a reference
        return None
    if unit == "week":
        return _week(pub + dt.timedelta(weeks=shift))
    if unit == "month":
        year, month0 = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
        return f"{year:04d}-{month0 + 1:02d}"
    return str(pub.year + shift)


def _weekday(pub: dt.date, wd: int, shift: int, future: bool) -> dt.date:
    today = pub.weekday()
    if shift < 0:  # strictly before: 1..7 days back
        delta = -((today - wd - 1) % 7 + 1)
    elif shift > 0:  # strictly after: 1..7 days ahead
        delta = (wd - today - 1) % 7 + 1
    elif future:  # on or after
        delta = (wd - today) % 7
    else:  # on or before
        delta = -((today - wd) % 7)
    return pub + dt.timedelta(days=delta)


def _weekend_anchor(pub: dt.date, shift: int, future: bool) -> dt.date:
    """A day in the ISO week whose weekend is meant."""
    in_weekend = pub.weekday() >= 5
    if shift < 0:
        return pub - dt.timedelta(weeks=1)
    if shift > 0:
        return pub + dt.timedelta(weeks=1) if in_weekend else pub
    return pub if future or in_weekend else pub - dt.timedelta(weeks=1)


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def period(value: str | None) -> tuple[str, str] | None:
    """First and last day of an ISO value ("2023", "2023-10", "2023-10-12", "2023-W41", "2023-W40-WE")."""
    if not value:
        return None
    if (seasonal := season_period(value)) is not None:
        return seasonal
    try:
        if "-W" in value:
            year, week = value[:4], value[6:8]
            monday = dt.date.fromisocalendar(int(year), int(week), 1)
            first = monday + dt.timedelta(days=5) if value.endswith("-WE") else monday
            return first.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if len(value) == 4:
            return f"{value}-01-01", f"{value}-12-31"
        if len(value) == 7:
            start = dt.date(int(value[:4]), int(value[5:7]), 1)
            end = (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
            return start.isoformat(), end.isoformat()
        day = dt.date.fromisoformat(value[:10]).isoformat()
        return day, day
    except ValueError:
        return None


# ---- TimeML typing: DATE / TIME / DURATION / SET, with TimeML values for all four ----

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "couple of": 2, "a couple of": 2,
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
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_VAGUE = "(?P<vague>" + "|".join(sorted(VAGUE_NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>" + "|".join(UNITS) + r")s?"
DURATION = re.compile(r"(?:(?:the )?(?:past|last|next|previous|coming|first|following|recent|more than|over|"
                      r"about|nearly|almost|at least|another|some) )*(?:" + _NUM + "|" + _VAGUE + ")?[ -]?"
                      + _UNIT + "(?: long)?")
AGO = re.compile("(?:(?:nearly|almost|about|some|more than|over|just|only|at least) )?(?:(?:" + _NUM + "|" + _VAGUE
                 + ") )?" + _UNIT + " (?:ago|earlier|before)")
SET = re.compile(r"(?:every|each|per|a) (?:other )?" + _UNIT)
QUARTER = re.compile(r"(?P<det>(?:the |this |latest |last |fiscal |current )*)(?P<ord>" + "|".join(ORDINALS)
                     + r")?(?: fiscal)? ?quarter(?: of (?P<year>\d{4}))?")
SEASON = re.compile(_SHIFT + "(?P<season>" + "|".join(SEASONS) + r")(?: (?:of )?(?P<year>\d{4}))?")
DECADE = re.compile(r"(?:the )?(?:early |mid |late )?(?P<dec>\d{3})0s")


CLOCK = re.compile(r"(?:at |around |about )?(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))? ?(?P<ap>a\.?m\.?|p\.?m\.?)|"
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
        hour, minute = int(m["h"]) % 12 + (12 if m["ap"].startswith("p") else 0), int(m["mi"] or 0)
    return f"{day}T{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def timex(expr: str, published: dt.date | None, future: bool | None = False,
          quarterly: bool = False) -> tuple[str, str | None]:
    """TimeML type and value of a temporal expression: ("DATE", "2023-10-12"), ("DURATION", "P3D"),
    ("SET", "P1W"), ("DATE", "PRESENT_REF"), ("TIME", "2023-10-12TNI"). The value is None when the
    expression needs a publication date that is not known, or is not understood. `quarterly`: the
    sentence compares quarters, so "a year earlier" is the same quarter a year before."""
    s = " ".join(expr.lower().replace("\u2019", "'").replace("-", " ").split()).strip(" .,;:")
    s = re.sub(r"^(?:for|during|in|within|since|over|of|until|by|from|at|on) ", "", s)
    if s in REFS:
        return "DATE", REFS[s]
    if s in SETS or SET.fullmatch(s):
        m = SET.fullmatch(s)
        return "SET", SETS.get(s) or _period_value(1, m["unit"])
    if (m := AGO.fullmatch(s)) is not None:
        return "DATE", _ago(m, published, quarterly)
    if (m := DECADE.fullmatch(s)) is not None:
        return "DATE", m["dec"]
    if (m := QUARTER.fullmatch(s)) is not None:
        return "DATE", _quarter(m, published)
    if (m := SEASON.fullmatch(_clean(s))) is not None:
        return "DATE", _season(m, published, future)
    if (clock := _clock(s, published, future)) is not None:
        return "TIME", clock
    value = normalize(expr, published, future)
    if quarterly and published and value == str(published.year - 1) and not re.search(r"\d", s):
        return "DATE", _last_year_quarter(published, 1)  # "up from last year" in a quarterly report
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
    if m["num"] is None and m["vague"] is None and m.string.rstrip().endswith("s"):
        n = "X"  # "years", "the coming months"
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


def season_period(value: str) -> tuple[str, str] | None:
    """First and last day of a quarter ("2023-Q3") or a season ("2023-SU", northern hemisphere)."""
    year, _, tail = value.partition("-")
    if not year.isdigit():
        return None
    if tail in ("Q1", "Q2", "Q3", "Q4"):
        first = dt.date(int(year), 3 * int(tail[1]) - 2, 1)
    elif tail in SEASON_MONTH:
        first = dt.date(int(year), SEASON_MONTH[tail], 1)
    else:
        return None
    last = (first + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)
    return first.isoformat(), last.isoformat()
