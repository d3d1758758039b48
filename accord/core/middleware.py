import logging
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from accord.core.errorpages import DATABASE_UNAVAILABLE, failure_response
from accord.core.errors import AccordError, NulCharacter

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
NO_STORE_PREFIXES = ("staff/", "admin/", "accounts/", "my-case/", "department-link/", "complaint/sent/")


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


class NulCharacterMiddleware:
    """Answers 400 to a NUL byte in the path, the query string or a header (cookies included).

    No person types U+0000, PostgreSQL refuses it in every text column, and Django lets it through
    to URL converters, query parameters read without a form, cookies (the session key) and headers
    (an API token): each would reach the database and answer 500. Checked once here, before any
    of them is read: a page in the user's language, or under /api/ the API's error shape. Posted
    form fields are refused by the forms (Django's CharField refuses NUL, field by field, keeping
    the text); uploaded file names are cleaned by Django and by `documents.py`. Placed before the
    session middleware, so it activates the language itself, as LocaleMiddleware would.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return self._bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            return True
        if any(key.startswith("HTTP_") and "\x00" in str(value) for key, value in request.META.items()):
            return True
        # A quoted cookie value may spell the NUL as "\\000": Django unquotes it.
        return any("\x00" in key + value for key, value in request.COOKIES.items())

    @staticmethod
    def _bad_request(request):
        error = NulCharacter()
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            if request.path.startswith("/api/"):
                from accord.api.errors import error_body

                return JsonResponse(error_body(error.code, str(error)), status=error.status)
            # The language switcher links to the home page, never to the address with the NUL in it.
            context = {"error": error, "canonical_path": reverse("public:home")}
            return render(request, "core/error.html", context, status=error.status)
