"""The date a sample was collected, as a report labels it, in the date formats reports print.

Only collection labels count ("Collected", "Sample date", "Date collected", "Specimen collected",
"Collection date" and their near variants): a report also prints when the sample was received,
when it was reported and when the page was printed, and those dates say nothing about when the
blood was taken. A numeric date is read day first (01/03/2026 is 1 March), as in the UK and most
of the world, unless that is impossible (03/14/2026 can only be 14 March).
"""

import calendar
import datetime
import re

# English month names (Python leaves LC_TIME at "C" unless told otherwise).
_MONTH_NAMES = tuple(name.casefold() for name in calendar.month_name[1:])

_MONTH = r"(?P<{name}>[A-Za-z]{{3,9}})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_FORMATS = (
    # 2026-03-01, 2026/03/01
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    # 01/03/2026, 1.3.26, 01-03-2026: day first unless the day can't be
    re.compile(r"(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?!\d)"),
    # 1 Mar 2026, 01-Mar-2026, 1st March 2026
    re.compile(
        rf"(?P<day>\d{{1,2}}){_ORDINAL}[\s-]+{_MONTH.format(name='month_name')}[\s-]+(?P<year>\d{{4}}|\d{{2}})(?!\d)"
    ),
    # March 1, 2026; Mar 1 2026
    re.compile(rf"{_MONTH.format(name='month_name')}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})(?!\d)"),
)

_COLLECTION_LABEL = re.compile(
    r"\b(?:"
    r"date\s*(?:/\s*time\s*)?(?:of\s+)?(?:sample\s+|specimen\s+)?(?:collected|collection|taken)"
    r"|(?:sample|specimen)\s+(?:collection\s+)?(?:date|collected|taken)(?:\s+on)?"
    r"|collect(?:ed|ion)(?:\s+(?:date|on|time|date\s*/\s*time))?"
    r"|date\s+of\s+(?:sample|specimen)"
    r")\b\s*[:\-]?\s*(?:at\s+)?(?:\d{1,2}:\d{2}\s+(?:on\s+)?)?",
    re.IGNORECASE,
)


def collection_date(text: str) -> datetime.date | None:
    """The first date that the text labels as when the sample was collected; None if it labels none."""
    for label in _COLLECTION_LABEL.finditer(text):
        found = date_at(text, label.end())
        if found:
            return found
    return None


def date_at(text: str, position: int = 0) -> datetime.date | None:
    """The date printed at this position of the text, in any of the accepted formats; None if there is none."""
    for pattern in _FORMATS:
        match = pattern.match(text, position)
        if match:
            found = _date(match.groupdict())
            if found:
                return found
    return None


def _date(parts: dict[str, str | None]) -> datetime.date | None:
    year = int(parts["year"])
    year += 2000 if year < 100 else 0
    if parts.get("first"):
        day, month = int(parts["first"]), int(parts["second"])
        if month > 12 >= day:
            day, month = month, day
    elif parts.get("month_name"):
        day, month = int(parts["day"]), _month_number(parts["month_name"])
    else:
        day, month = int(parts["day"]), int(parts["month"])
    try:
        return datetime.date(year, month, day) if month else None
    except ValueError:
        return None


def _month_number(word: str) -> int | None:
    """1 to 12 for a month's name or its abbreviation ("Mar", "March", "Sept"); None for any other word."""
    word = word.casefold()
    for number, full in enumerate(_MONTH_NAMES, 1):
        if full.startswith(word):
            return number
    return None
