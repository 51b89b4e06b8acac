"""Small measuring tools both benchmarks use, so that their figures mean the same thing."""


async def consume(stream):
    """Read a stream to its end and return its result."""
    async for _ in stream:
        pass
    return await stream.result()


def percentile(values: list[float], percent: int) -> float:
    """The nearest-rank percentile, as both benchmarks report it."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]
