"""A request's sampling settings (resolved and checked as the local engine does) as chat completion parameters."""

import json

from chat.inference.sampling import Sampling

# The schema's name in response_format; the server only echoes it.
SCHEMA_NAME = "answer"


def completion_options(sampling: Sampling) -> dict:
    options: dict = {
        "max_tokens": sampling.max_new_tokens,
        "temperature": sampling.temperature,
        "top_p": sampling.top_p,
    }
    if sampling.seed is not None:
        options["seed"] = sampling.seed
    if sampling.stop:
        options["stop"] = list(sampling.stop)
    if sampling.json_schema is not None:
        options["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "schema": json.loads(sampling.json_schema), "strict": True},
        }
    return options
