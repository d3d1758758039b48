"""The mediation protocol (Belgian Code judiciaire art. 1731), when a professional mediator leads: the one
writer of `Protocol` and `ProtocolAcceptance`. Made when the mediator is brought in to lead (external.py): its PDF
in the case's language (WeasyPrint, `templates/mediation/protocol/`) is kept on the case and shared with the
member; each party that accepted the mediation accepts the protocol on its page (or a case's mediator records
it, saying how); once all have, it is accepted and the mediators are told. Each step is on the timeline."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from accord.accounts.models import User
from accord.cases.documents import documents_attach
from accord.cases.permissions import SYSTEM
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.mediation.models import Answer, AnswerVia, ExternalMediator, Participant, Protocol, ProtocolAcceptance
from accord.mediation.permissions import can_lead_mediation
from accord.mediation.services import MediationStepNotAllowed, _event, _lock, _party_label, _tell, _tell_mediators

STYLESHEET = Path(__file__).parent / "templates" / "mediation" / "agreement" / "agreement.css"


def _parties(mediation) -> list[Participant]:
    return [
        p for p in mediation.participants.select_related("party", "party__department") if p.answer != Answer.DECLINED
    ]


def protocol_html(external: ExternalMediator) -> str:
    mediation = external.mediation
    case = mediation.case
    parties = _parties(mediation)
    for participant in parties:
        participant.party.case = case
    with override(case.language):
        return render_to_string(
            "mediation/protocol/protocol.html",
            {
                "external": external,
                "mediator": external.mediator,
                "mediation": mediation,
                "case": case,
                "participants": parties,
                "office": case.office,
                "today": timezone.localdate(),
            },
        )


def protocol_pdf(external: ExternalMediator) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=protocol_html(external)).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])


def protocol_create(*, external: ExternalMediator) -> Protocol:
    """In the bring-in's transaction: the PDF kept on the case, the parties asked to accept it."""
    mediation = external.mediation
    case = mediation.case
    name = {"fr": "protocole-de-mediation", "nl": "bemiddelingsprotocol"}.get(case.language, "mediation-protocol")
    [document] = documents_attach(
        case=case,
        files=[
            SimpleUploadedFile(f"{name}-{case.reference}.pdf", protocol_pdf(external), content_type="application/pdf")
        ],
        actor=SYSTEM,
        shared_with_member=True,
    )
    protocol = Protocol.objects.create(external=external, document=document)
    _event(mediation, action="protocol_made", user=None, chosen=external.mediator.name)
    _tell(mediation, template="protocol_proposed", extra={"protocol": protocol, "external": external})
    return protocol


def protocol_accept(
    *, protocol: Protocol, participant: Participant, via: str, user: User | None = None, note: str = ""
) -> Protocol:
    note = (note or "").strip()
    with transaction.atomic():
        protocol = Protocol.objects.select_for_update().select_related("external__mediation").get(pk=protocol.pk)
        mediation = protocol.external.mediation
        mediation.case = _lock(mediation.case)
        if via == AnswerVia.MEDIATOR:
            if user is None or not can_lead_mediation(user, mediation.case):
                raise PermissionDenied()
            if not note:
                raise ValidationFailed(_("Say how the party gave its answer (a phone call, a letter, an e-mail…)."))
        participant = Participant.objects.select_related("party").get(pk=participant.pk, mediation=mediation)
        if (
            protocol.accepted_at is not None
            or protocol.external.ended_at is not None
            or participant.answer == Answer.DECLINED
            or protocol.acceptances.filter(participant=participant).exists()
        ):
            raise MediationStepNotAllowed()
        ProtocolAcceptance.objects.create(protocol=protocol, participant=participant, via=via, by=user, note=note)
        actor_kind = "member" if via == AnswerVia.MEMBER_PAGE else ("staff" if user else "system")
        _event(
            mediation,
            action="protocol_accepted",
            user=user,
            actor_kind=actor_kind,
            who=_party_label(participant.party),
            via=via,
        )
        if protocol.acceptances.count() == len(_parties(mediation)):
            protocol.accepted_at = timezone.now()
            protocol.save(update_fields=["accepted_at"])
            _event(mediation, action="protocol_concluded", user=None)
            _tell_mediators(mediation, template="protocol_concluded", by=None, extra={"protocol": protocol})
    return protocol


def protocol_for_party(participant: Participant) -> Protocol | None:
    """The protocol a party has to accept or accepted (of the mediator leading now), with `mine` set."""
    protocol = (
        Protocol.objects.filter(external__mediation=participant.mediation_id, external__ended_at__isnull=True)
        .select_related("external__mediator", "document")
        .first()
    )
    if protocol is None or participant.answer == Answer.DECLINED:
        return None
    protocol.mine = protocol.acceptances.filter(participant=participant).first()
    return protocol
