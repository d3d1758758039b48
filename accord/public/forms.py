from django import forms
from django.utils.translation import gettext_lazy as _

from accord.cases.forms import ComplainantFields
from accord.cases.models import Category
from accord.core.forms import DescriptionField, HoneypotMixin, MultipleFileField


class ComplaintForm(HoneypotMixin, ComplainantFields):
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("We send you the reference and a private link to follow your case.")
    )
    category = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.filter(active=True),
        required=False,
        empty_label=_("I don't know"),
    )
    subject = forms.CharField(label=_("In a few words"), max_length=200)
    description = DescriptionField(
        label=_("Your complaint"),
        help_text=_("What happened, when, with which service, and what you would like. Take your time."),
    )
    attachments = MultipleFileField(
        label=_("Documents (optional)"), help_text=_("PDF, pictures or office documents, 10 MB each at most.")
    )
    consent = forms.BooleanField(
        label=_("I agree that Accord processes this information to handle my complaint, confidentially."),
    )

    field_order = [
        "name",
        "email",
        "phone",
        "member_number",
        "language",
        "office_country",
        "category",
        "subject",
        "description",
        "attachments",
        "consent",
        "website",
    ]


class MemberReplyForm(forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    attachments = MultipleFileField(label=_("Documents (optional)"))


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, I withdraw my complaint."))
