"""The OpenAI-compatible endpoint, under /v1/ as OpenAI clients expect it (base_url = <site>/v1)."""

from django.urls import re_path

from chat.openai_compat import views

app_name = "openai"

urlpatterns = [
    # Without the slash, as OpenAI clients send them; with one too, as some tools append it.
    re_path(r"^chat/completions/?$", views.chat_completions, name="chat-completions"),
    re_path(r"^models/?$", views.models, name="models"),
    re_path(r"^models/(?P<model_id>.+?)/?$", views.models, name="model"),
    re_path(r"^(?P<path>.*)$", views.not_found),
]
