"""Every case the API returns is a read of that case, in AccessLog: the list too, in one INSERT."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.api.services import api_token_create
from accord.cases.models import AccessLog
from accord.cases.services import conflict_declare
from accord.testing.auth import APIClient

CASES = "/api/v1/cases/"


def client_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user)}")
    return client


def test_the_case_list_records_a_read_of_each_case_it_returns(make_case, marie, jan, sarah, maya, ilse):
    shown = [make_case(marie), make_case(jan, channel="phone", recorded_by=ilse)]
    hidden = make_case(sarah)
    conflict_declare(case=hidden, user=maya, reason="Voisine.")
    response = client_for(maya).get(CASES, {"status": "all"})
    assert response.status_code == 200
    assert {c["reference"] for c in response.json()["results"]} == {c.reference for c in shown}
    rows = AccessLog.objects.filter(user=maya, action="list", detail="api")
    assert sorted(rows.values_list("case_id", flat=True)) == sorted(c.pk for c in shown)
    assert not AccessLog.objects.filter(case=hidden).exists()

    response = client_for(ilse).get(CASES, {"status": "all"})
    assert [c["reference"] for c in response.json()["results"]] == [shown[1].reference]
    assert list(AccessLog.objects.filter(user=ilse, action="list").values_list("case_id", flat=True)) == [shown[1].pk]


def test_the_list_is_traced_in_one_insert_whatever_the_number_of_cases(make_case, marie, maya):
    def inserts(client):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CASES, {"status": "all"}).status_code == 200
        return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("INSERT") and "access" in q["sql"]]

    client = client_for(maya)
    make_case(marie)
    assert len(inserts(client)) == 1
    for _ in range(6):
        make_case(marie)
    assert len(inserts(client)) == 1
    assert AccessLog.objects.filter(action="list").count() == 1 + 7
