"""The access log: method, path, status and duration, never the query string.

Daphne's own access log writes the whole URL, and query strings carry health data
(`/chat/sidebar/?q=HIV`). However daphne is started (`make run`, the Docker image,
`runserver`), every entry passes through Server.log_action, so this replaces it from
inside the app: asgi.py installs it when daphne loads the application, before daphne
builds its server. Entries go to the `healthassistant.access` logger.
"""

import logging

logger = logging.getLogger("healthassistant.access")

_SOCKET_ACTIONS = {"connected": "WSCONNECT", "rejected": "WSREJECT", "disconnected": "WSDISCONNECT"}


def install() -> None:
    from daphne.server import Server

    Server.log_action = log_action


def log_action(server, protocol: str, action: str, details: dict) -> None:
    path = str(details.get("path", "")).split("?", 1)[0]
    if protocol == "http" and action == "complete":
        duration_ms = float(details.get("time_taken") or 0) * 1000
        logger.info("%s %s %s %.0fms", details.get("method", "-"), path, details.get("status", "-"), duration_ms)
    elif protocol == "websocket" and action in _SOCKET_ACTIONS:
        logger.info("%s %s", _SOCKET_ACTIONS[action], path)
