"""The departments' loop: who answers for a department, what the mediator asks it, what comes back.

An information request's `state` is written by `departments/services.py` only (asked → answered or
withdrawn; "overdue" is an asked request past its due date, derived, never stored). Its due date is
counted by `cases.deadlines.due_in_working_days` on the department's office calendar: one clock.
The hand-over and the dysfunctions reuse the same parts: the one clock, a `ShareLink` (the hand-over's purpose)
and claim columns for reminders.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.cases.models import Case, Department, Document, Message, Office
from accord.people.models import Language


class DepartmentContact(models.Model):
    """How a department is reached: its shared address, its head's (escalation), its office (working days)."""

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, related_name="contact", verbose_name=_("department")
    )
    shared_email = models.EmailField(_("shared address"), blank=True)
    head_email = models.EmailField(_("head's address (escalation)"), blank=True)
    office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    language = models.CharField(
        _("language of the shared address"), max_length=2, choices=Language.choices, default=Language.FR
    )

    class Meta:
        verbose_name = _("department contact")
        verbose_name_plural = _("department contacts")

    def __str__(self) -> str:
        return str(self.department)


class Liaison(models.Model):
    """A staff account (role liaison) answering for a department; one person may answer for several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="liaisons", verbose_name=_("account")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="liaisons", verbose_name=_("department")
    )

    class Meta:
        verbose_name = _("liaison")
        verbose_name_plural = _("liaisons")
        constraints = [models.UniqueConstraint(fields=["user", "department"], name="liaison_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.department}"


class RequestKind(models.TextChoices):
    INFORMATION = "information", _("Information request")


class RequestState(models.TextChoices):
    ASKED = "asked", _("Asked")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InformationRequest(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="information_requests")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=20, choices=RequestKind.choices, default=RequestKind.INFORMATION)
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    working_days = models.PositiveIntegerField(_("working days to answer"))
    due_date = models.DateField(_("answer due on"))
    state = models.CharField(max_length=20, choices=RequestState.choices, default=RequestState.ASKED)
    # The member's page says "we asked <department>; their answer is due on …" unless the mediator chose not to.
    show_to_member = models.BooleanField(_("tell the member"), default=True)
    # What the department may see: chosen explicitly, nothing by default; recorded on the timeline too.
    shared_documents = models.ManyToManyField(Document, blank=True, related_name="+")
    shared_messages = models.ManyToManyField(Message, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Claims (conditional UPDATE): the due date each notice was sent for, so each goes once per due date.
    reminded_for = models.DateField(null=True, blank=True)
    overdue_for = models.DateField(null=True, blank=True)
    escalated_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        indexes = [models.Index(fields=["state", "due_date"], name="request_state_due")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.department_id} ({self.state})"

    @property
    def is_overdue(self) -> bool:
        return self.state == RequestState.ASKED and self.due_date < timezone.localdate()

    @property
    def display_state(self) -> str:
        return "overdue" if self.is_overdue else self.state


class AnswerChannel(models.TextChoices):
    ACCORD = "accord", _("In Accord")
    EMAIL = "email", _("By e-mail")
    LINK = "link", _("Through the department's link")


class RequestAnswer(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="answers")
    body = models.TextField(_("answer"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    # Who wrote, as the department's address or an e-mail sender: shown with the answer.
    author_email = models.CharField(max_length=254, blank=True)
    channel = models.CharField(max_length=10, choices=AnswerChannel.choices)
    documents = models.ManyToManyField(Document, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # An answer by e-mail: the message as it arrived (the mailbox keeps it raw, for the mediator to download).
    inbound = models.OneToOneField(
        "mailbox.InboundEmail", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} answer {self.pk}"


class HeldReplyReason(models.TextChoices):
    SENDER = "sender", _("It did not come from one of the department's liaisons or addresses.")
    WITHDRAWN = "withdrawn", _("It came after the request was withdrawn.")


class HeldReplyDecision(models.TextChoices):
    ACCEPTED = "accepted", _("Taken as the department's answer")
    SET_ASIDE = "set_aside", _("Set aside")


class HeldReply(models.Model):
    """A reply by e-mail to a request that Accord did not take as the department's answer by itself
    (departments/mail.py): kept on the case, flagged for the mediator until they decide, never dropped.

    A From address proves nothing: a reply threaded to the request from someone who is not one of the
    department's liaisons nor its shared or head address (a colleague it was forwarded to, or a forged
    sender) waits here for the mediator to take it as the answer or set it aside; so does a reply to a
    withdrawn request, which takes no answer."""

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="held_replies")
    inbound = models.OneToOneField("mailbox.InboundEmail", on_delete=models.PROTECT, related_name="+")
    from_email = models.CharField(max_length=254)
    from_name = models.CharField(max_length=300, blank=True)
    # What the sender wrote this time (the quoted history trimmed); the whole message stays on `inbound`.
    body = models.TextField(blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="+")
    reason = models.CharField(max_length=20, choices=HeldReplyReason.choices)
    received_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=20, choices=HeldReplyDecision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.OneToOneField(RequestAnswer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} held reply from {self.from_email}"


class RequestEmail(models.Model):
    """An e-mail sent about a request: a reply to it (In-Reply-To/References) is the department's answer."""

    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="emails")
    email = models.OneToOneField("notifications.OutboundEmail", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=20)  # asked, reminder, overdue, withdrawn, escalation

    def __str__(self) -> str:
        return f"{self.request_id} {self.purpose}"


class ShareLink(models.Model):
    """One way to share with outsiders: a signed, expiring, revocable grant naming exactly what it opens.

    `purpose` says what it is for (today an answer to one information request; later an external
    mediator's or the committee's access); `request` is what it opens. The token is an HMAC of the
    row's id and expiry (sharing.py): nothing secret is stored, and a link is good only while the row
    says so (not used, not revoked, not expired). Every use and refusal is a `ShareLinkUse`."""

    purpose = models.CharField(max_length=30)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="share_links")
    request = models.ForeignKey(
        InformationRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="links"
    )
    # Purpose "handover": the complaint handed over to a department without liaisons (departments/handover.py).
    handover = models.ForeignKey("Handover", null=True, blank=True, on_delete=models.PROTECT, related_name="links")
    recipient = models.CharField(max_length=254)
    language = models.CharField(max_length=2, choices=Language.choices)
    single_use = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.purpose} {self.pk}"

    @property
    def state(self) -> str:
        """open, used, revoked or expired (what the row says; permissions.share_link_refused adds the request's)."""
        if self.used_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


# What each use of a link is, as the mediator reads it on the request's card.
SHARE_LINK_USE_LABELS = {
    "view": _("opened"),
    "download": _("document downloaded"),
    "answer": _("answer sent"),
    "refused_used": _("refused: already used"),
    "refused_expired": _("refused: expired"),
    "refused_revoked": _("refused: revoked"),
    "refused_withdrawn": _("refused: request withdrawn"),
    "refused_ended": _("refused: the hand-over has ended"),
    "accept": _("hand-over accepted"),
    "decline": _("hand-over declined"),
    "settle": _("settled with the member"),
    "refused_staff": _("refused: opened by a signed-in member of staff"),
}


class ShareLinkUse(models.Model):
    link = models.ForeignKey(ShareLink, on_delete=models.PROTECT, related_name="uses")
    action = models.CharField(max_length=30)  # SHARE_LINK_USE_LABELS
    at = models.DateTimeField(default=timezone.now)
    # The case's AccessLog entry written with each use carries its detail (the document downloaded).
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.link_id} {self.action}"

    @property
    def label(self) -> str:
        return str(SHARE_LINK_USE_LABELS.get(self.action, self.action))


# -- Dysfunctions --
# What went wrong in the cooperative's process, revealed by a case and addressed to a department, which must
# respond. Its `state` is written by `departments/dysfunctions.py` only; every step (the department's
# responses, the mediator's closing and reopening) is a `DysfunctionStep`, never changed afterwards.


class DysfunctionState(models.TextChoices):
    RECORDED = "recorded", _("Recorded, awaiting the department's response")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the department")
    DISPUTED = "disputed", _("Disputed by the department")
    ACTION_PLANNED = "action_planned", _("Action planned")
    DONE = "done", _("Action done")
    CLOSED = "closed", _("Closed")


class Dysfunction(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="dysfunctions")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="dysfunctions", verbose_name=_("department")
    )
    category = models.ForeignKey(
        "cases.Category", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what went wrong"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    working_days = models.PositiveIntegerField(_("working days to respond"))
    # The department's response is due on this day (counted on its office's calendar); a reopening sets a new one.
    due_date = models.DateField(_("response due on"))
    state = models.CharField(max_length=20, choices=DysfunctionState.choices, default=DysfunctionState.RECORDED)
    # The date of the action the department planned last (followed like a due date while the action is planned).
    planned_for = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Claims (conditional UPDATE): the date each notice was sent for, so each goes once per date.
    reminded_for = models.DateField(null=True, blank=True)
    overdue_for = models.DateField(null=True, blank=True)
    escalated_for = models.DateField(null=True, blank=True)
    action_reminded_for = models.DateField(null=True, blank=True)
    action_overdue_for = models.DateField(null=True, blank=True)
    action_escalated_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        indexes = [
            models.Index(fields=["state", "due_date"], name="dysfunction_state_due"),
            models.Index(fields=["department", "state"], name="dysfunction_department_state"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.department_id}: {self.title}"

    @property
    def is_overdue(self) -> bool:
        """The department's response is late, or its planned action is past its date and not done."""
        today = timezone.localdate()
        if self.state == DysfunctionState.RECORDED:
            return self.due_date < today
        return (
            self.state == DysfunctionState.ACTION_PLANNED and self.planned_for is not None and self.planned_for < today
        )

    @property
    def last_step(self):
        """The latest response or decision (from the prefetched history when there is one)."""
        steps = list(self.steps.all())
        return steps[-1] if steps else None


class DysfunctionStepKind(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledged")
    DISPUTE = "dispute", _("Disputed")
    PLAN = "plan", _("Action planned")
    DONE = "done", _("Action done")
    CLOSE = "close", _("Closed by the mediator")
    REOPEN = "reopen", _("Reopened by the mediator")


class DysfunctionStep(models.Model):
    """One response of the department, or the mediator closing or reopening: the dysfunction's history."""

    dysfunction = models.ForeignKey(Dysfunction, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(max_length=20, choices=DysfunctionStepKind.choices)
    text = models.TextField(blank=True)
    planned_for = models.DateField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.dysfunction_id} {self.kind}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A dysfunction's history is append-only.")
        super().save(*args, **kwargs)


# -- Hand-overs --
# A complaint not first raised with the department (art. 5(4)(a)) is handed over to it with the member's consent
# (`departments/handover.py`, the only writer of a hand-over's state; the case's status is the workflow's:
# "with the department"). The department accepts or declines with a reason, then answers the member by its due
# date (counted on its office's calendar: the one clock); Accord follows it with reminders, an overdue notice and
# escalation, each once per due date (the claim columns, as for requests).


class HandoverState(models.TextChoices):
    OFFERED = "offered", _("Sent, awaiting the department's acceptance")
    ACCEPTED = "accepted", _("Accepted by the department")
    SETTLED = "settled", _("Settled by the department")
    DECLINED = "declined", _("Declined by the department")
    ENDED = "ended", _("Ended (taken back, or the case ended)")


class Handover(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="handovers")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("department")
    )
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handed_at = models.DateTimeField(default=timezone.now)
    # The member's consent, as the mediator recorded it (cases.models.HandoverConsent, and when and what was said).
    consent = models.CharField(_("how the member consented"), max_length=20)
    consent_note = models.TextField(_("the member's consent"))
    note = models.TextField(_("note to the department"), blank=True)
    # What the department may see besides the complaint itself: chosen explicitly, nothing by default.
    shared_documents = models.ManyToManyField(Document, blank=True, related_name="+")
    working_days = models.PositiveIntegerField(_("working days to answer the member"))
    due_date = models.DateField(_("answer to the member due on"))
    state = models.CharField(max_length=20, choices=HandoverState.choices, default=HandoverState.OFFERED)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # The department's decision and answer: who (an account, or the address its link went to), when, its words.
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author_email = models.CharField(max_length=254, blank=True)
    decline_reason = models.TextField(blank=True)
    answer = models.TextField(_("the department's answer to the member"), blank=True)
    outcome = models.CharField(max_length=20, blank=True)
    ended_reason = models.TextField(blank=True)
    # Claims (conditional UPDATE): the due date each notice was sent for, so each goes once per due date.
    reminded_for = models.DateField(null=True, blank=True)
    overdue_for = models.DateField(null=True, blank=True)
    escalated_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["handed_at", "id"]
        indexes = [models.Index(fields=["state", "due_date"], name="handover_state_due")]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.department_id} ({self.state})"

    @property
    def is_waiting(self) -> bool:
        """Still the department's to answer (the case is with it)."""
        return self.state in (HandoverState.OFFERED, HandoverState.ACCEPTED)

    @property
    def is_overdue(self) -> bool:
        return self.is_waiting and self.due_date < timezone.localdate()
