"""The public form's rate limit: valid complaints per client address, and the sum that lets a person past it.

Counted in the shared database cache by django-ratelimit (`get_usage`), keyed on `core.http.client_ip`
(behind trusted proxies, the address they saw). A count that cannot be read (the database failing) is no
limit (settings.RATELIMIT_FAIL_OPEN): the request goes on and meets the database's own error, a 503 page.
"""

from dataclasses import dataclass

from django.conf import settings
from django_ratelimit.core import get_usage

from accord.core.http import client_ip
from accord.public.forms import ChallengeForm


def _usage(request, group: str, rate: str, *, increment: bool) -> dict | None:
    return get_usage(request, group=group, key=lambda _group, r: client_ip(r), rate=rate, increment=increment)


@dataclass
class LimitReached:
    seconds_left: int  # until the window ends and the address may file again
    answered: ChallengeForm | None  # the question this post answered (wrongly, or once too often), if any
    offer_challenge: bool  # False once this address has used up its passes by the question


def complaint_limit_check(request) -> LimitReached | None:
    """Count this valid complaint; None when it may be filed, else why not and what way on to offer.

    Call it only once the form is valid: invalid posts never count.
    """
    usage = _usage(request, "complaint", settings.ACCORD_COMPLAINT_RATE, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    answered = ChallengeForm(request.POST) if ChallengeForm.prefix + "-token" in request.POST else None
    rate = settings.ACCORD_COMPLAINT_CHALLENGE_RATE
    if answered is not None and answered.is_valid():
        passes = _usage(request, "complaint-challenge", rate, increment=True)
        if passes is None or not passes["should_limit"]:
            return None
    passes = _usage(request, "complaint-challenge", rate, increment=False)
    return LimitReached(
        seconds_left=max(1, usage["time_left"]),
        answered=answered,
        offer_challenge=passes is None or passes["count"] < passes["limit"],
    )
