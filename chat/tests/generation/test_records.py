"""Which passages of a person's documents reach the prompt: attached files first, the budget kept, theirs only."""

import pytest

from chat.generation.records import CHARS_PER_TOKEN, SNIPPET_CHARS, records_for_question, snippet_of
from uploads.benchmarks.text_pdf import text_pdf
from uploads.services import upload_create
from uploads.tests.helpers import uploaded

pytestmark = pytest.mark.django_db

# A long report: one page answers the question, and nine are about something else.
FILLER = "Comment: sample received in good condition, analysed on the day of collection. " * 8
LONG_REPORT = [f"Page {n} of the annual check. {FILLER}" for n in range(1, 11)]
LONG_REPORT[6] = "Thyroid panel. TSH 7.9 mIU/L high (0.4-4.0). Free T4 10 pmol/L low."


def store(owner, name, pages):
    return upload_create(owner=owner, file=uploaded(name, text_pdf(pages)))


def ask(owner, question, *, attached=(), use_records=True, budget_tokens=3000):
    return records_for_question(
        owner_id=owner.pk,
        question=question,
        attached_upload_ids={str(upload.pk) for upload in attached},
        use_records=use_records,
        budget_tokens=budget_tokens,
    )


def test_a_long_attachment_gives_its_most_relevant_page_first_not_its_first_page(alice):
    report = store(alice, "annual.pdf", LONG_REPORT)

    records = ask(alice, "Is my TSH too high?", attached=[report], budget_tokens=400)

    first = records.passages[0]
    assert (first.n, first.name, first.page) == (1, "annual.pdf", 7)
    assert "TSH 7.9" in first.text
    assert first.label == "[1] annual.pdf, page 7"


def test_what_does_not_fit_is_counted_never_an_error(alice):
    report = store(alice, "annual.pdf", LONG_REPORT)

    records = ask(alice, "Is my TSH too high?", attached=[report], budget_tokens=400)

    used = sum(len(passage.text) for passage in records.passages)
    assert used <= 400 * CHARS_PER_TOKEN
    pages_used = {passage.page for passage in records.passages}
    assert records.pages_left_out == 10 - len(pages_used) > 0


def test_every_attached_file_takes_part_even_without_a_matching_word(alice):
    lipids = store(alice, "lipids.pdf", ["LDL 3.1 mmol/L"])
    thyroid = store(alice, "thyroid.pdf", ["TSH 2.1 mIU/L"])

    records = ask(alice, "Please summarise these", attached=[lipids, thyroid])

    assert sorted(passage.name for passage in records.passages) == ["lipids.pdf", "thyroid.pdf"]
    assert records.pages_left_out == 0


def test_the_persons_other_documents_are_found_by_the_question(alice):
    store(alice, "2024-iron.pdf", ["Ferritin 9 ng/mL low (15-150)"])
    store(alice, "2025-lipids.pdf", ["LDL cholesterol 2.9 mmol/L"])

    records = ask(alice, "How was my ferritin?")

    assert [(passage.n, passage.name) for passage in records.passages] == [(1, "2024-iron.pdf")]


def test_use_records_off_keeps_to_the_chats_own_files(alice):
    store(alice, "2024-iron.pdf", ["Ferritin 9 ng/mL low (15-150)"])
    attached = store(alice, "today.pdf", ["Haemoglobin 118 g/L"])

    records = ask(alice, "How was my ferritin?", attached=[attached], use_records=False)

    assert [passage.name for passage in records.passages] == ["today.pdf"]


def test_bob_never_gets_alices_passages_even_naming_her_file(alice, bob):
    alices = store(alice, "alice-labs.pdf", ["Ferritin 9 ng/mL low"])
    store(bob, "bob-labs.pdf", ["Vitamin D 40 nmol/L"])

    records = ask(bob, "ferritin low alice-labs", attached=[alices])

    assert all(passage.name == "bob-labs.pdf" for passage in records.passages)
    assert not any("Ferritin" in passage.text for passage in records.passages)


def test_nothing_stored_gives_nothing(alice):
    assert ask(alice, "Anything?").passages == ()


def test_a_snippet_is_one_short_line_cut_at_a_word():
    text = "Haemoglobin  118 g/L\n" + "word " * 100
    snippet = snippet_of(text)
    assert snippet.startswith("Haemoglobin 118 g/L word")
    assert len(snippet) <= SNIPPET_CHARS + 1 and snippet.endswith("word…")
    assert snippet_of("Short.") == "Short."
