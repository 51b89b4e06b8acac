"""Changes in one tab reach the person's other tabs over the chat WebSocket: kinds and ids, nobody else's."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.urls import reverse

from chat import services
from chat.errors import AnswerInProgress
from chat.models import Message
from chat.socket_sessions import user_group
from chat.tests.async_helpers import connect_socket

pytestmark = [pytest.mark.django_db(transaction=True)]


def change(kind: str, session, origin: str = "") -> dict:
    return {"type": "change", "kind": kind, "session_id": str(session.pk), "origin": origin}


def answered(session, content: str) -> tuple[Message, Message]:
    question, answer = services.message_send(session=session, content=content)
    services.answer_finish(message_id=answer.pk, content="An answer.", seq=1, status=Message.Status.DONE)
    return question, answer


async def test_a_question_reaches_every_socket_of_its_person_and_none_of_bobs(
    alice, bob, session, bob_session, sent_jobs
):
    first, _, _ = await connect_socket(alice, session.pk)
    second, _, _ = await connect_socket(alice, session.pk)
    bobs, connected, _ = await connect_socket(bob, bob_session.pk)
    assert connected
    await database_sync_to_async(services.message_send)(session=session, content="Is an LDL of 160 high?")
    assert await first.receive_json_from(timeout=5) == change("messages", session)
    assert await second.receive_json_from(timeout=5) == change("messages", session)
    assert await bobs.receive_nothing(timeout=1)
    for communicator in (first, second, bobs):
        await communicator.disconnect()


async def test_bobs_changes_never_reach_alice(alice, bob, session, bob_session, sent_jobs):
    alices, _, _ = await connect_socket(alice, session.pk)
    await database_sync_to_async(services.message_send)(session=bob_session, content="My knee hurts.")
    await database_sync_to_async(services.session_update)(session=bob_session, title="Knee")
    await database_sync_to_async(services.session_delete)(session=bob_session)
    assert await alices.receive_nothing(timeout=1)
    await alices.disconnect()


async def test_edits_and_version_switches_announce_the_messages_changed(alice, session, sent_jobs):
    question, _ = await database_sync_to_async(answered)(session, "Is an LDL of 160 high?")
    communicator, _, _ = await connect_socket(alice, session.pk)

    @database_sync_to_async
    def edit_and_finish():
        _, answer = services.message_edit(question=question, content="Is an LDL of 130 high?")
        services.answer_finish(message_id=answer.pk, content="An answer.", seq=1, status=Message.Status.DONE)

    await edit_and_finish()
    assert await communicator.receive_json_from(timeout=5) == change("messages", session)
    await database_sync_to_async(services.message_version_select)(message=question)
    assert await communicator.receive_json_from(timeout=5) == change("messages", session)
    # Choosing the version already shown changes nothing, and says nothing.
    await database_sync_to_async(services.message_version_select)(message=question)
    assert await communicator.receive_nothing(timeout=1)
    await communicator.disconnect()


async def test_renames_pins_archives_and_deletes_are_announced(alice, session, bob, bob_session):
    communicator, _, _ = await connect_socket(alice, session.pk)
    update = database_sync_to_async(services.session_update)
    await update(session=session, title="LDL")
    await update(session=session, pinned=True)
    await update(session=session, archived=True)
    for _ in range(3):
        assert await communicator.receive_json_from(timeout=5) == change("chat", session)
    # "Use my records" is a setting of the chat on screen, not of the sidebar: nothing to bring up to date.
    await update(session=session, use_records=False)
    assert await communicator.receive_nothing(timeout=1)
    expected = change("deleted", session)
    await database_sync_to_async(services.session_delete)(session=session)
    assert await communicator.receive_json_from(timeout=5) == expected
    await communicator.disconnect()


async def test_nothing_is_announced_when_the_change_is_refused(alice, session, sent_jobs):
    await database_sync_to_async(services.message_send)(session=session, content="Is an LDL of 160 high?")
    communicator, _, _ = await connect_socket(alice, session.pk)
    with pytest.raises(AnswerInProgress):
        await database_sync_to_async(services.message_send)(session=session, content="And an HDL of 40?")
    assert await communicator.receive_nothing(timeout=1)
    await communicator.disconnect()


def listen(user) -> str:
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group(user.pk), channel)
    return channel


def heard_nothing(channel: str) -> bool:
    async def wait() -> bool:
        try:
            await asyncio.wait_for(get_channel_layer().receive(channel), timeout=1)
        except TimeoutError:
            return True
        return False

    return async_to_sync(wait)()


def test_a_change_names_the_tab_it_came_from_so_that_tab_skips_it(alice_client, alice, session):
    channel = listen(alice)
    url = reverse("chat:session-update", args=[session.pk])
    alice_client.post(url, {"title": "LDL"}, HTTP_X_TAB_ID="3f2a-tab", HTTP_HX_REQUEST="true")
    event = async_to_sync(get_channel_layer().receive)(channel)
    assert event == {"type": "tabs.change", "kind": "chat", "session_id": str(session.pk), "origin": "3f2a-tab"}
    # Anything but a short id is no tab's: every tab applies the change.
    alice_client.post(url, {"title": "HDL"}, HTTP_X_TAB_ID="<script>" * 20)
    assert async_to_sync(get_channel_layer().receive)(channel)["origin"] == ""


def test_bobs_change_through_the_pages_reaches_only_bob(bob_client, alice, bob, bob_session, session):
    alices, bobs = listen(alice), listen(bob)
    response = bob_client.post(reverse("chat:session-update", args=[session.pk]), {"title": "Mine now"})
    assert response.status_code == 404
    bob_client.post(reverse("chat:session-delete", args=[bob_session.pk]))
    assert async_to_sync(get_channel_layer().receive)(bobs)["kind"] == "deleted"
    assert heard_nothing(alices)
