"""Settings, read from the environment.

Local use needs nothing: with DEBUG=1 an insecure development key and an SQLite file
under var/ are used. Production (DEBUG off) refuses to start without a real SECRET_KEY.
"""

import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

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

SECRET_KEY = env_secret("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) for production, "
            "or DEBUG=1 for local development."
        )
    SECRET_KEY = _DEV_SECRET_KEY
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("The development SECRET_KEY must not be used with DEBUG off.")

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
    "simple_history",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "praeventionsnetz.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
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

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
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
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Maps: no tile server by default, so areas are drawn on a plain background.
# A deployment may set MAP_TILE_URL (e.g. its own tile server) and MAP_TILE_ATTRIBUTION.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

DEFAULT_CITY = os.environ.get("DEFAULT_CITY", "dresden")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Rate limits for anonymous use of the API and the family search (core/ratelimit.py):
# requests per client address and window; 0 switches a scope off. The test suite runs
# with RATELIMIT_ENABLED=0 (pyproject.toml) except in the tests of the limits themselves.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
RATELIMIT_WINDOW = env_int("RATELIMIT_WINDOW", 60)  # seconds
RATELIMIT_SCOPES = {
    "api": env_int("RATELIMIT_API", 120),
    "offers:search": env_int("RATELIMIT_SEARCH", 60),
}
RATELIMIT_CACHE = os.environ.get("RATELIMIT_CACHE", "default")
RATELIMIT_BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
MIDDLEWARE.insert(
    MIDDLEWARE.index("praeventionsnetz.core.access.AccessMiddleware"),
    "praeventionsnetz.core.ratelimit.RateLimitMiddleware",
)
# Geometry answers of the API are kept this long in the cache, under their ETag.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 600)
