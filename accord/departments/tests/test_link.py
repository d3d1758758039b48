"""Issue 8: a department without accounts answers through a signed, expiring, single-request link sent to its
shared address (no login; revocable; every use logged). accord/departments/sharing.py, link_views.py."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import Role
from accord.cases.models import AccessLog, CaseEvent, Document, EventKind, Office
from accord.cases.permissions import Actor
from accord.cases.services import note_add, staff_message_send
from accord.cases.workflow import case_transition
from accord.conftest import PDF_BYTES, _staff, pdf_upload
from accord.departments.models import (
    AnswerChannel,
    DepartmentContact,
    Liaison,
    RequestEmail,
    RequestState,
    ShareLink,
    ShareLinkUse,
)
from accord.departments.services import request_ask, request_notices_send, request_withdraw
from accord.departments.sharing import share_link_from_token, share_token
from accord.notifications.models import Audience, OutboundEmail
from accord.testing.concurrency import in_threads

BRUSSELS = ZoneInfo("Europe/Brussels")
QUESTION = "Waarom werd de factuur van maart tweemaal aangerekend?"


def at(day: date, hour=10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS), tick=False)


@pytest.fixture
def billing(db, finance):
    """Billing has a shared address read in Dutch and no liaison: it answers through its link."""
    DepartmentContact.objects.create(
        department=finance,
        shared_email="facturatie@coop.test",
        head_email="directie.financien@coop.test",
        office=Office.objects.get(code="brussels"),
        language="nl",
    )
    return finance


@pytest.fixture
def open_case(make_case, marie, maya):
    """A French member's case under investigation: a message with a document, and an internal note."""
    case = make_case(marie)
    for name in ("acknowledge", "accept"):
        case = case_transition(case=case, name=name, actor=Actor.for_user(maya))
    staff_message_send(
        case=case, user=maya, body="Pouvez-vous envoyer la facture ?", attachments=[pdf_upload("brief.pdf")]
    )
    note_add(case=case, user=maya, body="Confidentiel : litige antérieur.", attachments=[pdf_upload("intern.pdf")])
    return case


def ask(case, maya, department, **extra):
    shared = Document.objects.get(case=case, original_name="brief.pdf")
    message = case.messages.get()
    values = {"question": QUESTION, "documents": [shared], "messages": [message]}
    values.update(extra)
    return request_ask(case=case, user=maya, department=department, **values)


def path_of(link, language="nl", name="page", **kwargs):
    from django.utils.translation import override

    with override(language):
        return reverse(f"department_link:{name}", kwargs={"token": share_token(link), **kwargs})


def answer(client, link, body="Een technische fout: de tweede aanrekening is teruggestort.", files=None, **extra):
    data = {"body": body, "attachments": files if files is not None else [pdf_upload("creditnota.pdf")]}
    return client.post(path_of(link, name="answer"), data, **extra)


def test_asking_a_department_without_liaisons_mails_its_shared_address_a_link(open_case, maya, billing):
    with at(date(2027, 3, 4)):
        request = ask(open_case, maya, billing)
    link = ShareLink.objects.get(request=request)
    assert link.purpose == "request_answer" and link.case == open_case and link.single_use
    assert link.recipient == "facturatie@coop.test" and link.language == "nl" and link.created_by == maya
    # ACCORD_SHARE_LINK_DAYS (14) from the asking.
    assert timezone.localtime(link.expires_at).date() == date(2027, 3, 18)
    email = OutboundEmail.objects.get(template="department_request_link")
    assert email.to == "facturatie@coop.test" and email.audience == Audience.DEPARTMENT and email.language == "nl"
    assert email.case == open_case and RequestEmail.objects.get(email=email).purpose == "asked"
    assert f"/nl/department-link/{share_token(link)}/" in email.body_text
    assert QUESTION in email.body_text and "uiterlijk op 9 maart 2027" in email.body_text
    assert "Confidentiel" not in email.body_text and open_case.description not in email.body_text
    event = CaseEvent.objects.get(case=open_case, kind=EventKind.REQUEST, data__action="link_sent")
    assert event.actor == maya and event.data["to"] == "facturatie@coop.test"


def test_a_department_with_liaisons_or_without_a_shared_address_gets_no_link(
    open_case, maya, billing, hr_without_address
):
    Liaison.objects.create(user=_staff("bart", "Bart", "Claes", Role.LIAISON, language="nl"), department=billing)
    ask(open_case, maya, billing)
    ask(open_case, maya, hr_without_address)
    assert not ShareLink.objects.exists() and not OutboundEmail.objects.filter(template="department_request_link")


@pytest.fixture
def hr_without_address(db):
    from accord.cases.models import Department

    hr = Department.objects.create(code="hr", name_fr="RH", name_nl="HR", name_en="HR")
    DepartmentContact.objects.create(department=hr, head_email="rh@coop.test")
    return hr


def test_the_token_is_signed_and_tied_to_the_expiry_and_nothing_secret_is_stored(open_case, maya, billing):
    link = ShareLink.objects.get(request=ask(open_case, maya, billing))
    token = share_token(link)
    assert share_link_from_token(token) == link
    link_id, expires, signature = token.split("-")
    assert signature not in str(ShareLink.objects.filter(pk=link.pk).values().get())
    for forged in (
        f"{link_id}-{expires}-{'0' * 40}",
        f"{link_id}-{int(expires) + 86400}-{signature}",  # a later expiry, same signature
        f"{int(link_id) + 1}-{expires}-{signature}",
        "nonsense",
    ):
        assert share_link_from_token(forged) is None


def test_the_page_shows_the_question_and_only_what_was_shared(client, open_case, maya, billing):
    request = ask(open_case, maya, billing)
    link = request.links.get()
    response = client.get(path_of(link), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 200
    page = response.content.decode()
    assert QUESTION in page and "brief.pdf" in page and "Pouvez-vous envoyer la facture" in page
    assert '<html lang="nl">' in page and "Vraag van Accord aan de Financiële directie" in page
    assert "intern.pdf" not in page and "Confidentiel" not in page and open_case.description not in page
    assert open_case.subject not in page and "marie.lambert" not in page
    assert response["Referrer-Policy"] == "same-origin" and response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    shared = request.shared_documents.get()
    internal = Document.objects.get(case=open_case, original_name="intern.pdf")
    download = client.get(path_of(link, name="document", document_id=shared.pk), REMOTE_ADDR="192.0.2.7")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert "no-store" in download["Cache-Control"]
    assert client.get(path_of(link, name="document", document_id=internal.pk)).status_code == 404
    # Every use: the link's own log and a read of the case (no user), with the address.
    uses = list(link.uses.values_list("action", "ip_address"))
    assert uses == [("view", "192.0.2.7"), ("download", "192.0.2.7")]
    reads = AccessLog.objects.filter(case=open_case, action__startswith="link_").order_by("id")
    assert [(r.action, r.user_id, r.ip_address) for r in reads] == [
        ("link_view", None, "192.0.2.7"),
        ("link_download", None, "192.0.2.7"),
    ]
    assert reads[1].detail == f"link {link.pk}: brief.pdf"


def test_the_department_answers_with_a_pdf_once_then_the_link_is_refused(client, open_case, maya, billing):
    with at(date(2027, 3, 4)):
        request = ask(open_case, maya, billing)
    link = request.links.get()
    with at(date(2027, 3, 8)):
        response = answer(client, link, REMOTE_ADDR="192.0.2.8")
    assert response.status_code == 200 and "Uw antwoord is verstuurd" in response.content.decode()
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    reply = request.answers.get()
    assert reply.channel == AnswerChannel.LINK and reply.author is None and reply.author_email == "facturatie@coop.test"
    (document,) = reply.documents.all()
    assert document.original_name == "creditnota.pdf" and not document.shared_with_member
    link.refresh_from_db()
    assert link.used_at == reply.created_at
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_request_answered").count() == 1
    event = CaseEvent.objects.get(case=open_case, kind=EventKind.REQUEST, data__action="answered")
    assert event.data["channel"] == "link" and event.data["author_email"] == "facturatie@coop.test"
    # Used: the page, the answer and the downloads are refused, in the link's language, with nothing of the request.
    shared = request.shared_documents.get()
    for response in (
        client.get(path_of(link, language="fr")),
        answer(client, link, body="Nog iets."),
        client.get(path_of(link, name="document", document_id=shared.pk)),
    ):
        assert response.status_code == 410
        page = response.content.decode()
        assert '<html lang="nl">' in page and "Deze link is al gebruikt" in page
        assert QUESTION not in page and "brief.pdf" not in page and "Financiële directie" not in page
        assert response["Referrer-Policy"] == "same-origin" and "no-store" in response["Cache-Control"]
    assert request.answers.count() == 1
    assert list(link.uses.order_by("id").values_list("action", flat=True)) == ["answer", *["refused_used"] * 3]
    assert AccessLog.objects.filter(case=open_case, action="link_refused_used", user=None).count() == 3
    # The mediator sees the answer on the case page, said as the department's through its link.
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{open_case.reference}/").content.decode()
    assert "The Finance department answered through its link (facturatie@coop.test)" in page
    assert "creditnota.pdf" in page and "answered through it on" in page


def test_an_empty_answer_is_refused_on_the_form_and_the_link_stays_open(client, open_case, maya, billing):
    link = ask(open_case, maya, billing).links.get()
    response = answer(client, link, body="  ", files=[])
    assert response.status_code == 400 and QUESTION in response.content.decode()
    link.refresh_from_db()
    assert link.used_at is None and client.get(path_of(link)).status_code == 200


def test_after_its_expiry_the_link_is_refused(client, open_case, maya, billing):
    with at(date(2027, 3, 4)):
        link = ask(open_case, maya, billing).links.get()
    with at(date(2027, 3, 18), hour=9):
        assert client.get(path_of(link)).status_code == 200
    with at(date(2027, 3, 18), hour=11):  # 14 days to the minute after it was sent
        response = client.get(path_of(link))
        assert response.status_code == 410 and "Deze link is verlopen" in response.content.decode()
        assert answer(client, link).status_code == 410
    assert not link.request.answers.exists()
    assert list(link.uses.values_list("action", flat=True)) == ["view", "refused_expired", "refused_expired"]


def test_a_link_lasts_at_least_until_the_answer_is_due(open_case, maya, billing):
    with at(date(2027, 3, 4)):
        link = ask(open_case, maya, billing, working_days=30).links.get()
    due = link.request.due_date
    assert due > date(2027, 3, 18)  # beyond ACCORD_SHARE_LINK_DAYS: the link lasts through the day it is due
    assert timezone.localtime(link.expires_at) == datetime(due.year, due.month, due.day, tzinfo=BRUSSELS) + timedelta(
        days=1
    )


def test_the_mediator_revokes_the_link_and_sends_a_fresh_one_from_the_case_page(client, open_case, maya, billing):
    request = ask(open_case, maya, billing)
    first = request.links.get()
    client.force_login(maya)
    page = client.get(f"/en/staff/cases/{open_case.reference}/").content.decode()
    assert "Link to answer sent to facturatie@coop.test" in page and "Revoke the link" in page
    assert share_token(first).rsplit("-", 1)[1] not in page
    response = client.post(reverse("departments:request_link_revoke", args=[request.pk, first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.revoked_by == maya and first.state == "revoked"
    client.post(reverse("departments:request_link_send", args=[request.pk]))
    second = request.links.exclude(pk=first.pk).get()
    client.logout()
    refused = client.get(path_of(first))
    assert refused.status_code == 410 and "Deze link werkt niet meer" in refused.content.decode()
    assert client.get(path_of(second)).status_code == 200
    # A fresh link revokes the open one.
    client.force_login(maya)
    client.post(reverse("departments:request_link_send", args=[request.pk]))
    second.refresh_from_db()
    assert second.state == "revoked" and request.links.filter(revoked_at__isnull=True).count() == 1
    assert OutboundEmail.objects.filter(template="department_request_link").count() == 3
    actions = list(
        CaseEvent.objects.filter(case=open_case, kind=EventKind.REQUEST)
        .order_by("id")
        .values_list("data__action", flat=True)
    )
    assert actions == ["asked", "link_sent", "link_revoked", "link_sent", "link_sent"]
    page = client.get(f"/en/staff/cases/{open_case.reference}/").content.decode()
    assert "Maya Mertens revoked the link of the Finance department" in page


def test_only_the_cases_mediators_send_or_revoke_a_link(client, open_case, maya, pierre, ilse, billing):
    from accord.cases.services import conflict_declare

    request = ask(open_case, maya, billing)
    link = request.links.get()
    conflict_declare(case=open_case, user=pierre, reason="Famille.")
    for user in (pierre, ilse):
        client.force_login(user)
        assert client.post(reverse("departments:request_link_send", args=[request.pk])).status_code == 404
        assert client.post(reverse("departments:request_link_revoke", args=[request.pk, link.pk])).status_code == 404
    link.refresh_from_db()
    assert link.state == "open" and request.links.count() == 1


def test_a_signed_in_member_of_staff_is_refused_the_link(client, open_case, maya, billing):
    link = ask(open_case, maya, billing).links.get()
    client.force_login(maya)
    response = client.get(path_of(link, language="en"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "This link is the department" in page and QUESTION not in page and "brief.pdf" not in page
    assert answer(client, link).status_code == 403
    link.refresh_from_db()
    assert link.used_at is None and not link.request.answers.exists()
    assert list(link.uses.values_list("action", flat=True)) == ["refused_staff", "refused_staff"]
    assert AccessLog.objects.filter(case=open_case, action="link_refused_staff", user=maya).count() == 2


def test_a_withdrawn_request_closes_its_link_and_the_shared_address_is_told(client, open_case, maya, billing):
    request = ask(open_case, maya, billing)
    link = request.links.get()
    request_withdraw(request=request, user=maya, reason="Opgelost.")
    response = client.get(path_of(link))
    assert response.status_code == 410 and "Deze vraag heeft geen antwoord meer nodig" in response.content.decode()
    told = OutboundEmail.objects.get(template="department_request_link_withdrawn")
    assert told.to == "facturatie@coop.test" and told.language == "nl" and QUESTION in told.body_text
    assert share_token(link) not in told.body_text
    assert RequestEmail.objects.get(email=told).purpose == "withdrawn"


def test_the_shared_address_is_reminded_then_told_it_is_overdue_with_its_link(open_case, maya, billing):
    with at(date(2027, 3, 4)):
        request = ask(open_case, maya, billing)  # due Tuesday 9 March
    link = request.links.get()
    assert request_notices_send(today=date(2027, 3, 8)) == [(request.pk, "reminder")]
    assert request_notices_send(today=date(2027, 3, 10)) == [(request.pk, "overdue")]
    assert request_notices_send(today=date(2027, 3, 11)) == [(request.pk, "escalation")]
    to_address = OutboundEmail.objects.filter(to="facturatie@coop.test").order_by("id")
    assert list(to_address.values_list("template", flat=True)) == [
        "department_request_link",
        "department_request_link_reminder",
        "department_request_link_overdue",
    ]
    for email in to_address[1:]:
        assert f"/nl/department-link/{share_token(link)}/" in email.body_text and email.language == "nl"
    assert list(RequestEmail.objects.filter(request=request).order_by("id").values_list("purpose", flat=True)) == [
        "asked",
        "reminder",
        "overdue",
        "escalation",
    ]


def test_a_notice_after_the_link_expired_carries_no_dead_link(open_case, maya, billing):
    with at(date(2027, 3, 4)):
        request = ask(open_case, maya, billing)
    link = request.links.get()
    with at(date(2027, 3, 19)):
        ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(hours=1))
        request_notices_send(today=date(2027, 3, 19))
    overdue = OutboundEmail.objects.get(template="department_request_link_overdue")
    assert "department-link" not in overdue.body_text and "De vraag openen" not in overdue.body_text


def test_the_outbox_shows_the_link_email_with_its_token_masked(client, open_case, maya, billing):
    link = ask(open_case, maya, billing).links.get()
    email = OutboundEmail.objects.get(template="department_request_link")
    client.force_login(maya)
    page = client.get(reverse("notifications:email", args=[email.pk])).content.decode()
    assert QUESTION in page and f"/department-link/{link.pk}-" in page
    assert share_token(link).rsplit("-", 1)[1] not in page


def test_a_forged_link_is_not_found_and_logs_nothing(client, open_case, maya, billing):
    link = ask(open_case, maya, billing).links.get()
    response = client.get(f"/nl/department-link/{link.pk}-{int(link.expires_at.timestamp())}-{'0' * 40}/")
    assert response.status_code == 404 and QUESTION not in response.content.decode()
    assert not ShareLinkUse.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_answers_at_once_through_one_link_make_one_answer(client, make_case, marie, maya, finance):
    from accord.testing.auth import Client

    DepartmentContact.objects.create(department=finance, shared_email="facturatie@coop.test", language="fr")
    case = make_case(marie)
    request = request_ask(case=case, user=maya, department=finance, question="Pourquoi ?")
    link = request.links.get()
    results = in_threads(2, lambda index: answer(Client(), link, body=f"Réponse {index}", files=[]).status_code)
    assert sorted(results) == [200, 410]
    assert request.answers.count() == 1
