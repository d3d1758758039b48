"""Reads on cases: the queue, the case page's parts, a member's earlier cases, identity claims."""

import re
from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher

from django.conf import settings
from django.db import models
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language

from accord.accounts.models import Role, User
from accord.cases.models import (
    ENDED_STATUSES,
    OPEN_STATUSES,
    Assignment,
    AssignmentRole,
    Case,
    CaseEvent,
    Category,
    Channel,
    ClaimState,
    EventKind,
    Message,
    MessageDirection,
    Party,
    Status,
)
from accord.cases.permissions import cases_visible_to
from accord.core.errors import ValidationFailed
from accord.lib.text import folded
from accord.people.models import Person
from accord.people.services import phone_normalise


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"  # "open", "ended", "all" or a Status value
    overdue: bool = False
    assignee: str = ""  # "", "me", "none" or a user id
    category: str = ""
    channel: str = ""
    language: str = ""
    office: str = ""
    q: str = ""
    sort: str = ""  # a key of QUEUE_SORTS, "-key" for descending; anything else: the default order

    @property
    def active(self) -> int:
        """How many filters narrow the list (the search apart): said on the folded filters of a phone."""
        return sum(
            [
                self.status != "open",
                self.overdue,
                *(bool(v) for v in (self.assignee, self.category, self.channel, self.language, self.office)),
            ]
        )


def _ranked(field: str, values) -> models.Case:
    """`field`'s values in the order given, as a number to sort on (NULL for any other value: last)."""
    return models.Case(
        *(models.When(**{field: value}, then=models.Value(i)) for i, value in enumerate(values)),
        output_field=models.IntegerField(),
    )


def _ranked_by_words(field: str, choices) -> models.Case:
    """By the words a reader sees, accents and case ignored: for what the database does not hold as shown (a
    translated label, a category's name in the page's language, a person's full name)."""
    return _ranked(field, [value for value, _ in sorted(choices, key=lambda c: (folded(str(c[1])), str(c[0])))])


def _status_order():
    # In the procedure's order (received, acknowledged, investigating…): the order of `Status`.
    return _ranked("status", Status.values)


def _channel_order():
    return _ranked_by_words("channel", Channel.choices)


def _category_order():
    language = (get_language() or "en")[:2]
    field = f"name_{language if language in ('fr', 'nl', 'en') else 'en'}"
    return _ranked_by_words("category_id", Category.objects.values_list("pk", field))


def _mediator_order():
    # The staff are few: their names as shown (User.__str__), ranked here.
    staff = User.objects.only("first_name", "last_name", "username")
    return _ranked_by_words("assigned_to_id", [(user.pk, str(user)) for user in staff])


# The queue's orders, by the key in its address (`?sort=key`, `?sort=-key` descending): these and no others. Each
# column sorts by what it shows as read (accents and case ignored); a case without a value (no deadline, nobody
# assigned, no category) comes last both ways; ties keep the default order, the most urgent deadline first.
QUEUE_SORTS = {
    "reference": lambda: F("reference"),
    "complainant": lambda: F("person__name_folded"),
    "subject": lambda: Lower("subject"),
    "status": _status_order,
    "deadline": lambda: F("next_deadline"),
    "mediator": _mediator_order,
    "category": _category_order,
    "channel": _channel_order,
    "language": lambda: F("language"),
}
QUEUE_SORT_DEFAULT = "deadline"


def queue_sort(sort: str) -> tuple[str, bool]:
    """The sort key and whether it is descending, from the address's value; the default for anything unknown."""
    key = sort[1:] if sort.startswith("-") else sort
    if key not in QUEUE_SORTS:
        return QUEUE_SORT_DEFAULT, False
    return key, sort.startswith("-")


def case_queue(*, user: User, filters: QueueFilters) -> QuerySet[Case]:
    """The cases this user may see, filtered, in the order asked (`QueueFilters.sort`, see QUEUE_SORTS); by
    default the next deadline first (cases without one last)."""
    cases = cases_visible_to(user)
    if filters.status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status == "ended":
        cases = cases.filter(status__in=ENDED_STATUSES)
    elif filters.status in Status.values:
        cases = cases.filter(status=filters.status)
    if filters.overdue:
        cases = cases.filter(next_deadline__lt=timezone.localdate())
    if filters.assignee == "me":
        # Mine: the cases I lead and those I co-mediate (few: their ids, not a join over every case).
        co = Assignment.objects.filter(mediator=user, role=AssignmentRole.CO, ended_at__isnull=True)
        cases = cases.filter(Q(assigned_to=user) | Q(pk__in=list(co.values_list("case_id", flat=True))))
    elif filters.assignee == "none":
        cases = cases.filter(assigned_to__isnull=True)
    elif filters.assignee.isdigit():
        cases = cases.filter(assigned_to_id=int(filters.assignee))
    if filters.category.isdigit():
        cases = cases.filter(category_id=int(filters.category))
    if filters.channel in Channel.values:
        cases = cases.filter(channel=filters.channel)
    if filters.language in ("fr", "nl", "en"):
        cases = cases.filter(language=filters.language)
    if filters.office in ("BE", "FR"):
        cases = cases.filter(office_country=filters.office)
    if filters.q.strip():
        cases = cases.filter(_search(filters.q.strip()))
    key, descending = queue_sort(filters.sort)
    if key == QUEUE_SORT_DEFAULT:
        deadline = F("next_deadline")
        order = [deadline.desc(nulls_last=True), "-id"] if descending else [deadline.asc(nulls_last=True), "id"]
    else:
        expression = QUEUE_SORTS[key]()
        first = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
        order = [first, F("next_deadline").asc(nulls_last=True), "id"]
    return cases.select_related("person", "category", "assigned_to").defer("description").order_by(*order)


_REFERENCE = re.compile(r"^(?:ACC-)?(\d{4})-(\d{1,6})$", re.IGNORECASE)


_SEARCH_PEOPLE_MAX = 500

# Something typed like a phone number: digits with the usual separators, long enough to be one.
_PHONE = re.compile(r"^\+?[\d\s./()-]{8,}$")


def _phones(q: str) -> list[str]:
    """The E.164 forms a typed phone number may mean (read as Belgian, then French, when it has no country
    code): people's phones are stored in E.164 (people.services.phone_normalise)."""
    if not _PHONE.match(q):
        return []
    found = set()
    for country in ("BE", "FR"):
        try:
            found.add(phone_normalise(q, country=country))
        except ValidationFailed:
            pass
    return sorted(found)


def _search(q: str) -> Q:
    """A reference (ACC-2026-000123, 2026-123, or just 123) is looked up on its unique index;
    anything else searches names (accent- and case-insensitive: `Person.name_folded`), e-mail, member number, phone (however it is typed) and subject."""
    match = _REFERENCE.match(q)
    if match:
        return Q(reference=f"ACC-{match[1]}-{int(match[2]):06d}")
    if q.isdigit() and len(q) <= 6:
        year = timezone.localdate().year
        return Q(reference__in=[f"ACC-{y}-{int(q):06d}" for y in range(year - 5, year + 1)]) | Q(
            person__member_number=q
        )
    # The people are found first, on their own table, and their ids given to the case query as a
    # list: PostgreSQL then combines the person index and the subject's trigram index (migrations
    # people/0002, cases/0004) instead of scanning every case. A very common name falls back to a subquery.
    people = Person.objects.filter(
        Q(name_folded__contains=folded(q)) | Q(email=q.lower()) | Q(member_number=q) | Q(phone__in=_phones(q))
    ).values_list("pk", flat=True)
    ids = list(people[: _SEARCH_PEOPLE_MAX + 1])
    return Q(person__in=ids if len(ids) <= _SEARCH_PEOPLE_MAX else people) | Q(subject__icontains=q)


def _similar(a: str, b: str) -> bool:
    a, b = " ".join(folded(a).split()), " ".join(folded(b).split())
    return bool(a) and SequenceMatcher(None, a, b).ratio() >= 0.8


def complaint_duplicate(*, user: User, email: str, phone: str, subject: str, description: str) -> Case | None:
    """A complaint from the same person (e-mail or phone) with a similar description or the same subject,
    recorded within `ACCORD_DUPLICATE_MINUTES`: the intake form shows it and asks to confirm. Only a case
    this user may see is named (an intake counsellor learns nothing of another's records)."""
    contact = Q()
    if email.strip():
        contact |= Q(person__email=email.strip().lower())
    if phone.strip():
        contact |= Q(person__phone=phone.strip())
    if not contact:
        return None
    since = timezone.now() - timedelta(minutes=settings.ACCORD_DUPLICATE_MINUTES)
    recent = cases_visible_to(user).filter(contact, created_at__gte=since).order_by("-created_at")
    for case in recent.only("reference", "subject", "description", "created_at")[:20]:
        if _similar(case.description, description) or (subject.strip() and _similar(case.subject, subject)):
            return case
    return None


def mediators_active() -> QuerySet[User]:
    return User.objects.filter(role=Role.MEDIATOR, is_active=True).order_by("first_name", "username")


def case_get_by_reference(*, reference: str) -> Case | None:
    return (
        Case.objects.select_related("person", "category", "department", "assigned_to", "recorded_by", "office")
        .filter(reference=reference)
        .first()
    )


def case_parties(*, case: Case) -> list[Party]:
    """The case's parties for its page, the active ones first (each in the order they were added)."""
    parties = list(case.parties.select_related("department", "added_by", "ended_by"))
    for party in parties:
        party.case = case  # the complainant's name is the case's
    return sorted(parties, key=lambda p: (p.ended_at is not None, p.added_at, p.pk))


def case_assignments(*, case: Case) -> dict:
    """Who holds the case: the lead, the co-mediators, and the whole history (oldest first)."""
    rows = list(case.assignments.select_related("mediator", "by").order_by("started_at", "id"))
    return {
        "co": [r for r in rows if r.role == AssignmentRole.CO and r.ended_at is None],
        "history": rows,
    }


def _timeline_words(case: Case, events: list[CaseEvent]) -> None:
    """What the timeline names by id, fetched once for the page: the people an assignment or a request
    names, the party a message was addressed to, whether the other case of a link is visible (set by the
    view as `visible_ids`)."""
    user_ids, message_ids = set(), set()
    for event in events:
        if event.kind in (EventKind.ASSIGNMENT, EventKind.MEDIATOR_REQUEST):
            user_ids |= {event.data.get("from"), event.data.get("to")} - {None}
        if event.data.get("message_id") is not None:
            message_ids.add(event.data["message_id"])
    names = {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    parties = {p.pk: p for p in case.parties.select_related("department")}
    for party in parties.values():
        party.case = case
    addressed = dict(
        Message.objects.filter(pk__in=message_ids, direction=MessageDirection.TO_MEMBER).values_list("pk", "party_id")
    )
    for event in events:
        event.names = names
        party_id = event.data.get("party") if event.kind != EventKind.PARTY else None
        party_id = party_id or addressed.get(event.data.get("message_id"))
        event.to_party = parties.get(party_id) if party_id else None
        if event.kind == EventKind.PARTY:
            event.party = parties.get(event.data.get("party"))


def case_timeline(*, case: Case, user: User | None = None) -> list[CaseEvent]:
    """The case's events in order, each e-mail once: at the moment it was written, with the state of
        its latest event (sent, retrying, failed, kept…) as `email_now` and all its states as `email_history`
    (shown folded, for the server's answers on the way). The rows stay as they are (the
        timeline is append-only); only the page folds an e-mail's states into its one line."""
    events = list(case.events.select_related("actor").order_by("created_at", "id"))
    history: dict = {}
    for event in events:
        if event.kind == EventKind.EMAIL and event.data.get("email_id") is not None:
            history.setdefault(event.data["email_id"], []).append(event)
    shown, seen = [], set()
    for event in events:
        email_id = event.data.get("email_id") if event.kind == EventKind.EMAIL else None
        if email_id is not None:
            if email_id in seen:
                continue
            seen.add(email_id)
            event.email_now = history[email_id][-1].data
            event.email_history = history[email_id]
        shown.append(event)
    _timeline_words(case, shown)
    # A link names the other case: its reference is shown only to a reader who may see that case.
    others = {e.data.get("other") for e in shown if e.kind == EventKind.CASE_LINK}
    visible = (
        set(cases_visible_to(user).filter(pk__in=others).values_list("pk", flat=True)) if user and others else set()
    )
    for event in shown:
        if event.kind == EventKind.CASE_LINK:
            event.other_visible = event.data.get("other") in visible
    return shown


def person_other_cases(*, case: Case, user: User) -> QuerySet[Case]:
    """The member's earlier cases: received before this one (a later case is not its history)."""
    return (
        cases_visible_to(user)
        .filter(person=case.person, received_at__lt=case.received_at)
        .exclude(pk=case.pk)
        .order_by("-received_at")
        .only("reference", "subject", "status", "received_at")
    )


def case_claims_open(*, case: Case, user: User) -> list[dict]:
    """The case's open identity claims for its page, by the record they point at: that record, the
    details claimed, and the record's cases this user may see (to compare before deciding)."""
    claims = list(case.identity_claims.filter(state=ClaimState.OPEN).select_related("person"))
    if not claims:
        return []
    groups: dict[int, dict] = {}
    for claim in claims:
        groups.setdefault(claim.person_id, {"person": claim.person, "claims": [], "cases": []})["claims"].append(claim)
    visible = cases_visible_to(user).filter(person__in=list(groups)).order_by("-received_at")
    for other in visible.only("reference", "subject", "status", "received_at", "person_id"):
        if len(groups[other.person_id]["cases"]) < 5:
            groups[other.person_id]["cases"].append(other)
    return list(groups.values())


def case_given(*, case: Case) -> dict:
    """The complainant's details as given with this complaint (kept on its "received" event): what
    may be shown back to whoever filed it, whatever record the case is on now."""
    event = case.events.filter(kind=EventKind.CREATED).only("data").first()
    return dict((event.data.get("given") if event else None) or {})


def case_given_details(*, case: Case) -> dict:
    """The details given with this complaint that differ from the record: what a mediator may want
    to confirm (with the contact details form)."""
    person = case.person
    return {
        f: v
        for f, v in case_given(case=case).items()
        if v and v.casefold() != (getattr(person, f, "") or "").casefold()
    }


def case_cycles(*, case: Case) -> dict:
    """The case page's cycles: the current one (`current_cycle`) and the earlier ones, newest first, each
    with its own deadlines (`deadline_list`), as they stood when it ended."""
    earlier = list(case.cycles.filter(number__lt=case.cycle).order_by("-number"))
    by_cycle: dict[int, list] = {}
    for deadline in case.deadlines.filter(cycle__lt=case.cycle).order_by("due_date", "id"):
        by_cycle.setdefault(deadline.cycle, []).append(deadline)
    for cycle in earlier:
        cycle.deadline_list = by_cycle.get(cycle.number, [])
    return {"current_cycle": case.cycles.filter(number=case.cycle).first(), "earlier_cycles": earlier}
