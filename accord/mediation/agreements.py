"""The mediation agreement: drafted by a case's mediator, accepted by each party on its page, kept as a PDF,
its undertakings followed. The one writer of `Agreement`, `AgreementAcceptance` and `Undertaking`.

    draft ──propose──▶ proposed ──every party accepts──▶ accepted   (PDF kept, mediation ended settled)
      ▲                   │
      └──a party declines─┘  (its reason told to the mediators; acceptances of that version dropped)

Every step is a line on the case's timeline (`EventKind.MEDIATION`, actions `agreement_*`, `undertaking_*`).
Undertakings are followed like the departments' requests: a reminder `ACCORD_UNDERTAKING_REMINDER_DAYS`
before the date to the party that undertook, an overdue notice to it and the mediators the day after; each
once per date whatever the number of workers (conditional UPDATE on `reminded_for` / `overdue_for`).
Whether each was kept is the report's compliance figure (ADR Directive art. 7(2)(g)).
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accord.accounts.models import User
from accord.cases.documents import documents_attach
from accord.cases.models import PartyKind
from accord.cases.permissions import SYSTEM
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.mediation.models import (
    Agreement,
    AgreementAcceptance,
    AgreementState,
    Answer,
    AnswerVia,
    Mediation,
    MediationState,
    Participant,
    Undertaking,
)
from accord.mediation.permissions import can_lead_mediation
from accord.mediation.services import (
    MediationStepNotAllowed,
    _event,
    _lock,
    _party_label,
    _tell,
    _tell_mediators,
)

STYLESHEET = Path(__file__).parent / "templates" / "mediation" / "agreement" / "agreement.css"


def _parties_in(mediation: Mediation) -> list[Participant]:
    return [
        p for p in mediation.participants.select_related("party", "party__department") if p.answer == Answer.ACCEPTED
    ]


def agreement_draft(*, mediation: Mediation, user: User, summary: str, undertakings: list[dict]) -> Agreement:
    """Write (or rewrite) the draft: what was agreed, and each undertaking (`party`, `text`, `due_date`)."""
    summary = (summary or "").strip()
    with transaction.atomic():
        mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
        case = _lock(mediation.case)
        mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if mediation.state != MediationState.UNDER_WAY:
            raise MediationStepNotAllowed()
        agreement = Agreement.objects.filter(mediation=mediation).first()
        if agreement is not None and agreement.state != AgreementState.DRAFT:
            raise MediationStepNotAllowed()
        if not summary:
            raise ValidationFailed(_("Write what the parties agreed."))
        party_ids = {p.party_id for p in _parties_in(mediation)}
        lines = [u for u in undertakings if (u.get("text") or "").strip()]
        for line in lines:
            if line.get("party") is None or line["party"].pk not in party_ids or not line.get("due_date"):
                raise ValidationFailed(_("Each undertaking names a party of the mediation and a date."))
        if agreement is None:
            agreement = Agreement.objects.create(mediation=mediation, summary=summary, drafted_by=user)
        else:
            agreement.summary, agreement.drafted_by, agreement.drafted_at = summary, user, timezone.now()
            agreement.save(update_fields=["summary", "drafted_by", "drafted_at"])
            agreement.undertakings.all().delete()
        for line in lines:
            Undertaking.objects.create(
                agreement=agreement, party=line["party"], text=line["text"].strip(), due_date=line["due_date"]
            )
        _event(mediation, action="agreement_drafted", user=user, undertakings=len(lines))
    return agreement


def agreement_propose(*, agreement: Agreement, user: User) -> Agreement:
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().select_related("mediation").get(pk=agreement.pk)
        case = _lock(agreement.mediation.case)
        agreement.mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if agreement.state != AgreementState.DRAFT or agreement.mediation.state != MediationState.UNDER_WAY:
            raise MediationStepNotAllowed()
        agreement.state = AgreementState.PROPOSED
        agreement.proposed_at = timezone.now()
        agreement.save(update_fields=["state", "proposed_at"])
        _event(agreement.mediation, action="agreement_proposed", user=user)
        _tell(agreement.mediation, template="agreement_proposed", extra={"agreement": agreement})
    return agreement


def agreement_answer(
    *,
    agreement: Agreement,
    participant: Participant,
    accept: bool,
    via: str,
    user: User | None = None,
    reason: str = "",
    note: str = "",
) -> Agreement:
    """A party accepts the agreement as proposed, or declines it (back to the draft, its reason told)."""
    reason, note = (reason or "").strip(), (note or "").strip()
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().select_related("mediation").get(pk=agreement.pk)
        mediation = agreement.mediation
        case = _lock(mediation.case)
        mediation.case = case
        if via == AnswerVia.MEDIATOR:
            if user is None or not can_lead_mediation(user, case):
                raise PermissionDenied()
            if not note:
                raise ValidationFailed(_("Say how the party gave its answer (a phone call, a letter, an e-mail…)."))
        participant = Participant.objects.select_related("party").get(pk=participant.pk, mediation=mediation)
        if agreement.state != AgreementState.PROPOSED or participant.answer != Answer.ACCEPTED:
            raise MediationStepNotAllowed()
        if agreement.acceptances.filter(participant=participant).exists():
            raise MediationStepNotAllowed()
        actor_kind = "member" if via == AnswerVia.MEMBER_PAGE else ("staff" if user else "system")
        who = _party_label(participant.party)
        if not accept:
            agreement.state = AgreementState.DRAFT
            agreement.proposed_at = None
            agreement.save(update_fields=["state", "proposed_at"])
            agreement.acceptances.all().delete()
            _event(mediation, action="agreement_declined", user=user, actor_kind=actor_kind, who=who, via=via)
            _tell_mediators(
                mediation, template="agreement_declined", by=None, extra={"reason": reason, "party": participant.party}
            )
            return agreement
        AgreementAcceptance.objects.create(agreement=agreement, participant=participant, via=via, by=user, note=note)
        _event(mediation, action="agreement_accepted", user=user, actor_kind=actor_kind, who=who, via=via)
        if agreement.acceptances.count() == len(_parties_in(mediation)):
            _agreement_conclude(agreement)
    return agreement


def _agreement_conclude(agreement: Agreement) -> None:
    """Every party accepted: the PDF in the case's language is kept on the case (shared with the member), the
    mediation ends settled, everyone is told. In the caller's transaction."""
    mediation = agreement.mediation
    now = timezone.now()
    agreement.state = AgreementState.ACCEPTED
    agreement.accepted_at = now
    pdf = agreement_pdf(agreement)
    name = f"{_file_label(mediation.case.language)}-{mediation.case.reference}.pdf"
    [document] = documents_attach(
        case=mediation.case,
        files=[SimpleUploadedFile(name, pdf, content_type="application/pdf")],
        actor=SYSTEM,
        shared_with_member=True,
    )
    agreement.document = document
    agreement.save(update_fields=["state", "accepted_at", "document"])
    mediation.state = MediationState.ENDED
    mediation.settled = True
    mediation.ended_at = now
    mediation.save(update_fields=["state", "settled", "ended_at"])
    _event(mediation, action="agreement_concluded", user=None)
    _tell(mediation, template="agreement_concluded", extra={"agreement": agreement})
    _tell_mediators(mediation, template="agreement_concluded", by=None, extra={"agreement": agreement})


def _file_label(language: str) -> str:
    return {"fr": "accord-de-mediation", "nl": "bemiddelingsakkoord"}.get(language, "mediation-agreement")


# -- The PDF ----------------------------------------------------------------------------------------


def agreement_context(agreement: Agreement) -> dict:
    mediation = agreement.mediation
    case = mediation.case
    participants = _parties_in(mediation)
    for participant in participants:
        participant.party.case = case
    acceptances = {a.participant_id: a for a in agreement.acceptances.all()}
    from accord.mediation.permissions import case_mediator_ids

    return {
        "agreement": agreement,
        "mediation": mediation,
        "case": case,
        "participants": [(p, acceptances.get(p.pk)) for p in participants],
        "undertakings": list(agreement.undertakings.select_related("party", "party__department")),
        "mediators": list(User.objects.filter(pk__in=case_mediator_ids(case)).order_by("last_name", "first_name")),
        "office": case.office,
        "today": timezone.localdate(),
    }


def agreement_html(agreement: Agreement) -> str:
    with override(agreement.mediation.case.language):
        return render_to_string("mediation/agreement/agreement.html", agreement_context(agreement))


def agreement_pdf(agreement: Agreement) -> bytes:
    """The agreement as a PDF (A4), in the case's language. WeasyPrint is loaded only here."""
    from weasyprint import CSS, HTML

    return HTML(string=agreement_html(agreement)).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])


# -- Undertakings -----------------------------------------------------------------------------------


def undertaking_done(*, undertaking: Undertaking, via: str, user: User | None = None) -> Undertaking:
    """The party that undertook (or a case's mediator) says it is done."""
    with transaction.atomic():
        undertaking = (
            Undertaking.objects.select_for_update().select_related("agreement__mediation").get(pk=undertaking.pk)
        )
        mediation = undertaking.agreement.mediation
        case = _lock(mediation.case)
        mediation.case = case
        if via == "mediator" and (user is None or not can_lead_mediation(user, case)):
            raise PermissionDenied()
        if undertaking.agreement.state != AgreementState.ACCEPTED or undertaking.done_at is not None:
            raise MediationStepNotAllowed()
        undertaking.done_at, undertaking.done_by, undertaking.done_via = timezone.now(), user, via
        undertaking.save(update_fields=["done_at", "done_by", "done_via"])
        actor_kind = "member" if via == "member" else ("staff" if user else "system")
        _event(
            mediation,
            action="undertaking_done",
            user=user,
            actor_kind=actor_kind,
            who=_party_label(undertaking.party),
            text=undertaking.text[:200],
            late=undertaking.due_date < timezone.localdate(),
        )
    return undertaking


def _claim(undertaking_id: int, field: str, day) -> bool:
    return bool(
        Undertaking.objects.filter(pk=undertaking_id, done_at__isnull=True)
        .exclude(**{field: day})
        .update(**{field: day})
    )


def undertaking_notices_send(*, today=None) -> list[tuple[int, str]]:
    """Remind the party before its undertaking's date; once past it, tell the party and the mediators."""
    from accord.notifications.services import member_email_queue, staff_email_queue

    today = today or timezone.localdate()
    ahead = today + timedelta(days=settings.ACCORD_UNDERTAKING_REMINDER_DAYS)
    open_ones = Undertaking.objects.filter(agreement__state=AgreementState.ACCEPTED, done_at__isnull=True)
    sent = []
    for undertaking in open_ones.filter(due_date__lte=ahead).select_related("party", "agreement__mediation"):
        stage = "overdue" if undertaking.due_date < today else "reminder"
        field = "overdue_for" if stage == "overdue" else "reminded_for"
        with transaction.atomic():
            if not _claim(undertaking.pk, field, undertaking.due_date):
                continue
            mediation = undertaking.agreement.mediation
            case = mediation.case
            context = {"undertaking": undertaking, "mediation": mediation}
            party = undertaking.party
            if party.kind == PartyKind.COMPLAINANT and case.person.email:
                member_email_queue(case=case, template=f"undertaking_{stage}", context=context, automatic=True)
            elif party.kind == PartyKind.DEPARTMENT and party.department_id:
                from accord.departments.services import department_liaisons
                from accord.mediation.services import liaison_url

                participant = mediation.participants.get(party=party)
                for liaison in department_liaisons(party.department):
                    staff_email_queue(
                        user=liaison,
                        template=f"undertaking_{stage}",
                        context={**context, "page_url": liaison_url(participant, liaison.language)},
                    )
            if stage == "overdue":
                _tell_mediators(mediation, template="undertaking_overdue_mediator", by=None, extra=context)
            _event(
                mediation,
                action=f"undertaking_{stage}",
                user=None,
                who=_party_label(party),
                due_date=undertaking.due_date.isoformat(),
            )
            sent.append((undertaking.pk, stage))
    return sent
