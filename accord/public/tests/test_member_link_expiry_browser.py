"""The expired-link page, its answer page and the NUL-byte page, in a real browser: axe-clean in every language,
and the button works without anything else to fill in (issue 6)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from accord.cases.links import member_token
from accord.cases.models import Case
from accord.cases.permissions import MEMBER
from accord.cases.workflow import StepInput, case_transition
from accord.core.tests.test_accessibility import LANGUAGES, assert_accessible, axe_violations
from accord.notifications.models import OutboundEmail

pytestmark = pytest.mark.browser


def test_the_expired_link_page_and_the_new_link_page_pass_axe_and_send_a_link(page, make_case, marie):
    results: list[str] = []
    for language in LANGUAGES:
        with time_machine.travel(timezone.now() - timedelta(days=200), tick=False):
            case = make_case(marie, language=language)
            case_transition(case=case, name="withdraw", actor=MEMBER, data=StepInput())
        page.goto(f"/{language}/my-case/{member_token(case)}/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        results += axe_violations(page, f"expired link {language}")
        page.locator("main button[type=submit]").click()
        expect(page.locator("h1")).to_be_visible()
        results += axe_violations(page, f"new link requested {language}")
        assert OutboundEmail.objects.filter(case=case, template="new_link", to=marie.email).count() == 1
        page.goto(f"/{language}/staff/cases/ACC%00/")
        results += axe_violations(page, f"NUL byte {language}")
    assert_accessible(results)
    assert Case.objects.count() == 3
