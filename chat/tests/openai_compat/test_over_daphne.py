"""The endpoint as tools reach it: the real openai client over HTTP to daphne, the tiny model answering."""

import json
import time

import openai
import pytest

SCRIPT = """
import json, sys
from accounts.api_keys import api_key_create
from accounts.models import User
from allauth.account.models import EmailAddress
user = User.objects.create_user(sys.argv[-1], 'a-long-pass')
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
sys.stdout.write(api_key_create(owner=user, name='Editor plug-in')[1])
"""

ANSWERS = """
import json, sys
from chat.models import Message
rows = Message.objects.filter(session__owner__email=sys.argv[-1], role='assistant').order_by('pk')
sys.stdout.write(json.dumps([[m.status, m.content, m.session.source] for m in rows]))
"""


def person_with_key(server, email: str) -> str:
    return server.manage("shell", "--verbosity=0", "-c", SCRIPT.replace("sys.argv[-1]", repr(email)))


def answers_of(server, email: str) -> list[list[str]]:
    return json.loads(server.manage("shell", "--verbosity=0", "-c", ANSWERS.replace("sys.argv[-1]", repr(email))))


@pytest.fixture(scope="module")
def model_id(daphne_server):
    return str(daphne_server.env["HEALTH_MODEL"])


def test_a_streamed_answer_arrives_in_pieces_and_is_saved_whole(daphne_server, model_id):
    key = person_with_key(daphne_server, "stream@example.com")
    client = openai.OpenAI(api_key=key, base_url=f"{daphne_server.base}/v1", max_retries=0)

    stream = client.chat.completions.create(
        model=model_id, messages=[{"role": "user", "content": "Hello"}], stream=True, max_tokens=40
    )
    pieces = [chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices]

    [[status, saved, source]] = answers_of(daphne_server, "stream@example.com")
    assert (status, source) == ("done", "api")
    assert "".join(pieces) == saved
    assert len([piece for piece in pieces if piece]) > 1


def test_closing_the_stream_stops_the_answer_and_keeps_its_text(daphne_server, model_id):
    key = person_with_key(daphne_server, "stop@example.com")
    client = openai.OpenAI(api_key=key, base_url=f"{daphne_server.base}/v1", max_retries=0)

    stream = client.chat.completions.create(
        model=model_id, messages=[{"role": "user", "content": "Tell me everything"}], stream=True
    )
    received = ""
    for chunk in stream:
        received += chunk.choices[0].delta.content or "" if chunk.choices else ""
        if len(received) > 20:
            break
    stream.close()

    deadline = time.monotonic() + 30
    while (answers := answers_of(daphne_server, "stop@example.com"))[0][0] == "streaming":
        assert time.monotonic() < deadline, daphne_server.log_tail()
        time.sleep(0.3)
    [[status, saved, _]] = answers
    assert status == "cancelled"
    assert saved.startswith(received)
