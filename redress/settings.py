"""Django settings for Redress.

Every setting that differs between machines comes from an environment variable read through the
helpers below, which fail loudly on a malformed value. SQLite is the default database;
`DATABASE_URL` selects another (for example PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    return default if raw is None else [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name: str, default: int, *, least: int = 1, most: int | None = None) -> int:
    """A whole number from `least` (and up to `most`) from the environment; fails loudly otherwise."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.replace(",", "").replace("_", ""))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < least or (most is not None and value > most):
        raise ImproperlyConfigured(f"{name} must be from {least:,} to {most:,}" if most else f"{name} must be {least:,} or more")
    return value


DEBUG = env_bool("REDRESS_DEBUG", False)
TESTING = env_bool("REDRESS_TESTING", False)

SECRET_KEY = os.environ.get("REDRESS_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "redress-insecure-development-key-never-use-in-production"
    else:
        raise ImproperlyConfigured(
            "REDRESS_SECRET_KEY is not set. Set it, or set REDRESS_DEBUG=true on a development machine."
        )

ALLOWED_HOSTS = env_list("REDRESS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # for its bundled Swagger UI files (the API docs page, served under our CSP)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "mozilla_django_oidc",
    "redress.councils",
    "redress.complaints",
    "redress.decisions",
    "redress.documents",
    "redress.reminders",
    "redress.people",
    "redress.reports",
    "redress.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "redress.api.middleware.ApiErrorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "redress.web.middleware.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "redress.web.middleware.SecondFactorRequiredMiddleware",
    "redress.web.middleware.PasswordChangeRequiredMiddleware",
    "redress.people.access.AppointedAccessMiddleware",
    "redress.web.middleware.SecurityHeadersMiddleware",
    "redress.web.busy.DatabaseBusyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "redress.urls"
WSGI_APPLICATION = "redress.wsgi.application"

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
                "csp.context_processors.nonce",
                "redress.web.context_processors.site",
            ],
        },
    },
    {
        # Only for the partials that render long lists, included with {% jinja %} (redress/web/jinja.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "redress.web.jinja.environment", "autoescape": True},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{PROJECT_DIR / 'redress.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,  # a kept connection the database dropped is replaced before a request uses it
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock rather than fail at once when two requests write together, and take the
    # write lock when a transaction begins: a transaction that starts as a read cannot be
    # upgraded while another writes, and fails at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if TESTING:
        # A file, not shared memory, so that tests with threads see real SQLite locking.
        DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"redress-test-{os.getpid()}.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("REDRESS_DB_PREPARED", True):
    # Parameters sent apart from the SQL, and each statement a connection sends a fifth time
    # prepared on the server, so PostgreSQL parses and plans it once, not on every page. Off
    # (REDRESS_DB_PREPARED=false) behind a pooler in transaction mode, which cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "councils.User"
# The sign-in throttle first (it refuses a locked account or address before any password is
# checked), then passwords, then single sign-on (redress/councils/sign_in.py, oidc.py).
AUTHENTICATION_BACKENDS = [
    "redress.councils.sign_in.ThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    "redress.councils.oidc.CouncilOIDCBackend",
]
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:sign-in"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A one-time password a manager hands out works for this many days (REDRESS_ONE_TIME_PASSWORD_DAYS).
ONE_TIME_PASSWORD_DAYS = env_int("REDRESS_ONE_TIME_PASSWORD_DAYS", 7)
# An API token works for this many days after it is made (REDRESS_API_TOKEN_DAYS).
API_TOKEN_DAYS = env_int("REDRESS_API_TOKEN_DAYS", 90)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ["email", "first_name", "last_name"]}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after SESSION_IDLE_MINUTES without a request (30; IdleSessionMiddleware renews the
# session at most once a minute, so a busy page costs no extra write), when the browser closes, and at
# sign-out. The session id changes at each step of signing in.
SESSION_IDLE_MINUTES = env_int("REDRESS_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Second factor (django-otp): every council user enrols a TOTP app at first sign-in and gets single-use
# recovery codes. OTP_TOTP_ISSUER names the service in the person's authenticator app.
OTP_TOTP_ISSUER = os.environ.get("REDRESS_TOTP_ISSUER", "Redress")
RECOVERY_CODES = 10

# Repeated failed sign-ins (django-axes, in the database). After SIGN_IN_SLOW_AFTER failures for an
# account or from an address, each further try must wait SIGN_IN_SLOW_SECONDS after the last failure;
# after AXES_FAILURE_LIMIT the account or address is locked for AXES_COOLOFF_TIME, or until a
# complaints manager unlocks it on People.
AXES_FAILURE_LIMIT = env_int("REDRESS_SIGN_IN_LOCK_AFTER", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("REDRESS_SIGN_IN_LOCK_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: the account, and the address
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address: REMOTE_ADDR, or behind the TLS proxy the address that proxy added last to
# X-Forwarded-For (a client can write the rest of that header itself).
AXES_CLIENT_IP_CALLABLE = "redress.councils.sign_in.client_address"
# A locked sign-in answers the page the form rendered (saying so plainly), as 429.
AXES_LOCKOUT_CALLABLE = "redress.councils.sign_in.locked_response"
SIGN_IN_SLOW_AFTER = 3
SIGN_IN_SLOW_SECONDS = 30

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# `redress collectstatic` fills REDRESS_STATIC_ROOT (a folder outside the project) with hashed,
# compressed copies that WhiteNoise serves with far-future caching. Without it, or before
# collectstatic has run, the files are served straight from the app folders under their plain
# names: every page works either way (redress/web/storage.py).
STATIC_ROOT = os.environ.get("REDRESS_STATIC_ROOT", "").strip() or None
# The case's files (documents, letters, council templates): a folder outside the static files, or an
# S3-compatible store when REDRESS_S3_BUCKET is set (django-storages). Never served from a public URL:
# only redress.documents' views, which check the council and role, send them.
if TESTING and not os.environ.get("REDRESS_MEDIA_ROOT"):
    MEDIA_ROOT = str(Path(tempfile.gettempdir()) / f"redress-test-media-{os.getpid()}")  # made when first written
else:
    MEDIA_ROOT = os.environ.get("REDRESS_MEDIA_ROOT", "").strip() or str(PROJECT_DIR / "media")


def documents_storage() -> dict[str, object]:
    """The `documents` storage from the environment: S3 by REDRESS_S3_BUCKET, else the REDRESS_MEDIA_ROOT folder."""
    bucket = os.environ.get("REDRESS_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": MEDIA_ROOT, "base_url": None}}
    options: dict[str, object] = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "location": os.environ.get("REDRESS_S3_PREFIX", "").strip(),
    }
    for name, key in (("REDRESS_S3_ENDPOINT_URL", "endpoint_url"), ("REDRESS_S3_REGION", "region_name")):
        if os.environ.get(name, "").strip():
            options[key] = os.environ[name].strip()
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


REDRESS_MAX_UPLOAD_BYTES = env_int("REDRESS_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
"""The largest file a person may add (25 MB unless set)."""

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": documents_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "redress.web.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
# Look for changed files on every request only in development and tests.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Background work (rebuilding a council's projections after its calendar changes) goes to the
# database queue, run by `redress db_worker` beside the web server. In development and tests it runs
# at once, inside the request, so `make run` needs no worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if DEBUG or TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Reminders (redress.reminders): email through Django's backends, the console unless
# REDRESS_EMAIL_URL (smtp://user:password@host:587/?tls=True, read by dj-email-url) or the usual
# host/port/user/TLS settings name a server; GOV.UK Notify instead when REDRESS_NOTIFY_API_KEY is set.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("REDRESS_EMAIL_FROM", "redress@localhost")
if os.environ.get("REDRESS_EMAIL_URL"):
    try:
        _email = dj_email_url.parse(os.environ["REDRESS_EMAIL_URL"])
    except Exception as _error:  # the library raises several kinds for a bad URL
        raise ImproperlyConfigured(f"REDRESS_EMAIL_URL is not an email server URL like smtp://user:password@host:587/?tls=True: {_error}") from None
    if "EMAIL_BACKEND" not in _email or not _email.get("EMAIL_HOST"):  # no scheme it knows, or no host
        raise ImproperlyConfigured("REDRESS_EMAIL_URL is not an email server URL like smtp://user:password@host:587/?tls=True: "
                                   f"{os.environ['REDRESS_EMAIL_URL'].split('@')[-1]!r} names no scheme and host")
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
elif os.environ.get("REDRESS_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["REDRESS_EMAIL_HOST"]
    EMAIL_PORT = env_int("REDRESS_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("REDRESS_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("REDRESS_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("REDRESS_EMAIL_TLS", True)
EMAIL_TIMEOUT = 30
REDRESS_NOTIFY_API_KEY = os.environ.get("REDRESS_NOTIFY_API_KEY", "")
REDRESS_NOTIFY_BASE_URL = os.environ.get("REDRESS_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
REDRESS_NOTIFY_TEMPLATE_ID = os.environ.get("REDRESS_NOTIFY_TEMPLATE_ID", "")
if REDRESS_NOTIFY_API_KEY and not REDRESS_NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured("REDRESS_NOTIFY_TEMPLATE_ID must name the Notify email template (with ((subject)) and ((body)))")
# Each council's reminder thresholds in working days, as JSON keyed by council slug, e.g.
# {"northshire": {"clock_due": [5, 2, 0], "offer_ending": [10]}}. Read by each daily run, which
# reports anything it cannot use and carries on with the defaults (redress.core.reminders).
REDRESS_REMINDER_THRESHOLDS = os.environ.get("REDRESS_REMINDER_THRESHOLDS", "")
# The background task's daily run starts at this hour, Europe/London (REDRESS_DAILY_HOUR).
# Links in reminders point here (REDRESS_SITE_URL).
REDRESS_SITE_URL = os.environ.get("REDRESS_SITE_URL", "http://127.0.0.1:8000")
REDRESS_DAILY_HOUR = env_int("REDRESS_DAILY_HOUR", 7, least=0, most=23)

# The register of investigators and panel (redress/people): more open appointments than this for one
# person is a risk (`independence.overloaded`); 0 is no limit. Per council: JSON by slug.
REDRESS_APPOINTMENT_LIMIT = env_int("REDRESS_APPOINTMENT_LIMIT", 5, least=0)
try:
    REDRESS_APPOINTMENT_LIMITS: dict[str, int] = json.loads(os.environ.get("REDRESS_APPOINTMENT_LIMITS") or "{}")
    if not isinstance(REDRESS_APPOINTMENT_LIMITS, dict) or not all(
            type(v) is int and v >= 0 for v in REDRESS_APPOINTMENT_LIMITS.values()):
        raise ValueError
except ValueError:
    raise ImproperlyConfigured('REDRESS_APPOINTMENT_LIMITS must be JSON like {"northshire": 4}') from None

# Security: a strict Content Security Policy (no unsafe-inline or unsafe-eval) with a nonce for the
# one inline script, HSTS, nosniff, DENY framing, secure cookies outside local development.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 0 if DEBUG or TESTING else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env_bool("REDRESS_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer may check health over plain http
# Preloading HSTS commits a whole registered domain (the council's, every subdomain) to https in
# browsers for months: the domain's owner decides, so it is a setting, and off (check W021 silenced).
SECURE_HSTS_PRELOAD = env_bool("REDRESS_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind a proxy that terminates TLS (REDRESS_BEHIND_TLS_PROXY=true), trust its X-Forwarded-Proto
# header, so requests it received over https count as secure (CSRF, secure cookies, HSTS). Only set
# it when the proxy always sets or overwrites that header: otherwise a client could claim https.
if env_bool("REDRESS_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Public origins forms may be posted from when they differ from the Host the app sees, such as
# https://complaints.example.gov.uk (comma-separated, each with its scheme).
CSRF_TRUSTED_ORIGINS = env_list("REDRESS_CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"REDRESS_CSRF_TRUSTED_ORIGINS must list origins with their scheme, like https://{_origin}, not {_origin!r}"
        )
SESSION_COOKIE_SECURE = env_bool("REDRESS_SECURE_COOKIES", not (DEBUG or TESTING))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Single sign-on by OpenID Connect (mozilla-django-oidc; redress/councils/oidc.py), on when
# REDRESS_OIDC_ISSUER is set: the provider's endpoints come from its discovery document
# (ISSUER/.well-known/openid-configuration), read when someone first signs in. A person is matched by
# the email in the signed ID token to someone a manager has added; nobody is created by signing in.
OIDC_ISSUER = os.environ.get("REDRESS_OIDC_ISSUER", "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("REDRESS_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("REDRESS_OIDC_CLIENT_SECRET", "")
if OIDC_ISSUER and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured("REDRESS_OIDC_ISSUER needs REDRESS_OIDC_CLIENT_ID and REDRESS_OIDC_CLIENT_SECRET")
OIDC_PROVIDER_NAME = os.environ.get("REDRESS_OIDC_PROVIDER_NAME", "your organisation's account")
OIDC_RP_SIGN_ALGO = os.environ.get("REDRESS_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
# Claims that may carry the person's email, in order: Entra ID puts it in preferred_username or upn
# when `email` is absent.
OIDC_EMAIL_CLAIMS = env_list("REDRESS_OIDC_EMAIL_CLAIMS", ["email", "preferred_username", "upn"])
# Whether signing in through the identity provider also asks for Redress's own second factor. By
# default it does not: the provider's multi-factor sign-in (Entra ID's Conditional Access) stands in.
OIDC_REQUIRES_SECOND_FACTOR = env_bool("REDRESS_OIDC_REQUIRES_SECOND_FACTOR", False)
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATE_CLASS = "redress.councils.oidc.SignInRequestView"
OIDC_CALLBACK_CLASS = "redress.councils.oidc.SignInCallbackView"
# Endpoints (filled from discovery at run time; these settings name them so the library finds them).
OIDC_OP_AUTHORIZATION_ENDPOINT = ""
OIDC_OP_TOKEN_ENDPOINT = ""
OIDC_OP_USER_ENDPOINT = ""
OIDC_OP_JWKS_ENDPOINT = ""

# Limits on what one request, form or case file may hold (redress.complaints.limits): over them the
# input is refused with the limit named (422, or 413 for a body) and nothing is saved. A text's
# ceiling is the event vocabulary's (redress.core.events.MAX_TEXT); its floor, 100, leaves room for
# every event type, date and choice, which are checked against it too.
REDRESS_MAX_EVENTS_PER_COMPLAINT = env_int("REDRESS_MAX_EVENTS_PER_COMPLAINT", 2_000)
REDRESS_MAX_POINTS = env_int("REDRESS_MAX_POINTS", 50)
REDRESS_MAX_TEXT_LENGTH = env_int("REDRESS_MAX_TEXT_LENGTH", 10_000, least=100, most=10_000)
REDRESS_MAX_BODY_BYTES = env_int("REDRESS_MAX_BODY_BYTES", 1_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = REDRESS_MAX_BODY_BYTES
# JSON sent to the API nested deeper than this (arrays and objects inside one another) is refused
# with 422 before it is parsed; a case file needs 4 levels.
REDRESS_MAX_JSON_DEPTH = env_int("REDRESS_MAX_JSON_DEPTH", 20, least=5, most=200)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("REDRESS_LOG_LEVEL", "WARNING")},
}

# Reports: any count under this is published as "fewer than N" (REDRESS_REPORT_SUPPRESS_BELOW).
REDRESS_REPORT_SUPPRESS_BELOW = env_int("REDRESS_REPORT_SUPPRESS_BELOW", 5)
