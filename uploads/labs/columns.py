"""A results table's header row, for the order of its value, unit and reference range columns.

A header is a run of at least three column titles ("Test | Result | Flag | Units | Reference range",
or one title per line as extraction gives a table's cells) with a result column and a unit or range
column, and nothing else on its last line. Titles are a small fixed vocabulary; prose rarely holds
three in a row, and a header that is never followed by rows changes nothing.
"""

import re
from dataclasses import dataclass

from uploads.labs.rows import REFERENCE, UNIT, VALUE

_NAME, _FLAG = "name", "flag"
_TITLES = {
    _NAME: (
        "test name",
        "tests",
        "test",
        "analyte",
        "investigation",
        "parameter",
        "examination",
        "description",
        "component",
        "assay",
    ),
    VALUE: ("your result", "observed value", "results", "result", "value"),
    UNIT: ("units", "unit"),
    REFERENCE: (
        "biological reference interval",
        "reference range",
        "reference interval",
        "reference values",
        "ref. range",
        "ref range",
        "ref. interval",
        "normal range",
        "reference",
        "range",
        "ref.",
        "ref",
    ),
    _FLAG: ("abnormal flag", "flags", "flag", "status", "abn", "h/l"),
}
_TITLE = re.compile(
    "|".join(
        rf"(?P<{kind}_{number}>{re.escape(title)})(?![\w.])"
        for kind, titles in _TITLES.items()
        for number, title in enumerate(titles)
    ),
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"[ \t|]*(?:\n[ \t|]*)?")
_LINE_START = re.compile(r"^[ \t|]*", re.MULTILINE)


@dataclass(frozen=True)
class Header:
    # Where the header ends: rows after it are read in its order.
    end: int
    order: tuple[str, ...]


def headers_in(text: str) -> list[Header]:
    """The results-table headers in the text, in order."""
    headers = []
    position = 0
    for start in _LINE_START.finditer(text):
        if start.start() < position:
            continue  # inside a header already found
        header = _header_at(text, start.end())
        if header:
            headers.append(header)
            position = header.end
    return headers


def _header_at(text: str, position: int) -> Header | None:
    kinds: list[str] = []
    end = position
    while title := _TITLE.match(text, position):
        kinds.append(title.lastgroup.split("_")[0])
        end = title.end()
        position = _SEPARATOR.match(text, end).end()
    line_end = text.find("\n", end)
    rest_of_line = text[end : line_end if line_end != -1 else len(text)]
    if len(kinds) < 3 or VALUE not in kinds or not ({UNIT, REFERENCE} & set(kinds)) or rest_of_line.strip():
        return None
    order = [kind for kind in dict.fromkeys(kinds) if kind in (VALUE, UNIT, REFERENCE)]
    order += [kind for kind in (UNIT, REFERENCE) if kind not in order]
    return Header(end=end, order=tuple(order))
