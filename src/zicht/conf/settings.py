"""Django settings for Zicht. Every environment variable is read through ``conf.env`` with a help text."""

from __future__ import annotations

import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from zicht.conf import oidc, security
from zicht.conf.env import config, config_bool, config_int

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(
    config(
        "ZICHT_DATA_DIR",
        str(Path.cwd() / "var"),
        help="Folder for the embedded SQLite database, stored submission files and built reports.",
    )
)

# No public default: unset, the key is made once and kept in ZICHT_DATA_DIR (demo, tests, command
# line); the WSGI application and `zicht serve` refuse to start without it (zicht.conf.security).
SECRET_KEY, ZICHT_SECRET_KEY_FROM_ENV = security.secret_key(
    config(
        "ZICHT_SECRET_KEY",
        None,
        help="Django secret key: a long random value, required in production (the web server refuses to start without it when debug is off).",
    ),
    BASE_DIR,
)
DEBUG = config_bool("ZICHT_DEBUG", False, help="Django debug mode; never on in production.")
ALLOWED_HOSTS = [
    h.strip()
    for h in (
        config(
            "ZICHT_ALLOWED_HOSTS",
            "127.0.0.1,localhost,testserver",
            help="Comma-separated host names the web application answers to.",
        )
        or ""
    ).split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "zicht.accounts.admin_config.ZichtAdminConfig",  # django.contrib.admin behind two-factor login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Redoc served from our own static files (API documentation offline)
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "zicht.audit",
    "zicht.accounts",
    "zicht.catalog",
    "zicht.intake",
    "zicht.figures",
    "zicht.records",
    "zicht.publish",
    "zicht.web",
    "zicht.signalling",
    "zicht.operations",  # zicht backup / zicht restore
    # Two-factor authentication (TOTP app plus static backup tokens). After zicht.web, so that the
    # project's templates in web/templates/two_factor/ take precedence over the package's.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zicht.web.language.DutchFirstLocaleMiddleware",  # Dutch unless the visitor chose English
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zicht.accounts.sessions.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
]

# Content Security Policy: no inline scripts, nothing from other origins. Styles are inlined in the
# pages (one template serves web and PDF), hence 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],  # our pages have none; the admin loads its own files
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "worker-src": ["'self'", "blob:"],  # Redoc's search index runs in a worker it builds itself
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login hardening: lock an account/address out after repeated failures (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Per account and per address, each with its own limit (see zicht.accounts.lockout and docs/operator.md).
AXES_FAILURE_LIMIT = config_int(
    "ZICHT_LOGIN_FAILURE_LIMIT", 5, help="Failed logins on one account (from any address) before that account is locked."
)
ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT = config_int(
    "ZICHT_LOGIN_ADDRESS_FAILURE_LIMIT",
    30,
    help="Failed logins from one address (on any account names) before that address is locked; 0: never.",
)
AXES_COOLOFF_TIME = config_int(
    "ZICHT_LOGIN_LOCKOUT_HOURS", 1, help="Hours a locked account or address stays locked after its last failure."
)
ZICHT_TRUSTED_PROXIES = config_int(
    "ZICHT_TRUSTED_PROXIES",
    0,
    help="Number of reverse proxies in front of Zicht that append to X-Forwarded-For (0: use the connecting address).",
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # the order zicht.accounts.lockout relies on
AXES_HANDLER = "zicht.accounts.lockout.AccountAndAddressHandler"
AXES_CLIENT_IP_CALLABLE = "zicht.accounts.lockout.client_address"
# Django's authenticate() receives the wizard's field as the keyword "username" (not "auth-username").
AXES_USERNAME_FORM_FIELD = "username"
AXES_COOLOFF_MESSAGE = _(
    "Te veel mislukte inlogpogingen: inloggen met deze naam of vanaf dit adres is tijdelijk geblokkeerd. "
    "Probeer het later opnieuw of vraag een beheerder om de blokkade op te heffen."
)

# Two-factor authentication (django-two-factor-auth on django-otp): password, then a TOTP code from an
# authenticator app or a one-time backup token. Every page with unpublished data (/beheer/, /admin/)
# requires a session verified that way.
ZICHT_REQUIRE_2FA = config_bool(
    "ZICHT_REQUIRE_2FA",
    True,
    help="Require two-factor authentication (TOTP) for pages with unpublished data and the admin.",
)
TWO_FACTOR_LOGIN_TIMEOUT = 600  # seconds between the password and the token step
OTP_TOTP_ISSUER = "Zicht"
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next try (django-otp)
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # no TOTP key, QR code or backup code in /admin/ (see accounts/admin.py)

ROOT_URLCONF = "zicht.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zicht.web.context.zicht",
            ],
        },
    }
]
WSGI_APPLICATION = "zicht.conf.wsgi.application"

_database_url = config(
    "DATABASE_URL",
    None,
    help="Database URL, e.g. postgres://postgres@127.0.0.1:5432/zicht. Unset: embedded SQLite in ZICHT_DATA_DIR.",
)
ZICHT_DEMO = config_bool("ZICHT_DEMO", False, help="Set by `zicht demo`: use a fresh SQLite database in ZICHT_DATA_DIR.")
if _database_url and not ZICHT_DEMO:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "zicht.sqlite3"),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Transport and sessions: secure whenever debug is off. The demo serves plain HTTP on loopback and
# relaxes only the HTTPS redirect and the secure-cookie flags (HSTS is only ever sent over HTTPS).
_plain_http = DEBUG or ZICHT_DEMO
SECURE_SSL_REDIRECT = config_bool(
    "ZICHT_SSL_REDIRECT", not _plain_http, help="Redirect plain HTTP to HTTPS (default on unless debug or the demo)."
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = config_bool(
    "ZICHT_SECURE_COOKIES",
    not _plain_http,
    help="Send the session and CSRF cookies over HTTPS only (default on unless debug or the demo).",
)
SECURE_HSTS_SECONDS = config_int(
    "ZICHT_HSTS_SECONDS",
    0 if DEBUG else 31_536_000,
    help="HTTP Strict Transport Security max-age in seconds, sent over HTTPS only (default one year; 0 in debug).",
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = config_bool(
    "ZICHT_HSTS_INCLUDE_SUBDOMAINS", True, help="HSTS for the subdomains of the host name too."
)
SECURE_HSTS_PRELOAD = config_bool(
    "ZICHT_HSTS_PRELOAD", True, help="Add the HSTS preload directive (only lists the host if you submit it)."
)
SECURE_PROXY_SSL_HEADER = security.proxy_ssl_header(
    config(
        "ZICHT_PROXY_SSL_HEADER",
        "X-Forwarded-Proto: https",
        help="Header (and value) by which the reverse proxy says the request came over HTTPS; empty: none. "
        "The proxy must set or strip it on every request.",
    )
)
SESSION_COOKIE_AGE = config_int(
    "ZICHT_SESSION_MAX_SECONDS",
    8 * 3600,
    help="Longest a login lasts, in seconds, however active (default 8 hours).",
)
ZICHT_SESSION_IDLE_SECONDS = config_int(
    "ZICHT_SESSION_IDLE_SECONDS",
    30 * 60,
    help="A login ends after this many seconds without a request (default 30 minutes).",
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "zicht.conf.staticfiles.ZichtAppDirectoriesFinder",  # without the unused Swagger UI and source maps
]

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/start/"  # lands each role on its own start page
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Background jobs (linkage runs, report builds): django-tasks with its database backend, so no
# broker is needed and SQLite works. Run the worker with `zicht db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
}
SPECTACULAR_SETTINGS = {"TITLE": "Zicht API", "VERSION": "0.1.0"}

# Intake limits (documented in docs/partner-delivery.md).
ZICHT_MAX_UPLOAD_BYTES = config_int(
    "ZICHT_MAX_UPLOAD_BYTES",
    25 * 1024 * 1024,
    help="Largest partner file accepted, in bytes (default 25 MiB).",
)
ZICHT_MAX_UNCOMPRESSED_BYTES = config_int(
    "ZICHT_MAX_UNCOMPRESSED_BYTES",
    100 * 1024 * 1024,
    help="Largest total uncompressed size of an XLSX workbook, in bytes (zip-bomb guard).",
)
ZICHT_MAX_ROWS = config_int(
    "ZICHT_MAX_ROWS",
    1_000_000,
    help="Most data rows accepted in one delivery.",
)

ZICHT_PUBLISH_DIR = Path(
    config(
        "ZICHT_PUBLISH_DIR",
        str(BASE_DIR / "publicaties"),
        help="Folder of the publications: <year>/v<version>/ with every artefact, written once.",
    )
)
ZICHT_DRAFTS_DIR = Path(
    config(
        "ZICHT_DRAFTS_DIR",
        str(BASE_DIR / "concepten"),
        help="Folder of draft builds (`zicht report`); never served publicly, only to analysts.",
    )
)
ZICHT_NARRATIVE_DIR = Path(
    config(
        "ZICHT_NARRATIVE_DIR",
        str(PACKAGE_DIR / "demo" / "narrative"),
        help="Folder with the analyst's narrative: <year>/<section>.md.",
    )
)

# Mail (reminders from the cockpit). The console backend prints every message (the demo); production
# sets an SMTP backend and its EMAIL_HOST etc. through a settings override or these variables.
EMAIL_BACKEND = config("ZICHT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend",
                       help="Django e-mail backend for reminders to partners (console: printed, not sent).")
EMAIL_HOST = config("ZICHT_EMAIL_HOST", "localhost", help="SMTP server for the SMTP e-mail backend.")
EMAIL_PORT = config_int("ZICHT_EMAIL_PORT", 25, help="SMTP port for the SMTP e-mail backend.")
DEFAULT_FROM_EMAIL = config("ZICHT_EMAIL_FROM", "zicht@localhost", help="Sender address of reminders.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": config("ZICHT_LOG_LEVEL", "WARNING", help="Log level.")},
    # Splink explains its EM training at WARNING level; that is detail for analysts, not operators.
    "loggers": {"splink": {"level": "ERROR"}, "weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Production serving (`zicht serve`, docs/operator.md "Productie"). Static files come from the web
# process through WhiteNoise: the collection in STATIC_ROOT (made by `make install`, `zicht demo` and
# `zicht serve`), or, before any collection exists (tests, a fresh checkout), the apps' own folders.
# The request-size cap goes first, so that an oversized body is refused before anything reads it.
MIDDLEWARE = ["zicht.web.middleware.RequestSizeLimitMiddleware", *MIDDLEWARE]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not (Path(STATIC_ROOT) / "admin" / "css" / "base.css").is_file()
warnings.filterwarnings("ignore", message="No directory at: ")  # WhiteNoise, before the first collection
ZICHT_MAX_REQUEST_BYTES = config_int(
    "ZICHT_MAX_REQUEST_BYTES",
    0,
    help="Largest request body accepted, in bytes; 0: ZICHT_MAX_UPLOAD_BYTES plus 1 MiB. Larger: 413.",
)
# Within the cap, a file over ZICHT_MAX_UPLOAD_BYTES stops being kept at the limit (zicht.web.uploads).
FILE_UPLOAD_HANDLERS = [
    "zicht.web.uploads.UploadSizeCapHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
ZICHT_WEB_BIND = config("ZICHT_WEB_BIND", "127.0.0.1:8000", help="Address of `zicht serve` (HOST:PORT).")
ZICHT_WEB_WORKERS = config_int(
    "ZICHT_WEB_WORKERS", 0, help="Worker processes of `zicht serve`; 0: 2 x cores + 1, at most 8."
)
ZICHT_WEB_THREADS = config_int("ZICHT_WEB_THREADS", 4, help="Threads per worker process of `zicht serve`.")
ZICHT_WEB_TIMEOUT = config_int(
    "ZICHT_WEB_TIMEOUT", 120, help="Seconds a request may take before `zicht serve` restarts its worker."
)
ZICHT_WEB_GRACEFUL_TIMEOUT = config_int(
    "ZICHT_WEB_GRACEFUL_TIMEOUT", 30, help="Seconds running requests get to finish on stop or reload."
)
ZICHT_WEB_MAX_REQUESTS = config_int(
    "ZICHT_WEB_MAX_REQUESTS", 2000, help="Requests after which a worker is replaced (bounds memory); 0: never."
)

# Optional login through the organisation's identity provider (OpenID Connect, mozilla-django-oidc):
# off unless ZICHT_OIDC_ENABLED=1; then a backend, a middleware and /accounts/oidc/ (zicht.conf.oidc,
# docs/adr/1214-oidc-login-for-existing-users.md).
_oidc = oidc.oidc_settings(config, config_bool, config_int)
globals().update(_oidc)
if _oidc["ZICHT_OIDC_ENABLED"]:
    AUTHENTICATION_BACKENDS, MIDDLEWARE = oidc.installed(AUTHENTICATION_BACKENDS, MIDDLEWARE)
ZICHT_REPORT_CONTACT = config(
    "ZICHT_REPORT_CONTACT",
    "VeiligheidsAlliantie regio Rotterdam, programma mensenhandel (veiligheidsalliantie.nl)",
    help="Contact named in the colophon of the printed monitor (who answers questions about it).",
)
# The public site's own pages and name (ADR 1110): the alliance that publishes, and a folder of Markdown
# files for the footer pages (contact.md, privacy.md, toegankelijkheid.md, colofon.md); unset, the
# demo's pages of the VeiligheidsAlliantie regio Rotterdam are used.
ZICHT_SITE_NAME = config(
    "ZICHT_SITE_NAME", "VeiligheidsAlliantie regio Rotterdam",
    help="Name of the alliance in the header of every public page.",
)
# The catalog (ADR 1122): partners, indicators and where each appears, chapters, code lists and
# municipalities as YAML; unset, the catalog shipped with Zicht (the VeiligheidsAlliantie regio Rotterdam).
ZICHT_CATALOG_DIR = config(
    "ZICHT_CATALOG_DIR", "",
    help="Folder with the catalog's YAML files (codelists, partners, municipalities, sections); unset: the shipped one.",
)
ZICHT_SITE_PAGES_DIR = config(
    "ZICHT_SITE_PAGES_DIR", "",
    help="Folder with the footer pages as Markdown (contact.md, privacy.md, toegankelijkheid.md, colofon.md).",
)

# Which optional output formats a build leaves out (publish.exporters; comma-separated keys).
ZICHT_EXPORTERS_OFF = tuple(
    key.strip()
    for key in (config(
        "ZICHT_EXPORTERS_OFF", "",
        help="Optional formats a publication leaves out, comma-separated: report-pdf, factsheet-pdf, datapackage.",
    ) or "").split(",")
    if key.strip()
)
