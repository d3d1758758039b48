"""Every e-mail that reached the mediator's mailbox, kept raw whatever became of it.

One row per message, keyed by its Message-ID (or "sha256:<hash of the raw bytes>" when it
has none): the unique key is what makes a second delivery, a second poller or a retry after
a crash find the message already there instead of filing it twice.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InboundState(models.TextChoices):
    NEW = "new", _("Not processed yet")
    ATTACHED = "attached", _("Added to a case")
    NEW_CASE = "new_case", _("New case")
    AUTO_REPLY = "auto_reply", _("Automatic reply: ignored")
    BOUNCE = "bounce", _("Delivery failure report")
    IGNORED = "ignored", _("Ignored")
    NEEDS_ATTENTION = "needs_attention", _("Needs a mediator")
    FAILED = "failed", _("Could not be processed")


# The states a mediator must look at: listed on the mailbox page.
UNRESOLVED_STATES = (InboundState.NEW, InboundState.NEEDS_ATTENTION, InboundState.FAILED)


class Evidence(models.TextChoices):
    """Why a message went where it went (the routing order in services.py)."""

    THREAD = "thread", _("Reply to an e-mail of the case")
    REPLY_ADDRESS = "reply_address", _("Sent to the case's reply address")
    SUBJECT_REFERENCE = "subject_reference", _("Case reference in the subject, from the complainant")
    FORWARDED = "forwarded", _("Forwarded by staff")
    # Claimed by the departments' router (mailbox/routing.py, departments/mail.py).
    REQUEST_REPLY = "request_reply", _("Reply to an e-mail about a request to a department")
    NEW = "new", _("New complaint")


class Reason(models.TextChoices):
    """Why a message is not on a case (shown translated; `InboundEmail.reason` adds the detail)."""

    PARSE_FAILED = "parse_failed", _("The message could not be read.")
    ROUTE_FAILED = "route_failed", _("The message could not be filed.")
    NO_SENDER = "no_sender", _("The message has no sender address: nobody could be recorded as the complainant.")
    STAFF_NO_FORWARD = (
        "staff_no_forward",
        _(
            "Sent by a member of staff, but no forwarded message with its original sender was found in it: "
            "record the complaint from the intake page."
        ),
    )
    MAIL_LOOP = "mail_loop", _("Sent from Accord's own address (a mail loop).")
    AUTO_REPLY = "auto_reply", _("An automatic reply (out of office, auto-responder, mailing list).")
    BOUNCE = "bounce", _("An e-mail Accord sent could not be delivered.")
    BOUNCE_UNKNOWN = "bounce_unknown", _("A delivery failure report about an e-mail Accord did not send.")
    NOT_MEMBER_THREAD = (
        "not_member_thread",
        _(
            "A reply to an e-mail Accord sent a department or a member of staff about this case: not the "
            "member's words, so not added as their message. Read it and act on it from the case."
        ),
    )


class InboundEmail(models.Model):
    message_id = models.CharField(max_length=998, unique=True)
    # Where it was read: the mailbox (imap://host/INBOX, a Maildir path) or the imported archive,
    # and its identity there (the IMAP UIDVALIDITY:UID, the Maildir key, the file name).
    source = models.CharField(max_length=500, blank=True)
    source_uid = models.CharField(max_length=300, blank=True)
    raw = models.BinaryField()
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    # When the mail server got it (IMAP INTERNALDATE, the file's time), when Accord read it,
    # and the date its sender's program wrote in it.
    arrived_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    from_email = models.CharField(max_length=254, blank=True)
    from_name = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=998, blank=True)
    body_text = models.TextField(blank=True)
    # What the sender wrote this time; the quoted history and signature are folded away on display.
    body_new_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=InboundState.choices, default=InboundState.NEW, db_index=True)
    evidence = models.CharField(max_length=20, choices=Evidence.choices, blank=True)
    # Why it failed, needs a mediator or was set aside (translated on display), and the technical
    # detail (the parser's or the mail server's words), shown on the mailbox page.
    reason_code = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    reason = models.TextField(blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="inbound_emails"
    )
    case_message = models.OneToOneField(
        "cases.Message", null=True, blank=True, on_delete=models.PROTECT, related_name="inbound_email"
    )
    # For a bounce: the e-mail Accord sent that could not be delivered.
    bounced_email = models.ForeignKey(
        "notifications.OutboundEmail", null=True, blank=True, on_delete=models.PROTECT, related_name="bounces"
    )
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("incoming e-mail")
        verbose_name_plural = _("incoming e-mails")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["from_email"], name="inbound_from")]

    def __str__(self) -> str:
        return f"{self.from_email}: {self.subject}"

    @property
    def folded_text(self) -> str:
        """The quoted history and signature that the display folds away (kept in body_text)."""
        new = self.body_new_text.strip()
        if not new or new == self.body_text.strip():
            return ""
        return self.body_text
