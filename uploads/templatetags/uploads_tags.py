from django import template
from django.conf import settings

from uploads.detection import FILE_TYPES

register = template.Library()


@register.simple_tag
def upload_max_bytes() -> int:
    """UPLOAD_MAX_BYTES, for the browser to refuse an oversized file before sending it."""
    return settings.UPLOAD_MAX_BYTES


@register.simple_tag
def upload_accept() -> str:
    """The file input's accept list: a hint for the file picker; the server decides from the bytes."""
    values = [suffix for file_type in FILE_TYPES for suffix in file_type.suffixes]
    values += [file_type.content_type for file_type in FILE_TYPES]
    return ",".join(dict.fromkeys(values))
