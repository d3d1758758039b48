"""The mediation path's pages: the case page's panel and its POSTs (the case's mediators), the liaison's
proposals, and the member's answer (on their private link). Thin: who may is permissions.py, writes are
services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accord.cases import services as case_services
from accord.cases.views import case_action_run
from accord.core.errors import AccordError, NotFound
from accord.core.forms import add_service_error
from accord.core.http import client_ip_logged
from accord.departments.permissions import is_liaison
from accord.mediation import services
from accord.mediation.forms import (
    AgreementAnswerForm,
    AnswerRecordForm,
    AttendanceForm,
    ConfidentialNoteForm,
    MediationCloseForm,
    MediationProposeForm,
    MeetingCancelForm,
    MeetingForm,
    ParticipantAnswerForm,
)
from accord.mediation.framing import FRAMING_CRITERIA
from accord.mediation.models import Answer, AnswerVia, Mediation, MediationState
from accord.mediation.permissions import (
    can_lead_mediation,
    can_see_confidential,
    participants_for_liaison,
    require_liaison_participant,
)
from accord.public.views import _member_case, _member_page, member_link


def _step_then_back(request, step, success: str, back):
    """Run a one-button step (no form): its outcome said as a message, then back to the page it came from."""
    try:
        step()
    except AccordError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return back


def _file(document):
    """A kept document (the agreement's or the protocol's PDF) as a download."""
    from django.http import FileResponse

    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


# -- The case page's panel (registered in apps.py) --------------------------------------------------


def _mediations(case):
    return list(
        Mediation.objects.filter(case=case)
        .select_related("proposed_by", "ended_by")
        .prefetch_related("participants__party__department", "participants__answered_by")
        .order_by("-proposed_at", "-id")
    )


def case_panel(request, case, forms):
    mediations = _mediations(case)
    lead = can_lead_mediation(request.user, case)
    proposable = case.status in services.PROPOSABLE_STATUSES and not any(m.is_open for m in mediations)
    if not mediations and not (lead and proposable):
        return None
    latest = mediations[0] if mediations else None
    for mediation in mediations:
        for participant in mediation.participants.all():
            participant.party.case = case  # display_name reads the case: no query per party
    confidential = latest is not None and can_see_confidential(request.user, case)
    context = {
        "case": case,
        "mediations": mediations,
        "latest": latest,
        "lead": lead,
        "confidential": confidential,
        "propose_form": (forms.get("mediation_propose") or MediationProposeForm(case)) if lead and proposable else None,
        "criteria": FRAMING_CRITERIA,
    }
    if latest is not None and latest.is_open and lead:
        context["record_form"] = forms.get("mediation_record") or AnswerRecordForm(latest)
        context["close_form"] = forms.get("mediation_close") or MediationCloseForm()
    if latest is not None:
        context.update(agreement_context(request, latest, case, forms, lead=lead))
        context.update(choice_context(latest, forms if lead else None))
        context.update(external_context(latest, forms, lead=lead))
        context["meetings"] = _meetings_with_forms(latest, case, forms, lead=lead)
        if latest.is_open and lead:
            context["meeting_form"] = forms.get("meeting_schedule") or MeetingForm(case=case)
    if confidential:
        latest.case = case
        context["notes"] = services.notes_read(mediation=latest, user=request.user, ip=client_ip_logged(request))
        if latest.is_open:
            context["note_form"] = forms.get("mediation_note") or ConfidentialNoteForm(latest)
    return context


def _meetings_with_forms(mediation, case, forms, *, lead):
    from django.utils import timezone

    meetings = list(mediation.meetings.select_related("office").prefetch_related("attendance"))
    now = timezone.now()
    for meeting in meetings:
        meeting.mediation = mediation
        meeting.came = {a.participant_id: a.attended for a in meeting.attendance.all()}
        meeting.came_names = [p.party.display_name for p in mediation.participants.all() if meeting.came.get(p.pk)]
        if lead and meeting.state == "scheduled" and mediation.is_open:
            meeting.change_form = forms.get(f"meeting_change:{meeting.pk}") or MeetingForm(case=case, meeting=meeting)
            meeting.cancel_form = forms.get(f"meeting_cancel:{meeting.pk}") or MeetingCancelForm(
                prefix=f"cancel-{meeting.pk}"
            )
            if meeting.starts_at <= now:
                meeting.attendance_form = forms.get(f"attendance:{meeting.pk}") or AttendanceForm(
                    meeting, initial={"present": [str(k) for k, v in meeting.came.items() if v]}
                )
    return meetings


def _meeting_or_404(user, meeting_id):
    from accord.mediation.models import Meeting

    meeting = Meeting.objects.select_related("mediation", "mediation__case", "office").filter(pk=meeting_id).first()
    if meeting is None or not can_lead_mediation(user, meeting.mediation.case):
        raise NotFound()
    return meeting


@login_required
@require_POST
def meeting_schedule(request, mediation_id):
    mediation = _mediation_or_404(request.user, mediation_id)

    def action(case, d):
        services.meeting_schedule(
            mediation=mediation,
            user=request.user,
            kind=d["kind"],
            mode=d["mode"],
            starts_at=d.get("starts_at"),
            duration_minutes=d["duration_minutes"],
            office=d["office"],
            room=d["room"],
            video_url=d["video_url"],
            phone_note=d["phone_note"],
        )

    return case_action_run(
        request,
        mediation.case.reference,
        lambda case, data: MeetingForm(data, case=case),
        "meeting_schedule",
        action,
        _("The meeting is scheduled; the parties are sent the invitation."),
    )


@login_required
@require_POST
def meeting_change(request, meeting_id):
    meeting = _meeting_or_404(request.user, meeting_id)

    def action(case, d):
        services.meeting_change(
            meeting=meeting,
            user=request.user,
            kind=d["kind"],
            mode=d["mode"],
            starts_at=d.get("starts_at"),
            duration_minutes=d["duration_minutes"],
            office=d["office"],
            room=d["room"],
            video_url=d["video_url"],
            phone_note=d["phone_note"],
        )

    return case_action_run(
        request,
        meeting.mediation.case.reference,
        lambda case, data: MeetingForm(data, case=case, meeting=meeting),
        f"meeting_change:{meeting.pk}",
        action,
        _("The meeting is changed; the parties are sent the updated invitation."),
    )


@login_required
@require_POST
def meeting_cancel(request, meeting_id):
    meeting = _meeting_or_404(request.user, meeting_id)
    return case_action_run(
        request,
        meeting.mediation.case.reference,
        lambda case, data: MeetingCancelForm(data, prefix=f"cancel-{meeting.pk}"),
        f"meeting_cancel:{meeting.pk}",
        lambda case, d: services.meeting_cancel(meeting=meeting, user=request.user, reason=d["reason"]),
        _("The meeting is cancelled; the parties are told."),
    )


@login_required
@require_POST
def meeting_attendance(request, meeting_id):
    meeting = _meeting_or_404(request.user, meeting_id)
    return case_action_run(
        request,
        meeting.mediation.case.reference,
        lambda case, data: AttendanceForm(meeting, data),
        f"attendance:{meeting.pk}",
        lambda case, d: services.attendance_record(
            meeting=meeting, user=request.user, present=[int(pk) for pk in d["present"]]
        ),
        _("Attendance is recorded."),
    )


def _mediation_or_404(user, mediation_id, *, confidential=False) -> Mediation:
    mediation = Mediation.objects.select_related("case").filter(pk=mediation_id).first()
    if mediation is None:
        raise NotFound()
    allowed = can_see_confidential if confidential else can_lead_mediation
    if not allowed(user, mediation.case):
        raise NotFound()
    return mediation


@login_required
@require_POST
def propose(request, reference):
    return case_action_run(
        request,
        reference,
        lambda case, data: MediationProposeForm(case, data),
        "mediation_propose",
        lambda case, d: services.mediation_propose(
            case=case, user=request.user, purpose=d["purpose"], parties=list(d["parties"])
        ),
        _("The mediation is proposed; each party is asked for its consent."),
    )


@login_required
@require_POST
def answer_record(request, mediation_id):
    mediation = _mediation_or_404(request.user, mediation_id)

    def action(case, d):
        services.participant_answer(
            participant=d["participant"],
            accept=d["answer"] == "accept",
            via=AnswerVia.MEDIATOR,
            user=request.user,
            confidentiality=d["confidentiality"],
            reason=d["reason"],
            note=d["note"],
        )

    return case_action_run(
        request,
        mediation.case.reference,
        lambda case, data: AnswerRecordForm(mediation, data),
        "mediation_record",
        action,
        _("The party's answer is recorded."),
    )


@login_required
@require_POST
def close(request, mediation_id):
    mediation = _mediation_or_404(request.user, mediation_id)
    if mediation.state == MediationState.PROPOSED:
        writer, done = services.mediation_withdraw, _("The proposal is withdrawn; the parties are told.")
    else:
        writer, done = services.mediation_end, _("The mediation has ended; the parties are told.")
    return case_action_run(
        request,
        mediation.case.reference,
        MediationCloseForm,
        "mediation_close",
        lambda case, d: writer(mediation=mediation, user=request.user, reason=d["reason"]),
        done,
    )


@login_required
@require_POST
def note_add(request, mediation_id):
    mediation = _mediation_or_404(request.user, mediation_id, confidential=True)

    def action(case, d):
        party = d["party"].party if d["kind"] == "caucus" and d["party"] else None
        services.note_write(mediation=mediation, user=request.user, kind=d["kind"], body=d["body"], party=party)

    return case_action_run(
        request,
        mediation.case.reference,
        lambda case, data: ConfidentialNoteForm(mediation, data),
        "mediation_note",
        action,
        _("The note is kept in the mediation's confidential notes."),
    )


# -- The liaison's proposals --------------------------------------------------------------------------


def _others(participant):
    """Who else takes part, as the liaison may know it: the member and the departments, never a detail."""
    names = []
    for other in participant.mediation.participants.select_related("party", "party__department"):
        if other.pk == participant.pk:
            continue
        if other.party.kind == "complainant":
            names.append(_("the member who complains"))
        elif other.party.department_id:
            names.append(other.party.department.name)
        else:
            names.append(other.party.role or _("another party"))
    return names


@login_required
def liaison_list(request):
    items = list(
        participants_for_liaison(request.user)
        .select_related("mediation", "mediation__case", "party__department")
        .order_by("-mediation__proposed_at", "-id")[:200]
    )
    if not is_liaison(request.user):
        raise NotFound()
    case_services.access_record_many(
        cases=[p.mediation.case for p in items],
        action="mediation_list",
        user=request.user,
        ip=client_ip_logged(request),
    )
    return render(request, "mediation/liaison_list.html", {"items": items})


def _liaison_page(request, participant, *, form=None, agreement_form=None, status=200):
    case_services.access_record(
        case=participant.mediation.case,
        action="mediation_view",
        user=request.user,
        detail=str(participant.mediation_id),
        ip=client_ip_logged(request),
    )
    context = {
        "participant": participant,
        "mediation": participant.mediation,
        "others": _others(participant),
        "can_answer": participant.mediation.state == MediationState.PROPOSED and participant.answer == Answer.PENDING,
        "form": form or ParticipantAnswerForm(),
        "meetings": _meetings_for_party(participant.mediation, participant),
        "agreement": _party_agreement(participant),
        "agreement_form": agreement_form or AgreementAnswerForm(),
        "protocol": _protocol_for(participant),
    }
    return render(request, "mediation/liaison_proposal.html", context, status=status)


@login_required
def liaison_proposal(request, participant_id):
    participant = require_liaison_participant(request.user, participant_id)
    if request.method != "POST":
        return _liaison_page(request, participant)
    form = ParticipantAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.participant_answer(
                participant=participant,
                accept=form.cleaned_data["answer"] == "accept",
                via=AnswerVia.LIAISON,
                user=request.user,
                confidentiality=form.cleaned_data["confidentiality"],
                reason=form.cleaned_data["reason"],
            )
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer is recorded; the mediator is told."))
            return redirect("mediation:liaison", participant_id=participant.pk)
    return _liaison_page(request, participant, form=form, status=400)


# -- The member, on their private page ----------------------------------------------------------------

MEMBER_ANSWERED = {
    "accept": gettext_lazy("Thank you: you have accepted the mediation. Your mediator will contact you."),
    "decline": gettext_lazy("Your answer is recorded: no mediation. Your complaint goes on as before."),
}


def member_panel(request, case):
    participant = services.participant_for_member(case)
    if participant is None:
        return None
    mediation = participant.mediation
    return {
        "participant": participant,
        "mediation": mediation,
        "can_answer": mediation.state == MediationState.PROPOSED and participant.answer == Answer.PENDING,
        "form": getattr(request, "mediation_answer_form", None) or ParticipantAnswerForm(),
        "meetings": _meetings_for_party(mediation, participant),
        "agreement": _party_agreement(participant),
        "agreement_form": getattr(request, "agreement_answer_form", None) or AgreementAnswerForm(),
        **choice_context(mediation, request=request),
        "protocol": _protocol_for(participant),
    }


def _protocol_for(participant):
    from accord.mediation.protocol import protocol_for_party

    return protocol_for_party(participant)


def _meetings_for_party(mediation, participant):
    """The meetings a party is invited to (all of the mediation's, unless it declined), cancelled ones marked."""
    if participant.answer == Answer.DECLINED:
        return []
    meetings = list(mediation.meetings.select_related("office").order_by("starts_at", "id"))
    for meeting in meetings:
        meeting.mediation = mediation
    return meetings


@never_cache
@require_POST
@member_link
def member_answer(request, token):
    case = _member_case(token)
    participant = services.participant_for_member(case)
    if participant is None:
        raise NotFound()
    form = ParticipantAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.participant_answer(
                participant=participant,
                accept=form.cleaned_data["answer"] == "accept",
                via=AnswerVia.MEMBER_PAGE,
                confidentiality=form.cleaned_data["confidentiality"],
                reason=form.cleaned_data["reason"],
            )
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, MEMBER_ANSWERED[form.cleaned_data["answer"]])
            return redirect("public:member_case", token=token)
    request.mediation_answer_form = form
    return _member_page(request, case, token, status=400)


# -- The agreement ------------------------------------------------------------------------------------


def agreement_context(request, mediation, case, forms, *, lead):
    """The agreement part of the mediation panel (case page)."""
    from accord.mediation.forms import AgreementForm, AgreementRecordForm
    from accord.mediation.models import Agreement, AgreementState

    agreement = (
        Agreement.objects.filter(mediation=mediation)
        .prefetch_related("undertakings__party__department", "acceptances")
        .first()
    )
    context = {"agreement": agreement}
    if agreement is not None:
        for u in agreement.undertakings.all():
            u.party.case = case
        context["accepted_ids"] = {a.participant_id for a in agreement.acceptances.all()}
    if not lead:
        return context
    if mediation.state == MediationState.UNDER_WAY and (agreement is None or agreement.state == AgreementState.DRAFT):
        context["agreement_form"] = forms.get("agreement_save") or AgreementForm(mediation, agreement=agreement)
    if agreement is not None and agreement.state == AgreementState.PROPOSED:
        context["agreement_record_form"] = forms.get("agreement_record") or AgreementRecordForm(agreement)
    return context


def _agreement_or_404(user, agreement_id):
    from accord.mediation.models import Agreement

    agreement = Agreement.objects.select_related("mediation", "mediation__case").filter(pk=agreement_id).first()
    if agreement is None or not can_lead_mediation(user, agreement.mediation.case):
        raise NotFound()
    return agreement


@login_required
@require_POST
def agreement_save(request, mediation_id):
    from accord.mediation import agreements
    from accord.mediation.forms import AgreementForm
    from accord.mediation.models import Agreement

    mediation = _mediation_or_404(request.user, mediation_id)
    current = Agreement.objects.filter(mediation=mediation).first()
    return case_action_run(
        request,
        mediation.case.reference,
        lambda case, data: AgreementForm(mediation, data, agreement=current),
        "agreement_save",
        lambda case, d: agreements.agreement_draft(
            mediation=mediation, user=request.user, summary=d["summary"], undertakings=d["undertakings"]
        ),
        _("The draft agreement is saved. Propose it to the parties when it is ready."),
    )


@login_required
@require_POST
def agreement_propose(request, agreement_id):
    from accord.mediation import agreements

    agreement = _agreement_or_404(request.user, agreement_id)
    return _step_then_back(
        request,
        lambda: agreements.agreement_propose(agreement=agreement, user=request.user),
        _("The agreement is proposed; each party is asked to accept it."),
        redirect("cases:detail", reference=agreement.mediation.case.reference),
    )


@login_required
@require_POST
def agreement_record(request, agreement_id):
    from accord.mediation import agreements
    from accord.mediation.forms import AgreementRecordForm

    agreement = _agreement_or_404(request.user, agreement_id)
    return case_action_run(
        request,
        agreement.mediation.case.reference,
        lambda case, data: AgreementRecordForm(agreement, data),
        "agreement_record",
        lambda case, d: agreements.agreement_answer(
            agreement=agreement,
            participant=d["participant"],
            accept=d["answer"] == "accept",
            via=AnswerVia.MEDIATOR,
            user=request.user,
            reason=d["reason"],
            note=d["note"],
        ),
        _("The party's answer is recorded."),
    )


def _pdf_response(pdf: bytes, name: str):
    from django.http import HttpResponse

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def agreement_preview(request, agreement_id):
    """The agreement as it reads now (draft or proposed), in the case's language, for its mediators."""
    from accord.mediation import agreements

    agreement = _agreement_or_404(request.user, agreement_id)
    case_services.access_record(
        case=agreement.mediation.case, action="agreement_preview", user=request.user, ip=client_ip_logged(request)
    )
    return _pdf_response(agreements.agreement_pdf(agreement), f"{agreement.mediation.case.reference}.pdf")


@login_required
@require_POST
def undertaking_done(request, undertaking_id):
    from accord.mediation import agreements
    from accord.mediation.models import Undertaking

    undertaking = Undertaking.objects.select_related("agreement__mediation__case").filter(pk=undertaking_id).first()
    if undertaking is None or not can_lead_mediation(request.user, undertaking.agreement.mediation.case):
        raise NotFound()
    return _step_then_back(
        request,
        lambda: agreements.undertaking_done(undertaking=undertaking, via="mediator", user=request.user),
        _("The undertaking is marked done."),
        redirect("cases:detail", reference=undertaking.agreement.mediation.case.reference),
    )


def _party_agreement(participant):
    """The agreement as a party reads it on its page: once proposed (never the mediator's draft)."""
    from accord.mediation.models import Agreement, AgreementState

    agreement = (
        Agreement.objects.filter(mediation=participant.mediation_id)
        .exclude(state=AgreementState.DRAFT)
        .prefetch_related("undertakings__party__department", "acceptances")
        .first()
    )
    if agreement is None or participant.answer != Answer.ACCEPTED:
        return None
    agreement.mine = agreement.acceptances.filter(participant=participant).first()
    agreement.can_answer = agreement.state == AgreementState.PROPOSED and agreement.mine is None
    agreement.own = [u for u in agreement.undertakings.all() if u.party_id == participant.party_id]
    return agreement


@login_required
@require_POST
def liaison_agreement_answer(request, participant_id):
    from accord.mediation import agreements
    from accord.mediation.forms import AgreementAnswerForm

    participant = require_liaison_participant(request.user, participant_id)
    agreement = _party_agreement(participant)
    if agreement is None:
        raise NotFound()
    form = AgreementAnswerForm(request.POST)
    if form.is_valid():
        try:
            agreements.agreement_answer(
                agreement=agreement,
                participant=participant,
                accept=form.cleaned_data["answer"] == "accept",
                via=AnswerVia.LIAISON,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer is recorded; the mediator is told."))
            return redirect("mediation:liaison", participant_id=participant.pk)
    return _liaison_page(request, participant, agreement_form=form, status=400)


@login_required
@require_POST
def liaison_undertaking_done(request, participant_id, undertaking_id):
    from accord.mediation import agreements

    participant = require_liaison_participant(request.user, participant_id)
    agreement = _party_agreement(participant)
    undertaking = next((u for u in (agreement.own if agreement else []) if u.pk == undertaking_id), None)
    if undertaking is None:
        raise NotFound()
    return _step_then_back(
        request,
        lambda: agreements.undertaking_done(undertaking=undertaking, via="liaison", user=request.user),
        _("Thank you: the mediator sees that it is done."),
        redirect("mediation:liaison", participant_id=participant.pk),
    )


@login_required
def liaison_agreement_pdf(request, participant_id):
    """The accepted agreement's PDF, for the department's liaisons (the document kept on the case)."""

    participant = require_liaison_participant(request.user, participant_id)
    agreement = _party_agreement(participant)
    if agreement is None or agreement.document is None:
        raise NotFound()
    case_services.access_record(
        case=participant.mediation.case, action="agreement_download", user=request.user, ip=client_ip_logged(request)
    )
    return _file(agreement.document)


@never_cache
@require_POST
@member_link
def member_agreement_answer(request, token):
    from accord.mediation import agreements
    from accord.mediation.forms import AgreementAnswerForm

    case = _member_case(token)
    participant = services.participant_for_member(case)
    agreement = _party_agreement(participant) if participant else None
    if agreement is None:
        raise NotFound()
    form = AgreementAnswerForm(request.POST)
    if form.is_valid():
        try:
            agreements.agreement_answer(
                agreement=agreement,
                participant=participant,
                accept=form.cleaned_data["answer"] == "accept",
                via=AnswerVia.MEMBER_PAGE,
                reason=form.cleaned_data["reason"],
            )
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your answer is recorded; your mediator is told."))
            return redirect("public:member_case", token=token)
    request.agreement_answer_form = form
    return _member_page(request, case, token, status=400)


@never_cache
@require_POST
@member_link
def member_undertaking_done(request, token, undertaking_id):
    from accord.mediation import agreements

    case = _member_case(token)
    participant = services.participant_for_member(case)
    agreement = _party_agreement(participant) if participant else None
    undertaking = next((u for u in (agreement.own if agreement else []) if u.pk == undertaking_id), None)
    if undertaking is None:
        raise NotFound()
    return _step_then_back(
        request,
        lambda: agreements.undertaking_done(undertaking=undertaking, via="member"),
        _("Thank you: your mediator sees that it is done."),
        redirect("public:member_case", token=token),
    )


# -- The member's choice of a professional mediator ------------------------------------------------------


def choice_context(mediation, forms=None, request=None):
    from accord.mediation.choices import mediators_offered
    from accord.mediation.forms import ChoiceAnswerForm, MediatorChoiceForm

    choices = list(mediation.choices.select_related("mediator").order_by("-asked_at", "-id"))
    pending = next((c for c in choices if c.state == "pending"), None)
    context = {"choices": choices, "pending_choice": pending}
    if forms is not None and pending is not None:
        context["choice_answer_form"] = forms.get("choice_answer") or ChoiceAnswerForm()
    if request is not None and mediation.is_open and pending is None and mediators_offered(mediation).exists():
        context["choice_form"] = getattr(request, "mediator_choice_form", None) or MediatorChoiceForm(mediation)
    return context


@login_required
@require_POST
def choice_answer(request, choice_id):
    from accord.mediation import choices
    from accord.mediation.forms import ChoiceAnswerForm
    from accord.mediation.models import MediatorChoice

    choice = MediatorChoice.objects.select_related("mediation__case").filter(pk=choice_id).first()
    if choice is None or not can_lead_mediation(request.user, choice.mediation.case):
        raise NotFound()
    return case_action_run(
        request,
        choice.mediation.case.reference,
        lambda case, data: ChoiceAnswerForm(data),
        "choice_answer",
        lambda case, d: choices.choice_answer(
            choice=choice, user=request.user, agree=d["answer"] == "agree", reason=d["reason"]
        ),
        _("Your answer is recorded; the member is told."),
    )


@never_cache
@require_POST
@member_link
def member_choose(request, token):
    from accord.mediation import choices
    from accord.mediation.forms import MediatorChoiceForm

    case = _member_case(token)
    participant = services.participant_for_member(case)
    if participant is None:
        raise NotFound()
    form = MediatorChoiceForm(participant.mediation, request.POST)
    if form.is_valid():
        try:
            choices.choice_ask(
                mediation=participant.mediation, mediator=form.cleaned_data["mediator"], note=form.cleaned_data["note"]
            )
        except AccordError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your request is sent to your mediator, who will answer you."))
            return redirect("public:member_case", token=token)
    request.mediator_choice_form = form
    return _member_page(request, case, token, status=400)


# -- A professional mediator brought in ---------------------------------------------------------------------


def external_context(mediation, forms, *, lead):
    from accord.mediation.forms import ExternalForm

    externals = list(mediation.externals.select_related("mediator", "link").order_by("-added_at", "-id"))
    context = {"externals": externals}
    if lead and mediation.is_open and not any(e.ended_at is None for e in externals):
        context["external_form"] = forms.get("external_add") or ExternalForm(mediation)
    return context


def _external_or_404(user, external_id):
    from accord.mediation.models import ExternalMediator

    external = ExternalMediator.objects.select_related("mediation__case", "mediator").filter(pk=external_id).first()
    if external is None or not can_lead_mediation(user, external.mediation.case):
        raise NotFound()
    return external


@login_required
@require_POST
def external_add(request, mediation_id):
    from accord.mediation import external
    from accord.mediation.forms import ExternalForm

    mediation = _mediation_or_404(request.user, mediation_id)
    return case_action_run(
        request,
        mediation.case.reference,
        lambda case, data: ExternalForm(mediation, data),
        "external_add",
        lambda case, d: external.external_bring_in(
            mediation=mediation,
            user=request.user,
            mediator=d["mediator"],
            role=d["role"],
            consent_note=d["consent_note"],
        ),
        _("The professional mediator is brought in; their link is sent to them."),
    )


@login_required
@require_POST
def external_renew(request, external_id):
    from accord.mediation import external

    item = _external_or_404(request.user, external_id)
    return _step_then_back(
        request,
        lambda: external.external_link_renew(external=item, user=request.user),
        _("A new link is sent; the earlier one no longer opens."),
        redirect("cases:detail", reference=item.mediation.case.reference),
    )


@login_required
@require_POST
def external_end(request, external_id):
    from accord.mediation import external

    item = _external_or_404(request.user, external_id)
    return _step_then_back(
        request,
        lambda: external.external_end(external=item, user=request.user),
        _("Their part has ended; their link no longer opens."),
        redirect("cases:detail", reference=item.mediation.case.reference),
    )


# -- The mediation protocol --------------------------------------------------------------------------------


@never_cache
@require_POST
@member_link
def member_protocol_accept(request, token):
    from accord.mediation import protocol as protocols

    case = _member_case(token)
    participant = services.participant_for_member(case)
    item = protocols.protocol_for_party(participant) if participant else None
    if item is None:
        raise NotFound()
    return _step_then_back(
        request,
        lambda: protocols.protocol_accept(protocol=item, participant=participant, via=AnswerVia.MEMBER_PAGE),
        _("Your acceptance of the protocol is recorded."),
        redirect("public:member_case", token=token),
    )


@login_required
@require_POST
def liaison_protocol_accept(request, participant_id):
    from accord.mediation import protocol as protocols

    participant = require_liaison_participant(request.user, participant_id)
    item = protocols.protocol_for_party(participant)
    if item is None:
        raise NotFound()
    return _step_then_back(
        request,
        lambda: protocols.protocol_accept(
            protocol=item, participant=participant, via=AnswerVia.LIAISON, user=request.user
        ),
        _("Your acceptance of the protocol is recorded."),
        redirect("mediation:liaison", participant_id=participant.pk),
    )


@login_required
def liaison_protocol_pdf(request, participant_id):

    from accord.mediation import protocol as protocols

    participant = require_liaison_participant(request.user, participant_id)
    item = protocols.protocol_for_party(participant)
    if item is None or item.document is None:
        raise NotFound()
    case_services.access_record(
        case=participant.mediation.case, action="protocol_download", user=request.user, ip=client_ip_logged(request)
    )
    return _file(item.document)
