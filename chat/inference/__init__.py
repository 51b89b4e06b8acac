"""The MedGemma inference engine: plain Python, no Django.

Loading (loading.py), prompts (prompts.py), the batching engine (engine.py), the
tiny test model (tiny_model.py) and the benchmark (bench.py). The Django glue
lives outside this package, in chat/runtime.py and the management commands.
"""
