# The AI Health Assistant: one image for the web process and the inference worker.
# For a GPU host, build FROM an NVIDIA CUDA runtime image and install the CUDA build of torch==2.13.0.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATA_DIR=/data \
    MEDIA_ROOT=/data/media \
    HF_HOME=/data/huggingface

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 app \
 && mkdir -p /data && chown app:app /data

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY --chown=app:app . .
# collectstatic needs settings to import; the build-time key is thrown away with this layer.
RUN SECRET_KEY=collectstatic-only ENCRYPTION_KEYS=$(python manage.py generate_encryption_key) \
    EMAIL_HOST=collectstatic-only DEBUG=false python manage.py collectstatic --noinput

USER app
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1

# Same start as `make run`: migrate, then daphne.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec daphne --bind 0.0.0.0 --port 8000 healthassistant.asgi:application"]
