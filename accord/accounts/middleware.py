import time

from django.conf import settings
from django.contrib.auth import logout

from accord.accounts.two_factor import session_is_fully_verified
from accord.accounts.views import LOGIN_REASON

LAST_SEEN = "accord_last_seen"
# The last-seen time is written at most this often (seconds): not one session write per request.
LAST_SEEN_RESOLUTION = 60


class StaffSessionMiddleware:
    """Ends a staff session that was idle too long (`ACCORD_STAFF_IDLE_MINUTES`) or that lacks a second
    factor its user owes (a role changed to mediator, a device reset, a session from before 2FA).

    The request then goes on as an anonymous one: staff pages send to the login page, the API answers
    401. Members never log in (their link is their key), so their pages are never staff sessions.
    After AuthenticationMiddleware and django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN)
        if last_seen is not None and now - last_seen > settings.ACCORD_STAFF_IDLE_MINUTES * 60:
            reason = "idle"
        elif not session_is_fully_verified(request):
            reason = "verify"
        else:
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN] = now
            return
        logout(request)
        request.session[LOGIN_REASON] = reason
