"""Accord settings: everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ACCORD_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("ACCORD_DEBUG", True)
# Production refuses to start without a real secret; development gets a fixed, obviously-local one.
SECRET_KEY = os.environ.get("ACCORD_SECRET_KEY") or (
    "django-insecure-local-development-only" if DEBUG else ""
)
if not SECRET_KEY:
    raise RuntimeError("ACCORD_SECRET_KEY must be set when ACCORD_DEBUG is off")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ACCORD_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "simple_history",
    "axes",
    "accord.common",
    "accord.accounts",
    "accord.areas",
    "accord.organisations",
    "accord.people",
    "accord.bodies",
    "accord.memberships",
    "accord.strategies",
    "accord.milestones",
    "accord.indicators",
    "accord.targets",
    "accord.observations",
    "accord.collection",
    "accord.scorecards",
    "accord.reviews",
    "accord.casestudies",
    "accord.papers",
    "accord.actions",
    "accord.meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "accord.common.middleware.ApiProblemMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "accord.common.context_processors.accord",
            ],
        },
    },
]

# Connections are kept between requests (checked before reuse): opening a PostgreSQL
# connection costs more than most of our pages' queries. ACCORD_DB_CONN_MAX_AGE=0 closes each
# at the end of its request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'accord.sqlite3'}",
        conn_max_age=int(os.environ.get("ACCORD_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Pages make many small indexed reads; starting parallel workers for one (which the planner
    # chooses for a UNION of a few hundred rows) takes longer than the read itself. Compiling a
    # query (JIT), which the planner chooses for the larger scorecard reads, cost more than it
    # saved: the all-areas assessment took 11 s with it and 6 s without (decision 0010).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "options",
        "-c max_parallel_workers_per_gather="
        + str(int(os.environ.get("ACCORD_PG_PARALLEL_WORKERS", "0")))
        + " -c jit="
        + ("on" if os.environ.get("ACCORD_PG_JIT") == "1" else "off"),
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20})

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accord.accounts.permissions.MembershipBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "common:home"
LOGOUT_REDIRECT_URL = "common:home"

# Login throttling: five failures lock that username from that address for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("ACCORD_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("ACCORD_AXES_ENABLED", True)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("ACCORD_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("ACCORD_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SIMPLE_HISTORY_REVERT_DISABLED = True

ACCORD_PARTNERSHIP_NAME = os.environ.get("ACCORD_PARTNERSHIP_NAME", "West Cheshire Together")
ACCORD_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ACCORD_LOG_LEVEL", "WARNING")},
}

# Uploaded files (evidence, imports): kept under var/, never served from the static root.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
ACCORD_MAX_UPLOAD_BYTES = int(os.environ.get("ACCORD_MAX_UPLOAD_BYTES", str(200 * 1024 * 1024)))

# E-mail (collection reminders): printed to the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("ACCORD_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("ACCORD_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("ACCORD_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("ACCORD_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("ACCORD_EMAIL_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The address links in e-mails start with, e.g. https://accord.example.org
ACCORD_SITE_URL = os.environ.get("ACCORD_SITE_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("ACCORD_FROM_EMAIL", "accord@localhost")
