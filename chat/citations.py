"""An answer's [n] markers as links to its sources, in the already sanitised HTML of the answer.

Only numbers the answer was given become links; a [7] the model made up stays plain text.
Text inside code and inside existing links is left alone.
"""

import re

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-z0-9]+)")
_CITATION = re.compile(r"\[(\d{1,3})\]")
_LEAVE_ALONE = {"a", "code", "pre"}


def source_anchor(*, message_id: int, n: int) -> str:
    return f"source-{message_id}-{n}"


def link_citations(html: str, *, message_id: int, numbers: set[int]) -> str:
    if not numbers:
        return html
    parts = _TAG.split(html)
    inside = 0
    for index, part in enumerate(parts):
        if index % 2:
            name = _TAG_NAME.match(part)
            if name and name.group(1) in _LEAVE_ALONE:
                inside = max(inside + (-1 if part.startswith("</") else 1), 0)
        elif not inside:
            parts[index] = _CITATION.sub(lambda match: _link(match, message_id=message_id, numbers=numbers), part)
    return "".join(parts)


def _link(match: re.Match, *, message_id: int, numbers: set[int]) -> str:
    n = int(match.group(1))
    if n not in numbers:
        return match.group(0)
    anchor = source_anchor(message_id=message_id, n=n)
    return f'<a class="citation" href="#{anchor}" aria-label="Source {n}">[{n}]</a>'
