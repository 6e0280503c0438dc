"""Text entered by users in any of the six UN languages, stored as one JSON object."""

from collections.abc import Callable, Mapping

from plenary.core.languages import FALLBACK_LANGUAGE, LANGUAGE_CODES, language_or_current, normalise


def plain(value):
    """A field value as stored: a translated text as its {language: text} dict, anything else as is."""
    return value.as_dict() if isinstance(value, TranslatedText) else value


class TranslatedText:
    """A value per language, read with fallback: requested → primary → English → any."""

    __slots__ = ("_primary", "values")

    def __init__(self, values: Mapping[str, str] | None = None, primary: Callable | str | None = None):
        self.values = {
            code: text.strip()
            for code, text in (values or {}).items()
            if code in LANGUAGE_CODES and isinstance(text, str) and text.strip()
        }
        self._primary = primary

    @classmethod
    def coerce(cls, value) -> "TranslatedText":
        if isinstance(value, TranslatedText):
            return value
        if value is None:
            return cls()
        if isinstance(value, str):
            return cls({FALLBACK_LANGUAGE: value})
        if isinstance(value, Mapping):
            return cls(value)
        raise TypeError(f"cannot make translated text from {type(value).__name__}")

    @property
    def primary_language(self) -> str | None:
        primary = self._primary() if callable(self._primary) else self._primary
        return normalise(primary) if primary else None

    def fallback_order(self, language: str | None = None) -> list[str]:
        order = [language_or_current(language)]
        order += [self.primary_language, FALLBACK_LANGUAGE, *LANGUAGE_CODES]
        return [code for code in dict.fromkeys(order) if code]

    def language_served(self, language: str | None = None) -> str | None:
        """The language whose text `get(language)` returns, or None when there is no text."""
        return next((code for code in self.fallback_order(language) if code in self.values), None)

    def get(self, language: str | None = None) -> str:
        served = self.language_served(language)
        return self.values[served] if served else ""

    def missing_languages(self) -> list[str]:
        return [code for code in LANGUAGE_CODES if code not in self.values]

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)

    def __str__(self) -> str:
        return self.get()

    def __bool__(self) -> bool:
        return bool(self.values)

    def __eq__(self, other) -> bool:
        if isinstance(other, TranslatedText):
            return self.values == other.values
        if isinstance(other, Mapping):
            return self.values == TranslatedText(other).values
        return NotImplemented

    def __hash__(self):
        return hash(tuple(sorted(self.values.items())))

    def __repr__(self) -> str:
        return f"TranslatedText({self.values!r})"
