"""Reading OpenAI's request body: what is taken, what is refused (with its param), and nothing else."""

import base64

import pytest

from chat.openai_compat.errors import OpenAIError
from chat.openai_compat.request import completion_request

MODEL = "medgemma"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 32).decode()


def parsed(**body):
    return completion_request({"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], **body}, model_id=MODEL)


def refusal(body) -> OpenAIError:
    with pytest.raises(OpenAIError) as raised:
        completion_request(body, model_id=MODEL)
    return raised.value


def test_system_and_developer_messages_become_instructions_and_the_last_user_turn_the_question():
    request = completion_request(
        {
            "model": MODEL,
            "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "What is TSH?"},
                {"role": "assistant", "content": [{"type": "text", "text": "A hormone."}]},
                {"role": "developer", "content": "Use metric units."},
                {"role": "user", "content": [{"type": "text", "text": "Is 6.1"}, {"type": "text", "text": "high?"}]},
            ],
        },
        model_id=MODEL,
    )
    assert request.instructions == "Be brief.\n\nUse metric units."
    assert [(turn.role, turn.text) for turn in request.history] == [
        ("user", "What is TSH?"),
        ("assistant", "A hormone."),
    ]
    assert request.question.text == "Is 6.1\n\nhigh?"


def test_settings_are_taken_in_the_engines_terms():
    request = parsed(max_completion_tokens=50, max_tokens=9, temperature=0.5, top_p=0.9, seed=3, stop="\n\n")
    assert request.generation == {"max_new_tokens": 50, "temperature": 0.5, "top_p": 0.9, "seed": 3, "stop": ["\n\n"]}
    assert parsed(stream=True, stream_options={"include_usage": True}).include_usage
    assert parsed().generation == {}


def test_server_tuning_it_cant_honour_is_ignored_not_refused():
    assert parsed(user="u-1", presence_penalty=0.5, frequency_penalty=0.1, store=False, n=1).generation == {}


def test_an_image_arrives_as_bytes_with_its_declared_type():
    content = [{"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}", "detail": "high"}}]
    request = completion_request({"model": MODEL, "messages": [{"role": "user", "content": content}]}, model_id=MODEL)
    [image] = request.question.images
    assert image.content.startswith(b"\x89PNG") and image.content_type == "image/png"
    assert request.image_count == 1


@pytest.mark.parametrize(
    ("body", "status", "param"),
    [
        ([], 400, None),
        ({"messages": [{"role": "user", "content": "Hi"}]}, 400, "model"),
        ({"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}]}, 404, "model"),
        ({"model": MODEL, "messages": "Hi"}, 400, "messages"),
        ({"model": MODEL, "messages": [{"role": "system", "content": "Be brief."}]}, 400, "messages"),
        ({"model": MODEL, "messages": [{"role": "tool", "content": "42"}]}, 400, "messages[0].role"),
        ({"model": MODEL, "messages": [{"role": "user", "content": 7}]}, 400, "messages[0].content"),
        ({"model": MODEL, "messages": [{"role": "user", "content": "a\x00b"}]}, 400, "messages[0].content"),
        (
            {"model": MODEL, "messages": [{"role": "user", "content": [{"type": "input_audio"}]}]},
            400,
            "messages[0].content[0]",
        ),
        (
            {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "tools": [{"type": "function"}]},
            400,
            "tools",
        ),
        ({"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "logprobs": True}, 400, "logprobs"),
        (
            {
                "model": MODEL,
                "messages": [{"role": "user", "content": "Hi"}],
                "response_format": {"type": "json_object"},
            },
            400,
            "response_format",
        ),
        ({"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "seed": -1}, 400, "seed"),
        ({"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": True}, 400, "max_tokens"),
        ({"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "top_p": 1.5}, 400, "top_p"),
        ({"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "stream": "yes"}, 400, "stream"),
        (
            {
                "model": MODEL,
                "messages": [{"role": "user", "content": "Hi"}],
                "stream_options": {"include_usage": True},
            },
            400,
            "stream_options",
        ),
    ],
)
def test_what_cant_be_answered_is_refused_with_the_field_to_fix(body, status, param):
    error = refusal(body)
    assert (error.status, error.param) == (status, param)
    assert error.body["error"]["message"]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://example.com/rash.png", "image_url_not_supported"),
        ("file:///etc/passwd", None),
        ("data:image/png;base64,@@@", None),
        ("data:image/png,rawbytes", None),
    ],
)
def test_images_by_url_are_never_fetched_and_bad_data_urls_are_refused(url, code):
    content = [{"type": "image_url", "image_url": {"url": url}}]
    error = refusal({"model": MODEL, "messages": [{"role": "user", "content": content}]})
    assert (error.status, error.code) == (400, code)
    assert error.param == "messages[0].content[0].image_url"


def test_images_are_refused_in_assistant_and_system_messages():
    image = {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}}
    for role in ("assistant", "system"):
        messages = [{"role": role, "content": [image]}, {"role": "user", "content": "Hi"}]
        assert refusal({"model": MODEL, "messages": messages}).status == 400


def test_too_large_and_too_many_images_are_refused_before_anything_is_stored(settings):
    settings.UPLOAD_MAX_BYTES = 10
    content = [{"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}}]
    assert refusal({"model": MODEL, "messages": [{"role": "user", "content": content}]}).code == "image_too_large"
    settings.UPLOAD_MAX_BYTES = 10_000
    settings.OPENAI_MAX_IMAGES = 1
    error = refusal({"model": MODEL, "messages": [{"role": "user", "content": content * 2}]})
    assert error.code == "too_many_images"
