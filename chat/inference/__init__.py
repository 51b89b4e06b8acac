"""The MedGemma inference engine: plain Python, no Django.

Read in this order, as a request travels:

- types.py: the values that cross the boundary (GenerationRequest in, GenerationResult out).
- engine.py: the public face (submit, the stream, cancel, status) and the decode loop.
- prompts.py, chat_template.py: a conversation becomes the model's inputs, trimmed to fit.
- sampling.py: a request's settings, resolved and checked; jobs.py: a request inside the engine.
- scheduler.py: who joins the running batch at the next step (fair turns, budgets, preemption).
- model_runner.py, kv_cache.py: prefill, merge into the running cache, decode, leave.
- sampler.py, output.py, detokenize.py: each row's next token, and what it means for its caller.
- stream.py: the caller's side of a request, on its own event loop.
- memory.py: the key-value cache budget; counters.py: what the engine has done.
- loading.py, hub_access.py, download.py, tiny_model.py, config.py: getting a model to run.
- bench.py, bench_scenarios.py, static_baseline.py, measuring.py: the benchmark.

The Django glue lives outside this package, in chat/process_engine.py and the management commands.
"""
