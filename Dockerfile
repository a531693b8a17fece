# vMotion Planner: one container, SQLite in the /data volume, uvicorn on 0.0.0.0:8000.
#   docker build -t vmotion-planner .
#   docker run -p 8000:8000 -v vmotion-data:/data -e VMP_SECRET_KEY=... vmotion-planner
# See docs/configuration.md for every setting.
FROM python:3.11-slim-bookworm

# Pango/HarfBuzz and fonts for WeasyPrint (server-side PDF cabling sheets).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VMP_ENVIRONMENT=production \
    VMP_DATABASE_URL=sqlite:////data/vmotion-planner.db \
    VMP_HOST=0.0.0.0 \
    VMP_PORT=8000

WORKDIR /app

# Dependencies first (cached layer): the app's runtime requirements at the versions pinned in
# requirements.lock. The lock also pins the dev tools; as constraints they are not installed.
COPY pyproject.toml requirements.lock README.md ./
COPY app/__init__.py app/__init__.py
RUN pip install -c requirements.lock -e .

# The application: code, templates, static assets, examples and migrations.
COPY app app
COPY templates templates
COPY static static
COPY examples examples
# The rules page reads each rule's reason and source URLs from the domain reference.
COPY docs/domain.md docs/domain.md
COPY migrations migrations

RUN useradd --system --uid 10001 --home-dir /app planner \
 && mkdir -p /data && chown planner /data
USER planner
VOLUME ["/data"]
EXPOSE 8000

# Migrate, then serve; exec so uvicorn gets SIGTERM directly.
CMD ["sh", "-c", "alembic upgrade head && exec uvicorn app.main:create_app --factory --host \"$VMP_HOST\" --port \"$VMP_PORT\" --proxy-headers"]
