from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.directory.models import UNRegionalGroup
from plenary.funding.endorsements import check_letter
from plenary.funding.models import Application
from plenary.funding.services import APPLICATION_FIELDS


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = APPLICATION_FIELDS
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 5}),
            "committee_work": forms.Textarea(attrs={"rows": 3}),
            "previous_participation": forms.Textarea(attrs={"rows": 2}),
            "itinerary": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        if not data.get("full_package") and not data.get("amount_asked"):
            self.add_error("amount_asked", _("Give the amount you ask for, or ask for the full package."))
        return data


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=pgettext_lazy("review", "comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"points_{criterion.code}"] = forms.IntegerField(
                label=str(criterion.name),
                min_value=0,
                max_value=criterion.max_points,
                help_text=_("0 to %(max)s points, weight %(weight)s")
                % {"max": criterion.max_points, "weight": criterion.weight},
            )

    def points(self) -> dict:
        return {c.code: self.cleaned_data[f"points_{c.code}"] for c in self.criteria}


class RunForm(forms.Form):
    fixed_in = forms.MultipleChoiceField(
        label=_("fixed in"), required=False, widget=forms.CheckboxSelectMultiple
    )
    fixed_out = forms.MultipleChoiceField(
        label=_("fixed out"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(a.pk), f"{a.person} ({a.person.parliament.country.iso3})") for a in candidates]
        self.fields["fixed_in"].choices = choices
        self.fields["fixed_out"].choices = choices

    def clean(self):
        data = super().clean()
        both = set(data.get("fixed_in", [])) & set(data.get("fixed_out", []))
        if both:
            raise forms.ValidationError(_("An applicant cannot be fixed both in and out."))
        return data


class EndorseForm(forms.Form):
    letter = forms.FileField(
        label=_("endorsement letter (optional)"),
        required=False,
        validators=[check_letter],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class PaymentForm(forms.Form):
    amount = forms.IntegerField(label=_("amount paid"), min_value=1)


class RegionLimitsForm(forms.Form):
    """A minimum and a maximum for each UN regional group of the directory; empty: no limit."""

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(UNRegionalGroup)
        for index, group in enumerate(self.groups):
            minimum, maximum = call.region_limits.get(group.value, [None, None])
            for name, label, initial in (
                (f"min_{index}", _("%(group)s: at least"), minimum),
                (f"max_{index}", _("%(group)s: at most"), maximum),
            ):
                text = label % {"group": group.label}
                self.fields[name] = forms.IntegerField(
                    label=text,
                    min_value=0,
                    required=False,
                    initial=initial,
                    widget=forms.NumberInput(attrs={"aria-label": text}),
                )

    def rows(self):
        return [
            (group, self[f"min_{index}"], self[f"max_{index}"]) for index, group in enumerate(self.groups)
        ]

    def limits(self) -> dict:
        return {
            group.value: [self.cleaned_data[f"min_{index}"], self.cleaned_data[f"max_{index}"]]
            for index, group in enumerate(self.groups)
        }


class SendDecisionsForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the selection: send every decision now"), required=True
    )
    before_close = forms.BooleanField(label=_("Send them although the call is still open"), required=False)
