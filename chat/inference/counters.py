"""What the engine has done, for tests, the benchmark and the logs."""

from dataclasses import dataclass


@dataclass
class EngineCounters:
    # generate calls, including the one-by-one retries of a failed batch.
    batches_run: int = 0
    largest_batch: int = 0
    # Batches that failed and whose requests were retried one by one.
    batches_retried: int = 0
    # Requests finished, whatever the reason; failed and cancelled ones are counted apart as well.
    requests_served: int = 0
    requests_failed: int = 0
    requests_cancelled: int = 0
    # Answer tokens, end-of-turn tokens not included.
    tokens_generated: int = 0
    # Tokens computed for cancelled requests after their cancel() (the step in flight counts).
    tokens_after_cancel: int = 0
