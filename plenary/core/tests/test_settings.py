import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from plenary.config import mailers, rendering_digest, secret_key


def test_email_url_smtp_with_tls():
    assert mailers("smtp+tls://user%40ipu:p%2Fss@mail.example.org:587?timeout=10") == {
        "default": {
            "BACKEND": "plenary.core.mail.SMTPBackend",
            "OPTIONS": {
                "host": "mail.example.org",
                "port": 587,
                "username": "user@ipu",
                "password": "p/ss",
                "use_tls": True,
                "use_ssl": False,
                "timeout": 10,
            },
        }
    }


def test_email_url_console_and_file():
    assert mailers("console://") == {
        "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}
    }
    assert mailers("file:///var/mail/plenary")["default"]["OPTIONS"] == {"file_path": "/var/mail/plenary"}


def test_an_unknown_email_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured) as error:
        mailers("pigeon://loft")
    assert (
        str(error.value)
        == "EMAIL_URL scheme 'pigeon' is not one of console, file, memory, smtp, smtp+tls, smtps"
    )


def test_production_requires_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured):
        secret_key(True, tmp_path)
    assert not (tmp_path / "secret_key").exists()


def test_outside_production_a_secret_key_is_made_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(False, tmp_path)
    assert len(first) >= 50
    assert secret_key(False, tmp_path) == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_check_deploy_reports_nothing_in_production(tmp_path):
    env = {name: value for name, value in os.environ.items() if name != "EMAIL_URL"} | {
        "PLENARY_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "plenary.example.org",
        "PLENARY_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "plenary", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr.strip()) == (0, ""), result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_the_models_and_their_migrations_agree(db):
    """A model change without its migration (even of choices) fails here, not at deployment."""
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_cache_prefix_changes_with_a_template_or_a_catalogue_and_nothing_else(tmp_path):
    template = tmp_path / "programme" / "templates" / "programme" / "page.html"
    catalogue = tmp_path / "programme" / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    code = tmp_path / "programme" / "views.py"
    for path, text in (
        (template, "<p>{{ page }}</p>"),
        (catalogue, 'msgid "a"\nmsgstr "أ"\n'),
        (code, "x = 1\n"),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    digests = [rendering_digest(tmp_path)]
    code.write_text("x = 2\n")
    digests.append(rendering_digest(tmp_path))
    template.write_text("<p>{{ page|upper }}</p>")
    digests.append(rendering_digest(tmp_path))
    catalogue.write_text('msgid "a"\nmsgstr "ب"\n')
    digests.append(rendering_digest(tmp_path))

    assert (digests[0] == digests[1], len(set(digests)), len(digests[0])) == (True, 3, 12)
