"""Reading a chat completion request: OpenAI's body, checked, as our terms (turns, instructions, settings).

Everything a person could get wrong is a 400 whose message says what to send instead, with the
offending field as `param`, as OpenAI does. Settings that change what is generated and can't be
honoured here (several choices, tools, log probabilities, JSON modes) are refused, never ignored;
those that only tune a server (user, metadata, store, penalties and the like) are accepted and ignored.
"""

from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings

from chat.inference.sampling import MAX_STOP_LENGTH, MAX_STOP_STRINGS, MAX_TEMPERATURE
from chat.openai_compat.errors import OpenAIError, invalid
from chat.openai_compat.images import DataImage, data_image

MAX_MESSAGES = 500
# Earlier turns may quote long answers; the question itself is bounded by chat.services.
MAX_TURN_CHARACTERS = 200_000
MAX_SEED = 2**63 - 1
_INSTRUCTION_ROLES = ("system", "developer")
_REFUSED_UNLESS_EMPTY = {
    "tools": "Tools (function calling) are not supported by this model.",
    "functions": "Functions (function calling) are not supported by this model.",
}


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    text: str
    images: tuple[DataImage, ...] = ()


@dataclass(frozen=True)
class CompletionRequest:
    model: str
    # The tool's system and developer messages, in order: the model gets them after our own system prompt.
    instructions: str
    # The conversation before the question, as the tool sends it back each time.
    history: tuple[Turn, ...]
    question: Turn
    stream: bool = False
    include_usage: bool = False
    # The answer's own settings, in chat.generation.conversation's names.
    generation: dict = field(default_factory=dict)

    @property
    def image_count(self) -> int:
        return sum(len(turn.images) for turn in (*self.history, self.question))


def completion_request(body: object, *, model_id: str) -> CompletionRequest:
    if not isinstance(body, dict):
        raise invalid("The body must be a JSON object, as POST /v1/chat/completions takes it.")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise invalid(f'Name the model: "model": "{model_id}" (GET /v1/models lists it).', param="model")
    if model != model_id:
        raise OpenAIError(
            404,
            f"The model '{model[:100]}' does not exist here. Use '{model_id}' (GET /v1/models lists it).",
            code="model_not_found",
            param="model",
        )
    _refuse_unsupported(body)
    instructions, turns = _conversation(body.get("messages"))
    request = CompletionRequest(
        model=model,
        instructions=instructions,
        history=turns[:-1],
        question=turns[-1],
        stream=_boolean(body, "stream"),
        include_usage=_include_usage(body),
        generation=_generation(body),
    )
    if request.image_count > settings.OPENAI_MAX_IMAGES:
        raise invalid(
            f"This conversation has {request.image_count} images; the limit is {settings.OPENAI_MAX_IMAGES}. "
            "Send fewer images.",
            param="messages",
            code="too_many_images",
        )
    return request


def _refuse_unsupported(body: dict) -> None:
    for name, message in _REFUSED_UNLESS_EMPTY.items():
        if body.get(name):
            raise invalid(f'{message} Leave out "{name}".', param=name, code="unsupported_parameter")
    if body.get("n") not in (None, 1):
        raise invalid('Only one choice is generated per request: leave out "n" or set it to 1.', param="n")
    if body.get("logprobs") or body.get("top_logprobs"):
        raise invalid('Log probabilities are not available here: leave out "logprobs".', param="logprobs")
    response_format = body.get("response_format")
    if response_format not in (None, {"type": "text"}):
        raise invalid(
            'Only plain text answers are supported: leave out "response_format" or set it to {"type": "text"}.',
            param="response_format",
            code="unsupported_parameter",
        )


def _conversation(messages: object) -> tuple[str, tuple[Turn, ...]]:
    if not isinstance(messages, list) or not messages:
        raise invalid('Send "messages": a list of {"role", "content"} ending with the user\'s.', param="messages")
    if len(messages) > MAX_MESSAGES:
        raise invalid(f"Send at most {MAX_MESSAGES} messages; this request has {len(messages)}.", param="messages")
    instructions: list[str] = []
    turns: list[Turn] = []
    for index, message in enumerate(messages):
        param = f"messages[{index}]"
        if not isinstance(message, dict):
            raise invalid('Each message must be an object with "role" and "content".', param=param)
        role = message.get("role")
        if role in _INSTRUCTION_ROLES:
            text, images = _content(message.get("content"), param=f"{param}.content", images_allowed=False)
            instructions.append(text)
        elif role in ("user", "assistant"):
            text, images = _content(message.get("content"), param=f"{param}.content", images_allowed=role == "user")
            turns.append(Turn(role=role, text=text, images=images))
        elif role in ("tool", "function"):
            raise invalid("Tool results are not supported: this model does not call tools.", param=f"{param}.role")
        else:
            raise invalid("A message's role is one of system, developer, user or assistant.", param=f"{param}.role")
    if not turns or turns[-1].role != "user":
        raise invalid('The last message must be the user\'s (role "user"): it is the question.', param="messages")
    return "\n\n".join(text for text in instructions if text.strip()), tuple(turns)


def _content(content: object, *, param: str, images_allowed: bool) -> tuple[str, tuple[DataImage, ...]]:
    if isinstance(content, str):
        return _bounded(content, param=param), ()
    if not isinstance(content, list):
        raise invalid("A message's content is a string, or a list of text and image_url parts.", param=param)
    texts: list[str] = []
    images: list[DataImage] = []
    for index, part in enumerate(content):
        part_param = f"{param}[{index}]"
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "text" and isinstance(part.get("text"), str):
            texts.append(part["text"])
        elif kind == "image_url":
            if not images_allowed:
                raise invalid("Only the user's messages can carry images.", param=part_param)
            images.append(data_image(part.get("image_url"), param=f"{part_param}.image_url"))
        else:
            raise invalid(
                'A content part is {"type": "text", "text": ...} or {"type": "image_url", "image_url": '
                '{"url": "data:image/png;base64,..."}}; audio and files are not supported.',
                param=part_param,
            )
    return _bounded("\n\n".join(texts), param=param), tuple(images)


def _bounded(text: str, *, param: str) -> str:
    if len(text) > MAX_TURN_CHARACTERS:
        raise invalid(f"A message may hold at most {MAX_TURN_CHARACTERS:,} characters.", param=param)
    if "\x00" in text:
        raise invalid("A message can't contain NUL characters.", param=param)
    return text


def _generation(body: dict) -> dict:
    generation: dict = {}
    limit = settings.HEALTH_MAX_NEW_TOKENS_LIMIT
    for name in ("max_completion_tokens", "max_tokens"):
        if body.get(name) is not None:
            generation["max_new_tokens"] = _number(body, name, minimum=1, maximum=limit, integer=True)
            break
    if body.get("temperature") is not None:
        generation["temperature"] = _number(body, "temperature", minimum=0.0, maximum=MAX_TEMPERATURE)
    if body.get("top_p") is not None:
        generation["top_p"] = _number(body, "top_p", minimum=0.0, maximum=1.0)
    if body.get("seed") is not None:
        generation["seed"] = _number(body, "seed", minimum=0, maximum=MAX_SEED, integer=True)
    stop = body.get("stop")
    if stop is not None:
        generation["stop"] = _stop(stop)
    return generation


def _number(body: dict, name: str, *, minimum: float, maximum: float, integer: bool = False) -> float | int:
    value = body[name]
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not minimum <= value <= maximum:
        kind = "a whole number" if integer else "a number"
        raise invalid(f'"{name}" must be {kind} from {minimum:g} to {maximum:g}.', param=name)
    return value


def _stop(stop: object) -> list[str]:
    strings = [stop] if isinstance(stop, str) else stop
    fits = isinstance(strings, list) and len(strings) <= MAX_STOP_STRINGS
    if not fits or not all(isinstance(text, str) and 0 < len(text) <= MAX_STOP_LENGTH for text in strings):
        raise invalid(
            f'"stop" is a string or a list of up to {MAX_STOP_STRINGS} strings of 1 to {MAX_STOP_LENGTH} characters.',
            param="stop",
        )
    return list(strings)


def _boolean(body: dict, name: str) -> bool:
    value = body.get(name)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise invalid(f'"{name}" must be true or false.', param=name)
    return value


def _include_usage(body: dict) -> bool:
    options = body.get("stream_options")
    if options is None:
        return False
    if not isinstance(options, dict):
        raise invalid('"stream_options" must be an object, such as {"include_usage": true}.', param="stream_options")
    if not body.get("stream"):
        raise invalid('"stream_options" goes with "stream": true.', param="stream_options")
    return _boolean(options, "include_usage")
