"""What follows a test's name in a row: value, unit and reference range in the column order, with flags between.

Text extraction gives a table's row either as one line ("Potassium 5.9 H mmol/L 3.5 - 5.3") or as
one line per cell, with empty cells left out ("Potassium\\n5.9\\nH\\nmmol/L\\n3.5 - 5.3"): fields are
therefore separated by spaces and at most one line break. Each field is recognised by its form,
not its position: a value is a number, maybe with a comparator ("<0.5"); a unit has a slash, a
power of ten or is one of a few bare units ("%", "fL", "pg"); a range is "a-b", "< b", ">= a" or
"up to b", maybe in brackets or after "Ref:"; a flag is a letter, a word, an asterisk or an arrow.
The column order decides only which of value, unit and range comes first; the value is the only
field a row must have, and a flag may sit before the value or after any field.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from uploads.labs.flags import FLAG_PATTERN
from uploads.labs.ranges import COMPARATOR, NUMBER, RANGE_PATTERN

VALUE, UNIT, REFERENCE = "value", "unit", "reference"
DEFAULT_ORDERS: tuple[tuple[str, ...], ...] = ((VALUE, UNIT, REFERENCE), (VALUE, REFERENCE, UNIT))

# Spaces, and at most one line break: cells of one row come one per line, rows never blank-line apart.
_GAP = r"[ \t]*(?:\n[ \t]*)?"
# Between the name and the first field: also a colon, an equals sign or a dotted leader.
_LEAD = r"[ \t]*[:=]?[ \t.]*(?:\n[ \t]*)?"

# A number, not the start of a range ("12-16"), a time ("08:42"), a date ("01/03") or a longer number.
_VALUE = rf"{COMPARATOR}?[ \t]?{NUMBER}(?![\d.]|[:/,]\d)(?![ \t]*(?:-|–|—)[ \t]*\d)"
_UNIT = (
    r"(?:"
    # x10^9/L, x 10^9/L, 10*9/L, 10E9/L, ×10⁹/L
    r"(?:[x×*][ \t]?)?10[ \t]?(?:(?:\^|\*\*?|[Ee])?[ \t]?\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})[ \t]?/[ \t]?[A-Za-zµμ]+"
    # anything with a slash that starts with a letter: g/dL, mmol/L, µmol/L, mL/min/1.73m2, mm/hr, L/L
    r"|[A-Za-zµμ%][\w%µμ.^*²³]*/[\w%µμ.^*²³/]*(?:[ \t]?m[2²](?![\w]))?"
    # the few units without a slash
    r"|(?:%|fL|fl|pg|ratio|secs|sec|seconds|s|mmHg)(?![\w/])"
    r")"
)
_REFERENCE_WORDS = (
    r"(?i:(?:reference\s+(?:range|interval)|ref\.?\s*(?:range|interval)?|normal(?:\s+range)?|range)[ \t]*:?[ \t]*)"
)
_REFERENCE = (
    rf"(?:{_REFERENCE_WORDS}?\([ \t]*{_REFERENCE_WORDS}?{RANGE_PATTERN}[ \t]*\)"
    rf"|{_REFERENCE_WORDS}?\[[ \t]*{RANGE_PATTERN}[ \t]*\]"
    rf"|{_REFERENCE_WORDS}?{RANGE_PATTERN}(?![\d.]))"
)
_FLAG = rf"{FLAG_PATTERN}(?![\w/])"
_FIELD_PATTERNS = {VALUE: _VALUE, UNIT: _UNIT, REFERENCE: _REFERENCE}
_DECORATED_REFERENCE = re.compile(rf"^[\s(\[]*{_REFERENCE_WORDS}?[\s(\[]*|[\s)\]]*$")
_SPACES = re.compile(r"\s+")
# A value printed "> OR = 60" is kept as ">=60", which is what it says.
_US_COMPARATOR = re.compile(r"^([<>])(?:OR|or)=")


@dataclass(frozen=True)
class RowFields:
    value: str
    unit: str
    reference_text: str
    flag_text: str
    # Where the row's text ends in the text it was read from.
    end: int


def fields_at(text: str, position: int, order: tuple[str, ...]) -> RowFields | None:
    """The row's fields starting at this position (just after a test's name), read in this column order."""
    match = _row_pattern(order).match(text, position)
    if match is None:
        return None
    flags = [match[name] for name in match.groupdict() if name.startswith("flag") and match[name]]
    return RowFields(
        value=_US_COMPARATOR.sub(r"\1=", _SPACES.sub("", match[VALUE])),
        unit=_SPACES.sub(" ", match[UNIT] or "").strip(),
        reference_text=_SPACES.sub(" ", _DECORATED_REFERENCE.sub("", match[REFERENCE] or "")).strip(),
        flag_text=flags[0] if flags else "",
        end=match.end(),
    )


@lru_cache(maxsize=32)
def _row_pattern(order: tuple[str, ...]) -> re.Pattern:
    """Optional flag, then the fields in order (only the value required), each followed by an optional flag."""
    parts = [_LEAD, rf"(?:(?P<flag0>{_FLAG}){_GAP})?"]
    for number, field in enumerate(order, 1):
        pattern = rf"(?P<{field}>{_FIELD_PATTERNS[field]})"
        if field == VALUE:
            parts.append(pattern if number == 1 else rf"{_GAP}{pattern}")
        else:
            parts.append(rf"(?:{_GAP}{pattern})?")
        parts.append(rf"(?:{_GAP}(?P<flag{number}>{_FLAG}))?")
    return re.compile("".join(parts))
