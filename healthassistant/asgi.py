"""ASGI entry point: HTTP through Django, WebSockets and the inference channel through Channels.

WebSockets are authenticated by the Django session and must come from an allowed host, so
another site cannot open a socket with a user's cookie. In the default mode inference runs in
this process too (chat.generation.startup says why); in the scaled mode `manage.py
inference_worker` runs it elsewhere.
"""

import os

from django.core.asgi import get_asgi_application

from healthassistant import access_log

# Before daphne builds its server: its access log would write query strings, which carry health data.
access_log.install()

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthassistant.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402  (needs the app registry ready)

from chat.generation import startup  # noqa: E402
from healthassistant.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": websocket_application,
        "channel": startup.inference_application,
    }
)

application = startup.serve_inference_here_if_in_process(application)
