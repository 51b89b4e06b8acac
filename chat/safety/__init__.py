"""Emergency guidance that never depends on the language model: a deterministic red-flag check on each question.

- categories.py: what counts as an emergency, and what to tell the person for each.
- text.py: questions as plain tokens (lower case, accents optional) in clauses.
- fuzzy.py: a token matches a pattern's word despite a typo.
- patterns/: red-flag phrases, negations, "long ago" and "asking in general" cues per language.
- negation.py: a match that is denied, long past or only asked about in general does not count.
- matching.py: the phrases compiled and found in a question.
- rules.py: what the patterns find in a question.
- classifier/: a small linear classifier for the red flags the patterns miss.
- numbers.py: the emergency number and crisis line where the person is (their choice, browser, settings).
- check.py: safety_check(text, contacts=...), the one entry point: the patterns, else the classifier.
"""

from chat.safety.check import SafetyResult, safety_check
from chat.safety.numbers import EmergencyContacts, contacts_for_request

__all__ = ["EmergencyContacts", "SafetyResult", "contacts_for_request", "safety_check"]
