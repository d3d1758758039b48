"""The case page's "Earlier cases of this member": only cases received before this one (issue 7, item 14)."""

from datetime import timedelta

from django.utils import timezone

from accord.cases.selectors import person_other_cases


def test_earlier_cases_list_only_cases_received_before_this_one(make_case, marie, maya):
    now = timezone.now()
    first = make_case(marie, received_at=now - timedelta(days=40), subject="Première")
    middle = make_case(marie, received_at=now - timedelta(days=20), subject="Deuxième")
    last = make_case(marie, received_at=now - timedelta(days=1), subject="Troisième")

    assert list(person_other_cases(case=middle, user=maya)) == [first]
    assert list(person_other_cases(case=last, user=maya)) == [middle, first]
    assert list(person_other_cases(case=first, user=maya)) == []


def test_the_case_page_shows_an_earlier_case_and_not_a_later_one(client, make_case, marie, maya):
    now = timezone.now()
    earlier = make_case(marie, received_at=now - timedelta(days=30), subject="Ancienne")
    case = make_case(marie, received_at=now - timedelta(days=10))
    later = make_case(marie, received_at=now - timedelta(days=2), subject="Récente")
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    section = page.split("Earlier cases of this member", 1)[1].split("<h2>", 1)[0]
    assert earlier.reference in section
    assert later.reference not in section
