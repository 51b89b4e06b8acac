"""The access log of the real daphne, started as `make run` starts it: paths, never query strings."""

import time

import httpx

from healthassistant.access_log import log_action


def test_daphnes_access_log_has_paths_statuses_and_durations_but_no_query(daphne_server):
    httpx.get(f"{daphne_server.base}/healthz?q=HIV-secret-term")
    httpx.get(f"{daphne_server.base}/chat/sidebar/?q=HIV-secret-term", follow_redirects=True)
    time.sleep(0.5)

    log = daphne_server.log_tail(20_000)

    assert "HIV-secret-term" not in log
    assert "healthassistant.access GET /healthz 200 " in log
    assert "healthassistant.access GET /chat/sidebar/ 302 " in log


def test_socket_entries_carry_the_path_alone(caplog):
    caplog.set_level("INFO", logger="healthassistant.access")
    log_action(None, "websocket", "connected", {"path": "/ws/chat/1/?token=secret"})
    assert caplog.messages == ["WSCONNECT /ws/chat/1/"]
