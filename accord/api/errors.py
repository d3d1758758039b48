"""The API's one error shape, whatever went wrong:

    {"error": {"code": "...", "message": "...", "fields": {"complainant.email": ["..."]}}}

`code` is stable (for programs), `message` is for people, in the request's language
(LocaleMiddleware reads Accept-Language on the API's unprefixed URLs); `fields` comes with
validation errors only. An unexpected exception is logged with its traceback and answered as
a 500 in the same shape (`server_error`), never Django's HTML page, and tells nothing of its cause.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler, set_rollback

from accord.core.errorpages import DATABASE_UNAVAILABLE, failure_response
from accord.core.errors import AccordError, ValidationFailed

logger = logging.getLogger("accord.api")

SERVER_ERROR_MESSAGE = _("Something went wrong on our side; it has been logged. Please try again later.")


def api_exception_handler(exc, context):
    if isinstance(exc, AccordError):
        set_rollback()
        return Response(error_body(exc.code, str(exc)), status=exc.status)
    # DRF's own handler turns Django's 404/403 into its exceptions and sets the headers
    # (WWW-Authenticate on 401, Retry-After on 429); only the body is rewritten here.
    response = exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        if isinstance(exc, DATABASE_UNAVAILABLE) and request is not None:
            # The database is down or locked: the same 503 (Retry-After, the one shape) as everywhere else.
            logger.error("database unavailable on %s %s", request.method, request.path, exc_info=exc)
            set_rollback()
            return failure_response(request, unavailable=True)
        logger.error(
            "Unexpected error on %s %s", getattr(request, "method", "?"), getattr(request, "path", "?"), exc_info=exc
        )
        set_rollback()
        return Response(error_body("server_error", str(SERVER_ERROR_MESSAGE)), status=500)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(
            ValidationFailed.code, str(ValidationFailed.message), fields=field_messages(exc.detail)
        )
    else:
        code = exc.detail.code if isinstance(exc.detail, exceptions.ErrorDetail) else exc.default_code
        response.data = error_body(code, str(exc.detail))
    return response


def error_body(code: str, message: str, *, fields: dict | None = None) -> dict:
    error = {"code": code, "message": message}
    if fields is not None:
        error["fields"] = fields
    return {"error": error}


def field_messages(detail, path: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as one flat mapping: {"complainant.email": ["..."]}."""
    if isinstance(detail, dict):
        items = [(str(key), value) for key, value in detail.items()]
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        items = [(str(index), value) for index, value in enumerate(detail) if value]
    else:
        messages = detail if isinstance(detail, list) else [detail]
        return {path or api_settings.NON_FIELD_ERRORS_KEY: [str(message) for message in messages]}
    fields: dict[str, list[str]] = {}
    for key, value in items:
        fields.update(field_messages(value, f"{path}.{key}" if path else key))
    return fields
