"""Whether a result is low, high or abnormal: as the report flags it, else as its value sits against the range.

A printed flag wins, because the laboratory may know more than the printed range (a range by age,
a comment): "Normal" printed in the flag column means no flag, whatever the range says. Flags that
give no direction ("*", "A", "abnormal") stay "abnormal" rather than being given one. Without a
printed flag, a value below the range's low bound is "low" and above its high
bound "high"; a value printed with a comparator ("<0.5", ">90") is only flagged when every value
it allows is outside the range, so "<5" against "0-10" is not flagged.
"""

import re
from decimal import Decimal

from uploads.labs.ranges import COMPARATOR, NUMBER, Reference

LOW, HIGH, ABNORMAL = "low", "high", "abnormal"

# The flags reports print, as a row shows them: a letter, a word, an asterisk, an arrow, or a phrase.
FLAG_PATTERN = (
    r"(?:Above\s+high\s+reference\s+limit|Below\s+low\s+reference\s+limit"
    r"|HIGH|High|high|LOW|Low|low|ABNORMAL|Abnormal|abnormal|ABN|Abn|NORMAL|Normal|normal"
    r"|HH|LL|H\*?|L\*?|A|\*{1,3}|↑{1,2}|↓{1,2}|\([HLA]\)|\[[HLA]\])"
)

_WORDS = {
    "above high reference limit": HIGH,
    "below low reference limit": LOW,
    "high": HIGH,
    "low": LOW,
    "hh": HIGH,
    "ll": LOW,
    "h": HIGH,
    "l": LOW,
    "↑": HIGH,
    "↓": LOW,
}
_DECORATION = re.compile(r"[\s()\[\]*]+")
_VALUE = re.compile(rf"({COMPARATOR})?\s*({NUMBER})")


def result_flag(printed: str, value: str, reference: Reference | None) -> str | None:
    """The row's flag: the printed one if there is one, else the one its value and range give."""
    if printed.strip():
        return printed_flag(printed)
    return derived_flag(value, reference)


def printed_flag(flag: str) -> str | None:
    """ "low", "high" or "abnormal" for a flag as printed; None for an empty one or "Normal"."""
    words = " ".join(flag.split()).casefold()
    if not words or words == "normal":
        return None
    core = _DECORATION.sub(" ", words).strip()
    if core in _WORDS:
        return _WORDS[core]
    if core and set(core) <= {"↑", "↓"}:
        return _WORDS[core[0]]
    return ABNORMAL


def derived_flag(value: str, reference: Reference | None) -> str | None:
    """ "low" or "high" when the value is certainly outside the range; None when inside, unknown, or no range."""
    match = _VALUE.fullmatch(value.strip())
    if reference is None or match is None:
        return None
    comparator, number = _canonical(match[1] or ""), Decimal(match[2])
    if reference.low is not None and comparator in ("", "<", "<="):
        low = Decimal(reference.low)
        # "<0.5" allows any value under 0.5: below the range only if 0.5 is at or under its low bound.
        if number < low or (number == low and (comparator == "<" or not reference.low_inclusive)):
            return LOW
    if reference.high is not None and comparator in ("", ">", ">="):
        high = Decimal(reference.high)
        if number > high or (number == high and (comparator == ">" or not reference.high_inclusive)):
            return HIGH
    return None


def _canonical(comparator: str) -> str:
    """ "<", "<=", ">", ">=" or "" for any way of printing one ("≤", "=<", "> OR =")."""
    if not comparator:
        return ""
    direction = "<" if comparator[0] in "<≤" or comparator.endswith("<") else ">"
    inclusive = "=" in comparator or comparator in ("≤", "≥")
    return direction + ("=" if inclusive else "")
