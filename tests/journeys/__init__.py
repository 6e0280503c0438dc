"""Journeys: each user's whole path through plenary, across the apps, in Debian's Chromium.

Each journey drives Chromium through Playwright against Django's `live_server` and asserts what
the user sees (headings, messages) and the e-mails they get (recipient, language, subject, the link
it carries), then follows that link as the user would. Run them with `pytest -m journey -s`: each
prints its clicks, typed fields, pages opened and seconds.

Mail goes through the real outbox, to a real SMTP server (`plenary.core.testing.smtp_server`), and
is delivered by the real worker:

- on PostgreSQL (mandatory in CI) by `plenary work`, started as a subprocess with `DATABASE_URL`
  pointing at the test database and `EMAIL_URL` at the SMTP server. `live_server` makes these
  tests transactional, so what the pages write is committed and the worker sees it;
- on SQLite the test database is in memory, shared by the threads of this process only, so no
  subprocess can open it: there the queued tasks (django-tasks' database worker, in batch) and the
  outbox's own `deliver_due` run in-process between steps, as the worker runs them.

Either way a step that sends mail waits until the outbox holds nothing queued, then reads the
messages the SMTP server received. The data is the IGF 2023 demo (reference data, the track, its
invited parliaments with their demo contacts, the letter template, the registration demo's
limits) loaded through the same code as `make demo`.
"""
