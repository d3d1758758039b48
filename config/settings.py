"""Accord's settings: one file, every deployment-specific value read from the environment.

Development needs nothing set: SQLite under var/, a secret key generated once into var/,
mail kept in the outbox when no EMAIL_HOST is configured.
"""

import secrets
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from accord.lib.clientaddress import trusted_proxies_parse
from accord.lib.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("ACCORD_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)

DEBUG = envbool("DEBUG", False)


def _secret_key() -> str:
    key = envstr("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        # A production key generated on the spot would differ between servers and vanish with a
        # redeploy, silently revoking every member's private link and session: refuse to start.
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    # Development only: a key generated once and kept beside the SQLite file.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin with Accord's site: the administrator role and the second factor required.
    "accord.accounts.admin_apps.AccordAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "accord.core",
    "accord.accounts",
    "accord.people",
    "accord.cases",
    "accord.notifications",
    "accord.mailbox",
    "accord.departments",
    "accord.mediation",
    "accord.public",
    "accord.demo",
    "accord.api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    # django_tasks_db and axes, under translated names in the admin (accounts/admin_apps.py).
    "accord.accounts.admin_apps.TaskResultsConfig",
    "accord.worker",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accord.accounts.admin_apps.LoginAttemptsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accord.core.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accord.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accord.core.middleware.AccordErrorMiddleware",
    # Headers (docs/architecture.md, "Headers"): the Content-Security-Policy, no-store on private pages.
    "csp.middleware.CSPMiddleware",
    "accord.core.middleware.NoStoreMiddleware",
    # A database that is down or locked: a translated 503 page keeping the member's text, not a 500.
    "accord.core.middleware.DatabaseUnavailableMiddleware",
    # Turns a locked-out login into the lock-out page (django-axes; last, as it asks).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "accord" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accord.core.context_processors.accord",
            ],
            # Replaces the built-in `date` filter: French « 1er » (see accord.core.templatetags.localised.py).
            "builtins": ["accord.core.templatetags.localised"],
        },
    },
]
WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'accord.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the write lock instead of failing at once under concurrent writes; WAL lets
    # readers go on while one writer works.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:queue"
# Roles whose home is not the queue: the queue sends them there (a liaison's requests, accord/departments).
ACCORD_ROLE_HOME = {"liaison": "departments:home"}
LOGOUT_REDIRECT_URL = "public:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the URL carries the language (/fr/, /nl/, /en/).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Each language's own date forms: British English, French « 1er avril », Dutch "2 december 2026".
FORMAT_MODULE_PATH = ["accord.formats"]
USE_TZ = True
TIME_ZONE = envstr("TIME_ZONE", "Europe/Brussels")

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    # Case documents are private: they live outside any served folder and are streamed by
    # a view that checks who may see the case.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(Path(envstr("ACCORD_MEDIA_DIR", str(VAR_DIR / "documents"))))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "accord_cache",
    },
    # The rate limits' counters. Django's database cache re-sets a counter with the cache's default timeout
    # on every increment, so that timeout must outlast the longest window (a day): with the default 300 s,
    # "10 per hour" became "10, then 10 more after five quiet minutes". Each counter's key names its window,
    # so a longer life never carries a count over into the next one. Same table, more room before culling.
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "accord_cache",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
# The rate limit counts in the cache above, which is shared by every web process. The cache is the
# database: when it cannot count, the request goes on (and meets the database's own error, a 503 page)
# rather than being told, falsely, that it sent too many complaints.
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_FAIL_OPEN = True

# E-mail. Without EMAIL_HOST, mail is kept in Accord's outbox (readable by staff at
# /<lang>/staff/outbox/) and marked as not sent: never silently dropped.
EMAIL_HOST = envstr("EMAIL_HOST")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
ACCORD_FROM_EMAIL = envstr("ACCORD_FROM_EMAIL", "Accord <accord@localhost>")
DEFAULT_FROM_EMAIL = ACCORD_FROM_EMAIL
SERVER_EMAIL = ACCORD_FROM_EMAIL

# The mediator's mailbox, read by `manage.py fetch_mail` and the worker (accord/mailbox/):
# imaps://user:password@host:993/INBOX, imap://user:password@host/INBOX (STARTTLS required), or the
# path of a local Maildir. Empty: no mailbox is read.
ACCORD_MAILBOX_URL = envstr("ACCORD_MAILBOX_URL")
ACCORD_CONTACT_EMAIL = envstr("ACCORD_CONTACT_EMAIL", parseaddr(ACCORD_FROM_EMAIL)[1] if ACCORD_MAILBOX_URL else "")

# The address members use in links sent by e-mail.
ACCORD_BASE_URL = envstr("ACCORD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Delays of the procedure (domain.md). Working days follow the office country's holidays.
ACCORD_DELAYS = {
    "acknowledgement_working_days": envint("ACCORD_ACK_WORKING_DAYS", 1),
    "first_answer_working_days": envint("ACCORD_FIRST_ANSWER_WORKING_DAYS", 3),
    "admissibility_calendar_days": envint("ACCORD_ADMISSIBILITY_DAYS", 21),
    "outcome_calendar_days": envint("ACCORD_OUTCOME_DAYS", 90),
    # The member's time to answer a question (the case is then "awaiting the member").
    "awaiting_member_working_days": envint("ACCORD_AWAITING_MEMBER_WORKING_DAYS", 15),
}
# The member is reminded this many working days before their time to answer ends.
ACCORD_AWAITING_MEMBER_REMINDER_WORKING_DAYS = envint("ACCORD_AWAITING_MEMBER_REMINDER_WORKING_DAYS", 5)
# Extensions of the outcome delay: at most this many days in total.
ACCORD_EXTENSION_MAX_DAYS = envint("ACCORD_EXTENSION_MAX_DAYS", 90)
# Calendar days from the written answer during which the member may contest it (cases/cycles.py).
ACCORD_CONTEST_DAYS = envint("ACCORD_CONTEST_DAYS", 30)

# Public complaint form: valid submissions per client address per hour. Past it, a person goes on by
# answering a small arithmetic question, at most ACCORD_COMPLAINT_CHALLENGE_RATE times per address.
ACCORD_COMPLAINT_RATE = envstr("ACCORD_COMPLAINT_RATE", "10/h")
ACCORD_COMPLAINT_CHALLENGE_RATE = envstr("ACCORD_COMPLAINT_CHALLENGE_RATE", "20/h")
# The reverse proxies in front of Accord, whose X-Forwarded-For is believed: a number ("1": one proxy, and
# Accord is reachable only through it) or their addresses/networks ("10.0.0.0/8,192.0.2.10"). Empty: none,
# the client is the connecting address. The client is the right-most address no trusted proxy wrote.
ACCORD_TRUSTED_PROXIES = envstr("ACCORD_TRUSTED_PROXIES", "")
try:
    trusted_proxies_parse(ACCORD_TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
# The other ways in, shown when the form cannot take a complaint now (rate limit, database unavailable):
# only what is configured is promised. The e-mail defaults to Accord's address when a mailbox is read.
ACCORD_CONTACT_PHONE = envstr("ACCORD_CONTACT_PHONE")
ACCORD_CONTACT_HOURS = envstr("ACCORD_CONTACT_HOURS")
ACCORD_CONTACT_ADDRESS = envstr("ACCORD_CONTACT_ADDRESS")
# A member's private link expires this many days after the case ended, or after its last renewal
# (0: never); the member asks for a new one from the expired link.
ACCORD_MEMBER_LINK_DAYS_AFTER_END = envint("ACCORD_MEMBER_LINK_DAYS_AFTER_END", 90)
# The body outside the cooperative a member is told they may turn to when no mediator of Accord is free to
# take their case (every other one declared a conflict of interest or is away: cases/assignments.py). By
# default Belgium's Federal Mediation Commission, which accredits mediators and publishes their register
# (the seed's "médiateur agréé"); its name in each language, one address.
ACCORD_ALTERNATIVE_BODY = {
    "name": {
        "fr": envstr("ACCORD_ALTERNATIVE_BODY_NAME_FR", "la Commission fédérale de médiation"),
        "nl": envstr("ACCORD_ALTERNATIVE_BODY_NAME_NL", "de Federale Bemiddelingscommissie"),
        "en": envstr("ACCORD_ALTERNATIVE_BODY_NAME_EN", "the Federal Mediation Commission"),
    },
    "url": envstr("ACCORD_ALTERNATIVE_BODY_URL", "https://www.cfm-fbc.be/"),
}

# The API (/api/v1/, accord/api/): partner systems file complaints with a token (`manage.py
# create_api_token`), logged-in staff read with their session. Filing is limited per account,
# counted in the database cache above.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accord.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["accord.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "accord.api.pagination.PageNumbers",
    "PAGE_SIZE": envint("ACCORD_API_PAGE_SIZE", 50),
    "DEFAULT_THROTTLE_RATES": {"api_case_create": envstr("ACCORD_API_CASE_RATE", "300/h")},
    "EXCEPTION_HANDLER": "accord.api.errors.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Accord API",
    "DESCRIPTION": "File complaints from partner systems and read cases. Errors: "
    '{"error": {"code", "message", "fields"}}, the message in the Accept-Language language.',
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "accord.api.schema.add_links"],
}

# Documents: size limit per file and how many files a message may carry.
ACCORD_MAX_UPLOAD_BYTES = envint("ACCORD_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
ACCORD_DESCRIPTION_MAX_CHARS = envint("ACCORD_DESCRIPTION_MAX_CHARS", 20000)
ACCORD_MAX_FILES_PER_MESSAGE = envint("ACCORD_MAX_FILES_PER_MESSAGE", 5)
ACCORD_DESCRIPTION_MAX_CHARS = envint("ACCORD_DESCRIPTION_MAX_CHARS", 20000)
# Office documents are zips: refused when they unpack beyond these (total size, parts, ratio to the file's size).
ACCORD_OFFICE_MAX_UNPACKED_BYTES = envint("ACCORD_OFFICE_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
ACCORD_OFFICE_MAX_ENTRIES = envint("ACCORD_OFFICE_MAX_ENTRIES", 5000)
ACCORD_OFFICE_MAX_RATIO = envint("ACCORD_OFFICE_MAX_RATIO", 100)
DATA_UPLOAD_MAX_MEMORY_SIZE = ACCORD_MAX_UPLOAD_BYTES * ACCORD_MAX_FILES_PER_MESSAGE + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

ACCORD_QUEUE_PAGE_SIZE = envint("ACCORD_QUEUE_PAGE_SIZE", 50)
# Professional mediators per page of the directory (mediation:directory).
ACCORD_DIRECTORY_PAGE_SIZE = envint("ACCORD_DIRECTORY_PAGE_SIZE", 20)
# The intake form asks to confirm a complaint from the same person, much like one recorded this many minutes ago.
ACCORD_DUPLICATE_MINUTES = envint("ACCORD_DUPLICATE_MINUTES", 10)

# Background work (docs/architecture.md, "Background work"): Django 6's tasks API (the django-tasks
# backport) with the database backend, so a task is enqueued in the transaction of the change that
# causes it. `manage.py accord_worker` runs the tasks and the periodic jobs below.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The mediators' working-day calendar (the digest's mornings, reminders) for staff without an office.
ACCORD_STAFF_CALENDAR = envstr("ACCORD_STAFF_CALENDAR", "BE")
# The office (its code) of a complaint that comes without one and whose member has no earlier case:
# e-mails, forwarded e-mails (cases/offices.py).
ACCORD_DEFAULT_OFFICE = envstr("ACCORD_DEFAULT_OFFICE", "brussels")
# Periodic jobs, each enqueued once per slot whatever the number of workers: "every" N seconds, or
# "at" HH:MM local time (only on working days of the "working_days" calendar when given).
ACCORD_SCHEDULE = {
    "mailbox_poll": {"task": "accord.worker.tasks.mailbox_poll", "every": envint("ACCORD_MAILBOX_POLL_SECONDS", 60)},
    "deadlines_check": {
        "task": "accord.cases.tasks.deadlines_check",
        "every": envint("ACCORD_DEADLINES_CHECK_SECONDS", 300),
    },
    "daily_digest": {
        "task": "accord.notifications.tasks.daily_digest",
        "at": envstr("ACCORD_DIGEST_AT", "07:30"),
        "working_days": ACCORD_STAFF_CALENDAR,
    },
    "emails_interrupted_check": {"task": "accord.notifications.tasks.emails_interrupted_check", "every": 600},
    # Departments' requests: reminders to liaisons, overdue notices, escalation to the head (accord/departments).
    "requests_check": {
        "task": "accord.departments.tasks.requests_check",
        "every": envint("ACCORD_DEADLINES_CHECK_SECONDS", 300),
    },
    # Dysfunctions addressed to departments: the same follow-up, for the response and the planned action.
    "dysfunctions_check": {
        "task": "accord.departments.dysfunction_tasks.dysfunctions_check",
        "every": envint("ACCORD_DEADLINES_CHECK_SECONDS", 300),
    },
    # Mediation: the meetings' reminder the day before, the agreement's undertakings followed (accord/mediation).
    "mediation_check": {
        "task": "accord.mediation.tasks.mediation_check",
        "every": envint("ACCORD_DEADLINES_CHECK_SECONDS", 300),
    },
    # Hand-overs to departments (art. 5(4)(a)): the same follow-up of the department's answer to the member.
    "handovers_check": {
        "task": "accord.departments.handover_tasks.handovers_check",
        "every": envint("ACCORD_DEADLINES_CHECK_SECONDS", 300),
    },
    "housekeeping": {"task": "accord.worker.tasks.housekeeping", "at": "03:00"},
}
# A professional mediator brought into a mediation reaches it through a link valid this many days (renewable).
ACCORD_EXTERNAL_LINK_DAYS = envint("ACCORD_EXTERNAL_LINK_DAYS", 60)
# Mediation agreements: each party is reminded of its undertaking this many calendar days before its date.
ACCORD_UNDERTAKING_REMINDER_DAYS = envint("ACCORD_UNDERTAKING_REMINDER_DAYS", 3)
# A failed delivery is tried again after each of these delays (minutes), then failed for good.
ACCORD_EMAIL_RETRY_MINUTES = [int(m) for m in envlist("ACCORD_EMAIL_RETRY_MINUTES", ["1", "5", "15", "60", "240"])]
# Staff reminders: N working days before a deadline; the mediators' calendar (digest, reminders) is
# Belgium's; a case overdue by more than this many working days is flagged for the oversight committee.
ACCORD_REMINDER_WORKING_DAYS = envint("ACCORD_REMINDER_WORKING_DAYS", 1)
ACCORD_ESCALATION_WORKING_DAYS = envint("ACCORD_ESCALATION_WORKING_DAYS", 10)
# Information requests to departments (accord/departments): the default time to answer, in working days
# of the department's office; the reminder to the department before it; escalation to the department's
# head address once overdue by this many working days; how long an answer link stays valid (days).
ACCORD_REQUEST_WORKING_DAYS = envint("ACCORD_REQUEST_WORKING_DAYS", 3)
ACCORD_REQUEST_REMINDER_WORKING_DAYS = envint("ACCORD_REQUEST_REMINDER_WORKING_DAYS", 1)
ACCORD_REQUEST_ESCALATION_WORKING_DAYS = envint("ACCORD_REQUEST_ESCALATION_WORKING_DAYS", 2)
ACCORD_SHARE_LINK_DAYS = envint("ACCORD_SHARE_LINK_DAYS", 14)
# A complaint handed over to the department it was not first raised with (art. 5(4)(a)): the working days of the
# department's office it has to answer the member (the mediator may give another number); reminders, overdue
# notice and escalation follow the requests' settings above.
ACCORD_HANDOVER_WORKING_DAYS = envint("ACCORD_HANDOVER_WORKING_DAYS", 10)
# Where the daily housekeeping records the audit trail's chain heads (heads.log + heads/): outside the
# database, ideally a mount the database's administrators cannot write; copy it off the machine too.
ACCORD_AUDIT_DIR = Path(envstr("ACCORD_AUDIT_DIR", str(VAR_DIR / "audit")))

# Security. Production (DEBUG off) passes `manage.py check --deploy` with HTTPS in front.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4): every script and style is a file of ours, none inline; no
# plug-ins, no framing, forms post only here. Swagger UI (/api/v1/docs/) relaxes it with a decorator.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Staff accounts (accord/accounts/, README "Staff login"). Login throttling by django-axes, counted in the
# database: after ACCORD_LOGIN_FAILURES wrong passwords for one username from one address, that pair is
# locked for ACCORD_LOGIN_LOCKOUT_MINUTES (`manage.py axes_reset` unlocks at once). Locking the pair, not the
# username, means an attacker cannot lock a colleague out from everywhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's password check; model permissions come from the role (accounts/backends.py).
    "accord.accounts.backends.RolePermissionBackend",
]
AXES_FAILURE_LIMIT = envint("ACCORD_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("ACCORD_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accord.accounts.views.locked_out"
AXES_VERBOSE = False
# Two-factor authentication (django-otp: TOTP + recovery codes), required for mediators and administrators.
# Only `make run`'s demo turns it off (ACCORD_2FA_REQUIRED=0); with DEBUG off it cannot be off.
ACCORD_2FA_REQUIRED = envbool("ACCORD_2FA_REQUIRED", True)
if not ACCORD_2FA_REQUIRED and not DEBUG:
    raise ImproperlyConfigured("ACCORD_2FA_REQUIRED cannot be off in production (DEBUG off).")
OTP_TOTP_ISSUER = envstr("ACCORD_TOTP_ISSUER", "Accord")
# A staff session ends after this many minutes without a request.
ACCORD_STAFF_IDLE_MINUTES = envint("ACCORD_STAFF_IDLE_MINUTES", 30)
# Axes counts the client the trusted proxies saw (ACCORD_TRUSTED_PROXIES), not the proxy.
AXES_CLIENT_IP_CALLABLE = "accord.core.http.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # WeasyPrint (the acknowledgement letter) logs each rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

ACCORD_SITE_NAME = _("Accord")
