"""Every page a user reaches, built from the URLconf: which route, who opens it, with which data.

`PAGES` names the routes that answer a person with an HTML page, each with the user who opens it
and the arguments that reach a real record of the IGF 2023 demo (`plenary load_demo`, plus the few
records the demo does not make: see `complete_the_demo`). `NOT_PAGES` names every other route and
why no one reads it as a page. `test_axe.py` fails when a route of the URLconf is in neither, so a
new page cannot go unscanned. The admin's routes of plenary's own models are generated (list, add
form, change form); Django's history and delete confirmations, and the models of other packages, are
left to their authors.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

TRACK = "igf2023-pt"
VISITOR = None
SECRETARIAT = "secretariat@example.org"
FOCAL_POINT = "focal.jpn@example.org"
DELEGATE = "delegate.ken@example.org"
APPLICANT = "chikondi.banda@example.org"
RAPPORTEUR = "speaker.ken@example.org"
REVIEWER = "reviewer.one@example.org"
GRANTEE = "ahmed.saleh@example.org"  # offered a grant by `fill_the_back_office_lists`
FLOOR_SESSION = "roundtable"  # the session whose speakers' list the demo opens


@dataclass(frozen=True)
class Page:
    """A route, who opens it, the URL's arguments; or, for a page reached only by a step of a form
    (`reached_by`), the steps the browser takes from the route's own address."""

    route: str
    who: str | None
    arguments: Callable[[SimpleNamespace], dict] = lambda demo: {}
    label: str = ""
    reached_by: Callable | None = None

    @property
    def name(self) -> str:
        return f"{self.route}{' ' + self.label if self.label else ''} ({self.who or 'visitor'})"

    def path(self, demo: SimpleNamespace, language: str) -> str:
        with translation.override(language):
            return reverse(self.route, kwargs=self.arguments(demo))


def track(demo):
    return {"track": TRACK}


def on_track(**more: Callable) -> Callable:
    return lambda demo: {"track": TRACK} | {key: value(demo) for key, value in more.items()}


def on_record(name: str, attribute: str = "pk") -> Callable:
    return lambda demo: {name: getattr(demo, attribute)}


PAGES = [
    # public
    Page("events:current_track", VISITOR),
    Page("events:track_home", VISITOR, track),
    Page("programme:programme", VISITOR, track),
    Page("programme:session", VISITOR, on_track(slug=lambda demo: demo.session.slug)),
    Page("programme:speaker", VISITOR, on_track(speaker_id=lambda demo: demo.speaker.pk)),
    Page("programme:changes", VISITOR, track),
    Page("outcomes:outcome", VISITOR, track),
    Page("outcomes:session_outcome", VISITOR, on_track(session=lambda demo: demo.session.slug)),
    Page("registration:participants", VISITOR, track),
    Page("registration:new_link", VISITOR, track),
    Page("funding:calls", VISITOR, track),
    Page("funding:call", VISITOR, on_track(call=lambda demo: demo.call.pk)),
    Page("queries:ask", VISITOR, track),
    Page("queries:by_link", VISITOR, on_track(token=lambda demo: demo.query_token)),
    Page("invitations:personal", VISITOR, lambda demo: {"token": demo.invitation_token}),
    Page("floor:session", VISITOR, on_track(slug=lambda demo: FLOOR_SESSION)),
    Page("floor:projector", VISITOR, on_track(slug=lambda demo: FLOOR_SESSION)),
    Page("floor:seating", VISITOR, on_track(slug=lambda demo: FLOOR_SESSION)),
    Page("account_login", VISITOR),
    Page("account_request_login_code", VISITOR),
    Page("account_reset_password", VISITOR),
    Page("account_reset_password_done", VISITOR),
    Page("account_confirm_login_code", VISITOR, reached_by=lambda page, url: ask_for_a_login_code(page, url)),
    Page("mfa_authenticate", VISITOR, reached_by=lambda page, url: log_in_with_a_password(page, url)),
    # focal point
    Page("registration:delegation_link", VISITOR, on_track(token=lambda demo: demo.delegation_token)),
    Page("registration:my_delegations", FOCAL_POINT, track),
    Page("registration:delegation", FOCAL_POINT, on_track(parliament=lambda demo: demo.japan.pk)),
    Page("directory:parliament", FOCAL_POINT, lambda demo: {"pk": demo.japan.pk}),
    Page("api_tokens:delegation", FOCAL_POINT, on_track(parliament=lambda demo: demo.japan.pk)),
    Page("floor:delegation", FOCAL_POINT, on_track(slug=lambda demo: FLOOR_SESSION)),
    Page(
        "privacy:member_erasure",
        FOCAL_POINT,
        on_track(parliament=lambda demo: demo.japan.pk, member=lambda demo: demo.member.pk),
    ),
    # delegate
    Page("registration:register", VISITOR, on_track(token=lambda demo: demo.member_token)),
    Page("privacy:my_erasure", VISITOR, on_track(token=lambda demo: demo.member_token)),
    Page("programme:agenda", DELEGATE, track),
    Page("outcomes:version", DELEGATE, on_track(number=lambda demo: demo.open_version.number)),
    Page(
        "outcomes:paragraph_comments",
        DELEGATE,
        on_track(
            **{"number": lambda demo: demo.open_version.number, "pk": lambda demo: demo.open_paragraph.pk}
        ),
    ),
    Page("outcomes:diff", DELEGATE, on_track(old=lambda demo: 1, new=lambda demo: 2)),
    Page("outcomes:drafts", DELEGATE, track),
    Page("queries:my_threads", DELEGATE, track),
    Page("queries:thread", DELEGATE, on_track(pk=lambda demo: demo.query.pk)),
    Page("funding:apply", APPLICANT, on_track(call=lambda demo: demo.call.pk)),
    Page("funding:decline", GRANTEE, lambda demo: {"pk": demo.grant.pk}),
    Page("outcomes:session_main_points", RAPPORTEUR, on_track(session=lambda demo: demo.session.slug)),
    Page("funding:endorsements", FOCAL_POINT, lambda demo: {"call": demo.call.pk}),
    Page("funding:review_list", REVIEWER, lambda demo: {"call": demo.call.pk}),
    Page("funding:review", REVIEWER, lambda demo: {"pk": demo.application.pk}),
    # secretariat
    Page("mfa_index", SECRETARIAT),
    Page("invitations:track", SECRETARIAT, track),
    Page("invitations:send", SECRETARIAT, track),
    Page("invitations:edit_template", SECRETARIAT, track),
    Page("invitations:archive", SECRETARIAT, lambda demo: {"pk": demo.archive.pk}),
    Page("registration:secretariat_list", SECRETARIAT, track),
    Page("registration:secretariat_detail", SECRETARIAT, on_track(pk=lambda demo: demo.registration.pk)),
    Page("registration:secretariat_details", SECRETARIAT, on_track(pk=lambda demo: demo.registration.pk)),
    Page("registration:check_in", SECRETARIAT, track),
    Page("funding:selection", SECRETARIAT, lambda demo: {"call": demo.call.pk}),
    Page("funding:run", SECRETARIAT, lambda demo: {"pk": demo.run.pk}),
    Page("funding:send_decisions", SECRETARIAT, lambda demo: {"pk": demo.run.pk}),
    Page("outcomes:work", SECRETARIAT, track),
    Page("outcomes:main_points", SECRETARIAT, track),
    Page("queries:secretariat_list", SECRETARIAT, track),
    Page("queries:secretariat_thread", SECRETARIAT, on_track(pk=lambda demo: demo.query.pk)),
    Page("documents:batches", SECRETARIAT, track),
    Page("documents:batch", SECRETARIAT, on_track(pk=lambda demo: demo.batch.pk)),
    Page("overview:dashboard", SECRETARIAT, track),
    Page("credentials:secretariat_list", SECRETARIAT, track),
    Page(
        "credentials:secretariat_detail",
        SECRETARIAT,
        on_track(delegation=lambda demo: demo.japan_delegation.pk),
    ),
    Page("privacy:secretariat", SECRETARIAT, track),
    Page("floor:chair", SECRETARIAT, on_track(slug=lambda demo: FLOOR_SESSION)),
    Page("webhooks:endpoints", SECRETARIAT),
    Page("webhooks:endpoint", SECRETARIAT, lambda demo: {"pk": demo.endpoint.pk}),
    Page("admin:index", SECRETARIAT),
    Page("admin:directory_parliament_import", SECRETARIAT),
    Page("admin:directory_person_import", SECRETARIAT),
]


def ask_for_a_login_code(page, login_code_url: str) -> None:
    """The form for the e-mailed code: a delegate asks for a code first."""
    page.context.clear_cookies()
    page.goto(login_code_url.replace("/login/code/confirm/", "/login/code/"))
    page.fill("#id_email", DELEGATE)
    with page.expect_navigation():
        page.press("#id_email", "Enter")


def log_in_with_a_password(page, authenticate_url: str) -> None:
    """The form for the authenticator's code: the secretariat gives its password first."""
    from plenary.core.demo_accounts import SECRETARIAT_PASSWORD

    page.context.clear_cookies()
    page.goto(authenticate_url.replace("/2fa/authenticate/", "/login/"))
    page.fill("form.account-form input[name=login]", SECRETARIAT)
    page.fill("form.account-form input[name=password]", SECRETARIAT_PASSWORD)
    with page.expect_navigation():
        page.press("form.account-form input[name=password]", "Enter")


FILE = "a file (PDF, XLSX, ZIP, DOCX, CSV, image, calendar or feed), not a page"
ACTION = "a form's action (POST), answered by a redirect to the page the form is on"
REDIRECT = "a redirect to a page listed here"
UNUSED = (
    "an allauth page plenary's logins never lead to (no sign-up, e-mail change or passwords for delegates)"
)

NOT_PAGES = {
    "credentials:report_pdf": FILE,
    "credentials:report_xlsx": FILE,
    "floor:live": "the speakers' list's live state, fetched every second by its pages' script (JSON)",
    "programme:time_zone_names": "the time zones' names, fetched by the programme's time-zone menu (JSON)",
    "floor:export": FILE,
    "privacy:my_data_json": FILE,
    "privacy:my_data_pdf": FILE,
    "privacy:member_data_json": FILE,
    "privacy:member_data_pdf": FILE,
    "privacy:confirm_erasure": ACTION,
    "set_language": ACTION,
    "private_file": FILE,
    "programme_feeds:ics": FILE,
    "programme_feeds:json": FILE,
    "programme_feeds:xml": FILE,
    "programme_feeds:session_ics": FILE,
    "programme_feeds:agenda_ics": FILE,
    "outcome_files:pdf": FILE,
    "outcome_files:docx": FILE,
    "outcome_files:feedback_csv": FILE,
    "outcome_files:feedback_xlsx": FILE,
    "registration:my_badge": FILE,
    "registration:my_visa_letter": FILE,
    "registration:photo": FILE,
    "registration:badge": FILE,
    "registration:visa_letter": FILE,
    "documents:my_certificate": FILE,
    "documents:download": FILE,
    "overview:women_pdf": FILE,
    "overview:women_xlsx": FILE,
    "invitations:archive_download": FILE,
    "invitations:proof_template": FILE,
    "invitations:preview_template": "a POST answered with the letter itself, in the editor's frame",
    "invitations:archive_status": "the archive page's progress, fetched by its script (JSON)",
    "admin:directory_parliament_export": FILE,
    "admin:directory_person_export": FILE,
    "admin:jsi18n": FILE,
    "admin:view_on_site": REDIRECT,
    "admin:login": REDIRECT,
    "admin:logout": ACTION,
    "admin:password_change": "staff have no password form in the back office: allauth's page is used",
    "admin:password_change_done": "staff have no password form in the back office: allauth's page is used",
    "admin:autocomplete": "the admin's autocomplete answers (JSON)",
    "admin:app_list": "the admin's index of one app, the same template as admin:index",
    "core:after_login": REDIRECT,
    "registration:delegation_by_invitation": REDIRECT,
    "funding:accept": ACTION,
    "outcomes:comment": ACTION,
    "outcomes:amend": ACTION,
    "outcomes:merge": ACTION,
    "outcomes:publish": ACTION,
    "outcomes:period": ACTION,
    "outcomes:adopt": ACTION,
    "outcomes:decide": ACTION,
    "outcomes:work_text": ACTION,
    "outcomes:work_sources": ACTION,
    "outcomes:work_add": ACTION,
    "outcomes:compare": REDIRECT,
    "funding:endorse": ACTION,
    "funding:region_limits": ACTION,
    "funding:payment": ACTION,
    "invitations:request_archive": ACTION,
    "invitations:retry_archive": ACTION,
    "programme:star": ACTION,
    "programme:seat": ACTION,
    "programme:seat_by_link": ACTION,
    "webhooks:pause": ACTION,
    "webhooks:resume": ACTION,
    "webhooks:rotate_secret": ACTION,
    "webhooks:send_again": ACTION,
    "queries:attachment_by_link": FILE,
    "account_logout": ACTION,
    "account_inactive": UNUSED,
    "account_signup": UNUSED,
    "account_reauthenticate": UNUSED,
    "account_request_reauthentication_code": UNUSED,
    "account_confirm_reauthentication_code": UNUSED,
    "account_email": UNUSED,
    "account_email_verification_sent": UNUSED,
    "account_confirm_email": UNUSED,
    "account_change_password": UNUSED,
    "account_set_password": UNUSED,
    "account_reset_password_from_key": "reached only from a password-reset e-mail's signed key",
    "account_reset_password_from_key_done": UNUSED,
    "mfa_reauthenticate": UNUSED,
    "mfa_activate_totp": "reached only by staff without an authenticator app, before any other page",
    "mfa_deactivate_totp": UNUSED,
    "mfa_view_recovery_codes": UNUSED,
    "mfa_generate_recovery_codes": UNUSED,
    "mfa_download_recovery_codes": FILE,
}
ADMIN_LEFT_TO_DJANGO = ("history", "delete")


def plenary_admin_models() -> list:
    return [model for model in admin.site._registry if model.__module__.startswith("plenary.")]


def admin_pages() -> list[Page]:
    """The list and the add or change form of each of plenary's models in the back office."""
    pages = []
    for model in plenary_admin_models():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(Page(f"{prefix}_changelist", SECRETARIAT))
        if admin.site._registry[model].has_add_permission(_staff_request()):
            pages.append(Page(f"{prefix}_add", SECRETARIAT))
        pages.append(Page(f"{prefix}_change", SECRETARIAT, _first_of(model)))
    return pages


def _staff_request():
    return SimpleNamespace(user=SimpleNamespace(is_active=True, is_staff=True, has_perm=lambda *args: True))


def _first_of(model) -> Callable:
    return lambda demo: {"object_id": demo.first[model._meta.label].pk}


def left_out_by_rule(route: str) -> bool:
    """A route no page is built for, by family: the API (JSON, and django-ninja's Swagger UI), and in
    the admin other packages' models, Django's history and delete confirmations, and the add forms
    of models the back office takes no additions for (they answer 403)."""
    if route.startswith("api:"):
        return True
    if not route.startswith("admin:"):
        return False
    own = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_": model for model in plenary_admin_models()
    }
    model = next((model for prefix, model in own.items() if route.startswith(prefix)), None)
    if model is None:
        return True
    action = route.rsplit("_", 1)[-1]
    no_additions = action == "add" and not admin.site._registry[model].has_add_permission(_staff_request())
    return action in ADMIN_LEFT_TO_DJANGO or no_additions


def every_page() -> list[Page]:
    return PAGES + admin_pages()


def routes(patterns=None, namespace: str = "") -> list[str]:
    """The name of every route in the URLconf (namespace included)."""
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(namespace + pattern.name)
    return names


def complete_the_demo():
    """The records the pages need that `load_demo` leaves out, made through the apps' services; then
    what each page's arguments read."""
    from django.contrib.auth import get_user_model

    from plenary.core.accounts import account_for_login
    from plenary.core.demo_accounts import SECRETARIAT_EMAIL
    from plenary.core.models import Role, RoleAssignment
    from plenary.directory.models import Parliament
    from plenary.documents import services as documents
    from plenary.events.models import Track
    from plenary.funding import services as funding
    from plenary.funding.models import Application, FundingCall
    from plenary.invitations import services as invitations
    from plenary.invitations.models import Invitation
    from plenary.outcomes import services as outcomes
    from plenary.outcomes.models import Document, Paragraph
    from plenary.privacy import services as privacy
    from plenary.programme.models import Session, Speaker
    from plenary.queries import links as query_links
    from plenary.queries import services as queries
    from plenary.registration import links
    from plenary.registration.models import Delegation, DelegationMember, Registration
    from plenary.webhooks import services as webhooks

    users = get_user_model().objects
    staff = users.get(email=SECRETARIAT_EMAIL)
    the_track = Track.objects.get(slug=TRACK)
    call = FundingCall.objects.get(track=the_track)
    document = Document.objects.get(track=the_track)
    now = timezone.now()
    open_version = outcomes.publish_version(
        actor=staff,
        document=document,
        comments_open_at=now - dt.timedelta(hours=1),
        comments_close_at=now + dt.timedelta(days=7),
    )
    open_paragraph = open_version.paragraphs.order_by("number").first()
    delegate = users.get(email=DELEGATE)
    outcomes.add_comment(
        actor=delegate, paragraph_version=open_paragraph, stance="support", text="Agreed.", language="en"
    )
    amendment = outcomes.propose_amendment(
        actor=delegate,
        paragraph_version=open_paragraph,
        kind="replace",
        text="A better sentence.",
        language="en",
    )
    query = queries.ask(
        track=the_track,
        user=delegate,
        name="Demo Delegate",
        email=DELEGATE,
        language="en",
        category="visa",
        body="When is my visa letter ready?",
    )
    japan = Parliament.objects.get(country__iso3="JPN")
    member = DelegationMember.objects.filter(delegation__parliament=japan).first()
    registration = Registration.objects.get(member=member)
    grant = fill_the_back_office_lists(the_track, call, japan, registration, staff)
    # Japan's focal point answers for Egypt too: their way in is then the list of their delegations.
    RoleAssignment.objects.create(
        user=users.get(email=FOCAL_POINT),
        role=Role.FOCAL_POINT,
        parliament=Parliament.objects.get(country__iso3="EGY"),
    )
    for email in (APPLICANT, RAPPORTEUR, GRANTEE):
        account_for_login(email)
    egypt = Registration.objects.filter(track=the_track, delegation__parliament__country__iso3="EGY").first()
    # An erasure waiting, for the secretariat's page and the back office's list.
    privacy.request_erasure(
        person=egypt.person, track=the_track, actor=None, language="ar", by_focal_point=False
    )
    return SimpleNamespace(
        track=the_track,
        japan=japan,
        session=Session.objects.get(track=the_track, slug="opening"),
        speaker=Speaker.objects.filter(track=the_track).first(),
        call=call,
        application=Application.objects.filter(call=call).first(),
        grant=grant,
        run=funding.run_selection(call=call, actor=staff),
        open_version=open_version,
        open_paragraph=open_paragraph,
        amendment=amendment,
        paragraph=Paragraph.objects.filter(document=document, is_deleted=False).first(),
        query=query,
        query_token=query_links.query_token(query),
        invitation_token=invitations.link_token(Invitation.objects.get(track=the_track, parliament=japan)),
        delegation_token=links.delegation_token(Delegation.objects.get(track=the_track, parliament=japan)),
        member_token=links.member_token(member),
        registration=registration,
        member=member,
        japan_delegation=Delegation.objects.get(track=the_track, parliament=japan),
        archive=invitations.request_archive(track=the_track, actor=staff),
        batch=documents.request_batch(track=the_track, kind="badges", actor=staff),
        endpoint=webhooks.create_endpoint(
            track=the_track,
            name="Press office",
            url="https://press.example.org/hooks",
            events=["registration.confirmed"],
            actor=staff,
        ),
        first={model._meta.label: model.objects.order_by("pk").first() for model in plenary_admin_models()},
    )


def fill_the_back_office_lists(the_track, call, japan, registration, staff):
    """One record for each back-office list the demo leaves empty, so that its change form opens;
    returns the application offered a grant (its ledger entry)."""
    from plenary.api import services as api
    from plenary.credentials.models import TrackRules
    from plenary.directory.models import Committee
    from plenary.events.models import TrackDocument
    from plenary.funding import services as funding
    from plenary.funding.models import Application
    from plenary.privacy.models import DataKind, RetentionRun
    from plenary.registration import services as registration_services

    registration_services.check_in(registration=registration, actor=staff, day=the_track.start_date)
    grant = funding.approve_grant(
        application=Application.objects.get(call=call, person__email=GRANTEE), amount=1000, actor=staff
    )
    token, _ = api.create_token(
        owner=staff,
        name="Badge printer",
        scopes=["read:registrations"],
        track=the_track,
        expires_at=timezone.now() + dt.timedelta(days=30),
        actor=staff,
    )
    api.log_request(token=token, method="GET", path="/api/v1/tracks", status=200)
    Committee.objects.create(
        parliament=japan, name={"en": "Committee on Internal Affairs and Communications"}
    )
    TrackDocument.objects.create(track=the_track, title={"en": "Concept note"})
    TrackRules.objects.made_for(the_track)
    # What the daily retention job records; running the job here would anonymise the demo.
    RetentionRun.objects.create(track=the_track, kind=DataKind.PHOTO, ran_at=timezone.now(), count=0)
    return grant
