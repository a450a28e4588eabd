# Präventionsnetz: the application image (web process and task worker).
# Build: docker build -t praeventionsnetz .   Run with compose.yaml (PostgreSQL, Caddy).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PRAEVENTIONSNETZ_HOME=/app \
    PRAEVENTIONSNETZ_VAR=/var/lib/praeventionsnetz \
    STATIC_ROOT=/app/static \
    BIND=0.0.0.0:8000

# Pango for the PDF minutes and reports (WeasyPrint); pg_dump/pg_restore for backups.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 praeventionsnetz \
    && useradd --system --uid 10001 --gid praeventionsnetz --home-dir /app --no-create-home praeventionsnetz

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
COPY data ./data
RUN pip install . \
    && DEBUG=0 STATIC_MANIFEST=1 praeventionsnetz collectstatic --no-input -v0 \
    && mkdir -p /var/lib/praeventionsnetz \
    && chown praeventionsnetz:praeventionsnetz /var/lib/praeventionsnetz

USER praeventionsnetz
VOLUME ["/var/lib/praeventionsnetz"]
EXPOSE 8000

# Ready when /health/ answers 200 (database and task queue fine); asked with an allowed host.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD python -c "import os, urllib.request; host = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0]; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/health/', headers={'Host': host}), timeout=4)"

CMD ["gunicorn", "-c", "python:praeventionsnetz.config.gunicorn", "praeventionsnetz.config.wsgi"]
