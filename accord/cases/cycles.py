"""A case's cycles: the one module that writes `CaseCycle`.

A case runs in cycles. The first starts with the complaint; reopening a case (a mediator, with a
reason) or contesting its answer (the member, within `ACCORD_CONTEST_DAYS`) starts the next one.
Each cycle keeps what it ended with (status, outcome, refusal, discontinuation or withdrawal and
their reasons), when it was answered and whether the cooperative complied with its outcome; its
deadlines are its own (`Deadline.cycle`), so a reopened case keeps every cycle's deadlines on
record. `Case.cycle` is the current one; the open deadlines are always the current cycle's.

The workflow calls the functions below inside its transaction, on the locked case; the compliance
record (`outcome_compliance_record`) is a service of its own.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.cases.models import Case, CaseCycle, CaseEvent, Compliance, CycleStart, EventKind, Status
from accord.core.errors import TransitionNotAllowed, ValidationFailed


def cycle_current(case: Case) -> CaseCycle:
    """The case's current cycle (the first is made on demand for a case recorded without one)."""
    cycle, _created = CaseCycle.objects.get_or_create(
        case=case, number=case.cycle, defaults={"started_at": case.received_at}
    )
    return cycle


def cycle_first(case: Case) -> None:
    """A new case's first cycle, from the day received."""
    CaseCycle.objects.create(case=case, number=1, started_at=case.received_at)


def cycle_answered(case: Case, *, at: datetime) -> None:
    CaseCycle.objects.filter(pk=cycle_current(case).pk).update(answered_at=at)


def cycle_end(case: Case, *, status: str, at: datetime, **ended_with: str) -> None:
    """The current cycle ends with `status` and what it ended with (outcome, grounds, reasons)."""
    CaseCycle.objects.filter(pk=cycle_current(case).pk).update(ended_at=at, end_status=status, **ended_with)


def cycle_start(case: Case, *, started_by: str, at: datetime, reason: str = "") -> list[str]:
    """Start the next cycle: the current one is ended (if it was not) and kept as it is."""
    current = cycle_current(case)
    ended = {"contested_at": at} if started_by == CycleStart.CONTESTED else {}
    if current.ended_at is None:
        ended.update(ended_at=at, end_status=case.status)
    if ended:
        CaseCycle.objects.filter(pk=current.pk).update(**ended)
    case.cycle += 1
    CaseCycle.objects.create(case=case, number=case.cycle, started_by=started_by, started_at=at, reason=reason)
    return ["cycle"]


def contest_until(case: Case) -> date | None:
    """The last day the member may contest the answer of the current cycle (None: nothing to contest).
    `ACCORD_CONTEST_DAYS` calendar days from the day the answer was sent, through that whole day."""
    if case.status not in (Status.ANSWERED, Status.CLOSED):
        return None
    cycle = CaseCycle.objects.filter(case=case, number=case.cycle).only("answered_at").first()
    if cycle is None or cycle.answered_at is None:
        return None
    return timezone.localdate(cycle.answered_at) + timedelta(days=settings.ACCORD_CONTEST_DAYS)


def department_settlement(case: Case) -> CaseEvent | None:
    """The step that closed the current cycle when it was the department's settlement of a complaint handed over
    to it (`handover_settled`), else None."""
    if case.status != Status.CLOSED:
        return None
    last = (
        CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION)
        .order_by("-created_at", "-id")
        .only("data", "created_at")
        .first()
    )
    return last if last is not None and last.data.get("transition") == "handover_settled" else None


def come_back_until(case: Case) -> date | None:
    """The last day the member may come back to Accord after the department's answer (None: nothing to come back
    from). `ACCORD_CONTEST_DAYS` calendar days from the settlement, through that whole day, like a contest."""
    settled = department_settlement(case)
    if settled is None:
        return None
    return timezone.localdate(settled.created_at) + timedelta(days=settings.ACCORD_CONTEST_DAYS)


def come_back_open(case: Case, *, today: date | None = None) -> bool:
    until = come_back_until(case)
    return until is not None and (today or timezone.localdate()) <= until


def contest_open(case: Case, *, today: date | None = None) -> bool:
    until = contest_until(case)
    return until is not None and (today or timezone.localdate()) <= until


def outcome_compliance_record(*, case: Case, user, compliance: str, on: date, note: str = "") -> CaseCycle:
    """Record whether the cooperative complied with a closed case's outcome (art. 7(2)(g)).

    Recorded after the case is closed, when the mediator learns it; it may be recorded again (the
    cooperative complied late, or only partly after all): the cycle keeps the latest, the timeline
    every record with the one it replaced."""
    from accord.cases.permissions import require_work

    require_work(user, case)
    if compliance not in Compliance.values:
        raise ValidationFailed(_("Choose whether the cooperative complied."), code="compliance_invalid")
    if on > timezone.localdate():
        raise ValidationFailed(_("The date cannot be in the future."), code="compliance_date")
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status != Status.CLOSED or not case.outcome:
            raise TransitionNotAllowed(_("Compliance is recorded on a closed case with an outcome."))
        cycle = cycle_current(case)
        if on < timezone.localdate(cycle.ended_at or case.closed_at or timezone.now()):
            raise ValidationFailed(_("The date cannot be before the case was closed."), code="compliance_date")
        data = {"compliance": compliance, "on": on.isoformat(), "outcome": case.outcome, "cycle": cycle.number}
        if cycle.compliance:
            data["previous"] = {"compliance": cycle.compliance, "on": cycle.compliance_on.isoformat()}
        if note.strip():
            data["reason"] = note.strip()
        CaseEvent.objects.create(
            case=case, kind=EventKind.COMPLIANCE, actor=user, actor_kind="staff", created_at=timezone.now(), data=data
        )
        cycle.compliance, cycle.compliance_on, cycle.compliance_note = compliance, on, note.strip()
        cycle.save(update_fields=["compliance", "compliance_on", "compliance_note"])
    return cycle
