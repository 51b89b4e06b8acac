"""A socket lives as long as its login, comes only from this site, and answers bad frames without a traceback."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from healthassistant.routing import websocket_application

pytestmark = [pytest.mark.django_db(transaction=True)]


@database_sync_to_async
def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


async def socket(session_id, *, client: Client | None = None, origin="http://localhost", host="localhost"):
    headers = [(b"origin", origin.encode()), (b"host", host.encode())]
    if client is not None:
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    communicator = WebsocketCommunicator(websocket_application, f"/ws/chat/{session_id}/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def closed_with(communicator, timeout=5) -> int | None:
    output = await communicator.receive_output(timeout=timeout)
    assert output["type"] == "websocket.close", output
    return output.get("code")


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://localhost", True),
        ("http://localhost:9999", False),
        ("https://localhost", False),
        ("http://evil.example", False),
        ("null", False),
    ],
)
async def test_the_origin_must_match_scheme_host_and_port(alice, session, origin, allowed):
    _, connected, _ = await socket(session.pk, client=await logged_in(alice), origin=origin)
    assert connected is allowed


async def test_a_host_outside_allowed_hosts_is_refused_even_when_origin_matches(alice, session):
    _, connected, _ = await socket(
        session.pk, client=await logged_in(alice), origin="http://evil.example", host="evil.example"
    )
    assert not connected


async def test_an_origin_listed_in_csrf_trusted_origins_is_accepted_exactly(alice, session, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://health.example.org"]
    _, connected, _ = await socket(session.pk, client=await logged_in(alice), origin="https://health.example.org")
    assert connected
    _, connected, _ = await socket(session.pk, client=await logged_in(alice), origin="https://health.example.org:8443")
    assert not connected


@pytest.mark.parametrize(
    "frame",
    [
        "not json",
        '{"type": "watch", "message_id": 1e400}',
        '{"type": "watch", "message_id": true}',
        "[1, 2]",
        "{" * 5000,
    ],
    ids=["not-json", "huge-float", "boolean", "not-an-object", "deep-nesting"],
)
async def test_a_bad_frame_gets_an_error_frame_and_the_socket_stays(alice, session, frame):
    communicator, connected, _ = await socket(session.pk, client=await logged_in(alice))
    assert connected
    await communicator.send_to(text_data=frame)
    reply = await communicator.receive_json_from(timeout=5)
    assert reply["type"] == "error"
    assert '"type": "watch"' in reply["error"]
    await communicator.send_to(text_data='{"type": "ping"}')
    assert (await communicator.receive_json_from(timeout=5))["type"] == "error"
    await communicator.disconnect()


async def test_logging_out_closes_that_logins_sockets_and_no_other(alice, session):
    leaving, staying = await logged_in(alice), await logged_in(alice)
    left, _, _ = await socket(session.pk, client=leaving)
    kept, _, _ = await socket(session.pk, client=staying)

    await database_sync_to_async(leaving.post)("/accounts/logout/")

    assert await closed_with(left) == 4401
    assert await kept.receive_nothing(timeout=2)
    await kept.disconnect()


async def test_a_password_change_closes_every_old_socket_and_the_changing_browser_reconnects(alice, session, password):
    other, changer = await logged_in(alice), await logged_in(alice)
    old, _, _ = await socket(session.pk, client=other)
    own, _, _ = await socket(session.pk, client=changer)

    response = await database_sync_to_async(changer.post)(
        "/accounts/password/change/",
        {"oldpassword": password, "password1": "a-new-Passw0rd-for-alice", "password2": "a-new-Passw0rd-for-alice"},
    )

    assert response.status_code == 302
    assert await closed_with(old) == 4401
    # Django renews the changing browser's session key, so its old socket goes too; its renewed cookie
    # connects again (static/js/chat.js tries once), while the other login's cookie no longer does.
    assert await closed_with(own) == 4401
    _, reconnected, _ = await socket(session.pk, client=changer)
    assert reconnected
    _, connected, code = await socket(session.pk, client=other)
    assert (connected, code) == (False, 4401)


async def test_deactivation_closes_the_users_sockets(alice, session):
    communicator, _, _ = await socket(session.pk, client=await logged_in(alice))

    alice.is_active = False
    await database_sync_to_async(alice.save)()

    assert await closed_with(communicator, timeout=5) == 4401


async def test_a_watch_on_a_session_that_ended_closes_the_socket(alice, session):
    client = await logged_in(alice)
    communicator, _, _ = await socket(session.pk, client=client)
    await database_sync_to_async(client.session.delete)()  # ended without any signal, e.g. expired

    await communicator.send_json_to({"type": "watch", "message_id": 1})

    assert await closed_with(communicator) == 4401
