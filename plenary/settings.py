"""plenary's one settings module, configured from the environment (see README, Configuration)."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from plenary.config import env_bool, env_list, env_networks, mailers, rendering_digest, secret_key

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PLENARY_VAR_DIR", BASE_DIR.parent / "var"))

PRODUCTION = os.environ.get("PLENARY_ENV", "development") == "production"
# Off unless asked for (scripts/serve-demo.sh asks): PLENARY_ENV never turns it on.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(PRODUCTION, VAR_DIR)
# Former keys, while sessions, signed links and sealed secrets (core.sealed) made with them still count.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The reverse proxies whose X-Forwarded-For names the client (plenary.core.clients); none by default.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

INSTALLED_APPS = [
    # plenary's apps first: Django merges the apps' catalogues and the first one wins, so a word plenary
    # shows ("Log in", "Save", "session") reads as plenary translates it, on allauth's pages too; and
    # plenary's templates of allauth's pages come before allauth's own.
    "plenary.core",
    "plenary.directory",
    "plenary.events",
    "plenary.invitations",
    "plenary.registration",
    "plenary.credentials",
    "plenary.funding",
    "plenary.programme",
    "plenary.floor",
    "plenary.outcomes",
    "plenary.queries",
    "plenary.documents",
    "plenary.webhooks",
    "plenary.api",
    "plenary.privacy",
    "plenary.overview",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "plenary.core.apps.BackgroundTasksConfig",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "plenary.core.caching.PersonalResponsesNotStoredMiddleware",
    "plenary.core.not_found.NotFoundPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "plenary.core.middleware.SecondFactorMiddleware",
    "plenary.api.middleware.TokenRequestLogMiddleware",
]

if PRODUCTION:
    # Static files are served by the web processes themselves (collected at deploy time).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "plenary.urls"
WSGI_APPLICATION = "plenary.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plenary.core.context_processors.languages",
                "plenary.events.context_processors.secretariat_track",
            ],
        },
    },
]

# Persistent connections in production: opening one costs about as much as a registration. A
# connection is checked before each request reuses it, so one the server dropped is replaced.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'plenary.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, and a statement run this many times on one connection is
    # prepared there, so PostgreSQL plans the registration's look-ups once per connection.
    # 0 turns preparing off (e.g. behind PgBouncer in transaction mode before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "server_side_binding": True,
            "prepare_threshold": int(os.environ.get("DATABASE_PREPARE_THRESHOLD", "2")) or None,
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
    | {"KEY_PREFIX": rendering_digest(BASE_DIR)}
}

# API requests per token and minute (pretix allows 360), and wrong tokens per client address and minute;
# counted in the cache, so shared by every web process when REDIS_URL is set.
PLENARY_API_RATE_PER_MINUTE = int(os.environ.get("PLENARY_API_RATE_PER_MINUTE", "360"))
PLENARY_API_FAILED_PER_MINUTE = 20

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Run by `plenary work` (plenary.core.periodic), one process at a time per job:
# name -> (dotted path of a callable taking no arguments, interval in seconds).
PLENARY_PERIODIC_JOBS: dict[str, tuple[str, int]] = {
    "passport-purge": ("plenary.registration.services.purge_due_passports", 3600),
    "webhooks-deliver": ("plenary.webhooks.services.deliver_due", 5),
    "documents-resume": ("plenary.documents.services.resume_stalled", 60),
    "privacy-retention": ("plenary.privacy.services.apply_due_retention", 86400),
}
# Webhooks post to public addresses only (SSRF); private ones, and plain http to this machine, only
# where this is on (DEBUG by default; tests).
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", DEBUG)

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:after_login"
ACCOUNT_ADAPTER = "plenary.core.auth.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# No e-mail to an address without an account (it would invite to a sign-up that is closed anyway);
# the answer to the request is the same as for a known address.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# "ip" is the client's address (core.clients); every "key" is an account from one address, so that
# nobody can use up the owner's attempts from elsewhere. Across addresses an account backs off
# (core.ratelimits.BACKOFFS): a growing delay, never a lockout.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/5m/key",
    "request_login_code": "20/m/ip",
    "request_login_code_per_account": "3/10m/key",
    "reset_password": "5/m/ip",
    "reset_password_per_account": "3/5m/key",
    # "Contact the secretariat" (plenary.queries): new threads from one client address.
    "ask_secretariat": "10/h/ip",
}
ACCOUNT_FORMS = {
    "request_login_code": "plenary.core.account_forms.RequestLoginCodeForm",
    "reset_password": "plenary.core.account_forms.ResetPasswordForm",
}
ACCOUNT_USER_DISPLAY = "plenary.core.auth.user_display"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "plenary"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["plenary.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Personal files (photos, letters, endorsements): outside MEDIA_ROOT, never exposed by a web server.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "plenary.core.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# What the periodic scheduler runs: name -> (dotted path of a callable taking no argument, seconds).
MAILERS = mailers(os.environ.get("EMAIL_URL", "smtp://localhost:25" if PRODUCTION else "console://"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "plenary <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Replies to the secretariat's answers (plenary.queries): they go to <local>+q<id>-<signature>@<domain>
# of this address (default: the track's contact e-mail), which the mail server hands to the LMTP
# receiver that `plenary work` runs on QUERIES_INBOUND_LMTP ("host:port"; empty: no receiver).
QUERIES_INBOUND_ADDRESS = os.environ.get("QUERIES_INBOUND_ADDRESS", "")
QUERIES_INBOUND_LMTP = os.environ.get("QUERIES_INBOUND_LMTP", "")
# Started by `plenary work` beside its worker: dotted paths of callables returning a server (with
# start() and stop()) or None when it is not configured.
PLENARY_SERVERS = ["plenary.queries.inbound.configured_receiver"]

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
