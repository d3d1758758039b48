"""A professional mediator of the directory brought into a mediation (seed 000 (d)): the one writer of
`ExternalMediator` and of the notes they write.

With the member's consent (recorded by the case's mediator, saying how it was given), a case's mediator brings
one in as co-mediator or to lead the mediation. They have no account: they get a scoped, expiring link (the
one way to share with outsiders, `departments.ShareLink`, purpose `external_mediator`, not single-use,
`ACCORD_EXTERNAL_LINK_DAYS`) to a page with the mediation's purpose, its parties (names and roles, no
contact details), its meetings and agreement, and their own session notes, which they write there. Nothing
else of the case: not the complaint's file, messages, documents, internal notes or the case's mediators'
confidential notes. Every use is logged; the link is renewed or revoked by a case's mediator, and ending the
access revokes it. Each step is a line on the timeline."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.departments.models import ShareLink
from accord.mediation.models import ConfidentialNote, ExternalMediator, Mediation, Mediator, NoteKind
from accord.mediation.permissions import can_lead_mediation
from accord.mediation.services import MediationStepNotAllowed, _event, _lock

EXTERNAL_MEDIATOR = "external_mediator"


def external_page_url(link: ShareLink) -> str:
    from django.urls import reverse
    from django.utils.translation import override

    from accord.departments.sharing import share_token

    with override(link.language):
        path = reverse("mediator_link:page", kwargs={"token": share_token(link)})
    return f"{settings.ACCORD_BASE_URL}{path}"


def _revoke(link: ShareLink, user: User) -> None:
    """Stop a link at once (in the caller's transaction; the timeline line is the caller's)."""
    ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_by=user)


def _link_send(external: ExternalMediator, user: User) -> ShareLink:
    """A new link to the external mediator's address, in their language, e-mailed; earlier ones revoked."""
    from accord.notifications.services import department_email_queue

    mediation = external.mediation
    if external.link_id:
        _revoke(ShareLink.objects.get(pk=external.link_id), user)
    mediator = external.mediator
    link = ShareLink.objects.create(
        purpose=EXTERNAL_MEDIATOR,
        case=mediation.case,
        recipient=mediator.email,
        language=mediator.language,
        single_use=False,
        created_by=user,
        expires_at=timezone.now() + timedelta(days=settings.ACCORD_EXTERNAL_LINK_DAYS),
    )
    external.link = link
    external.save(update_fields=["link"])
    department_email_queue(
        to=mediator.email,
        language=mediator.language,
        template="external_mediator_link",
        context={"external": external, "mediation": mediation, "url": external_page_url(link), "link": link},
        case=mediation.case,
    )
    return link


def external_bring_in(
    *, mediation: Mediation, user: User, mediator: Mediator, role: str, consent_note: str
) -> ExternalMediator:
    consent_note = (consent_note or "").strip()
    with transaction.atomic():
        mediation = Mediation.objects.select_for_update().get(pk=mediation.pk)
        case = _lock(mediation.case)
        mediation.case = case
        if not can_lead_mediation(user, case):
            raise PermissionDenied()
        if not mediation.is_open:
            raise MediationStepNotAllowed()
        if mediation.externals.filter(ended_at__isnull=True).exists():
            raise ValidationFailed(_("A professional mediator already takes part: end their part first."))
        if not mediator.active:
            raise ValidationFailed(_("Choose a mediator from the list."))
        if not consent_note:
            raise ValidationFailed(_("Say how the member consented (a phone call, a letter, an e-mail…)."))
        external = ExternalMediator.objects.create(
            mediation=mediation, mediator=mediator, role=role, consent_note=consent_note, added_by=user
        )
        _event(mediation, action="external_added", user=user, chosen=mediator.name, role=role)
        _link_send(external, user)
        if role == "lead":
            from accord.mediation.protocol import protocol_create

            external.mediation = mediation
            protocol_create(external=external)
    return external


def external_link_renew(*, external: ExternalMediator, user: User) -> ShareLink:
    with transaction.atomic():
        external = (
            ExternalMediator.objects.select_for_update().select_related("mediation", "mediator").get(pk=external.pk)
        )
        external.mediation.case = _lock(external.mediation.case)
        if not can_lead_mediation(user, external.mediation.case):
            raise PermissionDenied()
        if external.ended_at is not None:
            raise MediationStepNotAllowed()
        link = _link_send(external, user)
        _event(external.mediation, action="external_link", user=user, chosen=external.mediator.name)
    return link


def external_end(*, external: ExternalMediator, user: User) -> ExternalMediator:
    with transaction.atomic():
        external = (
            ExternalMediator.objects.select_for_update().select_related("mediation", "mediator").get(pk=external.pk)
        )
        external.mediation.case = _lock(external.mediation.case)
        if not can_lead_mediation(user, external.mediation.case):
            raise PermissionDenied()
        if external.ended_at is not None:
            raise MediationStepNotAllowed()
        external.ended_at, external.ended_by = timezone.now(), user
        external.save(update_fields=["ended_at", "ended_by"])
        if external.link_id:
            _revoke(external.link, user)
        _event(external.mediation, action="external_ended", user=user, chosen=external.mediator.name)
    return external


def external_for_link(link: ShareLink) -> ExternalMediator | None:
    """The access a link gives, while it is the access's current link and the access has not ended."""
    return (
        ExternalMediator.objects.select_related("mediation", "mediation__case", "mediator")
        .filter(link=link, ended_at__isnull=True)
        .first()
    )


def external_note_write(*, external: ExternalMediator, body: str) -> ConfidentialNote:
    """The external mediator's own session note (the confidential tier; they read only their own)."""
    body = (body or "").strip()
    with transaction.atomic():
        external = ExternalMediator.objects.select_for_update().select_related("mediation").get(pk=external.pk)
        mediation = external.mediation
        mediation.case = _lock(mediation.case)
        if external.ended_at is not None or not mediation.is_open:
            raise MediationStepNotAllowed()
        if not body:
            raise ValidationFailed(_("The note is empty."))
        note = ConfidentialNote.objects.create(
            mediation=mediation, kind=NoteKind.SESSION, body=body, external_author=external
        )
        _event(
            mediation,
            action="note_written",
            user=None,
            actor_kind="system",
            note_kind="session",
            chosen=external.mediator.name,
        )
    return note
