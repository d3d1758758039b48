"""Staff pages: thin. Read with selectors, write with services/workflow, show errors in the user's language."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accord.accounts.models import Role
from accord.cases import assignments, caselinks, deadlines, identity, parties, services
from accord.cases.cycles import contest_until, outcome_compliance_record
from accord.cases.forms import (
    AssignForm,
    CaseLinkEndForm,
    CaseLinkForm,
    ClaimForm,
    ClassifyForm,
    CoMediatorEndForm,
    CoMediatorForm,
    ComplianceForm,
    ConflictForm,
    ExtendForm,
    FileCompleteForm,
    IntakeForm,
    MessageForm,
    NoteForm,
    OfficeForm,
    PartyEndForm,
    PartyForm,
    PersonDetailsForm,
    StepForm,
    WaitLongerForm,
)
from accord.cases.models import Category, Channel, DeadlineKind, Document, OfficeCountry, Status
from accord.cases.offices import case_office_change
from accord.cases.panels import case_panels, queue_badges, step_initial
from accord.cases.permissions import Actor, can_work_case, require_summary, require_work
from accord.cases.selectors import (
    QUEUE_SORT_DEFAULT,
    QueueFilters,
    case_assignments,
    case_claims_open,
    case_cycles,
    case_get_by_reference,
    case_given_details,
    case_parties,
    case_queue,
    case_timeline,
    mediators_active,
    person_other_cases,
    queue_sort,
)
from accord.cases.workflow import TRANSITIONS, StepInput, case_transition, transitions_available
from accord.core.errorpages import keeps_text_on_failure
from accord.core.errors import AccordError, NotFound, PermissionDenied
from accord.core.forms import add_service_error
from accord.core.http import client_ip_logged
from accord.people.models import Language


def _case_or_404(reference: str):
    # The same answer as for a case this user may not see (permissions.require_summary): the same
    # exception, so the same page, whether the reference exists or not.
    case = case_get_by_reference(reference=reference)
    if case is None:
        raise NotFound()
    return case


# The queue's columns: sort key (selectors.QUEUE_SORTS) -> header, and whether a narrow screen hides it.
_QUEUE_COLUMNS = {
    "reference": (gettext_lazy("Reference"), False),
    "complainant": (gettext_lazy("Complainant"), False),
    "subject": (gettext_lazy("Subject"), False),
    "status": (gettext_lazy("Status"), False),
    "deadline": (gettext_lazy("Next deadline"), False),
    "mediator": (gettext_lazy("Mediator"), True),
    "category": (gettext_lazy("Category"), True),
    "channel": (gettext_lazy("Channel"), True),
    "language": (gettext_lazy("Lang."), True),
}


def _queue_columns(query, sort_key: str, descending: bool) -> list[dict]:
    """Each header: its words, its aria-sort (the sorted column only), and the address that sorts by it: ascending,
    or the other way round for the column sorted now; the filters kept, from the first page."""
    columns = []
    for key, (label, optional) in _QUEUE_COLUMNS.items():
        current = key == sort_key
        link = query.copy()
        link["sort"] = f"-{key}" if current and not descending else key
        columns.append(
            {
                "key": key,
                "label": label,
                "optional": optional,
                "aria_sort": ("descending" if descending else "ascending") if current else "",
                "query": link.urlencode(),
            }
        )
    return columns


@login_required
def queue(request):
    if request.user.role in settings.ACCORD_ROLE_HOME:
        return redirect(settings.ACCORD_ROLE_HOME[request.user.role])
    if request.user.role == Role.ADMINISTRATOR:
        return render(request, "cases/admin_home.html")
    get = request.GET
    filters = QueueFilters(
        status=get.get("status", "open"),
        overdue=get.get("overdue") == "1",
        assignee=get.get("assignee", ""),
        category=get.get("category", ""),
        channel=get.get("channel", ""),
        language=get.get("language", ""),
        office=get.get("office", ""),
        q=get.get("q", ""),
        sort=get.get("sort", ""),
    )
    page = Paginator(case_queue(user=request.user, filters=filters), settings.ACCORD_QUEUE_PAGE_SIZE).get_page(
        get.get("page")
    )
    # The queue shows each case's subject and complainant: a read of each case listed (one INSERT).
    services.access_record_many(
        cases=page, action="list", user=request.user, detail="queue", ip=client_ip_logged(request)
    )
    queue_badges(page)
    query = get.copy()
    query.pop("page", None)
    sort_key, descending = queue_sort(filters.sort)
    context = {
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "columns": _queue_columns(query, sort_key, descending),
        "sort": "" if (sort_key, descending) == (QUEUE_SORT_DEFAULT, False) else ("-" if descending else "") + sort_key,
        "sorted_by": None if sort_key == QUEUE_SORT_DEFAULT and not descending else _QUEUE_COLUMNS[sort_key][0],
        "descending": descending,
        # An update of the table alone (htmx) also updates the count of filters on the folded filters' summary.
        "filters_oob": bool(request.headers.get("HX-Request")),
        "statuses": Status.choices,
        "channels": Channel.choices,
        "languages": Language.choices,
        "offices": OfficeCountry.choices,
        "categories": Category.objects.all(),
        "mediators": mediators_active(),
        "is_mediator": request.user.role == Role.MEDIATOR,
    }
    template = "cases/_queue_table.html" if request.headers.get("HX-Request") else "cases/queue.html"
    return render(request, template, context)


def _case_page(request, case, *, forms=None, status=200):
    user = request.user
    if not can_work_case(user, case):
        require_summary(user, case)
        services.access_record(case=case, action="view_summary", user=user, ip=client_ip_logged(request))
        return render(
            request,
            "cases/case_summary.html",
            {"case": case, "deadlines": case.deadlines.filter(cycle=case.cycle)},
            status=status,
        )
    services.access_record(case=case, action="view", user=user, ip=client_ip_logged(request))
    actor = Actor.for_user(user)
    forms = forms or {}
    steps = [
        {
            "transition": t,
            "form": forms.get(f"step:{t.name}") or StepForm(prefix=t.name, initial=step_initial(case, t.name)),
            # A step taken after its deadline passed asks for confirmation (workflow.Transition.confirm_late).
            "late": deadlines.late_deadline(case, t.confirm_late) if t.confirm_late else None,
        }
        for t in transitions_available(case, actor)
    ]
    waiting = case.deadlines.open().filter(kind=DeadlineKind.AWAITING_MEMBER).first() if case.paused_since else None
    context = {
        "case": case,
        "canonical_path": reverse("cases:detail", kwargs={"reference": case.reference}),
        "steps": steps,
        "timeline": case_timeline(case=case, user=user),
        # An e-mailed message carries its whole e-mail (quoted history folded on the page), not its raw bytes.
        "messages_list": case.messages.select_related("author", "inbound_email")
        .defer("inbound_email__raw", "inbound_email__body_html")
        .prefetch_related("documents"),
        "notes": case.notes.select_related("author"),
        "documents": case.documents.all(),
        "deadlines": case.deadlines.filter(cycle=case.cycle),
        "other_cases": person_other_cases(case=case, user=user),
        "claims": case_claims_open(case=case, user=user),
        "claim_form": forms.get("claim"),
        "given": case_given_details(case=case),
        "person_form": forms.get("person") or _person_form(case),
        "message_form": forms.get("message") or MessageForm(),
        "note_form": forms.get("note") or NoteForm(),
        "assign_form": forms.get("assign") or AssignForm(initial={"mediator": case.assigned_to_id}),
        "classify_form": forms.get("classify")
        or ClassifyForm(initial={"category": case.category_id, "department": case.department_id}),
        "office_form": forms.get("office") or OfficeForm(initial={"office": case.office.code if case.office else None}),
        "conflict_form": forms.get("conflict") or ConflictForm(),
        "extend_form": forms.get("extend") or ExtendForm(),
        "can_extend": case.is_open and case.deadlines.open().filter(kind=DeadlineKind.OUTCOME).exists(),
        "can_mark_complete": case.is_open and not case.paused_since and not deadlines.admissibility_decided(case),
        "complete_form": forms.get("complete") or FileCompleteForm(initial={"on": timezone.localdate()}),
        "waiting": waiting,
        **case_cycles(case=case),
        "can_record_compliance": case.status == Status.CLOSED and bool(case.outcome),
        "compliance_form": forms.get("compliance") or ComplianceForm(initial={"on": timezone.localdate()}),
        "contest_until": contest_until(case),
        "wait_form": forms.get("wait")
        or WaitLongerForm(initial={"working_days": settings.ACCORD_DELAYS["awaiting_member_working_days"]}),
        "mediators": mediators_active(),
        # What other apps show on the case (departments' requests…): cases/panels.py.
        "panels": case_panels(request, case, forms),
        "parties": case_parties(case=case),
        "party_form": forms.get("party") or PartyForm(initial={"language": case.language}),
        "case_links": caselinks.case_links_shown(case=case, user=user),
        "link_form": forms.get("caselink") or CaseLinkForm(),
        "assignments": case_assignments(case=case),
        "comediator_form": forms.get("comediator") or CoMediatorForm(),
    }
    return render(request, "cases/case_detail.html", context, status=status)


def _person_form(case, data=None):
    person = case.person
    initial = {"name": person.name, "email": person.email, "phone": person.phone, "member_number": person.member_number}
    return PersonDetailsForm(data, initial=initial, country=case.office_country)


@login_required
def case_detail(request, reference):
    return _case_page(request, _case_or_404(reference))


def case_action_run(request, reference, form_class, key, action, success):
    """Run one staff action on a case: validate the form, call the service, come back to the case.
    `form_class` may be a callable of (case, data) building the bound form."""
    case = _case_or_404(reference)
    require_work(request.user, case)
    if isinstance(form_class, type):
        form = form_class(
            request.POST, request.FILES, **({"prefix": key.split(":", 1)[1]} if key.startswith("step:") else {})
        )
    else:
        form = form_class(case, request.POST)
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, success)
            return redirect("cases:detail", reference=case.reference)
    return _case_page(request, case_get_by_reference(reference=reference), forms={key: form}, status=400)


@login_required
@require_POST
def case_step(request, reference, name):
    if name in TRANSITIONS and TRANSITIONS[name].panel:
        # Taken through its app's own form and service (the hand-over's), which keeps its record in step.
        raise NotFound()

    def action(case, data):
        case_transition(
            case=case,
            name=name,
            actor=Actor.for_user(request.user),
            data=StepInput(
                message=data["message"],
                reason=data["reason"],
                ground=data["ground"],
                outcome=data["outcome"],
                department=data["department"],
                attachments=data["attachments"],
                late_confirmed=data["late_confirmed"],
                withdrawal_reason=data["withdrawal_reason"],
                withdrawal_note=data["withdrawal_note"],
                member_request=data["member_request"],
            ),
        )

    return case_action_run(request, reference, StepForm, f"step:{name}", action, _("Done."))


@login_required
@require_POST
@keeps_text_on_failure(MessageForm, "body")
def case_message(request, reference):
    return case_action_run(
        request,
        reference,
        MessageForm,
        "message",
        lambda case, d: services.staff_message_send(
            case=case, user=request.user, body=d["body"], attachments=d["attachments"]
        ),
        _("Your message has been sent to the member."),
    )


@login_required
@require_POST
@keeps_text_on_failure(NoteForm, "body")
def case_note(request, reference):
    return case_action_run(
        request,
        reference,
        NoteForm,
        "note",
        lambda case, d: services.note_add(case=case, user=request.user, body=d["body"], attachments=d["attachments"]),
        _("Note added."),
    )


@login_required
@require_POST
def case_assign(request, reference):
    return case_action_run(
        request,
        reference,
        AssignForm,
        "assign",
        lambda case, d: services.case_assign(case=case, user=request.user, mediator=d["mediator"]),
        _("Assignment saved."),
    )


@login_required
@require_POST
def case_classify(request, reference):
    return case_action_run(
        request,
        reference,
        ClassifyForm,
        "classify",
        lambda case, d: services.case_classify(
            case=case, user=request.user, category=d["category"], department=d["department"]
        ),
        _("Category and department saved."),
    )


@login_required
@require_POST
def case_office(request, reference):
    return case_action_run(
        request,
        reference,
        OfficeForm,
        "office",
        lambda case, d: case_office_change(case=case, user=request.user, office=d["office"]),
        _("Office changed: the time limits follow its calendar and the member has been told."),
    )


@login_required
@require_POST
def case_extend(request, reference):
    return case_action_run(
        request,
        reference,
        ExtendForm,
        "extend",
        lambda case, d: services.outcome_deadline_extend(
            case=case, user=request.user, days=d["days"], reason=d["reason"]
        ),
        _("The time limit has been extended and the member told why."),
    )


@login_required
@require_POST
def case_file_complete(request, reference):
    return case_action_run(
        request,
        reference,
        FileCompleteForm,
        "complete",
        lambda case, d: services.file_complete_mark(case=case, user=request.user, on=d["on"]),
        _("The file is recorded as complete: the outcome time limit will run from that day."),
    )


@login_required
@require_POST
def case_compliance(request, reference):
    return case_action_run(
        request,
        reference,
        ComplianceForm,
        "compliance",
        lambda case, d: outcome_compliance_record(
            case=case, user=request.user, compliance=d["compliance"], on=d["on"], note=d["note"]
        ),
        _("Compliance with the outcome recorded."),
    )


@login_required
@require_POST
def case_wait_longer(request, reference):
    return case_action_run(
        request,
        reference,
        WaitLongerForm,
        "wait",
        lambda case, d: services.awaiting_wait_longer(case=case, user=request.user, working_days=d["working_days"]),
        _("The member has more time to answer."),
    )


@login_required
@require_POST
def case_link_renew(request, reference):
    case = _case_or_404(reference)
    services.link_renew(case=case, user=request.user)
    messages.success(request, _("The old link no longer works; a new one has been sent to the member."))
    return redirect("cases:detail", reference=case.reference)


@login_required
@require_POST
@never_cache
def case_letter(request, reference):
    """The acknowledgement letter to post, as a PDF with a fresh private link (services.acknowledgement_letter_print):
    the one staff answer that holds a member's link, so it is never stored (no-store) and made only by this POST."""
    case, pdf = services.acknowledgement_letter_print(case=_case_or_404(reference), user=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case.reference}-acknowledgement.pdf"'
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def case_claim_same(request, reference, claim_id):
    return case_action_run(
        request,
        reference,
        ClaimForm,
        "claim",
        lambda case, d: identity.claim_confirm(case=case, claim_id=claim_id, user=request.user),
        _("Same person: the case is now on that person's record, and a new private link has been sent to them."),
    )


@login_required
@require_POST
def case_claim_dismiss(request, reference, claim_id):
    return case_action_run(
        request,
        reference,
        ClaimForm,
        "claim",
        lambda case, d: identity.claim_dismiss(case=case, claim_id=claim_id, user=request.user),
        _("Not the same person: the claim is dismissed."),
    )


@login_required
@require_POST
def case_person_details(request, reference):
    return case_action_run(
        request,
        reference,
        lambda case, data: _person_form(case, data),
        "person",
        lambda case, d: identity.person_details_change(case=case, user=request.user, **d),
        _("Contact details saved. The address on record before the change, if there was one, has been told."),
    )


@login_required
@require_POST
def case_conflict(request, reference):
    case = _case_or_404(reference)
    require_work(request.user, case)
    form = ConflictForm(request.POST)
    if form.is_valid():
        case = services.conflict_declare(case=case, user=request.user, reason=form.cleaned_data["reason"])
        if case.no_mediator_since is not None:
            messages.warning(
                request,
                _(
                    "Your conflict of interest is recorded. No other mediator is free: the case is flagged in the "
                    "queue and the member has been told."
                ),
            )
        elif case.assigned_to is not None:
            messages.success(
                request,
                _("Your conflict of interest is recorded: you no longer see this case, which %(name)s now leads.")
                % {"name": case.assigned_to},
            )
        else:
            messages.success(request, _("Your conflict of interest is recorded: you no longer see this case."))
        return redirect("cases:queue")
    return _case_page(request, case, forms={"conflict": form}, status=400)


@login_required
@require_POST
def case_party_add(request, reference):
    return case_action_run(
        request,
        reference,
        PartyForm,
        "party",
        lambda case, d: parties.party_add(case=case, user=request.user, **d),
        _("Party added."),
    )


@login_required
@require_POST
def case_party_end(request, reference, party_id):
    return case_action_run(
        request,
        reference,
        PartyEndForm,
        "party",
        lambda case, d: parties.party_end(case=case, user=request.user, party_id=party_id),
        _("The party no longer takes part in the case (it stays on record)."),
    )


@login_required
@require_POST
def case_caselink_add(request, reference):
    return case_action_run(
        request,
        reference,
        CaseLinkForm,
        "caselink",
        lambda case, d: caselinks.case_link_add(
            case=case, user=request.user, other_reference=d["reference"], kind=d["kind"], note=d["note"]
        ),
        _("The cases are linked; both show the link."),
    )


@login_required
@require_POST
def case_caselink_end(request, reference, link_id):
    return case_action_run(
        request,
        reference,
        CaseLinkEndForm,
        "caselink",
        lambda case, d: caselinks.case_link_end(case=case, user=request.user, link_id=link_id),
        _("The link is removed from both cases (it stays on their timelines)."),
    )


@login_required
@require_POST
def case_comediator_add(request, reference):
    return case_action_run(
        request,
        reference,
        CoMediatorForm,
        "comediator",
        lambda case, d: assignments.comediator_add(case=case, user=request.user, mediator=d["mediator"]),
        _("Co-mediator added."),
    )


@login_required
@require_POST
def case_comediator_end(request, reference, mediator_id):
    return case_action_run(
        request,
        reference,
        CoMediatorEndForm,
        "comediator",
        lambda case, d: assignments.comediator_end(case=case, user=request.user, mediator_id=mediator_id),
        _("The co-mediation has ended."),
    )


@login_required
def document_download(request, reference, document_id):
    case = _case_or_404(reference)
    require_work(request.user, case)
    document = Document.objects.filter(case=case, pk=document_id).first()
    if document is None:
        raise NotFound()
    services.access_record(
        case=case, action="download", user=request.user, detail=document.original_name, ip=client_ip_logged(request)
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
@keeps_text_on_failure(IntakeForm, "subject", "description")
def intake_new(request):
    if request.user.role not in (Role.INTAKE, Role.MEDIATOR):
        raise PermissionDenied()
    if request.method == "POST":
        form = IntakeForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            d = form.cleaned_data
            try:
                case = services.complaint_receive(
                    complainant=form.complainant(),
                    channel=d["channel"],
                    subject=d["subject"],
                    description=d["description"],
                    language=d["language"],
                    office=d["office"],
                    received_at=d["received_at"],
                    recorded_by=request.user,
                    received_by=d["received_by"] or request.user.get_full_name(),
                    category=d["category"],
                    department=d["department"],
                    attachments=d["attachments"],
                )
            except AccordError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Complaint recorded as %(reference)s.") % {"reference": case.reference})
                if not case.person.email:
                    messages.warning(
                        request,
                        _(
                            "The member has no e-mail address: no e-mail reaches them, neither the reference nor "
                            "their link. Print the acknowledgement letter below and post it, or call them to give "
                            "the reference %(reference)s."
                        )
                        % {"reference": case.reference},
                    )
                return redirect("cases:detail", reference=case.reference)
    else:
        office = request.user.office.code if request.user.office_id else settings.ACCORD_DEFAULT_OFFICE
        form = IntakeForm(
            user=request.user,
            initial={
                "received_at": timezone.now(),
                "language": request.LANGUAGE_CODE,
                "received_by": request.user.get_full_name(),
                "office": office,
            },
        )
    return render(request, "cases/intake_form.html", {"form": form}, status=400 if request.method == "POST" else 200)
