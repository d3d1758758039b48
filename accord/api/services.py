import secrets

from django.utils import timezone

from accord.api.models import ApiToken, token_digest


def api_token_create(*, user) -> str:
    """Give `user` a new token, replacing any earlier one (which stops working at once); returns it.

    The caller shows it once: Accord keeps only its digest."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.update_or_create(user=user, defaults={"digest": token_digest(key), "created_at": timezone.now()})
    return key
