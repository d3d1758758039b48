"""Offices and their calendars: a case's delays count its office's working days (country, holidays
subdivision, closing days); e-mailed complaints get the member's office; a mediator can move a case."""

from datetime import date, datetime, timedelta
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.cases.models import Case, CaseEvent, Deadline, DeadlineKind, EventKind, Office, OfficeClosure
from accord.cases.offices import case_office_change, office_calendar
from accord.core.errors import PermissionDenied, TransitionNotAllowed
from accord.lib.workingdays import add_working_days
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails
from accord.notifications.models import OutboundEmail

BRUSSELS = ZoneInfo("Europe/Brussels")
K = DeadlineKind
THURSDAY_2_APRIL_2026 = datetime(2026, 4, 2, 10, tzinfo=BRUSSELS)


def office(code):
    return Office.objects.get(code=code)


def due(case, kind):
    return Deadline.objects.get(case=case, kind=kind).due_date


def test_the_demo_offices_are_configured_with_their_calendars_and_hours_in_three_languages(db):
    offices = {o.code: o for o in Office.objects.all()}
    assert {"brussels", "liege", "gent", "paris", "lyon", "metz"} <= offices.keys()
    assert {offices[c].country for c in ("brussels", "liege", "gent")} == {"BE"}
    assert {offices[c].country for c in ("paris", "lyon", "metz")} == {"FR"}
    assert offices["metz"].subdivision == "57" and offices["paris"].subdivision == ""
    for o in offices.values():
        assert o.address and o.phone and o.hours_fr and o.hours_nl and o.hours_en
        assert o.name_in("nl") and o.name_in("en")
    assert offices["gent"].name_in("fr") == "Gand" and offices["gent"].name_in("nl") == "Gent"


def test_in_alsace_moselle_good_friday_and_easter_monday_are_holidays(make_case, marie):
    # Thursday 2 April 2026: Good Friday 3 April and Easter Monday 6 April are holidays in Metz.
    metz = make_case(marie, office=office("metz"), received_at=THURSDAY_2_APRIL_2026)
    assert due(metz, K.ACKNOWLEDGEMENT) == date(2026, 4, 7)
    assert due(metz, K.FIRST_ANSWER) == date(2026, 4, 9)
    assert (metz.office_country, metz.office.code) == ("FR", "metz")
    # Elsewhere in France (and in Belgium) Good Friday is a working day.
    paris = make_case(marie, office=office("paris"), received_at=THURSDAY_2_APRIL_2026)
    assert due(paris, K.ACKNOWLEDGEMENT) == date(2026, 4, 3)
    assert due(paris, K.FIRST_ANSWER) == date(2026, 4, 8)
    brussels = make_case(marie, office=office("brussels"), received_at=THURSDAY_2_APRIL_2026)
    assert due(brussels, K.FIRST_ANSWER) == date(2026, 4, 8)


def test_the_offices_closing_days_are_not_working_days(make_case, marie):
    liege = office("liege")
    # Tuesday 23 December 2025; the office closes from Christmas Eve to New Year's Eve.
    received = datetime(2025, 12, 23, 10, tzinfo=BRUSSELS)
    before = make_case(marie, office=liege, received_at=received)
    assert due(before, K.ACKNOWLEDGEMENT) == date(2025, 12, 24)
    OfficeClosure.objects.create(office=liege, start=date(2025, 12, 24), end=date(2025, 12, 31), label="Noël")
    case = make_case(marie, office=liege, received_at=received)
    # 24–31 closed (25 December a holiday too), 1 January a holiday: Friday 2, Monday 5, Tuesday 6.
    assert due(case, K.ACKNOWLEDGEMENT) == date(2026, 1, 2)
    assert due(case, K.FIRST_ANSWER) == date(2026, 1, 6)
    # Another office's closing days change nothing there.
    gent = make_case(marie, office=office("gent"), received_at=received)
    assert due(gent, K.ACKNOWLEDGEMENT) == date(2025, 12, 24)


def test_a_complaint_naming_only_a_country_gets_that_countrys_first_office(make_case, marie):
    assert make_case(marie, office_country="FR").office.code == "paris"
    assert make_case(marie, office_country="BE").office.code == "brussels"


def test_a_french_members_email_complaint_is_on_the_french_calendar(make_case, marie):
    earlier = make_case(marie, office=office("lyon"), received_at=timezone.now() - timedelta(days=40))
    lyon = office("lyon")
    # Lyon closes the next three days: only its own calendar skips them.
    today = timezone.localdate()
    OfficeClosure.objects.create(office=lyon, start=today + timedelta(days=1), end=today + timedelta(days=3))

    sent = format_datetime(timezone.localtime())
    case = inbound_email_receive(raw=mails.new_complaint(date=sent), source="test").inbound.case
    assert case.pk != earlier.pk and case.person == marie
    assert (case.office.code, case.office_country) == ("lyon", "FR")
    received = timezone.localdate(case.received_at)
    assert due(case, K.FIRST_ANSWER) == add_working_days(received, 3, office_calendar(lyon))
    assert due(case, K.FIRST_ANSWER) != add_working_days(received, 3, "BE")


def test_an_email_from_someone_unknown_gets_the_default_office(db, settings):
    case = inbound_email_receive(raw=mails.new_complaint(), source="test").inbound.case
    assert case.office.code == "brussels"
    settings.ACCORD_DEFAULT_OFFICE = "metz"
    other = inbound_email_receive(
        raw=mails.new_complaint(sender="Luc Martin <luc.martin@example.fr>"), source="test"
    ).inbound.case
    assert (other.office.code, other.office_country) == ("metz", "FR")


def test_a_forwarded_complaint_gets_the_members_office(make_case, bruno, settings):
    from accord.people.models import Person

    luc = Person.objects.create(name="Luc Martin", email="luc.martin@example.be", language="fr")
    make_case(luc, office=office("metz"), received_at=timezone.now() - timedelta(days=100))
    case = inbound_email_receive(raw=mails.staff_forward(), source="test").inbound.case
    assert case.person == luc and case.office.code == "metz"


def test_changing_the_office_recomputes_the_delays_and_tells_the_member_in_their_language(make_case, jan, maya):
    case = make_case(jan, office=office("brussels"), received_at=THURSDAY_2_APRIL_2026)
    assert (due(case, K.ACKNOWLEDGEMENT), due(case, K.FIRST_ANSWER)) == (date(2026, 4, 3), date(2026, 4, 8))
    admissibility = due(case, K.ADMISSIBILITY)

    case = case_office_change(case=case, user=maya, office=office("metz"))

    case.refresh_from_db()
    assert (case.office.code, case.office_country) == ("metz", "FR")
    assert (due(case, K.ACKNOWLEDGEMENT), due(case, K.FIRST_ANSWER)) == (date(2026, 4, 7), date(2026, 4, 9))
    assert due(case, K.ADMISSIBILITY) == admissibility  # calendar days
    assert case.next_deadline == date(2026, 4, 7)
    moved = CaseEvent.objects.get(case=case, kind=EventKind.OFFICE)
    assert (moved.actor, moved.data) == (maya, {"from": "brussels", "to": "metz"})
    changed = CaseEvent.objects.filter(case=case, kind=EventKind.DEADLINE).last()
    assert changed.data["reason"] == "office"
    assert {c["kind"]: c["to"] for c in changed.data["changes"]} == {
        "acknowledgement": "2026-04-07",
        "first_answer": "2026-04-09",
    }
    email = OutboundEmail.objects.get(case=case, template="office_changed")
    assert email.to == jan.email and email.language == "nl"
    assert "Metz" in email.subject and "kantoor" in email.subject
    assert "8 rue des Clercs" in email.body_text and "+33 3 87 36 14 70" in email.body_text
    assert "9 april 2026" in email.body_text  # the new first-answer date, in Dutch

    # The same office again: nothing recorded, nobody told.
    case_office_change(case=case, user=maya, office=office("metz"))
    assert OutboundEmail.objects.filter(case=case, template="office_changed").count() == 1


def test_only_whoever_may_work_the_case_changes_its_office_and_only_while_it_is_open(make_case, marie, maya, ilse):
    case = make_case(marie, recorded_by=ilse)
    with pytest.raises(PermissionDenied):
        case_office_change(case=case, user=ilse, office=office("paris"))
    Case.objects.filter(pk=case.pk).update(status="closed")
    with pytest.raises(TransitionNotAllowed):
        case_office_change(case=Case.objects.get(pk=case.pk), user=maya, office=office("paris"))


def test_a_mediator_changes_the_office_from_the_case_page(client, make_case, marie, maya):
    case = make_case(marie, office=office("brussels"), received_at=THURSDAY_2_APRIL_2026)
    client.force_login(maya)
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert reverse("cases:office", kwargs={"reference": case.reference}) in page.content.decode()
    response = client.post(reverse("cases:office", kwargs={"reference": case.reference}), {"office": "metz"})
    assert response.status_code == 302
    assert due(case, K.FIRST_ANSWER) == date(2026, 4, 9)
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    assert "Metz" in page


def test_the_public_pages_show_each_office_and_the_form_asks_for_one(client, db):
    home = client.get("/nl/").content.decode()
    for code in ("brussels", "liege", "gent", "paris", "lyon", "metz"):
        assert f'data-testid="office-{code}"' in home
    assert "Kortrijksesteenweg 85" in home and "+32 9 233 65 20" in home
    assert "Maandag tot vrijdag" in home
    assert "Lundi" not in home  # the hours in the page's language
    form = client.get("/fr/complaint/").content.decode()
    assert 'name="office"' in form and '<option value="metz"' in form and "Gand" in form


def test_a_complaint_filed_on_the_public_form_keeps_the_chosen_office(client, db):
    response = client.post(
        "/fr/complaint/",
        {
            "name": "Claire Muller",
            "email": "claire.muller@example.fr",
            "language": "fr",
            "office": "metz",
            "subject": "Facture",
            "description": "Ma facture de mars a été payée en retard.",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.office.code, case.office_country) == ("metz", "FR")


def test_reminders_and_digests_follow_the_mediators_own_office_calendar(make_case, marie, maya, pierre):
    from accord.cases.services import case_assign
    from accord.notifications.reminders import daily_digest_send, deadline_notices_send

    pierre.office = office("paris")
    pierre.save(update_fields=["office"])
    national_day = date(2025, 7, 21)  # Monday 21 July: a Belgian holiday, a working day in Paris
    received = datetime(2025, 7, 18, 9, tzinfo=BRUSSELS)
    for mediator in (maya, pierre):
        case = make_case(marie, office=office("paris"), received_at=received)
        case_assign(case=case, user=mediator, mediator=mediator)
        assert due(case, K.ACKNOWLEDGEMENT) == national_day

    notices = deadline_notices_send(today=national_day)
    assert {n.user for n in notices} == {pierre}  # Maya keeps the Belgian calendar (ACCORD_STAFF_CALENDAR)
    assert {n.user for n in daily_digest_send(day=national_day)} == {pierre}
    # Back at work on Tuesday, Maya is told too.
    assert maya in {n.user for n in deadline_notices_send(today=date(2025, 7, 22))}


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_cases_brussels_or_paris_by_their_country():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("cases", "0007_audit_trail_append_only")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Person, OldCase = apps.get_model("people", "Person"), apps.get_model("cases", "Case")
    person = Person.objects.create(name="Marie Lambert", email="marie@example.org", language="fr")
    for n, country in enumerate(("BE", "FR"), start=1):
        OldCase.objects.create(
            reference=f"ACC-2025-00000{n}",
            person=person,
            channel="web",
            received_at=timezone.now(),
            subject="s",
            description="d",
            language="fr",
            office_country=country,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    offices = dict(Case.objects.values_list("office_country", "office__code"))
    assert offices == {"BE": "brussels", "FR": "paris"}


def test_the_escalation_margin_counts_the_offices_working_days(make_case, marie):
    from accord.cases.services import cases_escalate_overdue

    liege = office("liege")
    OfficeClosure.objects.create(office=liege, start=date(2025, 12, 3), end=date(2025, 12, 5))
    received = datetime(2025, 12, 1, 10, tzinfo=BRUSSELS)  # Monday: acknowledgement due Tuesday 2
    closed_office = make_case(marie, office=liege, received_at=received)
    open_office = make_case(marie, office=office("gent"), received_at=received)
    # Monday 8 December: four working days late in Gent, one in Liège (closed 3–5 December).
    flagged = cases_escalate_overdue(today=date(2025, 12, 8), margin=2)
    assert [case.pk for case in flagged] == [open_office.pk]
    assert closed_office.pk not in [case.pk for case in flagged]
