"""Django's SMTP backend, telling which recipients the server refused when it accepted the others.

smtplib's `sendmail` raises only when every recipient is refused; when some are accepted it returns
the refused ones, and Django drops that answer. The outbox reads it from `refused_recipients`.
"""

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


class SMTPBackend(smtp.EmailBackend):
    """`refused_recipients`: {address: (code, reply)} of the messages sent by this instance."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_recipients = {}

    @property
    def connection_class(self):
        return _SMTPOverSSL if self.use_ssl else _SMTP

    def _send(self, email_message):
        sent = super()._send(email_message)
        if sent:
            self.refused_recipients.update(self.connection.refused)
        return sent
