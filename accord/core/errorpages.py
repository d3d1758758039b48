"""The pages shown when Accord fails (500) or its database is down or locked (503), in the URL's language.

They never touch the database: rendered from settings and the request alone, without context processors
(no session, no user, no messages), so they still work when the database does not. On a form that names
the text it keeps (`keeps_text_on_failure`), what the person wrote is shown read-only, to copy, escaped;
no other field (e-mail, phone, tokens) is ever echoed.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from accord.core.contact import service_contact

logger = logging.getLogger(__name__)

# What "the database is unavailable" looks like: it is down, unreachable, locked, read-only, or the
# connection dropped. Other database errors (integrity, data, programming) are bugs: a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def keeps_text_on_failure(form_class, *field_names):
    """Mark a view whose POSTed `field_names` the failure pages show back to the person, to copy."""

    def decorate(view):
        view.accord_kept_text = (form_class, field_names)
        return view

    return decorate


def _kept_text(request) -> list[dict]:
    if request.method != "POST":
        return []
    # A failure in a middleware (reading the session from a database that is down) comes before the URL
    # is resolved: resolve it here (no database involved) so the text is kept there too.
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    kept = getattr(match.func, "accord_kept_text", None) if match else None
    if not kept:
        return []
    form_class, field_names = kept
    try:
        data = request.POST
    except Exception:  # an unreadable body has nothing to give back
        return []
    return [
        {"name": name, "label": form_class.base_fields[name].label, "value": data.get(name, "")}
        for name in field_names
        if data.get(name, "").strip()
    ]


def failure_response(request, *, unavailable: bool) -> HttpResponse:
    status = 503 if unavailable else 500
    if request.path_info.startswith("/api/"):
        # The API's one error shape, in the Accept-Language language LocaleMiddleware chose.
        if unavailable:
            code, message = "unavailable", _("The service is unavailable for a moment. Please try again shortly.")
        else:
            code, message = "server_error", _("Something went wrong on our side. Please try again later.")
        response = JsonResponse({"error": {"code": code, "message": message}}, status=status)
    else:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            content = render_to_string(
                "core/failure.html",
                {
                    "request": request,
                    "unavailable": unavailable,
                    "kept_text": _kept_text(request),
                    "contact": service_contact(),
                },
            )
        response = HttpResponse(content, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # it may hold what the person wrote
    return response
