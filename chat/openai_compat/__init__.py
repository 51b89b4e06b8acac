"""The OpenAI-compatible endpoint: POST /v1/chat/completions and GET /v1/models, for tools that speak it.

A request takes the one path every question takes (chat.services, the inference worker, the
engine's fair turns and limits, our system prompt), and is kept as a chat in the person's history
unless their API key says otherwise. Keys are personal (accounts.api_keys) and work only here.
"""
