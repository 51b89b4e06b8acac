"""Retrieval over a person's records: their files' text in passages, found by BM25, cited by page."""
