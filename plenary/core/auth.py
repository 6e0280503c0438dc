"""Login rules: accounts are made by the secretariat or by an invitation, never by sign-up."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext as _

from plenary.core import ratelimits
from plenary.core.clients import client_address
from plenary.core.languages import current_language
from plenary.core.outbox import as_written, queue_email, track_contact

logger = logging.getLogger(__name__)

# Set on a request whose e-mail went to the outbox, so that allauth does not say it was sent.
MAIL_QUEUED = "plenary_mail_queued"
SENT_MESSAGES = {"account/messages/login_code_sent.txt"}


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def format_email_subject(self, subject) -> str:
        return f"plenary · {subject}"

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails (login codes, password resets), signed with plenary's address, not the
        request's host. They go straight to the mail server, since the user is waiting for them; if
        the server does not take one, the outbox sends it (with retries) and the user is told so."""
        request = allauth_context.request
        rendered = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
                "site_url": settings.SITE_URL,
            },
        )
        message = as_written(rendered, reply_to=current_track_contact())
        try:
            message.send()
        except OSError as error:  # SMTP errors, refused connections and timeouts are all OSErrors
            logger.warning("mail server did not take %s for %s (%s): queued", template_prefix, email, error)
            _hand_to_outbox(message)
            setattr(request, MAIL_QUEUED, True)
            messages.warning(
                request,
                _(
                    "The mail server is slow to answer. Your e-mail to %(address)s is queued and will "
                    "follow in a few minutes: no need to ask again."
                )
                % {"address": email},
            )

    def add_message(self, request, level, message_template=None, message_context=None, **kwargs):
        if message_template in SENT_MESSAGES and getattr(request, MAIL_QUEUED, False):
            return
        super().add_message(request, level, message_template, message_context, **kwargs)

    def get_client_ip(self, request) -> str:
        return client_address(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth's per-key limit on failed logins counts an account from one address."""
        return ratelimits.account_from_address(
            super()._get_login_attempts_cache_key(request, **credentials), request
        )

    def pre_authenticate(self, request, **credentials) -> None:
        ratelimits.refuse_while_backing_off("login_failed", login_of(credentials))
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        ratelimits.record_attempt(request, "login_failed", login_of(credentials))


def _hand_to_outbox(message) -> None:
    html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), None)
    queue_email(
        to=message.to,
        reply_to=message.reply_to,
        subject=message.subject,
        body=message.body,
        html_body=html,
        language=current_language(),
    )


def current_track_contact() -> list[str]:
    """Replies to allauth's e-mails go to the current track's contact person, when there is one."""
    if not apps.is_installed("plenary.events"):
        return []
    track = apps.get_model("events", "Track").objects.filter(is_current=True).first()
    return track_contact(track) if track is not None else []


def login_of(credentials: dict) -> str:
    return credentials.get("email", credentials.get("username", ""))


def user_display(user) -> str:
    full_name = user.get_full_name().strip()
    return full_name or user.email or user.get_username()
