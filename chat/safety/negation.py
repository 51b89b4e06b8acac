"""A red-flag phrase that does not describe an emergency now: denied, long past, or asked about in general.

- Denied: a negation shortly before it in its part of the clause ("no chest pain", "sin dolor de
  pecho", "keine Brustschmerzen"); "and" and "but" end a negation's reach, "or" carries it on to the
  next item of a list ("no shortness of breath or chest pain"). A
  negation just before a later word of the phrase denies it too ("stiff neck, no fever").
- Long past: "my chest pain last year was muscular" (its part of the clause).
- In general: "what causes chest pain?", "signs of a stroke" (its whole clause).
"""

from collections.abc import Sequence

from chat.safety.matching import Found

# Words before the phrase in which a negation still applies to it.
REACH = 4
# Words before a later word of the phrase in which a negation applies to that word alone.
LATER_REACH = 2
# "or" in a list carries a negation on to its next item: "no shortness of breath or chest pain".
LIST_WORDS = frozenset(["or", "nor", "ni", "ou", "oder", "noch", "u"])


def part_of(found: Found, clause: Sequence[str], breaks: frozenset[str]) -> tuple[int, int]:
    """The phrase's part of the clause: from the "and"/"but" before it to the one after it."""
    start = found.start
    while start > 0 and clause[start - 1] not in breaks:
        start -= 1
    end = found.end + 1
    while end < len(clause) and clause[end] not in breaks:
        end += 1
    return start, end


def is_denied(
    found: Found, clause: Sequence[str], *, before: frozenset[str], within: frozenset[str], breaks: frozenset[str]
) -> bool:
    """`before`: the negations of every language, before the phrase (a Spanish "no" denies a Portuguese
    phrase that a typo-tolerant match found in Spanish text). `within`: only the phrase's own language's,
    between its words ("aperto no peito" is "tightness in the chest" in Portuguese)."""
    for previous, position in zip(found.positions, found.positions[1:], strict=False):
        # "pas de fièvre": a word or two before, and not itself in the phrase ("no puedo respirar").
        if any(clause[i] in within for i in range(max(previous + 1, position - LATER_REACH), position)):
            return True
    position, floor = found.start - 1, found.start - REACH
    while position >= max(floor, 0):
        if clause[position] in breaks:
            return False
        if clause[position] in before:
            return True
        if clause[position] in LIST_WORDS:
            floor = position - REACH
        position -= 1
    return False
