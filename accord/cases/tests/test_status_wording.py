"""The member's wording of each status lives beside the statuses (issue 7: one place per rule)."""

from django.utils import translation

from accord.cases.models import ENDED_STATUSES, OPEN_STATUSES, STATUS_MEMBER_TEXT, Status
from accord.cases.workflow import OPEN


def test_every_status_has_its_members_wording_in_three_languages():
    assert set(STATUS_MEMBER_TEXT) == set(Status)
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            texts = {str(text) for text in STATUS_MEMBER_TEXT.values()}
        assert len(texts) == len(Status), language


def test_open_and_ended_statuses_are_defined_once_and_cover_every_status():
    assert OPEN_STATUSES | ENDED_STATUSES == set(Status)
    assert not OPEN_STATUSES & ENDED_STATUSES
    assert set(OPEN) == OPEN_STATUSES
