"""Streaming a synchronous producer (a ZIP being written) to an ASGI client without holding it in memory."""

from collections.abc import AsyncIterator, Iterator

from asgiref.sync import sync_to_async

_DONE = object()


async def in_thread(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """Each chunk made in Django's sync thread (where its database queries belong), sent as it comes.

    Given a plain iterator, Django's ASGI handler would read it whole before sending anything.
    """
    while (chunk := await sync_to_async(next)(chunks, _DONE)) is not _DONE:
        yield chunk
