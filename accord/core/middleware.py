import logging

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from accord.core.errorpages import DATABASE_UNAVAILABLE, failure_response
from accord.core.errors import AccordError

logger = logging.getLogger(__name__)
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class AccordErrorMiddleware:
    """Renders an AccordError that a view let through as a page in the user's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AccordError):
            return render(
                request,
                "core/error.html",
                {"error": exception},
                status=exception.status,
            )
        return None


class DatabaseUnavailableMiddleware:
    """A database that is down, unreachable or locked answers a translated 503 page (Retry-After), not a 500.

    Errors raised outside views (a middleware saving the session) reach `handler500`
    (`core.views.server_error`), which tells them apart the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.error("database unavailable on %s %s", request.method, request.path, exc_info=exception)
            return failure_response(request, unavailable=True)
        return None


# Pages that show a person's case, a staff member's work or the API's data: never kept by a browser or a
# proxy cache (back button on a shared computer, a caching proxy in between). The language prefix is stripped.
NO_STORE_PREFIXES = ("staff/", "admin/", "accounts/", "my-case/", "complaint/sent/")


class NoStoreMiddleware:
    """`Cache-Control: no-store` on staff pages, the admin, the API, the member's pages and downloads.

    Also on any page answered to a browser with a session (a logged-in member of staff sees their name
    in the header of every page). Read from the path and the cookie only: no database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._private(request):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _private(request) -> bool:
        path = request.path_info.lstrip("/")
        if path.startswith("api/"):
            return True
        language, _, rest = path.partition("/")
        if language in LANGUAGE_CODES and rest.startswith(NO_STORE_PREFIXES):
            return True
        return settings.SESSION_COOKIE_NAME in request.COOKIES
