"""A department answers a request by e-mail: a reply to any e-mail Accord sent about the request.

The mailbox (accord/mailbox) reads every message; `request_reply_route` is registered as its reply router
(mailbox/routing.py, in apps.py) and claims a message whose In-Reply-To/References name an e-mail recorded
as the request's (`RequestEmail`: the question, its reminder and overdue notice, its withdrawal, the
escalation to the head, the link's e-mails; to liaisons or to the department's addresses), the way a
member's reply threads to their case.

**Who is the department.** A From address proves nothing: anyone can write any. The thread is harder to
come by (only the recipients of Accord's e-mail know its Message-ID), and together they are what Accord
accepts. A threaded reply is the department's answer (`services.request_answer`, channel "email",
`author_email` the sender's address, never an account: the e-mail is a claim, not a login) when its sender
is an active liaison of that department (their account's address) or the department's shared or head
address (`DepartmentContact`). Any other threaded reply (a colleague it was forwarded to, a forged sender,
the member) is a `HeldReply`: on the case, flagged on the request's card and told to the mediator, who takes
it as the answer or sets it aside (`held_reply_decide`). A reply to a withdrawn request is held the same way
(it takes no answer; the mediator reads it and sets it aside). Nothing is dropped: every claimed message is
on the case (its `InboundEmail` raw in the mailbox, downloadable) as an answer or a held reply.

The text is what the sender wrote this time (the parser's `body_new_text`: the quoted e-mail, and so the
question, trimmed); the attachments are the case's documents, staff only, like every answer's."""

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import Role, User
from accord.cases.documents import documents_attach_received
from accord.cases.models import Case
from accord.cases.permissions import SYSTEM, require_work
from accord.core.errors import TransitionNotAllowed
from accord.departments.models import (
    AnswerChannel,
    DepartmentContact,
    HeldReply,
    HeldReplyDecision,
    HeldReplyReason,
    InformationRequest,
    RequestEmail,
    RequestState,
)
from accord.departments.services import _event, _tell_mediator, request_answer
from accord.mailbox.models import Evidence, InboundState
from accord.mailbox.routing import thread_ids


def reply_sender_accepted(request: InformationRequest, address: str) -> bool:
    """Whether a threaded reply from `address` is the department's: one of its active liaisons, or its
    shared or head address. Compared without case; the display name plays no part."""
    address = (address or "").strip().lower()
    if not address:
        return False
    contact = DepartmentContact.objects.filter(department_id=request.department_id).first()
    if contact is not None and address in {e.lower() for e in (contact.shared_email, contact.head_email) if e}:
        return True
    return (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=address, is_active=True, role=Role.LIAISON, liaisons__department_id=request.department_id)
        .exists()
    )


def _request_replied(parsed) -> InformationRequest | None:
    """The request whose e-mail this message answers (the most direct parent first), if any."""
    ids = thread_ids(parsed)
    if not ids:
        return None
    rows = {
        row.email.message_id: row
        for row in RequestEmail.objects.filter(email__message_id__in=ids).select_related("email")
    }
    parent = next((rows[i] for i in ids if i in rows), None)
    return parent.request if parent else None


def _text(parsed) -> str:
    """What the sender wrote this time: the quoted history (the e-mail answered) trimmed."""
    return (parsed.body_new_text or parsed.body_text or "").strip()


def _or_empty(text: str, case: Case) -> str:
    """An answer has a text: an e-mail with only attachments says so, in the case's language."""
    if text:
        return text
    with override(case.language):
        return gettext("(empty e-mail)")


def request_reply_route(inbound, parsed) -> bool:
    """The mailbox's reply router: a reply about a request becomes its answer or a held reply on its case."""
    request = _request_replied(parsed)
    if request is None:
        return False
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=request.case_id)
        request = (
            InformationRequest.objects.select_for_update(of=("self",)).select_related("department").get(pk=request.pk)
        )
        sender = (parsed.from_email or "").strip().lower()
        body = _text(parsed)
        if request.state == RequestState.WITHDRAWN:
            _hold(request, case, inbound, parsed, sender, body, HeldReplyReason.WITHDRAWN)
        elif not reply_sender_accepted(request, sender):
            _hold(request, case, inbound, parsed, sender, body, HeldReplyReason.SENDER)
        else:
            request_answer(
                request=request,
                user=None,
                body=_or_empty(body, case),
                channel=AnswerChannel.EMAIL,
                author_email=sender,
                received_files=parsed.attachments,
                inbound=inbound,
            )
    inbound.state, inbound.evidence, inbound.case = InboundState.ATTACHED, Evidence.REQUEST_REPLY, case
    return True


def _hold(request, case, inbound, parsed, sender, body, reason) -> HeldReply:
    stored = documents_attach_received(
        case=case, attachments=parsed.attachments, actor=SYSTEM, shared_with_member=False
    )
    held = HeldReply.objects.create(
        request=request,
        inbound=inbound,
        from_email=sender[:254],
        from_name=(parsed.from_display_name or "")[:300],
        body=body,
        reason=reason,
        received_at=timezone.now(),
    )
    held.documents.set(stored)
    _event(
        case,
        action="replied_after_withdrawal" if reason == HeldReplyReason.WITHDRAWN else "reply_held",
        request=request,
        actor=None,
        held_reply_id=held.pk,
        documents=[d.original_name for d in stored],
        **{"from": sender},
    )
    case.save(update_fields=["updated_at"])
    _tell_mediator(case, request, template="request_reply_held", extra={"held": held})
    return held


def held_reply_decide(*, held: HeldReply, user: User, decision: str) -> HeldReply:
    """The mediator decides on a held reply: take it as the department's answer (its text and documents,
    written by the address it came from), or set it aside (it stays on the case, no longer flagged)."""
    require_work(user, held.request.case)
    if decision not in HeldReplyDecision.values:
        raise TransitionNotAllowed(_("Choose what to do with this e-mail."))
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=held.request.case_id)
        held = HeldReply.objects.select_for_update(of=("self",)).select_related("request__department").get(pk=held.pk)
        if held.decision:
            raise TransitionNotAllowed(_("This e-mail was already dealt with."))
        request = held.request
        answer = None
        if decision == HeldReplyDecision.ACCEPTED:
            if request.state == RequestState.WITHDRAWN:
                raise TransitionNotAllowed(_("This request was withdrawn: it takes no answer. Set the e-mail aside."))
            answer = request_answer(
                request=request,
                user=None,
                body=_or_empty(held.body, case),
                channel=AnswerChannel.EMAIL,
                author_email=held.from_email,
                documents=list(held.documents.all()),
                tell_mediator=False,
            )
        held.decision, held.decided_at, held.decided_by, held.answer = decision, timezone.now(), user, answer
        held.save(update_fields=["decision", "decided_at", "decided_by", "answer"])
        _event(
            case,
            action="reply_accepted" if answer else "reply_set_aside",
            request=request,
            actor=user,
            held_reply_id=held.pk,
            **{"from": held.from_email},
        )
        case.save(update_fields=["updated_at"])
    return held
