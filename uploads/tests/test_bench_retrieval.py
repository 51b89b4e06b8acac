"""The bench_retrieval command, on a tiny person: it runs end to end and reports every figure."""

import contextlib
import json

from django.core.management import call_command

import uploads.benchmarks.retrieval


def test_it_reports_quality_and_speed(db, monkeypatch, tmp_path, capsys):
    # The test database stands in for the throwaway one the command makes: pytest-django's own must not be replaced.
    monkeypatch.setattr(uploads.benchmarks.retrieval, "throwaway_install", lambda prefix: contextlib.nullcontext())
    call_command(
        "bench_retrieval", "--documents", "3", "--pages", "5", "--questions", "5", "--json", tmp_path / "b.json"
    )
    figures = json.loads((tmp_path / "b.json").read_text())
    assert figures["speed_pages"] == 15
    assert figures["speed_passages"] >= 15
    assert 0 < figures["recall_at_3"] <= 1
    assert figures["question_p95_ms"] >= figures["question_p50_ms"] > 0
    assert "recall_at_3" in capsys.readouterr().out
