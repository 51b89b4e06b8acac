"""What each upstream failure tells the person, and whether it is tried again."""

import httpx
import openai
import pytest

from chat.inference.remote.failures import classify, what_happened

URL = "http://gpu-host:8001/v1"


def status_error(status: int, message: str) -> openai.APIStatusError:
    response = httpx.Response(status, request=httpx.Request("POST", f"{URL}/chat/completions"))
    error_class = {401: openai.AuthenticationError, 404: openai.NotFoundError, 429: openai.RateLimitError}.get(
        status, openai.InternalServerError if status >= 500 else openai.BadRequestError
    )
    return error_class(message, response=response, body={"error": {"message": message}})


def failure(error):
    return classify(error, url=URL, model="google/medgemma-4b-it")


def test_an_unreachable_server_is_named_and_worth_another_try():
    result = failure(openai.APIConnectionError(request=httpx.Request("POST", URL)))
    assert result.retryable and result.server_down
    assert URL in result.message


@pytest.mark.parametrize("status", [429, 500, 503])
def test_overload_and_server_failures_are_tried_again(status):
    assert failure(status_error(status, "busy")).retryable


def test_a_refused_key_names_the_setting_and_is_not_retried():
    result = failure(status_error(401, "bad key"))
    assert "HEALTH_ENGINE_API_KEY" in result.message and not result.retryable


def test_a_missing_model_names_both_settings():
    result = failure(status_error(404, "no such model"))
    assert "HEALTH_ENGINE_MODEL" in result.message and "HEALTH_ENGINE_URL" in result.message


def test_a_context_refusal_asks_for_a_shorter_conversation():
    assert failure(status_error(400, "This model's maximum context length is 8192 tokens.")).context_exceeded


def test_too_many_images_says_what_to_do():
    result = failure(status_error(400, "At most 4 image(s) may be provided in one prompt."))
    assert "new chat" in result.message and "--limit-mm-per-prompt" in result.message


def test_other_refusals_never_quote_the_server_s_message():
    result = failure(status_error(400, "Your text: I have a rash on my ..."))
    assert "rash" not in result.message and "HTTP 400" in result.message


def test_logs_get_the_kind_and_status_only():
    assert what_happened(status_error(400, "Your text: I have a rash")) == "BadRequestError (HTTP 400)"
