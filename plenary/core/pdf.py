"""The one way to make a PDF: a Django template rendered to HTML, then WeasyPrint, fonts embedded.

WeasyPrint shapes Arabic with HarfBuzz and orders mixed-direction text itself; what it cannot do is
draw a script without a font, so every render first checks that the fonts the languages need are
installed, and says which Debian package brings them (never boxes in a PDF).
"""

import functools
import subprocess

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# The font family each language is set in, and the Debian package that installs it.
FONTS = {
    "ar": ("Amiri", "fonts-hosny-amiri"),
    "zh-hans": ("Noto Sans CJK SC", "fonts-noto-cjk"),
    "en": ("Noto Serif", "fonts-noto-core"),
    "fr": ("Noto Serif", "fonts-noto-core"),
    "ru": ("Noto Serif", "fonts-noto-core"),
    "es": ("Noto Serif", "fonts-noto-core"),
}


class MissingFontError(RuntimeError):
    pass


@functools.cache
def font_installed(family: str) -> bool:
    result = subprocess.run(
        ["fc-list", f":family={family}", "family"], capture_output=True, text=True, check=False
    )
    return bool(result.stdout.strip())


def check_fonts(languages) -> None:
    """Raise MissingFontError naming the package to install if a language has no font."""
    missing = {FONTS[code] for code in languages if code in FONTS and not font_installed(FONTS[code][0])}
    if missing:
        families = ", ".join(sorted(family for family, _package in missing))
        packages = " ".join(sorted({package for _family, package in missing}))
        raise MissingFontError(
            f"The font(s) {families} are not installed, so this PDF cannot be set correctly. "
            f"Install them with: apt-get install {packages}"
        )


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()


def render_pdf(template_name: str, context: dict, *, languages, language: str | None = None) -> bytes:
    """Render `template_name` (in `language`, default the first of `languages`) to PDF bytes."""
    languages = list(languages)
    check_fonts(languages)
    with translation.override(language or languages[0]):
        html = render_to_string(template_name, context)
    return html_to_pdf(html)
