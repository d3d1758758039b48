"""What the API accepts and returns. Input serializers only validate (all 400s come from here);
what is done with the data is in the services, what a caller may see in cases/permissions.py."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accord.cases.models import Category, Channel, DeadlineKind, OfficeCountry, Status
from accord.core.errors import ValidationFailed
from accord.people.models import Language
from accord.people.services import phone_normalise


class ComplainantInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="With the country code, e.g. +32 470 12 34 56.",
    )
    member_number = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=Language.choices, help_text="The member's preferred language.")


class CaseInput(serializers.Serializer):
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(help_text="The complaint, in the member's words.")
    language = serializers.ChoiceField(choices=Language.choices, help_text="The language Accord answers in.")
    office_country = serializers.ChoiceField(choices=OfficeCountry.choices, default=OfficeCountry.BE)
    category = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Category.objects.filter(active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text="A category code, if the partner system knows it.",
    )
    received_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When the complaint reached the partner; now if absent.",
    )

    def validate_received_at(self, value):
        # The service refuses it too; checked here so that the error names the field.
        if value is not None and value > timezone.now() + timedelta(minutes=5):
            raise serializers.ValidationError(
                _("The date received cannot be in the future."), code="received_in_future"
            )
        return value


class CaseCreateInput(serializers.Serializer):
    complainant = ComplainantInput()
    case = CaseInput()

    def validate(self, data):
        complainant, case = data["complainant"], data["case"]
        if not complainant["email"] and not complainant["phone"]:
            raise serializers.ValidationError(
                {
                    "complainant": {
                        "email": [_("Give at least an e-mail address or a phone number to reach the member.")]
                    }
                },
                code="contact_required",
            )
        try:
            # A number without a country code is read as one of the case's office country.
            complainant["phone"] = phone_normalise(complainant["phone"], country=case["office_country"])
        except ValidationFailed as error:
            raise serializers.ValidationError({"complainant": {"phone": [str(error)]}}, code=error.code) from error
        return data


class CaseListFilters(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["all", "open", "ended", *Status.values],
        default="all",
        help_text="`open`, `ended`, `all` (the default) or one status.",
    )
    overdue = serializers.BooleanField(default=False, help_text="Only the cases with an open deadline past due.")
    language = serializers.ChoiceField(choices=Language.choices, required=False, allow_blank=True, default="")


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

    description = serializers.CharField()


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
