"""Red-flag phrases and cues, one module per language (see chat.safety.matching for the phrase syntax).

Each module has RED_FLAGS (phrases per category), NEGATIONS (words that deny what follows),
BREAKS (words that end a negation's reach: "and", "but"), LONG_AGO and IN_GENERAL (phrases, for
their clause) and FICTION_OR_TEACHING (phrases that make the whole question about a film, a novel
or a first-aid course), RESOLVED (phrases that say the symptom has passed: the whole question is no
emergency, but for an overdose or self-harm), URGENT (phrases that say it is happening now: neither a
story, a lesson nor a recovery then clears the question, nor an "in general" its clause),
YEAR_OR_MONTH_WORDS and MONTHS ("in" and the months' names: chat.safety.check makes "in 2019" and "in
March" long past from today's date, any year before this one and any month but this one).
Every question is checked against all languages: people mix them, and a check that first had to
guess the language would fail on short questions. A phrase is read with its own language's
negations and breaks ("no" denies in Spanish, but is "in the" in Portuguese).
"""

from chat.safety.patterns import de, en, es, fr, pt

LANGUAGES = {"en": en, "es": es, "fr": fr, "de": de, "pt": pt}
