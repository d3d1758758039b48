"""Facts about a request that every view shares: who is on the other end."""

from functools import lru_cache

from django.conf import settings

from accord.lib.clientaddress import TrustedProxies, client_address, trusted_proxies_parse


@lru_cache(maxsize=8)
def _trusted(value: str) -> TrustedProxies:
    return trusted_proxies_parse(value)


def client_ip(request) -> str:
    """The client's address: behind the proxies of ACCORD_TRUSTED_PROXIES, the one they saw; else REMOTE_ADDR."""
    return client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        _trusted(settings.ACCORD_TRUSTED_PROXIES),
    )


def client_ip_logged(request) -> str | None:
    """The client's address as the access log keeps it (None when unknown)."""
    return client_ip(request) or None
