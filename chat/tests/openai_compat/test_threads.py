from chat.openai_compat.images import DataImage
from chat.openai_compat.request import Turn
from chat.openai_compat.threads import thread_digest

TURNS = (Turn(role="user", text="Is 160 high?"), Turn(role="assistant", text="Yes."))


def test_the_same_conversation_has_the_same_digest_whatever_the_spacing():
    spaced = (Turn(role="user", text="  Is 160 high?\n"), Turn(role="assistant", text="Yes. "))
    assert thread_digest(instructions="", turns=TURNS) == thread_digest(instructions=" ", turns=spaced)


def test_any_change_of_text_image_or_instructions_is_another_conversation():
    base = thread_digest(instructions="", turns=TURNS)
    assert thread_digest(instructions="Be brief.", turns=TURNS) != base
    assert thread_digest(instructions="", turns=(TURNS[0], Turn(role="assistant", text="No."))) != base
    with_image = Turn(role="user", text="Is 160 high?", images=(DataImage(b"png", "image/png"),))
    assert thread_digest(instructions="", turns=(with_image, TURNS[1])) != base


def test_the_digest_reveals_nothing_of_the_text(settings):
    digest = thread_digest(instructions="", turns=TURNS)
    assert len(digest) == 64 and "160" not in digest
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    assert thread_digest(instructions="", turns=TURNS) != digest
