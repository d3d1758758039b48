"""Identity: what a complaint says about who sent it is a claim, never a proof.

A person is recognised by the e-mail address the complaint comes from. A member number, a phone or
a name that is on someone else's record is kept on the new case as a claim for a mediator to confirm
("same person") or dismiss; nothing is merged, overwritten or revealed until then. Contact details
change only by a mediator's recorded action, and the old address is told. Through every way in: the
public form, the intake form, e-mail and the API.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from accord.cases.links import member_url
from accord.cases.models import Case, CaseEvent, ClaimState, EventKind, IdentityClaim
from accord.cases.services import conflict_declare, link_renew
from accord.mailbox.services import inbound_email_receive
from accord.mailbox.tests import mails
from accord.notifications.models import EmailStatus, OutboundEmail
from accord.people.models import Person

pytestmark = pytest.mark.django_db

ATTACKER = "eve.intruder@example.net"


def web_form(**overrides):
    data = {
        "name": "Eve Intruder",
        "email": ATTACKER,
        "phone": "",
        "member_number": "M-10001",  # Marie's
        "language": "en",
        "office": "brussels",
        "category": "",
        "subject": "Please send me my file",
        "description": "I want everything you hold about me.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def post_web(client, **overrides):
    response = client.post("/en/complaint/", web_form(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def intake_form(**overrides):
    data = {
        "channel": "phone",
        "received_at": "2026-03-03T10:00",
        "received_by": "",
        "name": "Eve Intruder",
        "email": "",
        "phone": "+32 470 99 88 77",
        "member_number": "M-10001",
        "language": "en",
        "office": "brussels",
        "category": "",
        "department": "",
        "subject": "Caller asks for her file",
        "description": "The caller says she is a member and wants her file.",
    }
    data.update(overrides)
    return data


def api_complaint(**complainant):
    return {
        "complainant": {
            "name": "Eve Intruder",
            "email": ATTACKER,
            "phone": "",
            "member_number": "M-10001",
            "language": "en",
            **complainant,
        },
        "case": {"subject": "Please send me my file", "description": "Everything you hold.", "language": "en"},
    }


def api_post(user, body):
    client = APIClient()
    client.force_authenticate(user=user)
    response = client.post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.content
    return Case.objects.get(reference=response.json()["reference"])


def newest_case():
    return Case.objects.order_by("-pk").first()


def details(person):
    person.refresh_from_db()
    return (person.name, person.email, person.phone, person.member_number)


def ack_of(case):
    return case.emails.get(template="acknowledgement")


def case_page(client, user, case):
    client.force_login(user)
    response = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def marie_phone_only(db):
    """A member known by phone and member number only (recorded at an office): no e-mail on record."""
    return Person.objects.create(name="Marie Lambert", phone="+32470123456", member_number="M-10001", language="fr")


# ---------------------------------------------------------------------------------------
# The public form


def test_a_member_number_typed_on_the_public_form_does_not_file_the_complaint_on_its_owners_record(
    client, marie, make_case
):
    earlier = make_case(marie, subject="Facture de mars")
    before = details(marie)
    post_web(client)
    case = newest_case()
    assert case.person != marie and case.person.email == ATTACKER
    assert details(marie) == before
    assert not case.person.member_number  # it is Marie's: kept on the case as a claim only
    claim = IdentityClaim.objects.get(case=case)
    assert (claim.field, claim.value, claim.person, claim.state) == ("member_number", "M-10001", marie, "open")
    assert earlier.person_id == marie.pk and marie.cases.count() == 1


def test_the_acknowledgement_and_the_confirmation_page_reveal_nothing_of_the_other_record(client, marie, make_case):
    earlier = make_case(marie)
    response = post_web(client)
    case = newest_case()
    ack = ack_of(case)
    assert ack.to == ATTACKER
    assert "Hello Eve Intruder," in ack.body_text
    sent = client.get(response["Location"]).content.decode()
    member = client.get(member_url(case)).content.decode()
    for text in (ack.body_text, ack.body_html, sent, member):
        assert "Marie" not in text and "Lambert" not in text
        assert marie.email not in text and earlier.reference not in text


def test_a_members_record_without_e_mail_never_gets_the_submitters_address(client, marie_phone_only, make_case, maya):
    earlier = make_case(marie_phone_only, channel="office")
    post_web(client)
    assert details(marie_phone_only) == ("Marie Lambert", "", "+32470123456", "M-10001")
    # The renewal of Marie's link goes to her record's address (none): never to the one typed on the form.
    link_renew(case=earlier, user=maya)
    renewal = earlier.emails.get(template="new_link")
    assert renewal.to == "" and renewal.delivery == EmailStatus.NO_ADDRESS
    assert not OutboundEmail.objects.filter(to=ATTACKER).exclude(case=newest_case()).exists()


def test_a_complaint_from_a_known_address_is_hers_but_changes_none_of_her_details(client, marie):
    before = details(marie)
    post_web(client, email="Marie.Lambert@Example.org", name="M. L.", phone="+32 470 99 88 77", member_number="")
    case = newest_case()
    assert case.person == marie and details(marie) == before
    # Greeted with the name given with this complaint, at her own address.
    ack = ack_of(case)
    assert ack.to == marie.email and "Hello M. L.," in ack.body_text
    assert not IdentityClaim.objects.exists()
    event = case.events.get(kind=EventKind.CREATED)
    assert event.data["given"] == {
        "name": "M. L.",
        "email": "marie.lambert@example.org",
        "phone": "+32470998877",
        "member_number": "",
    }


def test_a_phone_on_someone_elses_record_is_a_claim_and_stays_on_the_new_record(client, marie_phone_only):
    post_web(client, phone="+32 470 12 34 56", member_number="")
    case = newest_case()
    assert case.person != marie_phone_only and case.person.phone == "+32470123456"
    assert list(IdentityClaim.objects.values_list("field", "person")) == [("phone", marie_phone_only.pk)]


def test_a_name_on_someone_elses_record_is_a_claim(client, marie):
    post_web(client, name="marie  LAMBERT", member_number="")
    claim = IdentityClaim.objects.get()
    assert (claim.field, claim.person) == ("name", marie)


# ---------------------------------------------------------------------------------------
# The other ways in: intake staff relay what the caller says, e-mail, the API


def test_intake_staff_relay_a_claim_they_do_not_prove_it(client, ilse, marie):
    client.force_login(ilse)
    response = client.post(reverse("cases:intake"), intake_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    case = newest_case()
    assert case.person != marie and details(marie)[1:] == ("marie.lambert@example.org", "", "M-10001")
    assert IdentityClaim.objects.get(case=case).person == marie
    # The summary intake staff see shows what the caller said, nothing of Marie's record.
    summary = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    assert "Eve Intruder" in summary and "Lambert" not in summary and "claim" not in summary.lower()


def test_an_e_mail_is_filed_on_its_senders_record_and_its_display_name_is_only_a_claim(marie):
    inbound = inbound_email_receive(
        raw=mails.new_complaint(sender=f"Marie Lambert <{ATTACKER}>"), source="test"
    ).inbound
    case = inbound.case
    assert case.person != marie and case.person.email == ATTACKER
    assert IdentityClaim.objects.get(case=case).person == marie
    assert ack_of(case).to == ATTACKER


def test_an_e_mail_from_a_known_sender_is_filed_on_her_record(marie):
    inbound = inbound_email_receive(
        raw=mails.new_complaint(sender="Someone <Marie.Lambert@example.org>"), source="test"
    ).inbound
    assert inbound.case.person == marie and details(marie)[0] == "Marie Lambert"
    assert inbound.case.complainant_name == "Someone"


def test_the_api_files_on_the_address_not_on_the_member_number(ilse, marie, marie_phone_only):
    case = api_post(ilse, api_complaint())
    assert case.person not in (marie, marie_phone_only) and case.person.email == ATTACKER
    assert {c.person for c in IdentityClaim.objects.filter(case=case)} == {marie, marie_phone_only}
    assert details(marie_phone_only)[1] == ""
    assert ack_of(case).to == ATTACKER and "Lambert" not in ack_of(case).body_text


# ---------------------------------------------------------------------------------------
# The mediator decides


@pytest.fixture
def claimed(client, marie, make_case):
    """Marie's earlier case, and a new case from another address that claims her member number."""
    earlier = make_case(marie, subject="Facture de mars")
    post_web(client)
    return earlier, newest_case()


def test_the_case_page_shows_the_claim_to_mediators(client, maya, claimed):
    earlier, case = claimed
    page = case_page(client, maya, case)
    assert "claimed: member number M-10001, on record for someone else" in page
    assert "Marie Lambert" in page and earlier.reference in page
    assert (
        reverse("cases:claim_same", kwargs={"reference": case.reference, "claim_id": case.identity_claims.get().pk})
        in page
    )


def test_same_person_moves_the_case_to_the_other_record_on_the_timeline(client, maya, marie, claimed):
    earlier, case = claimed
    created_for_it = case.person
    claim = case.identity_claims.get()
    client.force_login(maya)
    response = client.post(reverse("cases:claim_same", kwargs={"reference": case.reference, "claim_id": claim.pk}))
    assert response.status_code == 302
    case.refresh_from_db()
    claim.refresh_from_db()
    assert case.person == marie and claim.state == ClaimState.CONFIRMED and claim.decided_by == maya
    assert details(marie)[1:] == ("marie.lambert@example.org", "", "M-10001")  # nothing of the claim's record copied
    # The record made for this complaint alone is gone; its details stay on the case's timeline.
    assert not Person.objects.filter(pk=created_for_it.pk).exists()
    event = case.events.filter(kind=EventKind.IDENTITY).last()
    assert event.actor == maya and event.data["action"] == "same_person"
    # The link sent to the address typed on the form is revoked; the new one goes to the record's address.
    assert case.link_version == 2
    assert case.emails.filter(template="new_link").get().to == marie.email
    assert earlier.reference in case_page(client, maya, case)


def test_after_same_person_the_submitter_still_sees_nothing_of_that_record(client, maya, marie, claimed):
    _, case = claimed
    sent_url = reverse("public:complaint_sent", kwargs={"reference": case.reference})
    old_link = member_url(case)
    staff = type(client)()
    staff.force_login(maya)
    staff.post(
        reverse("cases:claim_same", kwargs={"reference": case.reference, "claim_id": case.identity_claims.get().pk})
    )
    sent = client.get(sent_url).content.decode()
    assert ATTACKER in sent and marie.email not in sent and "Lambert" not in sent
    assert client.get(old_link).status_code == 404  # the link sent to the typed address is revoked


def test_the_record_left_is_kept_while_another_case_claims_it(client, maya, claimed):
    _, case = claimed
    created_for_it = case.person
    post_web(client, email="other@example.net", name="Eve Intruder", member_number="")
    assert IdentityClaim.objects.filter(person=created_for_it).exists()  # the name, on Eve's first record
    client.force_login(maya)
    client.post(
        reverse("cases:claim_same", kwargs={"reference": case.reference, "claim_id": case.identity_claims.get().pk})
    )
    assert Person.objects.filter(pk=created_for_it.pk).exists()


def test_not_the_same_person_dismisses_the_claim_on_the_timeline(client, maya, marie, claimed):
    _, case = claimed
    claim = case.identity_claims.get()
    client.force_login(maya)
    client.post(reverse("cases:claim_dismiss", kwargs={"reference": case.reference, "claim_id": claim.pk}))
    claim.refresh_from_db()
    case.refresh_from_db()
    assert claim.state == ClaimState.DISMISSED and case.person != marie
    event = case.events.filter(kind=EventKind.IDENTITY).last()
    assert (event.actor, event.data["action"]) == (maya, "not_same_person")
    assert 'data-testid="claim"' not in case_page(client, maya, case)


def test_the_claims_on_one_record_are_decided_together(client, maya, marie):
    post_web(client, name="Marie Lambert")
    case = newest_case()
    assert sorted(case.identity_claims.values_list("field", flat=True)) == ["member_number", "name"]
    page = case_page(client, maya, case)
    assert page.count('data-testid="claim"') == 1
    assert "claimed: name Marie Lambert, on record for someone else" in page
    first = case.identity_claims.order_by("id").first()
    client.post(reverse("cases:claim_dismiss", kwargs={"reference": case.reference, "claim_id": first.pk}))
    assert set(case.identity_claims.values_list("state", flat=True)) == {ClaimState.DISMISSED}
    assert client.post(
        reverse("cases:claim_same", kwargs={"reference": case.reference, "claim_id": first.pk})
    ).status_code in (400, 409)


def test_only_a_mediator_who_may_work_the_case_decides_a_claim(client, maya, pierre, ilse, claimed):
    _, case = claimed
    conflict_declare(case=case, user=pierre, reason="Je connais la plaignante.")
    claim = case.identity_claims.get()
    for user in (pierre, ilse):
        client.force_login(user)
        for name in ("cases:claim_same", "cases:claim_dismiss"):
            response = client.post(reverse(name, kwargs={"reference": case.reference, "claim_id": claim.pk}))
            assert response.status_code in (403, 404)
    claim.refresh_from_db()
    assert claim.state == ClaimState.OPEN


# ---------------------------------------------------------------------------------------
# Contact details change only by a mediator, and the old address is told


def person_form(person, **changes):
    data = {"name": person.name, "email": person.email, "phone": person.phone, "member_number": person.member_number}
    data.update(changes)
    return data


def test_a_mediator_changes_contact_details_and_the_old_address_is_told_in_the_persons_language(
    client, maya, jan, make_case
):
    first, second = make_case(jan), make_case(jan, subject="Tweede klacht")
    client.force_login(maya)
    response = client.post(
        reverse("cases:person_details", kwargs={"reference": first.reference}),
        person_form(jan, email="jan.new@example.org", phone="0470 55 66 77"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert details(jan)[1:3] == ("jan.new@example.org", "+32470556677")
    notice = OutboundEmail.objects.get(template="details_changed")
    assert notice.to == "jan.peeters@example.org" and notice.language == "nl"
    with translation.override("nl"):
        assert translation.gettext("Hello %(name)s,") % {"name": "Jan Peeters"} in notice.body_text
    assert "jan.new@example.org" not in notice.body_text and "/my-case/" not in notice.body_text
    for case in (first, second):
        event = case.events.filter(kind=EventKind.IDENTITY).get()
        assert event.actor == maya and event.data["action"] == "details_changed"
        assert event.data["changed"] == ["email", "phone"]
    # Link renewal now sends to the record's current address only.
    link_renew(case=second, user=maya)
    assert second.emails.get(template="new_link").to == "jan.new@example.org"


def test_an_address_or_member_number_on_another_record_is_refused(client, maya, jan, marie, make_case):
    case = make_case(jan)
    client.force_login(maya)
    url = reverse("cases:person_details", kwargs={"reference": case.reference})
    for change in ({"email": marie.email}, {"member_number": "M-10001"}):
        response = client.post(url, person_form(jan, **change))
        assert response.status_code == 400
    assert details(jan)[1:] == ("jan.peeters@example.org", "", "")
    assert not CaseEvent.objects.filter(kind=EventKind.IDENTITY).exists()


def test_intake_staff_cannot_change_contact_details(client, ilse, jan, make_case):
    case = make_case(jan, recorded_by=ilse, channel="phone")
    client.force_login(ilse)
    response = client.post(
        reverse("cases:person_details", kwargs={"reference": case.reference}), person_form(jan, email="x@example.org")
    )
    assert response.status_code in (403, 404)
    assert details(jan)[1] == "jan.peeters@example.org"
