from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.privacy.models import RetentionPolicy


class RetentionPolicyForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["passport_days", "photo_days", "contact_days", "registration_days"]

    def clean(self):
        cleaned = super().clean()
        days = [cleaned.get(name) for name in self.Meta.fields]
        if None in days:
            return cleaned
        passport, photo, contact, registration = days
        if passport > min(photo, contact, registration):
            raise forms.ValidationError(_("Passport data and visa requests are kept the shortest."))
        if max(photo, contact) > registration:
            raise forms.ValidationError(
                _("Registrations are kept at least as long as photos and contact details.")
            )
        return cleaned


class ConfirmErasureForm(forms.Form):
    kept = forms.CharField(
        label=_("What must stay, and why (sent to the person)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
