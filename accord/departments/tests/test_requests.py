"""Issue 8: the mediator asks a department; its liaison sees only that request and what was shared, answers
in Accord; the answer lands on the case; the member is told in their words; reminders, overdue notices and
escalation go once each."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from accord.accounts.models import Role
from accord.cases.links import member_token
from accord.cases.models import AccessLog, CaseEvent, Document, EventKind, Office
from accord.cases.permissions import Actor
from accord.cases.services import staff_message_send
from accord.cases.workflow import case_transition
from accord.conftest import _staff, pdf_upload
from accord.core.errors import NotFound, ValidationFailed
from accord.departments.models import DepartmentContact, InformationRequest, Liaison, RequestState
from accord.departments.services import request_answer, request_ask, request_notices_send, request_withdraw
from accord.notifications.models import Audience, OutboundEmail
from accord.testing.concurrency import in_threads

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: date, hour=10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS), tick=False)


@pytest.fixture
def billing(db, finance):
    DepartmentContact.objects.create(
        department=finance,
        shared_email="facturation@coop.test",
        head_email="direction.finance@coop.test",
        office=Office.objects.get(code="brussels"),
        language="fr",
    )
    return finance


@pytest.fixture
def bart(db, billing):
    """Billing's liaison, who reads Dutch."""
    user = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=user, department=billing)
    return user


@pytest.fixture
def hr(db):
    from accord.cases.models import Department

    return Department.objects.create(code="hr", name_fr="Ressources humaines", name_nl="HR", name_en="HR")


@pytest.fixture
def helena(db, hr):
    user = _staff("helena", "Helena", "Roos", Role.LIAISON)
    Liaison.objects.create(user=user, department=hr)
    return user


@pytest.fixture
def open_case(make_case, jan, maya):
    """A Dutch member's case under investigation, with two documents and a message."""
    case = make_case(jan, language="nl")
    for name in ("acknowledge", "accept"):
        case = case_transition(case=case, name=name, actor=Actor.for_user(maya))
    staff_message_send(case=case, user=maya, body="Kunt u de factuur sturen?", attachments=[pdf_upload("brief.pdf")])
    from accord.cases.services import note_add

    note_add(case=case, user=maya, body="Vertrouwelijk: eerder geschil.", attachments=[pdf_upload("intern.pdf")])
    return case


def ask(case, maya, billing, **extra):
    shared = Document.objects.get(case=case, original_name="brief.pdf")
    values = {"question": "Waarom werd de factuur van maart tweemaal aangerekend?", "documents": [shared]}
    values.update(extra)
    return request_ask(case=case, user=maya, department=billing, **values)


def test_the_mediator_asks_a_department_sharing_only_what_they_choose(open_case, maya, billing, bart):
    with at(date(2027, 3, 4)):  # Thursday: 3 working days of the Brussels office → Tuesday 9 March
        request = ask(open_case, maya, billing)
    assert request.due_date == date(2027, 3, 9) and request.state == RequestState.ASKED
    assert [d.original_name for d in request.shared_documents.all()] == ["brief.pdf"]
    event = CaseEvent.objects.filter(case=open_case, kind=EventKind.REQUEST).get()
    assert event.data["action"] == "asked" and event.data["shared_documents"] == ["brief.pdf"]
    (email,) = OutboundEmail.objects.filter(recipient=bart, template="staff_request_asked")
    assert email.language == "nl" and "Waarom werd de factuur" in email.body_text
    assert f"/nl/staff/departments/requests/{request.pk}/" in email.body_text
    assert "Vertrouwelijk" not in email.body_text and open_case.subject not in email.body_text


def test_the_due_date_counts_the_departments_office_calendar(open_case, maya, billing):
    DepartmentContact.objects.filter(department=billing).update(office=Office.objects.get(code="metz"))
    with at(date(2026, 4, 2)):  # Thursday before Easter: Metz keeps Good Friday, so Mon 6 (Easter Monday) too
        request = ask(open_case, maya, billing)
    assert request.due_date == date(2026, 4, 9)


def test_a_question_is_required_and_only_this_cases_documents_can_be_shared(open_case, make_case, marie, maya, billing):
    with pytest.raises(ValidationFailed):
        ask(open_case, maya, billing, question="  ")
    other = make_case(marie)
    from accord.cases.documents import documents_attach

    (foreign,) = documents_attach(
        case=other, files=[pdf_upload("x.pdf")], actor=Actor.for_user(maya), shared_with_member=True
    )
    with pytest.raises(ValidationFailed):
        ask(open_case, maya, billing, documents=[foreign])


def test_the_liaison_sees_only_that_request_and_its_shared_document(client, open_case, maya, billing, bart, helena, hr):
    request = ask(open_case, maya, billing)
    mine_not = request_ask(case=open_case, user=maya, department=hr, question="Contract?")
    client.force_login(bart)
    home = client.get("/nl/staff/departments/")
    assert home.status_code == 200
    page = home.content.decode()
    assert f"/staff/departments/requests/{request.pk}/" in page and f"/requests/{mine_not.pk}/" not in page
    detail = client.get(f"/nl/staff/departments/requests/{request.pk}/").content.decode()
    assert "Waarom werd de factuur" in detail and "brief.pdf" in detail
    assert "intern.pdf" not in detail and "Vertrouwelijk" not in detail and open_case.description not in detail
    shared = request.shared_documents.get()
    internal = Document.objects.get(case=open_case, original_name="intern.pdf")
    assert client.get(reverse("departments:request_document", args=[request.pk, shared.pk])).status_code == 200
    # Direct URLs to the case, another document, another department's request: as if they did not exist.
    assert client.get(reverse("departments:request_document", args=[request.pk, internal.pk])).status_code == 404
    assert client.get(reverse("cases:detail", args=[open_case.reference])).status_code == 404
    assert client.get(reverse("cases:document", args=[open_case.reference, shared.pk])).status_code == 404
    assert client.get(reverse("departments:request", args=[mine_not.pk])).status_code == 404
    # What the liaison read is on the case's access log.
    actions = set(AccessLog.objects.filter(case=open_case, user=bart).values_list("action", flat=True))
    assert {"request_list", "request_view", "request_download"} <= actions


def test_the_queue_sends_a_liaison_to_their_requests(client, bart):
    client.force_login(bart)
    response = client.get("/nl/staff/")
    assert response.status_code == 302 and response["Location"] == "/nl/staff/departments/"


def test_other_staff_have_no_department_pages(client, open_case, maya, billing, ilse, anna):
    request = ask(open_case, maya, billing)
    for user in (ilse, anna):
        client.force_login(user)
        assert client.get("/fr/staff/departments/").status_code == 404
        assert client.get(f"/fr/staff/departments/requests/{request.pk}/").status_code == 404
    client.force_login(maya)  # the mediator sees what the department sees, but does not answer for it
    assert client.get(f"/fr/staff/departments/requests/{request.pk}/").status_code == 200
    url = reverse("departments:request_answer", args=[request.pk])
    assert client.post(url, {"body": "Moi."}).status_code == 404


def test_the_liaison_answers_with_a_pdf_and_the_answer_lands_on_the_case(client, open_case, maya, billing, bart):
    with at(date(2027, 3, 4)):
        request = ask(open_case, maya, billing)
    with at(date(2027, 3, 8)):
        client.force_login(bart)  # inside the clock: a session idle since "now" would have timed out
        response = client.post(
            reverse("departments:request_answer", args=[request.pk]),
            {
                "body": "Een technische fout; de tweede aanrekening is teruggestort.",
                "attachments": [pdf_upload("creditnota.pdf")],
            },
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    answer = request.answers.get()
    (document,) = answer.documents.all()
    assert document.case_id == open_case.pk and not document.shared_with_member and document.uploaded_by == bart
    event = CaseEvent.objects.filter(case=open_case, kind=EventKind.REQUEST, data__action="answered").get()
    assert event.actor == bart and event.data["documents"] == ["creditnota.pdf"] and event.data["late"] is False
    notice = OutboundEmail.objects.get(recipient=maya, template="staff_request_answered")
    assert notice.case_id == open_case.pk
    with at(date(2027, 3, 8)):
        client.force_login(maya)
        page = client.get(f"/en/staff/cases/{open_case.reference}/").content.decode()
    assert "Een technische fout" in page and "creditnota.pdf" in page
    assert "The Finance department answered (Bart Claes)" in page


def test_an_answer_to_a_withdrawn_request_is_refused(open_case, maya, billing, bart):
    request = ask(open_case, maya, billing)
    request_withdraw(request=request, user=maya, reason="Opgelost.")
    assert OutboundEmail.objects.filter(recipient=bart, template="staff_request_withdrawn").exists()
    from accord.core.errors import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        request_answer(request=request, user=bart, body="Te laat.")


def test_another_departments_liaison_cannot_answer(open_case, maya, billing, helena):
    request = ask(open_case, maya, billing)
    with pytest.raises(NotFound):
        request_answer(request=request, user=helena, body="Niet van ons.")


def test_the_members_page_tells_the_request_in_dutch_unless_the_mediator_chose_not_to(
    client, open_case, maya, billing, bart, hr
):
    with at(date(2027, 3, 4)):
        ask(open_case, maya, billing)
        request_ask(case=open_case, user=maya, department=hr, question="Intern.", show_to_member=False)
        page = client.get(f"/nl/my-case/{member_token(open_case)}/").content.decode()
    assert (
        "We hebben de Financiële directie om informatie gevraagd; hun antwoord wordt verwacht op 9 maart 2027." in page
    )
    assert "HR" not in page.split('data-testid="member-requests"')[1].split("</section>")[0]


def test_a_request_is_reminded_then_overdue_then_escalated_once_each(open_case, maya, billing, bart):
    with at(date(2027, 3, 4)):
        request = ask(open_case, maya, billing)  # due Tuesday 9 March
    with translation.override("en"):
        assert request_notices_send(today=date(2027, 3, 5)) == []  # Friday: 2 working days before
        assert request_notices_send(today=date(2027, 3, 8)) == [(request.pk, "reminder")]
        assert request_notices_send(today=date(2027, 3, 8)) == []
        assert request_notices_send(today=date(2027, 3, 9)) == []  # due today: still in time
        assert request_notices_send(today=date(2027, 3, 10)) == [(request.pk, "overdue")]
        # Overdue by 2 working days (Wednesday, Thursday): escalated to the head.
        assert request_notices_send(today=date(2027, 3, 11)) == [(request.pk, "escalation")]
        assert request_notices_send(today=date(2027, 3, 12)) == []
        assert request_notices_send(today=date(2027, 3, 15)) == []
    templates = list(OutboundEmail.objects.filter(recipient=bart).order_by("id").values_list("template", flat=True))
    assert templates == ["staff_request_asked", "staff_request_reminder", "staff_request_overdue"]
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_request_overdue_mediator").count() == 1
    head = OutboundEmail.objects.get(template="department_request_escalated")
    assert head.to == "direction.finance@coop.test" and head.audience == Audience.DEPARTMENT and head.language == "fr"
    assert head.case_id == open_case.pk and "Waarom werd de factuur" in head.body_text
    actions = list(
        CaseEvent.objects.filter(case=open_case, kind=EventKind.REQUEST)
        .order_by("id")
        .values_list("data__action", flat=True)
    )
    assert actions == ["asked", "reminded", "overdue", "escalated"]


def test_an_answered_request_is_not_chased(open_case, maya, billing, bart):
    with at(date(2027, 3, 4)):
        request = ask(open_case, maya, billing)
        request_answer(request=request, user=bart, body="Antwoord.")
    assert request_notices_send(today=date(2027, 3, 12)) == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_notice_once(make_case, jan, maya, finance):
    DepartmentContact.objects.create(department=finance, head_email="head@coop.test", language="nl")
    liaison = _staff("bart", "Bart", "Claes", Role.LIAISON, language="nl")
    Liaison.objects.create(user=liaison, department=finance)
    case = make_case(jan, language="nl")
    with at(date(2027, 3, 4)):
        request = request_ask(case=case, user=maya, department=finance, question="Waarom?")
    for day in (date(2027, 3, 8), date(2027, 3, 10), date(2027, 3, 12)):
        in_threads(2, lambda index, day=day: request_notices_send(today=day), timeout=60)
    assert OutboundEmail.objects.filter(recipient=liaison).count() == 3  # asked, reminder, overdue
    assert OutboundEmail.objects.filter(template="department_request_escalated").count() == 1
    assert InformationRequest.objects.get(pk=request.pk).escalated_for == request.due_date


def test_the_mediators_digest_lists_the_department_answers_they_wait_for(open_case, maya, billing):
    from accord.cases.services import case_assign
    from accord.notifications.reminders import daily_digest_send

    case_assign(case=open_case, user=maya, mediator=maya)
    with at(date(2027, 3, 4)):
        ask(open_case, maya, billing)
    maya.language = "en"
    maya.save(update_fields=["language"])
    daily_digest_send(day=date(2027, 3, 10))
    digest = OutboundEmail.objects.filter(recipient=maya, template="staff_digest").latest("id")
    assert "Waiting for others:" in digest.body_text
    assert f"{open_case.reference} · the answer of the Finance department was due on 9 March 2027" in digest.body_text


def test_the_queue_says_which_cases_wait_for_a_department_and_which_are_late(client, open_case, maya, billing, bart):
    with at(date(2026, 3, 2)):
        request = ask(open_case, maya, billing)
        client.force_login(maya)
        with translation.override("en"):
            page = client.get(reverse("cases:queue")).content.decode()
        assert "Waiting for Finance department, due" in page
    with at(date(2026, 3, 20)):
        client.force_login(maya)
        with translation.override("en"):
            page = client.get(reverse("cases:queue")).content.decode()
        assert "Finance department late since" in page and 'class="badge overdue" data-testid="queue-badge"' in page
        request_answer(request=request, user=bart, body="Teruggestort.", files=[])
        with translation.override("en"):
            page = client.get(reverse("cases:queue")).content.decode()
        assert 'data-testid="queue-badge"' not in page
