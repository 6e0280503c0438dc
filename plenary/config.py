"""Reading configuration from the environment, kept apart from settings so it can be tested."""

import hashlib
import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

EMAIL_BACKENDS = {
    "smtp": "plenary.core.mail.SMTPBackend",
    "smtp+tls": "plenary.core.mail.SMTPBackend",
    "smtps": "plenary.core.mail.SMTPBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """IP networks from a comma-separated list of addresses and CIDR networks, e.g. 10.0.0.5,fd00::/8."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network") from None
    return networks


def mailers(url: str) -> dict:
    """Django's MAILERS setting from a URL such as smtp+tls://user:pass@host:587."""
    parts = urlsplit(url)
    if parts.scheme not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {parts.scheme!r} is not one of {', '.join(sorted(EMAIL_BACKENDS))}"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    options = {}
    if parts.scheme == "file":
        options["file_path"] = unquote(parts.path)
    elif parts.scheme.startswith("smtp"):
        options = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (465 if parts.scheme == "smtps" else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": parts.scheme == "smtp+tls",
            "use_ssl": parts.scheme == "smtps",
            "timeout": int(query.get("timeout", 30)),
        }
    return {"default": {"BACKEND": EMAIL_BACKENDS[parts.scheme], "OPTIONS": options}}


def secret_key(production: bool, var_dir: Path) -> str:
    """SECRET_KEY from the environment; outside production, one generated once and kept in var/."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def rendering_digest(package: Path) -> str:
    """A short digest of what rendered HTML depends on besides data: every template and catalogue of
    the package. Used as the cache's key prefix, so that pages and fragments kept in a shared cache
    (Redis) from before a deploy that changed either are never served after it."""
    digest = hashlib.sha256()
    sources = sorted(
        path
        for pattern in ("templates/**/*", "locale/**/*.po")
        for path in package.glob(f"**/{pattern}")
        if path.is_file()
    )
    for path in sources:
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
