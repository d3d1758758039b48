"""Working days in Belgium and France: weekends and the country's public holidays.

Deadlines in working days follow the case's office country (domain.md). The `holidays`
library knows each year's movable feasts; calendars are cached per country and year.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRIES = ("BE", "FR")


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[date]:
    if country not in COUNTRIES:
        raise ValueError(f"unknown office country {country!r}")
    return frozenset(holidays.country_holidays(country, years=year).keys())


def is_working_day(day: date, country: str) -> bool:
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def add_working_days(start: date, days: int, country: str) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, country):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, country: str) -> int:
    """Working days in the half-open interval (start, end]."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, country):
            count += 1
    return count
