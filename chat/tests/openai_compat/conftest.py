import base64
import io

import httpx
import openai
import pytest
from django.core.asgi import get_asgi_application
from PIL import Image

from accounts.api_keys import api_key_create
from chat.generation.model_status import model_status_publish

MODEL = "google/medgemma-4b-it"


@pytest.fixture
def model_ready(settings):
    settings.HEALTH_MODEL = MODEL
    settings.HEALTH_ENGINE = "local"
    model_status_publish(state="ready", model_name="tiny-test")


@pytest.fixture
def alice_key(alice) -> str:
    return api_key_create(owner=alice, name="Shortcuts")[1]


@pytest.fixture
def bob_key(bob) -> str:
    return api_key_create(owner=bob, name="Bob's laptop")[1]


@pytest.fixture
def forgetful_key(alice) -> str:
    """A key whose chats are kept nowhere."""
    return api_key_create(owner=alice, name="Throwaway", keep_history=False)[1]


def client_for(key: str) -> openai.AsyncOpenAI:
    """The real openai client, on Django's real ASGI application in this process (the worker runs here too)."""
    transport = httpx.ASGITransport(app=get_asgi_application())
    return openai.AsyncOpenAI(
        api_key=key,
        base_url="http://testserver/v1",
        max_retries=0,
        http_client=httpx.AsyncClient(transport=transport, base_url="http://testserver"),
    )


def png_data_url(size=(64, 48), color=(200, 80, 80)) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
