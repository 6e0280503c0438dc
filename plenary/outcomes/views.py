import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plenary.core.errors import show_error
from plenary.core.ids import parse_id
from plenary.core.languages import LANGUAGE_CODES, NATIVE_NAMES, current_language, field_in_language
from plenary.core.permissions import secretariat_required
from plenary.events.models import Track
from plenary.floor import selectors as floor_selectors
from plenary.outcomes import exporters, rules, selectors, services
from plenary.outcomes.diff import diff_paragraphs
from plenary.outcomes.forms import (
    AmendmentForm,
    CommentForm,
    DecisionForm,
    MainPointForm,
    MergeForm,
    ParagraphForm,
    PeriodForm,
    PublishForm,
    TextForm,
)
from plenary.outcomes.models import Amendment, AmendmentKind, MainPoint, Paragraph, ParagraphVersion, Section


def _track(slug) -> Track:
    return get_object_or_404(Track.objects.select_related("forum"), slug=slug)


def _run(request, action, success: str) -> bool:
    """Call a service; show its refusal as a message (nothing changed) instead of an error page."""
    try:
        action()
    except ValidationError as error:
        show_error(request, error)
        return False
    messages.success(request, success)
    return True


def _form_errors(request, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def drafts_view(view):
    """Drafts are for the registered delegates and the secretariat: others log in, or get a 404."""

    @functools.wraps(view)
    def wrapped(request, track, *args, **kwargs):
        track_object = _track(track)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rules.can_read_drafts(request.user, track_object):
            raise Http404
        return view(request, track_object, *args, **kwargs)

    return wrapped


# --- public -------------------------------------------------------------------------------------


def outcome(request, track):
    """The adopted output document in the reader's language, untranslated paragraphs marked."""
    track = _track(track)
    document = selectors.document_for_track(track)
    version = selectors.adopted_version(document)
    language = current_language()
    rows = selectors.paragraphs(version)
    missing = selectors.language_completeness(rows)[language]
    return render(
        request,
        "outcomes/outcome.html",
        {
            "track": track,
            "document": document,
            "version": version,
            "sections": exporters.document_view(version, rows, [language]),
            "missing": missing,
            "pdf_languages": [(code, NATIVE_NAMES[code]) for code in LANGUAGE_CODES],
        },
    )


def session_outcome(request, track, session):
    """The paragraphs of the adopted document that a session fed."""
    from plenary.programme.models import Session

    track = _track(track)
    session = get_object_or_404(Session, track=track, slug=session)
    version = selectors.adopted_version(selectors.document_for_track(track))
    rows = selectors.paragraphs_fed_by(session, version)
    language = current_language()
    return render(
        request,
        "outcomes/session_outcome.html",
        {
            "track": track,
            "session": session,
            "version": version,
            "paragraphs": [{"row": row, "shown": exporters.shown(row, language)} for row in rows],
        },
    )


def _export_languages(request, document):
    codes = [code for code in request.GET.getlist("lang") if code] or [document.source_language]
    if len(codes) > 2 or any(code not in LANGUAGE_CODES for code in codes) or len(set(codes)) != len(codes):
        return None
    return codes


def _export_version(request, track):
    """The adopted version; a draft (?version=N) only for those who may read drafts."""
    document = selectors.document_for_track(track)
    if "version" not in request.GET:
        return document, selectors.adopted_version(document)
    number = parse_id(request.GET["version"])
    if number is None or not rules.can_read_drafts(request.user, track):
        raise Http404
    return document, selectors.version_by_number(document, number)


def _bad_languages():
    return HttpResponseBadRequest(
        _("Give one or two different languages with ?lang=, from: %(codes)s.")
        % {"codes": ", ".join(LANGUAGE_CODES)},
        content_type="text/plain; charset=utf-8",
    )


def _file(version, languages, export):
    """An adopted version never changes, so its files are made once a day at most; drafts every time."""
    if version.status != "adopted":
        return export(version, languages)
    key = f"outcomes:{export.__name__}:{version.pk}:{'-'.join(languages)}:{current_language()}"
    return cache.get_or_set(key, lambda: export(version, languages), timeout=24 * 3600)


def outcome_pdf(request, track):
    track = _track(track)
    document, version = _export_version(request, track)
    languages = _export_languages(request, document)
    if languages is None:
        return _bad_languages()
    response = HttpResponse(_file(version, languages, exporters.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{track.slug}-outcome-v{version.number}-{"-".join(languages)}.pdf"'
    )
    return response


def outcome_docx(request, track):
    track = _track(track)
    document, version = _export_version(request, track)
    languages = _export_languages(request, document)
    if languages is None:
        return _bad_languages()
    response = HttpResponse(
        _file(version, languages, exporters.docx),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{track.slug}-outcome-v{version.number}-{"-".join(languages)}.docx"'
    )
    return response


@secretariat_required
def feedback_export(request, track, number, extension):
    track = _track(track)
    version = selectors.version_by_number(selectors.document_for_track(track), number)
    filename = f"{track.slug}-outcome-v{version.number}-feedback.{extension}"
    if extension == "csv":
        response = HttpResponse(exporters.feedback_csv(version), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exporters.feedback_xlsx(version),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- delegates and secretariat --------------------------------------------------------------------


@drafts_view
def drafts(request, track):
    document = selectors.document_for_track(track)
    return render(
        request,
        "outcomes/drafts.html",
        {
            "track": track,
            "document": document,
            "versions": services.versions_with_comment_state(document, timezone.now()),
            "is_secretariat": rules.is_secretariat(request.user),
            "publish_form": PublishForm(),
            "period_form": PeriodForm(),
        },
    )


def _give_each_paragraph_its_forms(rows, language: str) -> None:
    """The comment and amendment forms under each paragraph, with ids of their own ("p3-comment-text"):
    a label, and a screen reader, finds the box of its own paragraph."""
    for row in rows:
        initial = {"language": language}
        row.comment_fields = CommentForm(initial=initial, auto_id=f"p{row.number}-comment-%s").as_div()
        row.amendment_fields = AmendmentForm(initial=initial, auto_id=f"p{row.number}-amendment-%s").as_div()


@drafts_view
def version_page(request, track, number):
    document = selectors.document_for_track(track)
    version = selectors.version_by_number(document, number)
    language = current_language()
    is_secretariat = rules.is_secretariat(request.user)
    rows = selectors.paragraphs(version, with_feedback=True)
    may_comment = services.takes_comments(version, timezone.now()) and rules.can_comment(request.user, track)
    if may_comment:
        _give_each_paragraph_its_forms(rows, language)
    sections = exporters.document_view(version, rows, [language])
    return render(
        request,
        "outcomes/version.html",
        {
            "track": track,
            "document": document,
            "version": version,
            "sections": sections,
            "may_comment": may_comment,
            "is_secretariat": is_secretariat,
            "language_options": render_to_string(
                "outcomes/_language_options.html",
                {"LANGUAGES": settings.LANGUAGES, "current_language": language},
            ),
            "previous": version.number - 1 if version.number > 1 else None,
            "superseded_by": services.superseded_by(version),
            "taken": version.amendments_taken.select_related("paragraph_version__version", "author").order_by(
                "paragraph_version__version__number", "paragraph_version__number", "pk"
            ),
        },
    )


@drafts_view
def paragraph_comments(request, track, number, pk):
    """All the comments on one paragraph of a version, a page at a time (the version's page shows
    only the latest few under each paragraph)."""
    row = _paragraph_version(track, number, pk)
    page = Paginator(selectors.paragraph_comments(row), selectors.COMMENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "outcomes/comments.html",
        {
            "track": track,
            "document": row.version.document,
            "version": row.version,
            "row": row,
            "cell": exporters.shown(row, current_language()),
            "page": page,
            "comments": selectors.label_comments(page.object_list),
        },
    )


def _paragraph_version(track, number, pk) -> ParagraphVersion:
    return get_object_or_404(
        ParagraphVersion.objects.select_related("version__document__track"),
        pk=pk,
        version__number=number,
        version__document__track=track,
    )


def _back(track, number, anchor=""):
    return redirect(reverse("outcomes:version", args=[track.slug, number]) + anchor)


@require_POST
@drafts_view
def comment(request, track, number, pk):
    row = _paragraph_version(track, number, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        _run(
            request,
            lambda: services.add_comment(actor=request.user, paragraph_version=row, **form.cleaned_data),
            _("Your comment on paragraph %(number)d is recorded.") % {"number": row.number},
        )
    return _back(track, number, f"#p{row.number}")


@require_POST
@drafts_view
def amend(request, track, number, pk):
    row = _paragraph_version(track, number, pk)
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        _run(
            request,
            lambda: services.propose_amendment(
                actor=request.user, paragraph_version=row, **form.cleaned_data
            ),
            _("Your amendment to paragraph %(number)d is recorded.") % {"number": row.number},
        )
    return _back(track, number, f"#p{row.number}")


@require_POST
@secretariat_required
@drafts_view
def decide(request, track, pk):
    amendment = get_object_or_404(
        Amendment.objects.select_related("paragraph_version__version"),
        pk=pk,
        paragraph_version__version__document__track=track,
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    elif form.cleaned_data["decision"] == "accept":
        _run(
            request,
            lambda: services.accept_amendment(actor=request.user, amendment=amendment),
            _("Accepted."),
        )
    else:
        _run(
            request,
            lambda: services.reject_amendment(
                actor=request.user, amendment=amendment, reason=form.cleaned_data["reason"]
            ),
            _("Rejected."),
        )
    return _back(track, amendment.paragraph_version.version.number, f"#p{amendment.paragraph_version.number}")


@require_POST
@secretariat_required
@drafts_view
def merge(request, track, number, pk):
    row = _paragraph_version(track, number, pk)
    form = MergeForm(
        request.POST,
        queryset=row.amendments.filter(status="proposed").exclude(kind=AmendmentKind.INSERT_AFTER),
    )
    if not form.is_valid():
        _form_errors(request, form)
    else:
        _run(
            request,
            lambda: services.merge_amendments(actor=request.user, **form.cleaned_data),
            _("The amendments are merged into the working text."),
        )
    return _back(track, number, f"#p{row.number}")


@require_POST
@secretariat_required
@drafts_view
def publish(request, track):
    document = selectors.document_for_track(track)
    form = PublishForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("outcomes:drafts", track.slug)
    published = []
    ok = _run(
        request,
        lambda: published.append(
            services.publish_version(
                actor=request.user,
                document=document,
                comments_open_at=form.cleaned_data["opens_at"],
                comments_close_at=form.cleaned_data["closes_at"],
                note=form.cleaned_data["note"],
            )
        ),
        _("A new version is published to the delegates."),
    )
    if ok:
        return redirect("outcomes:version", track.slug, published[0].number)
    return redirect("outcomes:drafts", track.slug)


@require_POST
@secretariat_required
@drafts_view
def period(request, track, number):
    """Set the comment period, or close it: closing asks first, then closes on the confirmed form."""
    version = selectors.version_by_number(selectors.document_for_track(track), number)
    if "close" in request.POST:
        if request.POST.get("confirm") == "yes":
            _run(
                request,
                lambda: services.close_comments(actor=request.user, version=version),
                _("Comments are closed."),
            )
            return redirect("outcomes:drafts", track.slug)
        return _confirm_closing(request, track, version)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        _run(
            request,
            lambda: services.set_comment_period(
                actor=request.user,
                version=version,
                opens_at=form.cleaned_data["opens_at"],
                closes_at=form.cleaned_data["closes_at"],
            ),
            _("The comment period is set."),
        )
    return redirect("outcomes:drafts", track.slug)


def _confirm_closing(request, track, version):
    try:
        services.require_closable(version, timezone.now())
    except ValidationError as error:
        show_error(request, error)
        return redirect("outcomes:drafts", track.slug)
    return render(
        request,
        "outcomes/close_confirm.html",
        {"track": track, "version": version, "feedback": selectors.feedback_counts(version)},
    )


@require_POST
@secretariat_required
@drafts_view
def adopt(request, track, number):
    version = selectors.version_by_number(selectors.document_for_track(track), number)
    _run(
        request,
        lambda: services.adopt_version(actor=request.user, version=version),
        _("The version is adopted and published to the public."),
    )
    return redirect("outcomes:drafts", track.slug)


@drafts_view
def compare(request, track):
    """The drafts page's "compare any two versions" form lands here and goes to the diff."""
    old, new = parse_id(request.GET.get("old")), parse_id(request.GET.get("new"))
    if old is None or new is None or old == new:
        messages.error(request, _("Choose two different versions to compare."))
        return redirect("outcomes:drafts", track.slug)
    return redirect("outcomes:diff", track.slug, old, new)


@drafts_view
def diff(request, track, old, new):
    document = selectors.document_for_track(track)
    language = request.GET.get("lang") or current_language()
    if language not in LANGUAGE_CODES:
        language = current_language()
    versions = [selectors.version_by_number(document, number) for number in (old, new)]
    sides = []
    for version in versions:
        sides.append(
            [
                (row.paragraph_id, row.number, exporters.shown(row, language).text)
                for row in version.paragraphs.order_by("number").only(
                    "paragraph_id", "number", "text", "status", "source_language"
                )
            ]
        )
    changes = diff_paragraphs(*sides)
    return render(
        request,
        "outcomes/diff.html",
        {
            "track": track,
            "document": document,
            "old": versions[0],
            "new": versions[1],
            "changes": changes,
            "language": language,
            "languages": [(code, NATIVE_NAMES[code]) for code in LANGUAGE_CODES],
            "counts": {
                kind: sum(1 for change in changes if kind in change.kinds)
                for kind in ("added", "removed", "moved", "changed")
            },
        },
    )


# --- the secretariat's working text -------------------------------------------------------------


@secretariat_required
@drafts_view
def work(request, track):
    document = selectors.document_for_track(track)
    paragraphs = (
        Paragraph.objects.filter(document=document, is_deleted=False)
        .select_related("section")
        .prefetch_related("texts", "sources__session")
        .order_by("section__order", "section_id", "order", "id")
    )
    by_section: dict[int, list] = {}
    for number, paragraph in enumerate(paragraphs, start=1):
        paragraph.number = number
        texts = {item.language: item for item in paragraph.texts.all()}
        paragraph.languages = [
            {
                "code": code,
                "name": NATIVE_NAMES[code],
                "label": field_in_language(_("Text"), code),
                "item": texts.get(code),
            }
            for code in LANGUAGE_CODES
        ]
        paragraph.source_ids = {point.pk for point in paragraph.sources.all()}
        by_section.setdefault(paragraph.section_id, []).append(paragraph)
    return render(
        request,
        "outcomes/work.html",
        {
            "track": track,
            "document": document,
            "sections": [
                {
                    "section": section,
                    "paragraphs": by_section.get(section.pk, []),
                    "paragraph_form": ParagraphForm(
                        prefix=_section_prefix(section), language=document.source_language
                    ),
                }
                for section in document.sections.all()
            ],
            "main_points": MainPoint.objects.filter(session__track=track, status="submitted").select_related(
                "session"
            ),
        },
    )


@require_POST
@secretariat_required
@drafts_view
def work_text(request, track, pk):
    paragraph = get_object_or_404(Paragraph, pk=pk, document__track=track)
    form = TextForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    elif "verify" in request.POST:
        _run(
            request,
            lambda: services.verify_translation(
                actor=request.user, paragraph=paragraph, language=form.cleaned_data["language"]
            ),
            _("The translation is verified."),
        )
    else:
        _run(
            request,
            lambda: services.edit_text(actor=request.user, paragraph=paragraph, **form.cleaned_data),
            _("The text is saved."),
        )
    return redirect(reverse("outcomes:work", args=[track.slug]) + f"#w{paragraph.pk}")


@require_POST
@secretariat_required
@drafts_view
def work_sources(request, track, pk):
    paragraph = get_object_or_404(Paragraph, pk=pk, document__track=track)
    ids = [parse_id(value) for value in request.POST.getlist("sources")]
    points = list(MainPoint.objects.filter(pk__in=[pk for pk in ids if pk is not None]))
    if len(points) != len(ids):
        messages.error(
            request, _("A paragraph can only cite submitted main points of this track's sessions.")
        )
    else:
        _run(
            request,
            lambda: services.cite_main_points(actor=request.user, paragraph=paragraph, main_points=points),
            _("The sources are saved."),
        )
    return redirect(reverse("outcomes:work", args=[track.slug]) + f"#w{paragraph.pk}")


def _section_prefix(section: Section) -> str:
    """Each section's form for a new paragraph has ids and names of its own."""
    return f"section-{section.pk}"


@require_POST
@secretariat_required
@drafts_view
def work_add(request, track, pk):
    section = get_object_or_404(Section.objects.select_related("document"), pk=pk, document__track=track)
    form = ParagraphForm(
        request.POST, prefix=_section_prefix(section), language=section.document.source_language
    )
    if not form.is_valid():
        _form_errors(request, form)
    else:
        _run(
            request,
            lambda: services.add_paragraph(
                actor=request.user, section=section, text=form.cleaned_data["text"]
            ),
            _("The paragraph is added."),
        )
    return redirect(reverse("outcomes:work", args=[track.slug]) + f"#s{section.pk}")


# --- main points ----------------------------------------------------------------------------------


@secretariat_required
def main_points(request, track):
    """The secretariat's overview: every session's main points, and which sessions still lack them."""
    track = _track(track)
    return render(
        request,
        "outcomes/main_points.html",
        {
            "track": track,
            "sessions": selectors.main_points_by_session(track),
            "lacking": list(selectors.sessions_lacking_main_points(track)),
        },
    )


def session_main_points(request, track, session):
    from plenary.programme.models import Session

    track = _track(track)
    session = get_object_or_404(Session, track=track, slug=session)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.can_record_main_points(request.user, session):
        raise Http404
    form = MainPointForm(session=session)
    if request.method == "POST":
        if "submit" in request.POST:
            _run(
                request,
                lambda: services.submit_main_points(actor=request.user, session=session),
                _("The main points are submitted to the secretariat."),
            )
            return redirect("outcomes:session_main_points", track.slug, session.slug)
        form = MainPointForm(request.POST, session=session)
        if form.is_valid():
            saved = _run(
                request,
                lambda: services.record_main_point(actor=request.user, session=session, **form.cleaned_data),
                _("The main point is recorded."),
            )
            if saved:
                return redirect("outcomes:session_main_points", track.slug, session.slug)
    return render(
        request,
        "outcomes/session_main_points.html",
        {
            "track": track,
            "session": session,
            "points": session.main_points.select_related("speaker", "speaker__person"),
            "form": form,
            "spoke": floor_selectors.speakers_in_order(session),
        },
    )
