"""The departments' loop, writes: information requests asked, answered and withdrawn, and their notices.

Each service runs in one transaction on the locked case, appends its event to the case's timeline
(`EventKind.REQUEST`, `data.action`: asked / answered / withdrawn / reminded / overdue / escalated) and
queues its e-mails in that transaction. A request's `state` is written here only.

One clock: a request's due date is `cases.deadlines.due_in_working_days` on its department's calendar
(the department's office, else the case's calendar). The department's time to answer is the department's
obligation, not the mediator's: it does not stop while the case awaits the member and is escalated to the
department's head, not to the oversight committee, so it lives on the request rather than among the
case's own `Deadline` rows; the queue and the digest read it from here (selectors.py).
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accord.accounts.models import User
from accord.cases import deadlines
from accord.cases.documents import documents_attach, documents_attach_received, documents_validate
from accord.cases.models import OPEN_STATUSES, Case, CaseEvent, Department, Document, EventKind, Message
from accord.cases.offices import office_calendar
from accord.cases.permissions import Actor, require_work
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.departments.models import (
    AnswerChannel,
    DepartmentContact,
    InformationRequest,
    RequestAnswer,
    RequestEmail,
    RequestState,
)
from accord.departments.permissions import can_answer_request
from accord.lib.workingdays import add_working_days, working_days_between


def department_calendar(department: Department, case: Case | None = None):
    """Whose working days a department's time to answer counts in: its office's, else the case's."""
    contact = DepartmentContact.objects.filter(department=department).select_related("office").first()
    if contact and contact.office:
        return office_calendar(contact.office)
    return deadlines.case_calendar(case) if case is not None else settings.ACCORD_STAFF_CALENDAR


def department_liaisons(department: Department):
    return User.objects.filter(liaisons__department=department, is_active=True).order_by("id")


def request_url(request: InformationRequest, language: str) -> str:
    with override(language):
        return settings.ACCORD_BASE_URL + reverse("departments:request", kwargs={"request_id": request.pk})


def _event(case: Case, *, action: str, request: InformationRequest, actor: User | None, **data) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=EventKind.REQUEST,
        actor=actor,
        actor_kind="staff" if actor else "system",
        created_at=timezone.now(),
        data={"action": action, "request_id": request.pk, "department": request.department.code, **data},
    )


def _tell_liaisons(request: InformationRequest, *, template: str, purpose: str, extra: dict | None = None) -> int:
    """A staff e-mail to each liaison of the department, in their language; recorded on the request."""
    from accord.notifications.services import staff_email_queue

    sent = 0
    for liaison in department_liaisons(request.department):
        context = {"request": request, "request_url": request_url(request, liaison.language), **(extra or {})}
        # Not `case=`: the e-mail is not the case's, its reference is in the template, no member detail in it.
        email = staff_email_queue(user=liaison, template=template, context=context)
        RequestEmail.objects.create(request=request, email=email, purpose=purpose)
        sent += 1
    if not sent:  # a department without liaisons: its shared address, through its link (sharing.py)
        from accord.departments.sharing import request_address_tell

        sent = request_address_tell(request, template=template, purpose=purpose)
    return sent


def request_ask(
    *,
    case: Case,
    user: User,
    department: Department,
    question: str,
    working_days: int | None = None,
    documents=(),
    messages=(),
    show_to_member: bool = True,
) -> InformationRequest:
    """The mediator asks a department a question, sharing what they choose (nothing by default)."""
    require_work(user, case)
    question = question.strip()
    if not question:
        raise ValidationFailed(_("Write the question to the department."), code="question_required")
    working_days = working_days or settings.ACCORD_REQUEST_WORKING_DAYS
    if not 1 <= working_days <= 60:
        raise ValidationFailed(_("Give between 1 and 60 working days."), code="working_days_invalid")
    documents, messages = list(documents), list(messages)
    if any(d.case_id != case.pk for d in documents) or any(m.case_id != case.pk for m in messages):
        raise ValidationFailed(_("Share only this case's documents and messages."), code="not_this_case")
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if case.status not in OPEN_STATUSES:
            raise TransitionNotAllowed(_("This case is closed: reopen it to ask a department."))
        now = timezone.now()
        due = deadlines.due_in_working_days(
            start=timezone.localdate(now), working_days=working_days, calendar=department_calendar(department, case)
        )
        request = InformationRequest.objects.create(
            case=case,
            department=department,
            question=question,
            asked_by=user,
            asked_at=now,
            working_days=working_days,
            due_date=due,
            show_to_member=show_to_member,
        )
        request.shared_documents.set(documents)
        request.shared_messages.set(messages)
        _event(
            case,
            action="asked",
            request=request,
            actor=user,
            due_date=due.isoformat(),
            shared_documents=[d.original_name for d in documents],
            shared_messages=[m.pk for m in messages],
            shown_to_member=show_to_member,
        )
        _tell_liaisons(request, template="request_asked", purpose="asked")
        case.save(update_fields=["updated_at"])
    return request


def request_answer(
    *,
    request: InformationRequest,
    user: User | None,
    body: str,
    files=(),
    channel: str = AnswerChannel.ACCORD,
    author_email: str = "",
    received_files=(),
    documents=(),
    inbound=None,
    tell_mediator: bool = True,
) -> RequestAnswer:
    """The department answers (text and documents). The answer and its documents land on the case,
    staff only (never shared with the member without a mediator deciding it), marked as the department's.
    A department may add to its answer: each answer is kept; the first one answers the request.
    By e-mail (departments/mail.py): `received_files` are its attachments (all kept, like the mailbox's),
    `inbound` the message; a held reply the mediator takes as the answer brings its `documents`, already on
    the case, and tells no mediator (`tell_mediator=False`: they did it)."""
    if channel == AnswerChannel.ACCORD and (user is None or not can_answer_request(user, request)):
        from accord.core.errors import NotFound

        raise NotFound()
    body = body.strip()
    if not body:
        raise ValidationFailed(_("Write the answer."), code="answer_required")
    files = list(files)
    documents_validate(files)
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=request.case_id)
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if request.state == RequestState.WITHDRAWN:
            raise TransitionNotAllowed(_("This request was withdrawn by the mediator: it needs no answer."))
        now = timezone.now()
        answer = RequestAnswer.objects.create(
            request=request,
            body=body,
            author=user,
            author_email=author_email,
            channel=channel,
            created_at=now,
            inbound=inbound,
        )
        actor = Actor(kind="liaison", user=user) if user else Actor(kind="system")
        stored = documents_attach(case=case, files=files, actor=actor, shared_with_member=False)
        stored += documents_attach_received(
            case=case, attachments=received_files, actor=actor, shared_with_member=False
        )
        stored += [d for d in documents if d.case_id == case.pk]
        answer.documents.set(stored)
        first = request.state == RequestState.ASKED
        if first:
            request.state, request.answered_at = RequestState.ANSWERED, now
            request.save(update_fields=["state", "answered_at"])
        _event(
            case,
            action="answered",
            request=request,
            actor=user,
            answer_id=answer.pk,
            documents=[d.original_name for d in stored],
            late=first and timezone.localdate(now) > request.due_date,
            channel=channel,
            author_email=author_email,
        )
        case.save(update_fields=["updated_at"])
        if tell_mediator:
            _tell_mediator(case, request, template="request_answered")
    return answer


def _tell_mediator(case: Case, request: InformationRequest, *, template: str, extra: dict | None = None) -> None:
    from accord.notifications.reminders import case_staff_url
    from accord.notifications.services import staff_email_queue

    mediator = case.assigned_to if case.assigned_to_id and case.assigned_to.is_active else request.asked_by
    if mediator is None or not mediator.is_active:
        return
    context = {"request": request, "case_url": case_staff_url(case, mediator.language), **(extra or {})}
    staff_email_queue(user=mediator, template=template, context=context, case=case)


def request_withdraw(*, request: InformationRequest, user: User, reason: str = "") -> InformationRequest:
    """The mediator no longer needs the answer (the case moved on): the department is told."""
    require_work(user, request.case)
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=request.case_id)
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != RequestState.ASKED:
            raise TransitionNotAllowed(_("Only a request still waiting for its answer can be withdrawn."))
        request.state, request.withdrawn_at = RequestState.WITHDRAWN, timezone.now()
        request.save(update_fields=["state", "withdrawn_at"])
        _event(case, action="withdrawn", request=request, actor=user, reason=reason.strip())
        _tell_liaisons(request, template="request_withdrawn", purpose="withdrawn")
        case.save(update_fields=["updated_at"])
    return request


# -- notices ------------------------------------------------------------------------------------


def _claim(request: InformationRequest, field: str) -> bool:
    """Claim a notice for the request's current due date: one worker wins, whatever their number."""
    updated = (
        InformationRequest.objects.filter(pk=request.pk, state=RequestState.ASKED, due_date=request.due_date)
        .filter(Q(**{f"{field}__isnull": True}) | ~Q(**{field: request.due_date}))
        .update(**{field: request.due_date})
    )
    return updated == 1


def request_notices_send(*, today: date | None = None) -> list[tuple[int, str]]:
    """For each request waiting for its answer: a reminder to the liaisons `ACCORD_REQUEST_REMINDER_WORKING_DAYS`
    before it is due; once due, the overdue notice to the case's mediator and the liaisons; once overdue by
    `ACCORD_REQUEST_ESCALATION_WORKING_DAYS`, an e-mail to the department's head address. Each once per due
    date (a conditional UPDATE claims it in the transaction that queues its e-mails)."""
    from accord.notifications.services import department_email_queue

    today = today or timezone.localdate()
    sent: list[tuple[int, str]] = []
    waiting = (
        InformationRequest.objects.filter(state=RequestState.ASKED, case__status__in=OPEN_STATUSES)
        .select_related("case", "case__assigned_to", "department")
        .order_by("due_date", "id")
    )
    for request in waiting:
        calendar = department_calendar(request.department, request.case)
        before = settings.ACCORD_REQUEST_REMINDER_WORKING_DAYS
        if request.due_date >= today:
            if working_days_between(today, request.due_date, calendar) > before:
                continue
            with transaction.atomic():
                if _claim(request, "reminded_for"):
                    _tell_liaisons(request, template="request_reminder", purpose="reminder")
                    _event(
                        request.case,
                        action="reminded",
                        request=request,
                        actor=None,
                        due_date=request.due_date.isoformat(),
                    )
                    sent.append((request.pk, "reminder"))
            continue
        with transaction.atomic():
            if _claim(request, "overdue_for"):
                _tell_liaisons(request, template="request_overdue", purpose="overdue")
                _tell_mediator(request.case, request, template="request_overdue_mediator")
                _event(request.case, action="overdue", request=request, actor=None)
                sent.append((request.pk, "overdue"))
        escalate_on = add_working_days(request.due_date, settings.ACCORD_REQUEST_ESCALATION_WORKING_DAYS, calendar)
        contact = DepartmentContact.objects.filter(department=request.department).first()
        if today < escalate_on or contact is None or not contact.head_email:
            continue
        with transaction.atomic():
            if _claim(request, "escalated_for"):
                email = department_email_queue(
                    to=contact.head_email,
                    language=contact.language,
                    template="request_escalated",
                    context={"request": request, "contact": contact},
                    case=request.case,
                )
                RequestEmail.objects.create(request=request, email=email, purpose="escalation")
                _event(request.case, action="escalated", request=request, actor=None, to=contact.head_email)
                sent.append((request.pk, "escalation"))
    return sent


def requests_for_member(case: Case):
    """What the member's page says of the departments asked (those the mediator chose to show)."""
    return (
        InformationRequest.objects.filter(case=case, show_to_member=True)
        .exclude(state=RequestState.WITHDRAWN)
        .select_related("department")
        .order_by("asked_at", "id")
    )


def documents_shareable(case: Case):
    return Document.objects.filter(case=case).order_by("created_at", "id")


def messages_shareable(case: Case):
    return Message.objects.filter(case=case).order_by("created_at", "id")


def digest_requests(day: date) -> dict[int, list[dict]]:
    """The digest's "waiting for others": each mediator's open cases whose department answer is awaited."""
    from django.utils.formats import date_format

    from accord.notifications.reminders import case_staff_url

    lines: dict[int, list[dict]] = {}
    waiting = (
        InformationRequest.objects.filter(
            state=RequestState.ASKED, case__status__in=OPEN_STATUSES, case__assigned_to__isnull=False
        )
        .select_related("case", "case__assigned_to", "department")
        .order_by("due_date", "id")
    )
    for request in waiting:
        mediator = request.case.assigned_to
        with override(mediator.language):
            words = {"department": request.department.name, "date": date_format(request.due_date, "DATE_FORMAT")}
            text = (
                _("the answer of the %(department)s was due on %(date)s") % words
                if request.due_date < day
                else _("the %(department)s answers by %(date)s") % words
            )
            lines.setdefault(mediator.pk, []).append(
                {
                    "reference": request.case.reference,
                    "text": str(text),
                    "url": case_staff_url(request.case, mediator.language),
                }
            )
    return lines


def queue_badges_requests(cases) -> dict[int, list[dict]]:
    """The queue's word on the cases waiting for a department's answer (one query for the page)."""
    from django.utils.formats import date_format

    today = timezone.localdate()
    waiting = (
        InformationRequest.objects.filter(case__in=[c.pk for c in cases], state=RequestState.ASKED)
        .select_related("department")
        .order_by("due_date", "id")
    )
    badges: dict[int, list[dict]] = {}
    for request in waiting:
        late = request.due_date < today
        text = (_("%(department)s late since %(date)s") if late else _("Waiting for %(department)s, due %(date)s")) % {
            "department": request.department.name,
            "date": date_format(request.due_date, "SHORT_DATE_FORMAT"),
        }
        badges.setdefault(request.case_id, []).append({"text": text, "late": late})
    return badges
