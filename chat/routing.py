from django.urls import path

from chat.consumers import ChatConsumer, TabsConsumer

websocket_urlpatterns = [
    path("ws/chat/<uuid:session_id>/", ChatConsumer.as_asgi()),
    path("ws/tabs/", TabsConsumer.as_asgi()),
]
