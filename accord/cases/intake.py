"""The rules a complaint follows whatever its channel (web form, intake form, API, e-mail), written once.

- a way to reach the member: an e-mail address or a phone number;
- the phone in E.164 (`people.services.phone_normalise`, `phonenumbers`), a number without a country code read
  as one of the office's country;
- no date received in the future (a few minutes' slack for a partner's or a sender's clock).

`services.complaint_receive` applies `complaint_check` to every complaint, so a new channel cannot miss them. The
forms (`forms.ComplainantFields`) and the API (`api.serializers.CaseCreateInput`) call it first too, to show each
broken rule on its own field: `ComplaintInvalid.errors`, keyed by the field's name.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.errors import ValidationFailed
from accord.people.services import phone_normalise

RECEIVED_AT_SLACK = timedelta(minutes=5)


class ComplaintInvalid(ValidationFailed):
    """One or more rules broken. `errors` maps each field ("email", "phone", "received_at") to its error; the
    exception reads as the first of them (code and message) for a caller that shows one."""

    def __init__(self, errors: dict[str, ValidationFailed]):
        self.errors = errors
        first = next(iter(errors.values()))
        super().__init__(first.message, code=first.code)


@dataclass(frozen=True)
class CheckedComplaint:
    complainant: dict  # as given, the phone in E.164
    received_at: datetime | None  # as given (None: now)


def complaint_check(*, complainant: dict, country: str, received_at: datetime | None = None) -> CheckedComplaint:
    """The complaint's details checked against the channels' rules; raises ComplaintInvalid with every error."""
    errors: dict[str, ValidationFailed] = {}
    complainant = dict(complainant)
    try:
        complainant["phone"] = phone_normalise(complainant.get("phone") or "", country=country)
    except ValidationFailed as error:
        errors["phone"] = error
    # A phone given but unreadable is its own error, not a missing way to reach the member.
    if not (complainant.get("email") or "").strip() and not (complainant.get("phone") or "").strip():
        errors["email"] = ValidationFailed(
            _("Give at least an e-mail address or a phone number to reach the member."), code="contact_required"
        )
    if received_at is not None and received_at > timezone.now() + RECEIVED_AT_SLACK:
        errors["received_at"] = ValidationFailed(
            _("The date received cannot be in the future."), code="received_in_future"
        )
    if errors:
        raise ComplaintInvalid(errors)
    return CheckedComplaint(complainant=complainant, received_at=received_at)
