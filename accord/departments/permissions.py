"""Who may see and do what with the departments' requests. Decided here only.

A liaison (Role.LIAISON) sees the requests addressed to the departments they answer for (`Liaison` rows),
and of each request only what the mediator chose to share with it (its question, the shared documents and
messages, the department's own answers): never the case page, the member's file, notes, other requests.
A mediator sees the requests of the cases they may work (cases.permissions.can_work_case). Anyone else, or
a request outside what one may see, gets 404, the same answer as a request that does not exist."""

from django.db.models import QuerySet

from accord.accounts.models import Role, User
from accord.cases.permissions import can_work_case, cases_visible_to
from accord.core.errors import NotFound
from accord.departments.models import InformationRequest


def is_liaison(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.LIAISON


def liaison_department_ids(user: User) -> list[int]:
    if not is_liaison(user):
        return []
    return list(user.liaisons.values_list("department_id", flat=True))


def requests_visible_to(user: User) -> QuerySet[InformationRequest]:
    if is_liaison(user):
        return InformationRequest.objects.filter(department_id__in=liaison_department_ids(user))
    if user.is_authenticated and user.is_active and user.role == Role.MEDIATOR:
        return InformationRequest.objects.filter(case__in=cases_visible_to(user))
    return InformationRequest.objects.none()


def can_read_request(user: User, request: InformationRequest) -> bool:
    if is_liaison(user):
        return request.department_id in liaison_department_ids(user)
    return can_work_case(user, request.case)


def require_request(user: User, request: InformationRequest) -> None:
    if not can_read_request(user, request):
        raise NotFound()


def can_answer_request(user: User, request: InformationRequest) -> bool:
    """Only the department answers (its liaisons here; its link and e-mail replies have their own paths)."""
    return is_liaison(user) and request.department_id in liaison_department_ids(user)


def request_documents_visible(user: User, request: InformationRequest):
    """The documents of a request one may open: those shared with the department and its answers' own."""
    from accord.cases.models import Document

    ids = set(request.shared_documents.values_list("id", flat=True))
    for answer in request.answers.all():
        ids.update(answer.documents.values_list("id", flat=True))
    if not can_read_request(user, request):
        return Document.objects.none()
    return Document.objects.filter(case=request.case, pk__in=ids)


# -- The department's link (sharing.py): what a ShareLink opens, and to whom ---------------------


def can_use_department_link(user: User) -> bool:
    """The department's link is the department's: a signed-in member of staff uses the staff pages, where
    what they do is recorded as themselves (like the member's link, cases.permissions.can_use_member_link)."""
    return not user.is_authenticated


def share_link_refused(link) -> str:
    """Why a link no longer opens what it names ("used", "revoked", "expired", "withdrawn"), or "" while it
    does: not answered through yet (single use), not revoked, not expired, and its request still open to
    an answer (asked, or answered by another way: the department may add to its answer)."""
    from accord.departments.models import RequestState

    if link.purpose == "handover":
        # A hand-over's link opens while the department still has the complaint (accept, then decline or settle).
        if link.state in ("revoked", "expired"):
            return link.state
        if link.state == "used" or not (link.handover_id and handover_open_to_department(link.handover)):
            return "ended"
        return ""
    if link.state != "open":
        return link.state
    if link.purpose != "request_answer":
        # Another app's purpose (mediation's external mediator): open while the row says so; its owner revokes
        # the link when the access it gives ends.
        return ""
    if link.request is None or link.request.state == RequestState.WITHDRAWN:
        return "withdrawn"
    return ""


def share_link_documents(link):
    """The documents a link may download: those the mediator shared with the request, nothing else (not
    the case's other documents, not the answers'), and only while the link opens."""
    from accord.cases.models import Document

    if share_link_refused(link):
        return Document.objects.none()
    if link.purpose == "handover":
        return link.handover.shared_documents.filter(case_id=link.case_id)
    if link.request is None:
        return Document.objects.none()
    return link.request.shared_documents.filter(case_id=link.case_id)


def can_manage_share_links(user: User, request: InformationRequest) -> bool:
    """Sending, replacing and revoking a request's link: whoever may work its case (its mediators)."""
    return can_work_case(user, request.case)


# -- Hand-overs (handover.py): the department sees the complaint handed over to it, and what was shared ---------
# A liaison of the department sees its hand-overs: the complaint (subject, description), the member's name and
# member number (the member consented to the hand-over), the mediator's note and the documents shared; never the
# rest of the file, messages, notes, requests or other departments' hand-overs. Mediators see the hand-overs of
# the cases they may work. Anyone else: 404.


def handovers_visible_to(user: User):
    from accord.departments.models import Handover

    if is_liaison(user):
        return Handover.objects.filter(department_id__in=liaison_department_ids(user))
    if user.is_authenticated and user.is_active and user.role == Role.MEDIATOR:
        return Handover.objects.filter(case__in=cases_visible_to(user))
    return Handover.objects.none()


def can_read_handover(user: User, handover) -> bool:
    if is_liaison(user):
        return handover.department_id in liaison_department_ids(user)
    return can_work_case(user, handover.case)


def require_handover(user: User, handover) -> None:
    if not can_read_handover(user, handover):
        raise NotFound()


def can_answer_handover(user: User, handover) -> bool:
    """Only the department accepts, declines and settles (its liaisons here; its link has its own path)."""
    return is_liaison(user) and handover.department_id in liaison_department_ids(user)


def handover_open_to_department(handover) -> bool:
    """The department may still act on it: waiting for it, and the case still with the department."""
    from accord.cases.models import Status

    return handover.is_waiting and handover.case.status == Status.WITH_DEPARTMENT


def handover_documents_visible(user: User, handover):
    from accord.cases.models import Document

    if not can_read_handover(user, handover):
        return Document.objects.none()
    return handover.shared_documents.filter(case_id=handover.case_id)
