"""The one way to make a PDF: a Django template rendered to HTML, then WeasyPrint, fonts embedded,
tagged for accessibility (PDF/UA-1).

WeasyPrint shapes Arabic with HarfBuzz and orders mixed-direction text itself; what it cannot do is
draw a script without a font, so every render first checks that the fonts the languages need are
installed, and says which Debian package brings them (never boxes in a PDF).

Every PDF is PDF/UA-1: a structure tree in reading order (the HTML's order), `/MarkInfo /Marked
true`, the document's language in `/Lang` and its `<title>` as Title (a page without one is an
error). WeasyPrint gives each structure element no language of its own, so `language_tagged`
gives the element of every HTML element carrying a `lang` attribute its `/Lang`: a screen reader
then reads an Arabic passage in an English document with an Arabic voice.

Arabic is set in Noto Naskh Arabic with GPOS mark attachment off (docs/letters.md, "The Arabic text
layer"): attached marks are drawn raised, in a text-show operation of their own, and Poppler
(pdftotext, and the viewers built on it) then splits the word at each mark.
"""

import functools
import io
import subprocess

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# The font family each language is set in, and the Debian package that installs it.
FONTS = {
    "ar": ("Noto Naskh Arabic", "fonts-noto-core"),
    "zh-hans": ("Noto Sans CJK SC", "fonts-noto-cjk"),
    "en": ("Noto Serif", "fonts-noto-core"),
    "fr": ("Noto Serif", "fonts-noto-core"),
    "ru": ("Noto Serif", "fonts-noto-core"),
    "es": ("Noto Serif", "fonts-noto-core"),
}

PDF_VARIANT = "pdf/ua-1"

# Marks (harakat, shadda, tanween) stay where the font draws them instead of being raised onto their
# letter by a baseline shift, which is what makes Poppler read every Arabic word whole.
ARABIC_TEXT_LAYER_CSS = ':lang(ar) { font-feature-settings: "mark" 0, "mkmk" 0 !important; }'


class MissingFontError(RuntimeError):
    pass


class UntitledDocumentError(ValueError):
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


def language_tagged(build_box_tree):
    """WeasyPrint's structure-tree builder, giving `/Lang` to the elements of HTML elements that
    carry a `lang` attribute (the root's language is the document's `/Lang` already)."""

    @functools.wraps(build_box_tree)
    def build(box, *args):
        for element in build_box_tree(box, *args):
            language = None if box.element is None else box.element.get("lang")
            if language and box.element_tag != "html" and "Lang" not in element:
                import pydyf

                element["Lang"] = pydyf.String(language)
            yield element

    build.language_tagged = True
    return build


@functools.cache
def weasyprint_html():
    """WeasyPrint's HTML class, its tagging taught per-element languages (once per process)."""
    from weasyprint import HTML
    from weasyprint.pdf import tags

    if not getattr(tags._build_box_tree, "language_tagged", False):
        tags._build_box_tree = language_tagged(tags._build_box_tree)
    return HTML


@functools.cache
def stylesheets():
    from weasyprint import CSS

    return [CSS(string=ARABIC_TEXT_LAYER_CSS)]


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """`html` as a tagged PDF/UA-1 document; its <html lang> and <title> are required."""
    document = weasyprint_html()(string=html, base_url=base_url or str(settings.BASE_DIR)).render(
        stylesheets=stylesheets(), pdf_variant=PDF_VARIANT
    )
    if not (document.metadata.title or "").strip():
        raise UntitledDocumentError("A PDF needs a <title>: it becomes the document's Title.")
    if not document.metadata.lang:
        raise UntitledDocumentError("A PDF needs <html lang>: it becomes the document's /Lang.")
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict, *, languages, language: str | None = None) -> bytes:
    """Render `template_name` (in `language`, default the first of `languages`) to PDF bytes."""
    languages = list(languages)
    check_fonts(languages)
    with translation.override(language or languages[0]):
        html = render_to_string(template_name, context)
    return html_to_pdf(html)


def merge_pdfs(documents: list[bytes]) -> bytes:
    """One PDF of the tagged `documents`' pages in order, their structure trees joined in that order
    under one Document element, so that the whole stays tagged."""
    import pikepdf

    sources = [pikepdf.Pdf.open(io.BytesIO(content)) for content in documents]
    try:
        with pikepdf.Pdf.new() as merged:
            for source in sources:
                merged.pages.extend(source.pages)
            if sources:
                join_structure_trees(merged, sources)
            buffer = io.BytesIO()
            merged.save(buffer)
    finally:
        for source in sources:
            source.close()
    return buffer.getvalue()


def join_structure_trees(merged, sources) -> None:
    """Copy each source's structure tree into `merged` (whose pages are the sources' pages, in order),
    shifting every source's parent-tree keys past those of the sources before it."""
    import pikepdf

    document = merged.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document))
    root = merged.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([document]))
    )
    document.P = root
    kids, nums, offset, first_page = pikepdf.Array(), pikepdf.Array(), 0, 0
    for source in sources:
        source_root = source.Root.StructTreeRoot
        for top in source_root.K:
            for kid in top.K:
                copied = merged.copy_foreign(kid)
                copied.P = document
                kids.append(copied)
        source_nums = source_root.ParentTree.Nums
        keys = [int(source_nums[index]) for index in range(0, len(source_nums), 2)]
        for position, key in enumerate(keys):
            nums.extend([key + offset, _copied(merged, source_nums[2 * position + 1])])
        _shift_structure_parents(merged.pages[first_page : first_page + len(source.pages)], offset)
        first_page += len(source.pages)
        offset += max(keys, default=-1) + 1
    document.K = kids
    root.ParentTree = merged.make_indirect(pikepdf.Dictionary(Nums=nums))
    root.ParentTreeNextKey = offset
    merged.Root.StructTreeRoot = root
    merged.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    first = sources[0].Root
    for key in ("/Lang", "/ViewerPreferences", "/Metadata"):
        if key in first:
            merged.Root[key] = _copied(merged, first[key])
    merged.docinfo = _copied(merged, sources[0].docinfo)


def _copied(merged, value):
    """`value`, from another PDF, made part of `merged` (an array item by item: a direct array may hold
    references to objects of its own PDF)."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return merged.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_copied(merged, item) for item in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copied(merged, item) for key, item in value.items()})
    return value


def _shift_structure_parents(pages, offset: int) -> None:
    for page in pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
