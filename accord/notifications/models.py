from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    # The server refused it or did not answer: tried again at `next_attempt_at`.
    RETRYING = "retrying", _("Not delivered yet, will retry")
    # Refused for good (permanent refusal, or every retry failed).
    FAILED = "failed", _("Failed")
    # No mail server configured (development): kept here, readable in the outbox.
    KEPT = "kept", _("Kept (no mail server configured)")
    NO_ADDRESS = "no_address", _("Not sent: no e-mail address")


class Audience(models.TextChoices):
    MEMBER = "member", _("Member")
    STAFF = "staff", _("Staff")
    # A department's shared or head address (accord/departments): outside the member's thread and staff accounts.
    DEPARTMENT = "department", _("Department")


class OutboundEmail(models.Model):
    """Every e-mail Accord writes, kept whatever becomes of its delivery."""

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="emails")
    # Members' e-mails thread with each other; staff e-mails (reminders, digests) stay out of that thread.
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.MEMBER)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="emails_received"
    )
    template = models.CharField(max_length=40)
    to = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    language = models.CharField(max_length=2)
    message_id = models.CharField(max_length=250, unique=True)
    in_reply_to = models.CharField(max_length=250, blank=True)
    references = models.TextField(blank=True)
    reply_to = models.CharField(max_length=254, blank=True)
    automatic = models.BooleanField(default=False)
    # An iCalendar invitation (METHOD:REQUEST or CANCEL) sent as a text/calendar part (mediation/invitations.py).
    calendar = models.TextField(blank=True, db_default="")
    delivery = models.CharField(max_length=20, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # When a worker took it for delivery: one that stays "sending" long after was interrupted.
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


# What each e-mail to the member is, as shown on the case's timeline and in the outbox.
EMAIL_TEMPLATE_LABELS = {
    "acknowledgement": _("Acknowledgement with the reference and time limits"),
    "acknowledged": _("Taken on by a mediator"),
    "admissible": _("Complaint admissible"),
    "refused": _("Refusal with its reasons"),
    "message": _("Message from the mediator"),
    "redirected": _("Passed to the service concerned"),
    "answer": _("Written answer"),
    "closed": _("Case closed"),
    "withdrawn": _("Withdrawal confirmed"),
    "reopened": _("Case reopened"),
    "new_link": _("New private link"),
    "extended": _("Time limit extended"),
    "office_changed": _("Office changed"),
    "awaiting_reminder": _("Reminder: we are waiting for the member's answer"),
    "discontinued": _("Case discontinued"),
    "details_changed": _("Contact details changed (to the old address)"),
    "mediator_changed": _("Another mediator handles the case"),
    "no_mediator": _("No mediator free: another body named"),
    "staff_reminder": _("Reminder to the mediator: deadline coming"),
    "staff_overdue": _("Notice to the mediator: deadline passed"),
    "staff_digest": _("Mediator's daily digest"),
    # accord/departments: the e-mails to departments and about their requests that are on a case's timeline.
    "staff_request_answered": _("Notice to the mediator: a department answered"),
    "staff_request_overdue_mediator": _("Notice to the mediator: a department's answer is overdue"),
    "staff_request_reply_held": _("Notice to the mediator: an e-mail about a request to check"),
    "department_request_escalated": _("Unanswered request escalated to the head of the department"),
    "staff_dysfunction_overdue": _("Notice to the mediator: a department's response to a dysfunction is late"),
    "department_dysfunction_escalation": _("Dysfunction not taken up: escalated to the head of the department"),
    "staff_assigned": _("Notice to the mediator: a case given to them"),
    "department_request_link": _("Link to answer sent to the department's shared address"),
    "department_request_link_reminder": _("Reminder to the department's shared address"),
    "department_request_link_overdue": _("Overdue notice to the department's shared address"),
    "department_request_link_withdrawn": _("Request withdrawn: told to the department's shared address"),
    # The hand-over to a department (accord/departments/handover.py).
    "handed_over": _("Handed over to the department, with its date"),
    "handover_settled": _("The department settled the complaint"),
    "handover_declined": _("The department declined: back with the mediator"),
    "handover_taken_back": _("Taken back from the department"),
    "came_back": _("The member came back after the department's answer"),
    "staff_handover_mediator": _("Notice to the mediator about a hand-over"),
    "department_handover_link": _("Hand-over: told to the department's shared address"),
    "department_handover_escalated": _("Hand-over not answered: escalated to the head of the department"),
}


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("Deadline reminder")
    OVERDUE = "overdue", _("Deadline passed")
    DIGEST = "digest", _("Daily digest")


class StaffNotice(models.Model):
    """A reminder, overdue notice or digest sent to a member of staff: the record that it was sent once.

    The unique constraints are what make each notice go once whatever the number of workers: a
    reminder per case, deadline, kind and due date (a deadline moved later gets a new one), a
    digest per mediator and day.
    """

    kind = models.CharField(max_length=10, choices=NoticeKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_notices")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="staff_notices"
    )
    deadline_kind = models.CharField(max_length=20, blank=True)
    # The deadline's due date; for a digest, the day it covers.
    due_date = models.DateField()
    email = models.ForeignKey(OutboundEmail, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "case", "deadline_kind", "due_date"],
                condition=Q(case__isnull=False),
                name="staff_notice_once_per_deadline",
            ),
            models.UniqueConstraint(
                fields=["kind", "user", "due_date"], condition=Q(kind="digest"), name="staff_digest_once_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id} {self.case_id} {self.due_date}"
