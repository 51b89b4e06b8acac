"""Which chat a request continues. OpenAI clients hold the conversation and send all of it each time;
we keep each conversation as one chat, not one chat per request.

When an answer ends, its chat remembers a keyed digest of the conversation as the client will send
it back: its instructions, then every turn (role, text, and the SHA-256 of each image), the answer
included. A request whose turns before the question have that digest continues the chat. The digest
is an HMAC under the server's secret, so it reveals nothing of the content it stands for.
"""

import json
from collections.abc import Iterable

from django.utils.crypto import salted_hmac

from chat.openai_compat.request import Turn

_SALT = "chat.openai_compat.threads"


def thread_digest(*, instructions: str, turns: Iterable[Turn]) -> str:
    turns = [[turn.role, turn.text.strip(), [image.sha256 for image in turn.images]] for turn in turns]
    canonical = [instructions.strip(), turns]
    return salted_hmac(_SALT, json.dumps(canonical, ensure_ascii=False), algorithm="sha256").hexdigest()
