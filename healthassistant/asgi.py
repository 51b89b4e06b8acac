"""ASGI entry point: HTTP through Django, WebSockets and the inference channel through Channels.

WebSockets are authenticated by the Django session and must come from an allowed host, so
another site cannot open a socket with a user's cookie. This module is what daphne and
`manage.py runworker inference` load, so it is also where inference starts in those processes.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthassistant.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402  (needs the app registry ready)
from django.conf import settings  # noqa: E402

from chat import inference_process  # noqa: E402
from healthassistant.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": websocket_application,
        "channel": inference_process.inference_application,
    }
)

if inference_process.runs_inference_here():
    inference_process.start_inference()
    if settings.INFERENCE_IN_PROCESS:
        application = inference_process.InProcessWorkerStarter(application)
