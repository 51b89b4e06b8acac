"""The WebSocket side of the app: session-authenticated, same-origin only, then Channels' URL routing."""

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter

from chat.routing import websocket_urlpatterns
from healthassistant.websocket_origin import ExactOriginValidator

websocket_application = ExactOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
