"""Django's SMTP backend, telling which recipients the server refused when it accepted the others.

smtplib's `sendmail` raises only when every recipient is refused; when some are accepted it returns
the refused ones, and Django drops that answer. The outbox reads it from `refused_recipients`.
It also checks each distinct envelope address once per process (the sender of every message,
a recipient of several), not once per message.
"""

import functools
import smtplib

from django.core.mail.backends import smtp


class _RemembersRefusals:
    refused: dict = {}

    def sendmail(self, *args, **kwargs):
        self.refused = super().sendmail(*args, **kwargs)
        return self.refused


class _SMTP(_RemembersRefusals, smtplib.SMTP):
    pass


class _SMTPOverSSL(_RemembersRefusals, smtplib.SMTP_SSL):
    pass


# Distinct envelope addresses a process keeps checked.
ADDRESSES_KEPT = 4096


@functools.lru_cache(maxsize=ADDRESSES_KEPT)
def _prepared_address(address: str, force_ascii: bool) -> str:
    return smtp.EmailBackend.prep_address(smtp.EmailBackend, address, force_ascii)


class SMTPBackend(smtp.EmailBackend):
    """`refused_recipients`: {address: (code, reply)} of the messages sent by this instance."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_recipients = {}

    @property
    def connection_class(self):
        return _SMTPOverSSL if self.use_ssl else _SMTP

    def prep_address(self, address, force_ascii=True):
        if type(address) is str:
            return _prepared_address(address, force_ascii)
        return super().prep_address(address, force_ascii)

    def _send(self, email_message):
        sent = super()._send(email_message)
        if sent:
            self.refused_recipients.update(self.connection.refused)
        return sent
