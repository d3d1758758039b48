"""Issue 9, a professional mediator of the directory brought in (seed 000 (d)): with the member's consent, as
co-mediator or to lead; they reach the mediation through a scoped, expiring link (a ShareLink), see its
purpose, parties, meetings and agreement, write their own session notes, and see nothing else."""

import pytest
from django.urls import reverse
from django.utils import translation

from accord.cases.models import AccessLog, EventKind
from accord.departments.models import ShareLink, ShareLinkUse
from accord.departments.sharing import share_token
from accord.mediation import external, services
from accord.mediation.models import ConfidentialNote, Mediator, NoteKind
from accord.mediation.tests.helpers import propose
from accord.mediation.timeline import event_sentence
from accord.notifications.models import OutboundEmail


@pytest.fixture
def els(db):
    return Mediator.objects.create(
        first_name="Els",
        last_name="Janssens",
        accreditation_body="be_fmc",
        accreditation_number="FMC-00042",
        type_civil_commercial=True,
        speaks_nl=True,
        language="nl",
        email="els.janssens@example.org",
        hourly_rate=120,
        vat_rate=21,
    )


def bring_in(case, maya, els):
    mediation = propose(case, maya)
    item = external.external_bring_in(
        mediation=mediation, user=maya, mediator=els, role="co", consent_note="Telefonisch op 3 maart."
    )
    return mediation, item


def page_url(link):
    with translation.override(link.language):
        return reverse("mediator_link:page", kwargs={"token": share_token(link)})


def test_bringing_in_needs_the_members_consent_and_sends_a_scoped_link(case, maya, els):
    mediation = propose(case, maya)
    with pytest.raises(services.ValidationFailed):
        external.external_bring_in(mediation=mediation, user=maya, mediator=els, role="co", consent_note=" ")
    item = external.external_bring_in(
        mediation=mediation, user=maya, mediator=els, role="lead", consent_note="Telefonisch op 3 maart."
    )
    link = item.link
    assert link.purpose == "external_mediator" and not link.single_use and link.recipient == els.email
    assert link.language == "nl"
    email = OutboundEmail.objects.get(case=case, template="department_external_mediator_link")
    assert email.to == els.email and share_token(link) in email.body_text
    assert "Jan Peeters" not in email.body_text and "jan.peeters@example.org" not in email.body_text
    event = case.events.filter(kind=EventKind.MEDIATION, data__action="external_added").get()
    with translation.override("en"):
        assert event_sentence(event).startswith("Maya Mertens brought in Els Janssens")


def test_the_external_page_shows_the_mediation_and_nothing_else_of_the_file(client, case, maya, els):
    mediation, item = bring_in(case, maya, els)
    services.note_write(mediation=mediation, user=maya, kind=NoteKind.SESSION, body="Notitie-van-maya")
    page = client.get(page_url(item.link))
    text = page.content.decode()
    assert page.status_code == 200 and mediation.purpose in text
    assert case.description not in text and "jan.peeters@example.org" not in text
    assert "Notitie-van-maya" not in text  # the case's mediators' notes are theirs
    assert ShareLinkUse.objects.filter(link=item.link, action="view").exists()
    assert AccessLog.objects.filter(case=case, action="link_view").exists()


def test_the_external_mediator_writes_their_own_session_notes(client, case, maya, els):
    mediation, item = bring_in(case, maya, els)
    url = page_url(item.link)
    assert client.post(url, {"body": ""}).status_code == 400
    assert client.post(url, {"body": "Eerste sessie: sfeer goed."}).status_code == 302
    note = ConfidentialNote.objects.get(external_author=item)
    assert note.author is None and note.kind == NoteKind.SESSION
    assert "Eerste sessie: sfeer goed." in client.get(url).content.decode()
    # The case's mediators read it among the mediation's confidential notes, named by its author.
    assert [n.body for n in services.notes_read(mediation=mediation, user=maya)] == ["Eerste sessie: sfeer goed."]
    event = case.events.filter(kind=EventKind.MEDIATION, data__action="note_written").get()
    assert "sfeer" not in str(event.data)
    with translation.override("en"):
        assert event_sentence(event) == "Els Janssens wrote a confidential session note"


def test_a_renewed_link_revokes_the_earlier_and_an_ended_part_closes_the_page(client, case, maya, els):
    mediation, item = bring_in(case, maya, els)
    first = item.link
    second = external.external_link_renew(external=item, user=maya)
    assert client.get(page_url(first)).status_code == 410
    assert client.get(page_url(second)).status_code == 200
    external.external_end(external=item, user=maya)
    assert client.get(page_url(ShareLink.objects.get(pk=second.pk))).status_code == 410
    with pytest.raises(services.MediationStepNotAllowed):
        external.external_note_write(external=item, body="Te laat.")


def test_staff_signed_in_are_refused_the_link_and_a_forged_token_is_404(client, case, maya, els):
    mediation, item = bring_in(case, maya, els)
    link = item.link
    with translation.override("nl"):
        forged = reverse(
            "mediator_link:page", kwargs={"token": f"{link.pk}-{int(link.expires_at.timestamp())}-{'0' * 40}"}
        )
    assert client.get(forged).status_code == 404
    client.force_login(maya)
    assert client.get(page_url(link)).status_code == 403


def test_only_the_cases_mediators_bring_one_in(case, maya, pierre, els):
    mediation = propose(case, maya)
    with pytest.raises(services.PermissionDenied):
        external.external_bring_in(mediation=mediation, user=pierre, mediator=els, role="co", consent_note="x")


def test_the_case_page_offers_to_bring_one_in_and_shows_who_takes_part(client, case, maya, els):
    mediation = propose(case, maya)
    client.force_login(maya)
    url = reverse("cases:detail", kwargs={"reference": case.reference})
    assert 'data-testid="external-add"' in client.get(url).content.decode()
    response = client.post(
        reverse("mediation:external_add", kwargs={"mediation_id": mediation.pk}),
        {"mediator": els.pk, "role": "co", "consent_note": "Per e-mail van 4 maart."},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert (
        'data-testid="external"' in page
        and "FMC-00042" in page
        and share_token(mediation.externals.get().link).rsplit("-", 1)[1] not in page
    )


def test_a_professional_mediator_leading_brings_the_protocol_each_party_accepts(client, case, maya, bart, els):
    from accord.cases.links import member_token
    from accord.mediation import protocol as protocols
    from accord.mediation.models import AnswerVia, Protocol
    from accord.mediation.tests.helpers import department_of, member_of
    from accord.testing.pdf import pdf_text, require_pdf

    require_pdf()
    mediation = propose(case, maya)
    item = external.external_bring_in(
        mediation=mediation, user=maya, mediator=els, role="lead", consent_note="Telefonisch op 3 maart."
    )
    protocol = Protocol.objects.get(external=item)
    text = " ".join(pdf_text(protocol.document.file.open("rb").read()).split())
    # In the case's language (Dutch): the parties, the mediator and accreditation, voluntary, confidentiality, fees.
    assert "Bemiddelingsprotocol" in text and "Els Janssens" in text and "FMC-00042" in text
    assert "Financiële directie" in text and "1728" in text and "120" in text
    assert protocol.document.shared_with_member
    assert OutboundEmail.objects.filter(case=case, template="protocol_proposed").count() == 1
    assert OutboundEmail.objects.filter(recipient=bart, template="staff_protocol_proposed").count() == 1
    # The member accepts on their page; the liaison on theirs; then it is accepted.
    token = member_token(case)
    with translation.override("nl"):
        page = client.get(reverse("public:member_case", kwargs={"token": token})).content.decode()
        accept_url = reverse("mediation_member:protocol", kwargs={"token": token})
    assert 'data-testid="protocol-accept"' in page
    assert client.post(accept_url).status_code == 302
    client.force_login(bart)
    pdf = client.get(reverse("mediation:liaison_protocol_pdf", kwargs={"participant_id": department_of(mediation).pk}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    protocols.protocol_accept(protocol=protocol, participant=department_of(mediation), via=AnswerVia.LIAISON, user=bart)
    protocol.refresh_from_db()
    assert protocol.accepted_at is not None and protocol.acceptances.count() == 2
    assert member_of(mediation).pk in set(protocol.acceptances.values_list("participant_id", flat=True))
    assert OutboundEmail.objects.filter(recipient=maya, template="staff_protocol_concluded").count() == 1
    with pytest.raises(services.MediationStepNotAllowed):
        protocols.protocol_accept(protocol=protocol, participant=member_of(mediation), via=AnswerVia.MEMBER_PAGE)


def test_a_co_mediator_brings_no_protocol(case, maya, els):
    from accord.mediation.models import Protocol

    bring_in(case, maya, els)
    assert not Protocol.objects.exists()
