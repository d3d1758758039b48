import pytest
from django.urls import reverse

from accord.conftest import PASSWORD, pdf_upload
from accord.notifications.models import OutboundEmail


@pytest.mark.django_db
def test_public_pages_render_in_each_language(client):
    for lang in ("fr", "nl", "en"):
        assert client.get(f"/{lang}/").status_code == 200
        assert client.get(f"/{lang}/complaint/").status_code == 200


def test_member_files_complaint_and_mediator_works_it(client, maya, billing):
    response = client.post(
        "/nl/complaint/",
        {
            "name": "Jan Peeters",
            "email": "jan@example.org",
            "phone": "+32 470 12 34 56",
            "member_number": "",
            "language": "nl",
            "office": "brussels",
            "category": billing.pk,
            "subject": "Factuur te laat betaald",
            "description": "Mijn factuur is zes weken te laat betaald.",
            "consent": "on",
            "website": "",
            "attachments": [pdf_upload()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    email = OutboundEmail.objects.get()
    assert email.language == "nl"
    reference = email.case.reference
    client.login(username="maya", password=PASSWORD)
    page = client.get(reverse("cases:detail", kwargs={"reference": reference}))
    assert page.status_code == 200
    queue = client.get(reverse("cases:queue"))
    assert reference in queue.content.decode()
