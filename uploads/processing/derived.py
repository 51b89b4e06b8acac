"""What every accepted file becomes: facts for the row, text, images for the model, and a thumbnail."""

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

# MedGemma's vision encoder sees 896 x 896; anything larger is wasted memory and time.
MODEL_MAX_SIDE = 896
PREVIEW_MAX_SIDE = 320


@dataclass
class ProcessedFile:
    page_count: int | None = None
    width: int | None = None
    height: int | None = None
    text: str = ""
    # RGB, at most MODEL_MAX_SIDE a side, in the order the model should see them.
    model_images: list[Image.Image] = field(default_factory=list)
    preview: Image.Image | None = None


def rgb(image: Image.Image) -> Image.Image:
    """An RGB copy: transparency flattened onto white, 16-bit and float greys stretched to 8 bits."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        return Image.fromarray(stretch_to_uint8(np.asarray(image, dtype=np.float64))).convert("RGB")
    return image.convert("RGB")


def decoded_bytes(*, width: int, height: int, channels: int, bits_per_sample: int) -> int:
    """What one image's pixels cost decoded: width × height × channels × bytes per sample.

    Samples deeper than 8 bits take 2 bytes (a 16-bit RGBA PNG costs 8 bytes a pixel); greyscale
    deeper than 8 bits counts 8, as it is stretched to 8 bits through 64-bit floats (rgb()).
    """
    per_sample = 8 if channels == 1 and bits_per_sample > 8 else max(1, math.ceil(bits_per_sample / 8))
    return width * height * max(1, channels) * per_sample


def megabytes(size: int) -> str:
    """A byte count for people: "1.5 MB", "250 MB"."""
    value = size / (1024 * 1024)
    text = f"{value:,.1f}".removesuffix(".0") if value < 10 else f"{value:,.0f}"
    return f"{text} MB"


def stretch_to_uint8(values: np.ndarray, low: float | None = None, high: float | None = None) -> np.ndarray:
    """Map [low, high] (the values' own range by default) linearly onto 0..255, clipping outside."""
    low = float(values.min()) if low is None else low
    high = float(values.max()) if high is None else high
    if high <= low:
        return np.zeros(values.shape, dtype=np.uint8)
    scaled = (values.astype(np.float64) - low) * (255.0 / (high - low))
    return np.clip(scaled, 0, 255).round().astype(np.uint8)


def fit_within(image: Image.Image, max_side: int) -> Image.Image:
    """A copy no larger than max_side on either side, aspect kept; never enlarged."""
    fitted = image.copy()
    fitted.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return fitted


def model_image(image: Image.Image) -> Image.Image:
    return fit_within(rgb(image), MODEL_MAX_SIDE)


def preview_image(image: Image.Image) -> Image.Image:
    return fit_within(rgb(image), PREVIEW_MAX_SIDE)
