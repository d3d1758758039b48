"""In a real browser: at the form's limit a member keeps their text, answers the sum and files the complaint;
the page passes axe and runs under the CSP."""

import re

import pytest
from django.core.cache import cache
from django.utils.translation import gettext, override
from playwright.sync_api import expect

from accord.cases.models import Case
from accord.core.tests.test_accessibility import assert_accessible, axe_violations, fill_complaint

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_at_the_limit_the_member_answers_the_sum_and_the_complaint_is_filed(page, settings, language):
    cache.clear()
    settings.ACCORD_COMPLAINT_RATE = "0/h"  # the first valid complaint is already one too many
    settings.ACCORD_CONTACT_PHONE = "+32 2 123 45 67"
    page.goto(f"/{language}/complaint/")
    fill_complaint(page, language, name="Marie Lambert")
    with override(language):
        page.get_by_role("button", name=gettext("Send my complaint")).click()
        expect(page.get_by_test_id("rate-limited")).to_contain_text(gettext("Your complaint has not been sent yet"))
        # Everything typed is still there.
        expect(page.get_by_label(gettext("In a few words"))).to_have_value("Facture payée en retard")
        expect(page.get_by_role("link", name="+32 2 123 45 67")).to_have_attribute("href", "tel:+3221234567")
        assert_accessible(axe_violations(page, f"limit {language}"))
        question = page.get_by_label(re.compile(r"\d+.*\d+"))
        a, b = re.findall(r"\d+", question.evaluate("e => e.labels[0].textContent"))[:2]
        question.fill(str(int(a) + int(b)))
        page.get_by_role("button", name=gettext("Send my complaint")).click()
    expect(page).to_have_url(re.compile(rf"/{language}/complaint/sent/[^/]+/$"))
    assert Case.objects.get().subject == "Facture payée en retard"
