"""Settings, read from the environment.

Local use needs nothing: with DEBUG=1 an insecure development key and an SQLite file
under var/ are used. Production (DEBUG off) refuses to start without a real SECRET_KEY.
"""

import contextlib
import importlib.util
import math
import os
import re
import secrets
from collections import Counter
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("PRAEVENTIONSNETZ_HOME", PACKAGE_DIR.parent.parent))
DATA_DIR = Path(os.environ.get("PRAEVENTIONSNETZ_DATA", BASE_DIR / "data"))
VAR_DIR = Path(os.environ.get("PRAEVENTIONSNETZ_VAR", BASE_DIR / "var"))

_DEV_SECRET_KEY = "insecure-development-key-never-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_secret(name: str) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (for container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name) or None


DEBUG = env_bool("DEBUG", False)
# False for management commands that serve no web request (set by the console script):
# they may run without a configured key, the web server never does.
SERVES_WEB = env_bool("PRAEVENTIONSNETZ_WEB", True)


def weak_secret_key(key: str) -> bool:
    """Shorter than 50 characters, few distinct characters, or little entropy per character."""
    if len(key) < 50 or len(set(key)) < 16 or key.startswith("django-insecure-"):
        return True
    counts = Counter(key)
    bits = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    return bits < 3.5


SECRET_KEY = env_secret("SECRET_KEY") or ""
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = _DEV_SECRET_KEY
    elif not SERVES_WEB:
        # Nothing this process signs outlives it, so a throwaway key is enough.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) for production, "
            "or DEBUG=1 for local development."
        )
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("The development SECRET_KEY must not be used with DEBUG off.")
if not DEBUG and weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use at least 50 random characters, e.g. from "
        '`python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
    )

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "ninja",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "praeventionsnetz.core",
    "praeventionsnetz.areas",
    "praeventionsnetz.monitoring",
    "praeventionsnetz.network",
    "praeventionsnetz.offers",
    "praeventionsnetz.funding",
    "praeventionsnetz.steering",
    "praeventionsnetz.reports",
    "praeventionsnetz.api",
    "praeventionsnetz.site",
    "praeventionsnetz.sso",
]

MIDDLEWARE = [
    "praeventionsnetz.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the application server, hashed and precompressed.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML and JSON gzipped for clients that ask; Django adds random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "praeventionsnetz.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "praeventionsnetz.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "praeventionsnetz.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "praeventionsnetz.core.access.AccessMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "praeventionsnetz.config.urls"
WSGI_APPLICATION = "praeventionsnetz.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "praeventionsnetz.core.context_processors.navigation",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    # An installed package may sit in a read-only place; commands without a database
    # (compute_index, network_metrics) must still run there.
    with contextlib.suppress(OSError):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'praeventionsnetz.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
# Two users saving at once wait for each other on SQLite instead of failing with "database
# is locked": WAL lets readers go on while one writes, IMMEDIATE takes the write lock at the
# start of a transaction, and a writer waits up to 20 s for it.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
# PostgreSQL compiles a query it guesses dear before running it: 10–100 ms for the family
# search's per-hit probes, more than the query takes. Short web queries never gain from it.
POSTGRESQL_SESSION = "-c jit=off"


def with_engine_options(database: dict) -> dict:
    """The database settings with this project's options for its engine."""
    options = dict(database.get("OPTIONS", {}))
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options.update(SQLITE_OPTIONS)
    elif database["ENGINE"] == "django.db.backends.postgresql":
        options["options"] = f"{options.get('options', '')} {POSTGRESQL_SESSION}".strip()
    return {**database, "OPTIONS": options}


DATABASES["default"] = with_engine_options(DATABASES["default"])
# The password may come apart from DATABASE_URL, e.g. from a container secret file.
if _database_password := env_secret("DATABASE_PASSWORD"):
    DATABASES["default"]["PASSWORD"] = _database_password
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"

# Lock an account/IP pair for 15 minutes after 5 failed logins.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_RESET_ON_SUCCESS = True
# The client's address, also behind a reverse proxy (see BEHIND_PROXY and PROXY_COUNT below).
AXES_CLIENT_IP_CALLABLE = "praeventionsnetz.core.middleware.client_ip"

# --- Single sign-on (OpenID Connect) --------------------------------------------------------
# Login with the city's identity provider (Keycloak, Entra ID, ADFS, …); see docs/sso.md.
# On when OIDC_ISSUER and OIDC_CLIENT_ID are set; local accounts keep working beside it.
# Redirect URI to register at the provider: https://<host>/oidc/callback/
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = env_secret("OIDC_CLIENT_SECRET") or ""
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256")
# Endpoints come from <OIDC_ISSUER>/.well-known/openid-configuration; these override them.
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_END_SESSION_ENDPOINT", "")
# Logging out also ends the session at the provider (when it names an end_session_endpoint).
OIDC_PROVIDER_LOGOUT = env_bool("OIDC_PROVIDER_LOGOUT", True)
# Claims: the user name; the role claim (string or list, e.g. "roles", "groups",
# "realm_access.roles") with OIDC_ROLE_MAP "claimvalue=role,…" (or a JSON object) onto
# planning, coordinator, steering, organisation; a coordinator's areas as "city:code" or
# "city:level:code" (e.g. "dresden:16", "dresden:stadtteil:16").
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ROLE_CLAIM = os.environ.get("OIDC_ROLE_CLAIM", "roles")
OIDC_ROLE_MAP = os.environ.get("OIDC_ROLE_MAP", "")
OIDC_AREA_CLAIM = os.environ.get("OIDC_AREA_CLAIM", "areas")
# The login page's button; empty: "Log in with the city's account" (translated).
OIDC_LOGIN_LABEL = os.environ.get("OIDC_LOGIN_LABEL", "")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)  # seconds per request to the provider
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
# The client authenticates at the token endpoint with the secret in the form body
# (client_secret_post), or with HTTP Basic (client_secret_basic) when this is on.
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_TOKEN_BASIC_AUTH", False)
OIDC_STORE_ID_TOKEN = True  # for the logout at the provider
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_CREATE_USER = True
if OIDC_ISSUER and OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("praeventionsnetz.sso.backends.SSOBackend")
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "praeventionsnetz.sso.middleware.ProviderLogoutMiddleware",
    )
    TEMPLATES[0]["OPTIONS"]["context_processors"].append(
        "praeventionsnetz.sso.context_processors.sso"
    )
# --- end of single sign-on ------------------------------------------------------------------

# A logged-in session that sees no request for this long is logged out.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30) * 60

# Mail for password resets: printed to the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "praeventionsnetz@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 24) * 3600

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# In production `collectstatic` writes every file under a name with its content hash (so
# browsers may keep it for a year) and as .gz and .br beside it; WhiteNoise serves them.
# In development (DEBUG) and in the test suite (STATIC_MANIFEST=0) they come from the apps.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
if not STATIC_MANIFEST:
    # WhiteNoise also looks into STATIC_ROOT and warns when it is missing.
    with contextlib.suppress(OSError):
        STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_AUTOREFRESH = DEBUG
# Source maps are for developers' tools only: not worth compressing at every install.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
# Leaflet comes from django-leaflet's static files. Its app is not installed because its
# admin module needs GDAL, which this project does not use (geometry is GeoJSON + shapely).
_leaflet_spec = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = [Path(next(iter(_leaflet_spec.submodule_search_locations))) / "static"]

# Cookies and headers. Behind TLS in production; local DEBUG runs over plain HTTP.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
# How many reverse proxies append to X-Forwarded-For in front of the app; the client is the
# address the outermost of them saw. Without a proxy the connection's address counts.
PROXY_COUNT = env_int("PROXY_COUNT", 1) if BEHIND_PROXY else 0
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Maps: no tile server by default, so areas are drawn on a plain background.
# A deployment may set MAP_TILE_URL (e.g. its own tile server) and MAP_TILE_ATTRIBUTION.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")


def tile_source(url: str) -> str | None:
    """The CSP source of a tile URL: https://{s}.tiles.example/{z}/… → https://*.tiles.example"""
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0]
    if not scheme or not host:
        return None
    return scheme + "://" + re.sub(r"\{[a-z]+\}", "*", host)


# Content-Security-Policy: scripts, styles and everything else only from the platform
# itself; no inline script, no inline style attribute, no eval. Images may also come from
# the tile server and from CSP_IMG_HOSTS (comma-separated, e.g. https://images.example).
_IMG_HOSTS = [h.strip() for h in os.environ.get("CSP_IMG_HOSTS", "").split(",") if h.strip()]
_TILE_SOURCE = tile_source(MAP_TILE_URL) if MAP_TILE_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_TILE_SOURCE] if _TILE_SOURCE else []), *_IMG_HOSTS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features the platform does not use are switched off; the family search does not
# ask for the visitor's location.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "usb": "()",
}

DEFAULT_CITY = os.environ.get("DEFAULT_CITY", "dresden")

# The family search's "near" field: a city's own geocoder (Photon or Nominatim, e.g.
# https://photon.example.org) is asked first when set; without it, or when it fails, places
# are found offline (postcodes, Stadtteile, streets of stored offer locations, coordinates).
GEOCODER_URL = os.environ.get("GEOCODER_URL", "")
GEOCODER_KIND = os.environ.get("GEOCODER_KIND", "photon")  # photon or nominatim
GEOCODER_TIMEOUT = env_int("GEOCODER_TIMEOUT", 3)  # seconds
POSTCODES_FILE = DATA_DIR / "postcodes" / "postcodes.csv"

# Logs go to standard error, as text or, with LOG_FORMAT=json, one JSON object per line for
# a log collector. Every record carries request_id and user_id (an account id; nothing about
# families is logged). LOG_REQUESTS writes one line per request (method, path without its
# query, status, duration), on by default in production.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOG_REQUESTS = env_bool("LOG_REQUESTS", not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "praeventionsnetz.core.observability.RequestContextFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s] "
            "%(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "praeventionsnetz.request": {"level": "INFO" if LOG_REQUESTS else "WARNING"},
    },
}

# Error reports (optional): with SENTRY_DSN set and the `sentry` extra installed
# (pip install "praeventionsnetz[sentry]"), unhandled errors go to that Sentry or GlitchTip
# server, without cookies, form data, user names or addresses (send_default_pii off).
SENTRY_DSN = env_secret("SENTRY_DSN")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as exc:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set, but sentry-sdk is not installed: "
            'pip install "praeventionsnetz[sentry]"'
        ) from exc
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Rate limits for anonymous use of the API and the family search (core/ratelimit.py):
# requests per client address and window; 0 switches a scope off. The test suite runs
# with RATELIMIT_ENABLED=0 (pyproject.toml) except in the tests of the limits themselves.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
RATELIMIT_WINDOW = env_int("RATELIMIT_WINDOW", 60)  # seconds
RATELIMIT_SCOPES = {
    "api": env_int("RATELIMIT_API", 120),
    # The OParl API (/oparl/v1.1/) counts apart from /api/, with the same limit.
    "oparl": env_int("RATELIMIT_API", 120),
    "offers:search": env_int("RATELIMIT_SEARCH", 60),
}
RATELIMIT_CACHE = os.environ.get("RATELIMIT_CACHE", "default")


def cache_from_url(url: str) -> dict:
    """CACHE_URL: "locmem" (one process), "db" (a table in the database, shared by every
    process; made by `migrate`) or "redis://host:6379/0" (needs the `redis` extra)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "praeventionsnetz_cache",
        }
    if url in {"", "locmem"}:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(f'CACHE_URL "{url}" is neither "locmem", "db" nor a redis:// URL.')


# Rate limits and API answers are counted and kept here: with several worker processes it
# must be shared between them ("db" or Redis), or each process counts for itself.
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}
MIDDLEWARE.insert(
    MIDDLEWARE.index("praeventionsnetz.core.access.AccessMiddleware"),
    "praeventionsnetz.core.ratelimit.RateLimitMiddleware",
)
# Geometry answers of the API are kept this long in the cache, under their ETag.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 600)

# Time accounts of coordinators (steering/timeaccount.py): full-time hours per week, 39 as in
# the TVöD; a position's target is its FTE times this.
STEERING_WEEKLY_HOURS = os.environ.get("STEERING_WEEKLY_HOURS", "39")

# Background work
# Long work (imports confirmed in the web) runs as a task (django-tasks): by default it waits
# in the database until a worker (`praeventionsnetz db_worker`) takes it. TASKS_BACKEND=immediate
# runs a task at once inside the request that starts it (the test suite does so, and a
# development server without a worker may). core.jobs records each task's progress and result.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be “database” or “immediate”.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    },
    # Always the database, whatever the default is: tests run a real worker on it.
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# End of background work
