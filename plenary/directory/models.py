from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plenary.core.fields import TranslatedField
from plenary.core.languages import LANGUAGE_CODES


class UNRegionalGroup(models.TextChoices):
    AFRICAN = "African Group", _("African Group")
    ASIA_PACIFIC = "Asia-Pacific Group", _("Asia-Pacific Group")
    EASTERN_EUROPEAN = "Eastern European Group", _("Eastern European Group")
    GRULAC = "GRULAC", _("Latin American and Caribbean Group")
    WEOG = "WEOG", _("Western European and Others Group")


# The five regions of the UN M49 standard, as stored in Country.region (English, from the data file).
M49_REGION_NAMES = {
    "Africa": _("Africa"),
    "Americas": _("Americas"),
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "Oceania": _("Oceania"),
}


class IncomeGroup(models.TextChoices):
    LOW = "L", _("Low income")
    LOWER_MIDDLE = "LM", _("Lower middle income")
    UPPER_MIDDLE = "UM", _("Upper middle income")
    HIGH = "H", _("High income")


class Country(models.Model):
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2, blank=True)
    m49 = models.PositiveSmallIntegerField(_("UN M49 code"), null=True, blank=True)
    name = TranslatedField(_("name"))
    formal_name = TranslatedField(_("formal name"), blank=True)
    region = models.CharField(_("M49 region"), max_length=40, blank=True)
    sub_region = models.CharField(_("M49 sub-region"), max_length=60, blank=True)
    un_regional_group = models.CharField(
        _("UN regional group"), max_length=30, choices=UNRegionalGroup.choices, blank=True
    )
    is_un_member = models.BooleanField(_("UN member state"), default=False)
    is_ldc = models.BooleanField(_("least developed country"), default=False)
    is_lldc = models.BooleanField(_("landlocked developing country"), default=False)
    is_sids = models.BooleanField(_("small island developing state"), default=False)
    is_economy_in_transition = models.BooleanField(_("economy in transition"), default=False)
    is_g77 = models.BooleanField(_("Group of 77 member"), default=False)
    income_group = models.CharField(
        _("World Bank income group"), max_length=2, choices=IncomeGroup.choices, blank=True
    )
    official_un_languages = models.JSONField(
        _("official UN languages"),
        default=list,
        blank=True,
        help_text=_('The UN languages official in the country, from the reference data, e.g. ["fr", "en"].'),
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["iso3"]

    def __str__(self):
        return str(self.name) or self.iso3


class Parliament(models.Model):
    class Structure(models.TextChoices):
        UNICAMERAL = "unicameral", _("Unicameral")
        BICAMERAL = "bicameral", _("Bicameral")

    country = models.OneToOneField(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="parliament"
    )
    name = TranslatedField(_("name"), max_length=200)
    structure = models.CharField(
        _("structure"), max_length=12, choices=Structure.choices, default=Structure.UNICAMERAL
    )
    ipu_member = models.BooleanField(_("IPU member"), default=False)
    women_members = models.PositiveSmallIntegerField(
        _("women members"),
        null=True,
        blank=True,
        help_text=_("How many women sit in this parliament; empty when not known."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    correspondence_languages = models.JSONField(
        _("correspondence languages"),
        default=list,
        blank=True,
        help_text=_(
            'UN language codes in order of preference, e.g. ["fr", "en"]; when empty, the country\'s '
            "official UN languages followed by English."
        ),
    )

    class Meta:
        verbose_name = _("parliament")
        verbose_name_plural = _("parliaments")
        ordering = ["country__iso3"]

    def __str__(self):
        return str(self.name) or self.country.iso3

    @property
    def languages(self) -> list[str]:
        """The correspondence languages set for the parliament, else by default its country's official
        UN languages followed by English (Arabic then English for Egypt, French then English for France)."""
        if self.correspondence_languages:
            return list(self.correspondence_languages)
        return [code for code in self.country.official_un_languages if code != "en"] + ["en"]

    def clean(self):
        unknown = [code for code in self.correspondence_languages or [] if code not in LANGUAGE_CODES]
        if unknown:
            raise ValidationError(
                {
                    "correspondence_languages": _("Unknown language code(s): %(codes)s")
                    % {"codes": ", ".join(map(str, unknown))}
                }
            )


class Chamber(models.Model):
    parliament = models.ForeignKey(
        Parliament, verbose_name=_("parliament"), on_delete=models.CASCADE, related_name="chambers"
    )
    name = TranslatedField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("chamber")
        verbose_name_plural = _("chambers")

    def __str__(self):
        return str(self.name)


class Function(models.Model):
    """A function a person holds, e.g. Speaker, President of the IPU Group."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = TranslatedField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        ordering = ["code"]

    def __str__(self):
        return str(self.name)


class Committee(models.Model):
    parliament = models.ForeignKey(
        Parliament, verbose_name=_("parliament"), on_delete=models.CASCADE, related_name="committees"
    )
    chamber = models.ForeignKey(
        Chamber, verbose_name=_("chamber"), null=True, blank=True, on_delete=models.SET_NULL
    )
    name = TranslatedField(_("name"), max_length=200)
    is_digital_affairs = models.BooleanField(_("works on digital affairs / ICT"), default=False)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return str(self.name)


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefers not to say")

    honorific = models.CharField(_("honorific"), max_length=40, blank=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    name_arabic = models.CharField(_("name in Arabic script"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=7, choices=settings.LANGUAGES, default="en"
    )
    parliament = models.ForeignKey(
        Parliament,
        verbose_name=_("parliament"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    chamber = models.ForeignKey(
        Chamber, verbose_name=_("chamber"), null=True, blank=True, on_delete=models.SET_NULL
    )
    functions = models.ManyToManyField(Function, verbose_name=_("functions"), blank=True)
    committees = models.ManyToManyField(Committee, verbose_name=_("committees"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parliament", "email"],
                condition=~Q(email=""),
                name="person_email_once_per_parliament",
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.honorific, self.given_name, self.family_name) if part)
