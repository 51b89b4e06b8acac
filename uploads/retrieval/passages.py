"""An upload's extracted text, cut into passages that keep their page.

A PDF's text comes with "[Page N]" lines (uploads.processing.pdf); each page is cut at paragraph,
then line, then sentence breaks into passages of about PASSAGE_CHARS, so that a passage is
small enough to cite and a page's passages can all be told apart. A DICOM's description is one
passage with no page. Nothing here touches the database.
"""

import re
from dataclasses import dataclass

# About 200 tokens: a table's few rows, or a paragraph, per passage.
PASSAGE_CHARS = 800
_PAGE_LABEL = re.compile(r"^\[Page (\d+)(?::[^\]]*)?\]$", re.MULTILINE)
_BREAKS = ("\n\n", "\n", ". ", " ")


@dataclass(frozen=True)
class PassageText:
    page: int | None
    text: str


def split_into_passages(text: str) -> list[PassageText]:
    """The passages of an extracted text, in order; pages without text give none."""
    labels = list(_PAGE_LABEL.finditer(text))
    if not labels:
        return [PassageText(page=None, text=piece) for piece in _pieces(text)]
    passages = []
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        body = text[label.end() : following.start() if following else len(text)]
        page = int(label.group(1))
        passages.extend(PassageText(page=page, text=piece) for piece in _pieces(body))
    return passages


def _pieces(text: str) -> list[str]:
    text = text.strip()
    if not text:
        return []
    if len(text) <= PASSAGE_CHARS:
        return [text]
    return [piece for piece in _cut(text) if piece]


def _cut(text: str) -> list[str]:
    """Greedy: as much as fits, ended at the strongest break found in the second half of the window."""
    pieces = []
    while len(text) > PASSAGE_CHARS:
        window = text[:PASSAGE_CHARS]
        cut = PASSAGE_CHARS
        for mark in _BREAKS:
            found = window.rfind(mark)
            if found >= PASSAGE_CHARS // 2:
                cut = found + len(mark)
                break
        pieces.append(text[:cut].strip())
        text = text[cut:].lstrip()
    pieces.append(text.strip())
    return pieces
