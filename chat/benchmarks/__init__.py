"""The benchmarks, in one place.

- engine.py: the inference engine against plain generate (`manage.py bench_inference`), with
  scenarios.py (joins, random arrivals against static_baseline.py, fair turns).
- stack.py: the whole stack, real daphne and WebSockets included (`manage.py bench_chat`).
- measuring.py: the percentile and stream reader both use, so their figures mean the same.
"""
