"""Mediation's data. So far the directory of professional mediators (seed 000 (d): the mediator can call on a
professional mediation service; Oxalis: a member may choose a mediator from a list).

A `Mediator` is an entry of the directory: an accredited mediator outside Accord's staff, with their one
accreditation (body, number, types), languages, regions and offices, contact, fees and availability. The
administrator keeps it in the admin (and by CSV: directory_csv.py); mediators read it on their page.
An entry is deactivated, never deleted: a mediation will point at it (as co-mediator, or leading with a
scoped, expiring access of `departments.sharing`, sent to `email` in `language`), and that must stay readable.
"""

from decimal import ROUND_HALF_UP, Decimal

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accord.cases.models import Office, OfficeCountry, TranslatedName
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
