"""Offices and their calendars: which office a complaint belongs to, and whose working days count.

A case's deadlines follow its office's calendar (its country, `holidays` subdivision and closing
days, see lib/workingdays.Calendar); reminders and digests follow the staff member's office, or
`ACCORD_STAFF_CALENDAR` for staff without one. A complaint that comes without an office (e-mail,
forwarded e-mail) gets the office of the member's latest case, else `ACCORD_DEFAULT_OFFICE`.
`Case.office_country` stays beside `Case.office` as its country (filters, phone numbers, API).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.cases import deadlines
from accord.cases.models import Case, CaseEvent, EventKind, Office
from accord.cases.permissions import require_work
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.lib.workingdays import Calendar
from accord.people.models import Person


def office_calendar(office: Office) -> Calendar:
    """The office's working days; its closing days through `closures` (prefetch it for many offices)."""
    closed = set()
    for closure in office.closures.all():
        day = closure.start
        while day <= closure.end:
            closed.add(day)
            day += timedelta(days=1)
    return Calendar(country=office.country, subdivision=office.subdivision, closed=frozenset(closed))


def staff_calendar(user: User | None) -> Calendar | str:
    """Whose working days a staff member keeps: their office's, else ACCORD_STAFF_CALENDAR."""
    office = getattr(user, "office", None) if user is not None else None
    return office_calendar(office) if office is not None else settings.ACCORD_STAFF_CALENDAR


def offices_active():
    return Office.objects.filter(active=True).prefetch_related("closures").order_by("position", "code")


def office_default() -> Office | None:
    """ACCORD_DEFAULT_OFFICE, else the first active office; None on a database with no office at all
    (the case then keeps only its `office_country`, whose national holidays count)."""
    return Office.objects.filter(code=settings.ACCORD_DEFAULT_OFFICE).first() or offices_active().first()


def office_for_country(country: str) -> Office | None:
    """The office of a complaint that names only a country: the default office when it is in that
    country, else that country's first active office (BE → Brussels, FR → Paris in the demo)."""
    default = office_default()
    if default is not None and default.country == country:
        return default
    return offices_active().filter(country=country).first()


def office_for_member(person: Person | None) -> Office | None:
    """The office of the member's latest case when they have one, else the default office."""
    if person is not None and person.pk:
        latest = (
            Case.objects.filter(person=person, office__isnull=False)
            .select_related("office")
            .order_by("-received_at", "-pk")
            .first()
        )
        if latest is not None:
            return latest.office
    return office_default()


def case_office_change(*, case: Case, user: User, office: Office) -> Case:
    """Move a case to another office: recorded, its working-day deadlines recomputed on the new
    office's calendar, and the member told by e-mail in their language."""
    from accord.notifications.services import member_email_queue

    require_work(user, case)
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("person", "office").get(pk=case.pk)
        if not case.is_open:
            raise TransitionNotAllowed(_("The office of a closed case cannot be changed."))
        if not office.active:
            raise ValidationFailed(_("Choose an active office."), code="office_inactive")
        if case.office_id == office.pk:
            return case
        before = case.office
        now = timezone.now()
        changes = deadlines.deadlines_recalendar(case, new_calendar=office_calendar(office))
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.OFFICE,
            actor=user,
            created_at=now,
            data={"from": before.code if before else case.office_country, "to": office.code},
        )
        if changes:
            CaseEvent.objects.create(
                case=case,
                kind=EventKind.DEADLINE,
                actor=user,
                created_at=now,
                data={"reason": "office", "changes": changes},
            )
        case.office, case.office_country = office, office.country
        case.save(update_fields=["office", "office_country", *deadlines.deadlines_refresh_next(case), "updated_at"])
        member_email_queue(case=case, template="office_changed", context={"office": office})
    return case
