"""Requests, images and reference answers for the engine's tests."""

import torch
from PIL import Image

from chat.inference.loading.loader import LoadedModel
from chat.inference.prompts import build_prompt, encode_prompt
from chat.inference.types import ChatTurn, GenerationRequest


def question(text: str = "I have a headache. What should I do?", *, images=(), **settings) -> GenerationRequest:
    return GenerationRequest(turns=(ChatTurn(role="user", text=text, images=tuple(images)),), **settings)


def solo_tokens(loaded: LoadedModel, request: GenerationRequest) -> list[int]:
    """The answer plain generate gives this request alone, greedy and of exactly max_new_tokens tokens."""
    prompt = build_prompt(loaded.processor, request.turns, context_tokens=4096, max_new_tokens=request.max_new_tokens)
    inputs = encode_prompt(loaded.processor, prompt)
    with torch.inference_mode():
        output = loaded.model.generate(
            **inputs,
            max_new_tokens=request.max_new_tokens,
            min_new_tokens=request.max_new_tokens,
            do_sample=False,
            temperature=None,
            top_p=None,
            top_k=None,
        )
    return output[0, inputs["input_ids"].shape[1] :].tolist()


def an_image(size: tuple[int, int] = (80, 60), color: str = "red") -> Image.Image:
    return Image.new("RGB", size, color)


async def read_all(stream) -> tuple[list[str], object]:
    deltas = [delta async for delta in stream]
    return deltas, await stream.result()
