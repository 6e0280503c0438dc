"""The one way to turn user-written Markdown into HTML that is safe in a page, a PDF or an e-mail.

Raw HTML written in the text is never passed through: Markdown's HTML block and inline HTML
processors are removed, so `<script>` is shown as text, and nh3 then keeps only the tags and the
link schemes Markdown itself produces. `^th^` gives a superscript (18^th^), as letters need.
"""

import html
import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.inlinepatterns import SimpleTagInlineProcessor

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "sup", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!^])")


class _SafeMarkdown(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.ESCAPED_CHARS.append("^")
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()\^([^\s^]+)\^", "sup"), "sup", 65)


def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_SafeMarkdown(), "nl2br", "sane_lists"], output_format="html")


def render_markdown(text: str) -> SafeString:
    """Markdown (links, emphasis, lists, line breaks, ^superscript^) to sanitised HTML."""
    cleaned = nh3.clean(
        _converter().convert(text or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 just above)


def escape_markdown(value: str) -> str:
    """`value` as literal text inside Markdown: no emphasis, link or HTML can come out of it."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(value)).replace("<", "&lt;")


def markdown_to_text(text: str) -> str:
    """The plain text a reader sees (for e-mail text parts and text comparisons)."""
    rendered = str(render_markdown(text))
    rendered = re.sub(r"<br\s*/?>\n?", "\n", rendered)
    rendered = re.sub(r"</(p|li|blockquote)>", "\n\n", rendered)
    plain = nh3.clean(rendered, tags=set())
    return re.sub(r"\n{3,}", "\n\n", html.unescape(plain)).strip()
