"""Settings for the AI Health Assistant, read from the environment.

Every variable is listed in the README's configuration table. A bad value stops
start-up with the variable's name (see healthassistant.env).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from healthassistant import file_modes
from healthassistant.encryption.keys import resolve_encryption_keys
from healthassistant.env import envbool, envchoice, envfloat, envint, envlist, envstr
from healthassistant.secret_key import resolve_secret_key

# Health data: whatever this process writes (the database, its WAL, keys, uploads) is the owner's alone.
file_modes.restrict_new_files()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(envstr("DATA_DIR", str(BASE_DIR / "var"))).resolve()

DEBUG = envbool("DEBUG", False)
SECRET_KEY = resolve_secret_key(configured=envstr("SECRET_KEY"), debug=DEBUG, data_dir=DATA_DIR)
# Health content is sealed at rest with these (healthassistant.encryption): the first seals, all open.
ENCRYPTION_KEYS = resolve_encryption_keys(configured=envstr("ENCRYPTION_KEYS"), debug=DEBUG, data_dir=DATA_DIR)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # daphne first, so that `runserver` serves ASGI (and WebSockets) too.
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "allauth",
    # allauth.account, headed "Email addresses" in the admin beside our "Accounts".
    "accounts.allauth_app.EmailAddressesConfig",
    "allauth.mfa",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "healthassistant",
    "accounts",
    "uploads",
    "chat",
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
    "csp.middleware.CSPMiddleware",
    "healthassistant.no_store.NoStoreMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "chat.live_tabs.TabOriginMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.staff_second_factor.StaffSecondFactorMiddleware",
    # Last, so that it sees login_required's redirect first (healthassistant/signed_out.py).
    "healthassistant.signed_out.SignedOutMiddleware",
]

# Content-Security-Policy on every page (django-csp): scripts and styles only from our own static
# files, no inline script and no eval (HTMX's allowEval is off in base.html), no plugins, no <base>,
# never framed. Uploaded files are served with their own stricter policy (uploads.serving).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Swagger UI (the API docs) draws its icons as data: URLs.
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "healthassistant.urls"
WSGI_APPLICATION = "healthassistant.wsgi.application"
ASGI_APPLICATION = "healthassistant.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: a SQLite file in the data directory unless DATABASE_URL says otherwise.
# WAL mode and a busy timeout let several tabs and the inference worker write
# without "database is locked".
DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
    DATABASES["default"]["TEST"] = {"NAME": envstr("TEST_SQLITE_NAME", "") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): email is the login; there is no username.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The disclaimer, acknowledged once at signup with a required checkbox.
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# Mandatory: only then can signup hide which addresses have accounts (allauth mails "you already have
# an account" instead of saying so on the page), and only then is a password reset sure to reach the owner.
ACCOUNT_EMAIL_VERIFICATION = envchoice("ACCOUNT_EMAIL_VERIFICATION", "mandatory", ("none", "optional", "mandatory"))
ACCOUNT_RATE_LIMITS = {
    "login_failed": envstr("LOGIN_RATE_LIMIT", "5/5m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# Two-factor authentication (allauth's MFA): an authenticator app, with recovery codes for when it is lost.
# Required of staff before the admin (accounts.staff_second_factor); anyone may turn it on in Account.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "AI Health Assistant"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# Mail: the console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    # The console backend would print password-reset links into the logs, where whoever reads them can use them.
    raise ImproperlyConfigured(
        "EMAIL_HOST is not set. With DEBUG off the app refuses to start without a mail server: account mail "
        "(password-reset links) would otherwise be printed to the server's output. Set EMAIL_HOST, and "
        "EMAIL_PORT, EMAIL_HOST_USER and EMAIL_HOST_PASSWORD as your SMTP server needs."
    )
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "AI Health Assistant <noreply@localhost>")

# allauth's rate limits keep their counters in the cache.
REDIS_URL = envstr("REDIS_URL")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

# Channels: in memory (one process) unless REDIS_URL selects channels-redis.
if REDIS_URL:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [REDIS_URL]}}}
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# In the default mode the inference worker runs inside the web process. With a
# shared channel layer it runs on its own (`manage.py inference_worker`).
INFERENCE_IN_PROCESS = envbool("INFERENCE_IN_PROCESS", not REDIS_URL)

LANGUAGE_CODE = "en-us"
TIME_ZONE = envstr("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Uploaded files are health data: never served as static media, only through
# the owner-only view. MEDIA_URL is deliberately not routed anywhere.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
MEDIA_URL = "/media-not-public/"

# Security. With DEBUG off, `manage.py check --deploy` is clean.
# Proxies in front of the app whose X-Forwarded-* headers are believed (healthassistant.client_ip):
# 0, the default, believes none, so a client can't forge its IP or its scheme.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0, minimum=0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The REST API for scripts: JWT only, throttled per user.
REST_FRAMEWORK = {
    # simplejwt's, plus revocation: a password change, reset or deactivation ends every token at once.
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.api.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "healthassistant.api_errors.api_exception_handler",
    # Throttles count by the IP healthassistant.client_ip picks: the same rule, DRF's own setting.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": envstr("API_USER_THROTTLE", "600/min"),
        "anon": envstr("API_ANON_THROTTLE", "60/min"),
        # Asking, regenerating and editing, in the pages and the API alike (chat/throttling.py).
        "questions": envstr("QUESTION_THROTTLE", "30/min"),
        # Downloading all of one's data (chat/export.py), on the Account page and at /api/v1/me/export/.
        "exports": envstr("EXPORT_THROTTLE", "5/hour"),
        "transcripts": envstr("TRANSCRIPT_THROTTLE", "30/hour"),
    },
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=envint("JWT_ACCESS_MINUTES", 15, minimum=1)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=envint("JWT_REFRESH_DAYS", 7, minimum=1)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AI Health Assistant API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Emergency guidance (chat/safety), shown on a red-flag question whatever the model's state: whom to call
# where this app runs (112 across Europe; 911 in North America; 999 in the UK), and for thoughts of self-harm.
EMERGENCY_NUMBER = envstr("EMERGENCY_NUMBER", "112")
CRISIS_LINE = envstr("CRISIS_LINE", "findahelpline.com (free, confidential crisis lines in your country)")

# The model and the inference engine (chat/inference).
HEALTH_MODEL = envstr("HEALTH_MODEL", "google/medgemma-4b-it")
HF_TOKEN = envstr("HF_TOKEN")
HEALTH_DEVICE = envchoice("HEALTH_DEVICE", "auto", ("auto", "cuda", "cpu"))
HEALTH_MAX_BATCH_SIZE = envint("HEALTH_MAX_BATCH_SIZE", 16, minimum=1)
HEALTH_MAX_QUEUE = envint("HEALTH_MAX_QUEUE", 64, minimum=1)
HEALTH_MAX_ACTIVE_PER_USER = envint("HEALTH_MAX_ACTIVE_PER_USER", 2, minimum=1)
HEALTH_PREFILL_TOKENS_PER_STEP = envint("HEALTH_PREFILL_TOKENS_PER_STEP", 8192, minimum=64)
HEALTH_KV_CACHE_TOKENS = envint("HEALTH_KV_CACHE_TOKENS", 0, minimum=0)
HEALTH_MAX_NEW_TOKENS = envint("HEALTH_MAX_NEW_TOKENS", 1024, minimum=1)
HEALTH_MAX_NEW_TOKENS_LIMIT = envint("HEALTH_MAX_NEW_TOKENS_LIMIT", 4096, minimum=1)
HEALTH_CONTEXT_TOKENS = envint("HEALTH_CONTEXT_TOKENS", 8192, minimum=256)
HEALTH_TEMPERATURE = envfloat("HEALTH_TEMPERATURE", 0.0, minimum=0.0)
HEALTH_TOP_P = envfloat("HEALTH_TOP_P", 0.95, minimum=0.0)
# Past one GPU box: "openai" makes the inference worker stream answers from an OpenAI-compatible server
# (vLLM serving MedGemma) instead of loading the model itself. The URL is the base with its /v1, as the
# openai client's base_url takes it; the model is the name that server serves it under.
HEALTH_ENGINE = envchoice("HEALTH_ENGINE", "local", ("local", "openai"))
HEALTH_ENGINE_URL = envstr("HEALTH_ENGINE_URL", "http://127.0.0.1:8001/v1")
HEALTH_ENGINE_API_KEY = envstr("HEALTH_ENGINE_API_KEY")
HEALTH_ENGINE_MODEL = envstr("HEALTH_ENGINE_MODEL", HEALTH_MODEL)

# Uploads (uploads/): limits and cleanup.
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1)

# The OpenAI-compatible endpoint (chat/openai_compat): images per conversation (each one an upload,
# within UPLOAD_MAX_BYTES), the largest body (the images in base64, and room for the text), and how long a
# request without `stream` waits for its answer before giving up on it.
OPENAI_MAX_IMAGES = envint("OPENAI_MAX_IMAGES", 8, minimum=0)
OPENAI_MAX_REQUEST_BYTES = envint(
    "OPENAI_MAX_REQUEST_BYTES", OPENAI_MAX_IMAGES * (UPLOAD_MAX_BYTES * 4 // 3 + 4) + 8 * 1024 * 1024, minimum=1024
)
OPENAI_ANSWER_TIMEOUT_SECONDS = envint("OPENAI_ANSWER_TIMEOUT_SECONDS", 600, minimum=1)
UPLOAD_MAX_PDF_PAGES = envint("UPLOAD_MAX_PDF_PAGES", 50, minimum=1)
UPLOAD_MAX_IMAGE_PIXELS = envint("UPLOAD_MAX_IMAGE_PIXELS", 50_000_000, minimum=1)
# Parsing a small file must not exhaust the server (uploads/processing/isolation.py): each file is
# parsed in a child process with a memory cap and a time limit, and within these budgets.
UPLOAD_MAX_IMAGE_BYTES = envint("UPLOAD_MAX_IMAGE_BYTES", 200 * 1024 * 1024, minimum=1)
UPLOAD_PDF_MAX_PAGE_CONTENT_BYTES = envint("UPLOAD_PDF_MAX_PAGE_CONTENT_BYTES", 4 * 1024 * 1024, minimum=1)
UPLOAD_PDF_MAX_CONTENT_BYTES = envint("UPLOAD_PDF_MAX_CONTENT_BYTES", 8 * 1024 * 1024, minimum=1)
UPLOAD_PARSE_MEMORY_MB = envint("UPLOAD_PARSE_MEMORY_MB", 1024, minimum=16)
UPLOAD_PARSE_SECONDS = envint("UPLOAD_PARSE_SECONDS", 20, minimum=1)
# Per user: uploads started (DRF rate syntax: "20/min", "100/hour") and uploads being processed at once.
UPLOAD_THROTTLE = envstr("UPLOAD_THROTTLE", "20/min")
UPLOAD_MAX_CONCURRENT_PER_USER = envint("UPLOAD_MAX_CONCURRENT_PER_USER", 2, minimum=1)
UPLOAD_QUOTA_BYTES = envint("UPLOAD_QUOTA_BYTES", 500 * 1024 * 1024, minimum=0)
UPLOAD_ORPHAN_HOURS = envint("UPLOAD_ORPHAN_HOURS", 24, minimum=1)
UPLOAD_RETENTION_DAYS = envint("UPLOAD_RETENTION_DAYS", 0, minimum=0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploaded files stay in memory, at most UPLOAD_MAX_BYTES + 1 of each: Django's default would spool
# large ones to /tmp in plain, and files are only ever on disk sealed (uploads.storage).
FILE_UPLOAD_HANDLERS = ["uploads.upload_handlers.BoundedMemoryUploadHandler"]
DATA_UPLOAD_MAX_NUMBER_FILES = 1

# Search decrypts one person's own messages to match them (chat/search.py): at most this many, newest first.
SEARCH_MAX_MESSAGES = envint("SEARCH_MAX_MESSAGES", 50_000, minimum=1)
# Retrieval over a person's records (uploads.retrieval): how many people's in-memory indexes a process keeps.
RECORDS_INDEX_CACHE_PEOPLE = envint("RECORDS_INDEX_CACHE_PEOPLE", 64, minimum=1)
# Of each prompt, at most this many tokens go to passages of the person's documents (chat.generation.records).
RECORDS_PROMPT_TOKENS = envint("RECORDS_PROMPT_TOKENS", 3000, minimum=100)

# The audit trail (accounts.audit): how long events are kept before prune_audit_events deletes them.
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", 365, minimum=1)

# The appointment summary waits this long for the assistant's draft, then goes without it; 0 never asks.
APPOINTMENT_DRAFT_SECONDS = envint("APPOINTMENT_DRAFT_SECONDS", 120, minimum=0)

# A person's "About me" (accounts.health_profile) goes into every prompt: at most this many characters of it.
HEALTH_PROFILE_PROMPT_CHARS = envint("HEALTH_PROFILE_PROMPT_CHARS", 1200, minimum=100)

# Logs carry no message or file content: only ids, sizes, counts and timings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Paths without query strings (healthassistant.access_log), whatever LOG_LEVEL says.
        "healthassistant.access": {"level": envstr("ACCESS_LOG_LEVEL", "INFO")},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The remote engine's client (openai, on httpx2) logs a line per request to the model server at INFO.
        "httpx": {"level": "WARNING"},
        "httpx2": {"level": "WARNING"},
    },
}
