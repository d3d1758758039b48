import secrets

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from accord.cases.forms import ComplainantFields
from accord.cases.models import Category, WithdrawalReason
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
        "office",
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


# The withdrawal reasons as the member says them (the staff's labels are WithdrawalReason's).
WITHDRAWAL_CHOICES = [
    ("", "—"),
    (WithdrawalReason.SOLVED_DIRECTLY, _("It was solved directly with the service concerned")),
    (WithdrawalReason.NO_LONGER, _("I no longer wish to pursue it")),
    (WithdrawalReason.OTHER_BODY, _("I went to another body or a court")),
    (WithdrawalReason.OTHER, _("Another reason")),
]


class WithdrawForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you withdraw it? (optional)"), choices=WITHDRAWAL_CHOICES, required=False
    )
    note = forms.CharField(
        label=_("Anything you want to add (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    confirm = forms.BooleanField(label=_("Yes, I withdraw my complaint."))


class ContestForm(forms.Form):
    body = forms.CharField(
        label=_("What you disagree with in the answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your mediator will look at your complaint again and send you a new written answer."),
    )


class ComeBackForm(forms.Form):
    """After the answer of the department a complaint was handed over to: the member comes back to Accord."""

    body = forms.CharField(
        label=_("What does not satisfy you in the department's answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your complaint resumes with Accord: your mediator looks into it and sends you a written answer."),
    )


class MediatorChangeForm(forms.Form):
    """The member asks for another mediator. Its own HTML ids: the withdrawal form beside it has a "reason" too."""

    reason = forms.CharField(
        label=_("Why you would like another mediator"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "mediator-%s")
        super().__init__(*args, **kwargs)


CHALLENGE_SALT = "accord.public.complaint-challenge"
CHALLENGE_MAX_AGE = 30 * 60


class ChallengeForm(forms.Form):
    """A sum to do, offered when the form's rate limit is reached, so that a person can still go on.

    No third-party service: the question travels signed in a hidden field, is valid 30 minutes and
    answers once (its nonce is spent in the shared cache). It slows down a blind script; it is not a
    proof of humanity, so passes are limited too (ACCORD_COMPLAINT_CHALLENGE_RATE).
    """

    prefix = "challenge"
    token = forms.CharField(widget=forms.HiddenInput)
    answer = forms.IntegerField(label=_("Your answer"), widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        token = self.data.get(self.add_prefix("token")) if self.is_bound else self.initial.get("token")
        self.question = self._question(token)
        if self.question:
            self.fields["answer"].label = _("How much is %(a)s plus %(b)s?") % self.question

    @classmethod
    def new(cls) -> "ChallengeForm":
        question = {"a": secrets.randbelow(9) + 1, "b": secrets.randbelow(9) + 1, "n": secrets.token_urlsafe(12)}
        return cls(initial={"token": signing.dumps(question, salt=CHALLENGE_SALT)})

    @staticmethod
    def _question(token: str | None) -> dict | None:
        if not token:
            return None
        try:
            return signing.loads(token, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
        except signing.BadSignature:  # expired or forged
            return None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if self.question is None:
            raise forms.ValidationError(_("This question has expired. Please answer the new one."), code="expired")
        if cleaned["answer"] != self.question["a"] + self.question["b"]:
            raise forms.ValidationError(_("That is not the right answer. Please try the new question."), code="wrong")
        # Spent once: the same answered question cannot open the form again.
        if not cache.add(f"accord:challenge:{self.question['n']}", 1, CHALLENGE_MAX_AGE):
            raise forms.ValidationError(_("This question has already been used. Please answer the new one."))
        return cleaned
