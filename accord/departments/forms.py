from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accord.cases.forms import OwnIdsForm
from accord.cases.models import Department
from accord.core.forms import MultipleFileField


class RequestAskForm(OwnIdsForm):
    """What a mediator asks a department, and what they share with it (nothing unless ticked)."""

    id_prefix = "request"
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.filter(active=True), empty_label=None
    )
    question = forms.CharField(label=_("Question to the department"), widget=forms.Textarea(attrs={"rows": 4}))
    working_days = forms.IntegerField(
        label=_("Working days to answer"), min_value=1, max_value=60, initial=settings.ACCORD_REQUEST_WORKING_DAYS
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents the department may see"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    messages = forms.ModelMultipleChoiceField(
        label=_("Messages the department may read"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    show_to_member = forms.BooleanField(
        label=_("Tell the member on their page that we asked this department"), required=False, initial=True
    )

    def __init__(self, case, *args, **kwargs):
        from accord.departments.services import documents_shareable, messages_shareable

        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = documents_shareable(case)
        self.fields["documents"].label_from_instance = lambda d: d.original_name
        self.fields["messages"].queryset = messages_shareable(case)
        self.fields["messages"].label_from_instance = _message_label


def _message_label(message) -> str:
    from django.utils.formats import date_format
    from django.utils.text import Truncator

    when = date_format(message.created_at, "DATETIME_FORMAT")
    return f"{when} — {Truncator(message.body).chars(80)}"


class RequestAnswerForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 6}))
    attachments = MultipleFileField(label=_("Documents (optional)"))


class RequestWithdrawForm(OwnIdsForm):
    id_prefix = "withdraw-request"
    reason = forms.CharField(label=_("Why (told to the department)"), required=False, max_length=500)


class HeldReplyDecideForm(forms.Form):
    """What the mediator does with a reply by e-mail that was held (departments/mail.py): two buttons."""

    decision = forms.ChoiceField(choices=[("accepted", "accepted"), ("set_aside", "set_aside")])
