"""Working days in Belgium and France: weekends and each country's own public holidays."""

from datetime import date, timedelta

import pytest

from accord.lib.workingdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    "start,be,fr",
    [
        # 21 July, Belgian national day (a Monday in 2025): a working day in France.
        (date(2025, 7, 18), date(2025, 7, 22), date(2025, 7, 21)),
        # 14 July, French national day (a Monday in 2025): a working day in Belgium.
        (date(2025, 7, 11), date(2025, 7, 14), date(2025, 7, 15)),
        # Easter Monday, a holiday in both (Good Friday is in neither).
        (date(2025, 4, 18), date(2025, 4, 22), date(2025, 4, 22)),
        # Whit Monday, a holiday in both.
        (date(2025, 6, 6), date(2025, 6, 10), date(2025, 6, 10)),
        # 8 May, Victory Day in France only.
        (date(2025, 5, 7), date(2025, 5, 8), date(2025, 5, 9)),
        # Ascension Thursday, both.
        (date(2025, 5, 28), date(2025, 5, 30), date(2025, 5, 30)),
        # New Year's Day across the change of year.
        (date(2025, 12, 31), date(2026, 1, 2), date(2026, 1, 2)),
    ],
)
def test_one_working_day_later_skips_the_countrys_own_holidays(start, be, fr):
    assert add_working_days(start, 1, "BE") == be
    assert add_working_days(start, 1, "FR") == fr


def test_the_holidays_are_not_working_days_in_their_own_country_only():
    assert not is_working_day(date(2025, 7, 21), "BE") and is_working_day(date(2025, 7, 21), "FR")
    assert not is_working_day(date(2025, 7, 14), "FR") and is_working_day(date(2025, 7, 14), "BE")
    for country in ("BE", "FR"):
        assert not is_working_day(date(2025, 4, 21), country)  # Easter Monday
        assert not is_working_day(date(2025, 6, 9), country)  # Whit Monday
        assert not is_working_day(date(2026, 4, 6), country)  # Easter Monday the next year (movable)
        assert not is_working_day(date(2025, 12, 25), country)


def test_weekends_are_not_working_days():
    friday = date(2025, 3, 7)
    assert add_working_days(friday, 1, "BE") == date(2025, 3, 10)
    assert add_working_days(friday + timedelta(days=1), 1, "BE") == date(2025, 3, 10)  # from a Saturday
    assert add_working_days(friday, 3, "FR") == date(2025, 3, 12)
    assert add_working_days(friday, 0, "FR") == friday


def test_three_working_days_across_the_belgian_national_day():
    # Friday 18 July 2025: Monday 21 is a Belgian holiday, not a French one.
    assert add_working_days(date(2025, 7, 18), 3, "BE") == date(2025, 7, 24)
    assert add_working_days(date(2025, 7, 18), 3, "FR") == date(2025, 7, 23)


def test_working_days_between_counts_the_half_open_interval():
    assert working_days_between(date(2025, 7, 18), date(2025, 7, 25), "BE") == 4
    assert working_days_between(date(2025, 7, 18), date(2025, 7, 25), "FR") == 5
    assert working_days_between(date(2025, 7, 25), date(2025, 7, 18), "BE") == 0
    assert working_days_between(date(2025, 7, 18), date(2025, 7, 18), "BE") == 0


@pytest.mark.parametrize("country", ["BE", "FR"])
def test_adding_then_counting_working_days_gives_the_same_number(country):
    start = date(2025, 1, 1)
    for offset in range(0, 365, 3):
        day = start + timedelta(days=offset)
        for n in (1, 3, 10):
            assert working_days_between(day, add_working_days(day, n, country), country) == n


def test_an_unknown_office_country_is_an_error():
    with pytest.raises(ValueError):
        is_working_day(date(2025, 7, 21), "NL")


def test_a_calendar_adds_its_subdivisions_holidays_and_its_own_closing_days():
    from accord.lib.workingdays import Calendar

    moselle = Calendar(country="FR", subdivision="57")
    alsace = Calendar(country="FR", subdivision="6AE")
    for day in (date(2026, 4, 3), date(2025, 12, 26)):  # Good Friday; 26 December (both Fridays)
        assert is_working_day(day, "FR")
        assert not is_working_day(day, moselle) and not is_working_day(day, alsace)
    bridge = Calendar(country="BE", closed=frozenset({date(2026, 5, 15)}))  # the Friday after Ascension
    assert is_working_day(date(2026, 5, 15), "BE") and not is_working_day(date(2026, 5, 15), bridge)
    assert add_working_days(date(2026, 5, 13), 1, bridge) == date(2026, 5, 18)
    assert working_days_between(date(2026, 5, 13), date(2026, 5, 18), bridge) == 1
    with pytest.raises(ValueError):
        Calendar(country="DE")
