"""Calendar arithmetic for time expressions: periods, year inference, clock times.

Pure functions of their arguments (the reference date is always passed in, never read from the
clock), so every rule here is testable on its own.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace

# A period without a year is put in the reference year unless that places it more than
# FUTURE_LIMIT days after the reference (news reports look back: "25/12" in an article of
# 5 January is last December) or more than PAST_LIMIT days before it ("5/1" in an article of
# 28 December is next January). The past window is wider than the future one on purpose.
FUTURE_LIMIT_DAYS = 183
PAST_LIMIT_DAYS = 275

# Finest grain first: a range takes the finer grain of its two ends.
GRAIN_ORDER = ("second", "minute", "hour", "day", "week", "month", "quarter", "half", "year")


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved time expression before it becomes a record."""

    grain: str
    start: dt.date | None
    end: dt.date | None
    datetime: dt.datetime | None = None
    modifier: str | None = None
    part: str | None = None
    year_inferred: bool = False
    year_explicit: bool = False  # the expression itself states its year
    fields: dict = field(default_factory=dict, compare=False, hash=False)

    def with_(self, **changes: object) -> TimeValue:
        return replace(self, **changes)  # type: ignore[arg-type]


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_period(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, last_day(year, month))


def months_period(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """From the first day of month ``first`` to the last day of month ``last`` of one year."""
    return dt.date(year, first, 1), dt.date(year, last, last_day(year, last))


def quarter_period(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    return months_period(year, 3 * quarter - 2, 3 * quarter)


def year_period(year: int, last_year: int | None = None) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(last_year or year, 12, 31)


def week_period(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= last_day(year, month)


def infer_year(month: int, day: int | None, reference: dt.date, *, last_month: int | None = None) -> int:
    """The year of a day ("25/12") or a month ("tháng 9") written without one.

    Policy: the reference year, unless that puts the period more than ``FUTURE_LIMIT_DAYS`` after
    the reference (then the year before) or more than ``PAST_LIMIT_DAYS`` before it (then the year
    after). ``last_month`` extends a month to a span of months (a quarter: 3 months).
    """
    year = reference.year
    first_day = dt.date(year, month, min(day or 1, last_day(year, month)))
    end_month = last_month or month
    last = dt.date(year, end_month, min(day, last_day(year, end_month)) if day else last_day(year, end_month))
    if (first_day - reference).days > FUTURE_LIMIT_DAYS:
        return year - 1
    if (reference - last).days > PAST_LIMIT_DAYS:
        return year + 1
    return year


def infer_quarter_year(quarter: int, reference: dt.date) -> int:
    return infer_year(3 * quarter - 2, None, reference, last_month=3 * quarter)


def next_month_occurrence(month: int, reference: dt.date, *, after: bool) -> int:
    """Year of the next ("tháng Ba tới") or last ("tháng 8 vừa qua") month of that name."""
    if after:
        return reference.year if month > reference.month else reference.year + 1
    return reference.year if month <= reference.month else reference.year - 1  # "tháng 10 vừa qua" in October


def running_period(n: int, edge: str | None, year: int) -> tuple[str, dt.date, dt.date]:
    """ "N tháng đầu năm" (edge None or 'early') / "N tháng cuối năm" (edge 'late'):
    grain quarter for 3, half for 6, year for 12, else month."""
    grain = {3: "quarter", 6: "half", 12: "year"}.get(n, "month")
    if edge == "late":
        start, end = months_period(year, 13 - n, 12)
    else:
        start, end = months_period(year, 1, n)
    return grain, start, end


def finer(a: str, b: str) -> str:
    return a if GRAIN_ORDER.index(a) <= GRAIN_ORDER.index(b) else b


def clock_grain(minute: int | None, second: int | None) -> str:
    if second is not None:
        return "second"
    if minute is not None:
        return "minute"
    return "hour"


def make_datetime(
    day: dt.date, hour: int, minute: int | None, second: int | None, utc_offset_minutes: int | None
) -> dt.datetime:
    tz = dt.timezone(dt.timedelta(minutes=utc_offset_minutes)) if utc_offset_minutes is not None else None
    if hour == 24:  # "24h ngày 31/12": the end of the day, the next midnight
        return dt.datetime(day.year, day.month, day.day, tzinfo=tz) + dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, hour, minute or 0, second or 0, tzinfo=tz)
