"""Sharing with outsiders: the `ShareLink`, a signed, expiring, revocable grant naming exactly what it opens.

Two purposes so far: `request_answer`, a department without accounts answers one information request
through a link sent to its shared address (no login); `handover`, the complaint handed over to such a
department (handover.py). The later accesses of an external mediator or of the committee reuse the same
rows, token and log with their own purpose.

- **The token** is `<link id>-<expiry as a Unix time>-<HMAC>`: an HMAC-SHA256 under `SECRET_KEY` (salted)
  of the row's id and expiry. Nothing secret is stored; the row says whether it still opens
  (`permissions.share_link_refused`: not used, not revoked, not expired, its request not withdrawn).
  Its shape is the member link's, so `cases.links.secrets_mask` masks it wherever staff read an e-mail.
- **Single use**: one answer. Opening the page and downloading the shared documents do not use it.
- **Logged**: every view, download, answer and refusal is a `ShareLinkUse` (with the client's address)
  and an `AccessLog` entry on the case (no user: the department is not an account).
- **Sent, replaced, revoked** here only, each on the case's timeline (`EventKind.REQUEST`, actions
  `link_sent` / `link_revoked`). Sending a new link revokes the request's earlier ones.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accord.accounts.models import User
from accord.cases.models import AccessLog, Case
from accord.cases.permissions import require_work
from accord.core.errors import TransitionNotAllowed, ValidationFailed
from accord.departments.models import (
    AnswerChannel,
    DepartmentContact,
    InformationRequest,
    RequestAnswer,
    RequestEmail,
    RequestState,
    ShareLink,
    ShareLinkUse,
)
from accord.departments.permissions import share_link_refused

REQUEST_ANSWER = "request_answer"
_SALT = "accord.departments.share-link"


class ShareLinkRefused(Exception):
    """The link no longer opens what it names; `reason` is permissions.share_link_refused's."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


# -- The token ------------------------------------------------------------------------------------


def _signature(link_id: int, expires: int) -> str:
    return salted_hmac(_SALT, f"{link_id}-{expires}", algorithm="sha256").hexdigest()[:40]


def share_token(link: ShareLink) -> str:
    expires = int(link.expires_at.timestamp())
    return f"{link.pk}-{expires}-{_signature(link.pk, expires)}"


def share_link_from_token(token: str) -> ShareLink | None:
    """The link a token names, or None for a wrong or forged one (whatever the row's state)."""
    try:
        id_text, expires_text, signature = token.split("-", 2)
        link_id, expires = int(id_text), int(expires_text)
    except ValueError:
        return None
    if not constant_time_compare(signature, _signature(link_id, expires)):
        return None
    link = (
        ShareLink.objects.select_related("case", "request", "request__department", "request__asked_by")
        .filter(pk=link_id)
        .first()
    )
    if link is None or int(link.expires_at.timestamp()) != expires:
        return None
    return link


def share_link_url(link: ShareLink, *, language: str | None = None) -> str:
    """The absolute link, in the link's language unless told otherwise."""
    with override(language or link.language):
        path = reverse("department_link:page", kwargs={"token": share_token(link)})
    return f"{settings.ACCORD_BASE_URL}{path}"


# -- The log -----------------------------------------------------------------------------------------


def share_link_use_record(*, link: ShareLink, action: str, ip: str | None, detail: str = "", user=None) -> None:
    """One use of a link: its own log (`ShareLinkUse`) and a read of its case (`AccessLog`, no user unless
    a signed-in member of staff was refused it)."""
    now = timezone.now()
    with transaction.atomic():
        ShareLinkUse.objects.create(link=link, action=action, at=now, ip_address=ip)
        AccessLog.objects.create(
            case_id=link.case_id,
            user=user if user is not None and user.is_authenticated else None,
            action=f"link_{action}"[:30],
            detail=f"link {link.pk}{': ' + detail if detail else ''}"[:200],
            at=now,
            ip_address=ip,
        )


# -- Sending and revoking (the mediator, from the request's card; or request_ask for a department
#    without liaisons) --------------------------------------------------------------------------------


def _contact(request: InformationRequest) -> DepartmentContact | None:
    return DepartmentContact.objects.filter(department_id=request.department_id).first()


def _expiry(request: InformationRequest, now: datetime) -> datetime:
    """ACCORD_SHARE_LINK_DAYS from now, and at least to the end of the day the answer is due."""
    end_of_due_day = timezone.make_aware(datetime.combine(request.due_date + timedelta(days=1), time.min))
    return max(now + timedelta(days=settings.ACCORD_SHARE_LINK_DAYS), end_of_due_day).replace(microsecond=0)


def _revoke_open(request: InformationRequest, user: User, now: datetime) -> list[int]:
    links = ShareLink.objects.filter(
        request=request, purpose=REQUEST_ANSWER, used_at__isnull=True, revoked_at__isnull=True
    )
    ids = list(links.values_list("id", flat=True))
    links.update(revoked_at=now, revoked_by=user)
    return ids


def request_link_send(*, request: InformationRequest, user: User) -> ShareLink:
    """A new link to answer the request, e-mailed to the department's shared address in the department's
    language (recorded as the request's "asked" e-mail, so a reply to it is the answer too). Any earlier
    link of the request stops working."""
    from accord.departments.services import _event
    from accord.notifications.services import department_email_queue

    require_work(user, request.case)
    contact = _contact(request)
    if contact is None or not contact.shared_email:
        raise ValidationFailed(
            _("This department has no shared address: add one in the configuration to send it a link."),
            code="no_shared_address",
        )
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=request.case_id)
        request = InformationRequest.objects.select_related("department", "case", "asked_by").get(pk=request.pk)
        if request.state != RequestState.ASKED:
            raise TransitionNotAllowed(_("Only a request still waiting for its answer can be sent a link."))
        now = timezone.now()
        revoked = _revoke_open(request, user, now)
        link = ShareLink.objects.create(
            purpose=REQUEST_ANSWER,
            case=case,
            request=request,
            recipient=contact.shared_email,
            language=contact.language,
            single_use=True,
            created_by=user,
            created_at=now,
            expires_at=_expiry(request, now),
        )
        email = department_email_queue(
            to=contact.shared_email,
            language=contact.language,
            template="request_link",
            context={"request": request, "link": link, "link_url": share_link_url(link), "contact": contact},
            case=case,
        )
        RequestEmail.objects.create(request=request, email=email, purpose="asked")
        _event(
            case,
            action="link_sent",
            request=request,
            actor=user,
            link_id=link.pk,
            to=contact.shared_email,
            expires_at=link.expires_at.isoformat(),
            replaces=revoked,
        )
        case.save(update_fields=["updated_at"])
    return link


def share_link_revoke(*, link: ShareLink, user: User) -> ShareLink:
    """The mediator stops a link at once (it was sent to the wrong address, forwarded, no longer needed)."""
    from accord.departments.services import _event

    require_work(user, link.case)
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=link.case_id)
        link = ShareLink.objects.select_for_update().get(pk=link.pk)
        if link.used_at is not None or link.revoked_at is not None:
            raise TransitionNotAllowed(_("This link was already used or revoked."))
        link.revoked_at, link.revoked_by = timezone.now(), user
        link.save(update_fields=["revoked_at", "revoked_by"])
        request = InformationRequest.objects.select_related("department").get(pk=link.request_id)
        _event(case, action="link_revoked", request=request, actor=user, link_id=link.pk)
        case.save(update_fields=["updated_at"])
    return link


# The department's notices when it has no liaison (services._tell_liaisons falls back here): its link's
# e-mail when asked, then the reminder, the overdue notice and the withdrawal, to its shared address.
_NOTICES = {
    "request_reminder": "request_link_reminder",
    "request_overdue": "request_link_overdue",
    "request_withdrawn": "request_link_withdrawn",
}


def request_address_tell(request: InformationRequest, *, template: str, purpose: str) -> int:
    """Tell a department without liaisons through its shared address: a new request sends its link; a
    reminder or overdue notice carries the link still open (or says to reply); a withdrawal is told to
    the address a link went to. 0 when there is nothing to tell or nowhere to tell it."""
    from accord.notifications.services import department_email_queue

    contact = _contact(request)
    if contact is None or not contact.shared_email:
        return 0
    if template == "request_asked":
        request_link_send(request=request, user=request.asked_by)
        return 1
    notice = _NOTICES.get(template)
    links = ShareLink.objects.filter(request=request, purpose=REQUEST_ANSWER).order_by("-created_at", "-id")
    latest = links.first()
    if notice is None or latest is None:
        return 0  # never sent a link: the department knows nothing of the request
    if notice == "request_link_withdrawn" and latest.used_at is not None:
        return 0  # it answered through its link: the request was not withdrawn while it waited on them
    open_link = latest if latest.state == "open" else None
    email = department_email_queue(
        to=latest.recipient,
        language=latest.language,
        template=notice,
        context={
            "request": request,
            "link": open_link,
            "link_url": share_link_url(open_link) if open_link else "",
            "contact": contact,
        },
        case=request.case,
    )
    RequestEmail.objects.create(request=request, email=email, purpose=purpose)
    return 1


# -- Answering through the link -------------------------------------------------------------------------


def share_link_answer(*, link: ShareLink, body: str, files=(), ip: str | None = None) -> RequestAnswer:
    """The department answers through its link: the request's answer (channel "link", written by the
    address the link was sent to), and the link is used. Under the case's and the link's locks, so two
    answers at once through one link make one answer; a link that no longer opens raises ShareLinkRefused."""
    from accord.departments.services import request_answer

    with transaction.atomic():
        Case.objects.select_for_update(of=("self",)).get(pk=link.case_id)
        link = ShareLink.objects.select_for_update(of=("self",)).select_related("request").get(pk=link.pk)
        reason = share_link_refused(link)
        if reason:
            raise ShareLinkRefused(reason)
        answer = request_answer(
            request=link.request,
            user=None,
            body=body,
            files=files,
            channel=AnswerChannel.LINK,
            author_email=link.recipient,
        )
        link.used_at = answer.created_at
        link.save(update_fields=["used_at"])
        share_link_use_record(link=link, action="answer", ip=ip, detail=f"answer {answer.pk}")
    return answer
