"""Dates and file sizes read in each language's own form, on pages and in e-mails: French « 1er avril 2026 », British
English "2 December 2026, 07:39", Dutch "2 december 2026"."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from accord.notifications.models import OutboundEmail

BRUSSELS = ZoneInfo("Europe/Brussels")


def _render(language, value, fmt):
    with translation.override(language):
        return Template('{{ value|date:"' + fmt + '" }}').render(Context({"value": value}))


@pytest.mark.parametrize(
    "language, value, fmt, expected",
    [
        ("fr", date(2026, 4, 1), "DATE_FORMAT", "1er avril 2026"),
        ("fr", date(2026, 4, 11), "DATE_FORMAT", "11 avril 2026"),
        ("fr", date(2026, 12, 2), "DATE_FORMAT", "2 décembre 2026"),
        ("fr", datetime(2026, 4, 1, 7, 39, tzinfo=BRUSSELS), "DATETIME_FORMAT", "1er avril 2026 à 07:39"),
        ("en", date(2026, 12, 2), "DATE_FORMAT", "2 December 2026"),
        ("en", datetime(2026, 12, 2, 7, 39, tzinfo=BRUSSELS), "DATETIME_FORMAT", "2 December 2026, 07:39"),
        ("nl", date(2026, 12, 2), "DATE_FORMAT", "2 december 2026"),
        ("nl", date(2026, 4, 1), "DATE_FORMAT", "1 april 2026"),
        ("nl", datetime(2026, 12, 2, 7, 39, tzinfo=BRUSSELS), "DATETIME_FORMAT", "2 december 2026 07:39"),
    ],
)
def test_dates_read_in_the_languages_own_form(language, value, fmt, expected):
    assert _render(language, value, fmt) == expected


def test_the_acknowledgement_email_dates_the_complaint_the_british_way(sarah, make_case):
    case = make_case(sarah, received_at=datetime(2026, 12, 2, 7, 39, tzinfo=BRUSSELS))
    email = OutboundEmail.objects.get(case=case, template="acknowledgement")
    assert "complaint of 2 December 2026" in email.body_text


def test_the_french_acknowledgement_email_says_1er(marie, make_case):
    case = make_case(marie, received_at=datetime(2026, 4, 1, 9, 0, tzinfo=BRUSSELS))
    email = OutboundEmail.objects.get(case=case, template="acknowledgement")
    assert "1er avril 2026" in email.body_text


@pytest.mark.parametrize(
    "language, size, expected",
    [
        ("fr", 10 * 1024 * 1024, "10\u202fMo"),
        ("fr", 2_500_000, "2,4\u202fMo"),
        ("nl", 10 * 1024 * 1024, "10\u00a0MB"),
        ("en", 123_456, "120.6 KB"),
        ("en", 512, "512 bytes"),
    ],
)
def test_file_sizes_read_in_one_unit(language, size, expected):
    with translation.override(language):
        assert Template("{{ size|filesizeformat }}").render(Context({"size": size})) == expected
