"""Every message the API can answer reads in Dutch for a Dutch request, not in French (Django falls back
to LANGUAGE_CODE's catalogue for a string Dutch lacks) nor in English."""

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.functional import Promise
from rest_framework import serializers
from rest_framework.throttling import ScopedRateThrottle

from accord.api.serializers import CaseCreateInput, CaseListFilters
from accord.api.tests.test_cases_api import CASES, case_url, client_for, complaint, token_for


def in_language(language, text):
    with translation.override(language):
        return str(text)


def field_messages(serializer):
    """Every error message template of every field of an input serializer, nested ones included."""
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            yield from field_messages(field)
        for code, message in field.error_messages.items():
            yield f"{name}.{code}", message
        for validator in field.validators:
            # Lazy translations only: DRF's length validators carry a formatted error_messages entry
            # (checked above), cached once evaluated.
            if isinstance(getattr(validator, "message", None), Promise):
                yield f"{name}.{type(validator).__name__}", validator.message


@pytest.mark.parametrize("serializer", [CaseCreateInput, CaseListFilters])
def test_every_validation_message_of_the_api_has_its_dutch_text(serializer):
    untranslated = [
        (where, in_language("nl", message))
        for where, message in field_messages(serializer())
        if in_language("nl", message) in (in_language("fr", message), in_language("en", message))
    ]
    assert untranslated == []


@pytest.fixture
def answers(anna, ilse, monkeypatch):
    """One request for each refusal DRF words itself, sent in the given language: their messages."""
    # Every POST counts: the fourth below is refused.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"api_case_create": "3/hour"})
    token = token_for("member-platform")

    def send(language):
        cache.clear()
        platform = client_for(token=token, language=language)
        responses = {
            "not_authenticated": client_for(language=language).get(CASES),
            "authentication_failed": client_for(token="0" * 40, language=language).get(CASES),
            "permission_denied": client_for(anna, language=language).get(CASES),
            "not_found": platform.get(case_url("ACC-2026-999999")),
            "method_not_allowed": platform.delete(CASES),
            "not_acceptable": platform.get(CASES, HTTP_ACCEPT="text/html"),
            "unsupported_media_type": platform.post(
                CASES, data="a=b", content_type="application/x-www-form-urlencoded"
            ),
            "parse_error": platform.post(CASES, data="{", content_type="application/json"),
            "invalid": platform.post(CASES, {"complainant": {}, "case": []}),
            "throttled": platform.post(CASES, complaint()),
        }
        messages = {}
        for code, response in responses.items():
            error = response.json()["error"]
            assert error["code"] == code, (code, response.status_code)
            messages[code] = [error["message"], *(m for ms in error.get("fields", {}).values() for m in ms)]
        return messages

    return send


def test_every_refusal_of_the_api_reads_in_dutch(answers):
    dutch, french, english = answers("nl"), answers("fr"), answers("en")

    for code in dutch:
        for nl, fr, en in zip(dutch[code], french[code], english[code], strict=True):
            assert nl not in (fr, en), code
