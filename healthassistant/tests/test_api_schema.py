"""The API's OpenAPI schema is valid, its docs are self-hosted, and the API keeps to it under fuzzing."""

import pytest
import schemathesis
from asgiref.sync import sync_to_async
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework_simplejwt.tokens import AccessToken
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from chat import services
from chat.generation.model_status import model_status_publish
from chat.models import Message
from chat.selectors import message_get_for_user

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/auth/token/refresh/": {"post"},
    "/api/v1/auth/token/blacklist/": {"post"},
    "/api/v1/me/": {"get", "patch", "delete"},
    "/api/v1/me/audit/": {"get"},
    "/api/v1/me/profile/": {"get", "put", "patch"},
    "/api/v1/me/keys/": {"get", "post"},
    "/api/v1/me/keys/{key_id}/": {"delete"},
    "/api/v1/me/export/": {"get"},
    "/api/v1/sessions/": {"get", "post"},
    "/api/v1/sessions/{session_id}/": {"get", "patch", "delete"},
    "/api/v1/sessions/{session_id}/messages/": {"get", "post"},
    "/api/v1/sessions/{session_id}/regenerate/": {"post"},
    "/api/v1/messages/{message_id}/": {"get"},
    "/api/v1/messages/{message_id}/stream/": {"get"},
    "/api/v1/messages/{message_id}/cancel/": {"post"},
    "/api/v1/messages/{message_id}/edit/": {"post"},
    "/api/v1/messages/{message_id}/select/": {"post"},
    "/api/v1/uploads/": {"get", "post"},
    "/api/v1/uploads/{upload_id}/": {"get", "patch", "delete"},
    "/api/v1/uploads/{upload_id}/content/": {"get"},
    "/api/v1/sessions/{session_id}/export/": {"get"},
    "/api/v1/me/appointment-summary/": {"get"},
    "/api/v1/labs/": {"get"},
    "/api/v1/labs/{analyte}/": {"get"},
    "/api/v1/labs/results/{result_id}/": {"get", "patch", "delete"},
}


def test_the_schema_is_valid_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


def test_the_schema_documents_every_endpoint_and_the_error_shape():
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    assert schema["openapi"].startswith("3.")
    assert {path: set(item) - {"parameters"} for path, item in schema["paths"].items()} == ENDPOINTS
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            error = operation["responses"]["429"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}, (method, path)
    assert schema["components"]["securitySchemes"]["jwtAuth"]["scheme"] == "bearer"


def test_the_docs_are_swagger_ui_from_vendored_files_with_no_inline_script_or_style():
    client = APIClient()
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs"):
        assert cdn not in html
    # The Content-Security-Policy allows neither: the start-up script is a file of its own.
    assert "<script>" not in html
    assert "<style" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


# Fuzzing: every operation of the schema (schemathesis' positive and negative cases), called
# in-process through the WSGI application with alice's token. Left out: the SSE stream, whose
# body never ends while an answer streams, so a fuzzer can't read it. ?wait=true is fuzzed for its
# parameters only: the wait returns at once here (test_api_messages covers a real wait).
# Not checked: positive_data_acceptance, which expects a 2xx for any request the schema allows;
# the schema can't say "a readable PDF" or "no answer in progress", and those get a clear 4xx.
# (schemathesis.pytest.from_fixture does not work with pytest 9, hence the explicit loop.)

FUZZED = sorted(
    f"{method.upper()} {path}"
    for path, methods in ENDPOINTS.items()
    for method in methods
    if not path.endswith("/stream/")
)


@pytest.fixture
def api_schema(alice, monkeypatch):
    # As Django's test client does: a request must not close the connection that holds the test's
    # transaction (on PostgreSQL it would really close; SQLite's in-memory database ignores it).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield _schema(alice, monkeypatch)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _schema(alice, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "100000/min")
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "100000/min")
    monkeypatch.setattr("chat.generation.protocol.job_start_generation", lambda *, message_id: None)
    monkeypatch.setattr("chat.generation.protocol.job_cancel_generation", lambda *, message_id: None)
    monkeypatch.setattr("chat.api.views.answer_wait", _answer_as_it_stands)
    model_status_publish(state="ready", model_name="tiny-test")
    # Something to find: a chat with an exchange, so fuzzed ids sometimes hit real objects.
    session = services.session_create(owner=alice, title="Cholesterol results")
    Message.objects.create(session=session, role=Message.Role.USER, content="Is an LDL of 160 high?")
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


def _negates(component) -> bool:
    return component is not None and component.mode.is_negative


@sync_to_async
def _answer_as_it_stands(*, user, message_id, timeout):
    return message_get_for_user(user=user, message_id=message_id)


@pytest.mark.parametrize("label", FUZZED)
def test_the_api_keeps_to_its_schema(api_schema, alice, label):
    operation = api_schema.find_operation_by_label(label)
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)
    headers = {"Authorization": f"Bearer {AccessToken.for_user(alice)}"}

    @given(case=strategy)
    @settings(
        max_examples=20,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def call_and_validate(case):
        # A case that negates the headers means to go without a valid Authorization: our token would
        # undo that, and the check would then fault the API for accepting what it never received.
        negated = case.meta is not None and _negates(case.meta.components.get(ParameterLocation.HEADER))
        case.call_and_validate(headers=None if negated else headers, excluded_checks=[positive_data_acceptance])

    call_and_validate()
