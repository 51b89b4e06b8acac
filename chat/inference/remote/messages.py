"""A conversation as OpenAI chat messages, worded as the local prompt words it, trimmed to the server's context.

The server applies MedGemma's chat template itself, so only the messages travel: our system prompt,
then the turns as chat.inference.prompts shapes them (documents framed by format_document before the
question, control tokens removed, speakers alternating), each image as a data: URL. There is no
tokenizer here to count with, so the fit is an estimate: CHARACTERS_PER_TOKEN characters a token,
TOKENS_PER_IMAGE for each image (MedGemma's soft tokens per image). If the server counts more and
refuses, the engine drops the oldest turn left and asks again (RemoteChat.without_oldest_turn).
"""

import base64
import io
import re
from dataclasses import dataclass

from PIL.Image import Image, Resampling

from chat.inference.errors import InvalidRequest, PromptTooLong
from chat.inference.prompts import SYSTEM_PROMPT, TURN_MARKERS, _Message, _messages, _prepare_image
from chat.inference.types import ChatTurn

CHARACTERS_PER_TOKEN = 3
TOKENS_PER_IMAGE = 256
# The chat template's markers around each message: <start_of_turn>user, a newline, <end_of_turn>, a newline.
TOKENS_PER_MESSAGE = 6
# MedGemma's vision tower sees each image at 896 x 896: a larger image is scaled down before it leaves,
# but never below that on its shorter side, so the server has every pixel it would have used.
VISION_SIDE = 896
# Lossless PNG (scans, screenshots, text) unless it is heavier than this; then JPEG (photos).
PNG_BYTES_LIMIT = 1_500_000
JPEG_QUALITY = 90

# MedGemma's special tokens, as the local prompt strips them with the processor's names for them: text
# must never forge a turn or an image slot, whatever the person or a document contains.
CONTROL_TOKENS = re.compile(
    "|".join(
        re.escape(token)
        for token in sorted(
            {"<bos>", "<eos>", "<pad>", "<unk>", "<start_of_image>", "<end_of_image>", "<image_soft_token>"}
            | set(TURN_MARKERS),
            key=len,
            reverse=True,
        )
    )
)


@dataclass(frozen=True)
class RemoteChat:
    """The part of a conversation sent upstream, with what each message is estimated to cost in tokens."""

    system_prompt: str
    messages: tuple[dict, ...]
    estimates: tuple[int, ...]
    # Where each user turn begins in messages: the conversation may start at any of them.
    turn_starts: tuple[int, ...]
    # The start of the answer to go on from (Continue), sent as the last, unfinished assistant message.
    answer_start: str = ""

    @property
    def payload(self) -> list[dict]:
        answer = [{"role": "assistant", "content": self.answer_start}] if self.answer_start else []
        return [{"role": "system", "content": self.system_prompt}, *self.messages, *answer]

    @property
    def estimated_tokens(self) -> int:
        return _estimate(self.system_prompt) + sum(self.estimates) + _estimate(self.answer_start)

    def without_oldest_turn(self) -> "RemoteChat | None":
        """The same conversation from its second user turn on; None when only the latest turn is left."""
        if len(self.turn_starts) < 2:
            return None
        start = self.turn_starts[1]
        return RemoteChat(
            system_prompt=self.system_prompt,
            messages=self.messages[start:],
            estimates=self.estimates[start:],
            turn_starts=tuple(index - start for index in self.turn_starts[1:]),
            answer_start=self.answer_start,
        )


def prepare_chat(
    turns: tuple[ChatTurn, ...],
    *,
    context_tokens: int,
    max_new_tokens: int,
    system_prompt: str = SYSTEM_PROMPT,
    answer_start: str = "",
) -> RemoteChat:
    """The longest recent part of the conversation estimated to fit with room for max_new_tokens of answer.

    Whole turns are dropped from the oldest; the latest user turn always stays, and if even it
    does not fit, PromptTooLong says so rather than cutting the question.
    """
    if not turns or turns[-1].role != "user":
        raise InvalidRequest("The conversation must end with the user's message.")
    messages = _messages(turns, CONTROL_TOKENS)
    # A tool's instructions join the system prompt (prompts.system_prompt_for): they must not forge turns either.
    system_prompt = CONTROL_TOKENS.sub("", system_prompt)
    answer_start = CONTROL_TOKENS.sub("", answer_start)
    if not messages or messages[-1].role != "user":
        raise InvalidRequest("The message is empty.")
    estimates = [_message_estimate(message) for message in messages]
    budget = context_tokens - max_new_tokens - _estimate(system_prompt) - _estimate(answer_start)
    starts = [index for index, message in enumerate(messages) if message.role == "user"]
    latest = sum(estimates[starts[-1] :])
    if latest > budget:
        raise PromptTooLong(
            f"The message is too long for the model: it takes about {latest} tokens, and the model's context of "
            f"{context_tokens} tokens must also hold up to {max_new_tokens} tokens of answer. Shorten it, or send "
            "fewer images or documents."
        )
    start = next(start for start in starts if sum(estimates[start:]) <= budget)
    return RemoteChat(
        system_prompt=system_prompt,
        messages=tuple(_chat_message(message) for message in messages[start:]),
        estimates=tuple(estimates[start:]),
        turn_starts=tuple(index - start for index in starts if index >= start),
        answer_start=answer_start,
    )


def image_data_url(image: Image) -> str:
    """The image upright and in RGB (as the local prompt prepares it), at most as large as the model can use."""
    image = _prepare_image(image)
    scale = VISION_SIDE / min(image.size)
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Resampling.LANCZOS)
    encoded = io.BytesIO()
    image.save(encoded, format="PNG", optimize=False)
    kind = "png"
    if encoded.tell() > PNG_BYTES_LIMIT:
        encoded = io.BytesIO()
        image.save(encoded, format="JPEG", quality=JPEG_QUALITY)
        kind = "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(encoded.getvalue()).decode('ascii')}"


def _chat_message(message: _Message) -> dict:
    if message.role == "assistant" or not message.images:
        return {"role": message.role, "content": message.body}
    # Images first, then the text, as the local prompt places them.
    content = [{"type": "image_url", "image_url": {"url": image_data_url(image)}} for image in message.images]
    if message.body:
        content.append({"type": "text", "text": message.body})
    return {"role": message.role, "content": content}


def _message_estimate(message: _Message) -> int:
    return _estimate(message.body) + TOKENS_PER_IMAGE * len(message.images)


def _estimate(text: str) -> int:
    return -(-len(text) // CHARACTERS_PER_TOKEN) + TOKENS_PER_MESSAGE
