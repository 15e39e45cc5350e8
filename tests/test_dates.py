"""Table-driven tests for eventwire.nlp.dates.normalize.

Every expected value below was worked out by hand from the calendar:
  2023-10-12 is a Thursday (ISO week 2023-W41 = Mon 10-09 .. Sun 10-15;
             W40 = 10-02 .. 10-08).
  2023-10-16 is a Monday (2023-W42 = 10-16 .. 10-22).
  2023-10-14 is a Saturday (2023-W41).
  2024-01-03 is a Wednesday (2024-W01 = Mon 2024-01-01 .. 01-07; 2023 has 52 weeks).
  2023-12-20 is a Wednesday (2023-W51).
  2024-12-30 is a Monday in ISO week 2025-W01 (2025-01-01 is a Wednesday).
  2021-01-01 is a Friday in ISO week 2020-W53 (2020 began on a Wednesday, leap year).
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.nlp.dates import normalize, period
from eventwire.nlp.timex import timex

THU = dt.date(2023, 10, 12)
MON = dt.date(2023, 10, 16)
SAT = dt.date(2023, 10, 14)
NEW_YEAR = dt.date(2024, 1, 3)  # Wednesday
DEC = dt.date(2023, 12, 20)  # Wednesday
WEEK1 = dt.date(2024, 12, 30)  # Monday, 2025-W01
WEEK53 = dt.date(2021, 1, 1)  # Friday, 2020-W53

ABSOLUTE = [
    ("October 12, 2023", "2023-10-12"),
    ("Oct. 12, 2023", "2023-10-12"),
    ("Oct 12 2023", "2023-10-12"),
    ("12 October 2023", "2023-10-12"),
    ("12 Oct 2023", "2023-10-12"),
    ("12 Oct. 2023", "2023-10-12"),
    ("2023-10-12", "2023-10-12"),
    ("10/12/2023", "2023-10-12"),
    ("1/5/2024", "2024-01-05"),
    ("Sept. 11, 2001", "2001-09-11"),
    ("Sept 11 2001", "2001-09-11"),
    ("October 12th, 2023", "2023-10-12"),
    ("October 1st, 2023", "2023-10-01"),
    ("12th October 2023", "2023-10-12"),
    ("the 12th of October 2023", "2023-10-12"),
    ("on October 12, 2023", "2023-10-12"),
    ("Thursday, October 12, 2023", "2023-10-12"),
    ("Feb. 29, 2024", "2024-02-29"),
    ("October 2023", "2023-10"),
    ("Oct. 2023", "2023-10"),
    ("October of 2023", "2023-10"),
    ("as of October 2023", "2023-10"),
    ("until December 2024", "2024-12"),
    ("late October 2022", "2022-10"),
    ("2019", "2019"),
    ("in 2019", "2019"),
    ("since 2019", "2019"),
    ("early 2019", "2019"),
    ("mid-2019", "2019"),
    ("by the end of 2024", "2024"),
    ("1800", "1800"),
    ("2100", "2100"),
]


@pytest.mark.parametrize("expr, expected", ABSOLUTE)
def test_absolute_needs_no_published_date(expr, expected):
    assert normalize(expr, None) == expected
    assert normalize(expr, THU) == expected
    assert normalize(expr, THU, future=True) == expected


# (expression, published, future, expected)
RELATIVE = [
    # year-less dates
    ("October 12", THU, False, "2023-10-12"),
    ("12 October", THU, False, "2023-10-12"),
    ("Oct. 12", THU, False, "2023-10-12"),
    ("October 12th", THU, False, "2023-10-12"),
    ("the 12th of October", THU, False, "2023-10-12"),
    ("Sept. 5", THU, False, "2023-09-05"),
    ("on Oct. 7", THU, False, "2023-10-07"),
    ("Thursday, Oct. 12", THU, False, "2023-10-12"),
    ("December 1", THU, False, "2023-12-01"),  # 50 days ahead: same year
    ("December 28", NEW_YEAR, False, "2023-12-28"),  # rollover to previous year
    ("Dec. 28", NEW_YEAR, False, "2023-12-28"),
    ("August 1", NEW_YEAR, False, "2023-08-01"),  # 211 days ahead: previous year
    ("June 1", NEW_YEAR, False, "2024-06-01"),  # 150 days ahead: same year
    ("January 2", NEW_YEAR, False, "2024-01-02"),
    ("January 5", DEC, False, "2023-01-05"),
    ("January 5", DEC, True, "2024-01-05"),  # future: next year
    ("December 28", NEW_YEAR, True, "2024-12-28"),  # future: publication year
    ("October 1", THU, True, "2023-10-01"),  # 11 days before: still this year
    ("April 1", THU, True, "2024-04-01"),  # 194 days before: next year
    ("April 20", THU, True, "2023-04-20"),  # 175 days before: this year
    ("Feb. 29", dt.date(2025, 3, 10), False, "2024-02-29"),  # no 2025-02-29
    ("October", THU, False, "2023-10"),
    ("in October", THU, False, "2023-10"),
    ("mid-October", THU, False, "2023-10"),
    ("early October", THU, False, "2023-10"),
    ("the end of October", THU, False, "2023-10"),
    ("May", THU, False, "2023-05"),
    ("December", NEW_YEAR, False, "2023-12"),
    ("June", NEW_YEAR, False, "2024-06"),
    ("February", DEC, True, "2024-02"),
    ("February", DEC, False, "2023-02"),
    # weekdays, past (default)
    ("Thursday", THU, False, "2023-10-12"),
    ("on Thursday", THU, False, "2023-10-12"),
    ("Wednesday", THU, False, "2023-10-11"),
    ("Saturday", THU, False, "2023-10-07"),
    ("Friday", THU, False, "2023-10-06"),
    ("last Thursday", THU, False, "2023-10-05"),
    ("last Wednesday", THU, False, "2023-10-11"),
    ("this past Sunday", THU, False, "2023-10-08"),
    ("this Thursday", THU, False, "2023-10-12"),
    ("next Thursday", THU, False, "2023-10-19"),
    ("next Friday", THU, False, "2023-10-13"),
    ("late Thursday", THU, False, "2023-10-12"),
    ("late on Thursday", THU, False, "2023-10-12"),
    ("Thursday night", THU, False, "2023-10-12"),
    ("Thursday morning", THU, False, "2023-10-12"),
    ("on Thursday afternoon", THU, False, "2023-10-12"),
    ("early Tuesday", THU, False, "2023-10-10"),
    ("last Monday night", THU, False, "2023-10-09"),
    ("Thursday's", THU, False, "2023-10-12"),
    ("Thurs.", THU, False, "2023-10-12"),
    ("Tue", THU, False, "2023-10-10"),
    ("since Monday", THU, False, "2023-10-09"),
    ("Monday", MON, False, "2023-10-16"),
    ("Sunday", MON, False, "2023-10-15"),
    ("Thursday", MON, False, "2023-10-12"),
    ("last Thursday", MON, False, "2023-10-12"),
    ("last Monday", MON, False, "2023-10-09"),
    ("this Thursday", MON, False, "2023-10-12"),
    ("next Monday", MON, False, "2023-10-23"),
    ("next Thursday", MON, False, "2023-10-19"),
    ("Friday", NEW_YEAR, False, "2023-12-29"),
    ("Sunday", NEW_YEAR, False, "2023-12-31"),
    ("Monday", WEEK53, False, "2020-12-28"),
    # weekdays, future tense
    ("Thursday", THU, True, "2023-10-12"),
    ("Friday", THU, True, "2023-10-13"),
    ("Wednesday", THU, True, "2023-10-18"),
    ("on Monday", THU, True, "2023-10-16"),
    ("this Saturday", THU, True, "2023-10-14"),
    ("next Thursday", THU, True, "2023-10-19"),
    ("this coming Monday", THU, False, "2023-10-16"),
    ("last Thursday", THU, True, "2023-10-05"),
    ("Thursday", MON, True, "2023-10-19"),
    ("Monday", MON, True, "2023-10-16"),
    ("by Friday", MON, True, "2023-10-20"),
    ("Friday", WEEK1, True, "2025-01-03"),
    # days
    ("today", THU, False, "2023-10-12"),
    ("tonight", THU, False, "2023-10-12"),
    ("this morning", THU, False, "2023-10-12"),
    ("earlier today", THU, False, "2023-10-12"),
    ("yesterday", THU, False, "2023-10-11"),
    ("yesterday afternoon", THU, False, "2023-10-11"),
    ("late yesterday", THU, False, "2023-10-11"),
    ("last night", THU, False, "2023-10-11"),
    ("tomorrow", THU, False, "2023-10-13"),
    ("tomorrow morning", THU, True, "2023-10-13"),
    ("the day before yesterday", THU, False, "2023-10-10"),
    ("the day after tomorrow", THU, False, "2023-10-14"),
    ("yesterday", NEW_YEAR, False, "2024-01-02"),
    ("yesterday", WEEK53, False, "2020-12-31"),
    ("tomorrow", WEEK1, False, "2024-12-31"),
    # weeks
    ("this week", THU, False, "2023-W41"),
    ("last week", THU, False, "2023-W40"),
    ("next week", THU, False, "2023-W42"),
    ("earlier this week", THU, False, "2023-W41"),
    ("late last week", THU, False, "2023-W40"),
    ("until next week", THU, False, "2023-W42"),
    ("last week", MON, False, "2023-W41"),
    ("this week", MON, False, "2023-W42"),
    ("next week", MON, False, "2023-W43"),
    ("this week", NEW_YEAR, False, "2024-W01"),
    ("last week", NEW_YEAR, False, "2023-W52"),
    ("next week", DEC, False, "2023-W52"),
    ("this week", WEEK1, False, "2025-W01"),
    ("last week", WEEK1, False, "2024-W52"),
    ("next week", WEEK1, False, "2025-W02"),
    ("this week", WEEK53, False, "2020-W53"),
    ("last week", WEEK53, False, "2020-W52"),
    ("next week", WEEK53, False, "2021-W01"),
    # weekends (ISO week + "-WE")
    ("weekend", THU, False, "2023-W40-WE"),
    ("the weekend", THU, False, "2023-W40-WE"),
    ("over the weekend", THU, False, "2023-W40-WE"),
    ("this weekend", THU, True, "2023-W41-WE"),
    ("weekend", MON, False, "2023-W41-WE"),
    ("last weekend", MON, False, "2023-W41-WE"),
    ("this past weekend", MON, False, "2023-W41-WE"),
    ("next weekend", MON, False, "2023-W42-WE"),
    ("weekend", SAT, False, "2023-W41-WE"),
    ("last weekend", SAT, False, "2023-W40-WE"),
    ("next weekend", SAT, False, "2023-W42-WE"),
    # months
    ("last month", THU, False, "2023-09"),
    ("this month", THU, False, "2023-10"),
    ("next month", THU, False, "2023-11"),
    ("earlier this month", THU, False, "2023-10"),
    ("later this month", THU, True, "2023-10"),
    ("last month", NEW_YEAR, False, "2023-12"),
    ("next month", DEC, False, "2024-01"),
    ("next month", WEEK1, False, "2025-01"),
    ("last month", WEEK53, False, "2020-12"),
    # years
    ("last year", THU, False, "2022"),
    ("this year", THU, False, "2023"),
    ("next year", THU, False, "2024"),
    ("earlier this year", THU, False, "2023"),
    ("later this year", THU, True, "2023"),
    ("late last year", THU, False, "2022"),
    ("by the end of next year", THU, True, "2024"),
    ("last year", NEW_YEAR, False, "2023"),
    ("this year", WEEK1, False, "2024"),  # calendar year, not the ISO week-year
]


@pytest.mark.parametrize("expr, published, future, expected", RELATIVE)
def test_relative(expr, published, future, expected):
    assert normalize(expr, published, future=future) == expected


UNRESOLVABLE = [
    "",
    "   ",
    "the past decade",
    "the past 10 years",
    "the past week",
    "recent years",
    "three days",
    "24 hours",
    "a week",
    "weekly",
    "daily",
    "75-year",
    "the 1990s",
    "1990s",
    "decades",
    "week",
    "the year",
    "month",
    "the previous day",
    "the next day",
    "from Monday to Wednesday",
    "Monday to Wednesday",
    "October 12-14",
    "2019-20",
    "1799",
    "2101",
    "20190",
    "12",
    "February 30, 2023",
    "Feb. 29, 2023",
    "13/01/2023",
    "2023-13-01",
    "2023-10-32",
    "earlier",
    "last",
]


@pytest.mark.parametrize("expr", UNRESOLVABLE)
def test_unresolvable_is_none(expr):
    assert normalize(expr, THU) is None
    assert normalize(expr, THU, future=True) is None
    assert normalize(expr, None) is None


RELATIVE_ONLY = [
    "Thursday",
    "on Thursday",
    "last Thursday",
    "next Thursday",
    "Thursday night",
    "today",
    "yesterday",
    "tomorrow",
    "the day before yesterday",
    "last week",
    "this week",
    "weekend",
    "last month",
    "earlier this month",
    "next year",
    "earlier this year",
    "October 12",
    "Oct. 12",
    "12 October",
    "the 12th of October",
    "October",
    "mid-October",
]


@pytest.mark.parametrize("expr", RELATIVE_ONLY)
def test_relative_without_published_is_none(expr):
    assert normalize(expr, None) is None
    assert normalize(expr, None, future=True) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-12", ("2023-10-12", "2023-10-12")),
        ("2024-02", ("2024-02-01", "2024-02-29")),  # leap year
        ("2023-12", ("2023-12-01", "2023-12-31")),
        ("2019", ("2019-01-01", "2019-12-31")),
        ("2025-W01", ("2024-12-30", "2025-01-05")),
        ("2023-W40-WE", ("2023-10-07", "2023-10-08")),
        (None, None),
        ("not a date", None),
    ],
)
def test_period_gives_first_and_last_day(value, expected):
    assert period(value) == expected


# TimeML typing (eventwire.nlp.timex). THU = 2023-10-12 (Q4, ISO week 41).
TIMEX = [
    ("three days", THU, ("DURATION", "P3D")),
    ("the past 10 years", THU, ("DURATION", "P10Y")),
    ("24 hours", THU, ("DURATION", "PT24H")),
    ("two-year", THU, ("DURATION", "P2Y")),
    ("several months", THU, ("DURATION", "PXM")),
    ("the weeks", THU, ("DURATION", "PXW")),  # plural without a number: an unknown count
    ("the year", THU, ("DURATION", "P1Y")),
    ("the next three quarters", THU, ("DURATION", "P9M")),
    ("two decades", THU, ("DURATION", "P20Y")),
    ("every week", THU, ("SET", "P1W")),
    ("annually", THU, ("SET", "P1Y")),
    ("now", THU, ("DATE", "PRESENT_REF")),
    ("the past", THU, ("DATE", "PAST_REF")),
    ("the third quarter", THU, ("DATE", "2023-Q3")),
    ("fourth-quarter", THU, ("DATE", "2023-Q4")),
    ("the first quarter of 2021", THU, ("DATE", "2021-Q1")),
    ("the quarter", THU, ("DATE", "2023-Q3")),  # the last one reported
    ("this quarter", THU, ("DATE", "2023-Q4")),
    ("the 1990s", THU, ("DATE", "199")),
    ("summer 2019", THU, ("DATE", "2019-SU")),
    ("this summer", THU, ("DATE", "2023-SU")),
    ("last winter", THU, ("DATE", "2022-WI")),
    ("next spring", THU, ("DATE", "2024-SP")),
    ("three days ago", THU, ("DATE", "2023-10-09")),
    ("two weeks ago", THU, ("DATE", "2023-W39")),
    ("a year ago", THU, ("DATE", "2022")),
    ("years ago", THU, ("DATE", "PAST_REF")),
    ("last May", THU, ("DATE", "2023-05")),
    ("last November", THU, ("DATE", "2022-11")),
    ("June last year", THU, ("DATE", "2022-06")),
    ("next March", THU, ("DATE", "2024-03")),
    ("Thursday night", THU, ("TIME", "2023-10-12TNI")),
    ("10 p.m. Wednesday", THU, ("TIME", "2023-10-11T22:00")),
    ("noon Thursday", THU, ("TIME", "2023-10-12T12:00")),
    ("9:30 a.m.", THU, ("TIME", "2023-10-12T09:30")),
    ("October 12, 2023", None, ("DATE", "2023-10-12")),
    ("Thursday", None, ("DATE", None)),
]


@pytest.mark.parametrize("expr, published, expected", TIMEX)
def test_timex_types_and_values(expr, published, expected):
    assert timex(expr, published) == expected


def test_timex_quarterly_comparison_and_unknown_tense():
    assert timex("a year earlier", THU, quarterly=True) == ("DATE", "2022-Q3")
    assert timex("last year", THU, quarterly=True) == ("DATE", "2022")  # a year, even in a quarterly report
    # a quarter named by its year: the one of the latest report, or the one named
    assert timex("the 2022 quarter", THU) == ("DATE", "2022-Q3")
    assert timex("the 2021 second quarter", THU) == ("DATE", "2021-Q2")
    assert timex("the year-ago period", THU) == ("DATE", "2022-Q3")
    # phrases of data/timex_phrases.tsv read as another expression
    assert timex("the full year", THU) == ("DATE", "2023")
    assert timex("the latest period", THU) == ("DATE", "2023-Q3")
    assert timex("the near future", THU) == ("DATE", "FUTURE_REF")
    assert timex("this quarter's", THU) == ("DATE", "2023-Q4")
    # words between the number and the unit, recurring weekdays
    assert timex("two more weeks", THU) == ("DURATION", "P2W")
    assert timex("eight trading days", THU) == ("DURATION", "P8D")
    assert timex("no more than sixty days", THU) == ("DURATION", "P60D")
    assert timex("every Tuesday", None) == ("SET", "XXXX-WXX-2")
    assert timex("on Sundays", None) == ("SET", "XXXX-WXX-7")
    # years read out, clock hours with a part of the day, decades in words, the year's end
    assert timex("nineteen eighty-four", None) == ("DATE", "1984")
    assert timex("two thousand three", None) == ("DATE", "2003")
    assert timex("7 in the evening", THU) == ("TIME", "2023-10-12T19:00")
    assert timex("the seventies", None) == ("DATE", "197")
    assert timex("year-end", THU) == ("DATE", "2023")
    # tense unknown: the nearest February (4 months ahead), not the one 8 months back
    assert timex("February", THU, future=None) == ("DATE", "2024-02")
    assert timex("February", THU) == ("DATE", "2023-02")


@pytest.mark.parametrize("value, expected", [
    ("2023-Q3", ("2023-07-01", "2023-09-30")),
    ("2023-SU", ("2023-06-01", "2023-08-31")),
    ("2023-WI", ("2023-12-01", "2024-02-29")),
    ("2023-10-12T22:00", ("2023-10-12", "2023-10-12")),
])
def test_period_of_quarters_seasons_and_times(value, expected):
    assert period(value) == expected


def _timex_values(pipeline, text: str, published: dt.date) -> dict[str, str | None]:
    doc = pipeline.nlp.make_doc(text)
    doc._.published = published
    return {t.text: t.value for t in pipeline.nlp(doc)._.timexes}


def test_a_completed_event_without_a_year_lies_before_publication(pipeline):
    # Published 2023-03-10: a past-tense clause cannot date its event after that day, even when the
    # same day of this year would be nearer; plans, limits and noun modifiers keep the nearest date.
    text = ("The mayor was arrested on Aug. 30 at a port ceremony. "
            "Prices fell sharply in September after the harvest failed. "
            "The board has agreed to pay a dividend, payable April 2. "
            "The ministers planned a summit for early September.")
    values = _timex_values(pipeline, text, dt.date(2023, 3, 10))
    assert values["Aug. 30"] == "2022-08-30"
    assert values["September"] == "2022-09"
    assert values["April 2"] == "2023-04-02"
    assert values["early September"] == "2023-09"


def test_limits_and_plans_keep_the_nearest_date(pipeline):
    text = "The court extended the deadline to Aug. 30. The mayor was arrested on Aug. 20."
    values = _timex_values(pipeline, text, dt.date(2023, 6, 10))
    assert values["Aug. 30"] == "2023-08-30"
    assert values["Aug. 20"] == "2022-08-20"


def test_scheduled_and_earliest_times_are_future_weekdays(pipeline):
    # Published Thursday 2023-10-12: "is to", "set to" and "as soon as" point at the coming Monday or
    # Tuesday; the same weekday in a past-tense clause is the one before.
    text = ("The ferry line is to resume service Monday. Talks are set to reopen Tuesday in Oslo. "
            "The envoy could arrive as soon as Saturday, aides said. The strike ended Wednesday.")
    values = _timex_values(pipeline, text, THU)
    assert values["Monday"] == "2023-10-16"
    assert values["Tuesday"] == "2023-10-17"
    assert values["Saturday"] == "2023-10-14"
    assert values["Wednesday"] == "2023-10-11"


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("this year's second quarter", "2023-Q2"),
        ("next year's fourth quarter", "2024-Q4"),
        ("next year's second fiscal quarter", "2024-Q2"),
        ("last year's fourth quarter", "2022-Q4"),
    ],
)
def test_quarters_of_the_current_and_coming_year(expr, expected):
    assert timex(expr, THU) == ("DATE", expected)
    assert timex(expr, None) == ("DATE", None)
