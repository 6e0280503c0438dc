import functools

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plenary.core.errors import ServiceError, show_error
from plenary.core.ids import parse_id
from plenary.core.languages import normalise
from plenary.core.links import LinkError
from plenary.core.permissions import is_secretariat, secretariat_required
from plenary.events.models import Track
from plenary.invitations.views import link_error_page
from plenary.queries import links, selectors, services
from plenary.queries.forms import AnswerForm, AskForm, FilterForm, MessageForm
from plenary.queries.models import Query, ReplyTemplate
from plenary.queries.rules import can_view_query


def _track(slug: str) -> Track:
    return get_object_or_404(Track, slug=slug)


def ask(request, track):
    """ "Contact the secretariat": anyone; a logged-in asker is known, a visitor gives an address."""
    track = _track(track)
    form = AskForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="ask_secretariat"):
            messages.error(request, _("Too many queries from this connection. Try again in an hour."))
            return render(request, "queries/ask.html", {"track": track, "form": form}, status=429)
        data = form.cleaned_data
        try:
            query = services.ask(
                track=track,
                user=request.user,
                name=data["name"],
                email=data.get("email", ""),
                language=normalise(get_language()),
                category=data["category"],
                body=data["body"],
                attachment=data["attachment"],
            )
        except ServiceError as error:
            show_error(request, error)
            return render(request, "queries/ask.html", {"track": track, "form": form})
        messages.success(
            request, _("Your query has been sent. An e-mail with the link to this page is on its way.")
        )
        return redirect(_thread_page(query))
    return render(request, "queries/ask.html", {"track": track, "form": form})


def _thread_page(query) -> str:
    if query.asker_id:
        return reverse("queries:thread", kwargs={"track": query.track.slug, "pk": query.pk})
    return reverse("queries:by_link", kwargs={"track": query.track.slug, "token": links.query_token(query)})


@login_required
def my_threads(request, track):
    track = _track(track)
    return render(
        request,
        "queries/my_threads.html",
        {"track": track, "threads": selectors.own_threads(request.user, track)},
    )


@login_required
def thread(request, track, pk):
    query = get_object_or_404(Query.objects.select_related("track"), pk=pk, track__slug=track)
    if not can_view_query(request.user, query) or is_secretariat(request.user):
        raise Http404
    here = reverse("queries:thread", kwargs={"track": track, "pk": pk})
    return _asker_page(request, query, here, attachment_url=None)


def _opened_by_link(view):
    @functools.wraps(view)
    def wrapper(request, track, token, **kwargs):
        try:
            return view(request, track, token, **kwargs)
        except LinkError as error:
            return link_error_page(request, error, _track(track))

    return wrapper


@_opened_by_link
def by_link(request, track, token):
    query = links.query_from_token(token, track)
    here = reverse("queries:by_link", kwargs={"track": track, "token": token})
    return _asker_page(request, query, here, attachment_url=f"{here}files/")


@_opened_by_link
def attachment_by_link(request, track, token, message):
    query = links.query_from_token(token, track)
    found = query.messages.filter(pk=parse_id(str(message))).exclude(attachment="").first()
    if found is None:
        raise Http404
    return FileResponse(found.attachment.open("rb"), as_attachment=True, filename=found.attachment_filename)


def _asker_page(request, query, here, *, attachment_url):
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply(
                query=query,
                user=request.user,
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
            )
        except ServiceError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Your reply has been added."))
            return redirect(here)
    return render(
        request,
        "queries/thread.html",
        {
            "track": query.track,
            "query": query,
            "thread": query.messages.all(),
            "form": form,
            "attachment_url": attachment_url,
        },
    )


@secretariat_required
def secretariat_list(request, track):
    track = _track(track)
    members = list(selectors.secretariat_members())
    form = FilterForm(request.GET or None, members=members)
    filters = form.cleaned_data if form.is_valid() else {}
    threads = selectors.secretariat_threads(
        track,
        status=filters.get("status", ""),
        category=filters.get("category", ""),
        assignee=filters.get("assignee", ""),
    )
    return render(
        request,
        "queries/secretariat_list.html",
        {"track": track, "form": form, "threads": threads, "figures": selectors.dashboard_figures(track)},
    )


@secretariat_required
def secretariat_thread(request, track, pk):
    query = get_object_or_404(
        Query.objects.select_related("track", "parliament__country", "assignee"), pk=pk, track__slug=track
    )
    here = reverse("queries:secretariat_thread", kwargs={"track": track, "pk": pk})
    answer_form = AnswerForm(
        request.POST if request.POST.get("action") == "answer" else None,
        request.FILES or None,
        initial={"body": _template_text(request.GET.get("template"), query.language)},
    )
    if request.method == "POST":
        done = _act(request, query, answer_form)
        if done:
            return redirect(here)
    members = list(selectors.secretariat_members())
    return render(
        request,
        "queries/secretariat_thread.html",
        {
            "track": query.track,
            "query": query,
            "thread": query.messages.all(),
            "form": answer_form,
            "templates": selectors.reply_templates(query.language),
            "members": members,
            "statuses": Query.Status.choices,
            "registrations": selectors.registrations_with_the_askers_address(query),
        },
    )


def _template_text(template_id, language: str) -> str:
    template = ReplyTemplate.objects.filter(pk=parse_id(template_id), language=language).first()
    return template.body if template else ""


def _act(request, query, answer_form) -> bool:
    """The secretariat's action on a thread; True once done (the page is shown again)."""
    action = request.POST.get("action")
    try:
        if action == "answer":
            if not answer_form.is_valid():
                return False
            data = answer_form.cleaned_data
            services.answer(
                query=query,
                actor=request.user,
                body=data["body"],
                attachment=data["attachment"],
                status=data["status"],
            )
            messages.success(request, _("The answer has been sent."))
        elif action == "assign":
            assignee_id = parse_id(request.POST.get("assignee", ""))
            assignee = selectors.secretariat_members().filter(pk=assignee_id).first() if assignee_id else None
            services.assign(query=query, assignee=assignee, actor=request.user)
        elif action == "status":
            services.set_status(query=query, status=request.POST.get("status", ""), actor=request.user)
        else:
            raise Http404
    except (ServiceError, ValidationError) as error:
        show_error(request, error)
    return True
