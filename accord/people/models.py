from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.lib.text import folded


class Language(models.TextChoices):
    FR = "fr", "Français"
    NL = "nl", "Nederlands"
    EN = "en", "English"


class Person(models.Model):
    """A complainant. Recognised again by e-mail address only (kept in lower case); a member number, phone
    or name given with a complaint is a claim a mediator confirms (cases/identity.py)."""

    name = models.CharField(_("name"), max_length=200)
    # The name for the queue's accent-insensitive search (lib.text.folded), kept in step by save().
    name_folded = models.CharField(max_length=200, blank=True, editable=False, db_default="")
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, help_text=_("International format, e.g. +32 470 12 34 56")
    )
    member_number = models.CharField(_("member number"), max_length=30, blank=True)
    language = models.CharField(_("preferred language"), max_length=2, choices=Language.choices, default=Language.FR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["email"], name="person_email"),
            models.Index(fields=["member_number"], name="person_member_number"),
            # The identity rule looks every new complaint's phone up (claims on another record).
            models.Index(fields=["phone"], name="person_phone"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = folded(self.name)[:200]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_folded"}
        super().save(*args, **kwargs)
