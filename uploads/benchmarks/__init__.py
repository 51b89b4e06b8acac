"""Measuring retrieval over a person's records: how often it finds the right page, and how fast (bench_retrieval)."""
