"""The socket of a page with no chat on screen (a new chat): the person's other tabs' changes, nobody else's."""

import pytest
from channels.db import database_sync_to_async

from chat import services
from chat.consumers import CLOSE_UNAUTHENTICATED
from chat.tests.async_helpers import connect_path

pytestmark = [pytest.mark.django_db(transaction=True)]

TABS = "/ws/tabs/"


async def test_a_signed_out_socket_is_refused():
    _, connected, code = await connect_path(None, TABS)
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


async def test_it_hears_the_persons_new_chats_and_renames_and_none_of_bobs(alice, bob, session, bob_session, sent_jobs):
    alices, connected, _ = await connect_path(alice, TABS)
    bobs, _, _ = await connect_path(bob, TABS)
    assert connected
    await database_sync_to_async(services.message_send)(session=session, content="What is a normal TSH?")
    await database_sync_to_async(services.session_update)(session=session, title="Thyroid")
    for kind in ("messages", "chat"):
        assert await alices.receive_json_from(timeout=5) == {
            "type": "change",
            "kind": kind,
            "session_id": str(session.pk),
            "origin": "",
        }
    assert await bobs.receive_nothing(timeout=1)
    await database_sync_to_async(services.session_delete)(session=bob_session)
    assert (await bobs.receive_json_from(timeout=5))["kind"] == "deleted"
    assert await alices.receive_nothing(timeout=1)
    for communicator in (alices, bobs):
        await communicator.disconnect()


async def test_it_takes_no_requests(alice):
    communicator, _, _ = await connect_path(alice, TABS)
    await communicator.send_json_to({"type": "watch", "message_id": 1})
    reply = await communicator.receive_json_from(timeout=5)
    assert reply["type"] == "error" and "only tells of changes" in reply["error"]
    await communicator.disconnect()
