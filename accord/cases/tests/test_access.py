"""Who may see and do what: every role is refused what it may not, through pages and direct URLs."""

import pytest
from django.urls import reverse
from django.utils import translation

from accord.cases.links import member_token
from accord.cases.models import AccessLog, Case, CaseEvent, ConflictDeclaration, Document, EventKind
from accord.cases.permissions import Actor
from accord.cases.services import member_message_add, note_add, staff_message_send
from accord.cases.workflow import StepInput, case_transition
from accord.conftest import pdf_upload, text_upload
from accord.notifications.models import OutboundEmail

NOTE = "Le chef de service reconnaît l'erreur en privé."
MESSAGE = "Pouvez-vous nous envoyer la facture ?"
MEMBER_MESSAGE = "Voici la facture de mars."


@pytest.fixture
def recorded(make_case, marie, ilse, maya):
    """A case Ilse recorded, on which Maya has written to the member, noted and filed documents."""
    case = make_case(marie, channel="phone", recorded_by=ilse, attachments=[pdf_upload("plainte.pdf")])
    staff_message_send(case=case, user=maya, body=MESSAGE, attachments=[pdf_upload("courrier-au-membre.pdf")])
    note_add(case=case, user=maya, body=NOTE, attachments=[pdf_upload("note-interne.pdf")])
    member_message_add(case=case, body=MEMBER_MESSAGE)
    return case


def internal_document(case):
    return Document.objects.get(case=case, original_name="note-interne.pdf")


def shared_document(case):
    return Document.objects.get(case=case, original_name="courrier-au-membre.pdf")


def case_urls(case, document):
    ref = {"reference": case.reference}
    return {
        "detail": ("get", reverse("cases:detail", kwargs=ref)),
        "document": ("get", reverse("cases:document", kwargs={**ref, "document_id": document.pk})),
        "step": ("post", reverse("cases:step", kwargs={**ref, "name": "acknowledge"})),
        "message": ("post", reverse("cases:message", kwargs=ref)),
        "note": ("post", reverse("cases:note", kwargs=ref)),
        "assign": ("post", reverse("cases:assign", kwargs=ref)),
        "classify": ("post", reverse("cases:classify", kwargs=ref)),
        "extend": ("post", reverse("cases:extend", kwargs=ref)),
        "link": ("post", reverse("cases:link", kwargs=ref)),
        "conflict": ("post", reverse("cases:conflict", kwargs=ref)),
    }


POST_DATA = {"body": "Tentative", "reason": "Tentative", "days": "10", "mediator": "", "message": "Tentative"}


def request(client, method, url):
    return client.get(url) if method == "get" else client.post(url, POST_DATA)


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_staff_page(client, recorded):
    urls = {
        **case_urls(recorded, internal_document(recorded)),
        "queue": ("get", reverse("cases:queue")),
        "intake": ("get", reverse("cases:intake")),
        "outbox": ("get", reverse("notifications:outbox")),
        "outbox_email": ("get", reverse("notifications:email", kwargs={"email_id": OutboundEmail.objects.first().pk})),
    }
    for name, (method, url) in urls.items():
        response = request(client, method, url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name
    assert recorded.events.filter(kind=EventKind.TRANSITION).count() == 0
    assert not AccessLog.objects.exists()


def test_intake_staff_sees_only_the_summary_of_a_case_they_recorded(client, recorded, ilse):
    client.force_login(ilse)
    response = client.get(reverse("cases:detail", kwargs={"reference": recorded.reference}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "cases/case_summary.html"
    page = response.content.decode()
    assert recorded.reference in page
    for secret in (
        NOTE,
        MESSAGE,
        MEMBER_MESSAGE,
        "note-interne.pdf",
        "courrier-au-membre.pdf",
        "plainte.pdf",
        recorded.description,
    ):
        assert secret not in page, secret
    assert "timeline" not in page.lower()


def test_intake_staff_cannot_reach_messages_notes_documents_or_steps_of_a_case_they_recorded(client, recorded, ilse):
    client.force_login(ilse)
    events_before = recorded.events.count()
    for name, (method, url) in case_urls(recorded, shared_document(recorded)).items():
        if name == "detail":
            continue
        assert request(client, method, url).status_code == 403, name
    recorded.refresh_from_db()
    assert recorded.status == "received" and recorded.link_version == 1 and recorded.assigned_to is None
    assert recorded.events.count() == events_before
    assert not AccessLog.objects.filter(action="download").exists()


def queue_rows(page: str) -> str:
    """The queue's rows: the page and its links (filters, pages, sorting headers) echo the search itself."""
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_intake_staff_sees_only_cases_they_recorded(client, make_case, marie, jan, ilse, bruno):
    mine = make_case(marie, channel="phone", recorded_by=ilse, subject="Enregistré par Ilse")
    theirs = make_case(jan, channel="billing", recorded_by=bruno, subject="Enregistré par Bruno")
    online = make_case(jan, subject="Déposé en ligne")
    client.force_login(ilse)
    queue = client.get(reverse("cases:queue"), {"status": "all"}).content.decode()
    assert mine.reference in queue
    assert theirs.reference not in queue and online.reference not in queue
    for case in (theirs, online):  # as if it did not exist: references are sequential
        assert client.get(reverse("cases:detail", kwargs={"reference": case.reference})).status_code == 404
    search = client.get(reverse("cases:queue"), {"q": theirs.reference}, HTTP_HX_REQUEST="true").content.decode()
    assert theirs.reference not in queue_rows(search)


def test_administrator_sees_no_case_and_no_outbox(client, recorded, anna):
    client.force_login(anna)
    queue = client.get(reverse("cases:queue"))
    assert queue.status_code == 200
    assert recorded.reference not in queue.content.decode()
    for name, (method, url) in case_urls(recorded, shared_document(recorded)).items():
        assert request(client, method, url).status_code == 404, name
    assert client.get(reverse("notifications:outbox")).status_code == 403
    email = OutboundEmail.objects.filter(case=recorded).first()
    assert client.get(reverse("notifications:email", kwargs={"email_id": email.pk})).status_code == 404
    # Nor through Django's admin, which is for configuration only.
    assert client.get("/en/admin/cases/case/").status_code == 404
    assert client.get("/en/admin/notifications/outboundemail/").status_code == 404
    assert client.get("/en/admin/cases/category/").status_code == 200


def test_intake_staff_cannot_read_the_outbox(client, recorded, ilse, maya):
    client.force_login(ilse)
    assert client.get(reverse("notifications:outbox")).status_code == 403
    client.force_login(maya)
    assert client.get(reverse("notifications:outbox")).status_code == 200


def test_a_mediator_who_declares_a_conflict_of_interest_can_no_longer_open_the_case(
    client, make_case, marie, maya, pierre
):
    case = make_case(marie)
    case = case_transition(case=case, name="acknowledge", actor=Actor.for_user(maya))
    assert case.assigned_to == maya
    client.force_login(maya)
    url = reverse("cases:conflict", kwargs={"reference": case.reference})
    assert client.post(url, {"reason": "  "}).status_code == 400  # a reason is required
    response = client.post(url, {"reason": "Marie Lambert est ma belle-sœur."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == pierre
    assert ConflictDeclaration.objects.filter(case=case, mediator=maya).exists()
    event = CaseEvent.objects.get(case=case, kind=EventKind.CONFLICT)
    assert event.actor == maya and event.data == {"reason": "Marie Lambert est ma belle-sœur.", "handed_to": pierre.pk}

    for name, (method, target) in case_urls(
        case, Document.objects.filter(case=case).first() or _any_document(case)
    ).items():
        assert request(client, method, target).status_code == 404, name
    assert case.reference not in client.get(reverse("cases:queue"), {"status": "all"}).content.decode()
    search = client.get(reverse("cases:queue"), {"q": case.reference}, HTTP_HX_REQUEST="true")
    assert case.reference not in queue_rows(search.content.decode())

    client.force_login(pierre)
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert page.status_code == 200
    assert "Marie Lambert est ma belle-sœur." in page.content.decode()
    # A mediator's declaration is for the record, never for the member.
    client.logout()
    member_page = client.get(reverse("public:member_case", kwargs={"token": member_token(case)})).content.decode()
    assert "belle-sœur" not in member_page


def _any_document(case):
    note_add(case=case, user=case.assigned_to, body="pièce", attachments=[pdf_upload()])
    return Document.objects.filter(case=case).first()


def test_a_wrong_or_forged_member_link_is_not_valid(client, recorded, make_case, jan):
    other = make_case(jan)
    good = member_token(recorded)
    case_id, version, signature = good.split("-", 2)
    forged = [
        "nonsense",
        f"{case_id}-{version}-{'0' * 40}",
        f"{other.pk}-{version}-{signature}",  # this case's signature on another case
        f"{case_id}-{int(version) + 1}-{signature}",
        f"{case_id}-{version}-{signature[:-1]}",
        f"x-{version}-{signature}",
    ]
    for token in forged:
        with translation.override("en"):
            response = client.get(reverse("public:member_case", kwargs={"token": token}))
        assert response.status_code == 404, token
        assert "This link does not work" in response.content.decode()
        assert recorded.reference not in response.content.decode()
        document_url = reverse(
            "public:member_document", kwargs={"token": token, "document_id": shared_document(recorded).pk}
        )
        assert client.get(document_url).status_code == 404
        assert client.post(reverse("public:member_reply", kwargs={"token": token}), {"body": "Hop"}).status_code == 404
        assert (
            client.post(reverse("public:member_withdraw", kwargs={"token": token}), {"confirm": "on"}).status_code
            == 404
        )
    recorded.refresh_from_db()
    assert recorded.status == "received" and recorded.messages.count() == 2


def test_a_renewed_link_revokes_the_old_one(client, recorded, maya):
    old = member_token(recorded)
    assert client.get(reverse("public:member_case", kwargs={"token": old})).status_code == 200
    client.force_login(maya)
    assert client.post(reverse("cases:link", kwargs={"reference": recorded.reference})).status_code == 302
    client.logout()
    recorded.refresh_from_db()
    new = member_token(recorded)
    assert new != old
    assert client.get(reverse("public:member_case", kwargs={"token": old})).status_code == 404
    old_document = reverse("public:member_document", kwargs={"token": old, "document_id": shared_document(recorded).pk})
    assert client.get(old_document).status_code == 404
    assert client.get(reverse("public:member_case", kwargs={"token": new})).status_code == 200
    email = OutboundEmail.objects.get(case=recorded, template="new_link")
    assert new in email.body_text and old not in email.body_text
    assert CaseEvent.objects.filter(case=recorded, kind=EventKind.LINK, actor=maya).count() == 1


def test_a_members_link_cannot_download_another_cases_documents(client, recorded, make_case, jan):
    other = make_case(jan, attachments=[pdf_upload("autre.pdf")])
    theirs = Document.objects.get(case=other)
    url = reverse("public:member_document", kwargs={"token": member_token(recorded), "document_id": theirs.pk})
    assert client.get(url).status_code == 404
    own = reverse("public:member_document", kwargs={"token": member_token(other), "document_id": theirs.pk})
    assert client.get(own).status_code == 200


def test_internal_documents_and_notes_never_reach_the_member(client, recorded):
    token = member_token(recorded)
    page = client.get(reverse("public:member_case", kwargs={"token": token})).content.decode()
    assert NOTE not in page and "note-interne.pdf" not in page
    assert MESSAGE in page and MEMBER_MESSAGE in page and "courrier-au-membre.pdf" in page and "plainte.pdf" in page
    internal = reverse("public:member_document", kwargs={"token": token, "document_id": internal_document(recorded).pk})
    assert client.get(internal).status_code == 404
    shared = client.get(
        reverse("public:member_document", kwargs={"token": token, "document_id": shared_document(recorded).pk})
    )
    assert shared.status_code == 200
    assert shared["Content-Disposition"].startswith("attachment")


def test_the_member_page_never_shows_notes_whatever_the_status(client, recorded, maya):
    case_transition(case=recorded, name="acknowledge", actor=Actor.for_user(maya))
    case_transition(
        case=recorded,
        name="refuse",
        actor=Actor.for_user(maya),
        data=StepInput(ground="frivolous", reason="Hors délai."),
    )
    note_add(case=recorded, user=maya, body="Deuxième note interne.", attachments=[text_upload("interne.txt")])
    page = client.get(reverse("public:member_case", kwargs={"token": member_token(recorded)})).content.decode()
    assert "Hors délai." in page
    assert NOTE not in page and "Deuxième note interne." not in page and "interne.txt" not in page


def test_every_case_page_view_and_download_leaves_a_trace(client, recorded, maya, ilse):
    document = shared_document(recorded)
    client.force_login(maya)
    assert client.get(reverse("cases:detail", kwargs={"reference": recorded.reference})).status_code == 200
    download = client.get(
        reverse("cases:document", kwargs={"reference": recorded.reference, "document_id": document.pk})
    )
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(ilse)
    assert client.get(reverse("cases:detail", kwargs={"reference": recorded.reference})).status_code == 200
    client.logout()
    token = member_token(recorded)
    assert client.get(reverse("public:member_case", kwargs={"token": token})).status_code == 200
    member_download = client.get(reverse("public:member_document", kwargs={"token": token, "document_id": document.pk}))
    assert member_download.status_code == 200

    log = list(AccessLog.objects.filter(case=recorded).order_by("id"))
    assert [(e.action, e.user, e.by_member) for e in log] == [
        ("view", maya, False),
        ("download", maya, False),
        ("view_summary", ilse, False),
        ("member_view", None, True),
        ("member_download", None, True),
    ]
    assert log[1].detail == log[4].detail == "courrier-au-membre.pdf"
    assert all(e.ip_address == "127.0.0.1" for e in log)


def test_refused_requests_leave_no_access_trace_and_a_step_by_url_changes_nothing(client, recorded, bruno):
    client.force_login(bruno)
    assert client.get(reverse("cases:detail", kwargs={"reference": recorded.reference})).status_code == 404
    assert not AccessLog.objects.filter(case=recorded).exists()
    assert Case.objects.get(pk=recorded.pk).status == "received"
