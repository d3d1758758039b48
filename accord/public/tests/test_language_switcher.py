"""The language switcher on every page leads to the same page in the other language."""

import re

from accord.cases.links import member_token


def _switcher_links(html: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in re.findall(r'<a href="([^"]+)" hreflang="(\w\w)"', html))


def test_public_pages_link_to_themselves_in_each_language(client, db):
    links = _switcher_links(client.get("/fr/complaint/").content.decode())
    assert links == {"fr": "/fr/complaint/", "nl": "/nl/complaint/", "en": "/en/complaint/"}


def test_after_a_failed_reply_the_switcher_leads_to_the_member_page_not_the_post_only_address(marie, make_case, client):
    case = make_case(marie)
    token = member_token(case)
    response = client.post(f"/fr/my-case/{token}/reply/", {"body": ""})
    assert response.status_code == 400
    links = _switcher_links(response.content.decode())
    assert links["nl"] == f"/nl/my-case/{token}/"
    assert client.get(links["nl"]).status_code == 200


def test_after_a_failed_step_the_switcher_leads_to_the_case_page(marie, maya, make_case, client):
    case = make_case(marie)
    client.force_login(maya)
    response = client.post(f"/en/staff/cases/{case.reference}/step/refuse/", {"refuse-reason": ""})
    assert response.status_code == 400
    assert _switcher_links(response.content.decode())["fr"] == f"/fr/staff/cases/{case.reference}/"
