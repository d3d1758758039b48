"""Issue 9, the mediation path: a case's mediator proposes a mediation to the parties; each accepts (undertaking
confidentiality) or declines on its own page; a declined mediation leaves the complaint as it was; the
confidential notes are read by the case's mediators alone."""

import pytest
from django.urls import reverse
from django.utils import translation

from accord.cases.links import member_token
from accord.cases.models import AccessLog, CaseEvent, EventKind, PartyKind, Status
from accord.cases.permissions import Actor
from accord.cases.workflow import case_transition
from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from accord.mediation import services
from accord.mediation.models import Answer, AnswerVia, ConfidentialNote, MediationState, NoteKind
from accord.mediation.tests.helpers import PURPOSE, department_of, member_of, propose
from accord.mediation.timeline import event_sentence
from accord.notifications.models import OutboundEmail

# -- Proposal ----------------------------------------------------------------------------------------


def test_the_cases_mediator_proposes_and_each_party_is_told_in_its_own_language(case, maya, bart):
    mediation = propose(case, maya)
    assert mediation.state == MediationState.PROPOSED
    assert sorted(mediation.participants.values_list("answer", flat=True)) == [Answer.PENDING, Answer.PENDING]
    to_member = OutboundEmail.objects.get(case=case, template="mediation_proposed")
    assert to_member.language == "nl" and PURPOSE in to_member.body_text
    assert member_token(case).rsplit("-", 1)[1] in to_member.body_text  # answered on their private page
    assert "vrijwillig" in to_member.body_text  # voluntary, in Dutch
    to_bart = OutboundEmail.objects.get(recipient=bart, template="staff_mediation_proposed")
    assert to_bart.language == "nl" and PURPOSE in to_bart.body_text
    with translation.override("nl"):
        url = reverse("mediation:liaison", kwargs={"participant_id": department_of(mediation).pk})
    assert url in to_bart.body_text
    assert jan_details_absent(to_bart.body_text)
    event = case.events.filter(kind=EventKind.MEDIATION).get()
    with translation.override("en"):
        assert event_sentence(event) == "Maya Mertens proposed a mediation to the member, Finance department"


def jan_details_absent(text):
    return "Jan Peeters" not in text and "jan.peeters@example.org" not in text


def test_only_the_mediators_holding_the_case_may_propose(case, pierre):
    with pytest.raises(PermissionDenied):
        services.mediation_propose(case=case, user=pierre, purpose=PURPOSE, parties=list(case.parties.all()))


def test_a_co_mediator_may_propose(case, maya, pierre):
    from accord.cases.assignments import comediator_add

    comediator_add(case=case, user=maya, mediator=pierre)
    mediation = services.mediation_propose(case=case, user=pierre, purpose=PURPOSE, parties=list(case.parties.all()))
    assert mediation.proposed_by == pierre


def test_mediation_is_proposed_only_once_the_complaint_is_admissible(make_case, jan, maya, billing):
    early = make_case(jan, language="nl")
    early = case_transition(case=early, name="acknowledge", actor=Actor.for_user(maya))
    with pytest.raises(services.MediationNotPossible):
        services.mediation_propose(case=early, user=maya, purpose=PURPOSE, parties=list(early.parties.all()))


def test_one_open_mediation_per_case(case, maya):
    propose(case, maya)
    with pytest.raises(services.MediationAlreadyOpen):
        propose(case, maya)


def test_a_mediation_needs_the_member_another_party_and_a_purpose(case, maya):
    member_party = case.parties.get(kind=PartyKind.COMPLAINANT)
    department_party = case.parties.get(kind=PartyKind.DEPARTMENT)
    with pytest.raises(ValidationFailed):
        services.mediation_propose(case=case, user=maya, purpose=PURPOSE, parties=[member_party])
    with pytest.raises(ValidationFailed):
        services.mediation_propose(case=case, user=maya, purpose=PURPOSE, parties=[department_party])
    with pytest.raises(ValidationFailed):
        services.mediation_propose(case=case, user=maya, purpose="  ", parties=[member_party, department_party])
    assert not case.mediations.exists()


# -- Answers -------------------------------------------------------------------------------------------


def test_accepting_requires_the_confidentiality_undertaking(case, maya, bart):
    mediation = propose(case, maya)
    with pytest.raises(services.ConfidentialityRequired):
        services.participant_answer(participant=member_of(mediation), accept=True, via=AnswerVia.MEMBER_PAGE)
    assert member_of(mediation).answer == Answer.PENDING


def test_when_every_party_accepts_the_mediation_is_under_way_and_everyone_is_told(case, maya, bart):
    mediation = propose(case, maya)
    services.participant_answer(
        participant=member_of(mediation), accept=True, via=AnswerVia.MEMBER_PAGE, confidentiality=True
    )
    mediation.refresh_from_db()
    assert mediation.state == MediationState.PROPOSED
    accepted = services.participant_answer(
        participant=department_of(mediation), accept=True, via=AnswerVia.LIAISON, user=bart, confidentiality=True
    )
    assert accepted.confidentiality_accepted_at is not None and accepted.answered_by == bart
    mediation.refresh_from_db()
    assert mediation.state == MediationState.UNDER_WAY and mediation.started_at is not None
    assert OutboundEmail.objects.filter(case=case, template="mediation_under_way").count() == 1
    assert OutboundEmail.objects.filter(recipient=bart, template="staff_mediation_under_way").count() == 1
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_mediation_under_way").count() == 1
    case.refresh_from_db()
    assert case.status == Status.INVESTIGATING  # the complaint's clock and state go on


def test_a_party_declining_leaves_the_complaint_as_it_was(case, maya, bart):
    mediation = propose(case, maya)
    services.participant_answer(
        participant=member_of(mediation), accept=False, via=AnswerVia.MEMBER_PAGE, reason="Ik wil een antwoord."
    )
    mediation.refresh_from_db()
    assert mediation.state == MediationState.DECLINED
    assert member_of(mediation).decline_reason == "Ik wil een antwoord."
    case.refresh_from_db()
    assert case.status == Status.INVESTIGATING
    # The department and the mediator are told; the member who declined is not told their own answer.
    assert OutboundEmail.objects.filter(recipient=bart, template="staff_mediation_declined").exists()
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_mediation_declined").exists()
    assert not OutboundEmail.objects.filter(case=case, template="mediation_declined").exists()
    with pytest.raises(services.MediationStepNotAllowed):
        services.participant_answer(
            participant=department_of(mediation), accept=True, via=AnswerVia.LIAISON, user=bart, confidentiality=True
        )
    # Declined, a new proposal may be made later.
    assert propose(case, maya).state == MediationState.PROPOSED


def test_the_mediator_records_an_answer_given_by_phone_saying_how(case, maya, pierre):
    mediation = propose(case, maya)
    participant = department_of(mediation)
    with pytest.raises(ValidationFailed):
        services.participant_answer(
            participant=participant, accept=True, via=AnswerVia.MEDIATOR, user=maya, confidentiality=True
        )
    with pytest.raises(PermissionDenied):
        services.participant_answer(
            participant=participant, accept=True, via=AnswerVia.MEDIATOR, user=pierre, confidentiality=True, note="x"
        )
    services.participant_answer(
        participant=participant,
        accept=True,
        via=AnswerVia.MEDIATOR,
        user=maya,
        confidentiality=True,
        note="Par téléphone le 3 mars, avec la responsable.",
    )
    participant.refresh_from_db()
    assert participant.answered_via == AnswerVia.MEDIATOR and participant.answer_note.startswith("Par téléphone")
    event = case.events.filter(kind=EventKind.MEDIATION, data__action="answered").get()
    with translation.override("fr"):
        assert "Direction financière" in event_sentence(event) and "médiateur" in event_sentence(event)


def test_the_mediator_withdraws_a_proposal_and_ends_a_mediation_telling_the_parties(case, maya, bart):
    mediation = propose(case, maya)
    with pytest.raises(ValidationFailed):
        services.mediation_withdraw(mediation=mediation, user=maya, reason="")
    services.mediation_withdraw(mediation=mediation, user=maya, reason="De dienst heeft intussen betaald.")
    mediation.refresh_from_db()
    assert mediation.state == MediationState.WITHDRAWN
    told = OutboundEmail.objects.get(case=case, template="mediation_withdrawn")
    assert "De dienst heeft intussen betaald." in told.body_text
    with pytest.raises(services.MediationStepNotAllowed):
        services.mediation_end(mediation=mediation, user=maya, reason="x")

    second = propose(case, maya)
    for participant, via, user in (
        (member_of(second), AnswerVia.MEMBER_PAGE, None),
        (department_of(second), AnswerVia.LIAISON, bart),
    ):
        services.participant_answer(participant=participant, accept=True, via=via, user=user, confidentiality=True)
    services.mediation_end(mediation=second, user=maya, reason="Geen akkoord na twee sessies.")
    second.refresh_from_db()
    assert second.state == MediationState.ENDED and second.ended_by == maya
    assert OutboundEmail.objects.filter(case=case, template="mediation_ended").exists()


# -- The confidential tier ----------------------------------------------------------------------------


def test_confidential_notes_are_written_and_read_by_the_cases_mediators_alone(case, maya, pierre, bart):
    mediation = propose(case, maya)
    secret = "Tijdens de apart-sessie gaf de dienst toe dat de factuur dubbel was."
    note = services.note_write(
        mediation=mediation, user=maya, kind=NoteKind.CAUCUS, body=secret, party=department_of(mediation).party
    )
    assert note.kind == NoteKind.CAUCUS
    # A mediator who may work the case but does not hold it: refused, as if nothing existed.
    with pytest.raises(NotFound):
        services.notes_read(mediation=mediation, user=pierre)
    with pytest.raises(NotFound):
        services.note_write(mediation=mediation, user=pierre, kind=NoteKind.SESSION, body="x")
    with pytest.raises(NotFound):
        services.notes_read(mediation=mediation, user=bart)
    assert [n.body for n in services.notes_read(mediation=mediation, user=maya)] == [secret]
    assert AccessLog.objects.filter(case=case, user=maya, action="mediation_notes_view").count() == 1
    # The timeline records that a note was written, never its words.
    event = case.events.filter(kind=EventKind.MEDIATION, data__action="note_written").get()
    assert secret not in str(event.data)
    with translation.override("en"):
        assert event_sentence(event) == "Maya Mertens wrote a confidential note of a private session"


def test_a_caucus_note_names_a_party_of_the_mediation(case, maya):
    mediation = propose(case, maya)
    with pytest.raises(ValidationFailed):
        services.note_write(mediation=mediation, user=maya, kind=NoteKind.CAUCUS, body="Alleen met de vennoot.")
    assert not ConfidentialNote.objects.exists()


def test_a_confidential_note_cannot_be_changed(case, maya):
    mediation = propose(case, maya)
    note = services.note_write(mediation=mediation, user=maya, kind=NoteKind.SESSION, body="Eerste sessie.")
    note.body = "Anders"
    with pytest.raises(ValueError):
        note.save()


def test_the_case_page_shows_the_notes_to_the_cases_mediator_and_not_to_another(client, case, maya, pierre):
    mediation = propose(case, maya)
    services.note_write(mediation=mediation, user=maya, kind=NoteKind.SESSION, body="Notitie-XYZ-vertrouwelijk")
    url = reverse("cases:detail", kwargs={"reference": case.reference})
    client.force_login(maya)
    page = client.get(url).content.decode()
    assert "Notitie-XYZ-vertrouwelijk" in page and 'data-testid="confidential-notes"' in page
    client.force_login(pierre)
    page = client.get(url).content.decode()
    assert 'data-testid="mediation-panel"' in page  # he sees that a mediation exists
    assert "Notitie-XYZ-vertrouwelijk" not in page and 'data-testid="confidential-notes"' not in page
    response = client.post(
        reverse("mediation:note_add", kwargs={"mediation_id": mediation.pk}), {"kind": "session", "body": "x"}
    )
    assert response.status_code == 404
    assert ConfidentialNote.objects.count() == 1


def test_the_confidential_notes_are_absent_from_the_api(client, case, maya):
    mediation = propose(case, maya)
    services.note_write(mediation=mediation, user=maya, kind=NoteKind.SESSION, body="Notitie-API-geheim")
    client.force_login(maya)
    for url in ("/api/v1/cases/", f"/api/v1/cases/{case.reference}/"):
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert "Notitie-API-geheim" not in response.content.decode()


# -- The pages ----------------------------------------------------------------------------------------


def test_the_mediator_proposes_from_the_case_page(client, case, maya, bart):
    client.force_login(maya)
    url = reverse("cases:detail", kwargs={"reference": case.reference})
    assert 'data-testid="mediation-propose"' in client.get(url).content.decode()
    response = client.post(
        reverse("mediation:propose", kwargs={"reference": case.reference}),
        {"purpose": PURPOSE, "parties": [p.pk for p in case.parties.all()]},
    )
    assert response.status_code == 302
    assert case.mediations.get().state == MediationState.PROPOSED
    # Without a purpose: the form says so, on the case page.
    services.mediation_withdraw(mediation=case.mediations.get(), user=maya, reason="Opnieuw.")
    response = client.post(
        reverse("mediation:propose", kwargs={"reference": case.reference}),
        {"purpose": "", "parties": [p.pk for p in case.parties.all()]},
    )
    assert response.status_code == 400 and 'data-testid="mediation-propose"' in response.content.decode()


def test_the_member_answers_on_their_private_page_in_their_language(client, case, maya):
    mediation = propose(case, maya)
    token = member_token(case)
    with translation.override("nl"):
        page_url = reverse("public:member_case", kwargs={"token": token})
        answer_url = reverse("mediation_member:answer", kwargs={"token": token})
    page = client.get(page_url).content.decode()
    assert 'data-testid="mediation-answer"' in page and PURPOSE in page
    # Accepting without the undertaking: refused, in Dutch, nothing recorded.
    response = client.post(answer_url, {"answer": "accept"})
    assert response.status_code == 400
    assert "vertrouwelijk" in response.content.decode()
    assert member_of(mediation).answer == Answer.PENDING
    response = client.post(answer_url, {"answer": "accept", "confidentiality": "on"})
    assert response.status_code == 302
    participant = member_of(mediation)
    assert participant.answer == Answer.ACCEPTED and participant.answered_via == AnswerVia.MEMBER_PAGE
    page = client.get(page_url).content.decode()
    assert 'data-testid="mediation-answer"' not in page  # answered: the page no longer offers it
    event = case.events.filter(kind=EventKind.MEDIATION, data__action="answered").get()
    assert event.actor_kind == "member"


def test_the_liaison_sees_the_proposal_to_their_department_and_answers_for_it(client, case, maya, bart, helena):
    mediation = propose(case, maya)
    participant = department_of(mediation)
    url = reverse("mediation:liaison", kwargs={"participant_id": participant.pk})
    client.force_login(bart)
    listing = client.get(reverse("mediation:liaison_list")).content.decode()
    assert case.reference in listing
    page = client.get(url).content.decode()
    assert PURPOSE in page and jan_details_absent(page)
    assert client.post(url, {"answer": "accept", "confidentiality": "on"}).status_code == 302
    participant.refresh_from_db()
    assert participant.answer == Answer.ACCEPTED and participant.answered_by == bart
    assert AccessLog.objects.filter(case=case, user=bart, action="mediation_view").exists()
    client.force_login(helena)
    assert case.reference not in client.get(reverse("mediation:liaison_list")).content.decode()
    assert client.get(url).status_code == 404


def test_every_mediation_line_of_the_timeline_has_words_in_each_language(case, maya, bart):
    mediation = propose(case, maya)
    services.note_write(mediation=mediation, user=maya, kind=NoteKind.SESSION, body="Sessie 1.")
    services.participant_answer(
        participant=member_of(mediation), accept=True, via=AnswerVia.MEMBER_PAGE, confidentiality=True
    )
    services.participant_answer(
        participant=department_of(mediation), accept=True, via=AnswerVia.LIAISON, user=bart, confidentiality=True
    )
    services.mediation_end(mediation=mediation, user=maya, reason="Akkoord bereikt.")
    second = propose(case, maya)
    services.participant_answer(participant=member_of(second), accept=False, via=AnswerVia.MEMBER_PAGE)
    third = propose(case, maya)
    services.mediation_withdraw(mediation=third, user=maya, reason="Niet meer nodig.")
    events = list(CaseEvent.objects.filter(case=case, kind=EventKind.MEDIATION))
    actions = {e.data["action"] for e in events}
    assert actions == {"proposed", "answered", "under_way", "declined", "withdrawn", "ended", "note_written"}
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            for event in events:
                assert event_sentence(event), f"{event.data} has no words in {language}"


def test_the_case_page_shows_every_mediation_line(client, case, maya, bart):
    mediation = propose(case, maya)
    services.participant_answer(
        participant=member_of(mediation), accept=True, via=AnswerVia.MEMBER_PAGE, confidentiality=True
    )
    services.participant_answer(
        participant=department_of(mediation), accept=False, via=AnswerVia.LIAISON, user=bart, reason="Nee."
    )
    client.force_login(maya)
    with translation.override("en"):
        page = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    assert "The member accepted the mediation and undertook to keep it confidential (on their private page)" in page
    assert "Finance department declined the mediation" in page


def test_the_purpose_field_asks_the_framing_aid_in_the_cases_language(client, case, maya):
    client.force_login(maya)
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    assert f'hx-post="{reverse("mediation:framing")}"' in page and 'data-testid="framing-criteria"' in page
    response = client.post(
        reverse("mediation:framing"),
        {"purpose": "Wie heeft schuld aan de dubbele factuur?", "language": "nl"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'data-code="blame"' in response.content.decode()


def test_the_queue_search_does_not_find_the_words_of_a_confidential_note(client, case, maya):
    mediation = propose(case, maya)
    services.note_write(mediation=mediation, user=maya, kind=NoteKind.SESSION, body="Zoekwoord-vertrouwelijk")
    client.force_login(maya)
    page = client.get(reverse("cases:queue"), {"q": "Zoekwoord-vertrouwelijk"}).content.decode()
    assert case.reference not in page
    assert case.reference in client.get(reverse("cases:queue")).content.decode()
