import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_digest(key: str) -> str:
    """What is stored of a token: its SHA-256. The token is 256 random bits, so no salt or slow hash is
    needed (nothing to guess from the digest), and the digest is an exact, indexed lookup."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A service account's API token (one per account), stored hashed: shown once when created."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="api_token"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
