import datetime as dt
import functools
import re

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from plenary.core import dates
from plenary.core.fields import without_control_characters
from plenary.core.ids import MAX_ID
from plenary.core.languages import current_language
from plenary.directory.models import M49_REGION_NAMES, Chamber, Country, Person, UNRegionalGroup
from plenary.directory.selectors import countries_by_name
from plenary.registration import photos
from plenary.registration.models import (
    LIST_CONSENT_VERSION,
    DelegationRole,
    MemberKind,
    Mode,
    Registration,
    WaitingFor,
)
from plenary.registration.services import DETAIL_FIELDS

# Names as in the passport's machine-readable zone: Latin letters (with accents), spaces, ' - .
LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ '’.\-]*$")
ARABIC_NAME = re.compile(r"^[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF ]+$")
PASSPORT_NUMBER = re.compile(r"^[A-Z0-9]{5,20}$")
TRAVEL_WINDOW = dt.timedelta(days=14)


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        choices=[("yes", _("Accept")), ("no", _("Decline"))], coerce=lambda value: value == "yes"
    )


class MemberForm(forms.Form):
    """Name a member: someone from the parliament's directory entry, or a new person."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=_("From the directory")
    )
    given_name = forms.CharField(label=_("Given names"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("Is a"), choices=MemberKind.choices)
    role = forms.ChoiceField(label=_("Role in the delegation"), choices=DelegationRole.choices)

    def __init__(self, *args, delegation, language, **kwargs):
        """Offer the parliament's people not yet named, a head only while there is none, and the
        page's language for a new person's e-mails."""
        super().__init__(*args, **kwargs)
        members = delegation.members.all()
        self.fields["person"].queryset = (
            Person.objects.filter(parliament_id=delegation.parliament_id)
            .exclude(pk__in=members.values("person_id"))
            .order_by("family_name", "given_name")
        )
        has_head = members.filter(role=DelegationRole.HEAD).exists()
        if has_head:
            self.fields["role"].choices = [
                choice for choice in DelegationRole.choices if choice[0] != DelegationRole.HEAD
            ]
        self.fields["role"].initial = DelegationRole.MEMBER if has_head else DelegationRole.HEAD
        self.fields["preferred_language"].initial = language

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (
            data.get("given_name") and data.get("family_name") and data.get("email")
        ):
            raise forms.ValidationError(
                _("Choose someone from the directory, or give the new member's names and e-mail.")
            )
        return data


def day_choices(track) -> list[tuple[str, str]]:
    forum = track.forum
    first, last = min(track.start_date, forum.start_date), max(track.end_date, forum.end_date)
    return list(_days_written(first, last, current_language()))


@functools.lru_cache(maxsize=64)
def _days_written(first: dt.date, last: dt.date, language: str) -> tuple[tuple[str, str], ...]:
    """Each day from `first` to `last` as (ISO date, the date written in `language`), written once
    per process: every registration form shows and checks them."""
    days, day = [], first
    while day <= last:
        days.append((day.isoformat(), dates.format_date(day, language)))
        day += dt.timedelta(days=1)
    return tuple(days)


# Countries are reference data: each process reads them all when a form first needs one.
_countries_read: dict[int, Country] = {}


class CountryChoiceField(forms.ModelChoiceField):
    """A country chosen by its id, found among the countries this process has read: a registration's
    submission spends no statement on it. One this process has not seen (added since) is read alone,
    and anything else is checked as usual."""

    def to_python(self, value):
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            return super().to_python(value)
        if not _countries_read:
            _countries_read.update(Country.objects.in_bulk())
        country = _countries_read.get(int(value))
        if country is None:
            country = super().to_python(value)
            _countries_read[country.pk] = country
        return country


class PassportNamesMixin:
    """Names as in the passport and the passport itself: how the delegate and the secretariat write them."""

    def clean_given_name(self):
        return self._latin(self.cleaned_data["given_name"])

    def clean_family_name(self):
        return self._latin(self.cleaned_data["family_name"])

    @staticmethod
    def _one_line(value):
        return " ".join(without_control_characters(value).split())

    def _latin(self, value):
        value = self._one_line(value)
        if not LATIN_NAME.match(value):
            raise forms.ValidationError(_("Write the name in Latin letters, exactly as in the passport."))
        return value

    def clean_name_arabic(self):
        value = self._one_line(self.cleaned_data["name_arabic"])
        if value and not ARABIC_NAME.match(value):
            raise forms.ValidationError(_("Use Arabic script only in this field."))
        return value

    def clean_passport_number(self):
        return self.cleaned_data["passport_number"].replace(" ", "").upper()

    def check_passport(self, data, forum):
        """The visa letter needs a passport number and one valid six months after the event."""
        number, expiry = data.get("passport_number"), data.get("passport_expiry")
        if not number or not PASSPORT_NUMBER.match(number):
            self.add_error("passport_number", _("Give the passport number (5 to 20 letters and digits)."))
        if not expiry:
            self.add_error("passport_expiry", _("Give the passport's expiry date."))
        elif expiry < forum.end_date + dt.timedelta(days=180):
            self.add_error("passport_expiry", _("The passport must be valid for six months after the event."))


class RegistrationForm(PassportNamesMixin, forms.ModelForm):
    required_css_class = "required"

    days = forms.MultipleChoiceField(label=_("Days attending"), widget=forms.CheckboxSelectMultiple)
    interpretation = forms.MultipleChoiceField(
        label=_("Languages for interpretation"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    photo_upload = forms.FileField(
        label=_("Photo for the badge"),
        required=False,
        help_text=_("JPEG or PNG, at most 5 MB, at least 200 pixels on each side."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data is used for this event."),
        required=True,
        error_messages={"required": _("Registration needs your consent to the privacy notice.")},
    )
    list_consent = forms.BooleanField(
        label=_(
            "I agree that my name, parliament, functions and participation appear in the list of "
            "participants the secretariat publishes."
        ),
        required=False,
    )

    class Meta:
        model = Registration
        fields = [
            "language",
            "honorific",
            "given_name",
            "family_name",
            "name_arabic",
            "gender",
            "email",
            "nationality",
            "chamber",
            "functions",
            "committees",
            "digital_committee",
            "mode",
            "days",
            "interpretation",
            "accessibility",
            "dietary",
            "visa_letter",
            "passport_number",
            "passport_expiry",
            "arrival",
            "departure",
        ]
        field_classes = {"nationality": CountryChoiceField}
        widgets = {
            "given_name": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "given-name"}),
            "family_name": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "family-name"}),
            "name_arabic": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "email": forms.EmailInput(attrs={"dir": "ltr"}),
            "passport_number": forms.TextInput(attrs={"dir": "ltr"}),
            "gender": forms.Select(choices=Person.Gender.choices),
            "mode": forms.RadioSelect(choices=Mode.choices),
            "passport_expiry": forms.DateInput(attrs={"type": "date"}),
            "arrival": forms.DateInput(attrs={"type": "date"}),
            "departure": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, track, parliament, member_id=None, with_consent=True, **kwargs):
        """`member_id`: whose photo an earlier attempt kept (none: no photo is kept between attempts)."""
        super().__init__(*args, **kwargs)
        self.track = track
        self.member_id = member_id
        self.fields["days"].choices = day_choices(track)
        self.fields["nationality"].choices = self._nationality_choices
        self.fields["chamber"].queryset = Chamber.objects.filter(parliament=parliament)
        self.fields["gender"] = forms.ChoiceField(label=_("Gender"), choices=Person.Gender.choices)
        if not with_consent:
            del self.fields["consent"]
            del self.fields["list_consent"]

    def _nationality_choices(self):
        """Countries by name in the page's language; built only when the form is shown."""
        countries = ((country.pk, str(country)) for country in countries_by_name())
        return [("", self.fields["nationality"].empty_label), *countries]

    def _get_validation_exclusions(self):
        """Model validation would look each chosen row up again: the form's choice fields already did."""
        return super()._get_validation_exclusions() | {
            name for name, field in self.fields.items() if isinstance(field, forms.ModelChoiceField)
        }

    def validate_constraints(self):
        """The table's check constraints are the rules `clean` applies; the database enforces them again."""

    def clean_photo_upload(self):
        """A new file is checked and re-encoded; without one, the photo kept from an earlier attempt."""
        upload = self.cleaned_data.get("photo_upload")
        if upload:
            return photos.reencode(upload)
        if self.member_id is None:
            return None
        return photos.pending(self.kept_photo_token, self.member_id)

    @property
    def kept_photo_token(self) -> str:
        return self.data.get("photo_kept", "") if self.is_bound else ""

    def keep_photo(self) -> str:
        """After an error elsewhere in the form: keep the valid photo for the next attempt (in place
        of the one kept before, if the delegate chose another)."""
        photo = self.cleaned_data.get("photo_upload") if hasattr(self, "cleaned_data") else None
        if photo is None or self.member_id is None:
            return ""
        if self.kept_photo_token and not self.files.get("photo_upload"):
            return self.kept_photo_token
        return photos.keep_pending(photo, self.member_id)

    def discard_kept_photo(self) -> None:
        if self.member_id is not None:
            photos.discard_pending(self.kept_photo_token, self.member_id)

    def clean(self):
        data = super().clean()
        forum = self.track.forum
        earliest, latest = forum.start_date - TRAVEL_WINDOW, forum.end_date + TRAVEL_WINDOW
        arrival, departure = data.get("arrival"), data.get("departure")
        for name, value in (("arrival", arrival), ("departure", departure)):
            if value and not earliest <= value <= latest:
                self.add_error(
                    name,
                    _("Give a date between %(start)s and %(end)s.")
                    % {"start": dates.format_date(earliest), "end": dates.format_date(latest)},
                )
        if arrival and departure and departure < arrival:
            self.add_error("departure", _("The departure is before the arrival."))
        if data.get("visa_letter"):
            self.check_passport(data, forum)
        else:
            data["passport_number"], data["passport_expiry"] = "", None
        if data.get("mode") == Mode.ONLINE:
            data["visa_letter"], data["passport_number"], data["passport_expiry"] = False, "", None
        return data

    @property
    def error_count(self) -> int:
        """A field with errors counts once; each error that belongs to no field counts too."""
        return sum(
            len(errors) if name == forms.forms.NON_FIELD_ERRORS else 1 for name, errors in self.errors.items()
        )

    def registration_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields} | self._list_consent()

    def _list_consent(self) -> dict:
        """The consent to appear in the published list, with the wording's version and the language
        the delegate read it in; nothing when the box is left unticked."""
        if not self.cleaned_data.get("list_consent"):
            return {}
        return {
            "list_consent_at": timezone.now(),
            "list_consent_language": translation.get_language() or settings.LANGUAGE_CODE,
            "list_consent_version": LIST_CONSENT_VERSION,
            "list_consent_text": str(self.fields["list_consent"].label),
        }


class NewLinkForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)


class DetailsForm(PassportNamesMixin, forms.ModelForm):
    """The secretariat corrects what the delegate typed; the seat, the mode and the days stay as they are.
    The passport fields are offered only while the registration asks for a visa letter."""

    required_css_class = "required"

    class Meta:
        model = Registration
        fields = DETAIL_FIELDS
        widgets = RegistrationForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"] = forms.ChoiceField(label=_("Gender"), choices=Person.Gender.choices)
        if not self.instance.visa_letter:
            del self.fields["passport_number"], self.fields["passport_expiry"]

    def clean(self):
        data = super().clean()
        if self.instance.visa_letter:
            self.check_passport(data, self.instance.track.forum)
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class ModeForm(forms.Form):
    mode = forms.ChoiceField(label=_("Participation"), choices=Mode.choices, widget=forms.RadioSelect)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("The reason is e-mailed to the delegate exactly as you write it."),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Badge code or reference"), max_length=200)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or reference"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *Registration.Status.choices]
    )
    mode = forms.ChoiceField(label=_("Participation"), required=False, choices=[("", "—"), *Mode.choices])
    waiting_for = forms.ChoiceField(
        label=_("On the waiting list for"),
        required=False,
        choices=[("", "—"), *WaitingFor.choices[1:]],
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", "—"), *M49_REGION_NAMES.items()]
    )
    group = forms.ChoiceField(
        label=_("UN regional group"), required=False, choices=[("", "—"), *UNRegionalGroup.choices]
    )
    category = forms.ChoiceField(
        label=_("Economic category"),
        required=False,
        choices=[("", "—"), ("ldc", "LDC"), ("lldc", "LLDC"), ("sids", "SIDS")],
    )
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=[("", "—"), *Person.Gender.choices])
    parliament = forms.IntegerField(
        label=_("Parliament"), required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput
    )
    visa = forms.BooleanField(label=_("Needs a visa letter"), required=False)
