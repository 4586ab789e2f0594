"""Accueil settings: one module, every deployment-specific value read from the environment.

Embedded defaults (no variable set) run the platform locally: SQLite, the in-memory
channel layer, eager Celery and console e-mail. Production sets DATABASE_URL, REDIS_URL,
SECRET_KEY, ALLOWED_HOSTS and the mail variables (see the README).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.conf.locale import LANG_INFO
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-only-key-change-me-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "core",
    "accounts",
    "agora",
    "meetings",
    "votes",
    "proposals",
    "recommendations",
    "booklets",
    "calls",
    "labs",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.admin_guard.AdminSelectionMiddleware",  # after CSRF: it reads admin POSTs
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last: it needs the user, the messages and allauth's request state.
    "accounts.middleware.TwoStepRequiredMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "core.context_processors.site",
            ],
        },
    },
]

ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connections kept open between requests for CONN_MAX_AGE seconds (0: one per request, the
# local default) and checked before reuse, so a restarted database fails no request. Opening
# a PostgreSQL connection was half of a simple page's time (issue 14): production sets 60.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    # Pub/sub layer: a group message is published once and fanned out inside each server
    # process (the list-based layer costs one Redis round trip per socket). Delivery is
    # at most once, which suits live pages: a reload always shows the current state.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": env.str(
                "CHANNEL_LAYER_BACKEND", default="channels_redis.pubsub.RedisPubSubChannelLayer"
            ),
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: eager (run in-process) unless a broker is configured.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BEAT_SCHEDULE = {
    "meeting-reminders": {
        "task": "meetings.tasks.send_due_reminders",
        "schedule": env.int("REMINDER_INTERVAL_SECONDS", default=15 * 60),
    },
    "close-due-votes": {"task": "votes.tasks.close_due_votes", "schedule": 60},
    "recommendation-reminders": {
        "task": "recommendations.tasks.send_recommendation_reminders",
        "schedule": env.int("RECOMMENDATION_REMINDER_INTERVAL_SECONDS", default=60 * 60),
    },
    "purge-call-answers": {"task": "calls.tasks.purge_call_answers", "schedule": 60 * 60},
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"

# django-allauth: username or e-mail login, e-mail optional (some newcomers have none),
# sign-up only through an invitation (see accounts.adapter), rate limits on (defaults).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# Failed logins: 10 a minute per client address, whatever the accounts, and 5 per 5 minutes
# per (address, account): accounts.adapter makes the "key" the pair, so a stranger typing
# wrong passwords for someone locks out only their own address, not the member.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Two-step login (TOTP) is required, not offered, for facilitators, officials and staff
# (accounts.predicates.must_use_two_step): until they enrol, accounts.middleware sends
# them to the enrolment page. TWO_STEP_REQUIRED=false turns this off (a local demo).
TWO_STEP_REQUIRED = env.bool("TWO_STEP_REQUIRED", default=True)

# Languages. French is the default and the fallback for every untranslated string.
LANG_INFO.update(
    {
        "fa-af": {"bidi": True, "code": "fa-af", "name": "Dari", "name_local": "دری"},
        "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
        "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    }
)
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa-af", _("Dari")),
    ("ps", _("Pashto")),
    ("ti", _("Tigrinya")),
    ("uk", _("Ukrainian")),
    ("es", _("Spanish")),
]
# Django decides direction from this list (by base language); Pashto is not in its default.
LANGUAGES_BIDI = ["he", "ar", "ar-dz", "ckb", "fa", "ps", "ug", "ur"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.str("STATIC_ROOT", default=str(BASE_DIR / ".staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(BASE_DIR / ".media"))
MEDIA_URL = "media/"

# Mail: console by default; EMAIL_URL (smtp+tls://user:pass@host:587) in production.
# Django 6.1's MAILERS setting, built from the URL that django-environ parses.
_mail = env.email_url("EMAIL_URL", default="consolemail://")
_mail_options = {
    "host": _mail.get("EMAIL_HOST"),
    "port": _mail.get("EMAIL_PORT"),
    "username": _mail.get("EMAIL_HOST_USER"),
    "password": _mail.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _mail.get("EMAIL_USE_TLS"),
    "use_ssl": _mail.get("EMAIL_USE_SSL"),
}
MAILERS = {
    "default": {
        "BACKEND": _mail["EMAIL_BACKEND"],
        "OPTIONS": {k: v for k, v in _mail_options.items() if v}
        if _mail["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {"file_path": _mail["EMAIL_FILE_PATH"]}
        if _mail["EMAIL_BACKEND"].endswith("filebased.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Accueil <accueil@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS. Production sets HTTPS=true (TLS ends at a proxy, see docs/security.md): every
# cookie is secure, plain HTTP is redirected, HSTS is sent for a year. Each part can be
# overridden; local development (make run) keeps plain http://127.0.0.1:8000 working.
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
# The proxy must overwrite (never pass on) the client's X-Forwarded-Proto.
if env.bool("TRUST_X_FORWARDED_PROTO", default=HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if HTTPS else 0)
# includeSubDomains only reaches names under the host Accueil is served on.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# preload is a commitment for the whole registrable domain, which a territory's IT usually
# owns, not Accueil: off unless asked for. The check that suggests it (W021) is silenced
# only while it is off on purpose.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (Django's own middleware), in every environment so that tests and
# development see what production blocks. No inline script, style or handler anywhere:
# every script and style is a static file. Websockets go to this same origin: CSP Level 3
# browsers match ws:/wss: with 'self'; the site's own ws(s) origin is named for the others.
_site = urlsplit(SITE_URL)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [
        CSP.SELF,
        f"{'wss' if _site.scheme == 'https' else 'ws'}://{_site.netloc}",
    ],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Request sizes: refused with 413 by core.middleware.RequestSizeLimit (ASGI, before Django
# reads a byte of the body). Uploads (meeting documents up to 10 MB, booklet images up to
# 2 MB, refused with a message by their forms) get a larger envelope than everything else.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=2_621_440)
UPLOAD_REQUEST_MAX_BYTES = env.int("UPLOAD_REQUEST_MAX_BYTES", default=12 * 1024 * 1024)
UPLOAD_URL_NAMES = ["meetings:document-add", "booklets:image-upload"]
# Non-file fields held in memory (the same 2.5 MB), uploads above 2.5 MB go to a temporary
# file, at most 1,000 fields (Django's default, far above the largest form: a roll call)
# and 10 files per request (the upload forms take one).
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# Accueil's own settings.
INVITATION_VALIDITY_DAYS = env.int("INVITATION_VALIDITY_DAYS", default=14)
TERRITORY_NAME = env.str("TERRITORY_NAME", default="Grenoble Alpes Métropole")
# Officials answer recommendations within this many days (the territory's commitment).
RECOMMENDATION_ANSWER_DAYS = env.int("RECOMMENDATION_ANSWER_DAYS", default=60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
