"""Country names as people read them, and the default names of parliaments built from them.

UNTERM's short names carry the article in brackets after the name, for sorting ("Japon (le)",
"Argentina (la)", "Bahamas (the)"), and footnote marks on a few ("Niue **", "دولة فلسطين *").
People see neither: the name is shown bare, and the article goes into the phrase that needs it
("Parlement du Japon", "Parlamento de la Argentina", "Parliament of the Bahamas").
"""

import re
import unicodedata
from dataclasses import dataclass

FOOTNOTE_MARKS = re.compile(r"\s*\*+\s*$")
BRACKETED_ARTICLE = re.compile(r"^(?P<name>.+?)\s*\((?P<article>the|le|la|l'|les|el|los|las)\)$")
FRENCH_CONTRACTIONS = {"le": "du ", "la": "de la ", "l'": "de l'", "les": "des "}
SPANISH_CONTRACTIONS = {"el": "del ", "la": "de la ", "los": "de los ", "las": "de las "}

# The default names plenary gave parliaments before they read naturally ("Parlement : Japon (le)"),
# built from the UNTERM name as the data file has it: a parliament still named so was not edited.
# Without compiled translations, the loader used the English form in every language.
LEGACY_PARLIAMENT_NAME_FORMATS = {
    "ar": ("برلمان {}", "Parliament of {}"),
    "zh-hans": ("{}议会", "Parliament of {}"),
    "en": ("Parliament of {}",),
    "fr": ("Parlement : {}", "Parliament of {}"),
    "ru": ("Парламент: {}", "Parliament of {}"),
    "es": ("Parlamento de {}", "Parliament of {}"),
}


@dataclass(frozen=True)
class CountryName:
    """A country's name in one language: shown bare, with the article its phrases need, and the
    text the data file has (before any correction), which older default names were built from."""

    name: str
    article: str = ""
    source: str = ""

    @classmethod
    def from_unterm(cls, text: str, source: str) -> "CountryName":
        bare = without_footnote_marks(text)
        match = BRACKETED_ARTICLE.match(bare)
        if match:
            return cls(match["name"], match["article"], source)
        return cls(bare, "", source)


def without_footnote_marks(text: str) -> str:
    return FOOTNOTE_MARKS.sub("", text.strip())


def _starts_with_vowel_sound(name: str) -> bool:
    first = unicodedata.normalize("NFKD", name[:1])[:1].lower()
    return first in "aeiouyh"


def _english(name: CountryName) -> str:
    return f"Parliament of {name.article + ' ' if name.article else ''}{name.name}"


def _french(name: CountryName) -> str:
    if name.article:
        preposition = FRENCH_CONTRACTIONS[name.article]
    else:
        preposition = "d'" if _starts_with_vowel_sound(name.name) else "de "
    return f"Parlement {preposition}{name.name}"


def _spanish(name: CountryName) -> str:
    return f"Parlamento {SPANISH_CONTRACTIONS.get(name.article, 'de ')}{name.name}"


def _arabic(name: CountryName) -> str:
    return f"برلمان {name.name}"


def _chinese(name: CountryName) -> str:
    return f"{name.name}议会"


PARLIAMENT_NAME_BUILDERS = {"ar": _arabic, "zh-hans": _chinese, "en": _english, "fr": _french, "es": _spanish}


def russian_parliament_name(name: CountryName, genitive: str | None) -> str:
    """ "Парламент Японии"; without a known genitive, the name is set apart instead of declined wrongly."""
    return f"Парламент {genitive}" if genitive else f"Парламент ({name.name})"


def default_parliament_names(names: dict[str, CountryName], russian_genitive: str | None) -> dict[str, str]:
    """The parliament's name in each language the country has a name in, until the secretariat edits it."""
    defaults = {code: build(names[code]) for code, build in PARLIAMENT_NAME_BUILDERS.items() if code in names}
    if "ru" in names:
        defaults["ru"] = russian_parliament_name(names["ru"], russian_genitive)
    return defaults
