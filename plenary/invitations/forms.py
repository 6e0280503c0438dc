from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.core.languages import parse_language_list
from plenary.invitations.models import LetterTemplate


class LanguageListField(forms.CharField):
    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        try:
            return parse_language_list(value or "")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class LetterTemplateForm(forms.ModelForm):
    languages = LanguageListField(label=_("Language order"), help_text=_("e.g. ar, en"))

    class Meta:
        model = LetterTemplate
        fields = [
            "languages",
            "layout",
            "letter_date",
            "reference_pattern",
            "letterhead",
            "addressee_line",
            "salutation",
            "body",
            "closing",
            "enclosures",
            "email_subject",
            "email_body",
        ]
        widgets = {"letter_date": forms.DateInput(attrs={"type": "date"})}


class SendChoiceForm(forms.Form):
    """The parliaments a send goes to, among the invited ones not sent to yet."""

    parliaments = forms.MultipleChoiceField(
        label=_("Parliaments"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one parliament.")},
    )

    def __init__(self, *args, parliaments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parliaments"].choices = [
            (parliament.country.iso3, f"{parliament.country.iso3} {parliament}") for parliament in parliaments
        ]
        self.fields["parliaments"].initial = [parliament.country.iso3 for parliament in parliaments]
