# The actorgraph API, for docker-compose.yml (which pairs it with Neo4j).
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first (pinned by the lock file), so code edits do not reinstall them.
COPY pyproject.toml requirements.lock README.md ./
COPY actorgraph ./actorgraph
COPY graph ./graph
COPY ontology ./ontology
COPY loaders ./loaders
COPY api ./api
COPY queries ./queries
RUN pip install -c requirements.lock . \
    && useradd --create-home --uid 10001 actorgraph

# The curated facts ship in the image; the source documents are mounted (see docker-compose.yml).
COPY data ./data

ENV ACTORGRAPH_DATA_DIR=/app/data \
    ACTORGRAPH_SOURCES_DIR=/sources \
    ACTORGRAPH_DB_PATH=/app/var/actorgraph.db \
    ACTORGRAPH_HOST=0.0.0.0

RUN mkdir -p /app/var && chown actorgraph /app/var
USER actorgraph
EXPOSE 8000

# Validate and load the facts (nothing is loaded when they are invalid), then serve.
CMD ["sh", "-c", "actorgraph load && exec actorgraph serve --host 0.0.0.0 --port 8000"]
