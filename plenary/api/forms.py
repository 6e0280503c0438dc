import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.api.models import Scope
from plenary.api.services import READ_SCOPES

LONGEST_VALIDITY = dt.timedelta(days=366)


class FocalPointTokenForm(forms.Form):
    """A focal point's read token for its own delegation: a name, read scopes, a last day."""

    name = forms.CharField(
        label=gettext_lazy("Token name"),
        max_length=100,
        help_text=gettext_lazy("The system that will use it, e.g. your parliament's registration system."),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("scopes"),
        choices=[(value, label) for value, label in Scope.choices if value in READ_SCOPES],
        widget=forms.CheckboxSelectMultiple,
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Last day of use"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if not today <= day <= today + LONGEST_VALIDITY:
            raise forms.ValidationError(_("Choose a day from today to a year from now."))
        return day

    def expires_at(self) -> dt.datetime:
        """The end of the last day of use."""
        next_day = self.cleaned_data["expires_on"] + dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(next_day, dt.time()))
