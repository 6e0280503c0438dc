from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.credentials.models import Credentials

State = Credentials.State


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Letter from the Speaker or the Secretary General, or note verbale (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class StandingForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    former_mp = forms.BooleanField(label=_("former member of parliament"), required=False)
    honorary = forms.BooleanField(label=_("honorary member"), required=False)


class ReceivedForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[
            (Credentials.Channel.POST, Credentials.Channel.POST.label),
            (Credentials.Channel.EMAIL, Credentials.Channel.EMAIL.label),
        ],
    )
    document = forms.FileField(label=_("Scan (PDF), if any"), required=False)


class DecisionForm(forms.Form):
    state = forms.ChoiceField(
        label=pgettext_lazy("credentials", "Decision"),
        choices=[
            (value, State(value).label) for value in (State.VERIFIED, State.PROVISIONAL, State.NOT_ACCEPTED)
        ],
    )
    reason = forms.CharField(label=_("Reason (when not accepted)"), max_length=500, required=False)
