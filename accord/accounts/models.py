from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INTAKE = "intake", _("Intake staff")
    MEDIATOR = "mediator", _("Mediator")
    ADMINISTRATOR = "administrator", _("Administrator")
    # Answers the requests addressed to their department(s) (departments.Liaison); sees nothing else.
    LIAISON = "liaison", _("Department liaison")


class User(AbstractUser):
    """A member of staff. Members never log in: they use their case's private link."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.INTAKE)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("fr", "Français"), ("nl", "Nederlands"), ("en", "English")],
        default="fr",
    )
    intake_unit = models.CharField(
        _("service"),
        max_length=40,
        blank=True,
        help_text=_("For intake staff: the channel their records come by by default."),
    )
    # Whose working days this person keeps: reminders and digests go out on them (else ACCORD_STAFF_CALENDAR).
    office = models.ForeignKey(
        "cases.Office", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("office")
    )

    @property
    def is_mediator(self) -> bool:
        return self.is_active and self.role == Role.MEDIATOR

    @property
    def is_intake(self) -> bool:
        return self.is_active and self.role == Role.INTAKE

    @property
    def is_liaison(self) -> bool:
        return self.is_active and self.role == Role.LIAISON

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.role == Role.ADMINISTRATOR or self.is_superuser)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AppendOnlyError(Exception):
    pass


class AccountChangeKind(models.TextChoices):
    ROLE = "role", _("Role")
    ACTIVE = "active", _("Active")
    SUPERUSER = "superuser", _("Superuser status")
    PASSWORD = "password", _("Password set")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-factor authentication reset")


class AccountChange(models.Model):
    """Who changed whose role, activity, password or second factor, from what to what, when.

    Written by `accounts.services` only (the admin's save calls it); append-only, like the timeline.
    Administrators read it in the admin (view permission, nothing else)."""

    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        User, verbose_name=_("changed by"), on_delete=models.PROTECT, null=True, related_name="account_changes_made"
    )
    user = models.ForeignKey(User, verbose_name=_("account"), on_delete=models.PROTECT, related_name="account_changes")
    kind = models.CharField(_("change"), max_length=20, choices=AccountChangeKind.choices)
    before = models.CharField(_("before"), max_length=40, blank=True)
    after = models.CharField(_("after"), max_length=40, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("account change")
        verbose_name_plural = _("account changes")

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.before} → {self.after}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("account changes are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("account changes are append-only")


class MediatorAbsence(models.Model):
    """Days a mediator is away (holiday, leave), configured by the administrator: on those days the replacement
    rule (cases/assignments.py) does not choose them, and a case moved away from them says why."""

    mediator = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="absences",
        verbose_name=_("mediator"),
        limit_choices_to={"role": "mediator"},
    )
    start = models.DateField(_("first day away"))
    end = models.DateField(_("last day away"))

    class Meta:
        verbose_name = _("mediator's absence")
        verbose_name_plural = _("mediators' absences")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="absence_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.mediator} {self.start} – {self.end}"
