"""The department's side: a liaison sees the dysfunctions addressed to their departments, and of each only
its title, description, department and history; never the case, the member, their messages, notes or
documents; a liaison of another department gets 404, as for a dysfunction that does not exist."""

import re
from datetime import date
from html import unescape

from accord.cases.services import note_add, staff_message_send
from accord.conftest import pdf_upload
from accord.departments.dysfunctions import dysfunction_record, dysfunction_step
from accord.departments.models import Dysfunction
from accord.departments.tests.dysfunction_personas import at


def text_of(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _world(make_case, marie, maya, finance, hr):
    case = make_case(marie, attachments=[pdf_upload("releve.pdf")])
    staff_message_send(case=case, user=maya, body="Pouvez-vous m'envoyer la facture ?", attachments=[])
    note_add(case=case, user=maya, body="Note interne : la sociétaire est fâchée.", attachments=[])
    mine = dysfunction_record(
        case=case,
        user=maya,
        department=finance,
        title="Factures envoyées deux fois",
        description="Une seconde facture part avant la lecture du paiement.",
    )
    other = dysfunction_record(
        case=case, user=maya, department=hr, title="Accueil injoignable", description="Le téléphone sonne dans le vide."
    )
    return case, mine, other


def test_the_liaison_sees_what_is_addressed_to_their_department_and_nothing_else(
    client, make_case, marie, maya, finance, hr, luc
):
    case, mine, other = _world(make_case, marie, maya, finance, hr)
    client.force_login(luc)
    listing = client.get("/en/staff/departments/dysfunctions/")
    assert listing.status_code == 200
    listed = text_of(listing)
    assert "Factures envoyées deux fois" in listed and "Accueil injoignable" not in listed
    page = client.get(f"/en/staff/departments/dysfunctions/{mine.pk}/")
    assert page.status_code == 200
    text = text_of(page)
    assert "Une seconde facture part avant la lecture du paiement." in text and "Acknowledge" in text
    for secret in (
        "Marie Lambert",
        marie.email,
        case.subject,
        case.description,
        "Pouvez-vous m'envoyer la facture",
        "Note interne",
        "releve.pdf",
        "Accueil injoignable",
        "Close the dysfunction",
    ):
        assert secret not in text, secret
    assert f'href="/en/staff/cases/{case.reference}/"' not in page.content.decode()
    # Direct URLs to what is not theirs: refused as if absent.
    document = case.documents.get()
    assert client.get(f"/en/staff/cases/{case.reference}/").status_code == 404
    assert client.get(f"/en/staff/cases/{case.reference}/documents/{document.pk}/").status_code == 404
    assert client.get(f"/en/staff/departments/dysfunctions/{other.pk}/").status_code == 404
    assert client.post(f"/en/staff/departments/cases/{case.reference}/dysfunctions/", {}).status_code == 404
    assert client.post(f"/en/staff/departments/dysfunctions/{other.pk}/acknowledge/", {}).status_code == 404
    assert client.post(f"/en/staff/departments/dysfunctions/{mine.pk}/close/", {}).status_code == 403


def test_the_liaison_responds_and_the_mediator_reads_it(client, make_case, marie, maya, finance, hr, luc):
    case, mine, _ = _world(make_case, marie, maya, finance, hr)
    client.force_login(luc)
    url = f"/en/staff/departments/dysfunctions/{mine.pk}/"
    assert client.post(url + "dispute/", {"dispute-text": ""}).status_code == 400  # reasons required
    with at(date(2026, 7, 10)):
        response = client.post(
            url + "plan/", {"plan-text": "Contrôle des paiements.", "plan-planned_for": "2026-07-20"}
        )
    assert response.status_code == 302
    assert Dysfunction.objects.get(pk=mine.pk).state == "action_planned"
    client.force_login(maya)
    text = text_of(client.get(url))
    assert "Contrôle des paiements." in text and "Luc Lenoir" in text and "20 July 2026" in text
    assert "Contrôle des paiements." in text_of(client.get(f"/en/staff/cases/{case.reference}/"))


def test_a_liaison_of_another_department_gets_404(client, make_case, marie, maya, finance, hr, luc, helene):
    _, mine, other = _world(make_case, marie, maya, finance, hr)
    client.force_login(helene)
    assert client.get(f"/en/staff/departments/dysfunctions/{mine.pk}/").status_code == 404
    assert client.post(f"/en/staff/departments/dysfunctions/{mine.pk}/acknowledge/", {}).status_code == 404
    assert client.get(f"/nl/staff/departments/dysfunctions/{other.pk}/").status_code == 200
    listed = text_of(client.get("/nl/staff/departments/dysfunctions/"))
    assert "Accueil injoignable" in listed and "Factures envoyées deux fois" not in listed
    assert "Disfuncties gericht aan uw dienst" in listed
    dysfunction_step(dysfunction=other, user=helene, kind="acknowledge")


def test_intake_staff_and_administrators_get_404(client, make_case, marie, maya, finance, hr, ilse, anna):
    _, mine, _ = _world(make_case, marie, maya, finance, hr)
    for user in (ilse, anna):
        client.force_login(user)
        assert client.get("/en/staff/departments/dysfunctions/").status_code == 404
        assert client.get(f"/en/staff/departments/dysfunctions/{mine.pk}/").status_code == 404
