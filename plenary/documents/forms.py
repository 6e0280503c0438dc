from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from plenary.documents.models import DocumentBatch


class BatchForm(forms.Form):
    kind = forms.ChoiceField(label=_("Documents"), choices=DocumentBatch.Kind.choices)
    language = forms.ChoiceField(
        label=_("Language of the list"),
        choices=settings.LANGUAGES,
        help_text=_(
            "For the list of participants; certificates are in each delegate's language and English."
        ),
    )
