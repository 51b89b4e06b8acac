"""Re-sealing every upload's files under the first encryption key (rotation, and the migration that sealed them)."""

from collections.abc import Iterator
from pathlib import Path

from django.db.models import Model

from healthassistant.encryption import rewrap
from uploads import storage


def reseal_upload_files(upload_model: type[Model]) -> int:
    """The number of files re-sealed. A file whose upload is deleted meanwhile is not brought back."""
    changed = 0
    for upload_id, path in _files(upload_model):
        still_wanted = upload_model.objects.filter(pk=upload_id).exists
        changed += rewrap.reseal_file(path, still_wanted=still_wanted)
    return changed


def unseal_upload_files(upload_model: type[Model]) -> int:
    return sum(rewrap.unseal_file(path) for _, path in _files(upload_model))


def _files(upload_model: type[Model]) -> Iterator[tuple[object, Path]]:
    rows = upload_model.objects.order_by("pk").values_list("pk", "stored_path", "preview_path", "model_image_paths")
    for upload_id, *paths in rows.iterator():
        stored, preview, model_images = paths
        for relative in (stored, preview, *(model_images or [])):
            if not relative:
                continue
            try:
                yield upload_id, storage.absolute_path(relative)
            except ValueError:
                continue
