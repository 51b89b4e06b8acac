import asyncio

import pytest
import torch

from chat.inference.errors import EngineBusy, InvalidRequest, PromptTooLong
from chat.inference.prompts import build_prompt, encode_prompt
from chat.inference.types import FinishReason, ModelState
from chat.tests.inference.conftest import an_image, question, read_all


async def test_it_streams_deltas_that_join_into_the_answer(engine):
    stream = await engine.submit(question(max_new_tokens=12))

    deltas, result = await read_all(stream)

    assert deltas
    assert "".join(deltas) == result.text
    assert result.finish_reason is FinishReason.LENGTH
    assert result.answer_tokens == 12
    assert result.prompt_tokens > 0
    assert result.time_to_first_token > 0
    assert result.error == ""


async def test_greedy_answers_repeat(engine):
    first = await (await engine.submit(question())).result()
    second = await (await engine.submit(question())).result()

    assert first.text == second.text


async def test_requests_waiting_together_run_in_one_batch(make_engine):
    engine = make_engine()
    requests = [
        question("Plain question", max_new_tokens=3),
        question("Is this a bruise?", images=[an_image()], max_new_tokens=9),
        question("Another plain one", max_new_tokens=6),
        question("And this mole?", images=[an_image((40, 90)), an_image(color="blue")], max_new_tokens=5),
    ]
    streams = [await engine.submit(request) for request in requests]

    engine.start()
    results = await asyncio.gather(*(stream.result() for stream in streams))

    counters = engine.counters
    assert counters.batches_run == 1
    assert counters.largest_batch == 4
    assert counters.requests_served == 4
    # Each row stops at its own max_new_tokens; rows with images were answered alongside the others.
    assert [result.answer_tokens for result in results] == [3, 9, 6, 5]
    assert all(result.finish_reason is FinishReason.LENGTH for result in results)
    assert results[1].prompt_tokens > results[0].prompt_tokens


async def test_a_batch_holds_at_most_max_batch_size(make_engine):
    engine = make_engine(max_batch_size=2)
    streams = [await engine.submit(question(max_new_tokens=2)) for _ in range(5)]

    engine.start()
    await asyncio.gather(*(stream.result() for stream in streams))

    assert engine.counters.largest_batch == 2
    assert engine.counters.batches_run == 3


async def test_different_sampling_settings_run_in_separate_batches(make_engine):
    engine = make_engine()
    streams = [
        await engine.submit(question(temperature=0.7, top_p=0.9)),
        await engine.submit(question()),
        await engine.submit(question(temperature=0.7, top_p=0.9)),
        await engine.submit(question(top_p=0.5)),
    ]

    engine.start()
    results = await asyncio.gather(*(stream.result() for stream in streams))

    # Greedy requests share a batch whatever their top_p; sampled ones share theirs.
    assert engine.counters.batches_run == 2
    assert all(result.finish_reason is FinishReason.LENGTH for result in results)


async def test_a_cancel_mid_stream_stops_that_row_and_the_others_go_on(engine):
    doomed = await engine.submit(question("Tell me everything", max_new_tokens=200))
    neighbour = await engine.submit(question("Short", max_new_tokens=200))
    deltas = []

    async for delta in doomed:
        deltas.append(delta)
        doomed.cancel()
        doomed.cancel()
    result = await doomed.result()

    assert result.finish_reason is FinishReason.CANCELLED
    assert 0 < result.answer_tokens < 200
    assert "".join(deltas) == result.text
    assert engine.counters.tokens_after_cancel <= 1
    neighbour_result = await neighbour.result()
    assert neighbour_result.finish_reason is FinishReason.LENGTH
    assert neighbour_result.answer_tokens == 200


async def test_a_request_cancelled_while_queued_is_never_computed(make_engine):
    engine = make_engine()
    first = await engine.submit(question())
    cancelled = await engine.submit(question())
    third = await engine.submit(question())
    positions = []
    third.on_position(positions.append)

    cancelled.cancel()
    result = await cancelled.result()

    assert result.finish_reason is FinishReason.CANCELLED
    assert result.answer_tokens == 0
    assert result.time_to_first_token is None
    assert engine.queue_length == 2
    await asyncio.sleep(0)
    assert third.queue_position == 2
    assert positions == [2]
    assert cancelled.queue_position == 0

    engine.start()
    await asyncio.gather(first.result(), third.result())
    assert engine.counters.largest_batch == 2
    assert engine.counters.requests_cancelled == 1


async def test_streams_report_their_place_in_the_queue(make_engine):
    engine = make_engine(max_batch_size=1)
    seen: list[int] = []

    async def remember(position: int) -> None:
        seen.append(position)

    streams = [await engine.submit(question(max_new_tokens=2)) for _ in range(2)]
    last = await engine.submit(question(max_new_tokens=2), on_position=remember)
    assert [stream.queue_position for stream in (*streams, last)] == [1, 2, 3]

    engine.start()
    await last.result()
    await asyncio.sleep(0)

    assert seen == [3, 2, 1, 0]
    assert last.queue_position == 0


async def test_a_full_queue_says_busy_at_once(make_engine):
    engine = make_engine(max_queue=2)
    for _ in range(2):
        await engine.submit(question())

    with pytest.raises(EngineBusy, match="busy: 2 requests") as refused:
        await asyncio.wait_for(engine.submit(question()), timeout=5)
    assert refused.value.queue_length == 2


async def test_overrides_out_of_range_are_refused_clearly(engine):
    with pytest.raises(InvalidRequest, match="max_new_tokens must be between 1 and 256"):
        await engine.submit(question(max_new_tokens=257))
    with pytest.raises(InvalidRequest, match="temperature"):
        await engine.submit(question(temperature=2.5))
    with pytest.raises(InvalidRequest, match="top_p"):
        await engine.submit(question(top_p=1.5))


async def test_a_message_too_long_for_the_context_is_refused(make_engine):
    engine = make_engine(context_tokens=600)

    with pytest.raises(PromptTooLong):
        await engine.submit(question("pain " * 1000))


async def test_a_failing_request_fails_alone_and_the_engine_goes_on(make_engine, tiny_model, monkeypatch):
    generate = tiny_model.model.generate

    def choke_on_images(**inputs):
        if "pixel_values" in inputs:
            raise RuntimeError("the vision tower choked")
        return generate(**inputs)

    monkeypatch.setattr(tiny_model.model, "generate", choke_on_images)
    engine = make_engine()
    streams = [
        await engine.submit(question("Text only")),
        await engine.submit(question("With a picture", images=[an_image()])),
        await engine.submit(question("Text again")),
    ]

    engine.start()
    results = await asyncio.gather(*(stream.result() for stream in streams))

    reasons = [result.finish_reason for result in results]
    assert reasons == [FinishReason.LENGTH, FinishReason.ERROR, FinishReason.LENGTH]
    assert "the vision tower choked" in results[1].error
    assert engine.counters.batches_retried == 1
    assert engine.counters.requests_failed == 1
    later = await (await engine.submit(question())).result()
    assert later.finish_reason is FinishReason.LENGTH


async def test_a_request_resumes_where_it_was_when_its_batch_fails_midway(make_engine, tiny_model, monkeypatch):
    generate = tiny_model.model.generate
    calls = []

    def fail_first_batch_midway(**inputs):
        calls.append(inputs["input_ids"].shape[0])
        if len(calls) == 1:
            streamer = inputs["streamer"]
            original_put = streamer.put
            steps = []

            def put_then_fail(value):
                original_put(value)
                steps.append(value)
                if len(steps) == 4:
                    raise RuntimeError("out of memory, say")

            streamer.put = put_then_fail
        return generate(**inputs)

    reference_engine = make_engine()
    reference_engine.start()
    reference = await (await reference_engine.submit(question(max_new_tokens=8))).result()
    monkeypatch.setattr(tiny_model.model, "generate", fail_first_batch_midway)
    engine = make_engine()
    streams = [await engine.submit(question(max_new_tokens=8)) for _ in range(2)]

    engine.start()
    results = [await read_all(stream) for stream in streams]

    assert calls == [2, 1, 1]
    for deltas, result in results:
        assert result.finish_reason is FinishReason.LENGTH
        assert result.answer_tokens == 8
        assert "".join(deltas) == result.text == reference.text


async def test_an_answer_ends_at_the_models_end_of_turn(make_engine, tiny_model, monkeypatch):
    # Random weights rarely choose end-of-turn; make the token they choose first mean it.
    prompt = build_prompt(tiny_model.processor, question().turns, context_tokens=4096, max_new_tokens=8)
    with torch.inference_mode():
        output = tiny_model.model.generate(
            **encode_prompt(tiny_model.processor, prompt), max_new_tokens=1, do_sample=False
        )
    monkeypatch.setattr(tiny_model.model.generation_config, "eos_token_id", [int(output[0, -1])])
    engine = make_engine(ignore_eos=False)
    engine.start()

    result = await (await engine.submit(question())).result()

    assert result.finish_reason is FinishReason.STOP
    assert result.answer_tokens == 0
    assert result.text == ""


async def test_stopping_the_engine_fails_waiting_requests(make_engine):
    engine = make_engine()
    stream = await engine.submit(question())

    engine.stop()
    result = await stream.result()

    assert result.finish_reason is FinishReason.ERROR
    assert "shut down" in result.error
    assert engine.status.state is ModelState.READY


async def test_an_internal_fault_fails_everyone_waiting_instead_of_hanging(make_engine, monkeypatch):
    def broken_run(self, jobs):
        raise RuntimeError("a bug in the engine")

    monkeypatch.setattr("chat.inference.engine.BatchRunner.run", broken_run)
    engine = make_engine(max_batch_size=1)
    streams = [await engine.submit(question()) for _ in range(2)]

    engine.start()
    results = await asyncio.gather(*(stream.result() for stream in streams))

    assert [result.finish_reason for result in results] == [FinishReason.ERROR, FinishReason.ERROR]
    assert "internal error" in results[0].error
    assert engine.status.state is ModelState.FAILED
