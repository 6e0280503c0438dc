from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.queries import attachments
from plenary.queries.models import Category, Query

ANY = [("", "—")]


class AttachmentField(forms.FileField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return attachments.from_upload(upload) if upload else None


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000)
    attachment = AttachmentField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("A PDF document or a PNG or JPEG image, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )


class AskForm(MessageForm):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"dir": "ltr"}))
    category = forms.ChoiceField(label=_("Subject"), choices=Category.choices)
    field_order = ["name", "email", "category", "body", "attachment"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(user, "is_authenticated", False):
            del self.fields["email"]
            self.fields["name"].initial = user.get_full_name() or user.email


class AnswerForm(MessageForm):
    status = forms.ChoiceField(
        label=_("Then the query is"),
        choices=[(status, label) for status, label in Query.Status.choices if status != Query.Status.OPEN],
        initial=Query.Status.ANSWERED,
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ANY + Query.Status.choices, required=False)
    category = forms.ChoiceField(label=_("Subject"), choices=ANY + Category.choices, required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = (
            ANY + [("none", _("Nobody"))] + [(str(user.pk), user.email) for user in members]
        )
