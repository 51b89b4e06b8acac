"""What the engine has done, for tests, the benchmark and the logs."""

from dataclasses import dataclass


@dataclass
class EngineCounters:
    # Decode steps taken for the running batch, and the most rows one of them held.
    steps: int = 0
    largest_batch: int = 0
    # Prefills of newcomers (a group prefilled together counts once), and chunks of long prompts.
    prefills: int = 0
    prefill_chunks: int = 0
    # Group prefills, and decode steps, that failed and whose rows were retried one by one.
    prefills_retried: int = 0
    steps_retried: int = 0
    # Rows sent back to the queue so that someone with fewer rows could run.
    preemptions: int = 0
    # Requests finished, whatever the reason; failed and cancelled ones are counted apart as well.
    requests_served: int = 0
    requests_failed: int = 0
    requests_cancelled: int = 0
    # Answer tokens, end-of-turn tokens not included.
    tokens_generated: int = 0
    # Tokens computed for cancelled requests after their cancel() (the step in flight counts).
    tokens_after_cancel: int = 0
