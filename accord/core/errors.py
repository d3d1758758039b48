"""Accord's one family of application errors: coded, translated, shown in the user's language.

Services raise them; views turn them into a message on the page (or a 4xx page), and the
error middleware catches any that escape. The code is stable (for logs and the API), the
message is for people.
"""

from django.utils.translation import gettext_lazy as _


class AccordError(Exception):
    code = "error"
    message = _("Something went wrong.")
    status = 400

    def __init__(self, message=None, *, code: str | None = None, **params):
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        self.params = params
        super().__init__(str(self))

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text


class PermissionDenied(AccordError):
    code = "permission_denied"
    message = _("You may not do this on this case.")
    status = 403


class NotFound(AccordError):
    code = "not_found"
    message = _("This page does not exist or is no longer available.")
    status = 404


class TransitionNotAllowed(AccordError):
    code = "transition_not_allowed"
    message = _("This step is not possible in the case's current status.")
    status = 409


class ValidationFailed(AccordError):
    code = "invalid"
    message = _("Some information is missing or wrong.")


class NulCharacter(AccordError):
    """A NUL byte in what a user sent: PostgreSQL refuses it in text, and no person types one."""

    code = "nul_character"
    message = _("The address or the form contains a character that is not allowed (a NUL byte).")
