"""Links between cases: a mediator says two cases are duplicates, related, or the same systemic problem.

A link is made on one case (`from_case`) and shown on both, each naming the other: "duplicate" reads from
the case it was made on ("duplicate of ACC-…") and back ("ACC-… is a duplicate of this case"). Making and
ending a link needs the right to work on both cases (permissions.require_work: a case the mediator may not
see answers as if it did not exist), and is recorded on both timelines. A link is ended, never deleted: the
history of links stays (`CaseLink.ended_at`). A case page lists only the linked cases its reader may see.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.accounts.models import User
from accord.cases.models import Case, CaseEvent, CaseLink, EventKind, LinkKind
from accord.cases.permissions import cases_visible_to, require_work
from accord.core.errors import TransitionNotAllowed, ValidationFailed


def _both_locked(case: Case, other: Case) -> tuple[Case, Case]:
    # Always in id order, so two mediators linking the same two cases from either side never deadlock.
    locked = {c.pk: c for c in Case.objects.select_for_update().filter(pk__in=[case.pk, other.pk]).order_by("pk")}
    return locked[case.pk], locked[other.pk]


def _link_events(link: CaseLink, *, action: str, user: User, at) -> None:
    for this, other, direction in ((link.from_case, link.to_case, "from"), (link.to_case, link.from_case, "to")):
        CaseEvent.objects.create(
            case=this,
            kind=EventKind.CASE_LINK,
            actor=user,
            created_at=at,
            data={
                "action": action,
                "link": link.pk,
                "link_kind": link.kind,
                "direction": direction,
                "other": other.pk,
                "other_reference": other.reference,
                **({"note": link.note} if link.note and action == "added" else {}),
            },
        )


def case_link_add(*, case: Case, user: User, other_reference: str, kind: str, note: str = "") -> CaseLink:
    require_work(user, case)
    if kind not in LinkKind.values:
        raise ValidationFailed(_("Choose the kind of link."), code="link_kind")
    other = Case.objects.filter(reference=other_reference.strip().upper()).first()
    if other is None or not cases_visible_to(user).filter(pk=other.pk).exists():
        # The same answer for a case that does not exist and one this mediator may not see.
        raise ValidationFailed(_("No case with this reference."), code="link_case_unknown")
    require_work(user, other)
    if other.pk == case.pk:
        raise ValidationFailed(_("A case cannot be linked to itself."), code="link_itself")
    try:
        with transaction.atomic():
            case, other = _both_locked(case, other)
            if CaseLink.objects.filter(
                from_case__in=[case, other], to_case__in=[case, other], ended_at__isnull=True
            ).exists():
                raise ValidationFailed(_("These two cases are already linked."), code="link_already")
            now = timezone.now()
            link = CaseLink.objects.create(
                from_case=case, to_case=other, kind=kind, note=note.strip()[:300], by=user, at=now
            )
            _link_events(link, action="added", user=user, at=now)
            for each in (case, other):
                each.save(update_fields=["updated_at"])
    except IntegrityError as error:  # the same link made from the other side at the same moment
        raise ValidationFailed(_("These two cases are already linked."), code="link_already") from error
    return link


def case_link_end(*, case: Case, user: User, link_id: int) -> CaseLink:
    """The link no longer holds: it stays on record, ended, and both timelines say so."""
    require_work(user, case)
    visible = cases_visible_to(user)
    link = (
        CaseLink.objects.filter(pk=link_id)
        .filter(Q(from_case=case, to_case__in=visible) | Q(to_case=case, from_case__in=visible))
        .select_related("from_case", "to_case")
        .first()
    )
    if link is None:
        # The same answer for a link to a case this user may not see as for one that is gone.
        raise TransitionNotAllowed(_("This link has already been removed."), code="link_ended")
    other = link.to_case if link.from_case_id == case.pk else link.from_case
    require_work(user, other)
    with transaction.atomic():
        case, other = _both_locked(case, other)
        link = CaseLink.objects.select_for_update().get(pk=link.pk)
        if link.ended_at is not None:
            raise TransitionNotAllowed(_("This link has already been removed."), code="link_ended")
        now = timezone.now()
        link.ended_at, link.ended_by = now, user
        link.save(update_fields=["ended_at", "ended_by"])
        _link_events(link, action="ended", user=user, at=now)
        for each in (case, other):
            each.save(update_fields=["updated_at"])
    return link


# What a link says on each side: made on this case ("from") or on the other ("to").
LINK_WORDS = {
    (LinkKind.DUPLICATE, "from"): _("Duplicate of"),
    (LinkKind.DUPLICATE, "to"): _("Has a duplicate"),
    (LinkKind.RELATED, "from"): _("Related to"),
    (LinkKind.RELATED, "to"): _("Related to"),
    (LinkKind.SYSTEMIC, "from"): _("Same systemic problem as"),
    (LinkKind.SYSTEMIC, "to"): _("Same systemic problem as"),
}


def case_links_shown(*, case: Case, user: User) -> list[dict]:
    """The case's active links whose other case this user may see, each with the other case and its words."""
    visible = cases_visible_to(user)
    links = CaseLink.objects.filter(ended_at__isnull=True).select_related("from_case", "to_case", "by")
    shown = []
    for link in links.filter(from_case=case, to_case__in=visible):
        shown.append({"link": link, "other": link.to_case, "words": LINK_WORDS[(link.kind, "from")]})
    for link in links.filter(to_case=case, from_case__in=visible):
        shown.append({"link": link, "other": link.from_case, "words": LINK_WORDS[(link.kind, "to")]})
    return sorted(shown, key=lambda item: (item["link"].at, item["link"].pk))
