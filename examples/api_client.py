"""Ask the AI Health Assistant about an image from a script, through its REST API.

1. Log in for a JWT pair. 2. Upload the image. 3. Ask a question about it in a new chat.
4. Print the answer as it streams (Server-Sent Events), resuming with Last-Event-ID if the
connection drops.

    python examples/api_client.py scan.png "What does this image show?" \\
        --base-url http://127.0.0.1:8000 --email you@example.com

The password comes from HEALTH_API_PASSWORD or a prompt; HEALTH_API_URL and HEALTH_API_EMAIL
can stand in for --base-url and --email. Needs only httpx (pip install httpx).
"""

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

import httpx


class ApiError(Exception):
    """The API's error shape: {"error": {"code", "message", "fields"}}."""


def check(response: httpx.Response) -> dict:
    if response.is_success:
        return response.json() if response.content else {}
    try:
        error = response.json()["error"]
        detail = f"{error['message']} ({error['code']}, HTTP {response.status_code})"
        if error["fields"]:
            detail += f" {error['fields']}"
    except (ValueError, KeyError):
        detail = f"HTTP {response.status_code}"
    raise ApiError(detail)


def log_in(client: httpx.Client, email: str, password: str) -> None:
    tokens = check(client.post("/api/v1/auth/token/", json={"email": email, "password": password}))
    client.headers["Authorization"] = f"Bearer {tokens['access']}"


def upload(client: httpx.Client, path: Path) -> str:
    with path.open("rb") as file:
        uploaded = check(client.post("/api/v1/uploads/", files={"file": (path.name, file)}))
    return uploaded["id"]


def ask(client: httpx.Client, question: str, upload_id: str) -> int:
    session = check(client.post("/api/v1/sessions/", json={}))
    sent = check(
        client.post(
            f"/api/v1/sessions/{session['id']}/messages/", json={"content": question, "upload_ids": [upload_id]}
        )
    )
    return sent["answer_id"]


def sse_events(response: httpx.Response):
    """(event, id, data) for each event of a text/event-stream body; comments (keep-alives) are skipped."""
    event, event_id, data = "message", None, []
    for line in response.iter_lines():
        if not line:
            if data:
                yield event, event_id, json.loads("\n".join(data))
            event, event_id, data = "message", None, []
        elif line.startswith(":"):
            continue
        else:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "event":
                event = value
            elif name == "id":
                event_id = int(value)
            elif name == "data":
                data.append(value)


def stream_answer(client: httpx.Client, answer_id: int) -> dict:
    """Print the answer as it arrives; return the final `done` event's data."""
    last_id, text = None, ""
    for _attempt in range(5):
        headers = {"Last-Event-ID": str(last_id)} if last_id is not None else {}
        try:
            with client.stream(
                "GET", f"/api/v1/messages/{answer_id}/stream/", headers=headers, timeout=None
            ) as response:
                if not response.is_success:
                    response.read()
                    check(response)
                for event, event_id, data in sse_events(response):
                    if event == "delta":
                        print(data["text"], end="", flush=True)
                        text += data["text"]
                    elif event == "snapshot":
                        # The whole answer so far, after a reconnect: print what we had not shown.
                        print(data["text"][len(text) :], end="", flush=True)
                        text = data["text"]
                    elif event == "queued" and data["position"]:
                        print(f"[waiting for the model: number {data['position']} in line]", file=sys.stderr)
                    elif event == "error":
                        print(f"\n[{data['code']}] {data['message']}", file=sys.stderr)
                    elif event == "done":
                        print()
                        return data
                    last_id = event_id if event_id is not None else last_id
        except httpx.TransportError as exc:
            print(f"\n[connection lost ({exc}); resuming]", file=sys.stderr)
    raise ApiError("The stream kept breaking; read the answer later with GET /api/v1/messages/{id}/.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("image", type=Path, help="an image (or a PDF or DICOM file) to ask about")
    parser.add_argument("question")
    parser.add_argument("--base-url", default=os.environ.get("HEALTH_API_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--email", default=os.environ.get("HEALTH_API_EMAIL"))
    args = parser.parse_args()
    if not args.email:
        parser.error("give --email or set HEALTH_API_EMAIL")
    password = os.environ.get("HEALTH_API_PASSWORD") or getpass.getpass(f"Password for {args.email}: ")

    with httpx.Client(base_url=args.base_url, timeout=60) as client:
        try:
            log_in(client, args.email, password)
            upload_id = upload(client, args.image)
            answer_id = ask(client, args.question, upload_id)
            done = stream_answer(client, answer_id)
        except (ApiError, httpx.HTTPError) as exc:
            print(f"Error: {exc}", file=sys.stderr)
            return 1
    print(f"[{done['status']}: {done['answer_tokens']} tokens, prompt {done['prompt_tokens']} tokens]", file=sys.stderr)
    return 0 if done["status"] == "done" else 2


if __name__ == "__main__":
    sys.exit(main())
