"""Fetches the model's weights into the Hugging Face cache ahead of time, where the loader finds them."""

import logging
from pathlib import Path

from huggingface_hub import snapshot_download

from chat.inference.loading.hub_access import explain_hub_error

logger = logging.getLogger(__name__)


class DownloadError(Exception):
    """The weights could not be fetched; the message says why and what to do."""


def download_model(repo_id: str, *, token: str = "") -> Path:
    """Downloads every file of repo_id (showing progress bars), or raises DownloadError in plain words."""
    try:
        path = snapshot_download(repo_id, token=token or None)
    except Exception as exc:
        explanation = explain_hub_error(exc, repo_id=repo_id, token_given=bool(token))
        raise DownloadError(explanation or f"Can't download {repo_id}: {type(exc).__name__}: {exc}") from exc
    logger.info("Model %s is in %s", repo_id, path)
    return Path(path)
