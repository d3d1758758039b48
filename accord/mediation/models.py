"""Mediation itself (issue 9): a proposal to the case's parties, each party's consent, and the confidential tier.

A `Mediation`'s state and each `Participant`'s answer are written by `mediation/services.py` only:

    proposed ──every party accepts──▶ under_way ──end──▶ ended (settled / not settled)
        ├──a party declines──▶ declined          (the complaint goes on as it was)
        └──the mediator withdraws──▶ withdrawn

`ConfidentialNote` is the confidential tier (Code judiciaire art. 1728, loi 95-125 art. 21-3): what the
mediators write about sessions and private sessions, read by the case's mediators alone
(`mediation/permissions.py`). It is never on the timeline (only that a note was written, by whom), in the
API, an export, the report or the search: nothing outside this app reads the model.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.cases.models import Case, Party


class MediationState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the parties' answers")
    UNDER_WAY = "under_way", _("Under way")
    DECLINED = "declined", _("Declined by a party")
    WITHDRAWN = "withdrawn", _("Proposal withdrawn")
    ENDED = "ended", _("Ended")


OPEN_STATES = (MediationState.PROPOSED, MediationState.UNDER_WAY)


class Mediation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="mediations")
    # What the parties are asked to work towards (seed 004: a goal turned to the future, attractive to all).
    purpose = models.TextField(_("purpose of the mediation"))
    state = models.CharField(max_length=20, choices=MediationState.choices, default=MediationState.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Why it was withdrawn or how it ended, in the mediator's words (told to the parties).
    end_reason = models.TextField(blank=True)
    # Ended with an agreement every party accepted (amicable settlement).
    settled = models.BooleanField(default=False, db_default=False)

    class Meta:
        verbose_name = _("mediation")
        verbose_name_plural = _("mediations")
        ordering = ["proposed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(state__in=["proposed", "under_way"]),
                name="mediation_one_open_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Answer(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AnswerVia(models.TextChoices):
    MEMBER_PAGE = "member_page", _("On the member's private page")
    LIAISON = "liaison", _("By the department's liaison, signed in")
    MEDIATOR = "mediator", _("Recorded by the mediator (given by phone, letter or e-mail)")


class Participant(models.Model):
    """A party invited to the mediation and its answer: mediation is voluntary, so each party's consent and its
    undertaking to keep what is said confidential are recorded, with when and how they were given."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="participants")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_via = models.CharField(max_length=20, choices=AnswerVia.choices, blank=True)
    # The account that answered (a liaison) or recorded the answer (a mediator); none on the member's page.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # How the mediator knows (a phone call on 3 March…), when they record the answer.
    answer_note = models.TextField(blank=True)
    confidentiality_accepted_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["mediation", "party"], name="participant_once")]

    def __str__(self) -> str:
        return f"{self.mediation_id} {self.party_id}: {self.answer}"


class NoteKind(models.TextChoices):
    SESSION = "session", _("Session note")
    CAUCUS = "caucus", _("Private session with one party")


class ConfidentialNote(models.Model):
    """The confidential tier: append-only, read by the case's mediators alone."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(_("kind"), max_length=10, choices=NoteKind.choices)
    # A private session is with one party.
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="session", party__isnull=True) | models.Q(kind="caucus", party__isnull=False),
                name="note_caucus_names_its_party",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mediation_id} {self.kind} {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A confidential note is append-only.")
        super().save(*args, **kwargs)


class MeetingKind(models.TextChoices):
    ORIENTATION = "orientation", _("Orientation meeting")
    SESSION = "session", _("Mediation session")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person, at an office")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """A meeting of the mediation: its invitation is an iCalendar event (mediation/invitations.py) whose `uid`
    never changes and whose `sequence` rises with each change, so calendars update the event they hold."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=MeetingKind.choices)
    mode = models.CharField(_("how"), max_length=20, choices=MeetingMode.choices)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=90)
    office = models.ForeignKey(
        "cases.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    room = models.CharField(_("room"), max_length=120, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    # For a phone meeting: who calls whom, in the mediator's words.
    phone_note = models.CharField(_("how the call is made"), max_length=200, blank=True)
    state = models.CharField(max_length=20, choices=MeetingState.choices, default=MeetingState.SCHEDULED)
    uid = models.CharField(max_length=120, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    # Claim (conditional UPDATE): the day the reminder went for, so it goes once whatever the workers.
    reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["state", "starts_at"], name="meeting_state_start")]

    def __str__(self) -> str:
        return f"{self.mediation_id} {self.kind} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        from datetime import timedelta

        return self.starts_at + timedelta(minutes=self.duration_minutes)


class Attendance(models.Model):
    """Who came: recorded by a case's mediator after the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    attended = models.BooleanField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "participant"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.participant_id}: {self.attended}"


class AgreementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed to the parties")
    ACCEPTED = "accepted", _("Accepted by every party")


class Agreement(models.Model):
    """What the parties agreed, drafted by the mediator and accepted by each party on its page. Once every
    party has accepted, its PDF (in the case's language) is kept on the case and the mediation ends settled.
    Not confidential material: the agreement is the parties' own, read by them and followed."""

    mediation = models.OneToOneField(Mediation, on_delete=models.PROTECT, related_name="agreement")
    summary = models.TextField(_("what the parties agreed"))
    state = models.CharField(max_length=20, choices=AgreementState.choices, default=AgreementState.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    proposed_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # The version the parties accepted, as a PDF on the case (shared with the member).
    document = models.ForeignKey("cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.mediation_id}: {self.state}"


class Undertaking(models.Model):
    """One party's commitment in the agreement, by a date; followed until done."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="undertakings")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("who"))
    text = models.TextField(_("undertakes to"))
    due_date = models.DateField(_("by"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "mediator", "liaison" or "member": who said it was done.
    done_via = models.CharField(max_length=20, blank=True)
    # Claims (conditional UPDATE): the due date each notice went for, so each goes once.
    reminded_for = models.DateField(null=True, blank=True)
    overdue_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.party_id}: {self.due_date}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_date < timezone.localdate()


class AgreementAcceptance(models.Model):
    """A party's acceptance of the agreement as proposed (recorded with how it came)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="acceptances")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)
    via = models.CharField(max_length=20, choices=AnswerVia.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agreement", "participant"], name="acceptance_once")]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.participant_id}"
