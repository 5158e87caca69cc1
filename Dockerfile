# The API image. Built and run by docker-compose.yml next to a PostgreSQL 16 server.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv
WORKDIR /app

COPY pyproject.toml uv.lock README.md alembic.ini ./
# kinerja_core's own distribution (a workspace member; its code is src/kinerja_core).
COPY packages/kinerja-core/pyproject.toml packages/kinerja-core/README.md packages/kinerja-core/hatch_build.py ./packages/kinerja-core/
RUN uv sync --locked --no-dev --no-install-workspace
COPY src ./src
COPY migrations ./migrations
RUN uv sync --locked --no-dev

RUN useradd --system --uid 10001 dinsos && mkdir -p /app/var && chown dinsos /app/var
USER dinsos
EXPOSE 8000
CMD ["sh", "-c", "uv run --no-sync dinsos db upgrade && uv run --no-sync dinsos serve --host 0.0.0.0 --port 8000"]
