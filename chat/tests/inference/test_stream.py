import asyncio
import threading

from chat.inference.stream import GenerationStream
from chat.inference.types import FinishReason, GenerationResult


def a_result(text: str) -> GenerationResult:
    return GenerationResult(
        text=text,
        prompt_tokens=5,
        answer_tokens=3,
        time_to_first_token=0.01,
        tokens_per_second=100.0,
        finish_reason=FinishReason.STOP,
    )


async def test_deltas_pushed_from_another_thread_arrive_in_order_then_the_result():
    stream = GenerationStream("r1", asyncio.get_running_loop(), cancel=lambda: None)
    words = [f"word{number} " for number in range(500)]

    def model_thread() -> None:
        for word in words:
            stream.push_delta(word)
        stream.finish(a_result("".join(words)))

    threading.Thread(target=model_thread).start()
    received = [delta async for delta in stream]

    assert "".join(received) == "".join(words)
    assert (await stream.result()).text == "".join(words)


async def test_cancel_asks_the_engine_to_cancel():
    cancels = []
    stream = GenerationStream("r1", asyncio.get_running_loop(), cancel=lambda: cancels.append(True))

    stream.cancel()

    assert cancels == [True]


async def test_position_observers_hear_each_change_on_the_loop():
    loop = asyncio.get_running_loop()
    stream = GenerationStream("r1", loop, cancel=lambda: None)
    heard: list[tuple[int, bool]] = []
    stream.on_position(lambda position: heard.append((position, asyncio.get_running_loop() is loop)))

    thread = threading.Thread(target=lambda: [stream.set_position(position) for position in (3, 3, 2, 0)])
    thread.start()
    thread.join()
    await asyncio.sleep(0.01)

    assert heard == [(3, True), (2, True), (0, True)]
    assert stream.queue_position == 0


async def test_a_stream_whose_loop_has_closed_is_ignored_quietly():
    other_loop = asyncio.new_event_loop()
    stream = GenerationStream("r1", other_loop, cancel=lambda: None)
    other_loop.close()

    stream.push_delta("nobody listens")
    stream.finish(a_result("nobody listens"))
