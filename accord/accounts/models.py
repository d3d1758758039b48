from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INTAKE = "intake", _("Intake staff")
    MEDIATOR = "mediator", _("Mediator")
    ADMINISTRATOR = "administrator", _("Administrator")


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

    @property
    def is_mediator(self) -> bool:
        return self.is_active and self.role == Role.MEDIATOR

    @property
    def is_intake(self) -> bool:
        return self.is_active and self.role == Role.INTAKE

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.role == Role.ADMINISTRATOR or self.is_superuser)

    def __str__(self) -> str:
        return self.get_full_name() or self.username
