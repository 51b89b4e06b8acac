import asyncio

import pytest
import torch

from chat.inference.errors import EngineBusy, InvalidRequest, OwnerBusy, PromptTooLong
from chat.inference.prompts import build_prompt, encode_prompt
from chat.inference.types import FinishReason, ModelState
from chat.tests.inference.helpers import an_image, question, read_all, solo_tokens


async def test_it_streams_deltas_that_join_into_the_answer(engine):
    stream = await engine.submit(question(max_new_tokens=12))

    deltas, result = await read_all(stream)

    assert deltas
    assert "".join(deltas) == result.text
    assert result.finish_reason is FinishReason.LENGTH
    assert result.answer_tokens == 12
    assert len(result.token_ids) == 12
    assert result.prompt_tokens > 0
    assert result.time_to_first_token > 0
    assert result.error == ""


async def test_greedy_answers_repeat(engine):
    first = await (await engine.submit(question())).result()
    second = await (await engine.submit(question())).result()

    assert first.text == second.text


async def test_requests_waiting_together_are_prefilled_together(make_engine):
    engine = make_engine(prefill_tokens_per_step=4096)
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
    assert counters.prefills == 1
    assert counters.largest_batch == 4
    assert counters.requests_served == 4
    # Each row stops at its own max_new_tokens and leaves; the batch ends with the longest.
    assert [result.answer_tokens for result in results] == [3, 9, 6, 5]
    assert counters.steps == 9 - 1
    assert all(result.finish_reason is FinishReason.LENGTH for result in results)
    assert results[1].prompt_tokens > results[0].prompt_tokens


async def test_answers_are_the_same_as_answering_each_alone(make_engine, full_attention_model):
    engine = make_engine(model=full_attention_model, max_new_tokens_limit=400)
    engine.start()
    requests = [
        question("Tell me about headaches", max_new_tokens=120),
        question("Is this a bruise?", images=[an_image()], max_new_tokens=40),
        question("Short", max_new_tokens=30),
        question(
            "A long question about a fever that has lasted three days, and a cough at night " * 2, max_new_tokens=25
        ),
    ]
    first = await engine.submit(requests[0])
    streams = [first]
    # The others join the running answer at different points of it.
    async for _ in first:
        if len(streams) == len(requests):
            break
        streams.append(await engine.submit(requests[len(streams)]))
        await asyncio.sleep(0.01)
    results = [await stream.result() for stream in streams]

    for request, result in zip(requests, results, strict=True):
        assert list(result.token_ids) == solo_tokens(full_attention_model, request)
    assert engine.counters.prefills >= 3


async def test_a_question_joins_running_answers_at_the_next_step(engine):
    long_ones = [await engine.submit(question(f"Long answer {n}", max_new_tokens=250)) for n in range(3)]
    async for _ in long_ones[0]:
        break

    short = await (await engine.submit(question("Quick one", max_new_tokens=3))).result()

    assert short.finish_reason is FinishReason.LENGTH
    assert not any(stream._finished.is_set() for stream in long_ones)
    results = await asyncio.gather(*(stream.result() for stream in long_ones))
    assert [result.answer_tokens for result in results] == [250, 250, 250]


async def test_a_batch_holds_at_most_max_batch_size(make_engine):
    engine = make_engine(max_batch_size=2)
    streams = [await engine.submit(question(max_new_tokens=2)) for _ in range(5)]

    engine.start()
    results = await asyncio.gather(*(stream.result() for stream in streams))

    assert engine.counters.largest_batch == 2
    assert all(result.answer_tokens == 2 for result in results)


async def test_the_memory_budget_makes_requests_wait_instead_of_running_out(make_engine, tiny_model):
    prompt = build_prompt(tiny_model.processor, question().turns, context_tokens=4096, max_new_tokens=8)
    engine = make_engine(kv_cache_tokens=2 * (prompt.token_count + 8))
    streams = [await engine.submit(question()) for _ in range(5)]

    engine.start()
    results = await asyncio.gather(*(stream.result() for stream in streams))

    assert engine.counters.largest_batch == 2
    assert all(result.finish_reason is FinishReason.LENGTH for result in results)


async def test_a_conversation_that_could_never_fit_the_memory_budget_is_refused(make_engine):
    engine = make_engine(kv_cache_tokens=100)

    with pytest.raises(PromptTooLong, match="tokens of the model's memory"):
        await engine.submit(question())


async def test_a_long_prompt_is_prefilled_in_chunks_while_others_run(make_engine, full_attention_model):
    engine = make_engine(model=full_attention_model, prefill_tokens_per_step=64)
    engine.start()
    running = await engine.submit(question("Go on", max_new_tokens=100))
    async for _ in running:
        break
    long_request = question("My symptoms in detail: " + "aching joints and tiredness, " * 20, max_new_tokens=10)

    result = await (await engine.submit(long_request)).result()

    assert result.prompt_tokens > 3 * 64
    assert engine.counters.prefill_chunks >= 4
    assert list(result.token_ids) == solo_tokens(full_attention_model, long_request)
    assert (await running.result()).answer_tokens == 100


async def test_sampling_settings_belong_to_each_row(make_engine):
    engine = make_engine(prefill_tokens_per_step=4096)
    streams = [
        await engine.submit(question(temperature=0.7, top_p=0.9, seed=1)),
        await engine.submit(question()),
        await engine.submit(question(temperature=1.5, top_p=0.5, seed=2)),
    ]

    engine.start()
    results = await asyncio.gather(*(stream.result() for stream in streams))

    assert engine.counters.prefills == 1
    assert all(result.finish_reason is FinishReason.LENGTH for result in results)


async def test_a_seeded_sampled_answer_is_reproducible_alone_or_in_a_batch(make_engine):
    seeded = question(temperature=1.0, top_p=0.95, seed=7, max_new_tokens=30)
    alone_engine = make_engine()
    alone_engine.start()
    alone = await (await alone_engine.submit(seeded)).result()
    again = await (await alone_engine.submit(seeded)).result()
    other_seed = await (await alone_engine.submit(question(temperature=1.0, seed=8, max_new_tokens=30))).result()
    greedy = await (await alone_engine.submit(question(max_new_tokens=30))).result()

    batch_engine = make_engine()
    streams = [await batch_engine.submit(question(f"Neighbour {n}", temperature=0.9)) for n in range(3)]
    streams.insert(1, await batch_engine.submit(seeded))
    batch_engine.start()
    in_batch = await streams[1].result()
    await asyncio.gather(*(stream.result() for stream in streams))

    assert again.token_ids == alone.token_ids == in_batch.token_ids
    assert other_seed.token_ids != alone.token_ids
    assert greedy.token_ids != alone.token_ids


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


async def test_a_cancel_in_the_middle_leaves_the_others_exact(make_engine, full_attention_model):
    engine = make_engine(model=full_attention_model, max_new_tokens_limit=400)
    keep = [
        question("First", max_new_tokens=60),
        question("Third, with a longer prompt than the rest", max_new_tokens=40),
    ]
    streams = [await engine.submit(keep[0]), await engine.submit(question("Doomed", max_new_tokens=300))]
    streams.append(await engine.submit(keep[1]))
    engine.start()

    async for _ in streams[1]:
        streams[1].cancel()
    results = [await stream.result() for stream in streams]

    assert results[1].finish_reason is FinishReason.CANCELLED
    assert list(results[0].token_ids) == solo_tokens(full_attention_model, keep[0])
    assert list(results[2].token_ids) == solo_tokens(full_attention_model, keep[1])


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
    assert engine.counters.prefills == 1
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


async def test_turns_alternate_between_people_and_positions_say_so(make_engine):
    engine = make_engine(max_batch_size=1)
    alice = [await engine.submit(question(f"Alice {n}", owner="alice", max_new_tokens=2)) for n in range(3)]
    bob = await engine.submit(question("Bob", owner="bob", max_new_tokens=2))

    # Bob's one question goes after Alice's first, not after all three.
    assert [stream.queue_position for stream in alice] == [1, 3, 4]
    assert bob.queue_position == 2

    engine.start()
    await bob.result()
    assert not alice[1]._finished.is_set()


async def test_someone_with_many_questions_cannot_keep_others_waiting(make_engine):
    engine = make_engine(max_batch_size=2, max_new_tokens_limit=400)
    flood = [await engine.submit(question(f"Mine {n}", owner="alice", max_new_tokens=300)) for n in range(6)]
    engine.start()
    async for _ in flood[0]:
        break

    bob = await (await engine.submit(question("Bob's turn", owner="bob", max_new_tokens=3))).result()

    assert bob.finish_reason is FinishReason.LENGTH
    assert engine.counters.preemptions >= 1
    assert not any(stream._finished.is_set() for stream in flood)
    # The preempted answer resumed where it stopped: nothing lost, nothing repeated.
    results = await asyncio.gather(*(stream.result() for stream in flood))
    assert all(result.answer_tokens == 300 for result in results)
    assert len({result.token_ids for result in results}) == 6


async def test_a_preempted_answer_is_the_same_as_an_uninterrupted_one(make_engine, full_attention_model):
    engine = make_engine(model=full_attention_model, max_batch_size=2, max_new_tokens_limit=400)
    alices = [question(f"Alice's long answer {n}", owner="alice", max_new_tokens=80) for n in range(2)]
    streams = [await engine.submit(request) for request in alices]
    engine.start()
    async for _ in streams[1]:
        break

    await (await engine.submit(question("Bob", owner="bob", max_new_tokens=5))).result()

    assert engine.counters.preemptions == 1
    for request, stream in zip(alices, streams, strict=True):
        assert list((await stream.result()).token_ids) == solo_tokens(full_attention_model, request)


async def test_one_person_may_have_only_so_many_answers_under_way(make_engine):
    engine = make_engine(max_active_per_owner=2)
    first = await engine.submit(question(owner="alice"))
    await engine.submit(question(owner="alice"))

    with pytest.raises(OwnerBusy, match="You already have 2 answers being written"):
        await engine.submit(question(owner="alice"))
    await engine.submit(question(owner="bob"))
    first.cancel()
    await first.result()
    await engine.submit(question(owner="alice"))


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
    with pytest.raises(InvalidRequest, match="stop takes up to 4 strings"):
        await engine.submit(question(stop=("a", "b", "c", "d", "e")))


async def test_a_message_too_long_for_the_context_is_refused(make_engine):
    engine = make_engine(context_tokens=600)

    with pytest.raises(PromptTooLong):
        await engine.submit(question("pain " * 1000))


async def test_an_answer_ends_before_its_stop_string(make_engine):
    engine = make_engine()
    engine.start()
    full = await (await engine.submit(question(max_new_tokens=40))).result()
    stop = full.text[len(full.text) // 2 :][:3]
    assert len(stop) == 3

    deltas, stopped = await read_all(await engine.submit(question(max_new_tokens=40, stop=(stop, "never there"))))

    assert stopped.finish_reason is FinishReason.STOP
    assert stopped.text == full.text[: full.text.index(stop)]
    assert "".join(deltas) == stopped.text


async def test_a_failing_prefill_fails_alone_and_the_engine_goes_on(make_engine, tiny_model, monkeypatch):
    forward = tiny_model.model.forward

    def choke_on_images(**inputs):
        if inputs.get("pixel_values") is not None:
            raise RuntimeError("the vision tower choked")
        return forward(**inputs)

    monkeypatch.setattr(tiny_model.model, "forward", choke_on_images)
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
    assert engine.counters.prefills_retried == 1
    assert engine.counters.requests_failed == 1
    later = await (await engine.submit(question())).result()
    assert later.finish_reason is FinishReason.LENGTH


async def test_rows_resume_where_they_were_when_a_decode_step_fails(make_engine, tiny_model, monkeypatch):
    reference_engine = make_engine()
    reference_engine.start()
    reference = await (await reference_engine.submit(question(max_new_tokens=8))).result()
    forward = tiny_model.model.forward
    decode_steps = []

    def fail_fourth_step(**inputs):
        if inputs["input_ids"].shape == (2, 1):
            decode_steps.append(1)
            if len(decode_steps) == 4:
                raise RuntimeError("out of memory, say")
        return forward(**inputs)

    monkeypatch.setattr(tiny_model.model, "forward", fail_fourth_step)
    engine = make_engine()
    streams = [await engine.submit(question(max_new_tokens=8)) for _ in range(2)]

    engine.start()
    results = [await read_all(stream) for stream in streams]

    assert engine.counters.steps_retried == 1
    for deltas, result in results:
        assert result.finish_reason is FinishReason.LENGTH
        assert result.token_ids == reference.token_ids
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


async def test_stopping_the_engine_ends_running_answers(engine):
    stream = await engine.submit(question(max_new_tokens=250))
    async for _ in stream:
        break

    engine.stop()
    result = await stream.result()

    assert result.finish_reason is FinishReason.CANCELLED


async def test_an_internal_fault_fails_everyone_waiting_instead_of_hanging(make_engine, monkeypatch):
    def broken_schedule(self, running, *, chunk_in_flight):
        raise RuntimeError("a bug in the engine")

    monkeypatch.setattr("chat.inference.engine.Scheduler.schedule", broken_schedule)
    engine = make_engine(max_batch_size=1)
    streams = [await engine.submit(question()) for _ in range(2)]

    engine.start()
    results = await asyncio.gather(*(stream.result() for stream in streams))

    assert [result.finish_reason for result in results] == [FinishReason.ERROR, FinishReason.ERROR]
    assert "internal error" in results[0].error
    assert engine.status.state is ModelState.FAILED
