"""TranslatedField: one JSON column holding a text per UN language (no migration per language); and
the clean-up every stored text goes through (control characters out)."""

import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.core.languages import LANGUAGE_CODES, NATIVE_NAMES, field_in_language, text_direction
from plenary.core.translation import TranslatedText

# Characters nobody types, which XML (XLSX, DOCX, feeds) refuses or which hide in a name: C0 controls
# but tab, line feed and carriage return; DEL and C1 controls; lone surrogates; U+FFFE and U+FFFF.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS_AND_TABS = re.compile(r"[\t\n\r]+")


def without_control_characters(text: str, *, multiline: bool = True) -> str:
    """`text` without control characters; one-line text also has its line breaks and tabs as a space."""
    text = CONTROL_CHARACTERS.sub("", text)
    return text if multiline else LINE_BREAKS_AND_TABS.sub(" ", text)


def clean_stored_text(sender, instance, update_fields=None, **kwargs):
    """pre_save, for every model: whatever form, import or service a text came through, it is stored
    without control characters; TextField and multi-line TranslatedField keep line breaks and tabs.
    Deferred fields are not read (that would cost a query each), nor fields the save leaves alone."""
    skipped = instance.get_deferred_fields()
    for field in instance._meta.concrete_fields:
        if field.attname in skipped or (update_fields is not None and field.name not in update_fields):
            continue
        value = getattr(instance, field.attname)
        cleaned = _without_control_characters(field, value)
        if cleaned is not value:
            setattr(instance, field.attname, cleaned)


def _without_control_characters(field, value):
    """The cleaned value of a text field; `value` itself when there is nothing to clean."""
    if isinstance(field, TranslatedField):
        texts = TranslatedText.coerce(value).values
        cleaned = {
            code: without_control_characters(text, multiline=field.multiline) for code, text in texts.items()
        }
        return value if cleaned == texts else cleaned
    if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
        cleaned = without_control_characters(value, multiline=isinstance(field, models.TextField))
        return value if cleaned == value else cleaned
    return value


class TranslatedTextDescriptor:
    def __init__(self, field):
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__.get(self.field.attname)
        if not isinstance(value, TranslatedText):
            value = TranslatedText(
                TranslatedText.coerce(value).values,
                primary=lambda: getattr(instance, "translation_primary_language", None),
            )
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value):
        # A plain string is English text; anything else (a dict from the database) is wrapped on read.
        instance.__dict__[self.field.attname] = (
            TranslatedText.coerce(value) if isinstance(value, str) else value
        )


class TranslatedWidget(forms.MultiWidget):
    """One box per language, each labelled by the field and the language ("Letterhead — Arabic"),
    the language's own name beside its box in that language."""

    template_name = "core/widgets/translated.html"
    field_label = ""

    def __init__(self, multiline=False, attrs=None):
        widgets = []
        for code in LANGUAGE_CODES:
            lang_attrs = {"lang": code, "dir": text_direction(code)}
            widget_class = forms.Textarea if multiline else forms.TextInput
            extra = {"rows": 4} if multiline else {"size": 60}
            widgets.append(widget_class(attrs=lang_attrs | extra))
        super().__init__(widgets, attrs)

    def decompress(self, value):
        values = TranslatedText.coerce(value).values
        return [values.get(code, "") for code in LANGUAGE_CODES]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, code in zip(context["widget"]["subwidgets"], LANGUAGE_CODES, strict=True):
            subwidget["language_name"] = NATIVE_NAMES[code]
            subwidget["language_code"] = code
            subwidget["field_and_language"] = field_in_language(self.field_label, code)
        return context


class TranslatedFormField(forms.MultiValueField):
    default_error_messages = {"required": _("Enter this text in at least one language.")}

    def __init__(self, *, multiline=False, max_length=None, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(required=False, max_length=max_length) for _code in LANGUAGE_CODES]
        super().__init__(
            fields, widget=TranslatedWidget(multiline=multiline), require_all_fields=False, **kwargs
        )
        self.widget.field_label = self.label or ""

    def compress(self, data_list):
        return TranslatedText(dict(zip(LANGUAGE_CODES, data_list or [], strict=False)))

    def has_changed(self, initial, data):
        return TranslatedText.coerce(initial) != self.compress(data if isinstance(data, list) else [])


class TranslatedField(models.JSONField):
    """A JSON object {language code: text}; reading it gives a TranslatedText."""

    def __init__(self, *args, multiline=False, max_length=None, **kwargs):
        self.multiline = multiline
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        if self.text_max_length:
            kwargs["max_length"] = self.text_max_length
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        setattr(cls, self.attname, TranslatedTextDescriptor(self))

    def get_prep_value(self, value):
        if isinstance(value, TranslatedText):
            value = value.as_dict()
        return super().get_prep_value(value)

    def value_from_object(self, obj):
        return TranslatedText.coerce(getattr(obj, self.attname)).as_dict()

    def validate(self, value, model_instance):
        super().validate(TranslatedText.coerce(value).as_dict(), model_instance)
        if self.text_max_length:
            for code, text in TranslatedText.coerce(value).values.items():
                if len(text) > self.text_max_length:
                    raise forms.ValidationError(
                        _("The %(language)s text is longer than %(limit)d characters.")
                        % {"language": NATIVE_NAMES[code], "limit": self.text_max_length}
                    )

    def formfield(self, **kwargs):
        options = {
            "required": not self.blank,
            "label": self.verbose_name[:1].upper() + self.verbose_name[1:],
            "help_text": self.help_text,
            "multiline": self.multiline,
            "max_length": self.text_max_length,
        }
        form_class = kwargs.pop("form_class", TranslatedFormField)
        kwargs.pop("widget", None)
        return form_class(**(options | kwargs))
