"""A person's lab results as compact lines for a question that concerns them.

"How is my HbA1c?" gets every HbA1c result, oldest first, one line each:
`HbA1c 6.1 % (4.0-5.6) high, 2026-03-01`. The tests a question names are found through the
analyte table (uploads.labs.analytes) and, for everyday words ("sugar", "kidneys"), through
retrieval's lay-to-clinical table. A question about lab results in general gets each test's
latest result. Nothing for a question that concerns none.
"""

import re

from uploads.labs.analytes import analyte_for
from uploads.labs.selectors import display_name, lab_results_for_user, result_date
from uploads.models import LabResult
from uploads.retrieval.synonyms import expansions

PROMPT_HEADING = "The person's lab results, read from their reports (oldest first; 'corrected' ones they checked):"
# At most this many lines, newest kept: a long history of one test must not crowd out the conversation.
MAX_LINES = 40
_LONGEST_NAME_WORDS = 4
_WORD = re.compile(r"[A-Za-z0-9αβγ-]+")
_GENERAL = re.compile(r"\b(lab|labs|blood\s+tests?|blood\s+work|bloods|test\s+results|results)\b", re.IGNORECASE)


def lab_results_prompt_text(*, user_id: int, question: str) -> str:
    named = analytes_named(question)
    general = bool(_GENERAL.search(question))
    if not named and not general:
        return ""
    results = lab_results_for_user(user_id=user_id)
    if named:
        chosen = [result for result in results if result.analyte in named]
    else:
        latest: dict[tuple[str, str], LabResult] = {}
        for result in results:
            latest[(result.analyte, result.unit)] = result
        chosen = sorted(latest.values(), key=result_date)
    if not chosen:
        return ""
    lines = [line_for(result) for result in chosen[-MAX_LINES:]]
    return "\n".join([PROMPT_HEADING, *lines])


def analytes_named(question: str) -> set[str]:
    """The slugs of the tests a question names, in the report's words or in everyday ones."""
    words = _WORD.findall(question)
    named = set()
    for size in range(1, _LONGEST_NAME_WORDS + 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if size == 1 and len(phrase) < 2:
                continue
            if analyte := analyte_for(phrase):
                named.add(analyte.slug)
    for word in expansions(question):
        if analyte := analyte_for(word):
            named.add(analyte.slug)
    return named


def line_for(result: LabResult) -> str:
    parts = [display_name(result.analyte), result.value]
    if result.unit:
        parts.append(result.unit)
    if result.reference_text:
        parts.append(f"({result.reference_text})")
    text = " ".join(parts)
    if result.flag:
        text += f" {result.flag}"
    text += f", {result_date(result).isoformat()}" + ("" if result.sample_date else " (uploaded; no sample date)")
    if result.corrected:
        text += ", corrected"
    return text
