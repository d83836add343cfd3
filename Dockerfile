# Folio's self-hosting image. The build stage turns the project and its pinned dependencies
# into wheels; the runtime stage installs only those wheels into a venv and runs as `folio`.
# scripts/check-image.sh builds this file and runs the result.

ARG PYTHON_IMAGE=python:3.11.17-slim-bookworm
# The pip bundled with Python 3.11 cannot resolve trafilatura together with lxml[html-clean].
ARG PIP_VERSION=26.3

FROM ${PYTHON_IMAGE} AS build

ARG PIP_VERSION
# Empty unless given with --build-arg (a package mirror, say); pip ignores empty values.
ARG PIP_INDEX_URL=""
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN python -m venv /opt/build \
 && /opt/build/bin/pip install "pip==${PIP_VERSION}"

WORKDIR /src

# Dependencies come from pyproject.toml alone, so a code change reuses this layer.
COPY pyproject.toml ./
RUN python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"], sep="\n")' > requirements.txt \
 && /opt/build/bin/pip wheel --wheel-dir /wheels -r requirements.txt

COPY server ./server
RUN /opt/build/bin/pip wheel --no-deps --wheel-dir /wheels . \
 && sha256sum /wheels/*.whl > /wheels/SHA256SUMS


FROM ${PYTHON_IMAGE} AS runtime

LABEL org.opencontainers.image.title="Folio" \
      org.opencontainers.image.description="Self-hosted reading mode and personal archive" \
      org.opencontainers.image.licenses="Apache-2.0"

RUN groupadd --gid 1000 folio \
 && useradd --uid 1000 --gid folio --home-dir /data --no-create-home \
            --shell /usr/sbin/nologin folio \
 && install -d -o folio -g folio -m 0750 /data

ENV PATH=/opt/folio/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FOLIO_DATA_DIR=/data \
    FOLIO_WORKERS=1

# The SQLite library, the generated secret key and `folio export` files live here.
VOLUME /data
WORKDIR /data
EXPOSE 8000

# The slim image has no curl; the venv's Python can make the request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/opt/folio/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# `folio serve` applies database migrations, then starts gunicorn (FOLIO_WORKERS workers, 1 by default).
CMD ["folio", "serve", "--host", "0.0.0.0", "--port", "8000"]

# Folio itself goes in last, so that a code change rebuilds only the steps from here on.
# Copying the checksums first makes the install rerun whenever a wheel changes: some builders
# (buildah 1.28, for one) leave a bind mount's contents out of the layer cache key.
COPY --from=build /wheels/SHA256SUMS /opt/folio/wheels.sha256
# The build stage's pip installs into a venv made without one: the image needs no installer.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    --mount=type=bind,from=build,source=/opt/build,target=/opt/build \
    python -m venv --without-pip /opt/folio \
 && /opt/build/bin/pip --python /opt/folio/bin/python install --no-cache-dir --no-index \
        --find-links /wheels folio

# The folio user, by number so that a platform can tell it is not root without /etc/passwd.
USER 1000:1000
