"""The API for partner systems (they file complaints: the "api" channel) and staff tools (they read cases).

Thin, like the staff pages: an input serializer validates, one service (or selector) acts, an
output serializer shapes the answer. Who may see what is decided in cases/permissions.py.
"""

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accord.accounts.models import Role
from accord.api.serializers import (
    CaseCreateInput,
    CaseDetailOutput,
    CaseListFilters,
    CaseSummaryOutput,
    ErrorOutput,
)
from accord.cases import services
from accord.cases.models import Channel
from accord.cases.permissions import can_see_summary, can_work_case
from accord.cases.selectors import QueueFilters, case_get_by_reference, case_queue
from accord.core.http import client_ip_logged

ERRORS = {
    code: OpenApiResponse(ErrorOutput, description=description)
    for code, description in (
        (400, "Validation error (`fields` says which)"),
        (401, "No or invalid credentials"),
        (403, "This account may not do this"),
        (404, "No such case, or not one this account may see"),
        (405, "Method not allowed here (the Allow header lists those that are)"),
        (406, "The Accept header asks for something other than JSON"),
        (415, "The body is not JSON (Content-Type: application/json)"),
        (429, "Too many cases filed: retry after the Retry-After header's seconds"),
    )
}


class CaseStaffOnly(BasePermission):
    """Intake accounts (staff and partner systems' service accounts) file and read back their own
    cases; mediators read. Administrators configure Accord and see no case."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.method == "POST":
            return user.role == Role.INTAKE
        return user.role in (Role.INTAKE, Role.MEDIATOR)


class CasesView(GenericAPIView):
    permission_classes = [CaseStaffOnly]
    throttle_scope = "api_case_create"
    serializer_class = CaseSummaryOutput

    def get_throttles(self):
        # Only filing is limited (per account, counted in the database cache that every web
        # process shares); reading is bounded by the pagination.
        return [ScopedRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        operation_id="cases_list",
        summary="The cases this account may see, the next deadline first",
        parameters=[CaseListFilters],
        responses={200: CaseSummaryOutput(many=True), **{k: ERRORS[k] for k in (400, 401, 403, 404, 405, 406)}},
    )
    def get(self, request):
        # A plain dict: DRF reads an empty value in a QueryDict as "absent", the schema does not.
        filters = CaseListFilters(data=request.query_params.dict())
        filters.is_valid(raise_exception=True)
        cases = case_queue(user=request.user, filters=QueueFilters(**filters.validated_data))
        page = self.paginate_queryset(cases.prefetch_related("deadlines"))
        # Every case whose content is returned is a read of that case (one INSERT for the page).
        services.access_record_many(
            cases=page, action="list", user=request.user, detail="api", ip=client_ip_logged(request)
        )
        return self.get_paginated_response(CaseSummaryOutput(page, many=True).data)

    @extend_schema(
        operation_id="cases_create",
        summary="File a complaint received by a partner system",
        description=(
            "Records the case on the `api` channel, recorded by this account, and sends the member the "
            "acknowledgement in the case's language. A member is recognised by their e-mail address only; "
            "a member number, phone or name that is on another person's record is kept on the case as a "
            "claim for a mediator to confirm, and no record's details are changed or shown. The answer's "
            "Location header is the case's address in this API."
        ),
        request=CaseCreateInput,
        responses={201: CaseSummaryOutput, **{k: ERRORS[k] for k in (400, 401, 403, 405, 406, 415, 429)}},
    )
    def post(self, request):
        data = CaseCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        complainant, case = data.validated_data["complainant"], data.validated_data["case"]
        user = request.user
        created = services.complaint_receive(
            complainant=complainant,
            channel=Channel.API,
            recorded_by=user,
            received_by=user.get_full_name() or user.username,
            **case,
        )
        location = request.build_absolute_uri(reverse("api:case", kwargs={"reference": created.reference}))
        return Response(CaseSummaryOutput(created).data, status=status.HTTP_201_CREATED, headers={"Location": location})


class CaseView(APIView):
    permission_classes = [CaseStaffOnly]

    @extend_schema(
        operation_id="cases_retrieve",
        summary="One case: its summary, and the complaint's text for mediators",
        description="Intake accounts get the summary of the cases they recorded; mediators also get `description`.",
        responses={200: CaseDetailOutput, **{k: ERRORS[k] for k in (401, 403, 404, 405, 406)}},
    )
    def get(self, request, reference):
        user = request.user
        case = case_get_by_reference(reference=reference)
        # A case this account may not see is answered as absent: references are sequential,
        # and a 403 would confirm that one exists.
        if case is None or not can_see_summary(user, case):
            raise NotFound()
        full = can_work_case(user, case)
        services.access_record(
            case=case, action="view" if full else "view_summary", user=user, detail="api", ip=client_ip_logged(request)
        )
        output = CaseDetailOutput if full else CaseSummaryOutput
        return Response(output(case).data)


class NotFoundView(APIView):
    """Every other address under the API answers 404 in the API's error shape, not an HTML page."""

    authentication_classes = []
    permission_classes = [AllowAny]
    schema = None

    def initial(self, request, *args, **kwargs):
        raise NotFound()
