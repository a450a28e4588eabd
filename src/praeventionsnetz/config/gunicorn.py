"""gunicorn's configuration for production, read from the environment.

    gunicorn -c python:praeventionsnetz.config.gunicorn praeventionsnetz.config.wsgi

(`make serve` runs exactly this.) Sync workers behind a buffering reverse proxy (Caddy or
nginx): the proxy absorbs slow clients, each worker serves one request at a time, and more
workers use more cores. See docs/betrieb.md for sizing.
"""

import os

_cores = os.cpu_count() or 1

bind = os.environ.get("BIND", "127.0.0.1:8000").split(",")
# Two per core and one more: a worker waiting on the database leaves its core to another.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * _cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# A PDF report or an XLSX export of a large city may take a while; nothing takes a minute.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Workers are replaced after this many requests, so that memory cannot creep up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = max_requests // 10
# Load the application once before forking: workers start fast and share its memory.
preload_app = True
# Addresses of the reverse proxy whose X-Forwarded-* headers are believed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# In a container, /tmp may sit on a slow overlay file system; the heartbeat files go to memory.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The application logs each request itself, with its request id and user id
# (praeventionsnetz.core.observability); gunicorn writes its own events to standard error.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
if os.environ.get("LOG_FORMAT") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper()},
            # Its access lines would carry the query (a family's search words): off unless
            # GUNICORN_ACCESS_LOG asks for them.
            "gunicorn.access": {
                "handlers": ["console"] if accesslog else [],
                "level": "INFO" if accesslog else "WARNING",
                "propagate": False,
            },
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
    }
proc_name = "praeventionsnetz"
