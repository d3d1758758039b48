"""Pages for members and the public: no account, the case reached only through its private link."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accord.cases import assignments, services
from accord.cases.cycles import come_back_open, come_back_until, contest_open, contest_until, department_settlement
from accord.cases.links import case_from_token, member_link_expired, member_token
from accord.cases.models import (
    OUTCOME_BY_DEPARTMENT_MEMBER_TEXT,
    OUTCOME_MEMBER_TEXT,
    STATUS_MEMBER_TEXT,
    Case,
    Channel,
    Document,
    EventKind,
)
from accord.cases.offices import offices_active
from accord.cases.panels import member_panels
from accord.cases.permissions import MEMBER, can_use_member_link
from accord.cases.selectors import case_given
from accord.cases.workflow import StepInput, case_transition
from accord.core.contact import service_contact
from accord.core.errorpages import keeps_text_on_failure
from accord.core.errors import AccordError, TransitionNotAllowed
from accord.core.forms import add_service_error
from accord.core.http import client_ip_logged
from accord.public.forms import (
    ChallengeForm,
    ComeBackForm,
    ComplaintForm,
    ContestForm,
    MediatorChangeForm,
    MemberReplyForm,
    WithdrawForm,
)
from accord.public.limits import LimitReached, complaint_limit_check


def home(request):
    return render(request, "public/home.html", {"delays": settings.ACCORD_DELAYS, "offices": offices_active()})


def _limited(request, form, limit: LimitReached):
    """The form again with everything typed, why it was not sent, and a way on: a sum to do, other ways in."""
    answered = limit.answered
    context = {
        "form": form,
        "limited": True,
        "minutes": -(-limit.seconds_left // 60),
        "challenge": ChallengeForm.new() if limit.offer_challenge else None,
        "challenge_errors": answered.non_field_errors() if answered is not None and answered.errors else [],
        "had_attachments": bool(form.cleaned_data.get("attachments")),
        "contact": service_contact(),
    }
    response = render(request, "public/complaint_form.html", context, status=429)
    response["Retry-After"] = str(limit.seconds_left)
    return response


@keeps_text_on_failure(ComplaintForm, "subject", "description")
def complaint_new(request):
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES)
        if form.is_valid():
            # Only valid submissions count, so junk posts from a shared address close the form for nobody.
            limit = complaint_limit_check(request)
            if limit is not None:
                return _limited(request, form, limit)
            d = form.cleaned_data
            try:
                case = services.complaint_receive(
                    complainant=form.complainant(),
                    channel=Channel.WEB,
                    subject=d["subject"],
                    description=d["description"],
                    language=d["language"],
                    office=d["office"],
                    category=d["category"],
                    attachments=d["attachments"],
                )
            except AccordError as error:
                add_service_error(form, error)
            else:
                # Only this browser may see the confirmation page of this case.
                request.session["filed_case"] = case.pk
                return redirect("public:complaint_sent", reference=case.reference)
        return render(request, "public/complaint_form.html", {"form": form}, status=400)
    form = ComplaintForm(initial={"language": request.LANGUAGE_CODE, "office": settings.ACCORD_DEFAULT_OFFICE})
    return render(request, "public/complaint_form.html", {"form": form})


@never_cache
def complaint_sent(request, reference):
    case_id = request.session.get("filed_case")
    case = Case.objects.select_related("person").filter(pk=case_id, reference=reference).first()
    if case is None:
        raise Http404
    # The address typed on the form, never the record's: a mediator may since have moved the case
    # to another record ("same person"), whose details are not the submitter's to see.
    email = case_given(case=case).get("email", "")
    return render(
        request, "public/complaint_sent.html", {"case": case, "email": email, "delays": settings.ACCORD_DELAYS}
    )


def member_page_offers(case) -> frozenset[str]:
    """What the member's private page lets them do in the case's state: "reply" (the reply box),
    "withdraw", "contest" (the written answer, within ACCORD_CONTEST_DAYS), "come_back" (to Accord after the answer
    of the department the complaint was handed over to, within the same time) and "change_mediator" (ask for
    another mediator, while one holds the open case and no earlier request waits for a free one). The page,
    its POST views and every e-mail to the member (which may invite only what is offered) read it here, so an
    e-mail never promises a box the page does not show."""
    offers = {"reply", "withdraw"} if case.is_open else set()
    if contest_open(case):
        # From the written answer, for ACCORD_CONTEST_DAYS (also once closed): the member can ask us to look again.
        offers.add("contest")
    if come_back_open(case):
        # The department settled the complaint handed over to it: the member may bring it back to Accord.
        offers.add("come_back")
    if assignments.mediator_change_possible(case):
        offers.add("change_mediator")
    return frozenset(offers)


def _member_case(token):
    case = case_from_token(token)
    if case is None or member_link_expired(case):
        raise Http404
    return case


def member_link(view):
    """A member-link page: the member's alone (permissions.can_use_member_link), so a signed-in member
    of staff gets a page saying to use the staff pages, where what they do is recorded as themselves.
    Nothing of the case is read or shown to them, not even whether the link is valid."""

    @wraps(view)
    def wrapped(request, token, *args, **kwargs):
        if not can_use_member_link(request.user):
            # The language switcher links to the staff pages, not back to the member's link.
            context = {"canonical_path": reverse("cases:queue")}
            response = render(request, "public/link_staff.html", context, status=403)
            response["Referrer-Policy"] = "same-origin"
            return response
        return view(request, token, *args, **kwargs)

    return wrapped


# What each reason shown to the member explains: a reason is never read as the outcome's.
_DECISION_LABELS = {
    "refuse": gettext_lazy("Why your complaint could not be taken on"),
    "redirect": gettext_lazy("Redirected to the service concerned: why"),
    "reopen": gettext_lazy("Why the case was reopened"),
    "discontinue": gettext_lazy("Why the case was discontinued"),
    "withdraw": gettext_lazy("Withdrawal"),
    "hand_over": gettext_lazy("Handed over to the service concerned: why"),
    "handover_declined": gettext_lazy("Why the service concerned did not take it on"),
    "handover_take_back": gettext_lazy("Why your mediator took your complaint back"),
}


def _decisions_told_to_member(case):
    """The reasons given to the member for a refusal, a redirection, a reopening or an extension, each with
    what it explains (`label`)."""
    events = case.events.filter(kind__in=[EventKind.TRANSITION, EventKind.DEADLINE]).order_by("created_at", "id")
    decisions = []
    for event in events:
        if not event.data.get("reason") or event.data.get("reason") == "paused":
            continue
        if event.kind == EventKind.DEADLINE:
            event.label = _("Time limit extended")
        else:
            event.label = _DECISION_LABELS.get(event.data.get("transition"), _("Decision"))
        decisions.append(event)
    return decisions


def _member_page(
    request,
    case,
    token,
    *,
    reply_form=None,
    withdraw_form=None,
    contest_form=None,
    mediator_form=None,
    come_back_form=None,
    status=200,
):
    services.access_record(case=case, action="member_view", by_member=True, ip=client_ip_logged(request))
    context = {
        "case": case,
        "token": token,
        "canonical_path": reverse("public:member_case", kwargs={"token": token}),
        "status_text": STATUS_MEMBER_TEXT[case.status],
        "offers": member_page_offers(case),
        "decisions": _decisions_told_to_member(case),
        "messages_list": case.messages.prefetch_related("documents").order_by("created_at", "id"),
        "deadlines": case.deadlines.filter(cycle=case.cycle),
        # Settled by the department the complaint was handed over to: the outcome in the department's words.
        "outcome_text": (OUTCOME_BY_DEPARTMENT_MEMBER_TEXT if department_settlement(case) else OUTCOME_MEMBER_TEXT).get(
            case.outcome, ""
        ),
        "contest_until": contest_until(case),
        "come_back_until": come_back_until(case),
        "come_back_form": come_back_form or ComeBackForm(),
        "contest_form": contest_form or ContestForm(),
        "attachments": case.documents.filter(shared_with_member=True, message__isnull=True),
        "reply_form": reply_form or MemberReplyForm(),
        "withdraw_form": withdraw_form or WithdrawForm(),
        # What other apps tell the member (the departments asked…): cases/panels.py.
        "panels": member_panels(request, case),
        "mediator_form": mediator_form or MediatorChangeForm(),
        "mediator": case.assigned_to,
        # No mediator free (after a conflict of interest or the member's request): another body outside.
        "alternative": assignments.alternative_body(case.language) if case.no_mediator_since else None,
    }
    response = render(request, "public/member_case.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    # The link never leaves for another site; not "no-referrer", with which browsers send `Origin: null`
    # on the page's own forms and Django's CSRF check refuses the member's reply and withdrawal.
    response["Referrer-Policy"] = "same-origin"
    return response


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@member_link
def member_case(request, token):
    case = case_from_token(token)
    if case is None:
        return render(request, "public/link_invalid.html", status=404)
    if member_link_expired(case):
        # Nothing of the case is shown: whoever holds an old link only learns that it expired.
        context = {"token": token, "days": settings.ACCORD_MEMBER_LINK_DAYS_AFTER_END}
        return _private(render(request, "public/link_expired.html", context, status=410))
    return _member_page(request, case, token)


@never_cache
@require_POST
@member_link
def member_link_request(request, token):
    """The button "send me a new link" on an expired link (`services.link_renew_requested`: to the address on
    record, throttled). The answer is the same whatever happened: it confirms nothing about the
    link, the case or an address."""
    case = case_from_token(token)
    if case is not None:
        services.link_renew_requested(case=case)
    return _private(render(request, "public/link_requested.html"))


@never_cache
@require_POST
@member_link
@keeps_text_on_failure(MemberReplyForm, "body")
def member_reply(request, token):
    case = _member_case(token)
    form = MemberReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.member_message_add(
                case=case, body=form.cleaned_data["body"], attachments=form.cleaned_data["attachments"]
            )
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your message has been added to your case. Your mediator will read it."))
            return redirect("public:member_case", token=member_token(case))
    return _member_page(request, case, token, reply_form=form, status=400)


@never_cache
@require_POST
@member_link
def member_withdraw(request, token):
    case = _member_case(token)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            data = StepInput(withdrawal_reason=form.cleaned_data["reason"], withdrawal_note=form.cleaned_data["note"])
            case_transition(case=case, name="withdraw", actor=MEMBER, data=data)
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your complaint has been withdrawn."))
            return redirect("public:member_case", token=token)
    return _member_page(request, case, token, withdraw_form=form, status=400)


@never_cache
@require_POST
@member_link
@keeps_text_on_failure(ContestForm, "body")
def member_contest(request, token):
    """The member disagrees with the written answer, within their time: the case is looked at again."""
    case = _member_case(token)
    form = ContestForm(request.POST)
    if form.is_valid():
        try:
            case_transition(case=case, name="contest", actor=MEMBER, data=StepInput(message=form.cleaned_data["body"]))
        except AccordError as error:
            add_service_error(form, error)
            if "contest" not in member_page_offers(case):
                # The time has passed: the form is no longer on the page, so the reason is said at its top.
                messages.error(request, str(error))
        else:
            messages.success(
                request, _("Your disagreement has been added to your case: your mediator will look at it again.")
            )
            return redirect("public:member_case", token=token)
    return _member_page(request, case, token, contest_form=form, status=400)


@never_cache
@require_POST
@member_link
@keeps_text_on_failure(ComeBackForm, "body")
def member_come_back(request, token):
    """The department's answer to the complaint handed over to it does not satisfy the member: back to Accord."""
    case = _member_case(token)
    form = ComeBackForm(request.POST)
    if form.is_valid():
        try:
            data = StepInput(message=form.cleaned_data["body"])
            case_transition(case=case, name="come_back", actor=MEMBER, data=data)
        except AccordError as error:
            add_service_error(form, error)
            if "come_back" not in member_page_offers(case):
                messages.error(request, str(error))
        else:
            messages.success(request, _("Your complaint is back with Accord: your mediator will look into it."))
            return redirect("public:member_case", token=token)
    return _member_page(request, case, token, come_back_form=form, status=400)


@never_cache
@require_POST
@member_link
@keeps_text_on_failure(MediatorChangeForm, "reason")
def member_mediator_change(request, token):
    """The member asks for another mediator, with a reason (`assignments.mediator_change_request`)."""
    case = _member_case(token)
    form = MediatorChangeForm(request.POST)
    if form.is_valid():
        try:
            if "change_mediator" not in member_page_offers(case):
                raise TransitionNotAllowed(
                    _("Another mediator cannot be asked for now: your request is already being dealt with.")
                )
            case = assignments.mediator_change_request(case=case, reason=form.cleaned_data["reason"])
        except AccordError as error:
            add_service_error(form, error)
        else:
            if case.no_mediator_since is None:
                messages.success(
                    request,
                    _("Your case is now handled by another mediator, %(name)s.")
                    % {"name": case.assigned_to.get_full_name() or case.assigned_to.get_username()},
                )
            else:
                messages.warning(request, _("Your request is recorded, but no other mediator is free at the moment."))
            return redirect("public:member_case", token=token)
    return _member_page(request, case, token, mediator_form=form, status=400)


@never_cache
@member_link
def member_document(request, token, document_id):
    case = _member_case(token)
    document = Document.objects.filter(case=case, pk=document_id, shared_with_member=True).first()
    if document is None:
        raise Http404
    services.access_record(
        case=case,
        action="member_download",
        by_member=True,
        detail=document.original_name,
        ip=client_ip_logged(request),
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
