"""The engine's second backend: answers streamed from an OpenAI-compatible server (vLLM serving MedGemma).

It has the local engine's interface (start, stop, status, submit, the same stream and errors),
so the worker and everything behind it can't tell them apart. Plain Python, no Django. Read in
this order:

- config.py: where the server is and what may be asked of it.
- engine.py: submit, fair turns and limits kept here, one upstream stream per answer, stop.
- fair_queue.py: who is sent upstream next when the in-flight limit is reached.
- messages.py: a conversation becomes OpenAI chat messages, trimmed to the server's context.
- options.py: a request's sampling settings become the request's parameters.
- failures.py: what went wrong upstream, in words for the person, and whether to try again.
- health.py: the server's state, polled in the background (reachable, its context, its queue).
- clients.py: one openai.AsyncOpenAI per event loop.
"""
