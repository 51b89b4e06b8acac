"""Images as OpenAI clients send them: `image_url` parts with base64 `data:` URLs.

They are decoded here and become the person's uploads (chat.openai_compat.conversations), checked
there like any upload: the type from the bytes, the size, the pixels, the quota. An image by URL
is refused, never fetched: the server reaching out to addresses a client names is how SSRF starts.
"""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from chat.openai_compat.errors import OpenAIError, invalid

_DATA_URL = re.compile(r"data:(?P<type>[\w.+-]+/[\w.+-]+)?(?P<params>(?:;[\w.+-]+=[\w.+-]+)*);base64,", re.ASCII)


@dataclass(frozen=True)
class DataImage:
    content: bytes
    content_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def data_image(image_url: object, *, param: str) -> DataImage:
    url = image_url.get("url") if isinstance(image_url, dict) else image_url
    if not isinstance(url, str) or not url:
        raise invalid('An image_url part needs {"url": "data:image/png;base64,..."}.', param=param)
    if url.startswith(("http://", "https://")):
        raise invalid(
            "Images by URL are not fetched. Send the image itself as a data: URL (data:image/png;base64,...).",
            param=param,
            code="image_url_not_supported",
        )
    header = _DATA_URL.match(url)
    if header is None:
        raise invalid("An image's url must be a base64 data: URL, e.g. data:image/png;base64,iVBORw0...", param=param)
    encoded = url[header.end() :]
    limit = settings.UPLOAD_MAX_BYTES
    # Refused before decoding: base64 takes 4 characters for every 3 bytes.
    if len(encoded) // 4 * 3 > limit + 2:
        raise _too_large(param)
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise invalid("The image's data: URL is not valid base64.", param=param) from None
    if not content:
        raise invalid("The image is empty.", param=param)
    if len(content) > limit:
        raise _too_large(param)
    return DataImage(content=content, content_type=(header["type"] or "").lower())


def _too_large(param: str) -> OpenAIError:
    limit = str(filesizeformat(settings.UPLOAD_MAX_BYTES)).replace("\xa0", " ")
    return invalid(
        f"This image is larger than the limit of {limit}, as for any upload. Send a smaller image.",
        param=param,
        code="image_too_large",
    )
