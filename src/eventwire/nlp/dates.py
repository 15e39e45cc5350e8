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


SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season (northern hemisphere)


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
