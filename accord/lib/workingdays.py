"""Working days in Belgium and France: weekends, public holidays and an office's own closing days.

Deadlines in working days follow the case's office calendar (domain.md): a `Calendar` is a country,
optionally a `holidays` subdivision (France's "57" Moselle and "6AE" Alsace keep Good Friday and
26 December) and the office's extra closing days (bridges, Christmas week). Pure: no models; the
caller builds the calendar (cases.offices.office_calendar). A bare country code ("BE") is accepted
wherever a calendar is, meaning that country's holidays alone. The `holidays` library knows each
year's movable feasts; holidays are cached per country, subdivision and year.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRIES = ("BE", "FR")


@dataclass(frozen=True)
class Calendar:
    country: str
    subdivision: str = ""
    closed: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self):
        if self.country not in COUNTRIES:
            raise ValueError(f"unknown office country {self.country!r}")


def calendar_of(calendar: "Calendar | str") -> Calendar:
    return calendar if isinstance(calendar, Calendar) else Calendar(country=calendar)


def subdivisions(country: str) -> tuple[str, ...]:
    """The subdivision codes the `holidays` library knows for a country (e.g. France's "57", "6AE")."""
    return tuple(holidays.country_holidays(country).subdivisions)


@lru_cache(maxsize=128)
def _holidays(country: str, subdivision: str, year: int) -> frozenset[date]:
    if country not in COUNTRIES:
        raise ValueError(f"unknown office country {country!r}")
    return frozenset(holidays.country_holidays(country, subdiv=subdivision or None, years=year).keys())


def is_working_day(day: date, calendar: "Calendar | str") -> bool:
    cal = calendar_of(calendar)
    return day.weekday() < 5 and day not in _holidays(cal.country, cal.subdivision, day.year) and day not in cal.closed


def add_working_days(start: date, days: int, calendar: "Calendar | str") -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    cal = calendar_of(calendar)
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, cal):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, calendar: "Calendar | str") -> int:
    """Working days in the half-open interval (start, end]."""
    if end <= start:
        return 0
    cal = calendar_of(calendar)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, cal):
            count += 1
    return count
