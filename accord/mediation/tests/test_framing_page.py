"""The framing aid's page: a mediator tries a text and sees the findings beside it (in the page's language),
whole page or htmx's partial; everyone else is refused (the permission matrix has the full table)."""

import pytest
from django.urls import reverse
from django.utils import translation

URL = "mediation:framing"


def url(language="en"):
    with translation.override(language):
        return reverse(URL)


def test_a_mediator_sees_the_findings_beside_the_text(client, maya):
    client.force_login(maya)
    page = client.post(url("en"), {"text": "Who wins? It is your fault.", "language": "en"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-code="winners_losers"' in html and 'data-code="blame"' in html
    assert "<q>wins</q>" in html and "<q>fault</q>" in html
    assert "Who wins? It is your fault.</textarea>" in html  # the text stays, nothing is refused
    assert html.count('data-testid="framing-criteria"') == 1 and "It is turned to the future" in html


def test_the_findings_are_in_the_pages_language_the_text_read_in_its_own(client, maya):
    client.force_login(maya)
    html = client.post(url("fr"), {"text": "Teken, anders gaan we naar de rechter.", "language": "nl"}).content.decode()
    assert 'data-code="cost_of_conflict"' in html and "<q>anders</q>" in html
    assert "Mettez en avant ce qu’un accord apporterait à chacun" in html
    assert "Ce que l’aide relève" in html


def test_htmx_gets_the_findings_alone(client, maya):
    client.force_login(maya)
    page = client.post(url(), {"text": "Partager le patrimoine.", "language": "fr"}, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert html.lstrip().startswith("<section") and 'id="framing-findings"' in html
    assert 'data-code="no_future_goal"' in html and "<html" not in html


def test_a_good_text_and_an_empty_one_are_said_so(client, maya):
    client.force_login(maya)
    good = client.post(url(), {"text": "Make sure the children have everything they need.", "language": "en"})
    assert "Nothing to point out" in good.content.decode() and "data-code" not in good.content.decode()
    empty = client.get(url())
    assert "Nothing to review yet" in empty.content.decode()
    # The text's language is the page's until chosen.
    with translation.override("nl"):
        assert '<option value="nl" selected>' in client.get(url("nl")).content.decode()


def test_a_long_text_is_reviewed_in_part_and_said_so(client, maya):
    client.force_login(maya)
    html = client.post(url(), {"text": "perdre " * 4000, "language": "fr"}).content.decode()
    assert "Only the first" in html and 'data-code="winners_losers"' in html


@pytest.mark.parametrize("persona", ["ilse", "anna"])
def test_other_staff_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url()).status_code == 403
    assert client.post(url(), {"text": "perdre", "language": "fr"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    page = client.post(url(), {"text": "perdre", "language": "fr"})
    assert page.status_code == 302 and page["Location"].startswith("/en/accounts/login/")


def test_findings_of_one_kind_are_one_card_naming_each_place(client, maya):
    client.force_login(maya)
    html = client.post(url(), {"text": "Signez, sinon ce sera le tribunal.", "language": "fr"}).content.decode()
    assert html.count('data-code="cost_of_conflict"') == 1
    assert "<q>sinon</q>, <q>tribunal</q>" in html
