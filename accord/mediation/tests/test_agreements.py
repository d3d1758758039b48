"""Issue 9, the agreement: the mediator drafts it (what was agreed, each party's undertakings by a date), each
party accepts it on its page; once all have, its PDF in the case's language is kept on the case, the mediation
ends settled, and the undertakings are followed (reminder, overdue notice, done) for the report's compliance."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accord.cases.links import member_token
from accord.cases.models import Document, EventKind, Outcome
from accord.mediation import agreements, services
from accord.mediation.models import AgreementState, AnswerVia, MediationState
from accord.mediation.tests.helpers import PURPOSE, department_of, member_of
from accord.mediation.timeline import event_sentence
from accord.notifications.models import OutboundEmail
from accord.testing.pdf import pdf_text, require_pdf

SUMMARY = "De facturatiedienst betaalt de vennoot voortaan binnen tien dagen na ontvangst van de betaling van de klant."


@pytest.fixture
def under_way(case, maya, bart):
    mediation = services.mediation_propose(case=case, user=maya, purpose=PURPOSE, parties=list(case.parties.all()))
    services.participant_answer(
        participant=member_of(mediation), accept=True, via=AnswerVia.MEMBER_PAGE, confidentiality=True
    )
    services.participant_answer(
        participant=department_of(mediation), accept=True, via=AnswerVia.LIAISON, user=bart, confidentiality=True
    )
    mediation.refresh_from_db()
    return mediation


def draft(mediation, maya, *, due=None):
    due = due or timezone.localdate() + timedelta(days=20)
    return agreements.agreement_draft(
        mediation=mediation,
        user=maya,
        summary=SUMMARY,
        undertakings=[
            {"party": department_of(mediation).party, "text": "De openstaande 455 euro storten.", "due_date": due},
            {"party": member_of(mediation).party, "text": "De klant opnieuw contacteren.", "due_date": due},
        ],
    )


def accept_all(agreement, mediation, bart):
    agreements.agreement_answer(
        agreement=agreement, participant=member_of(mediation), accept=True, via=AnswerVia.MEMBER_PAGE
    )
    return agreements.agreement_answer(
        agreement=agreement, participant=department_of(mediation), accept=True, via=AnswerVia.LIAISON, user=bart
    )


def test_an_agreement_is_drafted_only_once_the_mediation_is_under_way(case, maya):
    mediation = services.mediation_propose(case=case, user=maya, purpose=PURPOSE, parties=list(case.parties.all()))
    with pytest.raises(services.MediationStepNotAllowed):
        agreements.agreement_draft(mediation=mediation, user=maya, summary=SUMMARY, undertakings=[])


def test_each_undertaking_names_a_party_of_the_mediation_and_a_date(under_way, maya, case):
    from accord.cases.models import Party

    stranger = Party.objects.create(case=case, kind="other", name="Boekhouder", language="nl")
    with pytest.raises(services.ValidationFailed):
        agreements.agreement_draft(
            mediation=under_way,
            user=maya,
            summary=SUMMARY,
            undertakings=[{"party": stranger, "text": "Iets doen.", "due_date": date(2027, 1, 1)}],
        )
    with pytest.raises(services.ValidationFailed):
        agreements.agreement_draft(mediation=under_way, user=maya, summary=" ", undertakings=[])


def test_every_party_accepting_keeps_the_pdf_and_ends_the_mediation_settled(under_way, maya, bart):
    require_pdf()
    agreement = draft(under_way, maya)
    agreements.agreement_propose(agreement=agreement, user=maya)
    assert OutboundEmail.objects.filter(case=under_way.case, template="agreement_proposed").count() == 1
    assert OutboundEmail.objects.filter(recipient=bart, template="staff_agreement_proposed").count() == 1
    agreements.agreement_answer(
        agreement=agreement, participant=member_of(under_way), accept=True, via=AnswerVia.MEMBER_PAGE
    )
    agreement.refresh_from_db()
    assert agreement.state == AgreementState.PROPOSED
    accept_all_last = agreements.agreement_answer(
        agreement=agreement, participant=department_of(under_way), accept=True, via=AnswerVia.LIAISON, user=bart
    )
    agreement.refresh_from_db()
    assert accept_all_last.pk == agreement.pk and agreement.state == AgreementState.ACCEPTED
    under_way.refresh_from_db()
    assert under_way.state == MediationState.ENDED and under_way.settled
    document = Document.objects.get(pk=agreement.document_id)
    assert document.shared_with_member and document.content_type == "application/pdf"
    assert document.original_name == f"bemiddelingsakkoord-{under_way.case.reference}.pdf"
    text = pdf_text(document.file.open("rb").read())
    # In the case's language (Dutch): the title, the parties, what was agreed, each undertaking and its date.
    assert "Bemiddelingsakkoord" in text and under_way.case.reference in text
    assert "Financiële directie" in text and "455 euro" in " ".join(text.split())
    assert "tien dagen" in " ".join(text.split())
    assert OutboundEmail.objects.filter(case=under_way.case, template="agreement_concluded").count() == 1
    event = under_way.case.events.filter(kind=EventKind.MEDIATION, data__action="agreement_concluded").get()
    with translation.override("en"):
        assert "amicable settlement" in event_sentence(event)


def test_a_party_declining_sends_the_agreement_back_to_the_draft(under_way, maya, bart):
    agreement = draft(under_way, maya)
    agreements.agreement_propose(agreement=agreement, user=maya)
    agreements.agreement_answer(
        agreement=agreement, participant=member_of(under_way), accept=True, via=AnswerVia.MEMBER_PAGE
    )
    agreements.agreement_answer(
        agreement=agreement,
        participant=department_of(under_way),
        accept=False,
        via=AnswerVia.LIAISON,
        user=bart,
        reason="Tien dagen is te kort voor ons.",
    )
    agreement.refresh_from_db()
    assert agreement.state == AgreementState.DRAFT and not agreement.acceptances.exists()
    told = OutboundEmail.objects.get(recipient=maya, template="staff_agreement_declined")
    assert "Tien dagen is te kort voor ons." in told.body_text
    # Redrafted and proposed again, each party answers again.
    agreement = draft(under_way, maya)
    agreements.agreement_propose(agreement=agreement, user=maya)
    assert agreement.undertakings.count() == 2


def test_the_close_step_offers_amicable_settlement_once_an_agreement_is_accepted(client, under_way, maya, bart):
    require_pdf()
    agreement = draft(under_way, maya)
    agreements.agreement_propose(agreement=agreement, user=maya)
    accept_all(agreement, under_way, bart)
    from accord.cases.panels import step_initial

    assert step_initial(under_way.case, "close") == {"outcome": Outcome.AMICABLE}
    assert step_initial(under_way.case, "answer") == {}


def test_undertakings_are_reminded_then_told_overdue_once_and_marked_done(under_way, maya, bart):
    require_pdf()
    today = timezone.localdate()
    agreement = draft(under_way, maya, due=today + timedelta(days=2))
    agreements.agreement_propose(agreement=agreement, user=maya)
    accept_all(agreement, under_way, bart)
    sent = agreements.undertaking_notices_send(today=today)
    assert sorted(stage for _, stage in sent) == ["reminder", "reminder"]
    assert agreements.undertaking_notices_send(today=today) == []  # once per date
    assert OutboundEmail.objects.filter(recipient=bart, template="staff_undertaking_reminder").count() == 1
    assert OutboundEmail.objects.filter(case=under_way.case, template="undertaking_reminder").count() == 1
    member_one = agreement.undertakings.get(party=member_of(under_way).party)
    agreements.undertaking_done(undertaking=member_one, via="member")
    later = today + timedelta(days=3)
    sent = agreements.undertaking_notices_send(today=later)
    assert [stage for _, stage in sent] == ["overdue"]  # only the department's: the member's is done
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_undertaking_overdue_mediator").count() == 1
    department_one = agreement.undertakings.get(party=department_of(under_way).party)
    agreements.undertaking_done(undertaking=department_one, via="mediator", user=maya)
    department_one.refresh_from_db()
    assert department_one.done_by == maya and department_one.done_at is not None
    events = under_way.case.events.filter(kind=EventKind.MEDIATION, data__action__startswith="undertaking_")
    with translation.override("nl"):
        assert all(event_sentence(e) for e in events)


def test_the_member_reads_and_accepts_the_agreement_on_their_page(client, under_way, maya, bart):
    require_pdf()
    agreement = draft(under_way, maya)
    token = member_token(under_way.case)
    with translation.override("nl"):
        page_url = reverse("public:member_case", kwargs={"token": token})
        answer_url = reverse("mediation_member:agreement", kwargs={"token": token})
    assert SUMMARY not in client.get(page_url).content.decode()  # the draft is the mediator's
    agreements.agreement_propose(agreement=agreement, user=maya)
    page = client.get(page_url).content.decode()
    assert SUMMARY in page and 'data-testid="agreement-answer"' in page
    assert client.post(answer_url, {"answer": "accept"}).status_code == 302
    agreements.agreement_answer(
        agreement=agreement, participant=department_of(under_way), accept=True, via=AnswerVia.LIAISON, user=bart
    )
    page = client.get(page_url).content.decode()
    assert 'data-testid="agreement-pdf"' in page and 'data-testid="agreement-answer"' not in page
    member_one = agreement.undertakings.get(party=member_of(under_way).party)
    with translation.override("nl"):
        done_url = reverse(
            "mediation_member:undertaking_done", kwargs={"token": token, "undertaking_id": member_one.pk}
        )
        other = agreement.undertakings.get(party=department_of(under_way).party)
        other_url = reverse("mediation_member:undertaking_done", kwargs={"token": token, "undertaking_id": other.pk})
    assert client.post(other_url).status_code == 404  # not the member's to say
    assert client.post(done_url).status_code == 302
    member_one.refresh_from_db()
    assert member_one.done_via == "member"


def test_the_liaison_accepts_and_downloads_the_agreement_of_their_department(client, under_way, maya, bart, helena):
    require_pdf()
    agreement = draft(under_way, maya)
    agreements.agreement_propose(agreement=agreement, user=maya)
    agreements.agreement_answer(
        agreement=agreement, participant=member_of(under_way), accept=True, via=AnswerVia.MEMBER_PAGE
    )
    participant = department_of(under_way)
    client.force_login(bart)
    url = reverse("mediation:liaison_agreement", kwargs={"participant_id": participant.pk})
    assert client.post(url, {"answer": "accept"}).status_code == 302
    pdf_url = reverse("mediation:liaison_agreement_pdf", kwargs={"participant_id": participant.pk})
    response = client.get(pdf_url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(helena)
    assert client.get(pdf_url).status_code == 404


def test_the_mediator_drafts_and_proposes_from_the_case_page(client, under_way, maya):
    client.force_login(maya)
    case_url = reverse("cases:detail", kwargs={"reference": under_way.case.reference})
    assert 'data-testid="agreement-draft"' in client.get(case_url).content.decode()
    due = (timezone.localdate() + timedelta(days=15)).isoformat()
    response = client.post(
        reverse("mediation:agreement_save", kwargs={"mediation_id": under_way.pk}),
        {
            "summary": SUMMARY,
            "u0_party": str(department_of(under_way).party_id),
            "u0_text": "De 455 euro storten.",
            "u0_due": due,
            "u1_party": str(member_of(under_way).party_id),
            "u1_text": "",  # half a line: the form says so
            "u1_due": due,
        },
    )
    assert response.status_code == 400
    response = client.post(
        reverse("mediation:agreement_save", kwargs={"mediation_id": under_way.pk}),
        {"summary": SUMMARY, "u0_party": str(department_of(under_way).party_id), "u0_text": "Storten.", "u0_due": due},
    )
    assert response.status_code == 302
    agreement = under_way.agreement
    assert [u.text for u in agreement.undertakings.all()] == ["Storten."]
    assert client.post(reverse("mediation:agreement_propose", kwargs={"agreement_id": agreement.pk})).status_code == 302
    agreement.refresh_from_db()
    assert agreement.state == AgreementState.PROPOSED
