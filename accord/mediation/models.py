"""Mediation's data. So far the directory of professional mediators (seed 000 (d): the mediator can call on a
professional mediation service; Oxalis: a member may choose a mediator from a list).

A `Mediator` is an entry of the directory: an accredited mediator outside Accord's staff, with their one
accreditation (body, number, types), languages, regions and offices, contact, fees and availability. The
administrator keeps it in the admin (and by CSV: directory_csv.py); mediators read it on their page.
An entry is deactivated, never deleted: a mediation will point at it (as co-mediator, or leading with a
scoped, expiring access of `departments.sharing`, sent to `email` in `language`), and that must stay readable.


The mediation path (mediation/services.py, the one writer of its state and answers):

    proposed ──every party accepts──▶ under_way ──end──▶ ended (settled with an accepted agreement, or not)
        ├──a party declines──▶ declined          (the complaint goes on as it was)
        └──the mediator withdraws──▶ withdrawn

`ConfidentialNote` is the confidential tier (Code judiciaire art. 1728, loi 95-125 art. 21-3): read by the case's
mediators alone (mediation/permissions.py), never on the timeline, in the API, an export or the report.
Meetings (their iCalendar invitations: invitations.py) and the agreement with its undertakings (agreements.py)
follow.
"""

from decimal import ROUND_HALF_UP, Decimal

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accord.cases.models import Case, Office, OfficeCountry, Party, TranslatedName
from accord.core.errors import ValidationFailed
from accord.lib.text import name_clean
from accord.people.models import Language
from accord.people.services import phone_normalise

CENT = Decimal("0.01")


class Region(TranslatedName):
    """Where a mediator works: Belgium's Brussels-Capital Region and provinces, France's regions (data, migration
    mediation/0002_regions; codes from ISO 3166-2, lower-case). The administrator may add others in the admin."""

    country = models.CharField(_("country"), max_length=2, choices=OfficeCountry.choices)

    class Meta(TranslatedName.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class AccreditationBody(models.TextChoices):
    # Belgium: the Federal Mediation Commission accredits for civil and commercial, social and family matters.
    BE_FMC = "be_fmc", _("Federal Mediation Commission (Belgium)")
    # France: the list of mediators kept by a court of appeal (décret 2017-1457), which one is `court`.
    FR_COURT = "fr_court_of_appeal", _("List of a court of appeal (France)")
    # France: a consumer mediator listed by the CECMC (Code de la consommation, art. L. 615-1).
    FR_CONSUMER = "fr_consumer", _("Consumer mediator (France)")


BODY_COUNTRY = {
    AccreditationBody.BE_FMC: OfficeCountry.BE,
    AccreditationBody.FR_COURT: OfficeCountry.FR,
    AccreditationBody.FR_CONSUMER: OfficeCountry.FR,
}


class MediationType(models.TextChoices):
    CIVIL_COMMERCIAL = "civil_commercial", _("Civil and commercial")
    SOCIAL = "social", _("Social")
    FAMILY = "family", _("Family")
    CONSUMER = "consumer", _("Consumer")


# The types each body accredits for. The Federal Mediation Commission's three; a court of appeal's list
# sections; a consumer mediator is a consumer mediator.
BODY_TYPES = {
    AccreditationBody.BE_FMC: (MediationType.CIVIL_COMMERCIAL, MediationType.SOCIAL, MediationType.FAMILY),
    AccreditationBody.FR_COURT: (MediationType.CIVIL_COMMERCIAL, MediationType.SOCIAL, MediationType.FAMILY),
    AccreditationBody.FR_CONSUMER: (MediationType.CONSUMER,),
}


class CourtOfAppeal(models.TextChoices):
    """France's 36 courts of appeal, by the city they sit in (their names are proper names: not translated)."""

    AGEN = "agen", "Agen"
    AIX = "aix-en-provence", "Aix-en-Provence"
    AMIENS = "amiens", "Amiens"
    ANGERS = "angers", "Angers"
    BASSE_TERRE = "basse-terre", "Basse-Terre"
    BASTIA = "bastia", "Bastia"
    BESANCON = "besancon", "Besançon"
    BORDEAUX = "bordeaux", "Bordeaux"
    BOURGES = "bourges", "Bourges"
    CAEN = "caen", "Caen"
    CAYENNE = "cayenne", "Cayenne"
    CHAMBERY = "chambery", "Chambéry"
    COLMAR = "colmar", "Colmar"
    DIJON = "dijon", "Dijon"
    DOUAI = "douai", "Douai"
    FORT_DE_FRANCE = "fort-de-france", "Fort-de-France"
    GRENOBLE = "grenoble", "Grenoble"
    LIMOGES = "limoges", "Limoges"
    LYON = "lyon", "Lyon"
    METZ = "metz", "Metz"
    MONTPELLIER = "montpellier", "Montpellier"
    NANCY = "nancy", "Nancy"
    NIMES = "nimes", "Nîmes"
    NOUMEA = "noumea", "Nouméa"
    ORLEANS = "orleans", "Orléans"
    PAPEETE = "papeete", "Papeete"
    PARIS = "paris", "Paris"
    PAU = "pau", "Pau"
    POITIERS = "poitiers", "Poitiers"
    REIMS = "reims", "Reims"
    RENNES = "rennes", "Rennes"
    RIOM = "riom", "Riom"
    ROUEN = "rouen", "Rouen"
    SAINT_DENIS = "saint-denis", "Saint-Denis (La Réunion)"
    TOULOUSE = "toulouse", "Toulouse"
    VERSAILLES = "versailles", "Versailles"


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"


ACCREDITATION_NUMBER = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 ./-]{0,38}[A-Za-z0-9]$",
    _("An accreditation number has 2 to 40 letters, digits, spaces, dots, slashes or hyphens."),
    code="accreditation_number",
)
LANGUAGE_FIELDS = {Language.FR: "speaks_fr", Language.NL: "speaks_nl", Language.EN: "speaks_en"}
TYPE_FIELDS = {kind: f"type_{kind}" for kind in MediationType.values}


def _any_of(fields) -> Q:
    q = Q()
    for field in fields:
        q |= Q(**{field: True})
    return q


def _any_of_language_written_in() -> Q:
    q = Q()
    for code, field in LANGUAGE_FIELDS.items():
        q |= Q(language=code, **{field: True})
    return q


def _body_types_constraint() -> Q:
    """Each body accredits for its own types, and for at least one of them."""
    allowed = Q()
    for body, kinds in BODY_TYPES.items():
        others = [TYPE_FIELDS[kind] for kind in MediationType.values if kind not in kinds]
        q = Q(accreditation_body=body) & _any_of(TYPE_FIELDS[kind] for kind in kinds)
        for field in others:
            q &= Q(**{field: False})
        allowed |= q
    return allowed


class Mediator(models.Model):
    """An accredited mediator of the directory (not an Accord account: see the module's docstring)."""

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)

    accreditation_body = models.CharField(_("accreditation body"), max_length=30, choices=AccreditationBody.choices)
    accreditation_number = models.CharField(_("accreditation number"), max_length=40, validators=[ACCREDITATION_NUMBER])
    court_of_appeal = models.CharField(
        _("court of appeal"),
        max_length=30,
        choices=CourtOfAppeal.choices,
        blank=True,
        help_text=_("For a mediator on a court of appeal's list: which court keeps the list."),
    )
    type_civil_commercial = models.BooleanField(_("civil and commercial"), default=False)
    type_social = models.BooleanField(_("social"), default=False)
    type_family = models.BooleanField(_("family"), default=False)
    type_consumer = models.BooleanField(_("consumer"), default=False)

    speaks_fr = models.BooleanField(_("French"), default=False)
    speaks_nl = models.BooleanField(_("Dutch"), default=False)
    speaks_en = models.BooleanField(_("English"), default=False)
    language = models.CharField(
        _("language for correspondence"),
        max_length=2,
        choices=Language.choices,
        help_text=_("The language Accord writes to them in: one they speak."),
    )
    regions = models.ManyToManyField(Region, blank=True, related_name="mediators", verbose_name=_("regions"))
    offices = models.ManyToManyField(
        Office,
        blank=True,
        related_name="directory_mediators",
        verbose_name=_("offices"),
        help_text=_("The cooperative's offices where they meet the parties."),
    )

    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("Stored in E.164 form: +3222345678."))
    address = models.TextField(_("address"), blank=True)

    hourly_rate = models.DecimalField(
        _("hourly rate"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("As the mediator quotes it: with or without VAT, as said below."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("21 in Belgium, 20 in France; 0 for a mediator exempt from VAT."),
    )
    fees_include_vat = models.BooleanField(_("rate quoted with VAT"), default=False)

    accepting_new_cases = models.BooleanField(_("accepting new cases"), default=True)
    availability_until = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Until when this holds: not accepting until the given date, or accepting until it."),
    )
    availability_note = models.CharField(_("note on availability"), max_length=200, blank=True)

    cooperative_member = models.BooleanField(
        _("member of the cooperative"), default=False, help_text=_("Some members are accredited mediators.")
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Inactive entries are kept but not listed."))

    class Meta:
        verbose_name = _("professional mediator")
        verbose_name_plural = _("professional mediators")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            # The key a re-import updates by.
            models.UniqueConstraint(
                fields=["accreditation_body", "accreditation_number"], name="mediator_accreditation"
            ),
            models.CheckConstraint(condition=~Q(accreditation_number=""), name="mediator_accreditation_number"),
            models.CheckConstraint(
                condition=Q(accreditation_body=AccreditationBody.FR_COURT, court_of_appeal__gt="")
                | (~Q(accreditation_body=AccreditationBody.FR_COURT) & Q(court_of_appeal="")),
                name="mediator_court_for_court_lists",
            ),
            models.CheckConstraint(condition=_body_types_constraint(), name="mediator_types_of_body"),
            models.CheckConstraint(condition=_any_of(LANGUAGE_FIELDS.values()), name="mediator_speaks_a_language"),
            models.CheckConstraint(
                condition=_any_of_language_written_in(), name="mediator_writes_in_a_language_spoken"
            ),
            models.CheckConstraint(condition=Q(hourly_rate__gte=0), name="mediator_rate_positive"),
            models.CheckConstraint(condition=Q(vat_rate__gte=0, vat_rate__lte=100), name="mediator_vat_rate"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def name(self) -> str:
        return str(self)

    @property
    def languages(self) -> list[str]:
        return [code for code, field in LANGUAGE_FIELDS.items() if getattr(self, field)]

    @languages.setter
    def languages(self, codes) -> None:
        for code, field in LANGUAGE_FIELDS.items():
            setattr(self, field, code in codes)

    @property
    def types(self) -> list[str]:
        return [kind for kind, field in TYPE_FIELDS.items() if getattr(self, field)]

    @types.setter
    def types(self, kinds) -> None:
        for kind, field in TYPE_FIELDS.items():
            setattr(self, field, kind in kinds)

    def get_types_display(self) -> str:
        """ "Civil and commercial, family": the fields' names in the page's language, in one phrase."""
        return capfirst(", ".join(str(self._meta.get_field(TYPE_FIELDS[kind]).verbose_name) for kind in self.types))

    def get_languages_display(self) -> str:
        """ "French, English" in the page's language (French writes « français, anglais »)."""
        names = [str(self._meta.get_field(LANGUAGE_FIELDS[code]).verbose_name) for code in self.languages]
        return capfirst(", ".join(names))

    @property
    def country(self) -> str:
        return BODY_COUNTRY.get(self.accreditation_body, OfficeCountry.BE)

    @property
    def rate_excluding_vat(self) -> Decimal:
        if not self.fees_include_vat:
            return self.hourly_rate
        return (self.hourly_rate / (1 + self.vat_rate / 100)).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def rate_including_vat(self) -> Decimal:
        if self.fees_include_vat:
            return self.hourly_rate
        return (self.hourly_rate * (1 + self.vat_rate / 100)).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def court_text(self) -> str:
        if not self.court_of_appeal:
            return ""
        return _("Court of appeal of %(city)s") % {"city": CourtOfAppeal(self.court_of_appeal).label}

    @property
    def phone_display(self) -> str:
        """The phone as people write it (+32 9 255 01 01); stored in E.164."""
        try:
            number = phonenumbers.parse(self.phone)
        except phonenumbers.NumberParseException:
            return self.phone
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    def fees_text(self) -> str:
        """Both amounts, whichever way the mediator quotes, in the page's number format:
        "100.00 EUR excluding VAT · 121.00 EUR including VAT (21%)"."""
        return _("%(excluding)s %(currency)s excluding VAT · %(including)s %(currency)s including VAT (%(vat)s%%)") % {
            "excluding": number_format(self.rate_excluding_vat, 2),
            "including": number_format(self.rate_including_vat, 2),
            "currency": self.currency,
            "vat": number_format(self.vat_rate.normalize()),
        }

    def clean_fields(self, exclude=None):
        # Tidied before the fields' own checks: the number re-imports key on, names, the default language.
        self.accreditation_number = " ".join((self.accreditation_number or "").split())
        self.first_name = name_clean(self.first_name or "").strip()
        self.last_name = name_clean(self.last_name or "").strip()
        if not self.language and self.languages:
            self.language = self.languages[0]
        super().clean_fields(exclude=exclude)

    def clean(self):
        """The rules between fields, said in words (the constraints above hold them in the database too)."""
        errors = {}
        body = self.accreditation_body
        if body in BODY_TYPES:
            allowed = BODY_TYPES[body]
            if body == AccreditationBody.FR_CONSUMER:
                self.types = [MediationType.CONSUMER]  # the only type there is
            elif not any(kind in allowed for kind in self.types):
                errors["type_civil_commercial"] = _(
                    "Give at least one type of accreditation: civil and commercial, social or family."
                )
            elif any(kind not in allowed for kind in self.types):
                errors["type_consumer"] = _("Only a consumer mediator is accredited for consumer disputes.")
            if body == AccreditationBody.FR_COURT and not self.court_of_appeal:
                errors["court_of_appeal"] = _("Say which court of appeal keeps the list.")
            if body != AccreditationBody.FR_COURT and self.court_of_appeal:
                errors["court_of_appeal"] = _("Only a mediator on a court of appeal's list has a court of appeal.")
        if not self.languages:
            errors["speaks_fr"] = _("Give at least one language the mediator works in.")
        elif self.language and self.language not in self.languages:
            errors["language"] = _("The language for correspondence must be one they speak.")
        if self.phone:
            try:
                self.phone = phone_normalise(self.phone, country=self.country)
            except ValidationFailed as error:
                errors["phone"] = str(error)
        if errors:
            raise ValidationError(errors)


class MediationState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the parties' answers")
    UNDER_WAY = "under_way", _("Under way")
    DECLINED = "declined", _("Declined by a party")
    WITHDRAWN = "withdrawn", _("Proposal withdrawn")
    ENDED = "ended", _("Ended")


OPEN_STATES = (MediationState.PROPOSED, MediationState.UNDER_WAY)


class Mediation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="mediations")
    # What the parties are asked to work towards (seed 004: a goal turned to the future, attractive to all).
    purpose = models.TextField(_("purpose of the mediation"))
    state = models.CharField(max_length=20, choices=MediationState.choices, default=MediationState.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Why it was withdrawn or how it ended, in the mediator's words (told to the parties).
    end_reason = models.TextField(blank=True)
    # Ended with an agreement every party accepted (amicable settlement).
    settled = models.BooleanField(default=False, db_default=False)

    class Meta:
        verbose_name = _("mediation")
        verbose_name_plural = _("mediations")
        ordering = ["proposed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(state__in=["proposed", "under_way"]),
                name="mediation_one_open_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Answer(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AnswerVia(models.TextChoices):
    MEMBER_PAGE = "member_page", _("On the member's private page")
    LIAISON = "liaison", _("By the department's liaison, signed in")
    MEDIATOR = "mediator", _("Recorded by the mediator (given by phone, letter or e-mail)")


class Participant(models.Model):
    """A party invited to the mediation and its answer: mediation is voluntary, so each party's consent and its
    undertaking to keep what is said confidential are recorded, with when and how they were given."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="participants")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_via = models.CharField(max_length=20, choices=AnswerVia.choices, blank=True)
    # The account that answered (a liaison) or recorded the answer (a mediator); none on the member's page.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # How the mediator knows (a phone call on 3 March…), when they record the answer.
    answer_note = models.TextField(blank=True)
    confidentiality_accepted_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["mediation", "party"], name="participant_once")]

    def __str__(self) -> str:
        return f"{self.mediation_id} {self.party_id}: {self.answer}"


class NoteKind(models.TextChoices):
    SESSION = "session", _("Session note")
    CAUCUS = "caucus", _("Private session with one party")


class ConfidentialNote(models.Model):
    """The confidential tier: append-only, read by the case's mediators alone."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(_("kind"), max_length=10, choices=NoteKind.choices)
    # A private session is with one party.
    party = models.ForeignKey(Party, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("note"))
    # A case's mediator, or (external_author) a professional mediator brought in through their link.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_author = models.ForeignKey(
        "ExternalMediator", null=True, blank=True, on_delete=models.PROTECT, related_name="notes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(author__isnull=False, external_author__isnull=True)
                | models.Q(author__isnull=True, external_author__isnull=False),
                name="note_one_author",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="session", party__isnull=True) | models.Q(kind="caucus", party__isnull=False),
                name="note_caucus_names_its_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mediation_id} {self.kind} {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A confidential note is append-only.")
        super().save(*args, **kwargs)


class MeetingKind(models.TextChoices):
    ORIENTATION = "orientation", _("Orientation meeting")
    SESSION = "session", _("Mediation session")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person, at an office")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")


class MeetingState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """A meeting of the mediation: its invitation is an iCalendar event (mediation/invitations.py) whose `uid`
    never changes and whose `sequence` rises with each change, so calendars update the event they hold."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=MeetingKind.choices)
    mode = models.CharField(_("how"), max_length=20, choices=MeetingMode.choices)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=90)
    office = models.ForeignKey(
        "cases.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    room = models.CharField(_("room"), max_length=120, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    # For a phone meeting: who calls whom, in the mediator's words.
    phone_note = models.CharField(_("how the call is made"), max_length=200, blank=True)
    state = models.CharField(max_length=20, choices=MeetingState.choices, default=MeetingState.SCHEDULED)
    uid = models.CharField(max_length=120, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    # Claim (conditional UPDATE): the day the reminder went for, so it goes once whatever the workers.
    reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["state", "starts_at"], name="meeting_state_start")]

    def __str__(self) -> str:
        return f"{self.mediation_id} {self.kind} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        from datetime import timedelta

        return self.starts_at + timedelta(minutes=self.duration_minutes)


class Attendance(models.Model):
    """Who came: recorded by a case's mediator after the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    attended = models.BooleanField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "participant"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.participant_id}: {self.attended}"


class AgreementState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed to the parties")
    ACCEPTED = "accepted", _("Accepted by every party")


class Agreement(models.Model):
    """What the parties agreed, drafted by the mediator and accepted by each party on its page. Once every
    party has accepted, its PDF (in the case's language) is kept on the case and the mediation ends settled.
    Not confidential material: the agreement is the parties' own, read by them and followed."""

    mediation = models.OneToOneField(Mediation, on_delete=models.PROTECT, related_name="agreement")
    summary = models.TextField(_("what the parties agreed"))
    state = models.CharField(max_length=20, choices=AgreementState.choices, default=AgreementState.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    proposed_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # The version the parties accepted, as a PDF on the case (shared with the member).
    document = models.ForeignKey("cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.mediation_id}: {self.state}"


class Undertaking(models.Model):
    """One party's commitment in the agreement, by a date; followed until done."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="undertakings")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("who"))
    text = models.TextField(_("undertakes to"))
    due_date = models.DateField(_("by"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # "mediator", "liaison" or "member": who said it was done.
    done_via = models.CharField(max_length=20, blank=True)
    # Claims (conditional UPDATE): the due date each notice went for, so each goes once.
    reminded_for = models.DateField(null=True, blank=True)
    overdue_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.party_id}: {self.due_date}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_date < timezone.localdate()


class AgreementAcceptance(models.Model):
    """A party's acceptance of the agreement as proposed (recorded with how it came)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="acceptances")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)
    via = models.CharField(max_length=20, choices=AnswerVia.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agreement", "participant"], name="acceptance_once")]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.participant_id}"


class ChoiceState(models.TextChoices):
    PENDING = "pending", _("Waiting for the mediator's answer")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")


class MediatorChoice(models.Model):
    """The member asks for a professional mediator from the directory to lead or join their mediation (seed 000,
    Oxalis: members may choose a mediator from a list). The case's mediator answers, with a reason."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="choices")
    mediator = models.ForeignKey(Mediator, on_delete=models.PROTECT, related_name="+", verbose_name=_("mediator"))
    note = models.TextField(_("why this mediator (optional)"), blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=ChoiceState.choices, default=ChoiceState.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mediation"], condition=models.Q(state="pending"), name="mediator_choice_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mediation_id} → {self.mediator_id}: {self.state}"


class ExternalRole(models.TextChoices):
    CO = "co", _("Co-mediator")
    LEAD = "lead", _("Leads the mediation")


class ExternalMediator(models.Model):
    """A professional mediator of the directory brought into a mediation, with the member's consent: as
    co-mediator or leading it. They reach it through a scoped, expiring link (departments.ShareLink, purpose
    "external_mediator"): the mediation's purpose, parties, meetings and agreement, and their own session
    notes; nothing else of the case."""

    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="externals")
    mediator = models.ForeignKey(Mediator, on_delete=models.PROTECT, related_name="+", verbose_name=_("mediator"))
    role = models.CharField(_("role"), max_length=10, choices=ExternalRole.choices)
    # How the member consented (a phone call on 3 March, their e-mail of…), recorded by the case's mediator.
    consent_note = models.TextField(_("how the member consented"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    link = models.ForeignKey("departments.ShareLink", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mediation"], condition=models.Q(ended_at__isnull=True), name="external_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mediation_id} {self.mediator_id} {self.role}"


class Protocol(models.Model):
    """The mediation protocol (Belgian Code judiciaire art. 1731) when a professional mediator leads: the parties,
    the mediator and their accreditation, the voluntary nature, the dispute in short, confidentiality, fees. Kept
    as a PDF on the case (shared with the member); each party accepts it on its page."""

    external = models.OneToOneField(ExternalMediator, on_delete=models.PROTECT, related_name="protocol")
    created_at = models.DateTimeField(default=timezone.now)
    document = models.ForeignKey("cases.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"protocol {self.external_id}"


class ProtocolAcceptance(models.Model):
    protocol = models.ForeignKey(Protocol, on_delete=models.PROTECT, related_name="acceptances")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)
    via = models.CharField(max_length=20, choices=AnswerVia.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["protocol", "participant"], name="protocol_acceptance_once")]

    def __str__(self) -> str:
        return f"{self.protocol_id} {self.participant_id}"
