"""The MedGemma inference engine: plain Python, no Django.

Read in this order, as a request travels:

- types.py: the values that cross the boundary (GenerationRequest in, GenerationResult out).
- engine.py: the public face (submit, the stream, cancel, status) and the decode loop.
- prompts.py, chat_template.py: a conversation becomes the model's inputs, trimmed to fit.
- sampling.py: a request's settings, resolved and checked; jobs.py: a request inside the engine.
- scheduler.py: who joins the running batch at the next step (fair turns, budgets, preemption).
- model_runner.py, kv_cache.py: prefill, merge into the running cache, decode, leave.
- sampler.py, output.py, detokenize.py: each row's next token, and what it means for its caller.
- constraints.py: a row held to a JSON schema (GenerationRequest.json_schema), masked before its choice.
- stream.py: the caller's side of a request, on its own event loop.
- memory.py: the key-value cache budget; counters.py: what the engine has done.
- config.py: how an engine is set up.
- loading/: getting a model to run: loader.py (load it, or say plainly why not), hub_access.py
  and download.py (the Hub), tiny_model.py (MedGemma's classes with random weights, for tests
  and benchmarks) and chat_template.py.

The Django glue lives outside this package, in chat/generation/; the benchmarks of this engine
and of the whole stack are in chat/benchmarks/.
"""
