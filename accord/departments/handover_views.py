"""The hand-over's pages (handover.py): the liaison's hand-overs and one hand-over (the complaint, what was shared,
accept / decline / settle), the same through the department's link for a department without liaisons, and the
mediator's POSTs from the case page (hand over, take back). Thin: who may see in permissions.py, writes in
handover.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.cases import services as case_services
from accord.cases.models import Status
from accord.cases.permissions import can_work_case
from accord.cases.views import case_action_run
from accord.core.errorpages import keeps_text_on_failure
from accord.core.errors import AccordError, NotFound
from accord.core.forms import add_service_error
from accord.core.http import client_ip_logged
from accord.departments import handover
from accord.departments.handover_forms import (
    DEPARTMENT_STEP_FORMS,
    HandoverDeclineForm,
    HandoverSettleForm,
    HandoverStartForm,
    HandoverTakeBackForm,
)
from accord.departments.link_views import _refused, department_link_for
from accord.departments.models import Handover, HandoverState
from accord.departments.permissions import (
    can_answer_handover,
    handover_documents_visible,
    handover_open_to_department,
    handovers_visible_to,
    is_liaison,
    require_handover,
    share_link_documents,
)
from accord.departments.sharing import ShareLinkRefused, share_link_use_record, share_token


def _done(kind: str) -> str:
    return {
        "accept": _("You accepted the hand-over: answer the member by its due date."),
        "decline": _("You declined the hand-over: the mediator takes the complaint back."),
        "settle": _("Your answer was sent to the member and the complaint is settled."),
    }[kind]


def _handover_or_404(user, handover_id) -> Handover:
    item = (
        Handover.objects.select_related("case", "case__person", "department", "handed_by")
        .filter(pk=handover_id)
        .first()
    )
    if item is None:
        raise NotFound()
    require_handover(user, item)
    return item


def _department_context(item: Handover, forms: dict | None = None) -> dict:
    forms = forms or {}
    return {
        "item": item,
        "state": handover.handover_display_state(item),
        "open": handover_open_to_department(item),
        "decline_form": forms.get("decline") or HandoverDeclineForm(),
        "settle_form": forms.get("settle") or HandoverSettleForm(),
        "member_number": item.case.person.member_number,
    }


@login_required
def handovers(request):
    """A liaison's hand-overs: those to their departments, the ones still with them first."""
    if not is_liaison(request.user):
        raise NotFound()
    show = request.GET.get("show", "waiting")
    items = handovers_visible_to(request.user).select_related("case", "department").order_by("state", "due_date", "id")
    if show == "waiting":
        items = items.filter(
            state__in=[HandoverState.OFFERED, HandoverState.ACCEPTED], case__status=Status.WITH_DEPARTMENT
        )
    items = list(items[:200])
    case_services.access_record_many(
        cases=[item.case for item in items], action="handover_list", user=request.user, ip=client_ip_logged(request)
    )
    for item in items:
        item.display_state = handover.handover_display_state(item)
    return render(request, "departments/handover_list.html", {"handovers": items, "show": show})


def _page(request, item, *, forms=None, status=200):
    user = request.user
    case_services.access_record(
        case=item.case, action="handover_view", user=user, detail=str(item.pk), ip=client_ip_logged(request)
    )
    context = {
        **_department_context(item, forms),
        "shared_documents": item.shared_documents.all(),
        "can_answer": can_answer_handover(user, item),
        "is_mediator": can_work_case(user, item.case),
    }
    return render(request, "departments/handover.html", context, status=status)


@login_required
def handover_detail(request, handover_id):
    return _page(request, _handover_or_404(request.user, handover_id))


def _step_data(kind: str, form) -> dict:
    if kind == "decline":
        return {"reason": form.cleaned_data["reason"]}
    if kind == "settle":
        return {"answer": form.cleaned_data["answer"], "outcome": form.cleaned_data["outcome"]}
    return {}


_STEPS = {"accept": handover.handover_accept, "decline": handover.handover_decline, "settle": handover.handover_settle}


@login_required
@require_POST
def handover_step(request, handover_id, kind):
    item = _handover_or_404(request.user, handover_id)
    if kind not in DEPARTMENT_STEP_FORMS or not can_answer_handover(request.user, item):
        raise NotFound()
    form = DEPARTMENT_STEP_FORMS[kind](request.POST)
    if form.is_valid():
        try:
            _STEPS[kind](handover=item, user=request.user, **_step_data(kind, form))
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _done(kind))
            return redirect("departments:handover", handover_id=item.pk)
    return _page(request, item, forms={kind: form}, status=400)


@login_required
def handover_document(request, handover_id, document_id):
    """A document the mediator shared with the department; anything else 404."""
    item = _handover_or_404(request.user, handover_id)
    document = handover_documents_visible(request.user, item).filter(pk=document_id).first()
    if document is None:
        raise NotFound()
    case_services.access_record(
        case=item.case,
        action="handover_download",
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


# -- The mediator's side, from the case page ---------------------------------------------------------------


@login_required
@require_POST
@keeps_text_on_failure(HandoverStartForm, "reason", "consent_note", "note")
def handover_start_view(request, reference):
    return case_action_run(
        request,
        reference,
        lambda case, data: HandoverStartForm(case, data),
        "handover_start",
        lambda case, d: handover.handover_start(
            case=case,
            user=request.user,
            department=d["department"],
            consent=d["consent"],
            consent_note=d["consent_note"],
            reason=d["reason"],
            note=d["note"],
            working_days=d["working_days"],
            documents=d["documents"],
        ),
        _("The complaint has been handed over to the department; the member is told."),
    )


@login_required
@require_POST
def handover_take_back_view(request, handover_id):
    item = _handover_or_404(request.user, handover_id)
    if not can_work_case(request.user, item.case):
        raise NotFound()
    return case_action_run(
        request,
        item.case.reference,
        HandoverTakeBackForm,
        "handover_take_back",
        lambda case, d: handover.handover_take_back(handover=item, user=request.user, reason=d["reason"]),
        _("The complaint is back with Accord; the member and the department are told."),
    )


# -- The department's link (no account): the same page and steps, for a department without liaisons ---------

handover_link = department_link_for(handover.HANDOVER)


def _link_page(request, link, *, forms=None, status=200):
    share_link_use_record(link=link, action="view", ip=client_ip_logged(request))
    token = share_token(link)
    context = {
        **_department_context(link.handover, forms),
        "link": link,
        "token": token,
        "canonical_path": reverse("handover_link:page", kwargs={"token": token}),
        "shared_documents": share_link_documents(link),
        "can_answer": True,
    }
    return render(request, "departments/handover_link_page.html", context, status=status)


@handover_link
def link_page(request, link):
    return _link_page(request, link)


@require_POST
@handover_link
@keeps_text_on_failure(HandoverSettleForm, "answer")
def link_step(request, link, kind):
    if kind not in DEPARTMENT_STEP_FORMS:
        raise Http404
    form = DEPARTMENT_STEP_FORMS[kind](request.POST)
    if form.is_valid():
        try:
            handover.handover_link_step(link=link, kind=kind, ip=client_ip_logged(request), **_step_data(kind, form))
        except ShareLinkRefused as refused:
            return _refused(request, link, refused.reason)
        except AccordError as error:
            add_service_error(form, error)
        else:
            if kind == "accept":
                messages.success(request, _done(kind))
                return redirect("handover_link:page", token=share_token(link))
            return render(
                request, "departments/handover_link_done.html", {"kind": kind, "canonical_path": request.path}
            )
    return _link_page(request, link, forms={kind: form}, status=400)


@handover_link
def link_document(request, link, document_id):
    document = share_link_documents(link).filter(pk=document_id).first()
    if document is None:
        raise Http404
    share_link_use_record(link=link, action="download", ip=client_ip_logged(request), detail=document.original_name)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


# -- The panels on the case page and the member's page (registered in apps.py) -----------------------------


def case_panel(request, case, forms):
    from django.db.models import Prefetch

    from accord.departments.models import ShareLink

    items = list(
        Handover.objects.filter(case=case)
        .select_related("department", "handed_by", "decided_by")
        .prefetch_related(
            "shared_documents", Prefetch("links", queryset=ShareLink.objects.order_by("created_at", "id"))
        )
        .order_by("-handed_at", "-id")
    )
    for item in items:
        item.case = case
        item.display_state = handover.handover_display_state(item)
    can_start = case.status in (Status.RECEIVED, Status.ACKNOWLEDGED)
    if not items and not can_start:
        return None
    return {
        "case": case,
        "handovers": items,
        "can_start": can_start,
        "start_form": forms.get("handover_start") or HandoverStartForm(case),
        "take_back_form": forms.get("handover_take_back") or HandoverTakeBackForm(),
    }


def member_panel(request, case):
    item = handover.handover_current(case)
    if item is None:
        return None
    item.case = case
    return {"handover": item, "state": handover.handover_display_state(item)}
