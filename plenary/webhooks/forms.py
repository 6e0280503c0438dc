from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.events.models import Track
from plenary.webhooks import services
from plenary.webhooks.models import Event


class EndpointForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.order_by("-start_date"))
    name = forms.CharField(label=pgettext_lazy("webhook endpoint", "Name"), max_length=200)
    url = forms.URLField(label=_("Address (URL)"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=pgettext_lazy("webhook", "Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        services.check_url(url)
        return url
