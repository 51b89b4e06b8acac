"""The bench_reports command runs end to end and reports every figure (a short chat, one round)."""

import contextlib
import json

from django.core.management import call_command

import chat.benchmarks.reports


def test_it_reports_lab_quality_and_pdf_times(db, monkeypatch, tmp_path, capsys):
    # The test database stands in for the throwaway one the command makes: pytest-django's own must not be replaced.
    monkeypatch.setattr(chat.benchmarks.reports, "throwaway_install", lambda prefix: contextlib.nullcontext())
    monkeypatch.setattr(chat.benchmarks.reports, "CHAT_MESSAGES", 10)
    call_command("bench_reports", "--rounds", "1", "--json", tmp_path / "b.json")
    figures = json.loads((tmp_path / "b.json").read_text())
    assert figures["lab_recall"] >= 0.95 and figures["lab_precision"] >= 0.95
    assert figures["chat_messages"] == 10
    assert figures["chat_pdf_s"] > 0 and figures["appointment_pdf_s"] > 0
    assert figures["appointment_results"] == 50
    assert "chat_pdf_s" in capsys.readouterr().out
