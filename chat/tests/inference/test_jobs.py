"""Stop strings: the text a caller sees never holds one, nor half of one."""

from chat.inference.jobs import Job
from chat.inference.sampling import Sampling


def job_stopping_at(*stop: str) -> Job:
    return Job(request=None, sampling=Sampling(max_new_tokens=8, temperature=0.0, top_p=1.0, stop=stop), stream=None)


def stream_through(job: Job, pieces: list[str]) -> tuple[str, bool]:
    shown = ""
    for piece in pieces:
        text, stopped = job.hold_for_stop_strings(piece)
        shown += text
        if stopped:
            return shown, True
    return shown + job.release_held_text(), False


def test_text_before_a_stop_string_split_over_tokens_is_shown_and_the_rest_is_not():
    assert stream_through(job_stopping_at("###"), ["Take rest", " #", "#", "# and more"]) == ("Take rest ", True)


def test_a_possible_start_of_a_stop_string_is_held_until_it_is_not_one():
    job = job_stopping_at("END")

    assert job.hold_for_stop_strings("Drink water E") == ("Drink water ", False)
    assert job.hold_for_stop_strings("ach day") == ("Each day", False)


def test_the_earliest_of_several_stop_strings_ends_the_answer():
    assert stream_through(job_stopping_at("b", "a"), ["xxabxx"]) == ("xx", True)


def test_held_text_comes_out_when_the_answer_ends_without_a_stop():
    assert stream_through(job_stopping_at("STOP"), ["Rest and S", "T"]) == ("Rest and ST", False)
