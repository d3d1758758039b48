"""The case and everything that hangs from it: timeline, deadlines, messages, notes, documents.

A case's `status` is written by `workflow.py` only; its deadlines by `deadlines.py` only.
The timeline (`CaseEvent`) and the access log (`AccessLog`) are the case's audit trail: append-only in
the database and hash-chained per case (see audit.py).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accord.cases import audit
from accord.cases.audit import AppendOnlyError, ChainedEntry  # noqa: F401 (AppendOnlyError: raised by the trail)
from accord.people.models import Language, Person


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    OFFICE = "office", _("Office visit")
    COUNSELLOR = "counsellor", _("Forwarded by a counsellor")
    BILLING = "billing", _("Forwarded by the billing service")
    COMMUNICATION = "communication", _("Forwarded by the communication team")
    ETHICS = "ethics", _("Forwarded by the ethics committee")
    SOCIAL = "social", _("Social network")
    LETTER = "letter", _("Letter")
    API = "api", _("API")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    INVESTIGATING = "investigating", _("Under investigation")
    AWAITING_MEMBER = "awaiting_member", _("Awaiting the member")
    REDIRECTED = "redirected", _("Redirected to the service concerned")
    # Handed over to the department it was not first raised with (art. 5(4)(a)), with the member's consent: the
    # department answers the member, Accord follows (accord/departments/handover.py).
    WITH_DEPARTMENT = "with_department", _("With the department")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DISCONTINUED = "discontinued", _("Discontinued")


OPEN_STATUSES = frozenset(
    {
        Status.RECEIVED,
        Status.ACKNOWLEDGED,
        Status.INVESTIGATING,
        Status.AWAITING_MEMBER,
        Status.REDIRECTED,
        Status.WITH_DEPARTMENT,
        Status.ANSWERED,
    }
)
ENDED_STATUSES = frozenset({Status.CLOSED, Status.REFUSED, Status.WITHDRAWN, Status.DISCONTINUED})


# What each status means, in words a member understands (the member's page): beside the statuses, so a new
# status cannot be added without its wording (cases/tests/test_status_wording.py).
STATUS_MEMBER_TEXT = {
    Status.RECEIVED: _("We have received your complaint. A mediator will read it shortly."),
    Status.ACKNOWLEDGED: _("A mediator is now handling your complaint and is checking that Accord can take it up."),
    Status.INVESTIGATING: _("Your mediator is looking into your complaint with the service concerned."),
    Status.AWAITING_MEMBER: _(
        "Your mediator has asked you a question: please answer below. The clock is stopped until you do."
    ),
    Status.REDIRECTED: _(
        "Your complaint first needs an answer from the service concerned. Your mediator keeps following it."
    ),
    Status.WITH_DEPARTMENT: _(
        "With your consent, the service concerned is handling your complaint and answers you directly by the date "
        "below. Your mediator follows it."
    ),
    Status.ANSWERED: _("Your mediator has sent you a written answer. You can still reply."),
    Status.CLOSED: _("Your case is closed."),
    Status.REFUSED: _("Accord cannot handle this complaint. The reasons are below."),
    Status.WITHDRAWN: _("You have withdrawn this complaint."),
    Status.DISCONTINUED: _("Your complaint was closed without an outcome. The reason is below."),
}


class Outcome(models.TextChoices):
    """What a closed case ended with, as the annual report counts it (ADR Directive art. 7(2)(d))."""

    MEMBER_FAVOUR = "member_favour", _("In the member's favour")
    PARTLY = "partly", _("Partly in the member's favour")
    COOPERATIVE_FAVOUR = "cooperative_favour", _("In the cooperative's favour")
    AMICABLE = "amicable", _("Amicable settlement")
    NO_FINDING = "no_finding", _("No finding possible")


# The outcome as the member reads it (their page, the closing e-mail), in their own words.
OUTCOME_MEMBER_TEXT = {
    Outcome.MEMBER_FAVOUR: _("We found in your favour."),
    Outcome.PARTLY: _("We found partly in your favour."),
    Outcome.COOPERATIVE_FAVOUR: _("We found that the cooperative's position stands."),
    Outcome.AMICABLE: _("You and the service concerned reached an amicable settlement."),
    Outcome.NO_FINDING: _("We could not reach a finding on your complaint."),
}

# The outcome as the member reads it when the department settled the complaint handed over to it (the hand-over,
# accord/departments/handover.py): the department answered, not Accord.
OUTCOME_BY_DEPARTMENT_MEMBER_TEXT = {
    Outcome.MEMBER_FAVOUR: _("The service concerned granted your request."),
    Outcome.PARTLY: _("The service concerned granted part of your request."),
    Outcome.COOPERATIVE_FAVOUR: _("The service concerned maintained its position."),
    Outcome.AMICABLE: _("You and the service concerned reached an agreement."),
    Outcome.NO_FINDING: _("The service concerned could not settle your request."),
}


class HandoverConsent(models.TextChoices):
    """How the member agreed that their complaint be handed over to the department (recorded by the mediator)."""

    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    WRITING = "writing", _("In writing (a letter, a message on their page)")
    IN_PERSON = "in_person", _("In person, at an office")


class Compliance(models.TextChoices):
    """Whether the cooperative did what the outcome called for (art. 7(2)(g)), recorded later by a mediator."""

    COMPLIED = "complied", _("Complied")
    PARTLY = "partly", _("Partly complied")
    NOT_COMPLIED = "not_complied", _("Not complied")


class RefusalGround(models.TextChoices):
    NOT_RAISED_FIRST = "not_raised_first", _("Not first raised with the service concerned")
    FRIVOLOUS = "frivolous", _("Clearly unfounded or abusive")
    OTHER_BODY = "other_body", _("Already before another body or a court")
    TOO_LATE = "too_late", _("Filed too late")
    OUTSIDE_REMIT = "outside_remit", _("Outside Accord's remit")


class DiscontinueGround(models.TextChoices):
    """Why a case was discontinued before its outcome (the `discontinue` step); kept on its event."""

    NO_RESPONSE = "no_response", _("No response from the member")
    # The art. 5(4) grounds that can arise once a complaint is under investigation.
    OTHER_BODY = "other_body", _("The matter went before another body or a court")
    ABUSIVE = "abusive", _("The complaint proved clearly unfounded or abusive")


class WithdrawalReason(models.TextChoices):
    """Why the member withdrew (optional, asked on their page and on the mediator's step), for the report."""

    SOLVED_DIRECTLY = "solved_directly", _("Solved directly with the service concerned")
    NO_LONGER = "no_longer", _("No longer wishes to pursue it")
    OTHER_BODY = "other_body", _("Went to another body or a court")
    OTHER = "other", _("Another reason")


class CycleStart(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint received")
    REOPENED = "reopened", _("Reopened")
    CONTESTED = "contested", _("Answer contested by the member")
    # The member came back after the answer of the department the complaint was handed over to.
    CAME_BACK = "came_back", _("The member came back after the department's answer")


class OfficeCountry(models.TextChoices):
    BE = "BE", _("Belgium")
    FR = "FR", _("France")


class DeadlineKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    FIRST_ANSWER = "first_answer", _("First answer")
    ADMISSIBILITY = "admissibility", _("Admissibility decision")
    # The deadline of the final answer: « Réponse finale » in French, where the decision itself is « Résultat ».
    OUTCOME = "outcome", pgettext_lazy("deadline", "Outcome")
    # Owed to the member within the first-answer delay after each message they send.
    REPLY = "reply", _("Reply to the member's message")
    # The member's own time to answer a question; runs while the other deadlines are paused.
    AWAITING_MEMBER = "awaiting_member", _("The member's answer")


class TranslatedName(models.Model):
    """A configurable list entry with its name in the three languages."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=120)
    name_nl = models.CharField(_("name in Dutch"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str | None) -> str:
        language = (language or "fr")[:2]
        return getattr(self, f"name_{language}", None) or self.name_fr

    @property
    def name(self) -> str:
        return self.name_in(get_language())


class Category(TranslatedName):
    class Meta(TranslatedName.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Department(TranslatedName):
    class Meta(TranslatedName.Meta):
        verbose_name = _("department")
        verbose_name_plural = _("departments")


class Office(TranslatedName):
    """A place the cooperative receives members: its country and holidays set a case's calendar."""

    country = models.CharField(_("country"), max_length=2, choices=OfficeCountry.choices)
    # A subdivision code of the `holidays` library: France's "57" (Moselle) and "6AE" (Alsace) keep
    # Good Friday and 26 December; empty for the national holidays alone.
    subdivision = models.CharField(
        _("holidays subdivision"),
        max_length=10,
        blank=True,
        help_text=_('As the "holidays" library names it: "57" for Moselle, "6AE" for Alsace; empty for none.'),
    )
    address = models.TextField(_("address"))
    phone = models.CharField(_("phone"), max_length=40)
    email = models.EmailField(_("e-mail"), blank=True)
    hours_fr = models.TextField(_("opening hours in French"), blank=True)
    hours_nl = models.TextField(_("opening hours in Dutch"), blank=True)
    hours_en = models.TextField(_("opening hours in English"), blank=True)

    class Meta(TranslatedName.Meta):
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def hours_in(self, language: str | None) -> str:
        language = (language or "fr")[:2]
        return getattr(self, f"hours_{language}", None) or self.hours_fr

    @property
    def hours(self) -> str:
        return self.hours_in(get_language())


class OfficeClosure(models.Model):
    """Days the cooperative closes an office beyond public holidays: a bridge, Christmas week."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="closures", verbose_name=_("office"))
    start = models.DateField(_("first day closed"))
    end = models.DateField(_("last day closed"))
    label = models.CharField(_("reason"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("closing days")
        verbose_name_plural = _("closing days")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="office_closure_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.start} – {self.end}"


class ReferenceCounter(models.Model):
    """The last case number given in a year; incremented under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("complainant"))
    # The name given with this complaint (a claim, see cases/identity.py): e-mails about the case greet
    # with it, so nothing of the record's own details reaches whoever filed it.
    complainant_name = models.CharField(_("name given"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recorded_cases",
        verbose_name=_("recorded by"),
    )
    received_by = models.CharField(_("received by"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("received on"))
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("category"))
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("department concerned")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    # The office whose calendar sets the deadlines (see cases/offices.py); `office_country` is its
    # country, kept beside it for the filters, phone numbers and API that read the country.
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("office"))
    office_country = models.CharField(
        _("office country"), max_length=2, choices=OfficeCountry.choices, default=OfficeCountry.BE
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    refusal_ground = models.CharField(_("ground of refusal"), max_length=20, choices=RefusalGround.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
        verbose_name=_("mediator"),
    )
    # The earliest open deadline, kept by deadlines.py so that the queue sorts 100,000 cases
    # on an index instead of a subquery.
    next_deadline = models.DateField(_("next deadline"), null=True, blank=True)
    next_deadline_kind = models.CharField(max_length=20, choices=DeadlineKind.choices, blank=True)
    paused_since = models.DateTimeField(null=True, blank=True)
    # The day the file was complete, from which the outcome delay runs (art. 8(e)): the day received,
    # the day the member answered a question asked before admissibility, or the day a mediator said so.
    file_complete_on = models.DateField(_("file complete on"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set once when a deadline is overdue beyond ACCORD_ESCALATION_WORKING_DAYS (services.case_escalate).
    escalated_at = models.DateTimeField(_("flagged for the oversight committee"), null=True, blank=True)
    # Set when a case needs a new mediator and none is free (cases/assignments.py); cleared when one takes it.
    no_mediator_since = models.DateTimeField(_("no mediator free since"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The member's private link is derived from this (see links.py); renewing the link
    # increments it, which revokes every earlier link.
    link_version = models.PositiveIntegerField(default=1)
    # The current cycle (see CaseCycle): 1, then one more at each reopening or contest.
    cycle = models.PositiveIntegerField(default=1, db_default=1)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["status", "next_deadline"], name="case_status_deadline"),
            models.Index(fields=["next_deadline", "id"], name="case_deadline"),
            models.Index(fields=["assigned_to", "next_deadline"], name="case_assignee_deadline"),
            models.Index(fields=["recorded_by", "created_at"], name="case_recorded_by"),
            models.Index(fields=["received_at"], name="case_received_at"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.next_deadline is not None and self.next_deadline < timezone.localdate()


class DeadlineQuerySet(models.QuerySet):
    def open(self):
        """Neither met nor made moot: the deadlines that still run (see Deadline.is_open)."""
        return self.filter(met_at__isnull=True, cancelled_at__isnull=True)


class CaseCycle(models.Model):
    """One run of a case from its start (the complaint, a reopening, a contest of the answer) to its end.
    A reopened or contested case starts a new cycle: what the earlier one ended with stays here, and its
    deadlines stay on record (`Deadline.cycle`). Written by cases/cycles.py only."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="cycles")
    number = models.PositiveIntegerField()
    started_by = models.CharField(max_length=20, choices=CycleStart.choices, default=CycleStart.COMPLAINT)
    started_at = models.DateTimeField()
    # The mediator's reason for reopening (the member's words of a contest are their message).
    reason = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    refusal_ground = models.CharField(max_length=20, choices=RefusalGround.choices, blank=True)
    discontinue_ground = models.CharField(max_length=20, choices=DiscontinueGround.choices, blank=True)
    withdrawal_reason = models.CharField(max_length=20, choices=WithdrawalReason.choices, blank=True)
    withdrawal_note = models.TextField(blank=True)
    contested_at = models.DateTimeField(null=True, blank=True)
    # Whether the cooperative complied with the outcome (art. 7(2)(g)); the latest record, each on the timeline.
    compliance = models.CharField(max_length=20, choices=Compliance.choices, blank=True)
    compliance_on = models.DateField(null=True, blank=True)
    compliance_note = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="cycle_number_once")]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.number}"


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    # The case's cycle it belongs to: a reopened case's earlier deadlines stay, their own cycle's.
    cycle = models.PositiveIntegerField(default=1, db_default=1)
    kind = models.CharField(max_length=20, choices=DeadlineKind.choices)
    due_date = models.DateField()
    met_at = models.DateTimeField(null=True, blank=True)
    # Ended without being met because the procedure made it moot (refused, withdrawn...).
    cancelled_at = models.DateTimeField(null=True, blank=True)
    extended = models.BooleanField(default=False)
    # Days added by extensions so far, capped by ACCORD_EXTENSION_MAX_DAYS (working days for the member's deadline).
    extended_days = models.PositiveIntegerField(default=0)
    # The due date the member was reminded of (awaiting the member): one reminder per due date.
    member_reminded_for = models.DateField(null=True, blank=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "cycle", "kind"], name="deadline_one_per_kind_and_cycle")
        ]
        ordering = ["cycle", "due_date"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.due_date}"

    @property
    def is_open(self) -> bool:
        return self.met_at is None and self.cancelled_at is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def was_late(self) -> bool:
        return self.met_at is not None and timezone.localdate(self.met_at) > self.due_date


class EventKind(models.TextChoices):
    CREATED = "created", _("Complaint received")
    TRANSITION = "transition", _("Status changed")
    MESSAGE_TO_MEMBER = "message_to_member", _("Message to the member")
    MESSAGE_FROM_MEMBER = "message_from_member", _("Message from the member")
    NOTE = "note", _("Internal note")
    ASSIGNMENT = "assignment", _("Assignment")
    CLASSIFICATION = "classification", _("Category or department changed")
    DOCUMENT = "document", _("Document added")
    DEADLINE = "deadline", _("Deadline changed")
    CONFLICT = "conflict", _("Conflict of interest declared")
    LINK = "link", _("Private link renewed")
    EMAIL = "email", _("E-mail")
    ESCALATED = "escalated", _("Flagged for the oversight committee")
    IDENTITY = "identity", _("Identity")
    OFFICE = "office", _("Office changed")
    FILE_COMPLETE = "file_complete", _("File marked complete")
    COMPLIANCE = "compliance", _("Compliance with the outcome")
    # Written by apps that build on cases (accord/departments): a request to a department and its answers, a dysfunction.
    REQUEST = "request", _("Request to a department")
    DYSFUNCTION = "dysfunction", _("Dysfunction")
    HANDOVER = "handover", _("Hand-over to a department")
    # Parties, mediators and links (cases/parties.py, assignments.py, caselinks.py).
    PARTY = "party", _("Party added or ended")
    CASE_LINK = "case_link", _("Link between cases")
    MEDIATOR_REQUEST = "mediator_request", _("The member asked for another mediator")
    # Mediation (accord/mediation): proposal, answers, end, that a confidential note was written (never its words).
    MEDIATION = "mediation", _("Mediation")


class CaseEvent(ChainedEntry):
    """One line of the case's timeline. Never updated, never deleted (triggers), hash-chained per case."""

    audit_chain = "timeline"
    audit_fields = audit.TIMELINE_FIELDS

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    # "staff", "member" or "system": who acted when there is no staff account.
    actor_kind = models.CharField(max_length=10, default="staff")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        base_manager_name = "objects"
        indexes = [
            models.Index(fields=["case", "created_at"], name="event_case_time"),
            # The chain's order: the head's lookup and audit_verify's walk.
            models.Index(fields=["case", "id"], name="event_case_chain"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class ClaimField(models.TextChoices):
    MEMBER_NUMBER = "member_number", _("member number")
    PHONE = "phone", _("phone")
    NAME = "name", _("name")


class ClaimState(models.TextChoices):
    OPEN = "open", _("to confirm")
    CONFIRMED = "confirmed", _("same person")
    DISMISSED = "dismissed", _("not the same person")


class IdentityClaim(models.Model):
    """A detail given with a complaint that is on someone else's record: a claim, never a proof.
    A mediator confirms it (same person: the case moves to that record) or dismisses it (cases/identity.py)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="identity_claims")
    field = models.CharField(max_length=20, choices=ClaimField.choices)
    value = models.CharField(max_length=200)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=ClaimState.choices, default=ClaimState.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "field", "person"], name="claim_once_per_record")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.field} {self.state}"


class MessageDirection(models.TextChoices):
    TO_MEMBER = "to_member", _("To the member")
    FROM_MEMBER = "from_member", _("From the member")


class Message(models.Model):
    """A message between Accord and the member. Internal notes are a separate model."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="messages")
    direction = models.CharField(max_length=20, choices=MessageDirection.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    body = models.TextField(_("message"))
    # Whom a message to the member is addressed to, or who wrote one from the member: a party of the case
    # (the complainant's, for every message to or from the member so far).
    party = models.ForeignKey("Party", null=True, blank=True, on_delete=models.PROTECT, related_name="messages")
    # The written, reasoned outcome of the case.
    is_answer = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="message_case_time")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.direction} {self.created_at:%Y-%m-%d %H:%M}"


class InternalNote(models.Model):
    """A note between staff that the member never sees."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} note {self.created_at:%Y-%m-%d %H:%M}"


def document_path(instance, filename):
    # The stored name never comes from the uploader: it is the content's hash.
    return f"cases/{instance.case_id}/{instance.sha256}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    from_member = models.BooleanField(default=False)
    # Documents sent to or received from the member are visible to them; others are staff-only.
    shared_with_member = models.BooleanField(default=False)
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ConflictDeclaration(models.Model):
    """A mediator's declared conflict of interest: they no longer see the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="conflicts")
    mediator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conflicts")
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "mediator"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.mediator_id}"


class AccessLog(ChainedEntry):
    """Who read or downloaded what of a case, and when (writes are on the timeline). Append-only and
    hash-chained per case like the timeline; reads lock the chain, not the case (audit.py)."""

    audit_chain = "access"
    audit_fields = audit.ACCESS_FIELDS
    audit_ip_fields = ("ip_address",)
    audit_lock = "advisory"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    by_member = models.BooleanField(default=False)
    action = models.CharField(max_length=30)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        base_manager_name = "objects"
        indexes = [
            models.Index(fields=["case", "at"], name="access_case_time"),
            models.Index(fields=["case", "id"], name="access_case_chain"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


# --- Parties, mediators and links (issue 7, items 12–14) ---------------------------------------------
# Kept together at the end of the file. Writes: cases/parties.py, cases/assignments.py, cases/caselinks.py.


class PartyKind(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    DEPARTMENT = "department", _("Department concerned")
    OTHER = "other", _("Other party")


class Party(models.Model):
    """Someone taking part in a case (art. 9(1)(a): each side states its views and sees the other's): the
    member who complains, the department(s) concerned, others (a counsellor, a third party).

    The complainant's party carries no copy of the member's details: they are the case's (`Case.person`,
    which the identity rule may move to another record, and `complainant_name`). A department's party names
    the configured department and the language it is written to in. A party is ended, never deleted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="parties")
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    # What the party is to the case, in the mediator's words: "counsellor", "the member's accountant"…
    role = models.CharField(_("role"), max_length=120, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(kind="complainant"), name="party_one_complainant"
            ),
            models.UniqueConstraint(
                fields=["case", "department"],
                condition=models.Q(kind="department", ended_at__isnull=True),
                name="party_department_once",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="department", department__isnull=False)
                | (~models.Q(kind="department") & models.Q(department__isnull=True)),
                name="party_department_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.display_name}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @property
    def display_name(self) -> str:
        if self.kind == PartyKind.COMPLAINANT:
            return self.case.complainant_name or self.case.person.name
        if self.kind == PartyKind.DEPARTMENT and self.department_id:
            return self.department.name
        return self.name


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead mediator")
    CO = "co", _("Co-mediator")


class AssignmentReason(models.TextChoices):
    """Why a mediator started holding a case (the reason a case moved is its next holder's)."""

    TAKEN = "taken", _("Took the case on")
    ASSIGNED = "assigned", _("Assigned by a mediator")
    ABSENCE = "absence", _("Replacing a mediator who is away")
    CONFLICT = "conflict", _("Replacing a mediator with a conflict of interest")
    MEMBER_REQUEST = "member_request", _("At the member's request")
    EARLIER = "earlier", _("Held before the history was kept")


class Assignment(models.Model):
    """Who held the case from when to when, and why (cases/assignments.py). `Case.assigned_to` stays the
    lead, the queue's column; co-mediators work the case like the lead."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("mediator")
    )
    role = models.CharField(_("role"), max_length=10, choices=AssignmentRole.choices, default=AssignmentRole.LEAD)
    reason = models.CharField(_("why"), max_length=20, choices=AssignmentReason.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(role="lead", ended_at__isnull=True), name="assignment_one_lead"
            ),
            models.UniqueConstraint(
                fields=["case", "mediator"], condition=models.Q(ended_at__isnull=True), name="assignment_once"
            ),
        ]
        indexes = [models.Index(fields=["mediator", "ended_at"], name="assignment_mediator")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.mediator_id} {self.role}"


class LinkKind(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicate")
    RELATED = "related", _("Related")
    SYSTEMIC = "systemic", _("Same systemic problem")


class CaseLink(models.Model):
    """Two cases a mediator linked (cases/caselinks.py), shown on both. `from_case` is the case it was made
    on: "duplicate" reads from it ("this case duplicates that one"). Ended, never deleted, so the history of
    links stays; one active link per pair of cases."""

    from_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="links_out")
    to_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField(_("kind of link"), max_length=20, choices=LinkKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(from_case=models.F("to_case")), name="case_link_two_cases"),
            models.UniqueConstraint(
                Least("from_case", "to_case"),
                Greatest("from_case", "to_case"),
                condition=models.Q(ended_at__isnull=True),
                name="case_link_once_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_case_id} {self.kind} {self.to_case_id}"
