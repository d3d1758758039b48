"""What the API accepts and returns. Input serializers only validate (all 400s come from here);
what is done with the data is in the services, what a caller may see in cases/permissions.py.

The published schema (accord/api/schema.py adds what drf-spectacular cannot infer) and these fields
say the same thing: Schemathesis checks it on every run of the tests (tests/test_schemathesis.py).
"""

import re
from datetime import UTC, datetime

from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accord.cases.intake import ComplaintInvalid, complaint_check
from accord.cases.models import Category, Channel, DeadlineKind, OfficeCountry, Status
from accord.people.models import Language

# The earliest date a complaint may have been received (a partner's clock set to year 1 would give
# a reference ACC-1-… and an offset no client can read).
RECEIVED_AT_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
# What str.strip() removes (str.isspace()), spelled out: a schema's \s (ECMA 262) differs from Python's
# (\x1c-\x1f, \x85, \ufeff), and a name of "\x1c" would be valid there and blank here.
SPACES = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# RFC 3339's date-time (what `format: date-time` means): a "T", seconds and an offset are required.
RFC_3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


# Every input serializer: a NUL in any string is refused here, for every field at once (DRF's CharField
# refuses it too, but a category code would reach the database, where PostgreSQL fails). A comment, not
# a docstring: the schema would show it as the description of every input.
class Input(serializers.Serializer):
    def to_internal_value(self, data):
        if isinstance(data, dict):
            refuse_nul = ProhibitNullCharactersValidator()
            errors = {
                name: [str(refuse_nul.message)]
                for name in self.fields
                if isinstance(data.get(name), str) and "\x00" in data[name]
            }
            if errors:
                raise serializers.ValidationError(errors, code=refuse_nul.code)
        return super().to_internal_value(data)


class Text(serializers.CharField):
    """A string, without NUL. Surrounding spaces are removed *after* the length is checked (as the
    schema's maxLength counts them), and a required text must hold more than spaces (the pattern)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        # DRF accepts "" before the validators run when blank is allowed; the pattern keeps "" out of the
        # schema's first branch, so that drf-spectacular's `oneOf [text, ""]` has one match for "".
        printable = r"^[^\x00]+$" if self.allow_blank else rf"^[^\x00]*[^\x00{SPACES}][^\x00]*$"
        self.validators.append(RegexValidator(printable, message=self.error_messages["blank"], code="blank"))

    def to_internal_value(self, data):
        # DRF's CharField would turn 12 into "12": the schema says string.
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)

    def run_validation(self, data=serializers.empty):
        value = super().run_validation(data)
        return value.strip() if isinstance(value, str) else value


class OptionalEmail(serializers.EmailField):
    """An e-mail address (the column holds 254 characters), or empty."""

    def __init__(self, **kwargs):
        super().__init__(max_length=254, required=False, allow_blank=True, trim_whitespace=False, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBoolean(serializers.BooleanField):
    """`true` or `false`, as the schema's boolean is written in a query (DRF also takes yes, on, 1…)."""

    TRUE_VALUES = {"true", True}
    FALSE_VALUES = {"false", False}


class CategoryCode(serializers.SlugRelatedField):
    """An active category's code; the schema lists them (accord/api/schema.py). An empty string is
    refused, not read as null (DRF's related fields would)."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Category.objects.filter(active=True), **kwargs)

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().run_validation(data)


class ReceivedAt(serializers.DateTimeField):
    """An RFC 3339 date-time between 2000-01-01 and a few minutes from now."""

    def to_internal_value(self, value):
        if not (isinstance(value, str) and RFC_3339.fullmatch(value)):
            self.fail("invalid", format="YYYY-MM-DDThh:mm:ss+hh:mm")
        # RFC 3339 allows "t" and "z" and a leap second (:60), which Python's parsers refuse.
        value = value.upper()
        if value[17:19] == "60":
            value = f"{value[:17]}59{value[19:]}"
        return super().to_internal_value(value)


class ComplainantInput(Input):
    name = Text(max_length=200)
    email = OptionalEmail()
    # Checked and written in E.164 by CaseCreateInput (it needs the office's country). Which strings are
    # phone numbers no JSON Schema keyword can say: the description does.
    phone = Text(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="A phone number that exists, with the country code, e.g. +32 470 12 34 56 (else read as one of "
        "the office's country).",
    )
    member_number = Text(max_length=30, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=Language.choices, help_text="The member's preferred language.")


class CaseInput(Input):
    subject = Text(max_length=200)
    description = Text(
        max_length=settings.ACCORD_DESCRIPTION_MAX_CHARS, help_text="The complaint, in the member's words."
    )
    language = serializers.ChoiceField(choices=Language.choices, help_text="The language Accord answers in.")
    office_country = serializers.ChoiceField(choices=OfficeCountry.choices, default=OfficeCountry.BE)
    category = CategoryCode(
        required=False, allow_null=True, default=None, help_text="A category code, if the partner system knows it."
    )
    received_at = ReceivedAt(
        required=False,
        allow_null=True,
        default=None,
        help_text="When the complaint reached the partner (RFC 3339, with its offset), not before "
        "2000-01-01 nor more than 5 minutes ahead of Accord's clock; now if absent.",
    )

    def validate_received_at(self, value):
        # The API's own bound (not in the future is every channel's rule: CaseCreateInput.validate).
        if value is not None and value < RECEIVED_AT_EARLIEST:
            raise serializers.ValidationError(
                _("The date received cannot be before 1 January 2000."), code="received_too_early"
            )
        return value


class CaseCreateInput(Input):
    complainant = ComplainantInput(help_text="Give at least an e-mail address or a phone number.")
    case = CaseInput()

    def validate(self, data):
        complainant, case = data["complainant"], data["case"]
        complainant.setdefault("email", "")
        complainant.setdefault("phone", "")
        complainant.setdefault("member_number", "")
        # Every channel's rules (cases/intake.py), checked here too so that each error names its field; a number
        # without a country code is read as one of the case's office country.
        try:
            checked = complaint_check(
                complainant=complainant, country=case["office_country"], received_at=case["received_at"]
            )
        except ComplaintInvalid as invalid:
            fields: dict = {}
            for field, error in invalid.errors.items():
                part = "case" if field == "received_at" else "complainant"
                fields.setdefault(part, {})[field] = [str(error)]
            raise serializers.ValidationError(fields, code=invalid.code) from invalid
        data["complainant"] = checked.complainant
        return data


class CaseListFilters(Input):
    status = serializers.ChoiceField(
        choices=["all", "open", "ended", *Status.values],
        default="all",
        help_text="`open`, `ended`, `all` (the default) or one status.",
    )
    overdue = StrictBoolean(default=False, help_text="Only the cases with an open deadline past due.")
    language = serializers.ChoiceField(
        choices=Language.choices, required=False, allow_blank=True, default="", help_text="Empty: every language."
    )


class DeadlineOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DeadlineKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    due_date = serializers.DateField()
    met_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True, help_text="Set when the procedure made it moot.")
    overdue = serializers.BooleanField(source="is_overdue")


class CaseSummaryOutput(serializers.Serializer):
    """What intake staff and service accounts see of the cases they recorded (never the complaint's text)."""

    reference = serializers.CharField()
    subject = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField(source="get_status_display", help_text="In the request's language.")
    channel = serializers.ChoiceField(choices=Channel.choices)
    language = serializers.ChoiceField(choices=Language.choices)
    office_country = serializers.ChoiceField(choices=OfficeCountry.choices)
    received_at = serializers.DateTimeField()
    next_deadline = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue")
    deadlines = DeadlineOutput(many=True)


class CaseDetailOutput(CaseSummaryOutput):
    """What a mediator sees through the API: the summary and the complaint's text (no notes, no messages)."""

    description = serializers.CharField(
        required=False, help_text="Mediators only: intake accounts get the summary without it."
    )


class ErrorBody(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, for programs: `invalid`, `not_authenticated`, `not_found`…")
    message = serializers.CharField(help_text="For people, in the request's language (Accept-Language).")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation errors only: messages per field, nested fields joined by dots (`complainant.email`).",
    )


class ErrorOutput(serializers.Serializer):
    error = ErrorBody()
