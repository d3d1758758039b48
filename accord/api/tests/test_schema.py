"""The published schema is valid OpenAPI, in English, and says what the API does."""

import pytest
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from accord.api.tests.test_cases_api import CASES, assert_error, case_url, client_for, token_for
from accord.cases.models import Category

OPERATIONS = [("/api/v1/cases/", "get"), ("/api/v1/cases/", "post"), ("/api/v1/cases/{reference}/", "get")]


def published(language="nl"):
    response = APIClient().get("/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.json()


def test_schema_passes_openapi_spec_validator(db, billing):
    validate(published())


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_schema_is_in_english_whatever_the_request(db, language):
    schema = published(language)

    page = next(p for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"] if p["name"] == "page")
    assert page["description"] == "A page number within the paginated result set."
    assert "* `received` - Received" in schema["components"]["schemas"]["StatusEnum"]["description"]
    assert "Reçu" not in str(schema) and "Ontvangen" not in str(schema)


def test_schema_lists_every_error_the_api_answers(db):
    schema = published()
    for path, method in OPERATIONS:
        responses = schema["paths"][path][method]["responses"]
        expected = {"401", "403", "405", "406"} | ({"400", "415", "429"} if method == "post" else {"404"})
        assert expected <= set(responses), (method, path)
        for code in expected:
            assert responses[code]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorOutput"
            }


def test_schema_states_the_contact_rule(db):
    complainant = published()["components"]["schemas"]["ComplainantInputRequest"]

    assert {"email", "phone"}.isdisjoint(complainant.get("required", []))
    assert sorted(branch["required"] for branch in complainant["anyOf"]) == [["email"], ["phone"]]


def test_schema_lists_the_active_category_codes(db, billing):
    Category.objects.create(code="retired", name_fr="Ancienne", name_nl="Oud", name_en="Old", active=False)

    schemas = published()["components"]["schemas"]
    category = schemas["CaseInputRequest"]["properties"]["category"]
    assert category["nullable"] is True
    assert category["oneOf"] == [
        {"$ref": "#/components/schemas/CategoryEnum"},
        {"$ref": "#/components/schemas/NullEnum"},
    ]
    active = Category.objects.filter(active=True).order_by("code").values_list("code", flat=True)
    assert schemas["CategoryEnum"]["enum"] == list(active) and "billing" in active and "retired" not in active


def test_intake_and_mediator_retrieve_fit_the_declared_shape(ilse, maya, make_case, marie):
    case = make_case(marie, recorded_by=ilse)
    shape = published()["components"]["schemas"]["CaseDetailOutput"]
    assert "description" not in shape["required"]

    for user in (ilse, maya):
        body = client_for(user).get(case_url(case.reference)).json()
        assert set(shape["required"]) <= set(body) <= set(shape["properties"]), user
    assert "description" in client_for(maya).get(case_url(case.reference)).json()


def test_schema_states_the_description_cap(db, settings):
    description = published()["components"]["schemas"]["CaseInputRequest"]["properties"]["description"]
    assert description["maxLength"] == settings.ACCORD_DESCRIPTION_MAX_CHARS


def test_empty_query_values_are_refused_as_the_schema_says(maya):
    # The schema gives `status` a minLength of 1: an empty value is an error, not "all".
    response = client_for(maya).get(CASES, {"status": ""})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["status"]


def test_unsupported_media_and_accept_are_answered_in_the_shape(db):
    client = client_for(token=token_for("member-platform"))
    assert_error(
        client.post(CASES, data="a=b", content_type="application/x-www-form-urlencoded"), 415, "unsupported_media_type"
    )
    response = client.get(CASES, HTTP_ACCEPT="text/html")
    assert response.status_code == 406 and response.json()["error"]["code"] == "not_acceptable"
