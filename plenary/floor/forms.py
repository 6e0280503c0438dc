from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AnnouncedValueForm(forms.Form):
    announced_value = forms.CharField(
        label=_("Value announced in the room"),
        max_length=100,
        help_text=_("Announce it aloud, then enter it: it completes the published seed."),
    )


class SeatingForm(AnnouncedValueForm):
    language = forms.ChoiceField(
        label=_("Alphabetical order of the country names in"), choices=settings.LANGUAGES
    )
