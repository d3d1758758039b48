"""The dysfunctions' pages: the panel on the case page, each dysfunction's page, the list per department.

Thin: who may see is decided in dysfunctions.py ("Who may see"), every write is a service of dysfunctions.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.accounts.models import Role
from accord.cases.models import Department
from accord.cases.services import access_record, access_record_many
from accord.cases.views import case_action_run
from accord.core.errors import AccordError, NotFound
from accord.core.forms import add_service_error
from accord.core.http import client_ip_logged
from accord.departments import dysfunctions as service
from accord.departments.dysfunction_forms import STEP_FIELDS, DysfunctionForm, DysfunctionStepForm
from accord.departments.models import Dysfunction, DysfunctionState, DysfunctionStepKind


def case_panel(request, case, forms):
    """The case page's "Dysfunctions" panel (cases/panels.py): the case's dysfunctions and the form to record one."""
    return {
        "case": case,
        "dysfunctions": service.dysfunctions_of_case(case),
        "form": forms.get("dysfunction") or DysfunctionForm(prefix="dysfunction"),
    }


@login_required
@require_POST
def dysfunction_record_view(request, reference):
    return case_action_run(
        request,
        reference,
        lambda case, data: DysfunctionForm(data, prefix="dysfunction"),
        "dysfunction",
        lambda case, d: service.dysfunction_record(
            case=case,
            user=request.user,
            department=d["department"],
            title=d["title"],
            description=d["description"],
            category=d["category"],
            working_days=d["working_days"],
        ),
        _("Dysfunction recorded: the department's liaisons find it on their page."),
    )


def _dysfunction_or_404(request, dysfunction_id) -> Dysfunction:
    dysfunction = (
        Dysfunction.objects.select_related("case", "department", "category", "recorded_by")
        .filter(pk=dysfunction_id)
        .first()
    )
    return service.require_dysfunction(request.user, dysfunction)


def _detail(request, dysfunction, *, bound=None, status=200):
    user = request.user
    available = service.steps_available(dysfunction, user)
    forms = [bound if bound is not None and bound.kind == kind else DysfunctionStepForm(kind) for kind in available]
    access_record(
        case=dysfunction.case,
        action="view",
        user=user,
        detail=f"dysfunction {dysfunction.pk}",
        ip=client_ip_logged(request),
    )
    context = {
        "dysfunction": dysfunction,
        "steps": dysfunction.steps.select_related("author"),
        "forms": forms,
        "is_liaison": service.is_liaison(user),
        "labels": {kind: label for kind, label in DysfunctionStepKind.choices},
    }
    return render(request, "departments/dysfunction_detail.html", context, status=status)


@login_required
def dysfunction_detail(request, dysfunction_id):
    return _detail(request, _dysfunction_or_404(request, dysfunction_id))


@login_required
@require_POST
def dysfunction_step_view(request, dysfunction_id, kind):
    dysfunction = _dysfunction_or_404(request, dysfunction_id)
    if kind not in STEP_FIELDS:
        raise NotFound()
    form = DysfunctionStepForm(kind, request.POST)
    if form.is_valid():
        try:
            service.dysfunction_step(
                dysfunction=dysfunction,
                user=request.user,
                kind=kind,
                text=form.cleaned_data["text"],
                planned_for=form.cleaned_data.get("planned_for"),
                working_days=form.cleaned_data.get("working_days"),
            )
        except AccordError as error:
            if error.status in (403, 404):
                raise
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved: it is on the dysfunction's history and on the case."))
            return redirect("departments:dysfunction", dysfunction_id=dysfunction.pk)
    dysfunction.refresh_from_db()
    return _detail(request, dysfunction, bound=form, status=400)


@login_required
def dysfunction_list(request):
    user = request.user
    if user.role not in (Role.MEDIATOR, Role.LIAISON):
        raise NotFound()
    visible = service.dysfunctions_visible_to(user)
    filters = service.ListFilters(
        department=request.GET.get("department", ""),
        state=request.GET.get("state", "open" if user.role == Role.LIAISON else ""),
    )
    listed = service.dysfunctions_filtered(visible, filters).select_related("case", "department", "category")
    page = Paginator(listed.order_by("-recorded_at", "-id"), settings.ACCORD_QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # Each line names a case's dysfunction: a read of that case, as the queue's lines are (one INSERT).
    access_record_many(
        cases=[d.case for d in page], action="list", user=user, detail="dysfunctions", ip=client_ip_logged(request)
    )
    query = request.GET.copy()
    query.pop("page", None)
    department_ids = service.liaison_departments(user) if service.is_liaison(user) else None
    departments = (
        Department.objects.all() if department_ids is None else Department.objects.filter(pk__in=department_ids)
    )
    context = {
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "departments": departments,
        "states": DysfunctionState.choices,
        # Counts per department and state, over everything this user may see (not only this page's filters).
        "counts": service.dysfunction_counts(visible),
        "is_liaison": service.is_liaison(user),
    }
    return render(request, "departments/dysfunction_list.html", context)
