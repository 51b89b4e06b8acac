"""Giving an answer's text in order: deltas after a gap wait, snapshots only extend, nothing is given twice."""

from chat.openai_compat.watching import _Progress


def test_a_snapshot_gives_only_what_is_new():
    progress = _Progress()
    assert progress.extend_to(seq=1, text="An LDL") == "An LDL"
    assert progress.extend_to(seq=3, text="An LDL of 160") == " of 160"
    assert progress.extend_to(seq=2, text="An LDL of") == ""
    assert progress.extend_to(seq=3, text="An LDL of 160") == ""
    assert progress.given == "An LDL of 160"


def test_text_that_does_not_extend_what_was_given_is_never_taken_back():
    progress = _Progress()
    progress.extend_to(seq=1, text="Hello")
    assert progress.extend_to(seq=2, text="Goodbye") == ""
    assert progress.given == "Hello"
