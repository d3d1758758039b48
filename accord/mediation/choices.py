"""The member chooses a professional mediator from the directory (seed 000 (d), Oxalis): the one writer of
`MediatorChoice`. The member asks from their private page while a mediation is proposed or under way; the
case's mediators are told and answer (agreed: the mediator contacts that mediator to lead or join the
mediation; declined: with a reason the member reads). Each step is a line on the timeline."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.mediation.models import ChoiceState, Mediation, Mediator, MediatorChoice
from accord.mediation.permissions import can_lead_mediation
from accord.mediation.services import MediationStepNotAllowed, _event, _lock, _tell_mediators


def mediators_offered(mediation: Mediation) -> QuerySet[Mediator]:
    """Who the member may choose: active entries accepting new cases that speak the case's language."""
    language = mediation.case.language
    return (
        Mediator.objects.filter(active=True, accepting_new_cases=True, **{f"speaks_{language}": True})
        .prefetch_related("regions")
        .order_by("last_name", "first_name", "pk")
    )


def choice_ask(*, mediation: Mediation, mediator: Mediator, note: str = "") -> MediatorChoice:
    with transaction.atomic():
        mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
        mediation.case = _lock(mediation.case)
        if not mediation.is_open:
            raise MediationStepNotAllowed()
        if mediation.choices.filter(state=ChoiceState.PENDING).exists():
            raise ValidationFailed(_("Your earlier request is waiting for your mediator's answer."))
        if not mediators_offered(mediation).filter(pk=mediator.pk).exists():
            raise ValidationFailed(_("Choose a mediator from the list."))
        choice = MediatorChoice.objects.create(mediation=mediation, mediator=mediator, note=(note or "").strip())
        _event(mediation, action="choice_asked", user=None, actor_kind="member", chosen=mediator.name)
        _tell_mediators(mediation, template="mediator_chosen", by=None, extra={"choice": choice})
    return choice


def choice_answer(*, choice: MediatorChoice, user: User, agree: bool, reason: str) -> MediatorChoice:
    from accord.notifications.services import member_email_queue

    reason = (reason or "").strip()
    with transaction.atomic():
        choice = MediatorChoice.objects.select_for_update().select_related("mediation", "mediator").get(pk=choice.pk)
        mediation = choice.mediation
        case = _lock(mediation.case)
        mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if choice.state != ChoiceState.PENDING:
            raise MediationStepNotAllowed()
        if not reason:
            raise ValidationFailed(_("Say why, in words the parties will read."))
        choice.state = ChoiceState.AGREED if agree else ChoiceState.DECLINED
        choice.answered_at, choice.answered_by, choice.answer_reason = timezone.now(), user, reason
        choice.save(update_fields=["state", "answered_at", "answered_by", "answer_reason"])
        _event(mediation, action=f"choice_{choice.state}", user=user, chosen=choice.mediator.name)
        if case.person.email:
            member_email_queue(
                case=case, template="mediator_choice_answered", context={"choice": choice}, automatic=True
            )
    return choice
