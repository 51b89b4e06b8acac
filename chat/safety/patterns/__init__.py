"""Red-flag phrases and cues, one module per language (see chat.safety.matching for the phrase syntax).

Each module has RED_FLAGS (phrases per category), NEGATIONS (words that deny what follows),
BREAKS (words that end a negation's reach: "and", "but"), LONG_AGO and IN_GENERAL (phrases).
Every question is checked against all languages: people mix them, and a check that first had to
guess the language would fail on short questions. A phrase is read with its own language's
negations and breaks ("no" denies in Spanish, but is "in the" in Portuguese).
"""

from chat.safety.patterns import de, en, es, fr, pt

LANGUAGES = {"en": en, "es": es, "fr": fr, "de": de, "pt": pt}
