"""The departments' pages: the liaison's requests, a request (question, what was shared, answers), and the
mediator's POSTs from the case page (ask, withdraw). Thin: permissions in permissions.py, writes in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.cases import services as case_services
from accord.cases.permissions import can_work_case
from accord.cases.views import case_action_run
from accord.core.errors import AccordError, NotFound
from accord.core.forms import add_service_error
from accord.core.http import client_ip_logged
from accord.departments import services
from accord.departments.forms import HeldReplyDecideForm, RequestAnswerForm, RequestAskForm, RequestWithdrawForm
from accord.departments.mail import held_reply_decide
from accord.departments.models import HeldReply, InformationRequest, RequestState
from accord.departments.permissions import (
    can_answer_request,
    is_liaison,
    request_documents_visible,
    requests_visible_to,
    require_request,
)


def _request_or_404(user, request_id) -> InformationRequest:
    request = InformationRequest.objects.select_related("case", "department", "asked_by").filter(pk=request_id).first()
    if request is None:
        raise NotFound()
    require_request(user, request)
    return request


@login_required
def home(request):
    """A liaison's requests: those addressed to their departments, waiting ones first."""
    if not is_liaison(request.user):
        raise NotFound()
    show = request.GET.get("show", "waiting")
    requests = (
        requests_visible_to(request.user).select_related("case", "department").order_by("state", "due_date", "id")
    )
    if show == "waiting":
        requests = requests.filter(state=RequestState.ASKED)
    requests = list(requests[:200])
    case_services.access_record_many(
        cases=[item.case for item in requests], action="request_list", user=request.user, ip=client_ip_logged(request)
    )
    return render(
        request,
        "departments/home.html",
        {"requests": requests, "show": show, "departments": request.user.liaisons.select_related("department")},
    )


def _request_page(request, item, *, form=None, status=200):
    user = request.user
    case_services.access_record(
        case=item.case, action="request_view", user=user, detail=str(item.pk), ip=client_ip_logged(request)
    )
    context = {
        "item": item,
        "shared_documents": item.shared_documents.all(),
        "shared_messages": item.shared_messages.order_by("created_at", "id"),
        "answers": item.answers.select_related("author").prefetch_related("documents"),
        "can_answer": can_answer_request(user, item) and item.state != RequestState.WITHDRAWN,
        "form": form or RequestAnswerForm(),
        "is_mediator": can_work_case(user, item.case),
    }
    return render(request, "departments/request.html", context, status=status)


@login_required
def request_detail(request, request_id):
    return _request_page(request, _request_or_404(request.user, request_id))


@login_required
@require_POST
def request_answer_view(request, request_id):
    item = _request_or_404(request.user, request_id)
    if not can_answer_request(request.user, item):
        raise NotFound()
    form = RequestAnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.request_answer(
                request=item, user=request.user, body=form.cleaned_data["body"], files=form.cleaned_data["attachments"]
            )
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer has been sent to the mediator."))
            return redirect("departments:request", request_id=item.pk)
    return _request_page(request, item, form=form, status=400)


@login_required
def request_document(request, request_id, document_id):
    """A document of a request: one shared with the department, or one of its answers'; anything else 404."""
    item = _request_or_404(request.user, request_id)
    document = request_documents_visible(request.user, item).filter(pk=document_id).first()
    if document is None:
        raise NotFound()
    case_services.access_record(
        case=item.case,
        action="request_download",
        user=request.user,
        detail=document.original_name,
        ip=client_ip_logged(request),
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
@require_POST
def request_ask_view(request, reference):
    return case_action_run(
        request,
        reference,
        lambda case, data: RequestAskForm(case, data),
        "request_ask",
        lambda case, d: services.request_ask(
            case=case,
            user=request.user,
            department=d["department"],
            question=d["question"],
            working_days=d["working_days"],
            documents=d["documents"],
            messages=d["messages"],
            show_to_member=d["show_to_member"],
        ),
        _("The department has been asked."),
    )


@login_required
@require_POST
def request_withdraw_view(request, request_id):
    item = _request_or_404(request.user, request_id)
    if not can_work_case(request.user, item.case):
        raise NotFound()
    form = RequestWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.request_withdraw(request=item, user=request.user, reason=form.cleaned_data["reason"])
        except AccordError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The request has been withdrawn; the department is told."))
    return redirect("cases:detail", reference=item.case.reference)


@login_required
@require_POST
def held_reply_decide_view(request, request_id, reply_id):
    """The mediator takes a held reply by e-mail as the department's answer, or sets it aside."""
    item = _request_or_404(request.user, request_id)
    held = HeldReply.objects.filter(pk=reply_id, request=item).first()
    if held is None or not can_work_case(request.user, item.case):
        raise NotFound()
    form = HeldReplyDecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with this e-mail."))
    else:
        try:
            held_reply_decide(held=held, user=request.user, decision=form.cleaned_data["decision"])
        except AccordError as error:
            messages.error(request, str(error))
        else:
            accepted = form.cleaned_data["decision"] == "accepted"
            messages.success(
                request,
                _("The e-mail is now the department's answer.") if accepted else _("The e-mail was set aside."),
            )
    return redirect("cases:detail", reference=item.case.reference)


# -- the panels on the case page and the member's page (registered in apps.py) -------------------


def _links():
    from django.db.models import Prefetch

    from accord.departments.models import ShareLink

    return Prefetch("links", queryset=ShareLink.objects.order_by("created_at", "id").prefetch_related("uses"))


def _held_replies():
    from django.db.models import Prefetch

    return Prefetch(
        "held_replies",
        queryset=HeldReply.objects.exclude(decision="accepted")
        .order_by("received_at", "id")
        .prefetch_related("documents", "decided_by"),
        to_attr="held_shown",
    )


def case_panel(request, case, forms):
    items = (
        InformationRequest.objects.filter(case=case)
        .select_related("department", "department__contact", "asked_by")
        .prefetch_related("answers__documents", "answers__author", "shared_documents", _links(), _held_replies())
        .order_by("-asked_at", "-id")
    )
    return {
        "case": case,
        "requests": items,
        "ask_form": forms.get("request_ask") or RequestAskForm(case),
        "withdraw_form": RequestWithdrawForm(),
    }


def member_panel(request, case):
    items = list(services.requests_for_member(case))
    if not items:
        return None
    return {"requests": items}
