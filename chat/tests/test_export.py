"""The export: one ZIP with every chat, message and file of its owner, byte for byte, and nobody else's."""

import io
import json
import zipfile

import pytest
from asgiref.sync import async_to_sync
from rest_framework.test import APIClient

from accounts.api_keys import api_key_create, api_key_revoke
from accounts.health_profile import health_profile_update
from accounts.models import AuditEvent
from chat import services
from chat.generation.records import RecordPassage, RecordsContext
from chat.models import Message
from uploads.tests.helpers import dicom_bytes, image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

EXPORT_PAGE = "/account/export/"
EXPORT_API = "/api/v1/me/export/"


@pytest.fixture
def alices_records(alice, bob, make_upload, sent_jobs):
    files = {
        "scan.png": image_bytes(),
        "report.pdf": pdf_bytes("minimal-document.pdf"),
        "ct.dcm": dicom_bytes("CT_small.dcm"),
    }
    uploads = [make_upload(name=name, content=content) for name, content in files.items()]
    session, _, answer = services.session_start(owner=alice, content="What does my report say?", uploads=uploads[:2])
    report = RecordPassage(n=1, upload_id=str(uploads[1].pk), name="report.pdf", page=1, text="All is well.")
    services.answer_sources_save(message_id=answer.pk, records=RecordsContext(passages=(report,), pages_left_out=2))
    services.answer_finish(message_id=answer.pk, content="It says *all is well*. ✓", seq=1, status=Message.Status.DONE)
    _, second = services.message_send(session=session, content="And the CT?", uploads=uploads[2:])
    services.answer_finish(message_id=second.pk, content="", seq=0, status=Message.Status.FAILED, error="No model.")
    services.session_start(owner=alice, content="Unrelated: is 38.2 a fever?")
    services.session_start(owner=bob, content="Bob's own question")
    messages = list(Message.objects.filter(session__owner=alice).order_by("pk"))
    return {"files": files, "uploads": uploads, "messages": messages}


def body(response) -> bytes:
    """The streamed ZIP, read as daphne would send it: chunk by chunk from the async stream."""

    async def collect() -> bytes:
        return b"".join([chunk async for chunk in response.streaming_content])

    return async_to_sync(collect)()


def read_zip(response) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    assert archive.testzip() is None
    return archive


def test_the_export_round_trips_every_message_and_file(alice_client, alice, alices_records):
    response = alice_client.get(EXPORT_PAGE)
    archive = read_zip(response)

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="health-assistant-export-')
    data = json.loads(archive.read("export.json"))
    assert (data["format"], data["version"]) == ("ai-health-assistant-export", 1)
    assert data["profile"]["email"] == "alice@example.com"
    assert data["profile"]["country"] == ""
    exported = [message for chat in data["chats"] for message in chat["messages"]]
    assert [(m["id"], m["role"], m["content"], m["error"]) for m in exported] == [
        (m.pk, m.role, m.content, m.error) for m in alices_records["messages"]
    ]
    assert len(data["chats"]) == 2
    first_answer = exported[1]
    assert first_answer["sources"] == [
        {"n": 1, "file": str(alices_records["uploads"][1].pk), "page": 1, "snippet": "All is well."}
    ]
    assert first_answer["sources_left_out"] == 2
    for file in data["files"]:
        assert archive.read(file["path"]) == alices_records["files"][file["name"]]
    assert {file["name"] for file in data["files"]} == set(alices_records["files"])
    markdown = [name for name in archive.namelist() if name.startswith("chats/")]
    assert len(markdown) == 2
    first = archive.read(markdown[0]).decode()
    assert "# What does my report say?" in first and "It says *all is well*. ✓" in first and "No model." in first


def test_the_health_profile_is_in_it_and_null_until_saved(alice_client, alice, bob, alices_records):
    health_profile_update(user=bob, allergies="Bob's own allergy")
    assert json.loads(read_zip(alice_client.get(EXPORT_PAGE)).read("export.json"))["health_profile"] is None

    health_profile_update(user=alice, age=54, medications="Metformin 500 mg", enabled=False)
    exported = json.loads(read_zip(alice_client.get(EXPORT_PAGE)).read("export.json"))["health_profile"]

    assert exported.pop("updated_at").startswith(str(alice.health_profile.updated_at.year))
    assert exported == {
        "age": 54,
        "sex": "",
        "conditions": "",
        "medications": "Metformin 500 mg",
        "allergies": "",
        "notes": "",
        "enabled": False,
    }


def test_it_lists_the_api_keys_without_the_keys_or_their_digests(alice_client, alice, bob, alices_records):
    kept, raw = api_key_create(owner=alice, name="Open WebUI", keep_history=False)
    api_key_revoke(api_key=api_key_create(owner=alice, name="Old laptop")[0])
    api_key_create(owner=bob, name="Bob's script")

    archive = read_zip(alice_client.get(EXPORT_PAGE))

    exported = json.loads(archive.read("export.json"))["api_keys"]
    assert exported == [
        {
            "id": kept.pk,
            "name": "Open WebUI",
            "prefix": raw[:10],
            "created_at": kept.created_at.isoformat(),
            "last_used_at": None,
            "expires_at": None,
            "keep_history": False,
        }
    ]
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert raw.encode() not in everything and kept.digest.encode() not in everything


def test_nothing_of_anyone_else_is_in_it(alice_client, alices_records):
    archive = read_zip(alice_client.get(EXPORT_PAGE))

    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Bob's own question" not in everything and b"bob@example.com" not in everything


def test_the_export_is_in_the_audit_trail_and_the_audit_trail_in_the_export(alice_client, alice, alices_records):
    body(alice_client.get(EXPORT_PAGE))
    archive = read_zip(alice_client.get(EXPORT_PAGE))

    assert AuditEvent.objects.filter(actor=alice, action="export").count() == 2
    assert "export" in [event["action"] for event in json.loads(archive.read("export.json"))["audit"]]


def test_the_api_exports_too_and_it_is_throttled(alice_api, alice, alices_records, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "exports": "1/hour"},
    }
    first = alice_api.get(EXPORT_API)
    archive = read_zip(first)
    second = alice_api.get(EXPORT_API)

    assert json.loads(archive.read("export.json"))["profile"]["email"] == "alice@example.com"
    assert second.status_code == 429
    assert int(second["Retry-After"]) > 0


def test_the_page_is_throttled_with_a_clear_message(alice_client, alices_records, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "exports": "1/hour"},
    }
    body(alice_client.get(EXPORT_PAGE))

    response = alice_client.get(EXPORT_PAGE)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "You downloaded your data very recently" in response.content.decode()


def test_exporting_needs_a_login(client):
    assert client.get(EXPORT_PAGE).status_code == 302
    assert APIClient().get(EXPORT_API).status_code == 401
