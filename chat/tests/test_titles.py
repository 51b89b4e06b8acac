from chat.titles import DEFAULT_TITLE, title_from_question


def test_short_questions_are_their_own_title():
    assert title_from_question("\n  Is 160 LDL high?\nmore") == "Is 160 LDL high?"


def test_long_questions_are_cut_at_a_word():
    title = title_from_question("word " * 40)
    assert title.endswith("…")
    assert len(title) <= 61


def test_empty_questions_keep_the_default():
    assert title_from_question("  \n ") == DEFAULT_TITLE
