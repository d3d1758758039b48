from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # No mail server configured (development): kept here, readable in the outbox.
    KEPT = "kept", _("Kept (no mail server configured)")
    NO_ADDRESS = "no_address", _("Not sent: no e-mail address")


class OutboundEmail(models.Model):
    """Every e-mail Accord writes, kept whatever becomes of its delivery."""

    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="emails")
    template = models.CharField(max_length=40)
    to = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    language = models.CharField(max_length=2)
    message_id = models.CharField(max_length=250, unique=True)
    in_reply_to = models.CharField(max_length=250, blank=True)
    references = models.TextField(blank=True)
    automatic = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


# What each e-mail to the member is, as shown on the case's timeline and in the outbox.
EMAIL_TEMPLATE_LABELS = {
    "acknowledgement": _("Acknowledgement with the reference and delays"),
    "acknowledged": _("Taken in charge"),
    "admissible": _("Complaint admissible"),
    "refused": _("Refusal with its reasons"),
    "message": _("Message from the mediator"),
    "redirected": _("Passed to the service concerned"),
    "answer": _("Written answer"),
    "closed": _("Case closed"),
    "withdrawn": _("Withdrawal confirmed"),
    "reopened": _("Case reopened"),
    "new_link": _("New private link"),
    "extended": _("Delay extended"),
}
