"""The identity rule's writes: claims on a case, a mediator's decision on them, and contact details.

What a complaint says about who sent it is a claim, never a proof (docs/architecture.md, "Identity:
claims, not proofs"). `people.services.person_recognise` files a complaint on the record of the
address it comes from; a member number, phone or name that is on someone else's record becomes an
`IdentityClaim` on the case. Only a mediator who may work the case decides: "same person" moves the
case to that record, "not the same person" dismisses the claim; a person's contact details change
only through `person_details_change`, and the address on record before the change is told. Each
decision is on the timeline with its actor.
"""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.cases.models import Case, CaseEvent, ClaimState, EventKind, IdentityClaim
from accord.cases.permissions import require_work
from accord.core.errors import TransitionNotAllowed
from accord.people.models import Person
from accord.people.services import Claim, person_details_update

CONTACT_LABELS = {
    "name": _("name"),
    "email": _("e-mail address"),
    "phone": _("phone"),
    "member_number": _("member number"),
}


def _details(person: Person) -> dict:
    return {"name": person.name, "email": person.email, "phone": person.phone, "member_number": person.member_number}


def claims_record(*, case: Case, claims: tuple[Claim, ...]) -> list[IdentityClaim]:
    """Keep the claims of a new case for a mediator, with one line on its timeline. In the caller's transaction."""
    if not claims:
        return []
    rows = IdentityClaim.objects.bulk_create(
        IdentityClaim(case=case, field=c.field, value=c.value, person=c.person) for c in claims
    )
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.IDENTITY,
        actor_kind="system",
        data={
            "action": "claimed",
            "claims": [{"field": c.field, "value": c.value, "person": c.person.pk} for c in claims],
        },
    )
    return rows


def _open_claim(case: Case, claim_id: int) -> IdentityClaim:
    claim = case.identity_claims.select_for_update().select_related("person").filter(pk=claim_id).first()
    if claim is None or claim.state != ClaimState.OPEN:
        raise TransitionNotAllowed(_("This claim has already been decided."), code="claim_decided")
    return claim


def _claims_decide(case: Case, claim_id: int, user: User, state: str):
    """Lock the case, then decide every open claim of it on the record `claim_id` points at (a person's
    claims are decided together). Returns the locked case, that claim, the claims decided and the time."""
    case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
    claim = _open_claim(case, claim_id)
    now = timezone.now()
    decided = list(case.identity_claims.filter(state=ClaimState.OPEN, person=claim.person_id).order_by("id"))
    IdentityClaim.objects.filter(pk__in=[c.pk for c in decided]).update(state=state, decided_by=user, decided_at=now)
    return case, claim, decided, now


def claim_confirm(*, case: Case, claim_id: int, user: User) -> Case:
    """ "Same person": the case moves to the record the claim points at.

    Nothing is copied between the records. Every open claim of the case on that record is confirmed;
    the record the case leaves is removed if it has no case left and no claim points at it (its
    details stay on this timeline). The private link sent to the address the complaint came from is
    revoked and a new one goes to the record's own address: the member's link is the member's alone.
    """
    from accord.notifications.services import member_email_queue

    require_work(user, case)
    with transaction.atomic():
        case, claim, confirmed, now = _claims_decide(case, claim_id, user, ClaimState.CONFIRMED)
        previous, target = case.person, claim.person
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.IDENTITY,
            actor=user,
            created_at=now,
            data={
                "action": "same_person",
                "claims": [{"field": c.field, "value": c.value} for c in confirmed],
                "from_person": previous.pk,
                "from": _details(previous),
                "to_person": target.pk,
            },
        )
        case.person = target
        case.link_version += 1
        CaseEvent.objects.create(
            case=case, kind=EventKind.LINK, actor=user, created_at=now, data={"version": case.link_version}
        )
        case.save(update_fields=["person", "link_version", "updated_at"])
        member_email_queue(case=case, template="new_link", context={}, automatic=True)
        if not previous.cases.exists():
            try:
                previous.delete()
            except ProtectedError:  # another case's claim points at it: keep it
                pass
    return case


def claim_dismiss(*, case: Case, claim_id: int, user: User) -> list[IdentityClaim]:
    """ "Not the same person": every open claim of the case on the record this one points at stays on
    the case as dismissed; nothing else changes."""
    require_work(user, case)
    with transaction.atomic():
        case, claim, dismissed, now = _claims_decide(case, claim_id, user, ClaimState.DISMISSED)
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.IDENTITY,
            actor=user,
            created_at=now,
            data={
                "action": "not_same_person",
                "claims": [{"field": c.field, "value": c.value} for c in dismissed],
                "person": claim.person_id,
            },
        )
    return dismissed


def person_details_change(*, case: Case, user: User, name: str, email: str, phone: str, member_number: str) -> dict:
    """A mediator changes the contact details of the case's complainant: the one way they change.

    The change is on the timeline of every case of the person (who, what, from and to), and the address
    on record before the change is told, in the person's language, without the new values or a link.
    Returns {field: (old, new)}.
    """
    from accord.notifications.services import person_email_queue

    require_work(user, case)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("person").get(pk=case.pk)
        changes = person_details_update(
            person=case.person, name=name, email=email, phone=phone, member_number=member_number
        )
        if not changes:
            return changes
        person = Person.objects.get(pk=case.person_id)
        now = timezone.now()
        data = {
            "action": "details_changed",
            "changed": list(changes),
            "from": {f: old for f, (old, _new) in changes.items()},
            "to": {f: new for f, (_old, new) in changes.items()},
            "on_case": case.reference,
        }
        for each in Case.objects.filter(person=person).order_by("pk").only("pk"):
            CaseEvent.objects.create(case=each, kind=EventKind.IDENTITY, actor=user, created_at=now, data=data)
        old_address = changes["email"][0] if "email" in changes else person.email
        if old_address:
            person_email_queue(
                person=person,
                to=old_address,
                template="details_changed",
                context={"changed": [CONTACT_LABELS[f] for f in changes]},
                case=case,
            )
    return changes
