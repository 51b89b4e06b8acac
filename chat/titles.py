"""A new chat's title, taken at once from its first question; and a title as a file name."""

import re

DEFAULT_TITLE = "New chat"
# The most a title may hold (a rename, a file's name); one taken from a question is cut shorter.
MAX_TITLE_LENGTH = 200
TITLE_LENGTH = 60


def title_from_question(question: str) -> str:
    first_line = next((line.strip() for line in question.splitlines() if line.strip()), "")
    if not first_line:
        return DEFAULT_TITLE
    if len(first_line) <= TITLE_LENGTH:
        return first_line
    cut = first_line[:TITLE_LENGTH].rsplit(" ", 1)[0] or first_line[:TITLE_LENGTH]
    return cut.rstrip(" ,.;:-") + "…"


def title_slug(title: str) -> str:
    """The title as a file name: lower-case ASCII letters and digits joined by hyphens, "chat" if none."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "chat"
