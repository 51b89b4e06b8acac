"""A scripted OpenAI-shaped server for the remote engine's tests (the real one is healthassistant.transformers_serve).

It is a real HTTP server (the standard library's) whose answers a test writes: the refusals, failures
and vLLM extras (max_model_len, /metrics) that transformers serve can't be made to give.
"""

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# What the scripted server answers a chat completion: a status with a JSON body, or 200 with these SSE chunks.
Reply = tuple[int, dict] | list[dict]


class ScriptedServer:
    """An OpenAI-shaped HTTP server answering chat completions with reply(body, attempt), in a thread.

    It records every chat completion request's JSON body; /v1/models and /metrics answer as set.
    """

    def __init__(self, reply: Callable[[dict, int], Reply]) -> None:
        self.reply = reply
        self.requests: list[dict] = []
        self.models: tuple[int, dict] = (200, {"object": "list", "data": []})
        self.metrics: str | None = None
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "ScriptedServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/v1/models":
                    self._json(*scripted.models)
                elif self.path == "/metrics" and scripted.metrics is not None:
                    self._send(200, "text/plain", scripted.metrics.encode())
                else:
                    self._json(404, {"detail": "Not Found"})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                scripted.requests.append(body)
                reply = scripted.reply(body, len(scripted.requests))
                if isinstance(reply, tuple):
                    self._json(*reply)
                    return
                # vLLM ends with [DONE] (transformers serve doesn't: the session's real server covers that).
                events = "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in reply) + "data: [DONE]\n\n"
                self._send(200, "text/event-stream", events.encode())

            def _json(self, status: int, body: dict) -> None:
                self._send(status, "application/json", json.dumps(body).encode())

            def _send(self, status: int, content_type: str, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        return Handler


def answer_chunks(*texts: str, finish_reason: str = "stop", prompt_tokens: int = 7) -> list[dict]:
    """A streamed answer as vLLM sends it: a chunk per delta, the finish, then the usage."""
    chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": "scripted"}
    chunks = [{**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}]
    chunks += [{**chunk, "choices": [{"index": 0, "delta": {"content": text}}]} for text in texts]
    chunks.append({**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": finish_reason}]})
    usage = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": len(texts),
        "total_tokens": prompt_tokens + len(texts),
    }
    chunks.append({**chunk, "choices": [], "usage": usage})
    return chunks
