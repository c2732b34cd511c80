"""Django settings for Zicht. Every environment variable is read through ``conf.env`` with a help text."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from zicht.conf.env import config, config_bool, config_int

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(
    config(
        "ZICHT_DATA_DIR",
        str(Path.cwd() / "var"),
        help="Folder for the embedded SQLite database, stored submission files and built reports.",
    )
)

SECRET_KEY = config(
    "ZICHT_SECRET_KEY",
    "insecure-dev-key-change-me-in-production-0123456789",
    help="Django secret key; set a long random value in production.",
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
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
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
AXES_FAILURE_LIMIT = config_int("ZICHT_LOGIN_FAILURE_LIMIT", 5, help="Failed logins before a lockout.")
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The two-factor login is a wizard: its first step posts the username as "auth-username".
AXES_USERNAME_FORM_FIELD = "auth-username"

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

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/beheer/aanleveren/"
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": config("ZICHT_LOG_LEVEL", "WARNING", help="Log level.")},
    # Splink explains its EM training at WARNING level; that is detail for analysts, not operators.
    "loggers": {"splink": {"level": "ERROR"}, "weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
