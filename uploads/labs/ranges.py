"""Reference ranges as reports print them, and the bounds they give.

"12.0-16.0", "12.0 – 16.0" and "12 to 16" give both bounds; "< 5.7", "<=5.7", "≤ 5.7" and
"up to 40" an upper one; ">= 60", "> 60", "≥60" and "> OR = 60" a lower one. "<" and ">" leave the bound itself
outside the range ("< 5.7": 5.7 is high), "<=", ">=" and "up to" keep it inside.
"""

import re
from dataclasses import dataclass

NUMBER = r"\d+(?:\.\d+)?"
# "> OR =" is how some US laboratories print ≥.
COMPARATOR = r"(?:[<>]\s?(?:OR|or)\s?=|<=|>=|=<|=>|≤|≥|<|>)"
_DASH = r"(?:-|–|—|to)"

# What a reference range looks like inside a row; reference_from() reads what it matched.
RANGE_PATTERN = rf"(?:{NUMBER}\s*{_DASH}\s*{NUMBER}|{COMPARATOR}\s*{NUMBER}|[Uu][Pp]\s*[Tt][Oo]\s*{NUMBER})"

_BETWEEN = re.compile(rf"({NUMBER})\s*{_DASH}\s*({NUMBER})")
_BOUND = re.compile(rf"({COMPARATOR})\s*({NUMBER})")
_UP_TO = re.compile(rf"up\s*to\s*({NUMBER})", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Reference:
    # As printed, with runs of space made one: "12.0 – 16.0", "< 5.7", "up to 40".
    text: str
    low: str | None
    high: str | None
    # Whether a value equal to the bound is inside the range.
    low_inclusive: bool = True
    high_inclusive: bool = True


def reference_from(printed: str) -> Reference | None:
    """The range a printed reference states, or None if it is not one of the accepted forms."""
    text = _SPACES.sub(" ", printed).strip()
    if match := _BETWEEN.fullmatch(text):
        return Reference(text=text, low=match[1], high=match[2])
    if match := _UP_TO.fullmatch(text):
        return Reference(text=text, low=None, high=match[1])
    if match := _BOUND.fullmatch(text):
        comparator, bound = match[1], match[2]
        if comparator.startswith("<") or comparator in ("=<", "≤"):
            return Reference(text=text, low=None, high=bound, high_inclusive=comparator != "<")
        return Reference(text=text, low=bound, high=None, low_inclusive=comparator != ">")
    return None
