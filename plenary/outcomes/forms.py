from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.languages import field_in_language, text_direction
from plenary.outcomes.models import AmendmentKind, MainPointKind, Stance

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CommentForm(forms.Form):
    stance = forms.ChoiceField(label=_("Your position"), choices=Stance.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Amendment"), choices=AmendmentKind.choices)
    text = forms.CharField(
        label=_("Proposed text"),
        required=False,
        max_length=10_000,
        help_text=_("Leave empty to delete the paragraph."),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("accept", pgettext_lazy("amendment decision", "Accept")),
            ("reject", pgettext_lazy("amendment decision", "Reject")),
        ]
    )
    reason = forms.CharField(label=_("Reason for rejecting"), required=False, max_length=2000)


class MergeForm(forms.Form):
    amendments = forms.ModelMultipleChoiceField(
        label=_("Amendments to merge"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(
        label=_("Merged text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amendments"].queryset = queryset


class PeriodForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Comments open"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Comments close"), widget=DATETIME)

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            raise forms.ValidationError(_("The comment period must close after it opens."))
        return data


class PublishForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Comments open"), required=False, widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Comments close"), required=False, widget=DATETIME)
    note = forms.CharField(
        label=_("Note to the delegates"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("opens_at")) != bool(data.get("closes_at")):
            raise forms.ValidationError(
                _("Give both the opening and the closing of the comment period, or neither.")
            )
        return data


class TextForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Text"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ParagraphForm(forms.Form):
    """A new paragraph, written in the document's source language, which its label names."""

    text = forms.CharField(max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        text = self.fields["text"]
        text.label = field_in_language(_("New paragraph"), language)
        text.widget.attrs.update(lang=language, dir=text_direction(language))


class MainPointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MainPointKind.choices)
    text = forms.CharField(
        label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    speaker = forms.ModelChoiceField(label=_("Said by (for a quote)"), queryset=None, required=False)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        from plenary.programme.models import Speaker

        self.fields["speaker"].queryset = Speaker.objects.filter(roles__session=session).distinct()
